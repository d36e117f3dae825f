"""R005: groups applied to stored objects are groups of the plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import Model
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class RelatedRelationGroup(PlanRule):
    """``relatedPlanObjectRegulationGroupRelations[].regulationGroupKey`` is a group of the plan.

    Anti-pattern: applying a group of an older phase by its key.

    Best practice: the group is defined in this plan's ``planRegulationGroups``.
    """

    id = "R005"
    name = "related-relation-group"
    official_ids = ("quality__req_regulationgroupkey_not_found",)
    references = ("R-B05",)
    title = "Applied group not in the plan"
    why = "Syke refuses relations to regulation groups that are not in the message."
    fix = "Correct the key, or add the group to the plan."
    messages = texts(
        en="Regulation group {key} is not in the plan's planRegulationGroups.",
        fi="Kaavamääräysryhmää {key} ei ole kaavan kaavamääräysryhmissä.",
        sv="Bestämmelsegruppen {key} finns inte bland planens planRegulationGroups.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        items = pc.plan.related_plan_object_regulation_group_relations
        if not isinstance(items, list):
            return
        for i, item in enumerate(items):
            if not isinstance(item, Model):
                continue
            key = item.regulation_group_key
            if isinstance(key, str) and key not in pc.group_by_key:
                yield self.finding(
                    ctx,
                    path=f"{pc.path}.relatedPlanObjectRegulationGroupRelations[{i}].regulationGroupKey",
                    object_key=key,
                    key=key,
                )
