"""G004: coordinates are numbers nested as the geometry type says."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

from ryhti.findings import Finding
from ryhti.model import UNSET
from ryhti.model.common import COORDINATE_DEPTH
from ryhti.model.geometry import build_error
from ryhti.validators.rule import ALL_KINDS, Rule, texts
from ryhti.validators.rules.geometry._geom import geojson_type, raw_coordinates


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


_NUMBER_TYPES = frozenset({float, int})


def _not_numbers(ctx: Any) -> list[int]:
    """Built geometries whose coordinates are not all JSON numbers.

    The bulk builder reads numeric strings as numbers, so the raw values are checked
    too: all geometries of one type at once, by the set of the types of their leaves
    (a C-level walk with ``itertools.chain``); only a type whose set holds anything
    but ``int``/``float`` is examined geometry by geometry.
    """
    by_type: dict[str, list[int]] = {}
    shapes = ctx.shapes
    for i, node in enumerate(ctx.scan.geometries):
        if shapes[i] is not None:
            gtype = geojson_type(node)
            if gtype in COORDINATE_DEPTH:
                by_type.setdefault(gtype, []).append(i)
    out: list[int] = []
    checked = getattr(ctx, "numeric_types", set())
    for gtype, indices in by_type.items():
        if gtype in checked:
            continue  # built from numbers only (Context.shapes checked them)
        coords = [raw_coordinates(ctx.scan.geometries[i]) for i in indices]
        leaves: Any = coords
        try:
            for _ in range(COORDINATE_DEPTH[gtype]):
                leaves = chain.from_iterable(leaves)
            kinds = set(map(type, leaves))
        except TypeError:
            kinds = {str}
        if kinds <= _NUMBER_TYPES:
            continue
        test = _ALL_NUMBERS[gtype]
        out.extend(i for i, c in zip(indices, coords, strict=True) if not test(c))
    return sorted(out)


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
        fi="Geometrian {gtype} koordinaatit: {problem_fi}.",
        sv="Koordinaterna för {gtype} {problem}.",
    )

    def check(self, ctx: Any) -> Iterator[Finding]:
        shapes = ctx.shapes
        for i in _not_numbers(ctx):
            node = ctx.scan.geometries[i]
            yield self.finding(
                ctx,
                path=f"{node.path}.geometry.coordinates",
                object_key=node.owner_key,
                official_id=self.official_ids[1],
                gtype=geojson_type(node),
                problem="must be JSON numbers",
                problem_fi="tulee olla lukuja",
            )
        for i, node in enumerate(ctx.scan.geometries):
            if shapes[i] is not None:
                continue
            gtype = geojson_type(node)
            coords = raw_coordinates(node)
            if gtype not in COORDINATE_DEPTH:
                continue  # unknown type: S006
            if not isinstance(coords, list):
                if coords is not None and coords is not UNSET:  # missing or null: S002
                    yield self.finding(
                        ctx,
                        path=f"{node.path}.geometry.coordinates",
                        object_key=node.owner_key,
                        official_id=self.official_ids[1],
                        gtype=gtype,
                        problem="must be an array",
                        problem_fi="tulee olla taulukko",
                    )
                continue
            want = COORDINATE_DEPTH[gtype]
            got = depth(coords)
            if got != want:
                yield self.finding(
                    ctx,
                    path=f"{node.path}.geometry.coordinates",
                    object_key=node.owner_key,
                    gtype=gtype,
                    problem=f"are nested {got} deep, a {gtype} needs {want}",
                    problem_fi=f"sisäkkäisyys on {got}, tyypille {gtype} tarvitaan {want}",
                )
                continue
            reason = build_error(node.geom) or "cannot be read"
            yield self.finding(
                ctx,
                path=f"{node.path}.geometry.coordinates",
                object_key=node.owner_key,
                official_id=self.official_ids[1],
                gtype=gtype,
                problem=f"cannot be read ({reason})",
                problem_fi=f"lukeminen ei onnistu ({reason})",
            )
