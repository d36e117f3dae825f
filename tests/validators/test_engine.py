"""The engine: inputs, results, statistics, languages and robustness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ryhti.findings import Finding, Severity
from ryhti.model import from_json
from ryhti.validators import (
    Config,
    PlanRule,
    ValidationResult,
    validate,
    validate_file,
    validate_paths,
)
from tests.validators.bases import matter, plan


def faulty() -> dict:
    doc = plan()
    doc["planRegulationGroupRelations"].pop(1)
    return doc


def test_dict_and_model_give_the_same_findings() -> None:
    a = validate(faulty(), plan_type="31")
    b = validate(from_json(faulty()), plan_type="31")
    assert [f.to_json() for f in a.findings] == [f.to_json() for f in b.findings]


def test_result_shape() -> None:
    result = validate(faulty(), plan_type="31", source="plan.json")
    assert result.counts["error"] == 3 and not result.ok and result.exit_code == 1
    assert result.stats["objects"] == 3 and result.stats["files"] == 1
    assert result.stats["kind"] == "plan" and result.stats["plan_level"] == "asemakaava"
    assert "scan" in result.timings and "G015" in result.timings
    assert {r.id for r in result.rules} >= {"R006", "G015", "S001"}
    assert result.documents["plan.json"].plan_key == plan()["planKey"]
    assert all(f.source == "plan.json" for f in result.findings)
    assert result.findings == sorted(result.findings, key=Finding.sort_key)
    json.dumps(result.to_json())


def test_findings_carry_locations() -> None:
    result = validate(faulty(), plan_type="31")
    r006 = next(f for f in result.findings if f.rule == "R006")
    assert r006.object_key == "aaaaaaaa-0000-4000-8000-000000000011"
    assert r006.official_id == "quality__req_spatialplanobject_spatialplanregulationgroup_not_empty"
    assert r006.geometry is not None and r006.srid == "3067"
    assert set(r006.messages) == {"en", "fi", "sv"}


def test_language_of_messages() -> None:
    result = validate(faulty(), plan_type="31", config=Config(lang="fi"))
    r006 = next(f for f in result.findings if f.rule == "R006")
    assert r006.message == r006.messages["fi"]


def test_level_rules_skipped_without_plan_type() -> None:
    result = validate(plan())
    assert result.stats["plan_level"] is None
    assert (
        "C005" in result.stats["skipped_level_rules"]
        or "X005" in result.stats["skipped_level_rules"]
    )


def test_matter_documents() -> None:
    result = validate(matter())
    assert result.ok and result.stats["kind"] == "matter" and result.stats["objects"] == 3


def test_a_crashing_rule_is_reported_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(PlanRule):
        id = "X999"
        name = "broken"
        title = why = fix = "broken"

        def check_plan(self, ctx, pc):
            raise ZeroDivisionError("oops")

    monkeypatch.delenv("RYHTI_DEBUG", raising=False)
    result = validate(plan(), rules=[Broken()])
    assert (
        result.findings[0].data["internalError"]
        and "ZeroDivisionError" in result.findings[0].message
    )
    monkeypatch.setenv("RYHTI_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        validate(plan(), rules=[Broken()])


def test_files_and_combination(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(plan()), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(faulty()), encoding="utf-8")
    (tmp_path / "c.json").write_text("[]", encoding="utf-8")
    single = validate_file(tmp_path / "b.json", plan_type="31")
    assert single.counts["error"] == 3
    combined = validate_paths([tmp_path], plan_type="31")
    assert isinstance(combined, ValidationResult)
    # the unreadable c.json is counted apart, not as a file checked
    assert combined.stats["files"] == 2 and combined.stats["objects"] == 6
    assert combined.stats["input_errors"] == 1
    assert combined.exit_code == 2 and "c.json" in combined.input_errors[0]
    assert combined.counts["error"] == 3


def test_severity_override_applies_to_all_findings_of_a_rule() -> None:
    cfg = Config(severity={"G015": Severity.INFO})
    result = validate(faulty(), plan_type="31", config=cfg)
    assert next(f for f in result.findings if f.rule == "G015").severity is Severity.INFO
    assert next(r for r in result.rules if r.id == "G015").severity is Severity.INFO
