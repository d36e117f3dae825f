"""R025: groups applied to stored objects only in phased plans."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: Phased plan types: 22 Vaiheyleiskaava, 32 Vaiheasemakaava, 34 Vaiheranta-asemakaava.
PHASED = frozenset({"22", "32", "34"})


class PhasedRelations(PlanRule):
    """``relatedPlanObjectRegulationGroupRelations`` is used only by phased plans
    (vaiheasemakaava 32, vaiheranta-asemakaava 34, vaiheyleiskaava 22).

    Anti-pattern: an ordinary asemakaava (31) applying its groups to stored objects.

    Best practice: an ordinary plan has its own objects; only a phased plan adds
    regulations to objects of the plan it supplements.
    """

    id = "R025"
    name = "phased-relations"
    official_ids = ("quality__req_relatedplanobjectregulationgrouprelations_not_allowed",)
    references = ("R-H11",)
    title = "Relations to stored objects in a plan that is not phased"
    why = "Syke allows these relations only for phased plan types."
    fix = "Remove them, or use the phased plan type."
    messages = texts(
        en="relatedPlanObjectRegulationGroupRelations is allowed only in phased plans, not in plan type {plan_type}.",
        fi="relatedPlanObjectRegulationGroupRelations on sallittu vain vaihekaavoissa, ei kaavalajissa {plan_type}.",
        sv="relatedPlanObjectRegulationGroupRelations är tillåtet bara i etappvisa planer, inte i plantyp {plan_type}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        items = pc.plan.related_plan_object_regulation_group_relations
        if ctx.plan_type is None or ctx.plan_type in PHASED:
            return
        if isinstance(items, list) and items:
            yield self.finding(
                ctx,
                path=f"{pc.path}.relatedPlanObjectRegulationGroupRelations",
                plan_type=ctx.plan_type,
            )
