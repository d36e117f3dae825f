"""The structural rules and the project's JSON Schema agree.

Structural checks run from the model's field declarations, not from jsonschema, for
speed and for located findings. Both come from the same declarations, and this test
keeps them honest: over the official examples and the systematic mutations of
``tests/model/test_schema_conformance.py`` (drop a required field, wrong type, null,
unknown property, bad code …, plus a few geometry mutations), a document is valid for
``schemas/ValidatePlan.schema.json`` exactly when the rules marked ``schema = True``
report no error.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

from ryhti.findings import Severity  # noqa: E402
from ryhti.validators import all_rules, validate  # noqa: E402
from tests.model.test_schema_conformance import (  # noqa: E402
    FORMATS,
    _examples,
    mutations,
    project_schema,
)

SCHEMA_RULES = [r for r in all_rules() if r.schema]
KIND = {"ValidatePlan": "plan", "PlanMatterCreate": "matter"}


def structural_errors(doc: dict[str, Any], root: str) -> list[str]:
    result = validate(doc, kind=KIND[root], rules=SCHEMA_RULES)
    return [f"{f.rule} {f.path}" for f in result.findings if f.severity is Severity.ERROR]


def geometry_mutations(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Geometry faults the schema also sees: nesting, strings for numbers, a bad type."""
    out = []
    doc = copy.deepcopy(data)
    area = doc["geographicalArea"]["geometry"]
    area["coordinates"] = [area["coordinates"]]
    out.append(("area nested one level too deep", doc))
    doc = copy.deepcopy(data)
    ring = doc["geographicalArea"]["geometry"]["coordinates"][0]
    ring[1] = [str(ring[1][0]), str(ring[1][1])]
    out.append(("coordinates as strings", doc))
    doc = copy.deepcopy(data)
    doc["geographicalArea"]["geometry"]["type"] = "Polygin"
    out.append(("unknown geometry type", doc))
    return out


@pytest.mark.parametrize("root", ["ValidatePlan", "PlanMatterCreate"])
def test_structural_rules_agree_with_the_schema(root: str) -> None:
    examples = _examples(root)
    if not examples:
        pytest.skip(f"no {root} examples in the reference material")
    validator = jsonschema.Draft202012Validator(project_schema(root), format_checker=FORMATS)
    disagreements = []
    counted = {"documents": 0, "invalid": 0}
    done: set[tuple[str, str, str]] = set()
    for name, data in examples:
        if not validator.is_valid(data):
            continue  # mutating a document the schema rejects tells nothing
        cases = [(name, data), *mutations(data, root, done)]
        if root == "ValidatePlan":
            cases += geometry_mutations(data)
        for label, doc in cases:
            schema_ok = validator.is_valid(doc)
            errors = structural_errors(doc, root)
            counted["documents"] += 1
            counted["invalid"] += not schema_ok
            if schema_ok == bool(errors):
                disagreements.append(
                    f"{name} {label}: schema {'accepts' if schema_ok else 'rejects'}, "
                    f"rules say {errors or 'nothing'}"
                )
    assert counted["documents"] > 100
    assert 0 < counted["invalid"] < counted["documents"]
    assert not disagreements, "\n".join(disagreements[:30])


def test_srid_4326_is_stricter_than_the_schema_on_purpose() -> None:
    """The API enum lists 4326, Syke's rules do not accept it: G001 reports it anyway."""
    from tests.validators.bases import plan

    doc = plan()
    validator = jsonschema.Draft202012Validator(
        project_schema("ValidatePlan"), format_checker=FORMATS
    )
    doc["planObjects"][2]["geometry"]["srid"] = "4326"
    assert validator.is_valid(doc)
    assert any(e.startswith("G001") for e in structural_errors(doc, "ValidatePlan"))
