"""G011: polygon rings run counter-clockwise outside, clockwise inside."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import shapely

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import ALL_KINDS, Rule, texts
from ryhti.validators.rules.geometry._geom import built_indices

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class RingOrientation(Rule):
    """Exterior rings are counter-clockwise and holes clockwise (ISO 19107, GeoJSON RFC 7946).

    Anti-pattern: a clockwise outer ring (common in exports from older CAD tools).

    Best practice: orient rings before export (``ST_ForcePolygonCCW``, ``shapely.orient_polygons``).
    Syke accepts either orientation today (its accepted examples include clockwise rings),
    so this is a warning.
    """

    id = "G011"
    name = "ring-orientation"
    references = ("R-C12",)
    severity = Severity.WARNING
    kinds = ALL_KINDS
    spatial = True
    title = "Ring orientation"
    why = (
        "The data-model drafts require counter-clockwise exteriors and clockwise holes; tools "
        "that follow RFC 7946 may misread other orientations."
    )
    fix = "Re-orient the rings (exterior counter-clockwise, holes clockwise)."
    messages = texts(
        en="{count} ring(s) of the polygon run the wrong way (exterior must be counter-clockwise, holes clockwise).",
        fi="Monikulmion {count} rengasta kulkee väärään suuntaan (ulkoreuna vastapäivään, reiät myötäpäivään).",
        sv="{count} ring(ar) i polygonen går åt fel håll (ytterring moturs, hål medurs).",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        idx = built_indices(ctx)
        if not len(idx):
            return
        shapes = ctx.shapes[idx].astype(object)
        types = shapely.get_type_id(shapes)
        # an invalid ring (zero area, a bow-tie) has no orientation to speak of: G008's
        cand = np.flatnonzero(np.isin(types, (3, 6)) & ctx.shape_valid[idx])
        if not len(cand):
            return
        parts, part_owner = shapely.get_parts(shapes[cand], return_index=True)
        ext = shapely.get_exterior_ring(parts)
        wrong = np.zeros(len(cand), dtype=np.int64)
        ext_ok = shapely.is_ccw(ext)
        np.add.at(wrong, part_owner, (~ext_ok).astype(np.int64))
        n_holes = shapely.get_num_interior_rings(parts)
        if n_holes.any():
            rings, ring_part = shapely.get_rings(parts, return_index=True)
            # get_rings lists each part's exterior first, then its holes
            starts = np.r_[0, np.cumsum(n_holes + 1)[:-1]]
            is_hole = np.ones(len(rings), dtype=bool)
            is_hole[starts] = False
            hole_wrong = shapely.is_ccw(rings[is_hole])
            np.add.at(wrong, part_owner[ring_part[is_hole]], hole_wrong.astype(np.int64))
        for k in np.flatnonzero(wrong):
            i = int(idx[cand[k]])
            node = ctx.scan.geometries[i]
            yield self.finding(
                ctx,
                path=f"{node.path}.geometry",
                object_key=node.owner_key,
                count=int(wrong[k]),
            )
