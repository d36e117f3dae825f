"""``ryhti export``: a plan written back to a GeoPackage, and read back identically.

Layers:

* ``kaava`` — the plan area, with the plan's other properties;
* ``kaavakohteet_alueet`` / ``_viivat`` / ``_pisteet`` — plan objects by dimension,
  with readable columns (letter codes and titles of their groups, name) for GIS use;
* ``kaavamaaraysryhmat``, ``yleismaaraysryhmat`` — regulation groups (no geometry),
  with letter code and title readable and the regulations as JSON;
* ``ryhti_export`` — format version and the srid.

Each row keeps the exact JSON of its item (minus the geometry, which lives in the
geometry column) in a ``ryhti_json`` column, and an ``ordinal`` for order, so
reading the GeoPackage back gives the plan JSON *identical* to the one exported: the
geometry is stored as IEEE doubles, which GeoJSON written with shortest-repr floats
reproduces exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from ryhti.errors import InputError
from ryhti.io import atomic_path
from ryhti.model import ValidatePlan
from ryhti.model.geometry import to_shapely

__all__ = ["EXPORT_VERSION", "is_export", "read_export", "write_gpkg"]

EXPORT_VERSION = 1
META = "ryhti_export"
_DIMENSION = {
    "Polygon": "alueet",
    "MultiPolygon": "alueet",
    "LineString": "viivat",
    "MultiLineString": "viivat",
    "Point": "pisteet",
    "MultiPoint": "pisteet",
}


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_gpkg(plan: ValidatePlan | dict[str, Any], path: str | Path) -> Path:
    """Write ``plan`` to a GeoPackage at ``path`` atomically."""
    import geopandas as gpd
    import pyogrio

    data = plan.to_json() if hasattr(plan, "to_json") else dict(plan)
    target = Path(path)
    area = data.get("geographicalArea") or {}
    srid = str(area.get("srid") or "3067")
    crs = f"EPSG:{srid}"
    objects = list(data.get("planObjects") or [])
    groups = list(data.get("planRegulationGroups") or [])
    general = list(data.get("generalRegulationGroups") or [])
    relations = list(data.get("planRegulationGroupRelations") or [])
    group_by_key = {g.get("planRegulationGroupKey"): g for g in groups}
    by_object: dict[str, list[str]] = {}
    for rel in relations:
        by_object.setdefault(rel.get("planObjectKey"), []).append(rel.get("planRegulationGroupKey"))

    with atomic_path(target, ".gpkg") as tmp:
        rest = {
            k: v
            for k, v in data.items()
            if k
            not in (
                "geographicalArea",
                "planObjects",
                "planRegulationGroups",
                "generalRegulationGroups",
                "planRegulationGroupRelations",
            )
        }
        order = list(data.keys())
        plan_geom = to_shapely([area.get("geometry")])[0] if area else None
        plan_frame = gpd.GeoDataFrame(
            {
                "plan_key": [data.get("planKey")],
                "srid": [srid],
                "ryhti_json": [_dumps(rest)],
                "key_order": [_dumps(order)],
                "area_extra": [
                    _dumps({k: v for k, v in area.items() if k not in ("srid", "geometry")})
                ],
            },
            geometry=gpd.GeoSeries([plan_geom]),
            crs=crs,
        )
        pyogrio.write_dataframe(
            plan_frame, tmp, layer="kaava", driver="GPKG", geometry_type="Unknown"
        )
        geoms = to_shapely([(o.get("geometry") or {}).get("geometry") for o in objects])
        rows: dict[str, list[dict[str, Any]]] = {"alueet": [], "viivat": [], "pisteet": []}
        row_geoms: dict[str, list[Any]] = {"alueet": [], "viivat": [], "pisteet": []}
        for i, obj in enumerate(objects):
            gtype = ((obj.get("geometry") or {}).get("geometry") or {}).get("type")
            dim = _DIMENSION.get(gtype)
            if dim is None or geoms[i] is None:
                raise InputError(
                    f"plan object {obj.get('planObjectKey')} has no usable geometry to export",
                    where=f"planObjects[{i}].geometry",
                )
            keys = by_object.get(obj.get("planObjectKey"), [])
            letters = [group_by_key.get(k, {}).get("letterIdentifier") for k in keys]
            titles = [
                ((group_by_key.get(k, {}).get("titleOfPlanRegulation")) or {}).get("fin")
                for k in keys
            ]
            geometry = dict(obj.get("geometry") or {})
            inner = dict(geometry.get("geometry") or {})
            stripped = dict(obj)
            stripped["geometry"] = {
                **{k: v for k, v in geometry.items() if k != "geometry"},
                "geometry": {k: v for k, v in inner.items() if k != "coordinates"},
            }
            rows[dim].append(
                {
                    "ordinal": i,
                    "plan_object_key": obj.get("planObjectKey"),
                    "kaavamerkinta": ", ".join(x for x in letters if x),
                    "ryhmat": ", ".join(x for x in titles if x),
                    "nimi": (obj.get("name") or {}).get("fin")
                    if isinstance(obj.get("name"), dict)
                    else None,
                    "ryhti_json": _dumps(stripped),
                }
            )
            row_geoms[dim].append(geoms[i])
        for dim, items in rows.items():
            frame = gpd.GeoDataFrame(
                pd.DataFrame(
                    items,
                    columns=[
                        "ordinal",
                        "plan_object_key",
                        "kaavamerkinta",
                        "ryhmat",
                        "nimi",
                        "ryhti_json",
                    ],
                ),
                geometry=gpd.GeoSeries(np.array(row_geoms[dim], dtype=object)),
                crs=crs,
            )
            pyogrio.write_dataframe(
                frame, tmp, layer=f"kaavakohteet_{dim}", driver="GPKG", geometry_type="Unknown"
            )
        _table(
            pyogrio,
            tmp,
            "kaavamaaraysryhmat",
            [
                {
                    "ordinal": i,
                    "plan_regulation_group_key": g.get("planRegulationGroupKey"),
                    "kaavamerkinta": g.get("letterIdentifier"),
                    "otsikko": (g.get("titleOfPlanRegulation") or {}).get("fin")
                    if isinstance(g.get("titleOfPlanRegulation"), dict)
                    else None,
                    "ryhti_json": _dumps(g),
                }
                for i, g in enumerate(groups)
            ],
        )
        _table(
            pyogrio,
            tmp,
            "yleismaaraysryhmat",
            [
                {
                    "ordinal": i,
                    "general_regulation_group_key": g.get("generalRegulationGroupKey"),
                    "ryhti_json": _dumps(g),
                }
                for i, g in enumerate(general)
            ],
            columns=["ordinal", "general_regulation_group_key", "ryhti_json"],
        )
        _table(
            pyogrio,
            tmp,
            "kaavamaaraysryhmien_suhteet",
            [{"ordinal": i, "ryhti_json": _dumps(r)} for i, r in enumerate(relations)],
            columns=["ordinal", "ryhti_json"],
        )
        _table(
            pyogrio,
            tmp,
            META,
            [
                {
                    "version": EXPORT_VERSION,
                    "srid": srid,
                    "has_general": int("generalRegulationGroups" in data),
                    "has_relations": int("planRegulationGroupRelations" in data),
                }
            ],
        )
    return target


def _table(
    pyogrio: Any, path: str, name: str, rows: list[dict[str, Any]], columns: list[str] | None = None
) -> None:
    frame = pd.DataFrame(
        rows, columns=columns or (list(rows[0]) if rows else ["ordinal", "ryhti_json"])
    )
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].astype("string")
    pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")


def is_export(source: Any) -> bool:
    """True if a read Source is a GeoPackage written by :func:`write_gpkg`."""
    return source.layer(META) is not None and source.layer("kaava") is not None


def read_export(source: Any) -> dict[str, Any]:
    """The plan JSON stored in an exported GeoPackage (already read as a Source)."""
    meta = source.layer(META).attributes
    if int(meta["version"].iloc[0]) != EXPORT_VERSION:
        raise InputError(
            f"export version {meta['version'].iloc[0]} is not supported", source=source.path
        )
    plan_layer = source.layer("kaava")
    row = plan_layer.attributes.iloc[0]
    data: dict[str, Any] = json.loads(row["ryhti_json"])
    order: list[str] = json.loads(row["key_order"])
    srid = str(row["srid"])
    area_geom = plan_layer.geometry[0]
    if area_geom is not None:
        data["geographicalArea"] = {
            "srid": srid,
            "geometry": json.loads(shapely.to_geojson(area_geom)),
            **json.loads(row["area_extra"]),
        }
    objects: list[tuple[int, dict[str, Any]]] = []
    for dim in ("alueet", "viivat", "pisteet"):
        layer = source.layer(f"kaavakohteet_{dim}")
        if layer is None or len(layer) == 0:
            continue
        texts = shapely.to_geojson(layer.geometry)
        for ordinal, raw, gtext in zip(
            layer.attributes["ordinal"].tolist(),
            layer.attributes["ryhti_json"].tolist(),
            texts,
            strict=True,
        ):
            obj = json.loads(raw)
            coords = json.loads(gtext)["coordinates"]
            obj["geometry"]["geometry"]["coordinates"] = coords
            objects.append((int(ordinal), obj))
    objects.sort(key=lambda item: item[0])
    data["planObjects"] = [o for _, o in objects]
    data["planRegulationGroups"] = _rows(source, "kaavamaaraysryhmat")
    if int(meta["has_general"].iloc[0]):
        data["generalRegulationGroups"] = _rows(source, "yleismaaraysryhmat")
    if int(meta["has_relations"].iloc[0]):
        data["planRegulationGroupRelations"] = _rows(source, "kaavamaaraysryhmien_suhteet")
    return {k: data[k] for k in [*order, *[k for k in data if k not in order]] if k in data}


def _rows(source: Any, name: str) -> list[Any]:
    layer = source.layer(name)
    if layer is None or len(layer) == 0:
        return []
    frame = layer.attributes.sort_values("ordinal")
    return [json.loads(x) for x in frame["ryhti_json"].tolist()]


def export_plan(plan_path: str | Path, out: str | Path) -> Path:
    """Load a plan JSON file and write it as a GeoPackage."""
    from ryhti.model import load_plan

    plan = load_plan(plan_path)  # refuses non-plans with a clear message
    if not plan.is_set("geographical_area"):
        raise InputError("the plan has no geographicalArea to export", source=plan_path)
    data = plan.to_json()
    try:
        _check_shape(data)
        return write_gpkg(data, out)
    except InputError as exc:
        if exc.source is None:
            exc.source = str(plan_path)
        raise


#: Members whose shape the export relies on: lists of objects, objects, language maps.
_LISTS = (
    "planObjects",
    "planRegulationGroups",
    "generalRegulationGroups",
    "planRegulationGroupRelations",
)


def _check_shape(data: dict[str, Any]) -> None:
    """Refuse a plan whose structure the GeoPackage layout cannot hold, naming the place.

    The model loads any JSON object losslessly, wrong types included (the validator
    reports them); export needs lists of objects where the schema has them.
    """

    def bad(where: str, what: str, value: Any) -> InputError:
        return InputError(
            f"{what}, not {type(value).__name__}: the plan cannot be exported",
            where=where,
            hint="`ryhti validate` lists every such problem",
        )

    area = data.get("geographicalArea")
    if not isinstance(area, dict):
        raise bad("geographicalArea", "must be an object", area)
    for name in _LISTS:
        items = data.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            raise bad(name, "must be a list", items)
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise bad(f"{name}[{i}]", "must be an object", item)
            geometry = item.get("geometry") if name == "planObjects" else None
            if geometry is not None and not isinstance(geometry, dict):
                raise bad(f"{name}[{i}].geometry", "must be an object", geometry)
            inner = geometry.get("geometry") if isinstance(geometry, dict) else None
            if inner is not None and not isinstance(inner, dict):
                raise bad(f"{name}[{i}].geometry.geometry", "must be an object", inner)
            title = item.get("titleOfPlanRegulation")
            if title is not None and not isinstance(title, dict):
                raise bad(f"{name}[{i}].titleOfPlanRegulation", "must be a language map", title)
