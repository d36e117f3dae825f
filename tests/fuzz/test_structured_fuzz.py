"""Structure-aware fuzzing in the suite: seeded, a few hundred cases per run.

Every case — a mutated official example or project plan through ``ryhti validate``, a
random legend text through ``ryhti extract`` — must end with exit 0, 1 or 2, print no
traceback and no "internal error", and answer in time; the cases run in a child process
so that a crash of the process itself (a GEOS segmentation fault) is a failing case, not
a dead test run (see ``structured.py``).

More cases, another seed (a scheduled or opt-in run)::

    RYHTI_FUZZ_CASES=5000 RYHTI_FUZZ_SEED=7 .venv/bin/python -m pytest tests/fuzz/test_structured_fuzz.py

A failing case is printed with its changes; save it as a regression fixture with
``.venv/bin/python -m tests.fuzz.structured --seed S --cases N --save tests/fuzz/regressions``
(keep only the failing files): every file there is replayed on each run.
"""

from __future__ import annotations

import os

from tests.fuzz.structured import REGRESSIONS, run_batch

CASES = int(os.environ.get("RYHTI_FUZZ_CASES", "200"))
SEED = int(os.environ.get("RYHTI_FUZZ_SEED", "19"))


def _report(failures: list[dict]) -> str:
    return "\n".join(
        f"{f['name']}: {'; '.join(f['mutations'])}\n    {f['problem']}" for f in failures[:20]
    )


def test_mutated_plans_never_crash_the_validator() -> None:
    failures = run_batch("plans", SEED, CASES, case_timeout=60)
    assert not failures, _report(failures)


def test_random_legend_texts_never_crash_the_extractor() -> None:
    failures = run_batch("texts", SEED, max(CASES // 2, 50), case_timeout=20)
    assert not failures, _report(failures)


def test_regression_fixtures_stay_fixed() -> None:
    assert sorted(REGRESSIONS.glob("*.json")), "the regression fixtures are missing"
    failures = run_batch("regressions", 0, 0, case_timeout=60)
    assert not failures, _report(failures)


def test_adversarial_texts_do_not_hang_the_extractor() -> None:
    failures = run_batch("adversarial", 0, 0, case_timeout=5, max_failures=1)
    assert not failures, _report(failures)


def test_a_crash_and_a_hang_are_caught_and_named() -> None:
    """The harness itself: a child killed by a signal and a child that stops answering
    are each reported with their case, and the batch goes on to the next case."""
    failures = run_batch("selftest", 0, 0, case_timeout=2)
    assert [(f["name"], f["problem"].split(":")[0].split(" (")[0]) for f in failures] == [
        ("selftest-0", "process died"),
        ("selftest-1", "hang"),
    ]
