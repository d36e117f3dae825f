"""G019: the plan lies in its municipality (with boundary data given)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ryhti.errors import InputError
from ryhti.findings import Finding
from ryhti.model import RyhtiGeometry
from ryhti.validators.rule import Rule, texts


@functools.cache
def _boundaries(path: str) -> tuple[dict[str, Any], str | None]:
    """``(code → geometry, srid)`` of a GeoJSON FeatureCollection with a ``code`` property."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the boundaries file: {exc}", source=path) from exc
    srid = None
    crs = (data.get("crs") or {}).get("properties", {}).get("name", "")
    if crs:
        srid = crs.rsplit(":", 1)[-1]
    out: dict[str, Any] = {}
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        code = props.get("code") or props.get("kunta") or props.get("natcode")
        if code is None or not feature.get("geometry"):
            continue
        out[str(code)] = shapely.from_geojson(json.dumps(feature["geometry"]))
    return out, srid


class WithinMunicipality(Rule):
    """The plan area (and the phase boundary) lie within the municipality named by
    ``administrativeAreaIdentifiers`` (``--municipality`` for a plan).

    Anti-pattern: ``--municipality 091`` for a plan in Vantaa (092).

    Best practice: the code of the municipality the plan is in (several only for a joint
    yleiskaava, planType 24).
    """

    id = "G019"
    name = "within-municipality"
    official_ids = ("quality__req_geom_location_administrativearea",)
    references = ("R-G05",)
    kinds = ("plan", "matter", "phase")
    spatial = True
    title = "Plan outside its municipality"
    why = (
        "Syke checks the boundary against the municipality's borders (NLS 1:10 000, 10 cm buffer)."
    )
    fix = "Give the right municipality code, or correct the boundary."
    approximation = (
        "Runs only when a boundary file is configured (``boundaries`` in [tool.ryhti] or "
        "--boundaries: GeoJSON with a ``code`` property per municipality). Freely available "
        "boundaries are generalised, so parts outside are reported only beyond "
        "``boundary-tolerance`` (500 m); without a file the check is left to Syke."
    )
    messages = texts(
        en="{area} m² of the {what} lies outside {codes} (more than {tolerance} m beyond the border).",
        fi="{area} m² {what_fi} on alueen {codes} ulkopuolella (yli {tolerance} m rajasta).",
        sv="{area} m² av {what} ligger utanför {codes} (mer än {tolerance} m från gränsen).",
    )

    def check(self, ctx: Any) -> Iterator[Finding]:
        path = ctx.config.boundaries
        if not path:
            return
        codes = ctx.municipality
        if ctx.matter is not None and isinstance(ctx.matter.administrative_area_identifiers, list):
            codes = [str(c) for c in ctx.matter.administrative_area_identifiers]
        if not codes:
            return
        bare = [c.rstrip("/").rsplit("/", 1)[-1] for c in codes]
        areas, data_srid = _boundaries(str(path))
        known = [areas[c] for c in bare if c in areas]
        if len(known) != len(bare):
            return  # an unknown code is C010's / L028's business
        region = shapely.union_all(known)
        targets: list[tuple[str, Any, str, str]] = []
        for pc in ctx.plans:
            targets.append(
                (
                    f"{pc.path}.geographicalArea",
                    pc.plan.geographical_area,
                    "plan area",
                    "kaava-alueesta",
                )
            )
        for p, phase in ctx.phases:
            targets.append(
                (
                    f"{p}.geographicalArea",
                    phase.geographical_area,
                    "phase boundary",
                    "vaiheen rajauksesta",
                )
            )
        tol = ctx.config.boundary_tolerance
        for p, geom, what, what_fi in targets:
            if not isinstance(geom, RyhtiGeometry) or not isinstance(geom.srid, str):
                continue
            shape = ctx.shape_of(geom)
            if shape is None or not shapely.is_valid(shape):
                continue
            zone = _in_srid(region, data_srid or "3067", geom.srid)
            if zone is None:
                continue
            outside = shapely.difference(shape, shapely.buffer(zone, tol))
            if shapely.is_empty(outside) or shapely.area(outside) <= 0:
                continue
            yield self.finding(
                ctx,
                path=p,
                geometry=outside,
                srid=geom.srid,
                area=round(float(shapely.area(outside)), 1),
                what=what,
                what_fi=what_fi,
                codes=", ".join(bare),
                tolerance=tol,
            )


def _in_srid(geom: Any, source: str, target: str) -> Any:
    if source == target:
        return geom
    try:
        from pyproj import Transformer

        tr = Transformer.from_crs(f"EPSG:{source}", f"EPSG:{target}", always_xy=True)
    except Exception:
        return None
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
