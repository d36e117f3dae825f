"""The coverage checks on generated and broken tilings: no geometry stops them, and the fast
path (edge matching, GEOS only on the suspects) agrees with the slow path (every pair,
GEOS over the whole layer) finding for finding.

Each example starts from a valid tiling of the benchmark generator and breaks it the way
GIS data breaks: an exact or near duplicate of a block, a shared vertex moved by noise
around Syke's 0.5 mm tolerance, a block collapsed to zero area or replaced by a random
polygon (valid or not), a block removed, a repeated vertex. For every example:

* no rule ends in an internal error (a finding with ``internalError``);
* ``context.FAST_PATHS`` on and off give exactly the same findings (JSON, geometry included);
* the fast path proves a layer only when GEOS agrees: a plan where the edge matching
  found no suspect is a valid coverage for ``shapely.coverage_is_valid``, and a layer
  that GEOS calls invalid always has suspects.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Iterator
from typing import Any

import numpy as np
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ryhti.validators import scan as scan_module
from ryhti.validators import validate
from ryhti.validators.context import Context
from tests.support.plan_generator import generate_plan, interior_block

SETTINGS = settings(
    max_examples=int(os.environ.get("RYHTI_PROPERTY_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextlib.contextmanager
def fast_paths(enabled: bool) -> Iterator[None]:
    saved = scan_module.FAST_PATHS
    scan_module.FAST_PATHS = enabled
    try:
        yield
    finally:
        scan_module.FAST_PATHS = saved


def same_findings(fast: list[Any], slow: list[Any]) -> str | None:
    """Why two finding lists differ, or None.

    Everything must be equal but the geometry and the numbers computed from it, which
    may differ by what floating-point overlay does at the tip of a hair-thin wedge (two
    edges meeting at a tiny angle: the two ways of building the union put that point up
    to a few millimetres apart). Geometries must lie within 1 cm of each other (Hausdorff)
    and areas within 0.001 m² + 0.1 %.
    """
    if len(fast) != len(slow):
        return f"{len(fast)} findings on the fast path, {len(slow)} on the slow one"
    for a, b in zip(fast, slow, strict=True):
        ja, jb = a.to_json(), b.to_json()
        if ja == jb:
            continue
        for key in ("rule", "severity", "officialId", "path", "objectKey"):
            if ja.get(key) != jb.get(key):
                return f"{key}: {ja.get(key)} != {jb.get(key)}"
        if (a.geometry is None) != (b.geometry is None):
            return f"{a.rule}: geometry on one path only"
        if a.geometry is not None and shapely.hausdorff_distance(a.geometry, b.geometry) > 0.01:
            return f"{a.rule}: geometries more than 1 cm apart"
        area_a, area_b = (a.data or {}).get("area"), (b.data or {}).get("area")
        numbers = isinstance(area_a, float) and isinstance(area_b, float)
        if numbers and abs(area_a - area_b) > 1e-3 + 1e-3 * max(area_a, area_b):
            return f"{a.rule}: areas {area_a} and {area_b}"
        strip = ("message", "messages", "geometry", "data")
        if {k: v for k, v in ja.items() if k not in strip} != {
            k: v for k, v in jb.items() if k not in strip
        }:
            return f"{a.rule}: {ja} != {jb}"
    return None


def both_paths(plan: dict[str, Any]) -> list[Any]:
    """Findings of the fast path, after checking the slow path gives the same."""
    fast = validate(copy.deepcopy(plan), plan_type="31").findings
    with fast_paths(False):
        slow = validate(copy.deepcopy(plan), plan_type="31").findings
    crashed = [f.message for f in fast + slow if (f.data or {}).get("internalError")]
    assert not crashed, crashed
    problem = same_findings(fast, slow)
    assert problem is None, (
        f"fast and slow path disagree ({problem}):\n"
        + "\n".join(f"  fast {f.rule} {f.path} {f.message}" for f in fast)
        + "\n"
        + "\n".join(f"  slow {f.rule} {f.path} {f.message}" for f in slow)
    )
    return fast


def _ring(plan: dict[str, Any], index: int) -> list[list[float]]:
    return plan["planObjects"][index]["geometry"]["geometry"]["coordinates"][0]


def _twin(plan: dict[str, Any], index: int, dx: float, dy: float) -> None:
    """Add a copy of block ``index`` moved by (dx, dy), with the same groups."""
    obj = plan["planObjects"][index]
    twin = copy.deepcopy(obj)
    twin["planObjectKey"] = obj["planObjectKey"][:-6] + "beef00"
    twin["geometry"]["geometry"]["coordinates"] = [
        [[x + dx, y + dy] for x, y in ring] for ring in obj["geometry"]["geometry"]["coordinates"]
    ]
    plan["planObjects"].append(twin)
    for rel in list(plan["planRegulationGroupRelations"]):
        if rel["planObjectKey"] == obj["planObjectKey"]:
            plan["planRegulationGroupRelations"].append(
                {**rel, "planObjectKey": twin["planObjectKey"]}
            )


NOISE = st.sampled_from([1e-9, 1e-5, 1e-4, 4.9e-4, 5.1e-4, 1e-3, 0.01, 0.3, 2.0])
SIGN = st.sampled_from([-1.0, 1.0])


@st.composite
def broken_tilings(draw: st.DrawFn) -> dict[str, Any]:
    plan = generate_plan(
        draw(st.integers(min_value=16, max_value=40)),
        seed=draw(st.integers(min_value=0, max_value=5_000)),
        building_share=draw(st.sampled_from([0.0, 0.2])),
        cell=draw(st.sampled_from([12.0, 40.0])),
    )
    index = interior_block(plan)
    blocks = [i for i, o in enumerate(plan["planObjects"]) if not o.get("relatedPlanObjectKeys")]
    fault = draw(
        st.sampled_from(
            [
                "duplicate",
                "near-duplicate",
                "vertex-noise",
                "zero-area",
                "random-polygon",
                "removed",
                "repeated",
                "two-faults",
            ]
        )
    )
    faults = [fault] if fault != "two-faults" else ["vertex-noise", "near-duplicate"]
    for f in faults:
        ring = _ring(plan, index)
        if f == "duplicate":
            _twin(plan, index, 0.0, 0.0)
        elif f == "near-duplicate":
            _twin(plan, index, draw(SIGN) * draw(NOISE), draw(SIGN) * draw(NOISE))
        elif f == "vertex-noise":
            k = draw(st.integers(min_value=1, max_value=len(ring) - 2))
            ring[k] = [ring[k][0] + draw(SIGN) * draw(NOISE), ring[k][1] + draw(SIGN) * draw(NOISE)]
        elif f == "zero-area":
            x, y = ring[0]
            ring[:] = [[x, y], [x + 5, y], [x + 10, y], [x, y]]
        elif f == "random-polygon":
            x0, y0 = ring[0]
            pts = draw(
                st.lists(st.tuples(st.floats(-30, 30), st.floats(-30, 30)), min_size=3, max_size=8)
            )
            ring[:] = [[x0 + dx, y0 + dy] for dx, dy in pts] + [[x0 + pts[0][0], y0 + pts[0][1]]]
        elif f == "removed":
            plan["planObjects"][index]["geometry"]["geometry"]["coordinates"] = []
        elif f == "repeated":
            ring.insert(2, list(ring[1]))
        index = draw(st.sampled_from(blocks))
    return plan


@SETTINGS
@given(broken_tilings())
def test_fast_and_slow_path_agree_on_broken_tilings(plan: dict[str, Any]) -> None:
    both_paths(plan)


@SETTINGS
@given(broken_tilings())
def test_a_proven_layer_is_a_valid_coverage_for_geos(plan: dict[str, Any]) -> None:
    ctx = Context(validate_model(plan), kind="plan", plan_type="31")
    (pc,) = ctx.plans
    coverage = pc.coverage
    rows = pc.reservation_layers()[0][1]
    geoms = pc.geoms[rows].astype(object)
    geos_valid = bool(shapely.coverage_is_valid(geoms)) if len(geoms) else True
    if coverage.suspects == 0:
        assert geos_valid, "the edge matching proved a layer that GEOS calls invalid"
    if not geos_valid:
        assert coverage.suspects > 0
        assert coverage.overlaps or coverage.junctions or coverage.gaps, (
            "GEOS finds the coverage invalid, but no overlap, vertex or gap was reported"
        )


def validate_model(plan: dict[str, Any]) -> Any:
    from ryhti.model import from_json

    return from_json(copy.deepcopy(plan))


@SETTINGS
@given(
    st.lists(
        st.tuples(st.floats(0, 100), st.floats(0, 100), st.floats(0.001, 40), st.floats(0.001, 40)),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([0.0, 1e-4, 1e-3]),
)
def test_random_boxes_agree_on_both_paths(
    boxes: list[tuple[float, float, float, float]], snap: float
) -> None:
    """Random rectangles over a 100 m plan area: overlaps, gaps, duplicates, T-junctions."""
    plan = generate_plan(1, seed=0)
    template = next(o for o in plan["planObjects"] if not o.get("relatedPlanObjectKeys"))
    relation = next(
        r
        for r in plan["planRegulationGroupRelations"]
        if r["planObjectKey"] == template["planObjectKey"]
    )
    x0, y0 = np.asarray(plan["geographicalArea"]["geometry"]["coordinates"][0]).min(axis=0)
    plan["geographicalArea"]["geometry"]["coordinates"] = [
        [[x0, y0], [x0 + 100, y0], [x0 + 100, y0 + 100], [x0, y0 + 100], [x0, y0]]
    ]
    objects, relations = [], []
    for i, (x, y, w, h) in enumerate(boxes):
        if snap:
            x, y, w, h = (round(v / snap) * snap for v in (x, y, w, h))
        obj = copy.deepcopy(template)
        obj["planObjectKey"] = f"{template['planObjectKey'][:-4]}{i:04d}"
        obj["geometry"]["geometry"]["coordinates"] = [
            [
                [x0 + x, y0 + y],
                [x0 + x + w, y0 + y],
                [x0 + x + w, y0 + y + h],
                [x0 + x, y0 + y + h],
                [x0 + x, y0 + y],
            ]
        ]
        objects.append(obj)
        relations.append({**relation, "planObjectKey": obj["planObjectKey"]})
    plan["planObjects"] = objects
    plan["planRegulationGroupRelations"] = relations
    both_paths(plan)
