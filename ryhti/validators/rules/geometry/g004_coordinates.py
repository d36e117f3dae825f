"""G004: coordinates are numbers nested as the geometry type says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.findings import Finding
from ryhti.model import UNSET
from ryhti.model.common import COORDINATE_DEPTH
from ryhti.model.geometry import StructureFault, build_error, structure_fault
from ryhti.validators.rule import ALL_KINDS, Localized, Rule, texts
from ryhti.validators.rules.geometry._geom import geojson_type, raw_coordinates

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


def _numbers(positions: Any) -> bool:
    return all(
        type(p) is list and all(type(c) is float or type(c) is int for c in p) for p in positions
    )


#: Per type: a test that every position is an array of JSON numbers.
_ALL_NUMBERS = {
    "Point": lambda c: _numbers([c]),
    "MultiPoint": _numbers,
    "LineString": _numbers,
    "MultiLineString": lambda c: all(type(x) is list and _numbers(x) for x in c),
    "Polygon": lambda c: all(type(x) is list and _numbers(x) for x in c),
    "MultiPolygon": lambda c: all(
        type(p) is list and all(type(x) is list and _numbers(x) for x in p) for p in c
    ),
}


def depth(value: Any) -> int:
    """Nesting depth of a coordinates array (a position is 1)."""
    d = 0
    while isinstance(value, list) and value:
        if not isinstance(value[0], list):
            return d + 1
        value = value[0]
        d += 1
    return d + (1 if isinstance(value, list) else 0)


class Coordinates(Rule):
    """``coordinates`` nest as deep as the ``type`` requires and hold numbers.

    Anti-pattern: ``{"type": "Polygon", "coordinates": [[[[x, y], …]]]}`` (MultiPolygon
    nesting) or positions written as strings.

    Best practice: Polygon = array of rings, ring = array of positions, position = [x, y].
    """

    id = "G004"
    name = "coordinates"
    official_ids = (
        "quality__req_geom_type_coordinates_mismatch",
        "quality__req_geom_invalid_parse",
    )
    references = ("R-C04",)
    kinds = ALL_KINDS
    schema = True
    spatial = True
    title = "Coordinates do not fit the geometry type"
    why = "Syke cannot read a geometry whose coordinates do not match its type."
    fix = "Write the coordinates with the nesting of the type (or correct the type)."
    messages = texts(
        en="{gtype} coordinates {problem}.",
        fi="Geometrian {gtype} koordinaatit: {problem}.",
        sv="Koordinaterna för {gtype} {problem}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        # Geometries are built only from JSON numbers (``to_shapely``), so every
        # problem here shows as an unbuildable geometry; the raw value says which.
        shapes = ctx.shapes
        for i, node in enumerate(ctx.scan.geometries):
            if shapes[i] is not None:
                continue
            gtype = geojson_type(node)
            if gtype not in COORDINATE_DEPTH:
                continue  # unknown type: S006
            problem = self._problem(gtype, raw_coordinates(node), node)
            if problem is None:
                continue
            text, official = problem
            yield self.finding(
                ctx,
                path=f"{node.path}.geometry.coordinates",
                object_key=node.owner_key,
                official_id=official,
                gtype=gtype,
                problem=text,
            )

    def _problem(self, gtype: str, coords: Any, node: Any) -> tuple[Localized, str | None] | None:
        """(problem, Syke id or None for the default) of unbuildable coordinates; None when
        another rule reports them (missing or null: S002)."""
        unreadable = self.official_ids[1]
        if not isinstance(coords, list):
            if coords is None or coords is UNSET:
                return None
            return (
                Localized(en="must be an array", fi="tulee olla taulukko", sv="ska vara en lista"),
                unreadable,
            )
        broken = structure_fault(gtype, coords)  # a ring given as "" or [], a part as []
        if broken:
            return (
                Localized(
                    en=f"cannot be read: {broken}",
                    fi=f"lukeminen ei onnistu: {_fault_fi(broken)}",
                    sv=f"kan inte läsas: {_fault_sv(broken)}",
                ),
                unreadable,
            )
        want = COORDINATE_DEPTH[gtype]
        got = depth(coords)
        if got != want:
            return (
                Localized(
                    en=f"are nested {got} deep, a {gtype} needs {want}",
                    fi=f"sisäkkäisyys on {got}, tyypille {gtype} tarvitaan {want}",
                    sv=f"är nästlade {got} nivåer djupt, typen {gtype} behöver {want}",
                ),
                None,
            )
        if not _ALL_NUMBERS[gtype](coords):
            return (
                Localized(en="must be JSON numbers", fi="tulee olla lukuja", sv="ska vara tal"),
                unreadable,
            )
        reason = build_error(node.geom) or "cannot be read"
        return (
            Localized(
                en=f"cannot be read ({reason})",
                fi=f"lukeminen ei onnistu ({reason})",
                sv=f"kan inte läsas ({reason})",
            ),
            unreadable,
        )


#: Container names of :class:`~ryhti.model.geometry.StructureFault` (genitive, nominative).
_NAMES_FI = {
    "polygon": ("monikulmion", "monikulmio"),
    "ring": ("renkaan", "rengas"),
    "line": ("viivan", "viiva"),
}
_NAMES_SV = {"polygon": "polygon", "ring": "ring", "line": "linje"}


def _fault_fi(fault: StructureFault) -> str:
    """``monikulmion 1 rengas 2 on tyhjä``."""
    parts = [
        f"{_NAMES_FI[name][1 if n == len(fault.where) - 1 else 0]} {i}"
        for n, (name, i) in enumerate(fault.where)
    ]
    place = " ".join(parts) or "koordinaatit"
    return f"{place} on tyhjä" if fault.empty else f"{place} ei ole taulukko ({fault.found})"


def _fault_sv(fault: StructureFault) -> str:
    """``ring 2 i polygon 1 är tom``."""
    place = " i ".join(f"{_NAMES_SV[name]} {i}" for name, i in reversed(fault.where))
    place = place or "koordinaterna"
    return f"{place} är tom" if fault.empty else f"{place} är ingen lista ({fault.found})"
