"""Properties of the validator's geometry checks on generated tilings and random polygons.

* a valid tiling (any size, jitter, cell and seed of the benchmark generator) gives no
  geometry finding at all;
* removing one interior tile gives exactly one gap finding (G015) whose area is the tile's;
* each injected fault (gap, overlap, T-junction, outside, bow tie, repeated vertex) is found
  by its rule, on the block it was put in;
* any polygon, valid or not, random or degenerate, is checked without a crash: no exception
  and no "internal error in rule" finding; shapely-invalid areas get G008, valid ones do not.
"""

from __future__ import annotations

import math
from typing import Any

import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ryhti.validators import validate
from tests.support.plan_generator import generate_plan, inject, interior_block

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def run(plan: dict[str, Any]) -> list[Any]:
    result = validate(plan, plan_type="31")
    crashed = [f for f in result.findings if (f.data or {}).get("internalError")]
    assert not crashed, [f.message for f in crashed]
    return result.findings


def geometry_findings(plan: dict[str, Any]) -> list[Any]:
    return [f for f in run(plan) if f.rule.startswith("G")]


@st.composite
def tilings(draw: st.DrawFn, min_blocks: int = 16) -> dict[str, Any]:
    n = draw(st.integers(min_value=min_blocks, max_value=60))
    return generate_plan(
        n,
        seed=draw(st.integers(min_value=0, max_value=10_000)),
        building_share=draw(st.sampled_from([0.0, 0.1, 0.2])),
        cell=draw(st.sampled_from([12.0, 40.0, 95.5])),
    )


@SETTINGS
@given(tilings(min_blocks=1))
def test_a_valid_tiling_has_no_geometry_findings(plan: dict[str, Any]) -> None:
    assert geometry_findings(plan) == []


def _drop(plan: dict[str, Any], index: int) -> tuple[dict[str, Any], float]:
    objects = list(plan["planObjects"])
    gone = objects.pop(index)
    key = gone["planObjectKey"]
    out = {
        **plan,
        "planObjects": [o for o in objects if key not in (o.get("relatedPlanObjectKeys") or [])],
        "planRegulationGroupRelations": [
            r for r in plan["planRegulationGroupRelations"] if r["planObjectKey"] != key
        ],
    }
    kept = {o["planObjectKey"] for o in out["planObjects"]}
    out["planRegulationGroupRelations"] = [
        r for r in out["planRegulationGroupRelations"] if r["planObjectKey"] in kept
    ]
    area = shapely.Polygon(gone["geometry"]["geometry"]["coordinates"][0]).area
    return out, area


@SETTINGS
@given(tilings())
def test_a_removed_tile_is_exactly_one_gap_of_its_area(plan: dict[str, Any]) -> None:
    holed, area = _drop(plan, interior_block(plan))
    found = geometry_findings(holed)
    assert [f.rule for f in found] == ["G015"], [(f.rule, f.message) for f in found]
    assert math.isclose(found[0].data["area"], area, rel_tol=1e-6, abs_tol=0.01)


EXPECTED = {
    "gap": "G015",
    "overlap": "G014",
    "t-junction": "G016",
    "outside": "G013",
    "self-intersection": "G008",
    "repeated-vertex": "G007",
}


@SETTINGS
@given(tilings(), st.sampled_from(sorted(EXPECTED)))
def test_each_injected_fault_is_found_by_its_rule(plan: dict[str, Any], fault: str) -> None:
    index = interior_block(plan)
    broken = inject(plan, fault, index)
    rules = {f.rule for f in geometry_findings(broken)}
    assert EXPECTED[fault] in rules, (fault, rules)


coordinate = st.floats(min_value=-50.0, max_value=50.0, allow_nan=False, allow_infinity=False)
points = st.tuples(coordinate, coordinate)


@SETTINGS
@given(
    tilings(),
    st.lists(points, min_size=0, max_size=9),
    st.booleans(),
)
def test_any_polygon_is_checked_without_a_crash(
    plan: dict[str, Any], pts: list[tuple[float, float]], close: bool
) -> None:
    index = interior_block(plan)
    ring = plan["planObjects"][index]["geometry"]["geometry"]["coordinates"][0]
    x0, y0 = ring[0]
    coords = [[x0 + 20 + x, y0 + 20 + y] for x, y in pts]
    if close and coords:
        coords.append(list(coords[0]))
    obj = plan["planObjects"][index]
    obj["geometry"] = {**obj["geometry"], "geometry": {"type": "Polygon", "coordinates": [coords]}}
    findings = run(plan)  # no exception, no internal error
    if len(coords) >= 4 and coords[0] == coords[-1]:
        poly = shapely.Polygon(coords)
        rules = {f.rule for f in findings if f.path and f"planObjects[{index}]" in f.path}
        if not poly.is_valid:
            assert rules & {"G004", "G005", "G007", "G008"}, rules
        else:
            assert "G008" not in rules


@SETTINGS
@given(tilings(), st.sampled_from(["Polygon", "MultiPolygon", "LineString", "Point"]), st.data())
def test_wrong_nesting_of_coordinates_is_a_finding(
    plan: dict[str, Any], kind: str, data: st.DataObject
) -> None:
    index = interior_block(plan)
    depth = data.draw(st.integers(min_value=0, max_value=5))
    value: Any = data.draw(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.none()))
    for _ in range(depth):
        value = [value, value]
    obj = plan["planObjects"][index]
    obj["geometry"] = {**obj["geometry"], "geometry": {"type": kind, "coordinates": value}}
    run(plan)  # no exception, no internal error in any rule
