"""JSON and GeoJSON of search and point answers.

Results carry their geometries as WKB under ``_wkb`` keys; JSON drops them, GeoJSON turns
them into features. GeoJSON stays in the archive's coordinate system with the
(2008-style) ``crs`` member QGIS reads, as the project's other GeoJSON outputs do.
"""

from __future__ import annotations

from typing import Any

import shapely

__all__ = ["clean", "feature_collection", "geometry_json", "here_features", "search_features"]


def clean(value: Any) -> Any:
    """``value`` without the private ``_…`` keys, for JSON."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def geometry_json(wkb: bytes | None) -> dict[str, Any] | None:
    """GeoJSON geometry of a WKB (``None`` stays ``None``)."""
    if wkb is None:
        return None
    import json

    return json.loads(shapely.to_geojson(shapely.from_wkb(wkb)))


def feature_collection(features: list[dict[str, Any]], srid: int) -> dict[str, Any]:
    """A FeatureCollection in EPSG ``srid`` with the ``crs`` member GDAL reads."""
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{srid}"}},
        "features": features,
    }


def search_features(result: dict[str, Any], areas: dict[int, bytes | None] | None = None) -> list:
    """One feature per hit and object (a general regulation: the plan area)."""
    features = []
    for hit in result["hits"]:
        props = {
            "rank": hit["rank"],
            "score": hit["score"],
            "plan": hit["plan"]["name"],
            "planKey": hit["plan"]["planKey"],
            "status": hit["plan"]["status"],
            "letterIdentifier": hit["group"]["letterIdentifier"],
            "group": hit["group"]["title"],
            "code": hit["regulation"]["code"],
            "value": hit["regulation"]["value"],
            "text": hit["regulation"]["text"],
            "snippet": hit["snippet"]["text"],
        }
        if hit["objects"]["wholePlan"]:
            wkb = (areas or {}).get(hit["_plan_fid"]) if "_plan_fid" in hit else None
            features.append(
                {
                    "type": "Feature",
                    "geometry": geometry_json(wkb),
                    "properties": {**props, "object": None},
                }
            )
            continue
        for obj in hit["objects"]["first"]:
            features.append(
                {
                    "type": "Feature",
                    "geometry": geometry_json(obj.get("_wkb")),
                    "properties": {**props, "objectKey": obj["key"], "object": obj["label"]},
                }
            )
    return features


def here_features(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan areas and the objects at the point, as features."""
    features = []
    for plan in result["plans"]:
        features.append(
            {
                "type": "Feature",
                "geometry": geometry_json(plan.get("_wkb")),
                "properties": {
                    "kind": "plan",
                    "plan": plan["name"],
                    "planKey": plan["planKey"],
                    "level": plan["level"],
                    "status": plan["status"],
                    "inForce": plan["inForce"],
                    "generalRegulations": [
                        r["text"] for g in plan["generalRegulations"] for r in g["regulations"]
                    ],
                },
            }
        )
        for obj in plan["objects"]:
            features.append(
                {
                    "type": "Feature",
                    "geometry": geometry_json(obj.get("_wkb")),
                    "properties": {
                        "kind": "object",
                        "plan": plan["name"],
                        "planKey": plan["planKey"],
                        "objectKey": obj["key"],
                        "letters": obj["letters"],
                        "status": obj["status"],
                        "regulations": [r["text"] for g in obj["groups"] for r in g["regulations"]],
                        "buildingRight": obj["buildingRight"]["kem"]
                        if obj["buildingRight"]
                        else None,
                    },
                }
            )
    return features
