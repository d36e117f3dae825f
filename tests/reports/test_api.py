"""The reports' entry point: result objects or plain arguments, options, errors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest

from ryhti.errors import UsageError
from ryhti.findings import Finding, Severity
from ryhti.reports import FORMATS, ReportStats, RuleInfo, render, write
from tests.reports import sample


@dataclass
class FakeResult:
    """The shape of the validator engine's result object."""

    findings: list[Finding]
    documents: dict[str, Any] = field(default_factory=dict)
    stats: Any = None
    rules: Any = None


class FakeRule:
    """A validator rule class: metadata as class attributes, a check method."""

    id: ClassVar[str] = "G015"
    name: ClassVar[str] = "area-reservation-overlap"
    official_ids: ClassVar[tuple[str, ...]] = ("quality__req_area_overlap",)
    severity: ClassVar[Severity] = Severity.WARNING
    title: ClassVar[str] = "Area reservations do not overlap"
    why: ClassVar[str] = "Two main uses cannot apply to one place."
    fix: ClassVar[str] = "Move the shared edge."

    def check(self, ctx: Any) -> list[Finding]:
        return []


def test_result_object_supplies_documents_rules_and_stats() -> None:
    result = FakeResult(
        findings=sample.findings(),
        documents={sample.PLAN_A: sample.plan()},
        stats={
            "files": [sample.PLAN_A, sample.PLAN_B, "plans/clean.json"],
            "objects": 4,
            "seconds": 1.25,
        },
        rules=sample.RULES,
    )
    report = json.loads(render(result, "json", tool_version="t"))
    assert report["summary"]["files"] == 3
    assert report["summary"]["seconds"] == 1.25
    assert "plans/clean.json" in report["files"]
    assert {r["id"]: r for r in report["rules"]}["group.missing"]["severity"] == "warning"
    # explicit arguments win over the result's
    report = json.loads(render(result, "json", stats=ReportStats(objects=9), tool_version="t"))
    assert report["summary"]["objects"] == 9


def test_rule_classes_and_dicts_coerce() -> None:
    info = RuleInfo.coerce(FakeRule)
    assert info == RuleInfo(
        id="G015",
        name="area-reservation-overlap",
        title="Area reservations do not overlap",
        official_ids=("quality__req_area_overlap",),
        why="Two main uses cannot apply to one place.",
        fix="Move the shared edge.",
        severity=Severity.WARNING,
    )
    assert RuleInfo.coerce({"id": "x", "officialIds": ["a"], "level": "note"}).severity == "info"
    with pytest.raises(ValueError, match="without an id"):
        RuleInfo.coerce({"title": "no id"})
    f = Finding("G015", Severity.WARNING, "overlap", source="p.json")
    sarif = json.loads(render([f], "sarif", rules={"G015": FakeRule}))
    rule = sarif["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["name"] == "AreaReservationOverlap"
    assert rule["properties"]["officialIds"] == ["quality__req_area_overlap"]


def test_findings_as_json_dicts_and_string_severity() -> None:
    items = [f.to_json() for f in sample.findings()]
    assert render(items, "text", color=False) == render(sample.findings(), "text", color=False)
    loose = Finding("r", "warning", "m")  # type: ignore[arg-type]
    assert "1 warning" in render([loose], "text", color=False)


def test_unknown_format_and_language_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        render([], "pdf")
    with pytest.raises(UsageError, match="unknown report language 'de'"):
        render([], "text", lang="de")


def test_text_colour_only_when_asked_or_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    findings = sample.findings()
    assert "\x1b[" in render(findings, "text", color=True)
    assert "\x1b[" not in render(findings, "text", color=False)
    import ryhti.reports.text as text_mod

    monkeypatch.setattr(text_mod, "_stdout_is_tty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in render(findings, "text")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in render(findings, "text")
    monkeypatch.setattr(text_mod, "_stdout_is_tty", lambda: False)
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" not in render(findings, "text")


def test_write_is_atomic_and_never_coloured(tmp_path: Path) -> None:
    out = write(sample.findings(), "text", tmp_path / "sub" / "report.txt")
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert text.endswith("2 errors, 2 warnings, 2 notes in 2 files\n")
    assert [p.name for p in out.parent.iterdir()] == ["report.txt"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_handles_awkward_findings(fmt: str) -> None:
    awkward = [
        Finding("a", Severity.ERROR, "", path="$"),  # empty message, no file
        Finding("b", Severity.INFO, "Ääkköset ja ”lainausmerkit” \t tab", source="ö/å.json"),
        Finding(
            "c",
            Severity.WARNING,
            "multi\nline\r\nmessage",
            source="x.json",
            origin="remote",
            geometry={
                "type": "GeometryCollection",
                "geometries": [{"type": "Point", "coordinates": [1, 2]}],
            },
            srid="3067",
        ),
        Finding(
            "d",
            Severity.ERROR,
            "broken geometry",
            source="x.json",
            geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]},
            srid="3067",
        ),
        Finding("e", Severity.INFO, "loc", source="y.json", location={"line": "12", "feature": 0}),
    ]
    text = render(awkward, fmt, tool_version="t", color=False)
    assert text.endswith("\n")
    assert "Ääkköset" in text  # UTF-8 kept, never ASCII-escaped


def test_real_validator_result_renders_in_every_format() -> None:
    """The engine's ValidationResult is accepted as it is."""
    from ryhti.validators import engine

    result = engine.validate(sample.plan_json(), source=sample.PLAN_A)
    for fmt in FORMATS:
        assert render(result, fmt, color=False, tool_version="t").endswith("\n")
    report = json.loads(render(result, "json", tool_version="t"))
    assert report["summary"]["objects"] == 4
    assert report["files"] == [sample.PLAN_A]
    rules = {r["id"]: r for r in report["rules"]}
    assert all(r["title"] for r in rules.values()), "catalogue titles reach the report"
