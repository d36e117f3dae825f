"""Geometry for the map-like reports (GeoJSON, HTML): findings and plan objects.

Findings carry a shapely geometry or a GeoJSON dict; plan documents carry
``RyhtiGeometry``. Both are turned into shapely arrays in bulk (through
``ryhti.model.geometry.to_shapely``, the project's one vectorised builder), never
one by one. A finding without a geometry of its own but with the key of a plan
object is placed on that object, so "this object has no regulation group" still
shows up on the map.

Plan documents are read by duck typing (``geographical_area``, ``objects()``,
``groups_by_object()``): reports know the plan's shape, not its module.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from ryhti.findings import Finding

__all__ = [
    "PlanGeometry",
    "build_geometries",
    "finding_geometries",
    "plan_geometry",
    "reproject",
]


def build_geometries(items: Sequence[Any]) -> np.ndarray:
    """Shapely geometries for shapely objects, GeoJSON dicts or RyhtiGeometry, in bulk."""
    from ryhti.model.geometry import to_shapely

    out = np.empty(len(items), dtype=object)
    pending: list[int] = []
    for i, item in enumerate(items):
        if item is None:
            continue
        if isinstance(item, shapely.Geometry):
            out[i] = item
        else:
            pending.append(i)
    if pending:
        built = to_shapely([items[i] for i in pending])
        for i, geom in zip(pending, built, strict=True):
            if geom is None and isinstance(items[i], dict):
                geom = _from_geojson(items[i])  # GeometryCollection and other rare shapes
            out[i] = geom
    return out


def _from_geojson(item: dict[str, Any]) -> Any:
    try:
        geom = shapely.from_geojson(json.dumps(item))
    except Exception:
        return None
    return None if geom is None or geom.is_empty else geom


@dataclass(slots=True)
class PlanGeometry:
    """One plan document's geometry: boundary, objects with a kind, and its srid."""

    srid: str | None
    boundary: Any = None
    objects: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    keys: list[str | None] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    key_index: dict[str, int] = field(default_factory=dict)
    models: list[Any] = field(default_factory=list)
    groups: dict[str, list[Any]] = field(default_factory=dict)

    def name(self, i: int) -> str:
        """Tooltip text of object ``i``: its name and its groups' letter codes or titles.

        Computed on demand: only small plans get a tooltip per object.
        """
        key = self.keys[i]
        return _name(self.models[i], self.groups.get(key, []) if key else [])


def plan_geometry(doc: Any) -> PlanGeometry | None:
    """Boundary and object geometries of a loaded plan; None for documents without any."""
    area = getattr(doc, "geographical_area", None)
    objects_fn = getattr(doc, "objects", None)
    if area is None and objects_fn is None:
        return None
    objects = list(objects_fn()) if callable(objects_fn) else []
    srid = _srid(area)
    geoms = build_geometries([_geometry_item(getattr(o, "geometry", None)) for o in objects])
    boundary = build_geometries([_geometry_item(area)])[0] if area is not None else None
    if srid is None:
        srid = next((s for s in (_srid(getattr(o, "geometry", None)) for o in objects) if s), None)
    groups = {}
    groups_fn = getattr(doc, "groups_by_object", None)
    if callable(groups_fn):
        try:
            groups = groups_fn()
        except Exception:  # a half-broken plan still gets a map
            groups = {}
    keys: list[str | None] = []
    for obj in objects:
        key = getattr(obj, "plan_object_key", None)
        keys.append(key if isinstance(key, str) else None)
    kind_of_group: dict[int, str] = {}
    kinds = [_kind(groups.get(key, []), kind_of_group) if key else "" for key in keys]
    return PlanGeometry(
        srid=srid,
        boundary=boundary,
        objects=geoms,
        keys=keys,
        kinds=kinds,
        key_index={k: i for i, k in enumerate(keys) if k is not None},
        models=objects,
        groups=groups,
    )


def finding_geometries(
    findings: Sequence[Finding], plans: dict[str, PlanGeometry | None]
) -> tuple[np.ndarray, list[str | None], list[str | None]]:
    """Per finding: shapely geometry (own, else its object's), srid, and where it came from.

    The third list holds ``"finding"``, ``"object"`` or None (no geometry).
    """
    own = build_geometries([f.geometry for f in findings])
    srids: list[str | None] = []
    origin: list[str | None] = []
    for i, f in enumerate(findings):
        plan = plans.get(f.source or "")
        if own[i] is not None and not own[i].is_empty:
            srids.append(f.srid or (plan.srid if plan else None))
            origin.append("finding")
            continue
        own[i] = None
        idx = plan.key_index.get(f.object_key) if plan and f.object_key else None
        if idx is not None and plan is not None and plan.objects[idx] is not None:
            own[i] = plan.objects[idx]
            srids.append(plan.srid)
            origin.append("object")
        else:
            srids.append(None)
            origin.append(None)
    return own, srids, origin


def reproject(geoms: np.ndarray, from_srid: str, to_epsg: int, decimals: int | None) -> np.ndarray:
    """Reproject an array of shapely geometries with pyproj, in one vectorised transform."""
    from pyproj import Transformer

    transformer = Transformer.from_crs(f"EPSG:{from_srid}", f"EPSG:{to_epsg}", always_xy=True)

    def fn(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        out = np.column_stack([x, y])
        return np.round(out, decimals) if decimals is not None else out

    return shapely.transform(geoms, fn)


# -- plan objects ------------------------------------------------------------------------


def _geometry_item(value: Any) -> Any:
    """The GeoJSON part of a RyhtiGeometry (or a dict) that to_shapely understands."""
    return value if value is not None and not isinstance(value, str | int | float) else None


def _srid(value: Any) -> str | None:
    srid = getattr(value, "srid", None)
    if srid is None and isinstance(value, dict):
        srid = value.get("srid")
    return str(srid) if isinstance(srid, str | int) and str(srid).isdigit() else None


def _kind(groups: list[Any], cache: dict[int, str]) -> str:
    """The letter code of the object's first regulation group that has one (``AK``, ``VL``…)."""
    for group in groups:
        letters = cache.get(id(group))
        if letters is None:
            raw = getattr(group, "letter_identifier", None)
            letters = cache[id(group)] = raw.strip() if isinstance(raw, str) else ""
        if letters:
            return letters
    return ""


def _name(obj: Any, groups: list[Any]) -> str:
    parts = []
    name = getattr(obj, "name", None)
    text = getattr(name, "text", None)
    if callable(text):
        value = text("fin")
        if value:
            parts.append(value)
    for group in groups:
        title = getattr(group, "title_of_plan_regulation", None)
        letters = getattr(group, "letter_identifier", None)
        label = letters if isinstance(letters, str) and letters else None
        if label is None and callable(getattr(title, "text", None)):
            label = title.text("fin")
        if label:
            parts.append(label)
    return " · ".join(dict.fromkeys(parts))
