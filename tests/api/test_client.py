"""The client against the fake Ryhti: every operation, both services, answer shapes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from ryhti.api.client import RyhtiClient, family_of, file_key_of, level_of_identifier
from ryhti.api.errors import NotFoundError, RemoteRejected
from ryhti.api.remote import findings_from_outcome
from ryhti.api.responses import Problem
from ryhti.findings import Severity
from ryhti.matter import build_matter
from ryhti.model import ValidatePlan
from tests.api import fake_ryhti
from tests.api.fake_ryhti import FakeRyhti

DATA = Path(__file__).parent / "data"


def _matter(identifier: str) -> dict[str, Any]:
    payload = build_matter(DATA / "matter.toml", DATA / "plan.json").payload
    payload["permanentPlanIdentifier"] = identifier
    return payload


def test_public_validate_sends_key_type_and_areas(
    client: RyhtiClient, fake: FakeRyhti, plan_json: dict
) -> None:
    outcome = client.validate_plan(
        ValidatePlan.from_json(plan_json),
        "http://uri.suomi.fi/codelist/rytj/RY_Kaavalaji/code/31",
        ["179", "180"],
    )
    assert outcome.ok and outcome.status == 200 and not outcome.errors
    (request,) = fake.requests
    assert request.route == "validate-plan"
    assert request.query == {"planType": ["31"], "administrativeAreaIdentifiers": ["179", "180"]}
    assert request.headers["Ocp-Apim-Subscription-Key"] == fake_ryhti.SUBSCRIPTION_KEY
    assert json.loads(request.body) == plan_json


def test_public_validate_422_list_form(
    client: RyhtiClient, fake: FakeRyhti, plan_json: dict
) -> None:
    key = plan_json["planObjects"][1]["planObjectKey"]
    fake.answer(
        "validate-plan",
        422,
        {
            "title": "One or more validation errors occurred.",
            "status": 422,
            "errors": [
                {
                    "ruleId": "quality__req_codelist_property_codevalue_not_allowed",
                    "message": "Code value not valid",
                    "localizedMessage": {
                        "fi": "Koodiarvo ei kelpaa",
                        "sv": "Kodvärdet",
                        "en": "Code value not valid",
                    },
                    "instance": "plan.planObjects[1].undergroundStatus",
                    "classKey": key,
                }
            ],
            "warnings": [
                {
                    "ruleId": "quality__rec_x",
                    "message": "Consider",
                    "instance": "plan.planObjects[0]",
                }
            ],
            "traceId": "00-abc-00",
        },
    )
    outcome = client.validate_plan(plan_json, "31", "179")
    assert not outcome.ok and outcome.status == 422 and outcome.problem.errors_form == "list"
    findings = findings_from_outcome(outcome, ValidatePlan.from_json(plan_json), lang="fi")
    error, warning = findings
    assert error.severity is Severity.ERROR and error.origin == "remote"
    assert error.official_id == "quality__req_codelist_property_codevalue_not_allowed"
    assert error.path == "$.planObjects[1].undergroundStatus"
    assert error.object_key == key
    assert error.message == "Koodiarvo ei kelpaa" and error.messages["sv"] == "Kodvärdet"
    assert error.geometry["type"] == "Polygon" and error.srid == "3067"
    assert warning.severity is Severity.WARNING and warning.path == "$.planObjects[0]"


def test_public_validate_422_map_form(
    client: RyhtiClient, fake: FakeRyhti, plan_json: dict
) -> None:
    fake.answer(
        "validate-plan",
        422,
        {
            "title": "One or more validation errors occurred.",
            "status": 422,
            "errors": {"$.planObjects[0].geometry": ["Geometry is not valid", "Not simple"]},
        },
    )
    outcome = client.validate_plan(plan_json, "31", "179")
    assert outcome.problem.errors_form == "map" and len(outcome.errors) == 2
    findings = findings_from_outcome(outcome, ValidatePlan.from_json(plan_json))
    assert [f.path for f in findings] == ["$.planObjects[0].geometry"] * 2
    assert [f.message for f in findings] == ["Geometry is not valid", "Not simple"]
    assert all(f.rule == "remote" and f.official_id is None for f in findings)
    assert findings[0].object_key == plan_json["planObjects"][0]["planObjectKey"]


def test_problem_without_errors_still_gives_a_finding() -> None:
    findings = findings_from_outcome(
        __import__("ryhti.api.responses", fromlist=["Outcome"]).Outcome(
            ok=False,
            status=400,
            operation="validate plan",
            problem=Problem.from_json({"title": "Bad Request", "status": 400}),
        )
    )
    assert len(findings) == 1 and "Bad Request" in findings[0].message


def test_xroad_matter_lifecycle(client: RyhtiClient, fake: FakeRyhti) -> None:
    ident = client.reserve_identifier("asemakaava", "179", "Testikaava")
    assert ident == "AK-000001"
    assert client.reserve_identifier("AK", "179", "Testikaava") == ident  # idempotent: 200, same id
    with pytest.raises(NotFoundError, match="AK-000001 was not found"):
        client.get_matter("asemakaava", ident)
    matter = _matter(ident)
    validated = client.validate_matter("asemakaava", ident, matter)
    assert validated.ok and validated.status == 200
    created = client.create_matter("asemakaava", ident, matter)
    assert created.ok and created.status == 201 and created.result.key == ident
    assert [w.rule_id for w in created.warnings] == [
        "lifecycle__rec_paas_not_empty"
    ]  # warnings on success
    stored = client.get_matter("asemakaava", ident)
    phase = matter["planMatterPhases"][0]
    assert stored["planMatterPhases"][0]["planMatterPhaseKey"] == phase["planMatterPhaseKey"]
    update = {k: v for k, v in matter.items() if k != "planMatterPhases"}
    update["description"] = {"fin": "Päivitetty"}
    assert client.update_matter("asemakaava", ident, matter).ok  # phases are left out of a PUT
    assert client.validate_phase("asemakaava", ident, phase["planMatterPhaseKey"], phase).ok
    assert client.update_phase("asemakaava", ident, phase["planMatterPhaseKey"], phase).ok
    got = client.get_phase("asemakaava", ident, phase["planMatterPhaseKey"])
    assert got["lifeCycleStatus"] == phase["lifeCycleStatus"]
    changed = copy.deepcopy(phase)
    changed["lifeCycleStatus"] = changed["lifeCycleStatus"].replace("/04", "/05")
    refused = client.update_phase("asemakaava", ident, phase["planMatterPhaseKey"], changed)
    assert (
        not refused.ok
        and refused.errors[0].rule_id == "quality__req_phase_lifecyclestatus_mismatch"
    )
    assert fake.routes().count("authenticate") == 1  # one token for the whole run
    put = next(r for r in fake.requests if r.route == "update-matter")
    assert "planMatterPhases" not in json.loads(put.body)


def test_all_three_plan_levels_use_their_family(client: RyhtiClient, fake: FakeRyhti) -> None:
    assert client.reserve_identifier("yleiskaava", "179", "YK").startswith("YK-")
    assert client.reserve_identifier("maakuntakaava", "13", "MK").startswith("MK-")
    assert client.reserve_identifier("31", "179", "AK").startswith("AK-")
    paths = [r.path for r in fake.requests if r.route == "reserve"]
    assert paths == [
        "/api/LocalMasterPlanMatter/PermanentPlanIdentifier",
        "/api/RegionalPlanMatter/PermanentPlanIdentifier",
        "/api/LocalDetailedPlanMatter/PermanentPlanIdentifier",
    ]
    assert (
        family_of("http://uri.suomi.fi/codelist/rytj/RY_Kaavalaji/code/23")
        == "LocalMasterPlanMatter"
    )
    assert level_of_identifier("MK-000012") == "maakuntakaava"


def test_create_without_reservation_is_rejected_with_findings(
    client: RyhtiClient, fake: FakeRyhti
) -> None:
    outcome = client.create_matter("asemakaava", "AK-999999", _matter("AK-999999"))
    assert not outcome.ok and outcome.status == 422
    assert outcome.errors[0].rule_id == "quality__req_permanent_identifier_not_reserved"


def test_upload_sends_one_multipart_file_and_returns_its_key(
    client: RyhtiClient, fake: FakeRyhti
) -> None:
    key = client.upload_file(DATA / "selostus.pdf", municipality_id="179")
    request = fake.requests[-1]
    assert request.route == "file" and request.query == {"municipalityId": ["179"]}
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    assert b'name="file"; filename="selostus.pdf"' in request.body
    assert b"Content-Type: application/pdf" in request.body
    assert fake.files[key] == request.body
    assert (
        file_key_of('"https://x.example/api/File/3FA85F64-5717-4562-B3FC-2C963F66AFA6"')
        == "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    )


def test_health(client: RyhtiClient, fake: FakeRyhti) -> None:
    report = client.health()
    assert report.healthy and report.entries["database"]["status"] == "Healthy"
    fake.health_status = "Unhealthy"
    report = client.health()
    assert report.status == "Unhealthy" and report.http_status == 503
    assert fake.routes().count("health") == 2  # a 503 from health is an answer, not retried


def test_reserve_refusal_raises_with_problem(client: RyhtiClient, fake: FakeRyhti) -> None:
    with pytest.raises(RemoteRejected) as exc:
        client.reserve_identifier("asemakaava", "179", "")
    assert exc.value.problem.errors[0].rule_id == "quality__req_projectname_required"
    assert exc.value.exit_code == 1
