"""G026: building-side lines lie on a building area."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import shapely

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

SIDES = frozenset(
    {
        "rakennusalanSivuJotaKoskeeTarkempiMaarays",
        "rakennuksenSivuJossaSuoraUloskayntiPorrashuoneista",
        "ikkunatonSeina",
    }
)


class BuildingSideLines(PlanRule):
    """Objects marking a side of a building area (a more detailed regulation for the side,
    direct exits from stairwells, windowless walls) touch an object with ``rakennusala``.

    Anti-pattern: the sound-insulation line drawn a metre away from the building area.

    Best practice: the line follows the building area's edge and refers to it with
    ``relatedPlanObjectKeys``.
    """

    id = "G026"
    name = "building-side-lines"
    references = ("R-J03",)
    severity = Severity.WARNING
    plan_levels = ("asemakaava",)
    spatial = True
    title = "Building-side line away from any building area"
    why = "The asemakaava profile draft ties these lines to the building area whose side they regulate."
    fix = "Snap the line onto the building area's edge."
    messages = texts(
        en="The {code} object does not touch any building area (rakennusala).",
        fi="Kaavakohde ({code}) ei kosketa yhtään rakennusalaa.",
        sv="Objektet ({code}) rör inte någon byggnadsyta (rakennusala).",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        types = pc.object_types
        areas = np.array(
            [("rakennusala" in t) and pc.usable[i] for i, t in enumerate(types)], dtype=bool
        )
        sides = [i for i, t in enumerate(types) if t & SIDES and pc.usable[i]]
        if not sides:
            return
        tol = max(ctx.config.tolerance, ctx.config.containment_tolerance, 0.01)
        area_rows = np.flatnonzero(areas)
        tree = shapely.STRtree(pc.geoms[area_rows].astype(object)) if len(area_rows) else None
        for row in sides:
            hit = False
            if tree is not None:
                found = tree.query(pc.geoms[row], predicate="dwithin", distance=tol)
                hit = len(found) > 0
            if not hit:
                rec = pc.objects[row]
                yield self.finding(
                    ctx,
                    path=rec.geometry_path,
                    object_key=rec.key,
                    geometry=pc.geoms[row],
                    code=sorted(types[row] & SIDES)[0],
                )
