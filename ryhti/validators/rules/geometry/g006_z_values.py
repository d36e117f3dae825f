"""G006: positions are two-dimensional."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.validators.rule import ALL_KINDS, Rule, texts
from ryhti.validators.rules.geometry._geom import built_indices

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class ZValues(Rule):
    """Positions have two coordinates, ``[x, y]``.

    Anti-pattern: ``[25496512.1, 6673402.7, 12.5]`` (a height from a 3D CAD export).

    Best practice: drop the heights; elevations are regulations (``…Korkeusasema``).
    """

    id = "G006"
    name = "z-values"
    official_ids = ("quality__req_geom_2d_z_value_not_allowed",)
    references = ("R-C06",)
    kinds = ALL_KINDS
    spatial = True
    title = "Z values in a 2D geometry"
    why = "RYHTI stores plan geometries in 2D; Syke refuses Z values."
    fix = "Remove the third coordinate from every position."
    messages = texts(
        en="The geometry has Z values; positions must be [x, y].",
        fi="Geometriassa on Z-arvoja; sijaintien tulee olla muotoa [x, y].",
        sv="Geometrin har Z-värden; positioner ska vara [x, y].",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        idx = built_indices(ctx)
        if not len(idx):
            return
        shapes = ctx.shapes[idx].astype(object)
        has_z = shapely.has_z(shapes)
        for i in idx[np.flatnonzero(has_z)]:
            node = ctx.scan.geometries[i]
            yield self.finding(
                ctx,
                path=f"{node.path}.geometry.coordinates",
                object_key=node.owner_key,
                geometry=shapely.force_2d(ctx.shapes[i]),
            )
