"""G008: geometries are OGC-valid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import shapely

from ryhti.findings import Finding
from ryhti.validators.rule import ALL_KINDS, Rule, texts
from ryhti.validators.rules.geometry._geom import (
    built_indices,
    geojson_type,
    raw_coordinates,
    reason_point,
)

OFFICIAL_BY_TYPE = {
    "MultiPoint": "quality__req_geom_type_multipoint",
    "MultiLineString": "quality__req_geom_type_multilinestring",
}


#: What the other rules do with an invalid geometry, said once here instead of by each.
NOTE_OBJECT = {
    "en": " The other spatial checks skip it until it is repaired"
    " (the cover check counts its repaired shape).",
    "fi": " Muut sijaintitarkistukset ohittavat sen, kunnes se on korjattu"
    " (kattavuustarkistus käyttää sen korjattua muotoa).",
    "sv": " De andra rumsliga kontrollerna hoppar över den tills den är reparerad"
    " (täckningskontrollen använder dess reparerade form).",
}
NOTE_AREA = {
    "en": " The checks against the plan area (objects inside it, reservations covering it)"
    " wait until it is repaired.",
    "fi": " Kaava-alueeseen perustuvat tarkistukset (kohteet alueen sisällä, aluevarausten"
    " kattavuus) odottavat, kunnes se on korjattu.",
    "sv": " Kontrollerna mot planområdet (objekt inom det, reserveringarnas täckning)"
    " väntar tills det är reparerat.",
}


def _raw_problem(gtype: str | None, coords: Any) -> str | None:
    """Faults the bulk builder repairs silently: unclosed or too short rings, one-point lines."""
    if not isinstance(coords, list):
        return None
    if not coords:
        return "the geometry is empty"
    rings: list[Any] = []
    if gtype == "Polygon":
        rings = coords
    elif gtype == "MultiPolygon":
        rings = [r for poly in coords if isinstance(poly, list) for r in poly]
    elif gtype == "LineString":
        return "a LineString needs at least 2 positions" if len(coords) < 2 else None
    elif gtype == "MultiLineString":
        if any(isinstance(line, list) and len(line) < 2 for line in coords):
            return "every LineString part needs at least 2 positions"
        return None
    if gtype == "MultiPolygon" and any(isinstance(p, list) and not p for p in coords):
        return "a polygon part has no rings"
    for ring in rings:
        if not isinstance(ring, list):
            continue
        if not ring:
            return "a ring has no positions"
        if ring[0] != ring[-1]:
            return f"ring not closed (first position {ring[0]}, last {ring[-1]})"
        if len(ring) < 4:
            return "a ring needs at least 4 positions (3 distinct and the closing one)"
    return None


class ValidGeometry(Rule):
    """Geometries are valid in the OGC Simple Features sense: rings closed and not
    self-intersecting, holes inside their shell and touching it at points only, a
    connected interior, non-zero area, lines of two or more positions.

    Anti-pattern: a bow-tie polygon ``[[0,0],[10,10],[10,0],[0,10],[0,0]]``, or a ring
    whose last position is not its first.

    Best practice: repair with ``ST_MakeValid``/QGIS "Fix geometries" and check the result,
    which may split the polygon.
    """

    id = "G008"
    name = "valid-geometry"
    official_ids = ("quality__req_geom_is_valid_detail", *OFFICIAL_BY_TYPE.values())
    references = ("R-C08", "R-C10")
    kinds = ALL_KINDS
    spatial = True
    title = "Invalid geometry"
    why = "Syke refuses invalid geometries; every spatial check after them would be unreliable."
    fix = "Repair the geometry at the place the message names."
    messages = texts(
        en="Invalid {gtype}: {reason}.{note}",
        fi="Virheellinen geometria ({gtype}): {reason}.{note_fi}",
        sv="Ogiltig {gtype}: {reason}.{note_sv}",
    )

    def check(self, ctx: Any) -> Iterator[Finding]:
        geometries = ctx.scan.geometries
        raw_bad: set[int] = set()
        for i, node in enumerate(geometries):
            if ctx.shapes[i] is None:
                continue
            problem = _raw_problem(geojson_type(node), raw_coordinates(node))
            if problem:
                raw_bad.add(i)
                yield self._f(ctx, node, problem, None)
        idx = built_indices(ctx)
        if not len(idx):
            return
        bad = idx[~ctx.shape_valid[idx]]  # invalid or empty (computed once for every rule)
        if not len(bad):
            return
        shapes = ctx.shapes[bad].astype(object)
        empty = shapely.is_empty(shapes)
        for i in bad[empty].tolist():
            if i not in raw_bad:
                yield self._f(ctx, geometries[i], "the geometry is empty", None)
        invalid = bad[~empty]
        if not len(invalid):
            return
        reasons = shapely.is_valid_reason(ctx.shapes[invalid].astype(object))
        for i, reason in zip(invalid.tolist(), reasons, strict=True):
            if i in raw_bad:
                continue
            node = geometries[i]
            yield self._f(ctx, node, reason, reason_point(reason) or ctx.shapes[i])

    def _f(self, ctx: Any, node: Any, reason: str, where: Any) -> Finding:
        gtype = geojson_type(node) or "geometry"
        i = ctx.shape_index(node.geom)
        skipped = i is not None and not ctx.shape_valid[i]
        area = node.path.endswith("geographicalArea")
        return self.finding(
            ctx,
            path=f"{node.path}.geometry",
            object_key=node.owner_key,
            geometry=where,
            official_id=OFFICIAL_BY_TYPE.get(gtype, self.official_ids[0]),
            gtype=gtype,
            reason=reason,
            note=(NOTE_AREA if area else NOTE_OBJECT)["en"] if skipped else "",
            note_fi=(NOTE_AREA if area else NOTE_OBJECT)["fi"] if skipped else "",
            note_sv=(NOTE_AREA if area else NOTE_OBJECT)["sv"] if skipped else "",
            data={"skipped": skipped},
        )
