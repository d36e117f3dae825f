"""X009: building sites of a yleiskaava used for permits say on what basis."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.model import Model
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: oikeusvaik_YK codes of yleiskaavas used directly as the basis of building permits.
PERMIT_BASES = frozenset({"11", "12"})


class BuildingSiteBasis(PlanRule):
    """In a yleiskaava used as the basis of building permits (legal effect 11, MRL 44 §, or
    12, MRL 72 §), each ``rakennuspaikka`` object carries additional information
    ``rakennusluvanPeruste`` with the matching ``oikeusvaik_YK`` code.

    Anti-pattern: a shore yleiskaava (legal effect 12) whose building sites say nothing of
    their permit basis.

    Best practice: ``rakennuspaikka`` + ``rakennusluvanPeruste`` = ``oikeusvaik_YK/code/12``.
    """

    id = "X009"
    name = "building-site-basis"
    references = ("R-J07",)
    severity = Severity.WARNING
    plan_levels = ("yleiskaava",)
    title = "Building site without its permit basis"
    why = (
        "The yleiskaava profile draft ties each building site of an MRL 44/72 § plan to the "
        "legal basis on which permits are granted."
    )
    fix = "Add rakennusluvanPeruste with the oikeusvaik_YK code to the site's regulation."
    messages = texts(
        en="The building site has no rakennusluvanPeruste although the plan is a permit basis ({codes}).",
        fi="Rakennuspaikalla ei ole rakennusluvan perustetta, vaikka kaavaa käytetään rakennusluvan perusteena ({codes}).",
        sv="Byggplatsen saknar rakennusluvanPeruste fast planen är grund för bygglov ({codes}).",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        effects = pc.plan.legal_effect_of_local_master_plans
        codes = (
            {ctx.code_value(c, "oikeusvaik_YK") for c in effects if isinstance(c, str)}
            if isinstance(effects, list)
            else set()
        )
        basis = sorted(c for c in codes & PERMIT_BASES if c is not None)
        if not basis:
            return
        for row, types in enumerate(pc.object_types):
            if "rakennuspaikka" not in types:
                continue
            if "rakennusluvanPeruste" in pc.object_info_types[row]:
                continue
            rec = pc.objects[row]
            yield self.finding(ctx, path=rec.path, object_key=rec.key, codes=basis)
        _ = Model
