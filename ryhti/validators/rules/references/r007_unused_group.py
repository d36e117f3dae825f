"""R007: every regulation group applies to an object."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import Model
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class UnusedGroup(PlanRule):
    """Every plan regulation group is related to a plan object of the plan (or, in a phased
    plan, to a stored object through ``relatedPlanObjectRegulationGroupRelations``).

    Anti-pattern: a group left in the plan after its last object was removed.

    Best practice: remove unused groups.
    """

    id = "R007"
    name = "unused-group"
    official_ids = ("quality__req_spatialplanregulationgroup_spatialplanobject_not_empty",)
    references = ("R-B07",)
    title = "Regulation group not used by any object"
    why = (
        "A group nobody uses is a leftover or a missing relation. Syke reports it as an error "
        "(a 'req' rule), so this rule is an error too; lower it with --severity R007=warning "
        "for work-in-progress plans."
    )
    fix = "Relate the group to its objects, or remove it."
    messages = texts(
        en="The regulation group {title!r} is not related to any plan object.",
        fi="Kaavamääräysryhmä {title!r} ei liity yhteenkään kaavakohteeseen.",
        sv="Bestämmelsegruppen {title!r} är inte kopplad till något planobjekt.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        applied = set()
        items = pc.plan.related_plan_object_regulation_group_relations
        if isinstance(items, list):
            applied = {
                i.regulation_group_key
                for i in items
                if isinstance(i, Model) and isinstance(i.regulation_group_key, str)
            }
        for grec in pc.groups:
            if grec.key is None or grec.key in applied or pc.objects_of(grec.key):
                continue
            title = grec.group.title_of_plan_regulation
            text = title.text() if hasattr(title, "text") else None
            yield self.finding(ctx, path=grec.path, object_key=grec.key, title=text or grec.key)
