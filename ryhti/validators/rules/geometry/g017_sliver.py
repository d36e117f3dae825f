"""G017: no sliver-sized polygons or polygon parts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import shapely

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.geometry._geom import width

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class Sliver(PlanRule):
    """Polygon objects (and each part of a multipolygon) are larger than ``sliver-area``
    (1 m²) and wider than ``sliver-width`` (0.5 m, estimated as 2·area/perimeter).

    Anti-pattern: a 0.2 m² leftover of a block after a boundary was moved; a 5 cm wide strip.

    Best practice: merge slivers into the neighbouring object or delete them.
    """

    id = "G017"
    name = "sliver"
    severity = Severity.WARNING
    spatial = True
    title = "Sliver polygon"
    why = "Slivers are almost always digitising leftovers; they clutter the map and the data."
    fix = "Merge the sliver into its neighbour, or remove it."
    messages = texts(
        en="Polygon part of {area} m² and about {width} m wide is a sliver.",
        fi="Monikulmion osa ({area} m², leveys noin {width} m) on suikale.",
        sv="Polygondelen på {area} m² och cirka {width} m bredd är en flisa.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        rows = np.flatnonzero(pc.polygonal & pc.usable)
        if not len(rows):
            return
        parts, owner = shapely.get_parts(pc.geoms[rows].astype(object), return_index=True)
        area = shapely.area(parts)
        w = width(parts)
        cfg = ctx.config
        small = (area < cfg.sliver_area) | (w < cfg.sliver_width)
        for k in np.flatnonzero(small):
            rec = pc.objects[int(rows[owner[k]])]
            yield self.finding(
                ctx,
                path=rec.geometry_path,
                object_key=rec.key,
                geometry=parts[k],
                area=round(float(area[k]), 3),
                width=round(float(w[k]), 3),
            )
