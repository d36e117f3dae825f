"""R002: object-to-group relations point at objects and groups of the plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import Localized, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

PLAN_OBJECT = Localized(en="plan object", fi="kaavakohde", sv="planobjektet")
REGULATION_GROUP = Localized(en="regulation group", fi="kaavamääräysryhmä", sv="bestämmelsegruppen")


class RelationTarget(PlanRule):
    """Every ``planRegulationGroupRelations`` entry names an existing plan object and group.

    Anti-pattern: a relation left behind after its object was deleted.

    Best practice: write relations from the same key tables as the objects and groups.
    """

    id = "R002"
    name = "relation-target"
    official_ids = (
        "quality__req_spatialplanregulationgrouprelations_key_not_found",
        "quality__req_key_reference_not_exists",
    )
    references = ("R-B02",)
    title = "Relation to a missing object or group"
    why = "A relation to nothing is refused by Syke and means a regulation is lost somewhere."
    fix = "Correct the key, or remove the relation."
    messages = texts(
        en="The relation names {what} {key}, which is not in the plan.",
        fi="Relaatio viittaa kohteeseen {what} {key}, jota ei ole kaavassa.",
        sv="Relationen anger {what} {key}, som inte finns i planen.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        objects, groups = pc.object_by_key, pc.group_by_key
        for path, rel in pc.relations:
            okey, gkey = rel.plan_object_key, rel.plan_regulation_group_key
            if isinstance(okey, str) and okey not in objects:
                yield self.finding(
                    ctx,
                    path=f"{path}.planObjectKey",
                    object_key=okey,
                    what=PLAN_OBJECT,
                    key=okey,
                )
            if isinstance(gkey, str) and gkey not in groups:
                yield self.finding(
                    ctx,
                    path=f"{path}.planRegulationGroupKey",
                    object_key=gkey,
                    what=REGULATION_GROUP,
                    key=gkey,
                )
