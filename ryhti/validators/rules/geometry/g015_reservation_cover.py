"""G015: area reservations cover the plan area."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

#: Lifecycle statuses in which Syke checks the cover.
STATUSES = frozenset({"03", "04", "05", "06", "12", "13"})


class ReservationCover(PlanRule):
    """In lifecycle 03, 04, 05, 06, 12 and 13 the area reservations together cover the
    plan area. Every gap is reported with its own geometry — including gaps along the
    plan boundary, which a coverage check of the reservations alone cannot see.

    Anti-pattern: a street area left without a reservation; blocks digitised short of the
    plan boundary.

    Best practice: every point of the plan area in exactly one area reservation. Gaps not
    wider than ``tolerance`` (0.5 mm, as Syke allows) are ignored.
    """

    id = "G015"
    name = "reservation-cover"
    official_ids = ("quality__req_geom_spatialplan_area_reservation_cover",)
    references = ("R-G03", "R-J05")
    spatial = True
    title = "Gap in the area reservations"
    why = "Syke requires the main-use reservations to cover the plan area from the preparation phase on."
    fix = "Extend the neighbouring reservations over the gap, or add a reservation for it."
    messages = texts(
        en="{area} m² of the plan area is not covered by any area reservation{where}.",
        fi="{area} m² kaava-alueesta ei kuulu mihinkään aluevaraukseen{where_fi}.",
        sv="{area} m² av planområdet täcks inte av någon områdesreservering{where}.",
    )

    def check_plan(self, ctx: Any, pc: Any) -> Iterator[Finding]:
        if pc.lifecycle not in STATUSES or not pc.objects:
            return  # a plan without objects (boundary only, a directory entry) has nothing to cover
        for problem in pc.coverage.gaps:
            near = [pc.objects[r] for r in problem.rows]
            keys = [r.key for r in near if r.key]
            where = f" (next to {', '.join(keys[:3])})" if keys else ""
            yield self.finding(
                ctx,
                path=near[0].geometry_path if near else f"{pc.path}.geographicalArea",
                object_key=near[0].key if near else None,
                geometry=problem.geometry,
                area=round(problem.area, 3),
                where=where,
                where_fi=f" (kohteiden {', '.join(keys[:3])} vieressä)" if keys else "",
                data={"width": round(problem.width, 4), "objects": keys},
            )
