"""Load JSON -> model -> dump gives the same JSON, for every official example.

Compared as parsed JSON (key order aside), which also checks numbers (int stays
int, 1.0 stays float), null versus absent, and that unknown properties are kept.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ryhti.errors import InputError
from ryhti.io import parse_json, read_json
from ryhti.model import (
    UNSET,
    PlanObject,
    PositiveNumericValue,
    ValidatePlan,
    from_json,
    kind_of,
    load,
    load_plan,
)
from tests.conftest import REFERENCE

EXAMPLES = REFERENCE / "ryhti" / "examples"
# Known-broken examples: Syke's VOOKA files with Polygon coordinates not nested (not JSON).
NOT_JSON = {"kaava.json", "kaava-asian_aluerajaus.json"}
# An X-Road mock expectation list (requests and responses), not a payload: the API tests use it.
NOT_PAYLOAD = {"test_services_mock_xroad.json"}


def _examples() -> list[Path]:
    if not EXAMPLES.exists():
        return []
    return sorted(EXAMPLES.rglob("*.json"))


EXAMPLE_FILES = _examples()


@pytest.mark.skipif(not EXAMPLE_FILES, reason=f"reference examples not available under {EXAMPLES}")
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_round_trips_exactly(path: Path) -> None:
    if path.name in NOT_JSON:
        with pytest.raises(InputError, match=r"line \d+, column \d+"):
            read_json(path)
        return
    data = read_json(path)
    if path.name in NOT_PAYLOAD:
        assert isinstance(data, list)
        return
    original = copy.deepcopy(data)
    doc = from_json(data)
    assert doc.to_json() == original
    assert data == original, "loading must not mutate its input"
    assert list(doc.unknown_properties()) == [], "official examples use only official properties"


def test_examples_cover_plans_and_matters() -> None:
    if not EXAMPLE_FILES:
        pytest.skip(f"reference examples not available under {EXAMPLES}")
    kinds = {kind_of(read_json(p)) for p in EXAMPLE_FILES if p.name not in NOT_JSON | NOT_PAYLOAD}
    assert {"plan", "matter", "geometry", "plot-division-matter"} <= kinds


MINIMAL = {
    "planKey": "5e928c8f-1a4d-4912-853b-c92c844ae8ec",
    "lifeCycleStatus": "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/03",
    "geographicalArea": {
        "srid": "3067",
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 0]]]},
    },
    "planObjects": [],
    "planRegulationGroups": [],
}


def test_null_and_absent_stay_distinct() -> None:
    data = {**MINIMAL, "scale": None}
    plan = from_json(data)
    assert plan.scale is None
    assert plan.approval_date is UNSET
    assert plan.is_set("scale") and not plan.is_set("approval_date")
    assert plan.to_json() == data
    assert "approvalDate" not in plan.to_json()


def test_numbers_keep_their_json_type() -> None:
    data = json.loads('{"dataType": "PositiveDecimal", "number": 1.0, "unitOfMeasure": "m"}')
    plan = from_json({**MINIMAL, "scale": 2000})
    assert isinstance(plan.to_json()["scale"], int)
    value = json.loads(
        json.dumps(
            from_json(
                {
                    **MINIMAL,
                    "planRegulationGroups": [
                        {
                            "planRegulationGroupKey": "k",
                            "titleOfPlanRegulation": {"fin": "x"},
                            "planRegulations": [
                                {
                                    "planRegulationKey": "r",
                                    "lifeCycleStatus": "s",
                                    "type": "t",
                                    "value": data,
                                }
                            ],
                        }
                    ],
                }
            ).to_json()
        )
    )
    dumped = value["planRegulationGroups"][0]["planRegulations"][0]["value"]
    assert dumped == data and isinstance(dumped["number"], float)
    big = parse_json('{"n": 123456789012345678901234567890, "d": 0.1}')
    assert json.loads(json.dumps(big)) == big


def test_unknown_properties_are_kept_and_reported_at_any_depth() -> None:
    data = copy.deepcopy(MINIMAL)
    data["planKea"] = "typo"
    data["geographicalArea"]["geometry"]["crs"] = {"type": "name"}
    data["planObjects"] = [{"planObjectKey": "a", "featureType": "x"}]
    plan = from_json(data)
    assert plan.to_json() == data
    assert sorted(plan.unknown_properties()) == [
        ("$.geographicalArea.geometry.crs", "crs"),
        ("$.planKea", "planKea"),
        ("$.planObjects[0].featureType", "featureType"),
    ]


def test_wrong_types_are_kept_not_rejected() -> None:
    data = {
        **MINIMAL,
        "planKey": ["43ec642a-61d7-427d-9aa1-4046ca994b54"],
        "planObjects": "nope",
        "geographicalArea": 5,
    }
    plan = from_json(data)
    assert plan.plan_key == ["43ec642a-61d7-427d-9aa1-4046ca994b54"]
    assert plan.objects() == []
    assert plan.to_json() == data


def test_values_are_typed_by_data_type_and_fill_it_in() -> None:
    value = PositiveNumericValue(number=2400, unit_of_measure="k-m2")
    assert value.to_json() == {
        "dataType": "PositiveNumeric",
        "number": 2400,
        "unitOfMeasure": "k-m2",
    }
    unknown = {"dataType": "Fancy", "number": 1}
    plan = from_json(
        {**MINIMAL, "planRegulationGroups": [{"planRegulations": [{"value": unknown}]}]}
    )
    assert plan.groups()[0].plan_regulations[0].value == unknown


def test_built_models_dump_official_names() -> None:
    obj = PlanObject(plan_object_key="k", life_cycle_status="s", underground_status="u")
    assert obj.to_json() == {"planObjectKey": "k", "lifeCycleStatus": "s", "undergroundStatus": "u"}


def test_load_plan_reads_files_and_names_problems(tmp_path: Path) -> None:
    good = tmp_path / "plan.json"
    good.write_text(json.dumps(MINIMAL), encoding="utf-8")
    assert isinstance(load_plan(good), ValidatePlan)
    assert isinstance(load(good), ValidatePlan)
    bad = tmp_path / "bad.json"
    bad.write_text('{"planKey": 1,\n  "x": }', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_plan(bad)
    assert "line 2, column 8" in str(err.value) and "bad.json" in str(err.value)
    arr = tmp_path / "arr.json"
    arr.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="expected a JSON object at the top level, found an array"):
        load_plan(arr)
    matter = tmp_path / "matter.json"
    matter.write_text(
        '{"permanentPlanIdentifier": "AK-000001", "planMatterPhases": []}', encoding="utf-8"
    )
    with pytest.raises(InputError, match="holds a matter, not a plan"):
        load_plan(matter)
    with pytest.raises(InputError, match="not a RYHTI plan or plan matter"):
        arr.write_text('{"foo": 1}', encoding="utf-8")
        load(arr)
