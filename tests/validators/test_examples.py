"""Evidence: no error on any Spatineo example that Syke's validator accepts.

Spatineo's repository validates every ``SpatialPlan-*.yml`` against the production
public Validate API in its CI; per the reference notes the ``kaavamuutos`` ones were
still failing, and the plan-matter example cannot be validated there (no public
endpoint) and predates the current spec. Those are the exceptions below, each with
its reason and the faults the local validator finds in it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ryhti.findings import Severity
from ryhti.validators import Config, validate_file
from tests.conftest import reference_path

ROOT = ("ryhti", "examples", "spatineo", "kaavoitus")

#: Example → (reason it is not an accepted example, rules whose errors it shows).
EXCEPTIONS: dict[str, tuple[str, set[str]]] = {
    "kaavamuutos/SpatialPlan-asemakaava-kumottava-001741.json": (
        "still failing Syke's validation upstream; the KT/VL reservations overlap by 4002 m²",
        {"G014"},
    ),
    "kaavamuutos/SpatialPlan-asemakaava-kumottava-02030.json": (
        "still failing upstream; 8.6 m² of the plan area lies in no area reservation",
        {"G015"},
    ),
    "kaavamuutos/SpatialPlan-asemakaava-kumottava-140500.json": (
        "still failing upstream; a street area reaches outside the plan area, three gaps, "
        "a 2.5 m² overlap and a main-use group without a letter code",
        {"G013", "G014", "G015", "V014"},
    ),
    "kaavamuutos/SpatialPlan-asemakaavamuutos.json": (
        "still failing upstream; locally only warnings: its cancelledPlanUri values use a "
        "matter identifier instead of RYHTI's plan URI (R009), which the server cannot resolve",
        set(),
    ),
    "kaava-asia/asemakaava/LocalDetailedPlanMatter-kokonainen-asia-hyvaksytty.json": (
        "a plan matter, not validated by Syke (no public endpoint); it predates the current "
        "spec: plan map coordinateSystem '3880' and a source-data file without fileKey",
        {"S002", "S006"},
    ),
}


def _examples() -> list[Path]:
    root = reference_path(*ROOT)
    return sorted(root.rglob("*.json"))


def _meta(path: Path) -> dict[str, str]:
    meta = path.with_suffix(".meta")
    if not meta.exists():
        return {}
    data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
    return {k: str(v) for k, v in data.items()}


def _validate(path: Path):
    meta = _meta(path)
    return validate_file(
        path,
        plan_type=meta.get("planType"),
        municipality=meta.get("administrativeAreaIdentifiers"),
        config=Config(today=None),
    )


def test_examples_are_found() -> None:
    names = [p.name for p in _examples()]
    assert len(names) >= 20
    assert any(n.startswith("SpatialPlan-") for n in names)


@pytest.mark.parametrize("name", sorted(EXCEPTIONS))
def test_exceptions_exist_and_show_their_faults(name: str) -> None:
    path = reference_path(*ROOT, *name.split("/"))
    result = _validate(path)
    reason, rules = EXCEPTIONS[name]
    errors = {f.rule for f in result.findings if f.severity is Severity.ERROR}
    assert errors == rules, f"{name} ({reason}): errors now {sorted(errors)}"


def test_zero_errors_on_every_accepted_example() -> None:
    root = reference_path(*ROOT)
    checked = 0
    problems = []
    for path in _examples():
        rel = path.relative_to(root).as_posix()
        if rel in EXCEPTIONS:
            continue
        result = _validate(path)
        checked += 1
        for f in result.findings:
            if f.severity is Severity.ERROR or f.data.get("internalError"):
                problems.append(f"{rel}: {f.rule} {f.path}: {f.message}")
    assert checked >= 18
    assert not problems, "\n".join(problems)


def test_accepted_examples_have_no_findings_but_known_warnings() -> None:
    """Warnings on accepted examples are only the ones documented as stricter than Syke."""
    root = reference_path(*ROOT)
    allowed = {
        "G011",  # ring orientation: the drafts ask for counter-clockwise, Syke accepts both
        "R001",  # a planRegulationKey used twice (korkeusasema), accepted by Syke
        "V008",  # verbalRegulations on maaraAikainenKieltoRakennuksenRakentamiseksi
    }
    seen = set()
    for path in _examples():
        rel = path.relative_to(root).as_posix()
        if rel in EXCEPTIONS:
            continue
        result = _validate(path)
        seen |= {f.rule for f in result.findings}
    assert seen <= allowed, sorted(seen - allowed)


def test_example_files_are_json_objects() -> None:
    for path in _examples():
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)
