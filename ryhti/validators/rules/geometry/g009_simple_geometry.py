"""G009: lines and point sets are simple."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.validators.rule import ALL_KINDS, Rule, texts
from ryhti.validators.rules.geometry._geom import built_indices

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


def crossings(line: Any) -> Any:
    """Points where a line crosses or touches itself (for the finding's location)."""
    noded = shapely.node(line)
    counts: Counter[tuple[float, float]] = Counter()
    for part in shapely.get_parts(noded):
        coords = shapely.get_coordinates(part)
        for xy in (coords[0], coords[-1]):
            counts[(float(xy[0]), float(xy[1]))] += 1
    ends = set()
    for part in shapely.get_parts(line):
        coords = shapely.get_coordinates(part)
        if len(coords) and not (coords[0] == coords[-1]).all():
            ends.update({tuple(map(float, coords[0])), tuple(map(float, coords[-1]))})
    pts = [xy for xy, n in counts.items() if n > 2 or (n == 2 and xy in ends)]
    pts = [xy for xy, n in counts.items() if n > 2] or pts
    return shapely.multipoints(pts) if pts else line


class SimpleGeometry(Rule):
    """Lines do not cross or touch themselves and point sets do not repeat a point
    (polygons are covered by G008).

    Anti-pattern: a LineString that loops over itself; a MultiPoint with the same point twice.

    Best practice: split a looping line into parts; remove duplicate points.
    """

    id = "G009"
    name = "simple-geometry"
    official_ids = ("quality__req_geom_is_simple_detail",)
    references = ("R-C09",)
    kinds = ALL_KINDS
    spatial = True
    title = "Geometry not simple"
    why = "Syke requires OGC-simple geometries: no self-intersections or repeated points."
    fix = "Split the line where it crosses itself, or remove the repeated points."
    messages = texts(
        en="The {gtype} is not simple: it crosses or touches itself, or repeats a point.",
        fi="Geometria ({gtype}) ei ole yksinkertainen: se leikkaa tai sivuaa itseään tai toistaa pisteen.",
        sv="{gtype} är inte enkel: den korsar eller tangerar sig själv eller upprepar en punkt.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        idx = built_indices(ctx)
        if not len(idx):
            return
        shapes = ctx.shapes[idx].astype(object)
        types = shapely.get_type_id(shapes)
        cand = np.flatnonzero(np.isin(types, (1, 4, 5)))
        if not len(cand):
            return
        valid = ctx.shape_valid[idx[cand]]
        simple = shapely.is_simple(shapes[cand])
        for local in cand[valid & ~simple]:
            i = int(idx[local])
            node = ctx.scan.geometries[i]
            shape = ctx.shapes[i]
            where = crossings(shape) if shapely.get_type_id(shape) in (1, 5) else shape
            yield self.finding(
                ctx,
                path=f"{node.path}.geometry",
                object_key=node.owner_key,
                geometry=where,
                gtype=shape.geom_type,
            )
