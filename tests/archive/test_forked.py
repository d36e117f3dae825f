"""Work done in a forked child gives what the same work here gives, errors included."""

from __future__ import annotations

import os

import pytest

from ryhti.archive.diff import diff_plans
from ryhti.archive.forked import in_child
from ryhti.generators import compute_figures
from ryhti.model import load_plan
from tests.archive.conftest import SAMPLE


def _pid_and_sum(values: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(values)


def _fails(text: str) -> None:
    raise ValueError(text)


def test_the_child_computes_what_this_process_would() -> None:
    plan = load_plan(SAMPLE)
    assert in_child(compute_figures, plan)() == compute_figures(plan)
    pid, total = in_child(_pid_and_sum, list(range(1000)))()
    assert total == sum(range(1000))
    if hasattr(os, "fork") and len(os.sched_getaffinity(0)) > 1:
        assert pid != os.getpid()  # it really ran elsewhere


def test_an_error_in_the_child_is_met_here_as_it_would_be() -> None:
    with pytest.raises(ValueError, match="bad value"):
        in_child(_fails, "bad value")()


def test_diff_with_dimensioning_from_children_equals_the_one_from_here(monkeypatch) -> None:
    import ryhti.archive.diff as diff

    plan = load_plan(SAMPLE)
    other = load_plan(SAMPLE)
    forked = diff_plans(plan, other)
    monkeypatch.setattr(diff, "in_child", lambda fn, *args: lambda: fn(*args))
    here = diff_plans(plan, other)
    assert forked.classes == here.classes and forked.totals == here.totals
    assert forked.classes and forked.totals["oldPlanArea"]
