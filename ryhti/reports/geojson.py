"""Findings as a GeoJSON FeatureCollection, to open in QGIS beside the plan.

RFC 7946 GeoJSON is WGS84 longitude/latitude, but planners work in the plan's
own system (ETRS-TM35FIN, EPSG:3067, or an ETRS-GK zone) and want findings to
line up with their layers without reprojection surprises. So by default the
coordinates stay in the plan's system and the collection says so twice: the
(2008-style) ``crs`` member that GDAL, and so QGIS, reads to assign the layer's
CRS, and a ``ryhti`` member with a note. Findings from plans in different zones
are brought to EPSG:3067 together, since one collection has one CRS.
``to_wgs84=True`` writes standard RFC 7946 lon/lat instead (no ``crs`` member).

Findings without a geometry of their own are placed on their plan object when the
plan is known (``geometrySource: "object"``); otherwise the feature has a null
geometry, which GeoJSON allows and QGIS shows as an attribute-only row.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.reports.common import REPORT_VERSION, Context
from ryhti.reports.geometry import finding_geometries, plan_geometry, reproject

__all__ = ["build", "render"]

#: Coordinates of the national system kept to the millimetre; WGS84 to ~1 cm.
DECIMALS_PLAN = 3
DECIMALS_WGS84 = 7
NATIONAL_SRID = "3067"


def _parts(ctx: Context) -> tuple[dict[str, Any], list[str | None], list[dict[str, Any]]]:
    """Collection members, GeoJSON text of each geometry, and properties of each feature."""
    to_wgs84 = bool(ctx.options.get("to_wgs84"))
    plans = {name: plan_geometry(doc) for name, doc in ctx.documents.items()}
    geoms, srids, origins = finding_geometries(ctx.findings, plans)
    present = [i for i, g in enumerate(geoms) if g is not None]
    known = sorted({srids[i] for i in present if srids[i]})
    unknown_srid = [i for i in present if not srids[i]]
    target: str | None
    note: str
    if to_wgs84:
        target = "4326"
        note = "Coordinates are WGS84 longitude/latitude (RFC 7946), reprojected from the plan."
        for i in unknown_srid:  # cannot reproject what has no coordinate system
            geoms[i] = None
            origins[i] = None
    elif len(known) <= 1:
        target = known[0] if known else None
        note = (
            f"Coordinates are in EPSG:{target}, the plan's coordinate system, not WGS84; "
            "QGIS reads the crs member. Use --to-wgs84 for RFC 7946 longitude/latitude."
            if target
            else "No finding has a coordinate system; coordinates are as the findings gave them."
        )
    else:
        target = NATIONAL_SRID
        note = (
            f"Findings came in EPSG:{', '.join(known)} and were reprojected to EPSG:3067 "
            "(ETRS-TM35FIN) so the collection has one CRS; srid gives each one's original."
        )
    if target is not None:
        decimals = DECIMALS_WGS84 if to_wgs84 else DECIMALS_PLAN
        for srid in known:
            idx = [i for i in present if srids[i] == srid and geoms[i] is not None]
            if srid == target or not idx:
                continue
            moved = reproject(
                np.array([geoms[i] for i in idx], dtype=object), srid, int(target), decimals
            )
            for i, g in zip(idx, moved, strict=True):
                geoms[i] = g
    texts = _geojson_texts(geoms)
    props = [_properties(f, ctx, srids[n], origins[n]) for n, f in enumerate(ctx.findings)]
    collection: dict[str, Any] = {"type": "FeatureCollection", "name": "ryhti-findings"}
    if target is not None and not to_wgs84:
        collection["crs"] = {
            "type": "name",
            "properties": {"name": f"urn:ogc:def:crs:EPSG::{target}"},
        }
    collection["ryhti"] = {
        "version": REPORT_VERSION,
        "tool": {"name": "ryhti", "version": ctx.tool_version},
        "srid": target,
        "note": note,
        "summary": ctx.counts(),
    }
    return collection, texts, props


def build(ctx: Context) -> dict[str, Any]:
    """The FeatureCollection as a JSON-ready dict."""
    collection, texts, props = _parts(ctx)
    collection["features"] = [
        {
            "type": "Feature",
            "id": n,
            "geometry": json.loads(text) if text is not None else None,
            "properties": p,
        }
        for n, (text, p) in enumerate(zip(texts, props, strict=True))
    ]
    return collection


def render(ctx: Context) -> str:
    """The FeatureCollection as JSON text, one feature per line for readable diffs.

    Geometry text from ``shapely.to_geojson`` goes in as it is, never parsed and
    dumped again: that keeps 100,000 findings to a few seconds.
    """
    collection, texts, props = _parts(ctx)
    head = json.dumps(collection, ensure_ascii=False, allow_nan=False, default=str)
    if not props:
        return head[:-1] + ', "features": []}\n'
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=str).encode
    body = ",\n".join(
        f'{{"type": "Feature", "id": {n}, "geometry": {text or "null"}, "properties": {encode(p)}}}'
        for n, (text, p) in enumerate(zip(texts, props, strict=True))
    )
    return head[:-1] + ', "features": [\n' + body + "\n]}\n"


def _geojson_texts(geoms: np.ndarray) -> list[str | None]:
    present = np.array([g is not None for g in geoms], dtype=bool)
    out: list[str | None] = [None] * len(geoms)
    if present.any():
        idx = np.flatnonzero(present)
        texts = shapely.to_geojson(np.asarray(geoms[idx], dtype=object))
        for i, text in zip(idx.tolist(), texts.tolist(), strict=True):
            out[i] = text
    return out


def _properties(f: Finding, ctx: Context, srid: str | None, source: str | None) -> dict[str, Any]:
    props: dict[str, Any] = {
        "rule": f.rule,
        "officialId": f.official_id,
        "severity": f.severity.value,
        "message": ctx.message(f),
        "message_fi": f.messages.get("fi"),
        "message_sv": f.messages.get("sv"),
        "message_en": f.messages.get("en"),
        "path": f.path,
        "objectKey": f.object_key,
        "source": f.source,
        "origin": f.origin,
        "srid": srid,
        "geometrySource": source,
    }
    if f.location:
        props["location"] = dict(f.location)
    if f.data:
        props["data"] = f.data
    return props
