"""One parametrised runner for every rule's YAML fixture (``fixtures/<RULE>.yml``).

A failing case must produce findings of its rule (with the expected paths, object
keys and Syke ids) and nothing else but what it declares in ``also``; a passing
case must produce nothing of the rule (and nothing else either). Each case runs
twice, with and without the scan's inline fast paths, and both runs must agree.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from ryhti.findings import Finding
from ryhti.validators import all_rules, validate
from ryhti.validators import scan as scan_module
from ryhti.validators.config import config_from_mapping
from tests.validators.bases import BASES, DEFAULT_OPTIONS, TODAY
from tests.validators.fixtures import FIXTURES, Case, load_cases

CASES = load_cases()


def run(case: Case) -> list[Finding]:
    options = dict(case.options)
    settings = {"today": TODAY.isoformat(), **(options.pop("config", None) or {})}
    for key in ("boundaries", "context"):
        if key in settings:
            settings[key] = str(FIXTURES / settings[key])
    config = config_from_mapping(settings)
    return validate(case.document(), config=config, **options).findings


@contextlib.contextmanager
def fast_paths(enabled: bool) -> Iterator[None]:
    saved = scan_module.FAST_PATHS
    scan_module.FAST_PATHS = enabled
    try:
        yield
    finally:
        scan_module.FAST_PATHS = saved


def matches(finding: Finding, expected: dict[str, Any]) -> bool:
    for key, value in expected.items():
        if key == "message":
            if value not in finding.message:
                return False
        elif key == "severity":
            if finding.severity.value != value:
                return False
        elif key == "geometry_type":
            if finding.geometry is None or finding.geometry.geom_type != value:
                return False
        elif getattr(finding, key) != value:
            return False
    return True


def describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.rule} {f.severity.value} {f.path}: {f.message}" for f in findings)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fixture_case(case: Case) -> None:
    findings = run(case)
    mine = [f for f in findings if f.rule == case.rule]
    others = [f for f in findings if f.rule != case.rule and f.rule not in case.also]
    if case.kind == "pass":
        assert not mine, f"{case.rule} fired on a passing case:\n{describe(mine)}"
    else:
        assert mine, f"{case.rule} did not fire; all findings:\n{describe(findings)}"
        for expected in case.expect:
            assert any(matches(f, expected) for f in mine), (
                f"no {case.rule} finding matches {expected}:\n{describe(mine)}"
            )
        if case.count is not None:
            assert len(mine) == case.count, describe(mine)
    assert not others, f"other rules fired (declare them in 'also'):\n{describe(others)}"
    with fast_paths(False):
        slow = run(case)
    assert [f.to_json() for f in slow] == [f.to_json() for f in findings], (
        "the scan's fast paths disagree with the checkers"
    )


def test_every_local_rule_has_a_passing_and_a_failing_case() -> None:
    kinds: dict[str, set[str]] = {}
    for case in CASES:
        kinds.setdefault(case.rule, set()).add(case.kind)
    missing = [r.id for r in all_rules() if not r.remote and kinds.get(r.id) != {"pass", "fail"}]
    assert not missing, f"rules without pass+fail fixtures: {missing}"
    unknown = sorted(set(kinds) - {r.id for r in all_rules()})
    assert not unknown, f"fixtures for unknown rules: {unknown}"
    remote = sorted(r.id for r in all_rules() if r.remote and (FIXTURES / f"{r.id}.yml").exists())
    assert not remote, f"remote-only rules cannot have local fixtures: {remote}"


@pytest.mark.parametrize("base", sorted(BASES))
def test_base_documents_are_clean(base: str) -> None:
    config = config_from_mapping({"today": TODAY.isoformat()})
    result = validate(BASES[base](), config=config, **DEFAULT_OPTIONS[base])
    assert not result.findings, describe(result.findings)
