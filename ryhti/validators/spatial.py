"""Coverage of the plan area by area reservations: gaps, overlaps, non-matching vertices.

Syke requires the main-use area reservations of a plan to cover the plan area
(``quality__req_geom_spatialplan_area_reservation_cover``, tolerance 0.5 mm) and
not to overlap (``…area_reservation_prohibited_cutting``). A planner needs each
fault as its own geometry on the map, so this module finds them all, on any input
the model can load, in a time that stays interactive for 100,000 reservations:

1. **Edge matching** (NumPy, no GEOS): every ring segment of every reservation is
   keyed by its two end points. In a correct coverage each interior segment occurs
   exactly twice, once in each direction (rings oriented first), and each other
   segment is a segment of the plan boundary, run once in the boundary's own
   direction. A polygon owning any other segment (a duplicate runs every segment
   twice the same way; a repeated vertex gives a zero-length one) is a *suspect*.
   The others are a **proven coverage**: across every one of their segments the
   number of reservations covering a point does not change, except at the plan
   boundary where it goes from one to none, so no two of them overlap and each
   segment is shared exactly as GEOS ``CoverageUnion`` requires. Only they go to
   ``coverage_union_all``; in a correct plan there are no suspects and no pairwise
   GEOS work is done at all.
2. **Overlaps**: suspects are queried against an STRtree of the layer; polygonal
   intersections wider than the tolerance are the overlaps.
3. **Non-matching vertices** (T-junctions and near misses): GEOS's own coverage
   validator (``coverage_invalid_edges``, gap width ``junction_distance``) on the
   suspects and the reservations around them names the edges that do not match;
   their vertices that lie on a neighbour's boundary without being one of its
   vertices are the findings.
4. **Gaps**: the proven part's coverage union plus a plain union of the suspects
   (and of the repaired shape of invalid reservations) is subtracted from the plan
   area. This also finds the gaps along the plan boundary, which a coverage check
   of the reservations alone cannot see.

The **slow path** (``scan.FAST_PATHS = False``, used by the tests) skips step 1
and treats every reservation as a suspect: every pair is intersected, GEOS validates
the whole layer and the union is a plain one. Both paths give the same findings,
which the fixture and property tests check on every case.

Widths are estimated as ``2 × area / perimeter`` (the width of a long thin strip),
and parts not wider than ``tolerance`` are not reported. A GEOS exception never ends
the analysis: the operation is retried one geometry at a time, then on a copy
snapped to a 1 µm grid, and a pair it still cannot compare becomes a ``note``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.errors import GEOSException

from ryhti.validators import scan as _scan

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.plan_context import PlanContext

__all__ = ["Coverage", "Problem", "analyse_coverage", "guarded", "segments", "width"]

#: Grid (m) a geometry is snapped to when GEOS cannot handle it as it is.
SNAP_GRID = 1e-6


@dataclass(slots=True)
class Problem:
    """One gap, overlap or non-matching vertex: its geometry and the object rows involved.

    ``broken``: rows of invalid reservations next to the problem (their repaired shape
    was used), so the finding can say that repairing them may change it.
    """

    kind: str
    geometry: Any
    rows: tuple[int, ...]
    layer: str
    area: float = 0.0
    width: float = 0.0
    broken: tuple[int, ...] = ()


@dataclass(slots=True)
class Coverage:
    """Result of :func:`analyse_coverage` for one plan.

    ``notes``: what GEOS could not compute even on a snapped copy: a pair of objects
    (kind ``skipped-pair``) or the cover of a layer (``skipped-cover``); ``suspects``:
    reservations the edge matching could not prove.
    """

    gaps: list[Problem] = field(default_factory=list)
    overlaps: list[Problem] = field(default_factory=list)
    junctions: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    union: Any = None
    suspects: int = 0


def width(geoms: Any) -> np.ndarray:
    """Estimated width of polygons: ``2 × area / perimeter`` (0 for empty ones)."""
    area = shapely.area(geoms)
    length = shapely.length(geoms)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(length > 0, 2.0 * area / length, 0.0)
    return np.asarray(out, dtype=float)


def guarded(fn: Callable[..., Any], *args: Any) -> tuple[np.ndarray, np.ndarray]:
    """``fn(*args)`` (a vectorised shapely function) that a GEOS exception cannot stop.

    Returns ``(result, failed)``: when the vectorised call raises, each element is
    computed on its own; an element that still raises is retried on copies snapped to
    :data:`SNAP_GRID`, and one that fails even then is ``None`` with ``failed`` set.
    """
    arrays = [np.asarray(a, dtype=object) if not np.isscalar(a) else a for a in args]
    try:
        out = np.asarray(fn(*arrays), dtype=object)
        return out, np.zeros(out.shape, dtype=bool)
    except GEOSException:
        pass
    shape = np.broadcast_shapes(*(np.shape(a) for a in arrays))
    flat = [np.broadcast_to(a, shape).ravel() for a in arrays]
    out = np.empty(int(np.prod(shape)), dtype=object)
    failed = np.zeros(len(out), dtype=bool)
    for i in range(len(out)):
        items = [a[i] for a in flat]
        try:
            out[i] = fn(*items)
            continue
        except GEOSException:
            pass
        try:
            snapped = [
                shapely.set_precision(g, SNAP_GRID) if isinstance(g, shapely.Geometry) else g
                for g in items
            ]
            out[i] = fn(*snapped)
        except GEOSException:
            out[i] = None
            failed[i] = True
    return out.reshape(shape), failed.reshape(shape)


def _canonical(geoms: Any) -> Any:
    """The same geometry written one way whichever path computed it (rings start at the
    same vertex; exteriors counter-clockwise, as GeoJSON wants them)."""
    return shapely.orient_polygons(shapely.normalize(geoms))


def segments(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ring segments of (multi)polygons: ``(start xy, end xy, owner index)``.

    Rings are oriented first (exteriors counter-clockwise, holes clockwise) so that
    two neighbours always run along their shared edge in opposite directions.
    """
    oriented = shapely.orient_polygons(geoms)
    parts, part_owner = shapely.get_parts(oriented, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    same = coord_ring[:-1] == coord_ring[1:]
    start = coords[:-1][same]
    end = coords[1:][same]
    owner = part_owner[ring_part[coord_ring[:-1][same]]]
    return start, end, owner


def _undirected(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Segment keys (min point, max point) as an ``n × 4`` array, and the direction flag."""
    swap = (start[:, 0] > end[:, 0]) | ((start[:, 0] == end[:, 0]) & (start[:, 1] > end[:, 1]))
    lo = np.where(swap[:, None], end, start)
    hi = np.where(swap[:, None], start, end)
    return np.hstack([lo, hi]), ~swap


def _group(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sort order, group start positions and group id per sorted row of identical keys."""
    order = np.lexsort((keys[:, 3], keys[:, 2], keys[:, 1], keys[:, 0]))
    k = keys[order]
    if len(k) == 0:
        return order, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    new = np.ones(len(k), dtype=bool)
    new[1:] = np.any(k[1:] != k[:-1], axis=1)
    starts = np.flatnonzero(new)
    gid = np.cumsum(new) - 1
    return order, starts, gid


def _unmatched(
    start: np.ndarray,
    end: np.ndarray,
    boundary_keys: np.ndarray,
    boundary_forward: np.ndarray,
) -> np.ndarray:
    """Boolean mask of segments that prove nothing: not matched by exactly one opposite
    segment of a neighbour, not a plan-boundary segment run once in the boundary's own
    direction, or of zero length (a repeated vertex)."""
    n = len(start)
    if n == 0:
        return np.zeros(0, dtype=bool)
    keys, forward = _undirected(start, end)
    degenerate = np.all(keys[:, :2] == keys[:, 2:], axis=1)
    all_keys = np.vstack([keys, boundary_keys]) if len(boundary_keys) else keys
    all_forward = np.concatenate([forward, boundary_forward]) if len(boundary_keys) else forward
    order, starts, gid = _group(all_keys)
    n_groups = len(starts)
    is_seg = order < n
    counts = np.zeros((4, n_groups), dtype=np.int64)  # reservation fwd/bwd, boundary fwd/bwd
    direction = all_forward[order].astype(np.int64)
    np.add.at(counts[0], gid[is_seg], direction[is_seg])
    np.add.at(counts[1], gid[is_seg], 1 - direction[is_seg])
    np.add.at(counts[2], gid[~is_seg], direction[~is_seg])
    np.add.at(counts[3], gid[~is_seg], 1 - direction[~is_seg])
    fwd, bwd, bfwd, bbwd = counts
    interior = (fwd == 1) & (bwd == 1) & (bfwd + bbwd == 0)
    on_boundary = (fwd + bwd == 1) & (bfwd + bbwd == 1) & (fwd == bfwd)
    group_of_row = np.empty(len(all_keys), dtype=np.int64)
    group_of_row[order] = gid
    ok = (interior | on_boundary)[group_of_row[:n]]
    return ~ok | degenerate


def analyse_coverage(pc: PlanContext) -> Coverage:
    """Find gaps, overlaps and non-matching vertices of the plan's area reservations."""
    cfg = pc.ctx.config
    tol = cfg.tolerance
    result = Coverage()
    area = pc.area
    if not pc.area_usable:
        return result  # G004 / G005 / G008 report the plan area itself
    fast = _scan.FAST_PATHS
    layers = pc.reservation_layers()
    ground_rows = layers[0][1]
    cover_layer = "ground" if len(ground_rows) or len(layers) == 1 else layers[1][0]
    b_start, b_end, _ = segments(np.array([area], dtype=object))
    if len(b_start):
        boundary_keys, boundary_forward = _undirected(b_start, b_end)
    else:
        boundary_keys, boundary_forward = np.zeros((0, 4)), np.zeros(0, dtype=bool)
    # invalid reservations are not compared, but their repaired shape counts for the union
    repaired = pc.repaired
    for layer, rows in layers:
        geoms = pc.geoms[rows].astype(object)
        union = _layer(pc, layer, rows, geoms, boundary_keys, boundary_forward, result, fast)
        if layer == cover_layer:
            extra = [
                g
                for r, g in repaired.items()
                if g is not None and bool(pc.underground[r]) == (layer == "underground")
            ]
            if extra and union is not None:
                union = _union_all([union, *extra], result, layer, rows)
            result.union = union
            _gaps(pc, layer, rows, geoms, area, union, tol, result, repaired)
    return result


def _union_all(geoms: list[Any], result: Coverage, layer: str, rows: np.ndarray) -> Any:
    """A plain union that a GEOS exception cannot stop (parts it cannot merge are noted)."""
    try:
        return shapely.union_all(geoms)
    except GEOSException:
        pass
    try:
        return shapely.union_all([shapely.set_precision(g, SNAP_GRID) for g in geoms])
    except GEOSException:
        result.notes.append(Problem("skipped-cover", None, tuple(int(r) for r in rows), layer))
        return None


def _layer(
    pc: PlanContext,
    layer: str,
    rows: np.ndarray,
    geoms: np.ndarray,
    boundary_keys: np.ndarray,
    boundary_forward: np.ndarray,
    result: Coverage,
    fast: bool,
) -> Any:
    """Overlaps and non-matching vertices in one layer; returns the layer's union."""
    cfg = pc.ctx.config
    tol = cfg.tolerance
    dist = max(cfg.junction_distance, tol)
    n = len(rows)
    if n == 0:
        return shapely.Polygon()
    if fast:
        start, end, owner = segments(geoms)
        unmatched = _unmatched(start, end, boundary_keys, boundary_forward)
        suspects = np.unique(owner[unmatched])
    else:
        suspects = np.arange(n)
    result.suspects += len(suspects)
    if len(suspects) == 0:
        try:
            return shapely.coverage_union_all(geoms)  # proven a valid coverage above
        except GEOSException:  # pragma: no cover - the proof says this cannot happen
            return _union_all(list(geoms), result, layer, rows)
    tree = shapely.STRtree(geoms)
    mine = _overlaps(layer, rows, geoms, suspects, tree, tol, result)
    _junctions(layer, rows, geoms, suspects, tree, dist, mine, result)
    proven = np.setdiff1d(np.arange(n), suspects)
    if len(proven):
        try:
            base = shapely.coverage_union_all(geoms[proven])
        except GEOSException:  # pragma: no cover - proven above
            base = _union_all(list(geoms[proven]), result, layer, rows[proven])
    else:
        base = shapely.Polygon()
    if base is None:
        return None
    return _union_all([base, *geoms[suspects]], result, layer, rows[suspects])


def _overlaps(
    layer: str,
    rows: np.ndarray,
    geoms: np.ndarray,
    suspects: np.ndarray,
    tree: Any,
    tol: float,
    result: Coverage,
) -> list[Any]:
    """Overlaps between a suspect and any other reservation of the layer (each pair once)."""
    left, right = tree.query(geoms[suspects], predicate="intersects")
    left = suspects[left]
    keep = left != right
    pairs = np.unique(np.sort(np.stack([left[keep], right[keep]], axis=1), axis=1), axis=0)
    if not len(pairs):
        return []
    inter, failed = guarded(shapely.intersection, geoms[pairs[:, 0]], geoms[pairs[:, 1]])
    for a, b in pairs[failed]:
        result.notes.append(Problem("skipped-pair", None, (int(rows[a]), int(rows[b])), layer))
    ok = ~failed
    parts, pair_idx = shapely.get_parts(inter[ok].astype(object), return_index=True)
    pair_idx = np.flatnonzero(ok)[pair_idx]
    polygonal = np.isin(shapely.get_type_id(parts), (3, 6))
    parts, pair_idx = parts[polygonal], pair_idx[polygonal]
    widths = width(parts)
    wide = widths > tol
    found = []
    for part, p, w in zip(parts[wide], pair_idx[wide], widths[wide], strict=True):
        a, b = pairs[p]
        part = _canonical(part)
        found.append(part)
        result.overlaps.append(
            Problem(
                "overlap",
                part,
                (int(rows[a]), int(rows[b])),
                layer,
                float(shapely.area(part)),
                float(w),
            )
        )
    return found


def _junctions(
    layer: str,
    rows: np.ndarray,
    geoms: np.ndarray,
    suspects: np.ndarray,
    tree: Any,
    dist: float,
    overlaps: list[Any],
    result: Coverage,
) -> None:
    """Vertices of non-matching edges lying on a neighbour's boundary, not one of its vertices.

    GEOS validates the suspects with every reservation around them, and those with every
    reservation around *them*, so that an edge's match is never missing for lack of the
    neighbour holding it; only the edges of the suspects and their neighbours are used.
    """
    near = np.union1d(suspects, tree.query(geoms[suspects], predicate="dwithin", distance=dist)[1])
    ring2 = np.union1d(near, tree.query(geoms[near], predicate="dwithin", distance=dist)[1])
    try:
        edges = shapely.coverage_invalid_edges(geoms[ring2], gap_width=dist)
    except GEOSException:
        edges = np.array(
            [_invalid_edges_one(geoms, ring2, i, tree, dist) for i in range(len(ring2))],
            dtype=object,
        )
    use = np.isin(ring2, near)
    edges, owners = edges[use], ring2[use]
    present = np.array([e is not None and not shapely.is_empty(e) for e in edges], dtype=bool)
    if not present.any():
        return
    pts, idx = shapely.get_coordinates(edges[present].astype(object), return_index=True)
    pt_owner = owners[present][idx]
    if not len(pts):
        return
    xy, inverse = np.unique(pts, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    owner_sets: list[set[int]] = [set() for _ in range(len(xy))]
    for k, o in zip(inverse.tolist(), pt_owner.tolist(), strict=True):
        owner_sets[k].add(o)
    points = shapely.points(xy)
    if overlaps:  # vertices of an overlap are reported with the overlap
        zone = shapely.buffer(shapely.geometrycollections(overlaps), dist)
        shapely.prepare(zone)
        keep = ~shapely.intersects(zone, points)
        xy, points = xy[keep], points[keep]
        owner_sets = [s for s, k in zip(owner_sets, keep, strict=True) if k]
    if not len(xy):
        return
    # candidate neighbours by bounding box only: an exact distance from every vertex of a
    # polygon with 200,000 vertices to that same polygon would be quadratic
    boxes = shapely.box(*(xy - dist).T, *(xy + dist).T)
    p_idx, g_idx = tree.query(boxes)
    if not len(p_idx):
        return
    order = np.lexsort((g_idx, p_idx))
    p_idx, g_idx = p_idx[order], g_idx[order]
    not_owner = np.array(
        [g not in owner_sets[p] for p, g in zip(p_idx.tolist(), g_idx.tolist(), strict=True)],
        dtype=bool,
    )
    p_idx, g_idx = p_idx[not_owner], g_idx[not_owner]
    if not len(p_idx):
        return
    vertex_of = _vertex_keys(geoms, np.unique(g_idx))
    is_vertex = np.array(
        [
            (g, x, y) in vertex_of
            for g, (x, y) in zip(g_idx.tolist(), xy[p_idx].tolist(), strict=True)
        ],
        dtype=bool,
    )
    p_idx, g_idx = p_idx[~is_vertex], g_idx[~is_vertex]
    if not len(p_idx):
        return
    # on the neighbour's edge (within dist): one prepared boundary per neighbour, so each
    # test is a lookup in its segment index; inside the neighbour it is an overlap instead
    on_edge = np.zeros(len(p_idx), dtype=bool)
    for g in np.unique(g_idx).tolist():
        sel = np.flatnonzero(g_idx == g)
        edge = shapely.boundary(geoms[g])
        shapely.prepare(edge)
        on_edge[sel] = shapely.dwithin(edge, points[p_idx[sel]], dist)
    p_idx, g_idx = p_idx[on_edge], g_idx[on_edge]
    seen: set[int] = set()
    for p, g in zip(p_idx.tolist(), g_idx.tolist(), strict=True):
        if p in seen:
            continue
        seen.add(p)
        owner_rows = tuple(sorted(int(rows[o]) for o in owner_sets[p]))
        result.junctions.append(Problem("junction", points[p], (*owner_rows, int(rows[g])), layer))


def _invalid_edges_one(geoms: np.ndarray, ring2: np.ndarray, i: int, tree: Any, dist: float) -> Any:
    """The invalid edges of one polygon against its neighbours, or None if GEOS fails."""
    me = ring2[i]
    around = tree.query(geoms[me], predicate="dwithin", distance=dist)
    around = np.concatenate([[me], around[around != me]])
    try:
        return shapely.coverage_invalid_edges(geoms[around], gap_width=dist)[0]
    except GEOSException:
        return None


def _vertex_keys(geoms: np.ndarray, which: np.ndarray) -> set[tuple[int, float, float]]:
    """``(polygon, x, y)`` of every vertex of the polygons ``which``."""
    coords, idx = shapely.get_coordinates(geoms[which].astype(object), return_index=True)
    owners = which[idx]
    return set(zip(owners.tolist(), coords[:, 0].tolist(), coords[:, 1].tolist(), strict=True))


def _gaps(
    pc: PlanContext,
    layer: str,
    rows: np.ndarray,
    geoms: np.ndarray,
    area: Any,
    union: Any,
    tol: float,
    result: Coverage,
    repaired: dict[int, Any],
) -> None:
    """Parts of the plan area no reservation covers, each as its own problem."""
    if union is None:
        return  # the union could not be built even on a snapped copy: noted
    if shapely.is_empty(union):
        missing = area
    else:
        diff, failed = guarded(shapely.difference, np.array([area], dtype=object), [union])
        if failed[0]:
            result.notes.append(Problem("skipped-cover", None, tuple(int(r) for r in rows), layer))
            return
        missing = diff[0]
    if shapely.is_empty(missing):
        return
    parts = shapely.get_parts(missing)
    parts = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    widths = width(parts)
    wide = widths > tol
    parts, widths = parts[wide], widths[wide]
    if not len(parts):
        return
    parts = _canonical(parts)
    # "next to": within the junction distance, not the tolerance, so that where two
    # ways of computing the union differ at the tip of a hair-thin wedge (a point where
    # two edges meet at a tiny angle moves by a millimetre), the gap keeps its neighbours
    near_dist = max(tol, pc.ctx.config.junction_distance, 1e-6)
    near: list[tuple[int, ...]] = [() for _ in parts]
    if len(rows):
        tree = shapely.STRtree(geoms)
        p_idx, g_idx = tree.query(parts, predicate="dwithin", distance=near_dist)
        acc: dict[int, set[int]] = {}
        for p, g in zip(p_idx, g_idx, strict=True):
            acc.setdefault(int(p), set()).add(int(rows[g]))
        near = [tuple(sorted(acc.get(i, ()))) for i in range(len(parts))]
    broken: list[tuple[int, ...]] = [() for _ in parts]
    if repaired:
        broken_rows = np.array(sorted(repaired), dtype=np.int64)
        shapes = [
            repaired[r] if repaired[r] is not None else shapely.envelope(pc.geoms[r])
            for r in broken_rows.tolist()
        ]
        b_tree = shapely.STRtree(np.array(shapes, dtype=object))
        p_idx, g_idx = b_tree.query(parts, predicate="dwithin", distance=near_dist)
        acc = {}
        for p, g in zip(p_idx.tolist(), g_idx.tolist(), strict=True):
            acc.setdefault(p, set()).add(int(broken_rows[g]))
        broken = [tuple(sorted(acc.get(i, ()))) for i in range(len(parts))]
    for part, w, rws, bad in zip(parts, widths, near, broken, strict=True):
        result.gaps.append(
            Problem("gap", part, rws, layer, float(shapely.area(part)), float(w), bad)
        )
