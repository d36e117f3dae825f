"""R003: relatedPlanObjectKeys point at objects of the plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class RelatedObjectKey(PlanRule):
    """Every key in a plan object's ``relatedPlanObjectKeys`` is the key of another object
    of the same plan.

    Anti-pattern: a building area related to the key of a block that was renumbered.

    Best practice: relate building areas to the block (area reservation) they lie in.
    """

    id = "R003"
    name = "related-object-key"
    official_ids = ("quality__req_key_reference_not_exists",)
    references = ("R-B03",)
    title = "Related object not in the plan"
    why = "Syke refuses references to keys that are not in the message."
    fix = "Correct the key, or use relatedPlanObjectUris for an object of a stored plan."
    messages = texts(
        en="Related plan object {key} is not in the plan.",
        fi="Liittyvää kaavakohdetta {key} ei ole kaavassa.",
        sv="Det relaterade planobjektet {key} finns inte i planen.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        objects = pc.object_by_key
        for rec in pc.objects:
            keys = rec.obj.related_plan_object_keys
            if not isinstance(keys, list):
                continue
            for i, key in enumerate(keys):
                if isinstance(key, str) and key not in objects:
                    yield self.finding(
                        ctx,
                        path=f"{rec.path}.relatedPlanObjectKeys[{i}]",
                        object_key=rec.key,
                        key=key,
                    )
