"""G018: the plan area lies inside (or, when approved, equals) the phase boundary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import shapely

from ryhti.findings import Finding
from ryhti.model import RyhtiGeometry
from ryhti.validators.rule import PHASE_KINDS, Localized, PlanRule, texts
from ryhti.validators.rules.geometry._geom import width

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class PlanAreaInPhase(PlanRule):
    """In 03, 04 and 05 the plan area lies within the phase's ``geographicalArea``; in 06
    Hyväksytty kaava the two are equal.

    Anti-pattern: the plan area extended in the proposal without updating the matter's boundary.

    Best practice: update the phase boundary whenever the plan area changes.
    """

    id = "G018"
    name = "plan-area-in-phase"
    official_ids = (
        "quality__req_geom_spatialplancase_spatialplan_geographicarea_prohibited_cutting",
        "lifecycle__req_geom_spatialplancase_spatialplan_geographicarea_unity",
    )
    references = ("R-G04",)
    kinds = PHASE_KINDS
    spatial = True
    title = "Plan area outside the phase boundary"
    why = "The plan matter's boundary bounds its plans; when approved they must coincide."
    fix = "Make the phase boundary contain (in 06: equal) the plan area."
    messages = texts(
        en="{area} m² of the {what} lies outside the {other}.",
        fi="{area} m² {what} on {other} ulkopuolella.",
        sv="{area} m² av {what} ligger utanför {other}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        phase = pc.phase
        if phase is None or not isinstance(phase.geographical_area, RyhtiGeometry):
            return
        status = ctx.code_value(phase.life_cycle_status, "kaavaelinkaari")
        if status not in ("03", "04", "05", "06"):
            return
        plan_area, phase_area = pc.area, ctx.shape_of(phase.geographical_area)
        if plan_area is None or phase_area is None or phase.geographical_area.srid != pc.srid:
            return
        if not (shapely.is_valid(plan_area) and shapely.is_valid(phase_area)):
            return
        tol = ctx.config.tolerance
        # Finnish takes the elative for the part and the genitive for the other area
        plan_part = Localized(en="plan area", fi="kaava-alueesta", sv="planområdet")
        phase_part = Localized(en="phase boundary", fi="vaiheen rajauksesta", sv="fasens gräns")
        plan_other = Localized(en="plan area", fi="kaava-alueen", sv="planområdet")
        phase_other = Localized(en="phase boundary", fi="vaiheen rajauksen", sv="fasens gräns")
        checks = [(plan_area, phase_area, plan_part, phase_other, 0)]
        if status == "06":
            checks.append((phase_area, plan_area, phase_part, plan_other, 1))
        for inner, outer, what, other, which in checks:
            diff = shapely.difference(inner, outer)
            parts = [p for p in shapely.get_parts(diff) if shapely.get_dimensions(p) == 2]
            parts = [p for p in parts if width([p])[0] > tol]
            if parts:
                geom = shapely.union_all(parts)
                yield self.finding(
                    ctx,
                    path=f"{pc.path}.geographicalArea",
                    geometry=geom,
                    official_id=self.official_ids[which],
                    area=round(float(shapely.area(geom)), 3),
                    what=what,
                    other=other,
                )
