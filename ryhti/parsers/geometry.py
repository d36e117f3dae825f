"""Geometry preparation in bulk: repair, orient, snap, and GeoJSON out — with a record.

Every step runs on the whole array of a layer at once (shapely 2 vectorised calls);
only the features a step actually changed are looked at one by one, to write down
what happened to them. Nothing is repaired silently: each change becomes a
per-feature repair note that the engine puts in the report (rule CV004).

Order matters: repeated vertices first (they make otherwise fine rings invalid),
then validity (``make_valid``, keeping only parts of the feature's own dimension),
then optional snapping to a grid, then ring orientation (RFC 7946: exterior rings
counter-clockwise, holes clockwise — the order GeoJSON consumers and RYHTI expect).

**Arc tolerance.** Readers of curved sources (GML ``Arc``/``Circle``, DXF arcs)
replace each arc by chords whose greatest distance from the true arc (the sagitta)
is at most :data:`DEFAULT_ARC_TOLERANCE` metres (1 cm), with at least four segments
per arc: closer than any plan map can show and well within survey accuracy.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import shapely
from shapely import GeometryType

from ryhti.errors import InputError

__all__ = [
    "DEFAULT_ARC_TOLERANCE",
    "arc_points",
    "prepare",
    "to_geojson_list",
]

#: Largest distance in metres between an arc and the chords that replace it.
DEFAULT_ARC_TOLERANCE = 0.01
#: Most chords one arc may become. A 1,000 km circle needs about 70,000 at 1 cm; more
#: means coordinates that are not a plan's, and would exhaust the memory.
MAX_ARC_SEGMENTS = 200_000

_POLYGONAL = (GeometryType.POLYGON, GeometryType.MULTIPOLYGON)
_LINEAR = (GeometryType.LINESTRING, GeometryType.MULTILINESTRING, GeometryType.LINEARRING)
_PUNTAL = (GeometryType.POINT, GeometryType.MULTIPOINT)


def arc_points(
    p0: tuple[float, float],
    p1: tuple[float, float],
    p2: tuple[float, float],
    tolerance: float = DEFAULT_ARC_TOLERANCE,
) -> list[tuple[float, float]]:
    """Points along the circular arc through ``p0``, ``p1``, ``p2`` (start, mid, end).

    Includes both end points exactly. Collinear points give the straight segment.
    A full circle (``p0 == p2``) is drawn through ``p1`` as the opposite point.
    """
    (x0, y0), (x1, y1), (x2, y2) = p0, p1, p2
    full = math.isclose(x0, x2, abs_tol=1e-9) and math.isclose(y0, y2, abs_tol=1e-9)
    if full:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    else:
        d = 2 * (x0 * (y1 - y2) + x1 * (y2 - y0) + x2 * (y0 - y1))
        if abs(d) < 1e-12:
            return [p0, p2] if not full else [p0]
        s0, s1, s2 = x0 * x0 + y0 * y0, x1 * x1 + y1 * y1, x2 * x2 + y2 * y2
        cx = (s0 * (y1 - y2) + s1 * (y2 - y0) + s2 * (y0 - y1)) / d
        cy = (s0 * (x2 - x1) + s1 * (x0 - x2) + s2 * (x1 - x0)) / d
    r = math.hypot(x0 - cx, y0 - cy)
    a0 = math.atan2(y0 - cy, x0 - cx)
    a1 = math.atan2(y1 - cy, x1 - cx)
    a2 = math.atan2(y2 - cy, x2 - cx)
    if full:
        sweep = 2 * math.pi
    else:
        # direction: counter-clockwise if the mid point lies on the ccw path from a0 to a2
        ccw = (a1 - a0) % (2 * math.pi) < (a2 - a0) % (2 * math.pi)
        sweep = (a2 - a0) % (2 * math.pi)
        if not ccw:
            sweep = sweep - 2 * math.pi
    if r <= tolerance:
        step_count = 4
    else:
        max_angle = 2 * math.acos(max(-1.0, 1 - tolerance / r))
        if max_angle <= 0.0:  # 1 - tolerance / r rounded to 1: the same angle, computed stably
            max_angle = 4 * math.asin(math.sqrt(tolerance / (2 * r)))
        if max_angle <= 0.0 or abs(sweep) / max_angle > MAX_ARC_SEGMENTS:
            raise InputError(
                f"an arc of radius {r:.3g} m would need more than {MAX_ARC_SEGMENTS:,} chords "
                f"within {tolerance} m",
                hint="check the arc's coordinates (or pass a larger --arc-tolerance)",
            )
        step_count = max(4, math.ceil(abs(sweep) / max_angle))
    points = [p0]
    for i in range(1, step_count):
        a = a0 + sweep * i / step_count
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    points.append(p2 if not full else p0)
    return points


def prepare(
    geometries: np.ndarray, *, snap: float = 0.0
) -> tuple[np.ndarray, dict[int, list[str]], dict[int, str]]:
    """Repair and orient ``geometries`` in bulk.

    Returns the prepared array, repair notes by feature index and, for features that
    cannot be used at all, the reason by index (their entry in the array is None).
    """
    n = len(geometries)
    out = np.asarray(geometries, dtype=object).copy()
    notes: dict[int, list[str]] = {}
    unusable: dict[int, str] = {}
    if n == 0:
        return out, notes, unusable
    missing = np.array([g is None for g in out], dtype=bool)
    present = ~missing
    empty = np.zeros(n, dtype=bool)
    empty[present] = shapely.is_empty(out[present])
    for i in np.flatnonzero(missing | empty):
        unusable[int(i)] = "no geometry" if missing[i] else "empty geometry"
        out[i] = None
    idx = np.flatnonzero(present & ~empty)
    if idx.size == 0:
        return out, notes, unusable
    # 0. coordinates that are not numbers: GEOS would drop such a vertex as "repeated"
    # and the feature would change shape without a word (GDAL reads NaN from GeoJSON/DXF)
    coords, owner = shapely.get_coordinates(out[idx], return_index=True)
    bad = np.unique(owner[~np.isfinite(coords).all(axis=1)])
    for j in bad:
        unusable[int(idx[j])] = "a coordinate is not a finite number (NaN or infinity)"
        out[idx[j]] = None
    if bad.size:
        idx = np.delete(idx, bad)
        if idx.size == 0:
            return out, notes, unusable
    geoms = out[idx]
    types = shapely.get_type_id(geoms)

    # 1. repeated vertices
    before = shapely.get_num_coordinates(geoms)
    geoms = shapely.remove_repeated_points(geoms, 0.0)
    after = shapely.get_num_coordinates(geoms)
    for j in np.flatnonzero(after != before):
        _note(notes, idx[j], f"removed {int(before[j] - after[j])} repeated vertices")

    # 2. validity
    valid = shapely.is_valid(geoms)
    for j in np.flatnonzero(~valid):
        reason = shapely.is_valid_reason(geoms[j])
        fixed = _make_valid_same_dimension(geoms[j], int(types[j]))
        if fixed is None or fixed.is_empty:
            unusable[int(idx[j])] = f"invalid geometry that cannot be repaired ({reason})"
            geoms[j] = None
        else:
            _note(notes, idx[j], f"made valid ({reason}) → {fixed.geom_type}")
            geoms[j] = fixed

    # 3. snapping to a grid within tolerance
    if snap > 0:
        ok = np.array([g is not None for g in geoms], dtype=bool)
        snapped = geoms.copy()
        snapped[ok] = shapely.set_precision(geoms[ok], snap)
        changed = np.zeros(len(geoms), dtype=bool)
        changed[ok] = ~shapely.equals_exact(snapped[ok], geoms[ok], tolerance=0.0)
        for j in np.flatnonzero(changed):
            if snapped[j] is None or snapped[j].is_empty:
                unusable[int(idx[j])] = f"collapses when snapped to a {snap} m grid"
                geoms[j] = None
            else:
                _note(notes, idx[j], f"vertices snapped to a {snap:g} m grid")
                geoms[j] = snapped[j]

    # 4. ring orientation (polygons only)
    ok = np.array([g is not None for g in geoms], dtype=bool)
    poly = ok.copy()
    poly[ok] = np.isin(shapely.get_type_id(geoms[ok]), [3, 6])
    if poly.any():
        oriented = shapely.orient_polygons(geoms[poly], exterior_cw=False)
        changed = ~shapely.equals_exact(oriented, geoms[poly], tolerance=0.0)
        pidx = np.flatnonzero(poly)
        for k in np.flatnonzero(changed):
            _note(notes, idx[pidx[k]], "ring orientation fixed (exterior counter-clockwise)")
        geoms[pidx] = oriented
    out[idx] = geoms
    return out, notes, unusable


def _note(notes: dict[int, list[str]], i: Any, text: str) -> None:
    notes.setdefault(int(i), []).append(text)


def _make_valid_same_dimension(geom: Any, type_id: int) -> Any:
    fixed = shapely.make_valid(geom)
    if fixed.geom_type == "GeometryCollection" or fixed.geom_type != geom.geom_type:
        parts = shapely.get_parts(fixed)
        if type_id in (3, 6):
            keep = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
            if not keep:
                return None
            merged = shapely.union_all(keep)
            return merged
        if type_id in (1, 2, 5):
            keep = [p for p in parts if p.geom_type in ("LineString", "MultiLineString")]
            if not keep:
                return None
            return shapely.line_merge(shapely.union_all(keep)) if len(keep) > 1 else keep[0]
    return fixed


def to_geojson_list(geometries: np.ndarray) -> list[dict[str, Any] | None]:
    """GeoJSON dicts for an array of geometries, built in bulk.

    Coordinates come from ``shapely.to_ragged_array`` per geometry type as one NumPy
    array, turned into Python floats with a single ``tolist`` and sliced into the
    GeoJSON nesting: several times faster than serialising and re-parsing GeoJSON text,
    and the floats are the same doubles (so the JSON is the same).
    """
    out: list[dict[str, Any] | None] = [None] * len(geometries)
    arr = np.asarray(geometries, dtype=object)
    mask = np.array([g is not None for g in arr], dtype=bool)
    if not mask.any():
        return out
    idx = np.flatnonzero(mask)
    geoms = arr[idx]
    types = shapely.get_type_id(geoms)
    has_z = shapely.has_z(geoms)
    for type_id in np.unique(types):
        for z in (False, True):
            sel = (types == type_id) & (has_z == z)
            if not sel.any():
                continue
            chosen = idx[sel]
            if type_id == 2:  # LinearRing: not a GeoJSON type
                for i in chosen:
                    out[int(i)] = json.loads(shapely.to_geojson(arr[i]))
                continue
            for i, item in zip(chosen, _nested(geoms[sel], int(type_id), z), strict=True):
                out[int(i)] = item
    return out


_NAMES = {
    0: "Point",
    1: "LineString",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
}


def _nested(geoms: np.ndarray, type_id: int, z: bool) -> list[dict[str, Any]]:
    """GeoJSON dicts for geometries of one type, from their ragged coordinate arrays."""
    name = _NAMES[type_id]
    _, coords, offsets = shapely.to_ragged_array(geoms, include_z=z)
    pts = coords.tolist()
    if type_id == 0:
        return [{"type": name, "coordinates": p} for p in pts]
    offs = [o.tolist() for o in offsets]

    def spans(level: int, start: int, end: int) -> list[Any]:
        o = offs[level]
        if level == 0:
            return [pts[o[k] : o[k + 1]] for k in range(start, end)]
        return [spans(level - 1, o[k], o[k + 1]) for k in range(start, end)]

    top = offs[-1]
    if type_id in (1, 4):  # LineString, MultiPoint: one level of offsets
        return [{"type": name, "coordinates": pts[top[k] : top[k + 1]]} for k in range(len(geoms))]
    depth = len(offs) - 1
    return [
        {"type": name, "coordinates": spans(depth - 1, top[k], top[k + 1])}
        for k in range(len(geoms))
    ]
