"""GeoJSON in the plan model -> shapely geometry arrays, in bulk.

The model keeps geometry as the GeoJSON it came in (so dumping is lossless); the
validators, generators and exporters need GEOS geometries. Building them one by
one with ``shapely.geometry.shape`` costs ~20 µs each, two seconds for a
100,000-object plan, so this module groups geometries by type, flattens their
coordinates into one NumPy array per type and builds them with
``shapely.from_ragged_array`` in a single call. Geometries that cannot be built
(bad nesting, too few points, non-numeric coordinates) come back as ``None``
and :func:`build_error` says why, so a caller can report them instead of crashing.

Nothing reaches GEOS that is not well formed: every ring, line and polygon part is
an array holding at least one element, and every position an array of JSON numbers.
GEOS itself does not check this when it is handed raw offsets; a polygon hole written
as ``""`` once became an empty interior ring on which ``covered_by`` crashed the
process (a segmentation fault, no message). :func:`structure_error` names the fault.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely import GeometryType

from ryhti.model.common import GeoJsonGeometry, RyhtiGeometry

__all__ = [
    "StructureFault",
    "build_error",
    "geojson_of",
    "structure_error",
    "structure_fault",
    "to_shapely",
]

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
    gtype: Any
    coords: Any
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
    ``None``. Only JSON numbers count as coordinates (a numeric string does not).
    Each geometry type is built with one vectorised call when all its members are
    well-formed 2D positions; otherwise the members are built one by one, so a
    broken geometry (or a 3D one, which the validator reports) does not spoil the
    others.
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
        geoms: Any = _fast_batch(gtype, coord_list)
        if geoms is None:
            geoms = [_build_one(gtype, c) for c in coord_list]
        out[np.asarray(idx, dtype=np.int64)] = geoms
    return out


def build_error(item: Any) -> str | None:
    """Why ``item`` cannot be turned into a geometry, or None if it can."""
    parsed = geojson_of(item)
    if parsed is None:
        return "not a GeoJSON geometry of a known type with a coordinates array"
    gtype, coords = parsed
    if not coords:
        return None  # GeoJSON's empty geometry: built, and reported as empty
    try:
        _build_batch(gtype, [coords])
    except Exception as exc:
        return f"{gtype} cannot be built: {exc}"
    return None


def _build_one(gtype: str, coords: Any) -> Any:
    if type(coords) is list and not coords:
        return shapely.from_wkt(f"{gtype.upper()} EMPTY")  # GeoJSON's empty geometry
    try:
        return _build_batch(gtype, [coords])[0]
    except Exception:
        return None


#: What the containers at each nesting level are called (outermost first), for messages.
_LEVEL_NAMES = {
    "MultiPoint": ("positions",),
    "LineString": ("positions",),
    "MultiLineString": ("lines", "line"),
    "Polygon": ("rings", "ring"),
    "MultiPolygon": ("polygons", "polygon", "ring"),
}


@dataclass(frozen=True, slots=True)
class StructureFault:
    """Where the nesting of a geometry's coordinates breaks, in words any language can use.

    ``where``: the containers from the outermost in, each ``(name, 1-based index)``, e.g.
    ``(("polygon", 2), ("ring", 1))``; empty for the coordinates themselves. ``empty``: the
    container is ``[]``; otherwise it is not an array and ``found`` is the type it is.
    """

    where: tuple[tuple[str, int], ...]
    empty: bool
    found: str = ""

    def __str__(self) -> str:
        place = " of ".join(f"{name} {i}" for name, i in reversed(self.where)) or "coordinates"
        return f"{place} is empty" if self.empty else f"{place} is not an array ({self.found})"


def structure_fault(gtype: str, coords: Any) -> StructureFault | None:
    """Why ``coords`` is not a well-formed nesting of arrays for ``gtype``, or None.

    Every container (each polygon, ring and line) must be a non-empty JSON array;
    positions are checked when they are read. The coordinates themselves may be ``[]``,
    GeoJSON's empty geometry (the validator reports it as such). A string, a
    number or an empty array where a ring or a polygon part belongs is refused here,
    before GEOS can build a geometry with an empty part in it.
    """
    if gtype == "Point" or (type(coords) is list and not coords):
        return None  # a position is read later; ``[]`` is GeoJSON's empty geometry
    names = _LEVEL_NAMES[gtype]

    def walk(value: Any, level: int, where: tuple[tuple[str, int], ...]) -> StructureFault | None:
        if type(value) is not list:
            return StructureFault(where, False, type(value).__name__)
        if not value:
            return StructureFault(where, True)
        if level + 1 >= len(names):
            return None
        for i, item in enumerate(value):
            found = walk(item, level + 1, (*where, (names[level + 1], i + 1)))
            if found:
                return found
        return None

    return walk(coords, 0, ())


def structure_error(gtype: str, coords: Any) -> str | None:
    """:func:`structure_fault` in English (``ring 2 of polygon 1 is empty``), or None."""
    fault = structure_fault(gtype, coords)
    return str(fault) if fault is not None else None


#: How many list levels lie between ``coordinates`` and the positions.
_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}
_NUMBERS = frozenset({float, int})


def _fast_batch(gtype: str, coord_list: list[Any]) -> np.ndarray | None:
    """All geometries of one type at once, if every position is two JSON numbers; else None.

    The positions are reached with ``itertools.chain`` (C-level) and read with one
    ``np.fromiter``, about ten times faster than converting nested lists with NumPy.
    """
    chain = itertools.chain.from_iterable
    depth = _DEPTH[gtype]
    try:
        levels = [coord_list]
        for _ in range(depth):
            level = levels[-1]
            # every container must be a non-empty array (a "" or [] ring would reach GEOS)
            if set(map(type, level)) != {list} or not all(level):
                return None
            levels.append(list(chain(level)))
        positions = levels[-1]
        if not positions or set(map(len, positions)) != {2}:
            return None
        if not set(map(type, chain(positions))) <= _NUMBERS:
            return None
        flat = np.fromiter(chain(positions), dtype=float, count=2 * len(positions))
    except (TypeError, ValueError):
        return None
    if not np.isfinite(flat).all():
        return None
    xy = flat.reshape(-1, 2)
    try:
        if gtype == "Point":
            return shapely.points(xy)
        offsets = [
            np.concatenate([[0], np.cumsum(list(map(len, levels[level - 1])))])
            for level in range(depth, 0, -1)
        ]
        return shapely.from_ragged_array(_TYPES[gtype], xy, tuple(offsets))
    except Exception:
        return None


def _positions(seq: list[Any]) -> np.ndarray:
    if not seq or not all(type(p) is list and p and set(map(type, p)) <= _NUMBERS for p in seq):
        raise ValueError("positions must be arrays of 2 or 3 JSON numbers")
    arr = np.asarray(seq, dtype=float)
    if arr.ndim != 2 or arr.shape[1] not in (2, 3):
        raise ValueError("positions must be arrays of 2 or 3 numbers")
    if not np.isfinite(arr).all():
        raise ValueError("coordinates must be finite numbers")
    return arr


def _build_batch(gtype: str, coord_list: list[Any]) -> np.ndarray:
    for coords in coord_list:
        problem = structure_error(gtype, coords)
        if problem:
            raise ValueError(problem)
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
