"""Score an own-wording gold file and hold its figures at the floors a round reached.

The probe and blind-set tests keep what a round reached as floors (raise them, never lower):
one scorer for all of them, the same path ``ryhti extract --evaluate`` takes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ryhti.nlp.evaluate import Report, score


def score_file(extractor: Any, path: Path) -> Report:
    """The evaluation report of the gold lines in ``path`` (entries as the CLI scores them)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return score(rows, lambda t, s, p: extractor.extract_entry(t, s, p).to_json(), 0.8)


def assert_floors(rep: Report, floor: dict[str, float]) -> None:
    """Every figure at or above its floor (keys: types_f1, accepted, values, additional, verbal)."""
    got = {
        "types_f1": rep.types.f1,
        "accepted": rep.accepted.precision,
        "values": rep.value_exact,
        "additional": rep.additional.f1,
        "verbal": rep.verbal.f1,
    }
    low = {k: round(got[k], 4) for k, v in floor.items() if got[k] < v}
    assert not low, f"below the floor: {low} (floors {floor})"
