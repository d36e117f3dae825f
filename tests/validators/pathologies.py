"""Geometry pathologies real GIS data has, applied to one object of a valid plan.

Each function takes the ring (a list of ``[x, y]``, closed, counter-clockwise) of a
square object of the fixture base plan (:mod:`tests.validators.bases`) and returns the
GeoJSON geometry that replaces it — or, for :data:`COPIES`, a changed copy of the whole
object added next to it (a duplicated feature). ``tests/validators/test_pathologies.py``
says which findings each must give; the property tests reuse them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Ring = list[list[float]]


def _poly(*rings: Ring) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [list(r) for r in rings]}


def _box(x0: float, y0: float, x1: float, y1: float) -> Ring:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def _bounds(ring: Ring) -> tuple[float, float, float, float]:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def zero_area(ring: Ring) -> dict[str, Any]:
    """All vertices on one line (a polygon collapsed by snapping)."""
    x0, y0, x1, _ = _bounds(ring)
    mid = (x0 + x1) / 2
    return _poly([[x0, y0], [mid, y0], [x1, y0], [x0, y0]])


def bow_tie(ring: Ring) -> dict[str, Any]:
    """Two corners swapped: the ring crosses itself in the middle."""
    x0, y0, x1, y1 = _bounds(ring)
    return _poly([[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]])


def spike(ring: Ring) -> dict[str, Any]:
    """A zero-width spike 5 m out of the top edge (out and back along one line)."""
    x0, y0, x1, y1 = _bounds(ring)
    mid = (x0 + x1) / 2
    return _poly(
        [[x0, y0], [x1, y0], [x1, y1], [mid, y1], [mid, y1 - 5.0], [mid, y1], [x0, y1], [x0, y0]]
    )


def self_touching(ring: Ring) -> dict[str, Any]:
    """The shell touches itself at one point (an inverted hole drawn in the shell)."""
    x0, y0, x1, y1 = _bounds(ring)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return _poly(
        [
            [x0, y0],
            [cx, y0],
            [cx - 5, cy],
            [cx + 5, cy],
            [cx, y0],
            [x1, y0],
            [x1, y1],
            [x0, y1],
            [x0, y0],
        ]
    )


def hole_outside(ring: Ring) -> dict[str, Any]:
    """A hole drawn 1 km away from its shell."""
    x0, y0, _, _ = _bounds(ring)
    hole = _box(x0 + 1000, y0 + 1000, x0 + 1010, y0 + 1010)[::-1]
    return _poly(ring, hole)


def hole_crossing(ring: Ring) -> dict[str, Any]:
    """A hole that crosses the shell's bottom edge."""
    x0, y0, x1, _ = _bounds(ring)
    mid = (x0 + x1) / 2
    hole = _box(mid - 5, y0 - 5, mid + 5, y0 + 5)[::-1]
    return _poly(ring, hole)


def overlapping_parts(ring: Ring) -> dict[str, Any]:
    """A MultiPolygon of two parts that overlap each other (both inside the original)."""
    x0, y0, x1, y1 = _bounds(ring)
    my = (y0 + y1) / 2
    return {
        "type": "MultiPolygon",
        "coordinates": [[_box(x0, y0, x1, my + 10)], [_box(x0, my - 10, x1, y1)]],
    }


def empty(ring: Ring) -> dict[str, Any]:
    """``"coordinates": []`` (GeoJSON's empty polygon)."""
    return {"type": "Polygon", "coordinates": []}


def empty_hole(ring: Ring) -> dict[str, Any]:
    """A hole given as ``""`` (the input that crashed GEOS)."""
    return {"type": "Polygon", "coordinates": [ring, ""]}


def unclosed(ring: Ring) -> dict[str, Any]:
    """The closing position left out."""
    return _poly(ring[:-1])


def repeated(ring: Ring) -> dict[str, Any]:
    """The second vertex written twice."""
    return _poly([ring[0], ring[1], ring[1], *ring[2:]])


def many_vertices(ring: Ring, n: int = 20_000) -> dict[str, Any]:
    """The bottom edge (on the plan boundary) split into ``n`` collinear pieces."""
    (xa, ya), (xb, yb) = ring[0], ring[1]
    edge = [[xa + (xb - xa) * i / n, ya + (yb - ya) * i / n] for i in range(n)]
    return _poly([*edge, *ring[1:]])


def split_edge(ring: Ring, n: int = 20_000) -> dict[str, Any]:
    """The right edge (shared with the eastern neighbour) split into ``n`` pieces the
    neighbour does not have: ``n - 1`` non-matching vertices."""
    x0, y0, x1, y1 = _bounds(ring)
    edge = [[x1, y0 + (y1 - y0) * i / n] for i in range(1, n)]
    return _poly([[x0, y0], [x1, y0], *edge, [x1, y1], [x0, y1], [x0, y0]])


#: Pathologies that replace an object's geometry.
REPLACE: dict[str, Callable[[Ring], dict[str, Any]]] = {
    "zero-area": zero_area,
    "bow-tie": bow_tie,
    "spike": spike,
    "self-touching": self_touching,
    "hole-outside": hole_outside,
    "hole-crossing": hole_crossing,
    "overlapping-parts": overlapping_parts,
    "empty": empty,
    "empty-hole": empty_hole,
    "unclosed": unclosed,
    "repeated": repeated,
    "many-vertices": many_vertices,
    "split-shared-edge": split_edge,
}

#: Pathologies that add a copy of the object, moved by (dx, dy) metres.
COPIES: dict[str, tuple[float, float]] = {
    "duplicate": (0.0, 0.0),
    "near-duplicate-1mm": (0.001, 0.001),
    "near-duplicate-0.1mm": (0.0001, 0.0001),
}

#: Pathologies that move the shared edge of two neighbours by ``d`` metres into the
#: first one (Syke's tolerance is 0.5 mm: 1 mm is an overlap, 0.1 mm is not).
SHIFTED_EDGE: dict[str, float] = {"edge-off-1mm": 0.001, "edge-off-0.1mm": 0.0001}

ALL = (*REPLACE, *COPIES, *SHIFTED_EDGE)


def apply(
    plan: dict[str, Any], pathology: str, index: int | None, neighbour: int = 1
) -> dict[str, Any]:
    """A copy of ``plan`` with ``pathology`` applied to ``planObjects[index]`` (to the
    plan area when ``index`` is None; only the :data:`REPLACE` ones apply there)."""
    plan = copy.deepcopy(plan)
    if index is None:
        area = plan["geographicalArea"]["geometry"]
        area.update(REPLACE[pathology](area["coordinates"][0]))
        return plan
    obj = plan["planObjects"][index]
    ring = obj["geometry"]["geometry"]["coordinates"][0]
    if pathology in REPLACE:
        obj["geometry"]["geometry"] = REPLACE[pathology](ring)
    elif pathology in COPIES:
        dx, dy = COPIES[pathology]
        twin = copy.deepcopy(obj)
        twin["planObjectKey"] = twin["planObjectKey"][:-4] + "9999"
        twin["geometry"]["geometry"]["coordinates"] = [
            [[x + dx, y + dy] for x, y in r] for r in obj["geometry"]["geometry"]["coordinates"]
        ]
        plan["planObjects"].append(twin)
        for rel in list(plan.get("planRegulationGroupRelations") or []):
            if rel.get("planObjectKey") == obj["planObjectKey"]:
                plan["planRegulationGroupRelations"].append(
                    {**rel, "planObjectKey": twin["planObjectKey"]}
                )
    elif pathology in SHIFTED_EDGE:
        d = SHIFTED_EDGE[pathology]
        other = plan["planObjects"][neighbour]["geometry"]["geometry"]["coordinates"]
        x_shared = max(p[0] for p in ring)
        other[0] = [[x - d if x == x_shared else x, y] for x, y in other[0]]
    else:  # pragma: no cover - a typo in a test
        raise KeyError(pathology)
    return plan
