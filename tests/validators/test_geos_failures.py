"""A GEOS exception never ends a rule: the coverage checks retry and then say what they skipped.

GEOS raises ``TopologyException`` on some nearly degenerate inputs. Here GEOS is made to
fail on purpose (shapely's functions replaced for the test) to show each fallback:

* a vectorised call that fails is redone one geometry at a time, giving the same result;
* a pair that fails even on a copy snapped to 1 µm is a G014 *warning* naming both
  objects ("could not check"), and the other pairs are still compared;
* a union that cannot be built is a G015 warning, not an internal error.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.errors import GEOSException

from ryhti.validators import Config, validate
from ryhti.validators.spatial import guarded
from tests.validators.bases import BASES, TODAY


def _plan_with_an_overlap() -> dict[str, Any]:
    plan = BASES["plan"]()
    ring = [[385050.0, 6672000.0], [385100.0, 6672000.0], [385100.0, 6672100.0]]
    ring += [[385050.0, 6672100.0], [385050.0, 6672000.0]]
    plan["planObjects"][1]["geometry"]["geometry"]["coordinates"] = [ring]
    return plan


def _run(plan: dict[str, Any]) -> list[Any]:
    result = validate(copy.deepcopy(plan), plan_type="31", config=Config(today=TODAY))
    crashed = [f for f in result.findings if (f.data or {}).get("internalError")]
    assert not crashed, [f.message for f in crashed]
    return result.findings


def test_guarded_redoes_a_failing_vector_call_one_by_one() -> None:
    a = np.array([shapely.box(0, 0, 2, 2), shapely.box(5, 5, 6, 6)], dtype=object)
    b = np.array([shapely.box(1, 1, 3, 3), shapely.box(5, 5, 7, 7)], dtype=object)
    calls = {"n": 0}

    def flaky(x: Any, y: Any) -> Any:
        calls["n"] += 1
        if isinstance(x, np.ndarray):
            raise GEOSException("TopologyException: side location conflict")
        return shapely.intersection(x, y)

    out, failed = guarded(flaky, a, b)
    assert not failed.any() and calls["n"] == 3
    assert shapely.equals(out, shapely.intersection(a, b)).all()


def test_guarded_marks_what_fails_even_when_snapped() -> None:
    a = np.array([shapely.box(0, 0, 2, 2), shapely.box(5, 5, 6, 6)], dtype=object)

    def fails_on_the_first(x: Any) -> Any:
        if isinstance(x, np.ndarray) or shapely.equals(shapely.envelope(x), a[0]):
            raise GEOSException("TopologyException")
        return shapely.area(x)

    out, failed = guarded(fails_on_the_first, a)
    assert failed.tolist() == [True, False]
    assert out[0] is None and out[1] == 1.0


def test_a_pair_geos_cannot_compare_is_a_warning_and_the_rest_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = _plan_with_an_overlap()
    found = _run(plan)
    assert [f.rule for f in found if f.rule == "G014"] == ["G014"]
    real = shapely.intersection

    def broken(a: Any, b: Any, *args: Any, **kwargs: Any) -> Any:
        raise GEOSException("TopologyException: found non-noded intersection")

    monkeypatch.setattr(shapely, "intersection", broken)
    found = _run(plan)
    monkeypatch.setattr(shapely, "intersection", real)
    (note,) = [f for f in found if f.rule == "G014"]
    assert note.severity.value == "warning" and note.data["skipped"] is True
    assert (
        "Could not check whether it overlaps aaaaaaaa-0000-4000-8000-000000000011" in note.message
    )
    assert "Tarkistus ei onnistunut" in note.messages["fi"]


def test_a_cover_geos_cannot_build_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan_with_an_overlap()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise GEOSException("TopologyException: unable to assign free hole")

    monkeypatch.setattr(shapely, "union_all", broken)
    found = _run(plan)
    (note,) = [f for f in found if f.rule == "G015"]
    assert note.severity.value == "warning" and "the cover of the plan area" in note.message
    assert [f.rule for f in found if f.rule == "G014"] == ["G014"]  # overlaps still found
