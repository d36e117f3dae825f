"""The area to gather for: the plan's boundary (from plan JSON) or a GeoJSON area.

The gathered data is kept in the CRS of this area, so that the context rules and
describe compare it with the plan's own geometry without reprojecting. A GeoJSON
without a ``crs`` member is WGS 84 (RFC 7946) and is taken to ETRS-TM35FIN
(EPSG:3067), because a buffer in metres needs a projected CRS.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely

from ryhti.errors import InputError
from ryhti.io import read_json

__all__ = ["GatherArea", "area_from_plan_json", "read_area"]


@dataclass(frozen=True)
class GatherArea:
    """The plan area in a projected CRS (``EPSG:NNNN``), and where it came from."""

    geometry: Any
    crs: str
    source: str

    @property
    def epsg(self) -> int:
        return int(self.crs.split(":")[1])

    def buffered(self, metres: float) -> Any:
        """The area grown by ``metres`` (what is gathered and kept)."""
        return shapely.buffer(self.geometry, metres) if metres > 0 else self.geometry


def _shape(geometry: Any, source: str, where: str) -> Any:
    try:
        shape = shapely.from_geojson(json.dumps(geometry))
    except (shapely.errors.GEOSException, ValueError, TypeError) as exc:
        raise InputError(f"not a GeoJSON geometry: {exc}", source=source, where=where) from None
    if shape.is_empty or shape.geom_type not in ("Polygon", "MultiPolygon"):
        raise InputError(
            f"the area must be a polygon, not {shape.geom_type}", source=source, where=where
        )
    return shape if shape.is_valid else shapely.make_valid(shape)


def area_from_plan_json(data: Any, source: str) -> GatherArea:
    """The ``geographicalArea`` of a plan (or of a plan matter's first phase)."""
    node = data
    where = "$.geographicalArea"
    if isinstance(data, dict) and "planMatterPhases" in data:
        phases = data.get("planMatterPhases") or [{}]
        node = phases[0] if isinstance(phases, list) and phases else {}
        where = "$.planMatterPhases[0].geographicalArea"
    area = node.get("geographicalArea") if isinstance(node, dict) else None
    if not isinstance(area, dict) or not isinstance(area.get("geometry"), dict):
        raise InputError("the plan has no geographicalArea", source=source, where=where)
    srid = str(area.get("srid") or "").strip()
    if not srid.isdigit():
        raise InputError(f"srid {srid!r} is not an EPSG code", source=source, where=where + ".srid")
    return GatherArea(_shape(area["geometry"], source, where), f"EPSG:{srid}", source)


def _geojson_crs(data: dict[str, Any]) -> str | None:
    name = ((data.get("crs") or {}).get("properties") or {}).get("name")
    if not isinstance(name, str) or not name.strip():
        return None
    code = name.replace("::", ":").rsplit(":", 1)[-1]
    if "CRS84" in name:
        return "EPSG:4326"
    return f"EPSG:{code}" if code.isdigit() else None


def read_area(path: str | Path) -> GatherArea:
    """The area of ``PLAN.json`` (a RYHTI plan or plan matter) or ``AREA.geojson``."""
    source = str(path)
    data = read_json(path)
    if isinstance(data, dict) and ("geographicalArea" in data or "planMatterPhases" in data):
        return area_from_plan_json(data, source)
    if not isinstance(data, dict) or "type" not in data:
        raise InputError("neither a RYHTI plan nor GeoJSON", source=source)
    if data["type"] == "FeatureCollection":
        features = data.get("features") or []
        geoms = [f.get("geometry") for f in features if isinstance(f, dict)]
    elif data["type"] == "Feature":
        geoms = [data.get("geometry")]
    else:
        geoms = [data]
    shapes = [_shape(g, source, f"features[{i}]") for i, g in enumerate(geoms) if g]
    if not shapes:
        raise InputError("the GeoJSON holds no polygon", source=source)
    shape = shapely.union_all(shapes)
    crs = _geojson_crs(data) or "EPSG:4326"
    if crs == "EPSG:4326":
        minx, miny, maxx, maxy = shape.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise InputError(
                "coordinates are not longitude/latitude, and the GeoJSON has no 'crs' member",
                source=source,
                hint='add "crs": {"type": "name", "properties": {"name": "EPSG:3067"}}',
            )
        from pyproj import Transformer

        to_tm35 = Transformer.from_crs(4326, 3067, always_xy=True)
        shape = shapely.transform(shape, lambda xy: _stack(to_tm35.transform(xy[:, 0], xy[:, 1])))
        crs = "EPSG:3067"
    return GatherArea(shape, crs, source)


def _stack(xy: tuple[Any, Any]) -> Any:
    import numpy as np

    return np.column_stack(xy)
