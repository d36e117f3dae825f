"""G005: plan areas and phase boundaries are (multi)polygons."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import GEOMETRY_TYPES
from ryhti.validators.rule import ALL_KINDS, Rule, texts
from ryhti.validators.rules.geometry._geom import geojson_type

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class AreaIsPolygon(Rule):
    """``geographicalArea`` of a plan or a phase is a Polygon or MultiPolygon.

    Anti-pattern: the plan boundary delivered as a closed LineString.

    Best practice: ``{"type": "Polygon", "coordinates": [[…]]}``.
    """

    id = "G005"
    name = "area-is-polygon"
    official_ids = ("quality__req_geom_invalid_polygon_multipolygon",)
    references = ("R-C05",)
    kinds = ALL_KINDS
    spatial = True
    title = "Boundary is not a polygon"
    why = "A plan area is an area; Syke requires a polygon or multipolygon."
    fix = "Deliver the boundary as a Polygon or MultiPolygon."
    messages = texts(
        en="The boundary is a {gtype}; it must be a Polygon or MultiPolygon.",
        fi="Rajaus on tyyppiä {gtype}; sen tulee olla Polygon tai MultiPolygon.",
        sv="Gränsen är en {gtype}; den ska vara en Polygon eller MultiPolygon.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for node in ctx.scan.geometries:
            if not node.path.endswith("geographicalArea") or "sourceDatas" in node.path:
                continue
            gtype = geojson_type(node)
            if gtype in GEOMETRY_TYPES and gtype not in ("Polygon", "MultiPolygon"):
                yield self.finding(
                    ctx, path=f"{node.path}.geometry.type", object_key=node.owner_key, gtype=gtype
                )
