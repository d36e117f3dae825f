"""R004: presentation alignments point at an object and a group of the plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import Model
from ryhti.validators.rule import Localized, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

PLAN_OBJECT = Localized(en="plan object", fi="kaavakohde", sv="planobjektet")
REGULATION_GROUP = Localized(en="regulation group", fi="kaavamääräysryhmä", sv="bestämmelsegruppen")


class AlignmentReference(PlanRule):
    """A presentation alignment names an existing plan object and regulation group.

    Anti-pattern: an alignment for a label whose object was removed.

    Best practice: remove the alignment together with the object or group.
    """

    id = "R004"
    name = "alignment-reference"
    official_ids = (
        "quality__req_presentationalignment_plan_object_not_found",
        "quality__req_presentationalignment_planregulationgroup_not_found",
    )
    references = ("R-B04",)
    title = "Presentation alignment refers to a missing object or group"
    why = "Syke refuses alignments for objects or groups that are not in the plan."
    fix = "Correct the key, or remove the alignment."
    messages = texts(
        en="The presentation alignment names {what} {key}, which is not in the plan.",
        fi="Esitystavan kohdistus viittaa kohteeseen {what} {key}, jota ei ole kaavassa.",
        sv="Presentationsplaceringen anger {what} {key}, som inte finns i planen.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        items = pc.plan.presentation_alignments
        if not isinstance(items, list):
            return
        for i, item in enumerate(items):
            if not isinstance(item, Model):
                continue
            path = f"{pc.path}.presentationAlignments[{i}]"
            okey, gkey = item.plan_object_key, item.plan_regulation_group_key
            if isinstance(okey, str) and okey not in pc.object_by_key:
                yield self.finding(
                    ctx,
                    path=f"{path}.planObjectKey",
                    object_key=okey,
                    official_id=self.official_ids[0],
                    what=PLAN_OBJECT,
                    key=okey,
                )
            if isinstance(gkey, str) and gkey not in pc.group_by_key:
                yield self.finding(
                    ctx,
                    path=f"{path}.planRegulationGroupKey",
                    object_key=gkey,
                    official_id=self.official_ids[1],
                    what=REGULATION_GROUP,
                    key=gkey,
                )
