"""V017: use targetings on building sites and building areas are regulation types."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import CodeValue
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

SITES = frozenset({"rakennuspaikka", "rakennusala"})


class TargetingOnBuildingSite(PlanRule):
    """On objects that are building sites (``rakennuspaikka``) or building areas
    (``rakennusala``), ``kayttotarkoituskohdistus`` names a RY_Kaavamaarayslaji code.

    Anti-pattern: a building area's floor area targeted at a Rakennusluokitus code.

    Best practice: ``"code": ".../RY_Kaavamaarayslaji/code/asumisenAlue"`` (as in Spatineo's
    accepted sallittuKerrosala examples).
    """

    id = "V017"
    name = "targeting-on-building-site"
    official_ids = (
        "quality__req_additionalinfotype_intendedusetargeting_buildingsite_coveredarea_value",
    )
    references = ("R-F15",)
    title = "Use targeting on a building site not a regulation type"
    why = (
        "Syke's error catalogue requires RY_Kaavamaarayslaji codes here (its 2024 rule PDF also "
        "names Rakennusluokitus 2018; the error catalogue is followed)."
    )
    fix = "Use the RY_Kaavamaarayslaji code of the use."
    messages = texts(
        en="kayttotarkoituskohdistus on a building site or area must be a RY_Kaavamaarayslaji code, not {value!r}.",
        fi="Rakennuspaikan tai rakennusalan käyttötarkoituskohdistuksen tulee olla RY_Kaavamaarayslaji-koodi, ei {value!r}.",
        sv="kayttotarkoituskohdistus på en byggplats eller byggnadsyta ska vara en RY_Kaavamaarayslaji-kod, inte {value!r}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        seen: set[str] = set()
        for rec, types in zip(pc.objects, pc.object_types, strict=True):
            if not types & SITES:
                continue
            for r in pc.regs_of(rec):
                for info in r.infos:
                    if info.type != "kayttotarkoituskohdistus" or info.path in seen:
                        continue
                    value = info.info.value
                    if (
                        isinstance(value, CodeValue)
                        and isinstance(value.code, str)
                        and ctx.code_value(value.code, "RY_Kaavamaarayslaji") is None
                    ):
                        seen.add(info.path)
                        yield self.finding(
                            ctx,
                            path=f"{info.path}.value.code",
                            object_key=r.key,
                            value=value.code,
                        )
