"""L023: a saved plan with objects has its plan map."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import SAVE_KINDS, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

STATUSES = frozenset({"03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13"})


class PlanMaps(PlanRule):
    """A plan saved in lifecycle 03–13 that has plan objects has at least one ``planMaps`` entry.

    Anti-pattern: saving the approved plan's data without the GeoTIFF plan map.

    Best practice: upload the plan map and refer to it with ``fileKey``. (Syke's public
    validation does not require it: Spatineo's accepted proposals have none.)
    """

    id = "L023"
    name = "plan-maps"
    official_ids = ("quality__req_spatialplanmap_mandatory",)
    references = ("R-E28",)
    kinds = SAVE_KINDS
    title = "Plan map missing"
    why = "The plan map is the legally binding presentation of a plan delivered as data."
    fix = "Add planMaps with the uploaded GeoTIFF's fileKey."
    messages = texts(
        en="The plan has plan objects but no plan map (planMaps).",
        fi="Kaavalla on kaavakohteita, mutta ei kaavakarttaa (planMaps).",
        sv="Planen har planobjekt men ingen plankarta (planMaps).",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        maps = pc.plan.plan_maps
        if pc.lifecycle in STATUSES and pc.objects and not (isinstance(maps, list) and maps):
            yield self.finding(ctx, path=f"{pc.path}.planMaps")
