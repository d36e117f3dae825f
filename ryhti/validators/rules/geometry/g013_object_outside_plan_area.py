"""G013: plan objects lie inside the plan area."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.geometry._geom import outside_parts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


def outside_rows(pc: Any, tol: float) -> np.ndarray:
    """Rows of usable objects not within the plan area (buffered by ``tol``).

    Objects whose bounding box touches no segment of the plan boundary lie wholly on one
    side of it, so one of their positions decides; only the others get a full GEOS test.
    """
    area = pc.area
    rows = pc.tree_rows
    if not len(rows) or not pc.area_usable:
        return np.zeros(0, dtype=np.int64)  # no plan area to compare with: G004/G005/G008
    geoms = pc.geoms[rows].astype(object)
    boundary = shapely.boundary(area)
    coords, ring = shapely.get_coordinates(shapely.get_parts(boundary), return_index=True)
    same = ring[1:] == ring[:-1]
    segs = shapely.linestrings(
        np.stack([coords[:-1][same], coords[1:][same]], axis=1).reshape(-1, 2),
        indices=np.repeat(np.arange(int(same.sum())), 2),
    )
    seg_tree = shapely.STRtree(shapely.buffer(segs, max(tol, 1e-9), quad_segs=1))
    near_local = np.unique(seg_tree.query(geoms)[0])
    near = np.zeros(len(rows), dtype=bool)
    near[near_local] = True
    out = np.zeros(len(rows), dtype=bool)
    far = np.flatnonzero(~near)
    if len(far):
        pts, idx = shapely.get_coordinates(geoms[far], return_index=True)
        owners, first = np.unique(idx, return_index=True)
        shapely.prepare(area)
        inside = shapely.contains_xy(area, pts[first, 0], pts[first, 1])
        out[far[owners[~inside]]] = True
    if near.any():
        zone = shapely.buffer(area, tol) if tol > 0 else area
        shapely.prepare(zone)
        ok = shapely.covered_by(geoms[near_local], zone)
        out[near_local[~ok]] = True
    return rows[np.flatnonzero(out)]


class ObjectOutsidePlanArea(PlanRule):
    """Every plan object lies inside ``geographicalArea`` (within ``containment-tolerance``).

    Anti-pattern: a street area digitised a few metres past the plan boundary.

    Best practice: clip objects to the plan area, or extend the plan area. The finding's
    geometry is the part outside.
    """

    id = "G013"
    name = "object-outside-plan-area"
    official_ids = ("quality__req_geom_spatialplan_spatialplanobject_prohibited_cutting",)
    references = ("R-G01",)
    spatial = True
    title = "Plan object outside the plan area"
    why = "A plan regulates only its own area; Syke refuses objects reaching outside it."
    fix = "Clip the object to the plan area (or correct the plan area)."
    messages = texts(
        en="Part of the plan object lies outside the plan area ({size}).",
        fi="Osa kaavakohteesta on kaava-alueen ulkopuolella ({size}).",
        sv="En del av planobjektet ligger utanför planområdet ({size}).",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        tol = ctx.config.containment_tolerance
        area = pc.area
        for row in outside_rows(pc, tol):
            rec = pc.objects[row]
            part = outside_parts(pc.geoms[row], area, tol)
            if part is None:
                continue
            dim = shapely.get_dimensions(part)
            size = (
                f"{shapely.area(part):.3f} m²"
                if dim == 2
                else f"{shapely.length(part):.3f} m"
                if dim == 1
                else "a point"
            )
            yield self.finding(
                ctx,
                path=rec.geometry_path,
                object_key=rec.key,
                geometry=part,
                size=size,
                data={"area": round(float(shapely.area(part)), 6)},
            )
