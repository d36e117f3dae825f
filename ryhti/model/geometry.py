"""GeoJSON in the plan model -> shapely geometry arrays, in bulk.

The model keeps geometry as the GeoJSON it came in (so dumping is lossless); the
validators, generators and exporters need GEOS geometries. Building them one by
one with ``shapely.geometry.shape`` costs ~20 µs each, two seconds for a
100,000-object plan, so this module groups geometries by type, flattens their
coordinates into one NumPy array per type and builds them with
``shapely.from_ragged_array`` in a single call. Geometries that cannot be built
(bad nesting, too few points, non-numeric coordinates) come back as ``None``
and :func:`build_error` says why, so a caller can report them instead of crashing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely import GeometryType

from ryhti.model.common import GeoJsonGeometry, RyhtiGeometry

__all__ = ["build_error", "geojson_of", "to_shapely"]

_TYPES = {
    "Point": GeometryType.POINT,
    "LineString": GeometryType.LINESTRING,
    "Polygon": GeometryType.POLYGON,
    "MultiPoint": GeometryType.MULTIPOINT,
    "MultiLineString": GeometryType.MULTILINESTRING,
    "MultiPolygon": GeometryType.MULTIPOLYGON,
}


def geojson_of(item: Any) -> tuple[str, Any] | None:
    """(type, coordinates) of a RyhtiGeometry, GeoJsonGeometry or GeoJSON dict; None if absent."""
    if isinstance(item, RyhtiGeometry):
        item = item.geometry
    if isinstance(item, GeoJsonGeometry):
        gtype, coords = item.type, item.coordinates
    elif isinstance(item, dict):
        gtype, coords = item.get("type"), item.get("coordinates")
    else:
        return None
    if not isinstance(gtype, str) or gtype not in _TYPES or not isinstance(coords, list):
        return None
    return gtype, coords


def to_shapely(items: Sequence[Any]) -> np.ndarray:
    """Build shapely geometries for ``items`` (RyhtiGeometry, GeoJsonGeometry or dicts).

    Returns an object array of the same length; entries that cannot be built are
    ``None``. Each geometry type is built with one vectorised call; only a batch
    that contains a broken geometry falls back to building its members one by one.
    """
    out = np.empty(len(items), dtype=object)
    groups: dict[str, tuple[list[int], list[Any]]] = {}
    for i, item in enumerate(items):
        parsed = geojson_of(item)
        if parsed is None:
            continue
        gtype, coords = parsed
        idx, coord_list = groups.setdefault(gtype, ([], []))
        idx.append(i)
        coord_list.append(coords)
    for gtype, (idx, coord_list) in groups.items():
        try:
            geoms = _build_batch(gtype, coord_list)
        except Exception:
            geoms = [_build_one(gtype, c) for c in coord_list]
        for i, g in zip(idx, geoms, strict=True):
            out[i] = g
    return out


def build_error(item: Any) -> str | None:
    """Why ``item`` cannot be turned into a geometry, or None if it can."""
    parsed = geojson_of(item)
    if parsed is None:
        return "not a GeoJSON geometry of a known type with a coordinates array"
    gtype, coords = parsed
    try:
        _build_batch(gtype, [coords])
    except Exception as exc:
        return f"{gtype} cannot be built: {exc}"
    return None


def _build_one(gtype: str, coords: Any) -> Any:
    try:
        return _build_batch(gtype, [coords])[0]
    except Exception:
        return None


def _positions(seq: list[Any]) -> np.ndarray:
    arr = np.asarray(seq, dtype=float)
    if arr.ndim != 2 or arr.shape[1] not in (2, 3) or arr.shape[0] == 0:
        raise ValueError("positions must be arrays of 2 or 3 numbers")
    if not np.isfinite(arr).all():
        raise ValueError("coordinates must be finite numbers")
    return arr


def _build_batch(gtype: str, coord_list: list[Any]) -> np.ndarray:
    kind = _TYPES[gtype]
    if gtype == "Point":
        return shapely.points(_positions(coord_list))
    if gtype in ("LineString", "MultiPoint"):
        lengths = [len(c) for c in coord_list]
        flat = [p for c in coord_list for p in c]
        offsets = np.cumsum([0, *lengths])
        return shapely.from_ragged_array(kind, _positions(flat), (offsets,))
    if gtype in ("Polygon", "MultiLineString"):
        part_counts = []
        lengths = []
        flat = []
        for c in coord_list:
            part_counts.append(len(c))
            for ring in c:
                lengths.append(len(ring))
                flat.extend(ring)
        return shapely.from_ragged_array(
            kind, _positions(flat), (np.cumsum([0, *lengths]), np.cumsum([0, *part_counts]))
        )
    # MultiPolygon
    poly_counts = []
    ring_counts = []
    lengths = []
    flat = []
    for c in coord_list:
        poly_counts.append(len(c))
        for poly in c:
            ring_counts.append(len(poly))
            for ring in poly:
                lengths.append(len(ring))
                flat.extend(ring)
    return shapely.from_ragged_array(
        kind,
        _positions(flat),
        (np.cumsum([0, *lengths]), np.cumsum([0, *ring_counts]), np.cumsum([0, *poly_counts])),
    )
