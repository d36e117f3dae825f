"""The spatial rules on generated tiling plans: a clean plan stays clean, and every
injected fault is found as its own geometry by the rule meant for it."""

from __future__ import annotations

import pytest
import shapely

from ryhti.validators import validate
from tests.support.plan_generator import FAULTS, generate_plan, inject

EXPECTED = {
    "gap": ("G015", "Polygon"),
    "overlap": ("G014", "Polygon"),
    "t-junction": ("G016", "Point"),
    "outside": ("G013", "Polygon"),
    "self-intersection": ("G008", "Point"),
    "repeated-vertex": ("G007", "Point"),
}


@pytest.fixture(scope="module")
def base() -> dict:
    return generate_plan(400, seed=3)


def test_generated_plan_is_clean(base: dict) -> None:
    result = validate(base, plan_type="31")
    assert not result.findings, [f"{f.rule} {f.path}" for f in result.findings[:5]]


def test_generated_plan_in_a_gk_zone_is_clean() -> None:
    result = validate(generate_plan(60, seed=1, srid="3879"), plan_type="31")
    assert not result.findings, [f"{f.rule} {f.message}" for f in result.findings[:5]]


@pytest.mark.parametrize("fault", FAULTS)
def test_injected_fault_is_found(base: dict, fault: str) -> None:
    rule_id, geom_type = EXPECTED[fault]
    result = validate(inject(base, fault), plan_type="31")
    hits = [f for f in result.findings if f.rule == rule_id]
    assert hits, f"{fault}: {[f.rule for f in result.findings]}"
    assert all(f.geometry is not None and f.geometry.geom_type == geom_type for f in hits)
    assert all(f.srid == "3067" for f in hits)


def test_gap_is_the_missing_area(base: dict) -> None:
    result = validate(inject(base, "gap"), plan_type="31")
    gaps = [f for f in result.findings if f.rule == "G015"]
    assert len(gaps) == 1
    assert 1.0 < shapely.area(gaps[0].geometry) < 60.0


def test_overlap_and_gap_are_each_reported_once() -> None:
    doc = inject(inject(generate_plan(400, seed=5), "gap"), "overlap", index=200)
    rules = [f.rule for f in validate(doc, plan_type="31").findings]
    assert rules.count("G015") == 1 and rules.count("G014") >= 1
