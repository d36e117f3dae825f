"""Remote answers mapped back: the ten real answers of the public Validate API, paths in
every spelling the server uses, the conversion report, and local-versus-remote."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from ryhti.api.client import RyhtiClient
from ryhti.api.diff import compare
from ryhti.api.paths import DocumentIndex, normalise_rule_id, resolve
from ryhti.api.remote import findings_from_problem, remote_validate
from ryhti.api.responses import Problem, RemoteError
from ryhti.api.sources import SourceIndex
from ryhti.findings import Finding, Severity
from ryhti.model import PlanMatterCreate, ValidatePlan
from tests.api import fake_ryhti
from tests.api.fake_ryhti import FakeRyhti
from tests.conftest import reference_path

DATA = Path(__file__).parent / "data"
OBJ0 = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e01"
OBJ1 = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e02"
GROUP = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f01"
PLAN = "0b7e6a52-3c1d-4d8e-9f21-5a6b7c8d9e01"


def _plan() -> ValidatePlan:
    return ValidatePlan.from_json(json.loads((DATA / "plan.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("instance", "class_key", "message", "path", "key"),
    [
        ("$.planObjects[1].geometry", None, None, "$.planObjects[1].geometry", OBJ1),
        (
            "plan.planObjects[0].undergroundStatus",
            OBJ0,
            None,
            "$.planObjects[0].undergroundStatus",
            OBJ0,
        ),
        ("planObjects[1]", None, None, "$.planObjects[1]", OBJ1),
        ("$.planKea", None, None, "$.planKea", PLAN),
        (
            "$[0].planObjectKea",
            None,
            "field that does not belong to class 'PlanObject': 'planObjectKea'",
            "$.planObjects[0].planObjectKea",
            OBJ0,
        ),
        (
            "$[0].titleOfPlanRegulatio",
            None,
            "class 'PlanRegulationGroup'",
            "$.planRegulationGroups[0].titleOfPlanRegulatio",
            GROUP,
        ),
        ("planDto", None, None, "$", PLAN),
        ("Type", OBJ1, None, "$.planObjects[1]", OBJ1),
        ("plan.geographicalArea", PLAN, None, "$.geographicalArea", PLAN),
        ("$.PlanObjects[0].Geometry", None, None, "$.planObjects[0].geometry", OBJ0),
        (
            "$.planRegulationGroups[0].planRegulations[0].type",
            None,
            None,
            "$.planRegulationGroups[0].planRegulations[0].type",
            "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a01",
        ),
        ("$.planObjects[7]", None, None, "$.planObjects[7]", PLAN),
    ],
)
def test_instance_spellings_resolve_to_objects(
    instance: str, class_key: str | None, message: str | None, path: str, key: str
) -> None:
    res = resolve(
        RemoteError(instance=instance, class_key=class_key, message=message), DocumentIndex(_plan())
    )
    assert (res.path, res.object_key) == (path, key)


def test_paths_in_a_matter_reach_the_plan_in_the_decision() -> None:
    from ryhti.matter import build_matter

    matter = PlanMatterCreate.from_json(
        build_matter(DATA / "matter.toml", DATA / "plan.json").payload
    )
    index = DocumentIndex(matter)
    plan_path = "$.planMatterPhases[0].planDecision.plans[0]"
    res = resolve(RemoteError(instance="plan.planObjects[1].geometry"), index)
    assert res.path == f"{plan_path}.planObjects[1].geometry" and res.object_key == OBJ1
    res = resolve(
        RemoteError(instance="planMatterPhases[0].planDecision.plans[0].planObjects[0]"), index
    )
    assert res.object_key == OBJ0 and res.geometry["type"] == "Polygon"
    res = resolve(RemoteError(instance="permanentPlanIdentifier"), index)
    assert (
        res.path == "$.permanentPlanIdentifier" and res.object_key is None
    )  # the matter has no key


def test_conversion_report_leads_to_source_features() -> None:
    report = {
        "source": "kaava.gpkg",
        "objects": [
            {
                "objectKey": OBJ0,
                "kind": "planObject",
                "source": {"file": "kaava.gpkg", "layer": "kaavakohteet", "fid": 12},
            },
            {"key": GROUP, "file": "kaavamaaraykset.docx", "line": 7},
        ],
        "byKey": {OBJ1: {"location": {"file": "kaava.gpkg", "layer": "kaavakohteet", "fid": 13}}},
    }
    index = SourceIndex.from_json(report, "report.json")
    assert len(index) == 3
    problem = Problem.from_json(
        {
            "status": 422,
            "errors": [
                {
                    "ruleId": "quality__req_geom_is_valid_detail",
                    "message": "Invalid geometry",
                    "instance": "plan.planObjects[1].geometry",
                    "classKey": OBJ1,
                },
                {
                    "ruleId": "quality__req_x",
                    "message": "Group problem",
                    "instance": "$.planRegulationGroups[0].letterIdentifier",
                },
            ],
        }
    )
    first, second = findings_from_problem(problem, _plan(), conversion=index, source="plan.json")
    assert first.location == {"file": "kaava.gpkg", "layer": "kaavakohteet", "feature": 13}
    assert first.source == "plan.json" and first.geometry is not None
    assert second.location == {"file": "kaavamaaraykset.docx", "line": 7}
    # every report format of Finding carries it
    assert (
        first.to_json()["location"]["feature"] == 13
        and Finding.from_json(first.to_json()).location == first.location
    )


def test_normalise_rule_ids() -> None:
    assert (
        normalise_rule_id("quality/req-geom-is-valid-detail") == "quality__req_geom_is_valid_detail"
    )
    assert (
        normalise_rule_id("quality__req_geom_is_valid_detail")
        == "quality__req_geom_is_valid_detail"
    )
    assert normalise_rule_id(None) is None


def _f(
    rule: str, official: str | None, key: str | None = None, origin: str = "local", path: str = "$"
) -> Finding:
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        message=rule,
        official_id=official,
        object_key=key,
        origin=origin,
        path=path,
    )


def test_compare_local_and_remote() -> None:
    local = [
        _f("geometry-valid", "quality/req-geom-is-valid-detail", OBJ0),
        _f("geometry-valid", "quality/req-geom-is-valid-detail", OBJ1),
        _f("underground", "quality/req-codelist-property-codevalue-not-allowed", OBJ0),
        _f("house-rule", None, OBJ0),
    ]
    remote = [
        _f(
            "quality__req_geom_is_valid_detail", "quality__req_geom_is_valid_detail", OBJ0, "remote"
        ),
        _f(
            "quality__req_geom_location_administrativearea",
            "quality__req_geom_location_administrativearea",
            PLAN,
            "remote",
        ),
        _f(
            "quality__req_json_deserialization_failure",
            "quality__req_json_deserialization_failure",
            None,
            "remote",
        ),
    ]
    diff = compare(local, remote)
    assert len(diff.agreed) == 1
    assert diff.rules_missed_locally == [
        "quality__req_geom_location_administrativearea",
        "quality__req_json_deserialization_failure",
    ]
    assert diff.rules_missed_remotely == [
        "quality/req-codelist-property-codevalue-not-allowed",
        "quality/req-geom-is-valid-detail",
    ]
    assert [f.object_key for f in diff.missed_remotely if f.rule == "geometry-valid"] == [OBJ1]
    assert len(diff.local_only_rules) == 1 and not diff.identical
    text = diff.text()
    assert "found only by Ryhti" in text and "Found by Ryhti, missed by the local engine:" in text
    assert json.loads(json.dumps(diff.to_json()))["agreed"] == 1


def test_compare_matches_when_one_side_does_not_know_the_place() -> None:
    local = [_f("x", "quality__req_a", OBJ0)]
    remote = [_f("quality__req_a", "quality__req_a", None, "remote")]  # server said only 'planDto'
    diff = compare(local, remote)
    assert diff.identical and len(diff.agreed) == 1


def test_remote_validate_resolves_names(client: RyhtiClient, fake: FakeRyhti) -> None:
    findings = remote_validate(_plan(), "Asemakaava", "Jyväskylä", client)
    assert findings == []
    assert fake.requests[0].query == {"planType": ["31"], "administrativeAreaIdentifiers": ["179"]}


# -- the real answers of the public Validate API ------------------------------------------------


def _real() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    responses = json.loads(
        reference_path(
            "ryhti", "api-responses", "spatineo-plan-validator-rag-responses.json"
        ).read_text(encoding="utf-8")
    )
    base = reference_path(
        "ryhti",
        "examples",
        "spatineo",
        "kaavoitus",
        "kayttotarkoitukset",
        "SpatialPlan-paaKayttotarkoitusyhdistelma.json",
    )
    return json.loads(base.read_text(encoding="utf-8")), responses["examples"]


def _mutate(plan: dict[str, Any], mutation: dict[str, Any] | None) -> dict[str, Any]:
    plan = copy.deepcopy(plan)
    if not mutation or "path" not in mutation:
        return plan
    *parents, last = [
        p for p in mutation["path"].removeprefix("$.").replace("[", ".").replace("]", "").split(".")
    ]
    node: Any = plan
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if "renamed_to" in mutation:
        node[mutation["renamed_to"]] = node.pop(last)
    elif "value" in mutation:
        node[last] = mutation["value"]
    elif mutation.get("change") == "wrapped in one extra array level":
        node[last] = [node[last]]
    return plan


#: Example number -> (path, object key) each error should be mapped to.
EXPECTED = {
    2: [("$.planKea", None), ("$", None)],  # planKey itself was renamed
    3: [("$.planKey", None), ("$", None)],  # planKey is an array: no usable key
    4: [
        ("$.geographicalArea.srie", "43ec642a-61d7-427d-9aa1-4046ca994b54"),
        ("$", "43ec642a-61d7-427d-9aa1-4046ca994b54"),
    ],
    5: [("$", "43ec642a-61d7-427d-9aa1-4046ca994b54")],
    6: [
        ("$.geographicalArea.geometry", "43ec642a-61d7-427d-9aa1-4046ca994b54"),
        ("$", "43ec642a-61d7-427d-9aa1-4046ca994b54"),
    ],
    7: [("$.planObjects[0].planObjectKea", None), ("$", "43ec642a-61d7-427d-9aa1-4046ca994b54")],
    8: [
        ("$.planObjects[0].name.fun", "7c093fdb-21e3-4ba7-8a20-aa682ce56666"),
        ("$", "43ec642a-61d7-427d-9aa1-4046ca994b54"),
    ],
    9: [("$.planObjects[0].undergroundStatus", "7c093fdb-21e3-4ba7-8a20-aa682ce56666")],
    10: [("$.geographicalArea", "43ec642a-61d7-427d-9aa1-4046ca994b54")],
}


def test_real_answers_are_mapped_to_the_plan(client: RyhtiClient, fake: FakeRyhti) -> None:
    base, examples = _real()
    fake.allow_body_violations = True  # the mutated plans break the schema on purpose
    seen = 0
    for example in examples:
        plan = _mutate(base, example["mutation"])
        fake.answer("validate-plan", example["status"], example["response"])
        before = len(fake.requests)
        outcome = client.validate_plan(plan, "31", "601")
        request = fake.requests[before]
        assert json.loads(request.body) == plan
        assert outcome.status == example["status"]
        if example["status"] == 200:
            assert outcome.ok and not outcome.errors
            assert not request.body_violations
            continue
        if example["status"] == 400:
            # what the server refused as structure, the official schema refuses too
            assert request.body_violations, example["title"]
        doc = ValidatePlan.from_json(plan)
        findings = findings_from_problem(outcome.problem, doc, lang="fi")
        assert len(findings) == len(example["response"]["errors"])
        assert all(f.origin == "remote" and f.severity is Severity.ERROR for f in findings)
        assert [f.official_id for f in findings] == [
            e["ruleId"] for e in example["response"]["errors"]
        ]
        assert [f.message for f in findings] == [
            e["localizedMessage"]["fi"] for e in example["response"]["errors"]
        ]
        got = [(f.path, f.object_key) for f in findings]
        expected = EXPECTED[example["n"]]
        if example["n"] == 7:  # the misspelt key is the object's own key: it has none now
            assert got[0][0] == expected[0][0]
        else:
            assert got == expected, (example["title"], got)
        seen += 1
    assert seen == 9


def test_real_answer_geometry_is_the_objects(client: RyhtiClient, fake: FakeRyhti) -> None:
    base, examples = _real()
    example = next(e for e in examples if e["n"] == 9)
    plan = _mutate(base, example["mutation"])
    fake.answer("validate-plan", 422, example["response"])
    (finding,) = remote_validate(ValidatePlan.from_json(plan), "31", "601", client)
    assert finding.geometry == plan["planObjects"][0]["geometry"]["geometry"]
    assert finding.srid == plan["planObjects"][0]["geometry"]["srid"]
    assert finding.data["classKey"] == "7c093fdb-21e3-4ba7-8a20-aa682ce56666"


def test_remote_findings_render_in_every_report_format() -> None:
    from ryhti import reports

    index = SourceIndex({OBJ1: {"file": "kaava.gpkg", "layer": "kaavakohteet", "feature": 13}})
    problem = Problem.from_json(
        {
            "status": 422,
            "errors": [
                {
                    "ruleId": "quality__req_geom_is_valid_detail",
                    "message": "Invalid geometry",
                    "localizedMessage": {"fi": "Geometria ei ole validi", "en": "Invalid geometry"},
                    "instance": "plan.planObjects[1].geometry",
                    "classKey": OBJ1,
                }
            ],
        }
    )
    findings = findings_from_problem(problem, _plan(), conversion=index, source="plan.json")
    for fmt in reports.FORMATS:
        text = reports.render(findings, fmt, lang="fi")
        assert "quality__req_geom_is_valid_detail" in text, fmt
        if fmt != "geojson":
            assert "kaava.gpkg" in text, fmt
    assert "Geometria ei ole validi" in reports.render(findings, "text", lang="fi")


def _answer_outside_municipality(fake: FakeRyhti) -> None:
    """Ryhti's Validate answers 422: the plan area lies outside the municipality."""
    fake.answer(
        "validate-plan",
        422,
        {
            "status": 422,
            "errors": [
                {
                    "ruleId": "quality__req_geom_location_administrativearea",
                    "message": "Not inside the municipality",
                    "instance": "plan.geographicalArea",
                    "classKey": PLAN,
                }
            ],
        },
    )


def test_remote_check_against_the_local_engine(
    config: Any, fake: FakeRyhti, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ryhti.api.validate import remote_check

    try:
        from ryhti.validators import validate
    except ImportError:  # the local engine is optional for the API package
        local = [_f("x", "quality__req_codelist_property_codevalue_not_allowed", OBJ0)]
    else:
        local = validate(_plan(), plan_type="31", municipality="179").findings
    _answer_outside_municipality(fake)
    from ryhti.api.client import RyhtiClient

    with RyhtiClient(config) as client:
        check = remote_check(
            _plan(), local, plan_type="Asemakaava", areas="Jyväskylä", client=client
        )
    (remote,) = check.findings
    assert (
        remote.official_id == "quality__req_geom_location_administrativearea"
        and remote.object_key == PLAN
    )
    assert "quality__req_geom_location_administrativearea" in check.diff.rules_missed_locally
    for var, value in (("RYHTI_API_URL", fake.public_url), ("RYHTI_SUBSCRIPTION_KEY", "k-123456")):
        monkeypatch.setenv(var, value)
    monkeypatch.chdir(tmp_path)
    import io

    out = io.StringIO()
    dry = remote_check(_plan(), local, plan_type="31", areas=["179"], dry_run=True, out=out)
    assert (
        dry.dry_run
        and dry.findings == []
        and "POST " + fake.public_url + "/api/Plan/Validate?planType=31" in out.getvalue()
    )
    assert "k-123456" not in out.getvalue()


def test_validate_cli_remote_adds_ryhti_findings_and_prints_the_difference(
    fake: FakeRyhti,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``ryhti validate --remote``: local run, Ryhti's answer mapped in, difference on stderr."""
    import json

    from ryhti.cli import main

    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(_plan().to_json()), encoding="utf-8")
    _answer_outside_municipality(fake)
    monkeypatch.setenv("RYHTI_API_URL", fake.public_url)
    monkeypatch.setenv("RYHTI_SUBSCRIPTION_KEY", fake_ryhti.SUBSCRIPTION_KEY)
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "report.json"
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "validate",
                str(plan_path),
                "--plan-type",
                "31",
                "--municipality",
                "179",
                "--remote",
                "--no-config",
                "-f",
                "json",
                "-o",
                str(report),
            ]
        )
    assert exit_info.value.code == 1  # Ryhti's error blocks delivery
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    remote = [f for f in findings if f["origin"] == "remote"]
    assert [f["officialId"] for f in remote] == ["quality__req_geom_location_administrativearea"]
    assert remote[0]["objectKey"] == PLAN
    err = capsys.readouterr().err
    assert "found only by Ryhti" in err and fake_ryhti.SUBSCRIPTION_KEY not in err


def test_validate_cli_remote_needs_plan_type_and_area(tmp_path: Path) -> None:
    import json

    from ryhti.cli import main

    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(_plan().to_json()), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", str(plan_path), "--remote", "--no-config"])
    assert exit_info.value.code == 2
