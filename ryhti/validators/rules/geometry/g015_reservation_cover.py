"""G015: area reservations cover the plan area."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import RyhtiGeometry
from ryhti.validators.rule import Localized, PlanRule, texts
from ryhti.validators.rules.geometry._geom import skipped

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

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
        en="{area} m² of the plan area is not covered by any area reservation{where}.{broken}",
        fi="{area} m² kaava-alueesta ei kuulu mihinkään aluevaraukseen{where}.{broken}",
        sv="{area} m² av planområdet täcks inte av någon områdesreservering{where}.{broken}",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        if pc.lifecycle not in STATUSES or not pc.objects:
            return  # a plan without objects (boundary only, a directory entry) has nothing to cover
        coverage = pc.coverage
        for note in coverage.notes:
            if note.kind == "skipped-cover":
                yield skipped(
                    self,
                    ctx,
                    f"{pc.path}.geographicalArea",
                    None,
                    {
                        "en": "the cover of the plan area",
                        "fi": "kaava-alueen kattavuus",
                        "sv": "planområdets täckning",
                    },
                )
        unread = [
            rec.key or rec.path
            for rec in pc.objects
            if pc.main_use[rec.row]
            and pc.geoms[rec.row] is None
            and isinstance(rec.obj.geometry, RyhtiGeometry)
        ]
        unread_note = {
            "en": f" {len(unread)} area reservation(s) whose geometry cannot be read (G004) are "
            f"not counted: {', '.join(unread[:3])}.",
            "fi": f" {len(unread)} aluevarausta, joiden geometriaa ei voi lukea (G004), ei ole "
            f"laskettu mukaan: {', '.join(unread[:3])}.",
            "sv": f" {len(unread)} områdesreservering(ar) vars geometri inte kan läsas (G004) "
            f"räknas inte: {', '.join(unread[:3])}.",
        }
        for problem in coverage.gaps:
            near = [pc.objects[r] for r in problem.rows]
            keys = [r.key for r in near if r.key]
            named = ", ".join(keys[:3])
            where = (
                Localized(
                    en=f" (next to {named})",
                    fi=f" (kohteiden {named} vieressä)",
                    sv=f" (intill {named})",
                )
                if keys
                else ""
            )
            bad = [pc.objects[r] for r in problem.broken]
            bad_keys = ", ".join(r.key or r.path for r in bad[:3])
            first = near[0] if near else bad[0] if bad else None
            yield self.finding(
                ctx,
                path=first.geometry_path if first else f"{pc.path}.geographicalArea",
                object_key=first.key if first else None,
                broken=Localized(
                    en=(
                        f" It borders {bad_keys}, whose invalid geometry (G008) was counted as "
                        "repaired; repairing it may close the gap."
                        if bad
                        else ""
                    )
                    + (unread_note["en"] if unread else ""),
                    fi=(
                        f" Vieressä on {bad_keys}, jonka virheellinen geometria (G008) on "
                        "laskettu korjattuna; sen korjaaminen voi sulkea aukon."
                        if bad
                        else ""
                    )
                    + (unread_note["fi"] if unread else ""),
                    sv=(
                        f" Den gränsar till {bad_keys}, vars ogiltiga geometri (G008) räknades "
                        "som reparerad; att reparera den kan stänga luckan."
                        if bad
                        else ""
                    )
                    + (unread_note["sv"] if unread else ""),
                ),
                geometry=problem.geometry,
                area=round(problem.area, 3),
                where=where,
                data={
                    "width": round(problem.width, 4),
                    "objects": keys,
                    "invalidNeighbours": [r.key for r in bad if r.key],
                },
            )
