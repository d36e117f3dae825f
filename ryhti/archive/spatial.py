"""The exact spatial tests behind ``--within``, ``--near`` and ``here``, done once, in GEOS.

The indexes (R*Tree, GiST) only narrow the candidates by bounding box; whether a
geometry really reaches the area is decided here with shapely, on both backends the
same way, so a GeoPackage archive and a PostGIS archive give the same answers:
``--within`` means *intersects* (touching counts), ``--near X,Y,R`` means *within R
metres*, and a point query counts the boundary as inside (*intersects*), as shapely's
point-in-polygon with ``covers`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

__all__ = ["exact_filter", "point_hits"]


def exact_filter(wkbs: Sequence[bytes | None], spec: Any) -> np.ndarray:
    """For each geometry: does it reach the spec's area (``--within``/``--near``)?"""
    if not len(wkbs):
        return np.zeros(0, dtype=bool)
    geoms = shapely.from_wkb(np.array(list(wkbs), dtype=object))
    present = ~shapely.is_missing(geoms)
    out = np.zeros(len(geoms), dtype=bool)
    if spec.near is not None:
        x, y, r = spec.near
        out[present] = shapely.dwithin(geoms[present], shapely.Point(x, y), r)
        return out
    area = spec.extra.get("_area_geom")
    if area is None:
        area = shapely.from_wkb(spec.area_wkb)
        shapely.prepare(area)
        spec.extra["_area_geom"] = area
    out[present] = shapely.intersects(area, geoms[present])
    return out


def point_hits(wkbs: Sequence[bytes | None], x: float, y: float, radius: float) -> np.ndarray:
    """For each geometry: does it cover the point (or lie within ``radius`` of it)?"""
    if not len(wkbs):
        return np.zeros(0, dtype=bool)
    geoms = shapely.from_wkb(np.array(list(wkbs), dtype=object))
    present = ~shapely.is_missing(geoms)
    out = np.zeros(len(geoms), dtype=bool)
    point = shapely.Point(x, y)
    if radius > 0:
        out[present] = shapely.dwithin(geoms[present], point, radius)
    else:
        out[present] = shapely.intersects(geoms[present], point)
    return out
