"""Evidence: the local validator gives Syke's answer to each of ten real Validate API calls.

``ryhti/api-responses/spatineo-plan-validator-rag-responses.json`` holds Syke's
public Validate API answers to one base plan with one injected fault each. Each
case here rebuilds the faulty plan from the base (Spatineo's
``SpatialPlan-paaKayttotarkoitusyhdistelma``) and validates it as a QA reviewer would,
with nothing but the query parameters Syke got (``--plan-type 31 --municipality …``,
no configuration, no boundaries file), and checks that:

* the local report gives every fault of Syke's answer: the same Syke rule id at the same
  place, including the ``quality__req_json_deserialization_failure`` Syke adds for the
  whole body (``planDto``) when its JSON reader stops (rule S016);
* the set of Syke ids the report predicts for the answer (``stats["syke"]``) is exactly
  the set in Syke's answer, with the same HTTP status.

Example 10 used a municipality that does not contain the plan; the source does not
say which, so 091 (Helsinki) stands in; the boundaries shipped with the package decide it.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from ryhti.findings import Finding, Severity
from ryhti.model.base import path_parts
from ryhti.validators import Config, all_rules, validate
from tests.conftest import reference_path

RESPONSES = ("ryhti", "api-responses", "spatineo-plan-validator-rag-responses.json")
BASE = (
    "ryhti",
    "examples",
    "spatineo",
    "kaavoitus",
    "kayttotarkoitukset",
    "SpatialPlan-paaKayttotarkoitusyhdistelma.json",
)
#: Stand-in for the unstated municipality of example 10 (does not contain the plan).
WRONG_MUNICIPALITY = "091"


def _responses() -> list[dict[str, Any]]:
    path = reference_path(*RESPONSES)
    return json.loads(path.read_text(encoding="utf-8"))["examples"]


def mutate(base: dict[str, Any], mutation: dict[str, Any] | None) -> dict[str, Any]:
    """Apply one of the response file's mutation descriptions to a copy of the base plan."""
    doc = copy.deepcopy(base)
    if not mutation or "path" not in mutation:
        return doc
    *parents, last = path_parts(mutation["path"])
    node: Any = doc
    for t in parents:
        node = node[t]
    if "renamed_to" in mutation:
        node[mutation["renamed_to"]] = node.pop(last)
    elif "value" in mutation:
        node[last] = mutation["value"]
    elif mutation.get("change") == "wrapped in one extra array level":
        node[last] = [node[last]]
    else:  # pragma: no cover - a new kind of mutation in the reference file
        raise AssertionError(f"unknown mutation {mutation}")
    return doc


def local_path(instance: str) -> str:
    """Syke's ``instance`` in the local path notation: ``plan.x`` → ``$.x``."""
    if instance.startswith("plan."):
        return "$." + instance.removeprefix("plan.")
    return instance


def same_place(ours: str, theirs: str) -> bool:
    """Syke writes some paths relative to the list item (``$[0].name.fun``) or names only the
    geometry node; the local path must be that place or a property of it."""
    theirs = local_path(theirs)
    if not theirs.startswith("$"):
        return True  # e.g. "Type": Syke names no path
    if ours == theirs or ours.startswith(theirs + "."):
        return True
    return theirs.startswith("$[") and ours.endswith(theirs[1:])


def _official(finding: Finding) -> set[str]:
    rule = next((r for r in all_rules() if r.id == finding.rule), None)
    return {finding.official_id or "", *(rule.official_ids if rule else ())}


def _cases() -> list[dict[str, Any]]:
    try:
        return _responses()
    except BaseException:  # reference absent: a single case that skips
        return [{"n": 0}]


@pytest.mark.parametrize("example", _cases(), ids=lambda e: f"example{e.get('n')}")
def test_local_validator_gives_syke_s_answer(example: dict[str, Any]) -> None:
    base = json.loads(reference_path(*BASE).read_text(encoding="utf-8"))
    doc = mutate(base, example.get("mutation"))
    municipality = "601"
    if (example.get("mutation") or {}).get("query") == "administrativeAreaIdentifiers":
        municipality = WRONG_MUNICIPALITY
    result = validate(doc, plan_type="31", municipality=municipality, config=Config())
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    response = example.get("response")
    if not response:
        assert example["status"] == 200
        assert not errors, [f"{f.rule} {f.path} {f.message}" for f in errors]
        assert result.stats["syke"] == {"status": 200, "ruleIds": []}
        return
    expected = response["errors"]
    assert expected, "every answer names at least one fault"
    for err in expected:
        if err.get("instance") == "planDto":  # the whole body: S016, at the root
            hits = [f for f in errors if f.rule == "S016" and f.official_id == err["ruleId"]]
        else:
            hits = [
                f
                for f in errors
                if err["ruleId"] in _official(f) and same_place(f.path, err["instance"])
            ]
        assert hits, (
            f"example {example['n']} ({example['title']}): no local finding for "
            f"{err['ruleId']} at {err['instance']}; local errors: "
            + "; ".join(f"{f.rule}/{f.official_id} {f.path}" for f in errors)
        )
    answer = result.stats["syke"]
    assert answer["status"] == example["status"]
    assert set(answer["ruleIds"]) == {e["ruleId"] for e in expected}, (
        f"example {example['n']}: Syke answers {sorted({e['ruleId'] for e in expected})}, "
        f"the local report predicts {answer['ruleIds']}"
    )


def test_all_ten_responses_are_covered() -> None:
    examples = _responses()
    assert [e["n"] for e in examples] == list(range(1, 11))


def test_the_right_municipality_passes_the_boundary_check() -> None:
    base = json.loads(reference_path(*BASE).read_text(encoding="utf-8"))
    result = validate(base, plan_type="31", municipality="601")
    assert not [f for f in result.findings if f.rule == "G019"]


def test_the_wrong_municipality_is_found_without_any_option() -> None:
    base = json.loads(reference_path(*BASE).read_text(encoding="utf-8"))
    result = validate(base, plan_type="31", municipality=WRONG_MUNICIPALITY)
    (g019,) = [f for f in result.findings if f.rule == "G019"]
    assert g019.path == "$.geographicalArea"
    assert g019.official_id == "quality__req_geom_location_administrativearea"
    assert result.exit_code == 1
