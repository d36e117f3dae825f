"""G008: geometries are OGC-valid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import shapely

from ryhti.findings import Finding
from ryhti.validators.rule import ALL_KINDS, Localized, Rule, texts
from ryhti.validators.rules.geometry._geom import (
    built_indices,
    geojson_type,
    raw_coordinates,
    reason_point,
)

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

OFFICIAL_BY_TYPE = {
    "MultiPoint": "quality__req_geom_type_multipoint",
    "MultiLineString": "quality__req_geom_type_multilinestring",
}


#: What the other rules do with an invalid geometry, said once here instead of by each.
NOTE_OBJECT = Localized(
    en=" The other spatial checks skip it until it is repaired"
    " (the cover check counts its repaired shape).",
    fi=" Muut sijaintitarkistukset ohittavat sen, kunnes se on korjattu"
    " (kattavuustarkistus käyttää sen korjattua muotoa).",
    sv=" De andra rumsliga kontrollerna hoppar över den tills den är reparerad"
    " (täckningskontrollen använder dess reparerade form).",
)
NOTE_AREA = Localized(
    en=" The checks against the plan area (objects inside it, reservations covering it)"
    " wait until it is repaired.",
    fi=" Kaava-alueeseen perustuvat tarkistukset (kohteet alueen sisällä, aluevarausten"
    " kattavuus) odottavat, kunnes se on korjattu.",
    sv=" Kontrollerna mot planområdet (objekt inom det, reserveringarnas täckning)"
    " väntar tills det är reparerat.",
)

EMPTY = Localized(en="the geometry is empty", fi="geometria on tyhjä", sv="geometrin är tom")

#: GEOS's reasons (``shapely.is_valid_reason``, before the ``[x y]`` it may add) in Finnish
#: and Swedish; English keeps GEOS's own words, which GIS tools print too.
GEOS_REASONS = {
    "Self-intersection": ("itseleikkaus", "självskärning"),
    "Ring Self-intersection": ("renkaan itseleikkaus", "ringens självskärning"),
    "Too few points": ("liian vähän pisteitä", "för få punkter"),
    "Hole lies outside shell": (
        "reikä on ulkoreunan ulkopuolella",
        "ett hål ligger utanför ytterringen",
    ),
    "Interior is disconnected": ("sisäosa ei ole yhtenäinen", "det inre är inte sammanhängande"),
    "Nested holes": ("sisäkkäiset reiät", "nästlade hål"),
    "Nested shells": ("sisäkkäiset ulkoreunat", "nästlade ytterringar"),
    "Duplicate Rings": ("toistuvat renkaat", "dubblerade ringar"),
    "Invalid Coordinate": ("virheellinen koordinaatti", "ogiltig koordinat"),
    "Ring is not closed": ("rengas ei ole suljettu", "ringen är inte sluten"),
}


def geos_reason(reason: str) -> Localized:
    """GEOS's reason in each language, the point it names kept as it is."""
    name, bracket, rest = reason.partition("[")
    words = GEOS_REASONS.get(name.strip())
    if words is None:
        return Localized(en=reason, fi=reason, sv=reason)
    tail = bracket + rest
    return Localized(en=reason, fi=words[0] + tail, sv=words[1] + tail)


def _raw_problem(gtype: str | None, coords: Any) -> Localized | None:
    """Faults the bulk builder repairs silently: unclosed or too short rings, one-point lines."""
    if not isinstance(coords, list):
        return None
    if not coords:
        return EMPTY
    rings: list[Any] = []
    if gtype == "Polygon":
        rings = coords
    elif gtype == "MultiPolygon":
        rings = [r for poly in coords if isinstance(poly, list) for r in poly]
    elif gtype == "LineString":
        if len(coords) < 2:
            return Localized(
                en="a LineString needs at least 2 positions",
                fi="viivalla (LineString) tulee olla vähintään 2 sijaintia",
                sv="en LineString behöver minst 2 positioner",
            )
        return None
    elif gtype == "MultiLineString":
        if any(isinstance(line, list) and len(line) < 2 for line in coords):
            return Localized(
                en="every LineString part needs at least 2 positions",
                fi="jokaisella viivan osalla tulee olla vähintään 2 sijaintia",
                sv="varje LineString-del behöver minst 2 positioner",
            )
        return None
    if gtype == "MultiPolygon" and any(isinstance(p, list) and not p for p in coords):
        return Localized(
            en="a polygon part has no rings",
            fi="monikulmion osalla ei ole renkaita",
            sv="en polygondel har inga ringar",
        )
    for ring in rings:
        if not isinstance(ring, list):
            continue
        if not ring:
            return Localized(
                en="a ring has no positions",
                fi="renkaalla ei ole sijainteja",
                sv="en ring har inga positioner",
            )
        if ring[0] != ring[-1]:
            first, last = ring[0], ring[-1]
            return Localized(
                en=f"ring not closed (first position {first}, last {last})",
                fi=f"rengas ei ole suljettu (ensimmäinen sijainti {first}, viimeinen {last})",
                sv=f"ringen är inte sluten (första position {first}, sista {last})",
            )
        if len(ring) < 4:
            return Localized(
                en="a ring needs at least 4 positions (3 distinct and the closing one)",
                fi="renkaalla tulee olla vähintään 4 sijaintia (3 eri sijaintia ja sulkeva)",
                sv="en ring behöver minst 4 positioner (3 olika och den som sluter den)",
            )
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
        fi="Virheellinen geometria ({gtype}): {reason}.{note}",
        sv="Ogiltig {gtype}: {reason}.{note}",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
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
                yield self._f(ctx, geometries[i], EMPTY, None)
        invalid = bad[~empty]
        if not len(invalid):
            return
        reasons = shapely.is_valid_reason(ctx.shapes[invalid].astype(object))
        for i, reason in zip(invalid.tolist(), reasons, strict=True):
            if i in raw_bad:
                continue
            node = geometries[i]
            yield self._f(ctx, node, geos_reason(reason), reason_point(reason) or ctx.shapes[i])

    def _f(self, ctx: Context, node: Any, reason: Localized, where: Any) -> Finding:
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
            note=(NOTE_AREA if area else NOTE_OBJECT) if skipped else "",
            data={"skipped": skipped},
        )
