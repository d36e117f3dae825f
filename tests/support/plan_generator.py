"""Realistic, valid RYHTI plans of any size, for benchmarks and hardening tests.

The plan area is tiled by area reservations (main-use land-use areas) whose
shape is an irregular octagon on a jittered grid: neighbours share their
corner and edge-midpoint vertices *exactly*, so the tiling is a valid coverage
(no gaps, overlaps or T-junctions) and the plan area boundary carries every
boundary vertex. Some blocks hold a building area (rakennusala) inside them,
linked to the block with ``relatedPlanObjectKeys``, with a quantity group each.
Keys are uuid5 over the seed and the object index, so the same call gives the
same document.

Small function API::

    from tests.support.plan_generator import generate_plan, write_plan, inject
    plan = generate_plan(100_000)                 # a dict, ready for json.dump
    write_plan("big.json", 500, seed=1)
    broken = inject(plan, "gap")                  # a copy with one known fault

``inject`` knows ``gap``, ``overlap``, ``t-junction``, ``outside``, ``self-intersection``
and ``repeated-vertex``; each returns a copy and leaves the input untouched.
"""

from __future__ import annotations

import copy
import json
import math
import uuid
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["FAULTS", "generate_plan", "inject", "interior_block", "tiling", "write_plan"]

NAMESPACE = uuid.UUID("6f0e1f0c-3b9a-5c55-9d39-1f3c0a7d2b10")
CODES = "http://uri.suomi.fi/codelist/rytj"
LIFECYCLE = f"{CODES}/kaavaelinkaari/code/"
REG = f"{CODES}/RY_Kaavamaarayslaji/code/"
INFO = f"{CODES}/RY_Kaavamaarayksen_Lisatiedonlaji/code/"
SURFACE = f"{CODES}/RY_MaanalaisuudenLaji/code/02"

#: Land-use groups the blocks are dealt out to: (letter, regulation type, title).
LAND_USES: tuple[tuple[str, str, str], ...] = (
    ("AK", "asuinkerrostaloalue", "Asuinkerrostalojen korttelialue"),
    ("AP", "asuinpientaloalue", "Asuinpientalojen korttelialue"),
    ("AO", "erillistenAsuinpientalojenAlue", "Erillispientalojen korttelialue"),
    ("KT", "toimistorakennustenAlue", "Toimitilarakennusten korttelialue"),
    ("KL", "liikerakennustenAlue", "Liikerakennusten korttelialue"),
    ("VL", "lahivirkistysalue", "Lähivirkistysalue"),
    ("T", "teollisuusalue", "Teollisuusrakennusten korttelialue"),
)


def _key(seed: int, kind: str, index: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{seed}:{kind}:{index}"))


def tiling(
    nx: int,
    ny: int,
    *,
    cell: float = 40.0,
    origin: tuple[float, float] = (385_000.0, 6_672_000.0),
    jitter: float = 0.18,
    seed: int = 0,
) -> tuple[list[list[list[float]]], list[list[float]]]:
    """Cells of an ``nx`` × ``ny`` jittered grid and the boundary ring of the whole.

    Returns ``(cells, boundary)``: each cell is one closed counter-clockwise ring
    of nine vertices (corners and edge midpoints, eight distinct), and
    ``boundary`` the closed counter-clockwise ring through every boundary vertex.
    Interior vertices move by up to ``jitter`` × ``cell``; boundary vertices move
    only along the boundary, so the outline stays a rectangle.
    """
    rng = np.random.default_rng(seed)
    x0, y0 = origin
    # corners
    cx = x0 + cell * np.arange(nx + 1)[:, None] + np.zeros((1, ny + 1))
    cy = y0 + cell * np.arange(ny + 1)[None, :] + np.zeros((nx + 1, 1))
    jx = rng.uniform(-jitter, jitter, cx.shape) * cell
    jy = rng.uniform(-jitter, jitter, cy.shape) * cell
    jx[0, :] = jx[-1, :] = 0.0
    jy[:, 0] = jy[:, -1] = 0.0
    jx[:, 0] *= 0.5
    jx[:, -1] *= 0.5
    jy[0, :] *= 0.5
    jy[-1, :] *= 0.5
    cx, cy = np.round(cx + jx, 3), np.round(cy + jy, 3)
    # midpoints of horizontal edges (i..i+1, j) and vertical edges (i, j..j+1)
    hx = (cx[:-1, :] + cx[1:, :]) / 2
    hy = (cy[:-1, :] + cy[1:, :]) / 2 + rng.uniform(-0.08, 0.08, (nx, ny + 1)) * cell
    hy[:, 0] = cy[:-1, 0]
    hy[:, -1] = cy[:-1, -1]
    vx = (cx[:, :-1] + cx[:, 1:]) / 2 + rng.uniform(-0.08, 0.08, (nx + 1, ny)) * cell
    vy = (cy[:, :-1] + cy[:, 1:]) / 2
    vx[0, :] = cx[0, :-1]
    vx[-1, :] = cx[-1, :-1]
    hx, hy, vx, vy = np.round(hx, 3), np.round(hy, 3), np.round(vx, 3), np.round(vy, 3)
    cells: list[list[list[float]]] = []
    for i in range(nx):
        for j in range(ny):
            ring = [
                (cx[i, j], cy[i, j]),
                (hx[i, j], hy[i, j]),
                (cx[i + 1, j], cy[i + 1, j]),
                (vx[i + 1, j], vy[i + 1, j]),
                (cx[i + 1, j + 1], cy[i + 1, j + 1]),
                (hx[i, j + 1], hy[i, j + 1]),
                (cx[i, j + 1], cy[i, j + 1]),
                (vx[i, j], vy[i, j]),
            ]
            cells.append([[float(x), float(y)] for x, y in [*ring, ring[0]]])
    boundary: list[tuple[float, float]] = []
    for i in range(nx):  # bottom, left to right
        boundary += [(cx[i, 0], cy[i, 0]), (hx[i, 0], hy[i, 0])]
    for j in range(ny):  # right, bottom to top
        boundary += [(cx[nx, j], cy[nx, j]), (vx[nx, j], vy[nx, j])]
    for i in range(nx, 0, -1):  # top, right to left
        boundary += [(cx[i, ny], cy[i, ny]), (hx[i - 1, ny], hy[i - 1, ny])]
    for j in range(ny, 0, -1):  # left, top to bottom
        boundary += [(cx[0, j], cy[0, j]), (vx[0, j - 1], vy[0, j - 1])]
    ring = [[float(x), float(y)] for x, y in boundary]
    return cells, [*ring, ring[0]]


def _grid(n_blocks: int) -> tuple[int, int]:
    nx = max(1, int(math.sqrt(n_blocks)))
    ny = max(1, math.ceil(n_blocks / nx))
    return nx, ny


def _shrunk(ring: list[list[float]], factor: float) -> list[list[float]]:
    pts = np.asarray(ring[:-1])
    centre = pts[[0, 2, 4, 6]].mean(axis=0)
    inner = np.round(centre + (pts - centre) * factor, 3)
    # keep every other vertex: a quadrilateral with a bevel, well inside the block
    out = [[float(x), float(y)] for x, y in inner]
    return [*out, out[0]]


def _regulation(seed: int, counter: list[int], code: str, lifecycle: str, **extra: Any) -> dict:
    counter[0] += 1
    return {
        "planRegulationKey": _key(seed, "regulation", counter[0]),
        "lifeCycleStatus": lifecycle,
        "type": REG + code,
        **extra,
    }


def generate_plan(
    n_objects: int = 100_000,
    *,
    seed: int = 0,
    srid: str = "3067",
    lifecycle: str = "04",
    building_share: float = 0.2,
    cell: float = 40.0,
    origin: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """A ValidatePlan document (dict) with about ``n_objects`` plan objects.

    ``building_share`` of the objects are building areas inside blocks, the rest
    are blocks tiling the plan area. ``srid`` may be ``3067`` or a GK zone such
    as ``3879`` (the origin then moves into that zone's false easting).
    """
    if n_objects < 1:
        raise ValueError("n_objects must be at least 1")
    n_buildings = int(n_objects * building_share)
    n_blocks = max(1, n_objects - n_buildings)
    n_buildings = n_objects - n_blocks
    nx, ny = _grid(n_blocks)
    if origin is None:
        origin = (385_000.0, 6_672_000.0)
        if srid != "3067":
            zone = int(srid) - 3873 + 19
            origin = (zone * 1_000_000 + 500_000.0 - nx * cell / 2, 6_672_000.0)
    cells, boundary = tiling(nx, ny, cell=cell, origin=origin, seed=seed)
    cells = cells[:n_blocks]
    if len(cells) < nx * ny:  # a partial last column: the outline is the union of the blocks
        import shapely

        union = shapely.orient_polygons(shapely.coverage_union_all(shapely.polygons(cells)))
        boundary = [list(map(float, xy)) for xy in shapely.get_coordinates(union.exterior)]
    lc = LIFECYCLE + lifecycle
    counter = [0]
    groups: list[dict[str, Any]] = []
    land_use_keys = []
    for n, (letter, code, title) in enumerate(LAND_USES):
        key = _key(seed, "group", n)
        land_use_keys.append(key)
        groups.append(
            {
                "planRegulationGroupKey": key,
                "titleOfPlanRegulation": {"fin": title},
                "letterIdentifier": letter,
                "groupNumber": n + 1,
                "planRegulations": [
                    _regulation(
                        seed,
                        counter,
                        code,
                        lc,
                        additionalInformations=[{"type": INFO + "paakayttotarkoitus"}],
                    )
                ],
            }
        )
    building_key = _key(seed, "group", 100)
    groups.append(
        {
            "planRegulationGroupKey": building_key,
            "titleOfPlanRegulation": {"fin": "Rakennusala"},
            "planRegulations": [
                _regulation(
                    seed,
                    counter,
                    "rakennusala",
                    lc,
                    additionalInformations=[{"type": INFO + "osaAlue"}],
                )
            ],
        }
    )
    area_keys = []
    for n, floor_area in enumerate((400, 800, 1200, 2400)):
        key = _key(seed, "group", 200 + n)
        area_keys.append(key)
        groups.append(
            {
                "planRegulationGroupKey": key,
                "titleOfPlanRegulation": {"fin": f"Rakennusoikeus {floor_area} k-m²"},
                "planRegulations": [
                    _regulation(
                        seed,
                        counter,
                        "sallittuKerrosala",
                        lc,
                        value={
                            "dataType": "PositiveNumeric",
                            "number": floor_area,
                            "unitOfMeasure": "k-m2",
                        },
                    )
                ],
            }
        )
    objects: list[dict[str, Any]] = []
    relations: list[dict[str, str]] = []

    def geometry(kind: str, coords: Any) -> dict[str, Any]:
        return {"srid": srid, "geometry": {"type": kind, "coordinates": coords}}

    for i, ring in enumerate(cells):
        key = _key(seed, "object", i)
        objects.append(
            {
                "planObjectKey": key,
                "lifeCycleStatus": lc,
                "undergroundStatus": SURFACE,
                "geometry": geometry("Polygon", [ring]),
                "objectNumber": i + 1,
            }
        )
        group = land_use_keys[(i * 7919 + seed) % len(land_use_keys)]
        relations.append({"planObjectKey": key, "planRegulationGroupKey": group})
    for b in range(n_buildings):
        block = (b * 3) % len(cells)
        key = _key(seed, "object", len(cells) + b)
        objects.append(
            {
                "planObjectKey": key,
                "lifeCycleStatus": lc,
                "undergroundStatus": SURFACE,
                "geometry": geometry("Polygon", [_shrunk(cells[block], 0.3 + 0.2 * (b % 2))]),
                "relatedPlanObjectKeys": [objects[block]["planObjectKey"]],
            }
        )
        relations.append({"planObjectKey": key, "planRegulationGroupKey": building_key})
        relations.append(
            {"planObjectKey": key, "planRegulationGroupKey": area_keys[b % len(area_keys)]}
        )
    return {
        "planKey": _key(seed, "plan", 0),
        "lifeCycleStatus": lc,
        "geographicalArea": geometry("Polygon", [boundary]),
        "planObjects": objects,
        "planRegulationGroups": groups,
        "planRegulationGroupRelations": relations,
    }


def write_plan(path: str | Path, n_objects: int = 100_000, **kwargs: Any) -> Path:
    """Generate a plan and write it as JSON to ``path``."""
    target = Path(path)
    target.write_text(json.dumps(generate_plan(n_objects, **kwargs)), encoding="utf-8")
    return target


# -- faults ------------------------------------------------------------------------------

FAULTS = ("gap", "overlap", "t-junction", "outside", "self-intersection", "repeated-vertex")


def _ring(plan: dict[str, Any], index: int) -> list[list[float]]:
    return plan["planObjects"][index]["geometry"]["geometry"]["coordinates"][0]


def interior_block(plan: dict[str, Any]) -> int:
    """Index of a block that touches no part of the plan boundary (the first such one)."""
    outline = np.asarray(plan["geographicalArea"]["geometry"]["coordinates"][0])
    (xmin, ymin), (xmax, ymax) = outline.min(axis=0), outline.max(axis=0)
    for i, obj in enumerate(plan["planObjects"]):
        coords = obj["geometry"]["geometry"]["coordinates"]
        if obj.get("relatedPlanObjectKeys") or obj["geometry"]["geometry"]["type"] != "Polygon":
            continue
        pts = np.asarray(coords[0])
        inside_x = (pts[:, 0] > xmin).all() and (pts[:, 0] < xmax).all()
        if inside_x and (pts[:, 1] > ymin).all() and (pts[:, 1] < ymax).all():
            return i
    raise ValueError("the plan has no interior block: generate at least 3 × 3 blocks")


def inject(plan: dict[str, Any], fault: str, index: int | None = None) -> dict[str, Any]:
    """A copy of ``plan`` with one fault in block ``index`` (default: :func:`interior_block`).

    ``gap``: the block's second vertex (an edge midpoint) moves inwards, opening a
    gap towards its neighbour; ``overlap``: it moves outwards, over the neighbour;
    ``t-junction``: a vertex is added on the block's first edge that the
    neighbour does not have; ``outside``: the block is moved 1 km away;
    ``self-intersection``: two corners are swapped (a bow tie);
    ``repeated-vertex``: the first vertex is doubled.
    """
    if fault not in FAULTS:
        raise ValueError(f"unknown fault {fault!r}; one of {', '.join(FAULTS)}")
    out = copy.deepcopy(plan)
    if index is None:
        index = interior_block(plan)
    ring = _ring(out, index)
    pts = np.asarray(ring[:-1])
    centre = pts.mean(axis=0)
    if fault in ("gap", "overlap"):
        # move the block's right edge midpoint (index 3) towards/away from the centre
        k = 3
        direction = -1.0 if fault == "gap" else 1.0
        step = (pts[k] - centre) / np.linalg.norm(pts[k] - centre) * 2.0 * direction
        ring[k] = [round(float(ring[k][0] + step[0]), 3), round(float(ring[k][1] + step[1]), 3)]
    elif fault == "t-junction":
        a, b = ring[2], ring[3]  # right edge, lower half: shared with the right neighbour
        ring.insert(3, [float(a[0] + b[0]) / 2, float(a[1] + b[1]) / 2])
    elif fault == "outside":
        for p in ring:
            p[0] += 1000.0
    elif fault == "self-intersection":
        # bottom-right and top-right corners swapped: the edges from the bottom midpoint
        # to the new second corner and from the new fourth corner to the top midpoint cross
        ring[2], ring[4] = ring[4], ring[2]
    elif fault == "repeated-vertex":
        ring.insert(1, list(ring[0]))
    return out


if __name__ == "__main__":  # pragma: no cover
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    target = write_plan(sys.argv[2] if len(sys.argv) > 2 else "plan.json", count)
    print(f"wrote {count} objects to {target}")
