"""V012: main use (paakayttotarkoitus) only on area-reservation regulation types."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.knowledge import area_reservation_types
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class MainUseType(PlanRule):
    """``paakayttotarkoitus`` marks the main use of an area reservation, so it goes only on
    land-use regulation types.

    Anti-pattern: ``rakennusala`` with ``paakayttotarkoitus`` (a building area is a sub-area:
    use ``osaAlue``).

    Best practice: ``asuinkerrostaloalue`` + ``paakayttotarkoitus``; ``rakennusala`` + ``osaAlue``.
    """

    id = "V012"
    name = "main-use-type"
    official_ids = ("quality__req_codelist_additionalinfotype_mainuseclass_areareservation",)
    references = ("R-F10",)
    title = "Main use on a type that is not an area reservation"
    why = "Syke allows paakayttotarkoitus only on the types of the 'aluevaraus' extension."
    fix = "Use osaAlue for sub-areas, or choose a land-use type for the main use."
    approximation = (
        "The 'aluevaraus' extension is approximated by the land-use categories of "
        "RY_Kaavamaarayslaji (housing … water areas, and environmental-value areas); see "
        "ryhti.validators.knowledge."
    )
    messages = texts(
        en="{code} is not an area-reservation type and cannot carry paakayttotarkoitus.",
        fi="{code} ei ole aluevaraustyyppinen kaavamääräyslaji, joten sillä ei voi olla pääkäyttötarkoitusta.",
        sv="{code} är ingen reserveringstyp och kan inte ha paakayttotarkoitus.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        allowed = area_reservation_types(ctx.registry)
        for r in pc.all_regs():
            if r.type is None or r.type in allowed:
                continue
            for info in r.infos:
                if info.type == "paakayttotarkoitus":
                    yield self.finding(ctx, path=f"{info.path}.type", object_key=r.key, code=r.type)
