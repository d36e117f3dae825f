"""Golden files: every format on the sample findings, byte for byte.

The outputs carry no timestamps (the run time is left out of the sample stats
and the tool version is fixed), so a diff here is a real change in a report.
Regenerate after an intended change with ``RYHTI_UPDATE_GOLDEN=1 pytest tests/reports``
and review the diff of ``tests/reports/golden/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ryhti.reports import EXTENSIONS, FORMATS, render
from tests.reports import sample

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("RYHTI_UPDATE_GOLDEN"))
VERSION = "0.0.0-test"


def _render(fmt: str, **options: object) -> str:
    return render(
        sample.findings(),
        fmt,
        documents={sample.PLAN_A: sample.plan()},
        rules=sample.RULES,
        stats=sample.STATS,
        tool_version=VERSION,
        color=False,
        **options,
    )


CASES = [(fmt, fmt, {}) for fmt in FORMATS] + [
    ("text-fi", "text", {"lang": "fi"}),
    ("text-sv", "text", {"lang": "sv"}),
    ("geojson-wgs84", "geojson", {"to_wgs84": True}),
    ("junit-fail-on-warning", "junit", {"fail_on": "warning"}),
]


def _check(name: str, text: str, ext: str) -> None:
    path = GOLDEN / f"{name}{ext}"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"golden file {path} missing; run with RYHTI_UPDATE_GOLDEN=1 to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from {path}; RYHTI_UPDATE_GOLDEN=1 regenerates"


@pytest.mark.parametrize(("name", "fmt", "options"), CASES, ids=[c[0] for c in CASES])
def test_matches_golden(name: str, fmt: str, options: dict) -> None:
    _check(name, _render(fmt, **options), EXTENSIONS[fmt] if fmt != "github" else ".log")


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_report_matches_golden(fmt: str) -> None:
    text = render([], fmt, stats={"files": 1}, tool_version=VERSION, color=False)
    _check(f"empty-{fmt}", text, EXTENSIONS[fmt] if fmt != "github" else ".log")


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(fmt: str) -> None:
    assert _render(fmt) == _render(fmt)
    shuffled = list(reversed(sample.findings()))
    again = render(
        shuffled,
        fmt,
        documents={sample.PLAN_A: sample.plan()},
        rules=sample.RULES,
        stats=sample.STATS,
        tool_version=VERSION,
        color=False,
    )
    assert again == _render(fmt), "input order must not change the report"
