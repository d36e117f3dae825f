"""V022: a general regulation group holds a regulation or a recommendation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class GeneralGroupNotEmpty(PlanRule):
    """Every general regulation group has at least one regulation or recommendation.

    Anti-pattern: ``"generalRegulationGroups": [{"generalRegulationGroupKey": "…",
    "titleOfPlanRegulation": {"fin": "Yleismääräykset"}}]``.

    Best practice: give the general regulations, or leave the group out.
    """

    id = "V022"
    name = "general-group-not-empty"
    official_ids = (
        "quality__req_generalregulationgroup_spatialplanregulation_spatialplanrecommendation_not_empty",
    )
    references = ("R-F02",)
    title = "Empty general regulation group"
    why = "Syke refuses a general regulation group with neither regulations nor recommendations."
    fix = "Add the general regulations or recommendations, or remove the group."
    messages = texts(
        en="The general regulation group has no regulation or recommendation.",
        fi="Yleismääräysryhmässä ei ole kaavamääräyksiä eikä kaavasuosituksia.",
        sv="Gruppen av allmänna bestämmelser har inga bestämmelser eller rekommendationer.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for grec in pc.general_groups:
            recs = grec.group.plan_recommendations
            if not grec.regs and not (isinstance(recs, list) and recs):
                yield self.finding(ctx, path=grec.path, object_key=grec.key)
