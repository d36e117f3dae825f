"""R006: every plan object has a regulation group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class ObjectWithoutGroup(PlanRule):
    """Every plan object is related to at least one regulation group.

    Anti-pattern: an object drawn on the map with no ``planRegulationGroupRelations`` entry.

    Best practice: relate it to the group(s) that say what it is and what applies to it.
    """

    id = "R006"
    name = "object-without-group"
    official_ids = ("quality__req_spatialplanobject_spatialplanregulationgroup_not_empty",)
    references = ("R-B06",)
    title = "Plan object without a regulation group"
    why = "An object without regulations has no legal meaning; Syke refuses it."
    fix = "Relate the object to its regulation group(s), or remove it."
    messages = texts(
        en="The plan object is not related to any regulation group.",
        fi="Kaavakohteeseen ei liity yhtään kaavamääräysryhmää.",
        sv="Planobjektet är inte kopplat till någon bestämmelsegrupp.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for rec in pc.objects:
            if not pc.groups_of(rec):
                yield self.finding(
                    ctx,
                    path=rec.path,
                    object_key=rec.key,
                    geometry=pc.geoms[rec.row] if len(pc.geoms) else None,
                )
