"""The JSON report validates against schemas/report.schema.json and reads back."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from ryhti.schemas import path as schema_path

from ryhti.findings import Finding
from ryhti.reports import REPORT_VERSION, render
from tests.reports import sample


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _report(findings: list[Finding], **kwargs: object) -> dict:
    return json.loads(render(findings, "json", tool_version="1.2.3", **kwargs))


def test_sample_report_validates(validator: Draft202012Validator) -> None:
    report = _report(sample.findings(), rules=sample.RULES, stats=sample.STATS)
    validator.validate(report)
    assert report["version"] == REPORT_VERSION
    assert report["summary"]["error"] == 2
    assert report["summary"]["byOrigin"] == {"local": 4, "remote": 1, "conversion": 1}
    assert report["summary"]["passed"] is False
    assert report["summary"]["objects"] == 4
    assert report["files"] == sorted([sample.PLAN_A, sample.PLAN_B])


def test_empty_report_validates(validator: Draft202012Validator) -> None:
    report = _report([])
    validator.validate(report)
    assert report["findings"] == []
    assert report["summary"]["passed"] is True
    assert report["summary"]["findings"] == 0


def test_findings_read_back_unchanged() -> None:
    report = _report(sample.findings())
    back = [Finding.from_json(item) for item in report["findings"]]
    assert sorted(f.rule for f in back) == sorted(f.rule for f in sample.findings())
    by_rule = {f.rule: f for f in back}
    original = {f.rule: f for f in sample.findings()}
    for rule, f in by_rule.items():
        o = original[rule]
        assert (f.severity, f.message, f.messages, f.path, f.object_key, f.origin) == (
            o.severity,
            o.message,
            o.messages,
            o.path,
            o.object_key,
            o.origin,
        )
    assert by_rule["geometry.self-intersection"].geometry["type"] == "Polygon"


def test_rules_carry_catalogue_metadata_and_counts(validator: Draft202012Validator) -> None:
    report = _report(sample.findings(), rules=sample.RULES)
    rules = {r["id"]: r for r in report["rules"]}
    assert rules["group.missing"]["officialIds"] == ["quality__req_planObject_group"]
    assert rules["group.missing"]["severity"] == "warning"
    assert rules["geometry.self-intersection"]["fix"].startswith("Redraw")
    assert rules["quality__req_plan_planDescription"]["title"].startswith("Reported by")
    assert all(r["count"] == 1 for r in rules.values())
    assert [r["id"] for r in report["rules"]] == sorted(rules)


def test_non_json_data_values_are_written_plainly(validator: Draft202012Validator) -> None:
    import numpy as np

    f = Finding("x", "error", "m", data={"area": np.float64(1.5), "codes": {"b", "a"}})
    report = _report([f])
    validator.validate(report)
    assert report["findings"][0]["data"] == {"area": 1.5, "codes": ["a", "b"]}


def test_schema_rejects_a_broken_report(validator: Draft202012Validator) -> None:
    report = _report(sample.findings())
    report["findings"][0]["severity"] = "fatal"
    assert list(validator.iter_errors(report))
    report = _report([])
    report["version"] = "2.0"
    assert list(validator.iter_errors(report))
