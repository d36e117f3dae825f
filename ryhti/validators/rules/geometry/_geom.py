"""Helpers shared by the geometry rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import shapely

from ryhti.findings import Finding, Severity
from ryhti.model import GeoJsonGeometry, RyhtiGeometry

_REASON_POINT = re.compile(r"\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)(?:\s+-?[\d.eE+-]+)?\s*\]")


def reason_point(reason: str) -> Any:
    """The point GEOS names in an ``is_valid_reason`` text (``Self-intersection[x y]``)."""
    m = _REASON_POINT.search(reason or "")
    if not m:
        return None
    try:
        return shapely.Point(float(m.group(1)), float(m.group(2)))
    except ValueError:
        return None


def geojson_type(node: Any) -> str | None:
    """The GeoJSON type string of a geometry node, if it has one."""
    geom = node.geom.geometry if isinstance(node.geom, RyhtiGeometry) else None
    if isinstance(geom, GeoJsonGeometry) and isinstance(geom.type, str):
        return geom.type
    return None


def raw_coordinates(node: Any) -> Any:
    geom = node.geom.geometry if isinstance(node.geom, RyhtiGeometry) else None
    return geom.coordinates if isinstance(geom, GeoJsonGeometry) else None


def built(ctx: Any) -> Iterator[tuple[int, Any, Any]]:
    """``(index, node, shape)`` of every geometry of the document that could be built."""
    shapes = ctx.shapes
    for i, node in enumerate(ctx.scan.geometries):
        shape = shapes[i]
        if shape is not None:
            yield i, node, shape


def built_indices(ctx: Any) -> np.ndarray:
    """Indices of the geometries that could be built."""
    return np.array([i for i, s in enumerate(ctx.shapes) if s is not None], dtype=np.int64)


def width(geoms: Any) -> np.ndarray:
    """Estimated width 2·area/perimeter (0 where the perimeter is 0)."""
    area = shapely.area(geoms)
    length = shapely.length(geoms)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(length > 0, 2.0 * area / length, 0.0)


def outside_parts(geom: Any, area: Any, tol: float) -> Any:
    """The parts of ``geom`` outside ``area`` that matter (wider / longer than ``tol``)."""
    diff = shapely.difference(geom, area)
    if diff is None or shapely.is_empty(diff):
        return None
    parts = shapely.get_parts(diff)
    dim = shapely.get_dimensions(parts)
    keep = np.zeros(len(parts), dtype=bool)
    polys = dim == 2
    if polys.any():
        keep[polys] = width(parts[polys]) > tol
    lines = dim == 1
    if lines.any():
        keep[lines] = shapely.length(parts[lines]) > tol
    points = dim == 0
    if points.any():
        keep[points] = shapely.distance(parts[points], area) > tol
    if not keep.any():
        return None
    kept = parts[keep]
    return (
        kept[0]
        if len(kept) == 1
        else shapely.geometrycollections(list(kept))
        if len(set(shapely.get_type_id(kept))) > 1
        else shapely.union_all(kept)
    )


def skipped(rule: Any, ctx: Any, path: str, key: str | None, what: dict[str, str]) -> Finding:
    """A warning that ``rule`` could not check something because GEOS failed on it even
    on a copy snapped to a 1 µm grid: the check goes on with the rest, and says so.

    ``what``: the thing not checked, by language (``en``, ``fi``, ``sv``).
    """
    messages = {
        "en": f"Could not check {what['en']}: the geometry library failed on it even after "
        "snapping to 1 µm. Check it by hand.",
        "fi": f"Tarkistus ei onnistunut ({what['fi']}): geometriakirjasto epäonnistui "
        "myös 1 µm:n ruutuun pyöristetyllä kopiolla. Tarkista kohta käsin.",
        "sv": f"Kunde inte kontrollera {what['sv']}: geometribiblioteket misslyckades även "
        "efter avrundning till 1 µm. Kontrollera det för hand.",
    }
    return Finding(
        rule=rule.id,
        severity=Severity.WARNING,
        message=messages.get(ctx.lang) or messages["en"],
        path=path,
        object_key=key,
        messages=messages,
        source=ctx.source,
        data={"skipped": True},
    )
