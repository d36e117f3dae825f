"""Where the plan objects are and how much land they cover: geometry for the figures.

The plan's objects and boundary become shapely arrays once, in the plan's own projected
coordinate system (objects in another ``srid`` are reprojected). Areas are planar and
clipped to the plan boundary. Two spatial relations are found here with one STRtree
query each, because every table needs them: the block an object lies in, and the
land-use object it belongs to (whose building rights its own count towards).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from ryhti.generators.landuse import UNDERGROUND, code_value
from ryhti.generators.notes import WarningLog
from ryhti.model import PlanObject, RyhtiGeometry
from ryhti.model.geometry import to_shapely
from ryhti.model.plan import Plan

__all__ = [
    "ObjectAreas",
    "geometry_types",
    "measure_areas",
    "object_blocks",
    "object_geometries",
    "object_owners",
    "plan_boundary",
    "reproject",
    "underground_mask",
]

_TYPE_NAMES = np.array(
    [
        "",
        "Point",
        "LineString",
        "LinearRing",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        "GeometryCollection",
    ],
    dtype=object,
)


def geometry_types(geoms: np.ndarray) -> np.ndarray:
    """GeoJSON type names of a shapely array in one call (``""`` for ``None``)."""
    return _TYPE_NAMES[shapely.get_type_id(geoms) + 1]


def _transformer(src: str, dst: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(f"EPSG:{src}", f"EPSG:{dst}", always_xy=True)


def reproject(geoms: np.ndarray, src: str, dst: str) -> np.ndarray:
    """Reproject a shapely array from EPSG ``src`` to EPSG ``dst`` in one vectorised call."""
    if src == dst:
        return geoms
    transformer = _transformer(src, dst)

    def fn(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, fn)


def srid_of(geometry: Any) -> str | None:
    """The EPSG code a RYHTI geometry names (``None`` when it names none)."""
    if isinstance(geometry, RyhtiGeometry) and isinstance(geometry.srid, str):
        return geometry.srid.strip() or None
    return None


def plan_srid(plan: Plan) -> str | None:
    """The EPSG code of the plan's boundary (the plan's coordinate system)."""
    return srid_of(plan.geographical_area)


def object_geometries(plan: Plan, warn: WarningLog | None = None) -> tuple[np.ndarray, str | None]:
    """Shapely geometries of the plan's objects in the plan's coordinate system.

    Objects in another ``srid`` than the plan boundary are reprojected (the validator
    reports the mismatch); objects whose geometry cannot be built are ``None``.
    """
    objects = plan.objects()
    plan_srid = srid_of(plan.geographical_area)
    geoms = to_shapely([o.geometry for o in objects])
    if plan_srid is None:
        return geoms, None
    srids = np.array([srid_of(o.geometry) or plan_srid for o in objects], dtype=object)
    for other in sorted(set(srids.tolist()) - {plan_srid}):
        mask = (srids == other) & np.array([g is not None for g in geoms], dtype=bool)
        if not mask.any():
            continue
        try:
            geoms[mask] = reproject(geoms[mask], other, plan_srid)
        except Exception:
            geoms[mask] = None
            if warn is not None:
                warn.add(
                    "unknown-srid",
                    f"objects in unknown coordinate system {other!r} left out",
                    f"kohteet tuntemattomassa koordinaattijärjestelmässä {other!r} jätetty pois",
                    f"objekt i okänt koordinatsystem {other!r} utelämnade",
                )
            continue
        if warn is not None:
            warn.add(
                "srid-mismatch",
                f"{int(mask.sum())} objects in EPSG:{other}, plan in EPSG:{plan_srid}; reprojected",
                f"{int(mask.sum())} kohdetta EPSG:{other}:ssa, kaava EPSG:{plan_srid}:ssa; muunnettu",
                f"{int(mask.sum())} objekt i EPSG:{other}, planen i EPSG:{plan_srid}; omprojicerade",
            )
    return geoms, plan_srid


def plan_boundary(plan: Plan) -> Any:
    """The plan boundary as a valid shapely (Multi)Polygon, or ``None``."""
    area = plan.geographical_area
    if not isinstance(area, RyhtiGeometry):
        return None
    geom = to_shapely([area])[0]
    if geom is None or shapely.is_empty(geom):
        return None
    if not shapely.is_valid(geom):
        geom = shapely.make_valid(geom)
    polys = shapely.get_parts(geom)
    polys = [p for p in polys if p.geom_type in ("Polygon", "MultiPolygon")]
    if not polys:
        return None
    return shapely.union_all(polys) if len(polys) > 1 else polys[0]


def underground_mask(objects: Sequence[PlanObject]) -> np.ndarray:
    """Which objects are underground (``RY_MaanalaisuudenLaji`` 01): counted apart."""
    return np.array([code_value(o.underground_status) == UNDERGROUND for o in objects], dtype=bool)


@dataclass(slots=True)
class ObjectAreas:
    """Per object, in plan order: what kind of geometry it is and how much it measures.

    ``geoms`` are the objects' geometries with invalid polygons repaired; ``area`` the
    polygon areas in m² clipped to the plan boundary (0 for other kinds);
    ``line_length`` the lengths of lines in metres; ``raw_area`` the polygon areas before
    clipping.
    """

    geoms: np.ndarray
    is_poly: np.ndarray
    is_line: np.ndarray
    is_point: np.ndarray
    area: np.ndarray
    line_length: np.ndarray
    raw_area: np.ndarray


def measure_areas(
    objects: Sequence[PlanObject],
    geoms: np.ndarray,
    boundary: Any,
    warn: WarningLog,
    *,
    warn_outside: bool = True,
) -> ObjectAreas:
    """Areas (clipped to ``boundary`` when there is one) and line lengths of all objects.

    Invalid polygons are repaired with ``make_valid`` first and land outside the
    boundary is not counted; both are said in warnings (five examples of each).
    """
    n = len(objects)
    geom_types = geometry_types(geoms)
    is_poly = np.isin(geom_types, ["Polygon", "MultiPolygon"])
    is_line = np.isin(geom_types, ["LineString", "MultiLineString"])
    is_point = np.isin(geom_types, ["Point", "MultiPoint"])
    area = np.zeros(n)
    raw_area = np.zeros(n)
    poly_idx = np.flatnonzero(is_poly)
    if poly_idx.size:
        polys = geoms[poly_idx]
        invalid = ~shapely.is_valid(polys)
        if invalid.any():
            for i in poly_idx[invalid][:5]:
                warn.add(
                    "invalid-geometry",
                    "invalid polygon repaired (make_valid) before measuring its area",
                    "virheellinen alue korjattu (make_valid) ennen pinta-alan laskemista",
                    "ogiltig yta reparerad (make_valid) innan arealen beräknades",
                    path=f"$.planObjects[{int(i)}].geometry",
                    key=objects[int(i)].plan_object_key,
                )
            polys = polys.copy()
            polys[invalid] = shapely.make_valid(polys[invalid])
            geoms = geoms.copy()
            geoms[poly_idx] = polys
        raw = shapely.area(polys)
        clipped = raw.copy()
        if boundary is not None:
            shapely.prepare(boundary)
            inside = shapely.contains_properly(boundary, polys)
            todo = np.flatnonzero(~inside)
            if todo.size:
                clipped[todo] = shapely.area(shapely.intersection(polys[todo], boundary))
            outside = raw - clipped
            for j in np.flatnonzero(outside > 1.0)[:5] if warn_outside else ():
                i = int(poly_idx[j])
                warn.add(
                    "outside-plan-area",
                    f"{outside[j]:.0f} m² of a plan object lie outside the plan boundary; not counted",
                    f"kaavakohteesta {outside[j]:.0f} m² on kaava-alueen ulkopuolella; ei laskettu",
                    f"{outside[j]:.0f} m² av ett planobjekt ligger utanför planområdet; inte räknat",
                    path=f"$.planObjects[{i}].geometry",
                    key=objects[i].plan_object_key,
                )
        area[poly_idx] = clipped
        raw_area[poly_idx] = raw
    line_length = np.zeros(n)
    if is_line.any():
        line_length[is_line] = shapely.length(geoms[is_line])
    return ObjectAreas(geoms, is_poly, is_line, is_point, area, line_length, raw_area)


def object_blocks(
    objects: Sequence[PlanObject],
    geoms: np.ndarray,
    own_block: list[str | None],
    is_poly: np.ndarray,
) -> list[str | None]:
    """The block number of every object, in plan order (``None`` outside numbered blocks).

    An object's own ``korttelinNumero``, else that of the numbered area a point of its
    interior lies in (one STRtree query for all of them: building areas, land-use areas,
    lines and points alike), else that of an object it refers to with
    ``relatedPlanObjectKeys`` (a line drawn on the block edge lies in no block, but
    belongs to the one it names).
    """
    n = len(objects)
    block_of: list[str | None] = list(own_block)
    numbered = np.array([b is not None for b in own_block], dtype=bool) & is_poly
    has_geom = np.array([g is not None for g in geoms], dtype=bool)
    need = np.flatnonzero(~np.array([b is not None for b in own_block], dtype=bool) & has_geom)
    if numbered.any() and need.size:
        numbered_idx = np.flatnonzero(numbered)
        tree = shapely.STRtree(geoms[numbered_idx])
        points = shapely.point_on_surface(geoms[need])
        pairs = tree.query(points, predicate="within")
        for a, b in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True):
            i = int(need[a])
            if block_of[i] is None:
                block_of[i] = own_block[int(numbered_idx[b])]
    if any(b is not None for b in own_block):
        missing = [
            i
            for i in range(n)
            if block_of[i] is None and isinstance(objects[i].related_plan_object_keys, list)
        ]
        if missing:
            index_of = {
                o.plan_object_key: i
                for i, o in enumerate(objects)
                if isinstance(o.plan_object_key, str)
            }
            found: list[tuple[int, str]] = []
            for i in missing:
                for rk in objects[i].related_plan_object_keys:
                    j = index_of.get(rk) if isinstance(rk, str) else None
                    if j is not None and block_of[j] is not None:
                        found.append((i, block_of[j]))  # type: ignore[arg-type]
                        break
            for i, number in found:
                block_of[i] = number
    return block_of


def object_owners(
    objects: Sequence[PlanObject], geoms: np.ndarray, land_use: np.ndarray
) -> np.ndarray:
    """The land-use object every object belongs to, by index (``-1``: none).

    A land-use object owns itself; any other object belongs to the first land-use
    object it names in ``relatedPlanObjectKeys``, else to the one a point of its
    interior lies in (one STRtree query for all of them). Building rights of a building
    area count towards its owner, and the regulation table names an object outside
    numbered blocks by its owner.
    """
    n = len(objects)
    owner = np.full(n, -1)
    lu_idx = np.flatnonzero(land_use)
    owner[lu_idx] = lu_idx
    if not lu_idx.size:
        return owner
    index_of: dict[str, int] | None = None
    for i, obj in enumerate(objects):
        related = obj.related_plan_object_keys
        if land_use[i] or not isinstance(related, list) or not related:
            continue
        if index_of is None:
            index_of = {
                o.plan_object_key: k
                for k, o in enumerate(objects)
                if isinstance(o.plan_object_key, str)
            }
        for rk in related:
            j = index_of.get(rk) if isinstance(rk, str) else None
            if j is not None and land_use[j]:
                owner[i] = j
                break
    has_geom = np.array([g is not None for g in geoms], dtype=bool)
    spatial = np.flatnonzero((owner < 0) & has_geom)
    if spatial.size:
        tree = shapely.STRtree(geoms[lu_idx])
        points = shapely.point_on_surface(geoms[spatial])
        pairs = tree.query(points, predicate="within")
        for a, b in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True):
            i = int(spatial[a])
            if owner[i] < 0:
                owner[i] = int(lu_idx[b])
    return owner
