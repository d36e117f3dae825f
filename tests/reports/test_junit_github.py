"""JUnit XML parses and counts right; GitHub workflow commands escape correctly."""

from __future__ import annotations

import pytest
from lxml import etree

from ryhti.findings import Finding, Severity
from ryhti.reports import render
from ryhti.reports.github import escape_data, escape_property
from tests.reports import sample


def _junit(findings: list[Finding], **kwargs: object) -> etree._Element:
    text = render(findings, "junit", tool_version="1.2.3", **kwargs)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return etree.fromstring(text.encode("utf-8"))


def test_junit_one_suite_per_file_one_case_per_rule() -> None:
    root = _junit(sample.findings())
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [sample.PLAN_A, sample.PLAN_B, "(no file)"]
    a = suites[0]
    cases = {c.get("name"): c for c in a.findall("testcase")}
    assert set(cases) == {
        "geometry.self-intersection",
        "group.missing",
        "quality__req_plan_planDescription",
        "street.width",
    }
    assert cases["geometry.self-intersection"].find("failure").get("type") == "error"
    assert cases["group.missing"].find("failure") is None
    assert "no regulation group" in cases["group.missing"].findtext("system-out")
    assert a.get("failures") == "2" and a.get("tests") == "4"
    assert root.get("failures") == "2"
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in suites))


def test_junit_catalogue_rules_pass_visibly_on_every_file() -> None:
    root = _junit(sample.findings(), rules=sample.RULES)
    b = root.find(f"testsuite[@name='{sample.PLAN_B}']")
    names = [c.get("name") for c in b.findall("testcase")]
    assert "geometry.self-intersection" in names
    passing = b.find("testcase[@name='geometry.self-intersection']")
    assert len(passing) == 0  # no failure child: a passed check


def test_junit_fail_on_warning_fails_warnings_too() -> None:
    root = _junit(sample.findings(), fail_on="warning")
    a = root.find(f"testsuite[@name='{sample.PLAN_A}']")
    assert a.find("testcase[@name='group.missing']/failure").get("type") == "warning"
    assert a.find("testcase[@name='street.width']/failure") is None


def test_junit_empty_run_has_one_passing_case() -> None:
    root = _junit([])
    assert root.get("tests") == "1" and root.get("failures") == "0"
    assert root.find("testsuite/testcase") is not None


def test_junit_drops_characters_xml_cannot_hold() -> None:
    f = Finding("r", Severity.ERROR, "bad \x00\x07 byte ä", source="p.json")
    root = _junit([f])
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "bad  byte ä"


def test_junit_file_without_findings_still_listed() -> None:
    root = _junit([], documents={"plans/ok.json": object()})
    suite = root.find("testsuite")
    assert suite.get("name") == "plans/ok.json"
    assert suite.get("tests") == "1" and suite.get("failures") == "0"


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
        ("x: y, z", "x: y, z", "x%3A y%2C z"),
        ("%0A", "%250A", "%250A"),
        ("ääkköset åäö", "ääkköset åäö", "ääkköset åäö"),
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_commands_one_line_each_with_levels_and_places() -> None:
    text = render(sample.findings(), "github", tool_version="1.2.3")
    lines = text.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(sample.findings())
    by_title = {}
    for line in commands:
        head, _, message = line[2:].partition("::")
        level, _, props = head.partition(" ")
        fields = dict(p.split("=", 1) for p in props.split(","))
        by_title[fields["title"].split(" ")[0]] = (level, fields, message)
    level, fields, message = by_title["conversion.unknown-notation"]
    assert level == "warning"
    assert fields["file"] == "lähde/kaava.gpkg"
    assert (fields["line"], fields["col"]) == ("7", "3")
    level, fields, message = by_title["quality__req_plan_planDescription"]
    assert level == "error"
    assert "100 %25 varmasti,%0Arivi 2" in message
    assert "\n" not in message
    assert by_title["street.width"][0] == "notice"
    assert "file" not in by_title["config.unreadable"][1]
    assert lines[-1].startswith("ryhti: 2 errors, 2 warnings, 2 notes in 2 files")


def test_github_property_with_comma_and_colon_in_file_name() -> None:
    f = Finding("r", Severity.WARNING, "m", source="plans/a,b:c.json")
    line = render([f], "github").splitlines()[0]
    assert line.startswith("::warning file=plans/a%2Cb%3Ac.json,title=r::")
