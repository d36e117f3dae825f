"""G014: area reservations do not overlap."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.geometry._geom import skipped

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class ReservationOverlap(PlanRule):
    """Area reservations (objects whose group has a regulation with ``paakayttotarkoitus``)
    do not overlap each other. Each overlap is reported with its own geometry.

    Anti-pattern: a VL area drawn over the edge of an AK block.

    Best practice: snap shared edges so neighbouring reservations share their vertices.
    Overlaps not wider than ``tolerance`` (0.5 mm, as Syke allows) are ignored; underground
    reservations (undergroundStatus 01) are compared among themselves.
    """

    id = "G014"
    name = "reservation-overlap"
    official_ids = (
        "quality__req_geom_spatialplanobject_spatialplanregulationtype_area_reservation_prohibited_cutting",
    )
    references = ("R-G02",)
    spatial = True
    title = "Area reservations overlap"
    why = "Every point of a plan has one main use; overlapping reservations give it two."
    fix = "Remove the overlap by snapping the shared edge."
    messages = texts(
        en="Area reservations overlap by {area} m² (width about {width} m) with {other}.",
        fi="Aluevaraukset menevät päällekkäin {area} m² (leveys noin {width} m) kohteen {other} kanssa.",
        sv="Områdesreserveringarna överlappar {area} m² (bredd cirka {width} m) med {other}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for note in pc.coverage.notes:
            if note.kind == "skipped-pair":
                a, b = (pc.objects[r] for r in note.rows)
                other = b.key or b.path
                yield skipped(
                    self,
                    ctx,
                    a.geometry_path,
                    a.key,
                    {
                        "en": f"whether it overlaps {other}",
                        "fi": f"päällekkäisyys kohteen {other} kanssa",
                        "sv": f"om den överlappar {other}",
                    },
                )
        for problem in pc.coverage.overlaps:
            a, b = (pc.objects[r] for r in problem.rows)
            yield self.finding(
                ctx,
                path=a.geometry_path,
                object_key=a.key,
                geometry=problem.geometry,
                area=round(problem.area, 3),
                width=round(problem.width, 3),
                other=b.key or b.path,
                data={"objects": [a.key, b.key], "layer": problem.layer},
            )
