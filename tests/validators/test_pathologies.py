"""Geometry pathologies real GIS data has, each with the findings it must give.

Every pathology of :mod:`tests.validators.pathologies` (duplicate, near duplicates at
1 mm and 0.1 mm around Syke's 0.5 mm tolerance, a shared edge off by as much, zero area,
bow-tie, spike, self-touching ring, hole outside and crossing its shell, overlapping
MultiPolygon parts, empty, a hole given as ``""``, unclosed, a repeated vertex, 20,000
vertices on one edge, a shared edge split into 20,000 pieces its neighbour lacks) is
applied to an area reservation (the AK block), to a building area inside it and to the
plan area itself, and validated with every rule. Each must:

* give exactly the findings listed here: rule, path and the located geometry (the point
  GEOS names, or the area of the gap or overlap);
* end in no internal error, and give the same findings on the fast and the slow path.

What the table says about the rules: an invalid geometry is reported once, by G008 (or
G004 when it cannot even be read), which says that the other spatial checks skip it; the
cover check (G015) counts an invalid reservation's repaired shape and names it next to
the gap that remains (a bow-tie repairs to two triangles, a self-touching ring to a
polygon with a hole). Checks against an invalid plan area wait until it is repaired.
A duplicated reservation is an overlap (G014) as large as the block; a copy 1 mm off
also overlaps its neighbour by a 1 mm strip and reaches 1 mm out of the plan area (G013),
0.1 mm off it does neither (below the 0.5 mm tolerance). A shared edge 1 mm off is an
overlap; 0.1 mm off it is four non-matching vertices (G016, a warning); 19,999 of them
along one shared edge are one G016 finding with all of them as a MultiPoint. Duplicates of a
building area give nothing: no rule compares building areas with each other.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from ryhti.validators import Config, validate
from ryhti.validators import scan as scan_module
from tests.validators.bases import BASES, TODAY
from tests.validators.pathologies import apply

TARGETS = {"AK": 0, "building": 2, "area": None}

Where = tuple[str, Any] | None

#: (target, pathology) -> [(rule, path, (geometry type, point xy or area m²) or None)]
EXPECTED: dict[tuple[str, str], list[tuple[str, str, Where]]] = {
    ("AK", "zero-area"): [
        ("G008", "$.planObjects[0].geometry.geometry", ("Point", (385030.0, 6672000.0))),
        ("G015", "$.planObjects[1].geometry", ("Polygon", 6000.0)),
    ],
    ("AK", "bow-tie"): [
        ("G008", "$.planObjects[0].geometry.geometry", ("Point", (385030.0, 6672050.0))),
        ("G015", "$.planObjects[1].geometry", ("Polygon", 1500.0)),
        ("G015", "$.planObjects[1].geometry", ("Polygon", 1500.0)),
    ],
    ("AK", "spike"): [
        ("G008", "$.planObjects[0].geometry.geometry", ("Point", (385030.0, 6672100.0)))
    ],
    ("AK", "self-touching"): [
        ("G015", "$.planObjects[0].geometry", ("Polygon", 250.0)),
        ("G008", "$.planObjects[0].geometry.geometry", ("Point", (385030.0, 6672000.0))),
    ],
    ("AK", "hole-outside"): [
        ("G008", "$.planObjects[0].geometry.geometry", ("Point", (386000.0, 6673000.0)))
    ],
    ("AK", "hole-crossing"): [
        ("G015", "$.planObjects[0].geometry", ("Polygon", 50.0)),
        ("G008", "$.planObjects[0].geometry.geometry", ("Point", (385035.0, 6672000.0))),
    ],
    ("AK", "overlapping-parts"): [
        ("G008", "$.planObjects[0].geometry.geometry", ("Point", (385000.0, 6672040.0)))
    ],
    ("AK", "empty"): [
        ("G008", "$.planObjects[0].geometry.geometry", None),
        ("G015", "$.planObjects[1].geometry", ("Polygon", 6000.0)),
    ],
    ("AK", "empty-hole"): [
        ("G004", "$.planObjects[0].geometry.geometry.coordinates", None),
        ("G015", "$.planObjects[1].geometry", ("Polygon", 6000.0)),
    ],
    ("AK", "unclosed"): [("G008", "$.planObjects[0].geometry.geometry", None)],
    ("AK", "repeated"): [
        ("G007", "$.planObjects[0].geometry.geometry.coordinates", ("Point", (385060.0, 6672000.0)))
    ],
    ("AK", "many-vertices"): [],
    ("AK", "split-shared-edge"): [
        ("G016", "$.planObjects[0].geometry", ("MultiPoint", 0.0)),
    ],
    ("AK", "duplicate"): [("G014", "$.planObjects[0].geometry", ("Polygon", 6000.0))],
    ("AK", "near-duplicate-1mm"): [
        ("G014", "$.planObjects[0].geometry", ("Polygon", 5999.84)),
        ("G014", "$.planObjects[1].geometry", ("Polygon", 0.1)),
        ("G013", "$.planObjects[3].geometry", ("Polygon", 0.06)),
    ],
    ("AK", "near-duplicate-0.1mm"): [("G014", "$.planObjects[0].geometry", ("Polygon", 5999.984))],
    ("AK", "edge-off-1mm"): [("G014", "$.planObjects[0].geometry", ("Polygon", 0.1))],
    ("AK", "edge-off-0.1mm"): [
        ("G016", "$.planObjects[0].geometry", ("Point", (385060.0, 6672000.0))),
        ("G016", "$.planObjects[0].geometry", ("Point", (385060.0, 6672100.0))),
        ("G016", "$.planObjects[1].geometry", ("Point", (385059.9999, 6672000.0))),
        ("G016", "$.planObjects[1].geometry", ("Point", (385059.9999, 6672100.0))),
    ],
    ("building", "zero-area"): [
        ("G008", "$.planObjects[2].geometry.geometry", ("Point", (385030.0, 6672010.0)))
    ],
    ("building", "bow-tie"): [
        ("G008", "$.planObjects[2].geometry.geometry", ("Point", (385030.0, 6672030.0)))
    ],
    ("building", "spike"): [
        ("G008", "$.planObjects[2].geometry.geometry", ("Point", (385030.0, 6672050.0)))
    ],
    ("building", "self-touching"): [
        ("G008", "$.planObjects[2].geometry.geometry", ("Point", (385030.0, 6672010.0)))
    ],
    ("building", "hole-outside"): [
        ("G008", "$.planObjects[2].geometry.geometry", ("Point", (386010.0, 6673010.0)))
    ],
    ("building", "hole-crossing"): [
        ("G008", "$.planObjects[2].geometry.geometry", ("Point", (385035.0, 6672010.0)))
    ],
    ("building", "overlapping-parts"): [
        ("G008", "$.planObjects[2].geometry.geometry", ("Point", (385010.0, 6672020.0)))
    ],
    ("building", "empty"): [("G008", "$.planObjects[2].geometry.geometry", None)],
    ("building", "empty-hole"): [("G004", "$.planObjects[2].geometry.geometry.coordinates", None)],
    ("building", "unclosed"): [("G008", "$.planObjects[2].geometry.geometry", None)],
    ("building", "repeated"): [
        ("G007", "$.planObjects[2].geometry.geometry.coordinates", ("Point", (385050.0, 6672010.0)))
    ],
    ("building", "many-vertices"): [],
    ("building", "split-shared-edge"): [],
    ("building", "duplicate"): [],
    ("building", "near-duplicate-1mm"): [],
    ("building", "near-duplicate-0.1mm"): [],
    ("building", "edge-off-1mm"): [],
    ("building", "edge-off-0.1mm"): [],
    ("area", "zero-area"): [
        ("G008", "$.geographicalArea.geometry", ("Point", (385050.0, 6672000.0)))
    ],
    ("area", "bow-tie"): [
        ("G008", "$.geographicalArea.geometry", ("Point", (385050.0, 6672050.0)))
    ],
    ("area", "spike"): [("G008", "$.geographicalArea.geometry", ("Point", (385050.0, 6672100.0)))],
    ("area", "self-touching"): [
        ("G008", "$.geographicalArea.geometry", ("Point", (385050.0, 6672000.0)))
    ],
    ("area", "hole-outside"): [
        ("G008", "$.geographicalArea.geometry", ("Point", (386000.0, 6673000.0)))
    ],
    ("area", "hole-crossing"): [
        ("G008", "$.geographicalArea.geometry", ("Point", (385055.0, 6672000.0)))
    ],
    ("area", "overlapping-parts"): [
        ("G008", "$.geographicalArea.geometry", ("Point", (385000.0, 6672040.0)))
    ],
    ("area", "empty"): [("G008", "$.geographicalArea.geometry", None)],
    ("area", "empty-hole"): [("G004", "$.geographicalArea.geometry.coordinates", None)],
    ("area", "unclosed"): [("G008", "$.geographicalArea.geometry", None)],
    ("area", "repeated"): [
        ("G007", "$.geographicalArea.geometry.coordinates", ("Point", (385100.0, 6672000.0)))
    ],
    ("area", "many-vertices"): [],
    ("area", "split-shared-edge"): [],
}


@contextlib.contextmanager
def fast_paths(enabled: bool) -> Iterator[None]:
    saved = scan_module.FAST_PATHS
    scan_module.FAST_PATHS = enabled
    try:
        yield
    finally:
        scan_module.FAST_PATHS = saved


def located(finding: Any) -> Where:
    g = finding.geometry
    if g is None:
        return None
    if g.geom_type == "Point":
        return "Point", (round(g.x, 4), round(g.y, 4))
    return g.geom_type, round(g.area, 4)


@pytest.mark.parametrize(("target", "pathology"), sorted(EXPECTED), ids="-".join)
def test_pathology_gives_its_findings(target: str, pathology: str) -> None:
    doc = apply(BASES["plan"](), pathology, TARGETS[target])
    config = Config(today=TODAY)
    result = validate(doc, plan_type="31", config=config)
    crashed = [f.message for f in result.findings if (f.data or {}).get("internalError")]
    assert not crashed, crashed
    got = [(f.rule, f.path, located(f)) for f in result.findings]
    assert got == EXPECTED[target, pathology], got
    with fast_paths(False):
        slow = validate(
            apply(BASES["plan"](), pathology, TARGETS[target]), plan_type="31", config=config
        )
    assert [f.to_json() for f in slow.findings] == [f.to_json() for f in result.findings]


def test_an_invalid_geometry_says_the_other_checks_skip_it() -> None:
    result = validate(
        apply(BASES["plan"](), "bow-tie", 0), plan_type="31", config=Config(today=TODAY)
    )
    (g008,) = [f for f in result.findings if f.rule == "G008"]
    assert "skip it until it is repaired" in g008.message and g008.data["skipped"] is True
    assert "skipataan" not in g008.messages["fi"] and "korjattu" in g008.messages["fi"]
    gaps = [f for f in result.findings if f.rule == "G015"]
    assert gaps and all("aaaaaaaa-0000-4000-8000-000000000010" in f.message for f in gaps)
    assert all(
        f.data["invalidNeighbours"] == ["aaaaaaaa-0000-4000-8000-000000000010"] for f in gaps
    )


def test_an_unreadable_reservation_is_named_by_the_gap_it_leaves() -> None:
    result = validate(
        apply(BASES["plan"](), "empty-hole", 0), plan_type="31", config=Config(today=TODAY)
    )
    (gap,) = [f for f in result.findings if f.rule == "G015"]
    assert "cannot be read (G004)" in gap.message
    assert "aaaaaaaa-0000-4000-8000-000000000010" in gap.message
