"""``ryhti submit`` and ``ryhti api``: the whole conversation with the fake Ryhti,
dry runs, the upload cache, and no secret ever in output or logs."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from ryhti.api.submit import merge_plan
from ryhti.cli import main
from tests.api import fake_ryhti
from tests.api.fake_ryhti import FakeRyhti, Fault

DATA = Path(__file__).parent / "data"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake: FakeRyhti) -> Path:
    """A folder with matter.toml, plan.json and the PDF, and the environment set for fake."""
    for name in ("matter.toml", "plan.json", "selostus.pdf"):
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RYHTI_API_URL", fake.public_url)
    monkeypatch.setenv("RYHTI_SUBSCRIPTION_KEY", fake_ryhti.SUBSCRIPTION_KEY)
    monkeypatch.setenv("RYHTI_XROAD_URL", fake.xroad_url)
    monkeypatch.setenv("RYHTI_XROAD_CLIENT", fake_ryhti.XROAD_CLIENT)
    monkeypatch.setenv("RYHTI_CLIENT_ID", fake_ryhti.CLIENT_ID)
    monkeypatch.setenv("RYHTI_CLIENT_SECRET", fake_ryhti.CLIENT_SECRET)
    monkeypatch.setenv("RYHTI_API_BACKOFF", "0")
    main(["matter", "build", "matter.toml", "plan.json", "-o", "matter.json"])
    return tmp_path


def run(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_submit_creates_then_updates_then_adds_a_phase(
    workdir: Path, fake: FakeRyhti, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("submit", "plan.json", "--matter", "matter.json") == 0
    err = capsys.readouterr().err
    assert (
        "reserved permanent identifier AK-000001" in err and "AK-000001: created the matter" in err
    )
    assert fake.routes() == [
        "authenticate",
        "reserve",
        "file",
        "get-matter",
        "validate-matter",
        "create-matter",
    ]
    stored = fake.phases[("AK-000001", next(iter(fake.phases))[1])]
    report = stored["planDecision"]["plans"][0]["planReport"]["attachmentDocuments"][0]
    assert report["fileKey"] in fake.files  # the placeholder was replaced by the server's key
    manifest = json.loads((workdir / "matter.files.json").read_text(encoding="utf-8"))
    assert manifest["files"][0]["uploaded"]["fileKey"] == report["fileKey"]

    # the same phase again: the matter exists, the phase is replaced; the file is not re-sent
    fake.requests.clear()
    assert run("submit", "plan.json", "--matter", "matter.json") == 0
    assert fake.routes() == [
        "authenticate",
        "reserve",
        "get-matter",
        "update-matter",
        "validate-phase",
        "update-phase",
    ]
    assert "updated the phase" in capsys.readouterr().err

    # the next lifecycle phase is appended
    text = (workdir / "matter.toml").read_text(encoding="utf-8")
    (workdir / "matter.toml").write_text(
        text.replace('lifecycle = "Kaavaehdotus"', 'lifecycle = "Muutettu kaavaehdotus"')
        .replace(
            'name = "Kaavaehdotuksen nähtäville asettaminen"',
            'name = "Muutetun kaavaehdotuksen nähtäville asettaminen"',
        )
        .replace(
            'date = "3.5.2024"',
            'date = "3.5.2024"\ntype = "Muutetun kaavaehdotuksen nähtäville asettaminen"',
        ),
        encoding="utf-8",
    )
    plan = json.loads((workdir / "plan.json").read_text(encoding="utf-8"))
    plan_text = json.dumps(plan).replace("/kaavaelinkaari/code/04", "/kaavaelinkaari/code/05")
    (workdir / "plan.json").write_text(plan_text, encoding="utf-8")
    assert run("matter", "build", "matter.toml", "plan.json", "-o", "matter.json") == 0
    fake.requests.clear()
    assert run("submit", "plan.json", "--matter", "matter.json") == 0
    assert fake.routes() == [
        "authenticate",
        "reserve",
        "get-matter",
        "update-matter",
        "validate-phase",
        "create-phase",
    ]
    assert len(fake.phases) == 2


def test_submit_maps_remote_errors_to_objects_and_sources(
    workdir: Path, fake: FakeRyhti, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e02"
    fake.answer(
        "validate-matter",
        422,
        {
            "status": 422,
            "title": "One or more validation errors occurred.",
            "errors": [
                {
                    "ruleId": "quality__req_geom_is_valid_detail",
                    "message": "The geometry is not valid",
                    "localizedMessage": {
                        "fi": "Geometria ei ole validi",
                        "en": "The geometry is not valid",
                    },
                    "instance": "planMatterPhases[0].planDecision.plans[0].planObjects[1].geometry",
                    "classKey": key,
                }
            ],
            "warnings": [],
        },
    )
    report = workdir / "conversion.json"
    report.write_text(
        json.dumps(
            {
                "objects": [
                    {
                        "objectKey": key,
                        "source": {"file": "kaava.gpkg", "layer": "kaavakohteet", "fid": 2},
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    code = run(
        "submit",
        "plan.json",
        "--matter",
        "matter.json",
        "--conversion-report",
        str(report),
        "--format",
        "json",
        "--lang",
        "fi",
    )
    assert code == 1
    out = capsys.readouterr()
    report_json = json.loads(out.out)
    (finding,) = report_json["findings"] if isinstance(report_json, dict) else report_json
    assert (
        finding["officialId"] == "quality__req_geom_is_valid_detail"
        and finding["origin"] == "remote"
    )
    assert finding["path"] == "$.planMatterPhases[0].planDecision.plans[0].planObjects[1].geometry"
    assert finding["objectKey"] == key and finding["message"] == "Geometria ei ole validi"
    assert finding["location"] == {"file": "kaava.gpkg", "layer": "kaavakohteet", "feature": 2}
    assert finding["geometry"]["type"] == "Polygon"
    assert "create-matter" not in fake.routes()  # nothing stored after a failed validation
    assert "matter validation failed" in out.err


def test_submit_dry_run_sends_nothing_and_shows_everything(
    workdir: Path, fake: FakeRyhti, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("submit", "plan.json", "--matter", "matter.json", "--dry-run") == 0
    out, err = capsys.readouterr()
    assert fake.requests == []
    for line in (
        "POST " + fake.xroad_url + "/api/Authenticate?clientId=test-client",
        "POST " + fake.xroad_url + "/api/LocalDetailedPlanMatter/PermanentPlanIdentifier",
        "POST " + fake.xroad_url + "/api/File?municipalityId=179",
        "POST " + fake.xroad_url + "/api/LocalDetailedPlanMatter/AK-DRYRUN/Validate",
        "POST " + fake.xroad_url + "/api/LocalDetailedPlanMatter/AK-DRYRUN",
        "Authorization: Bearer ***",
        "X-Road-Client: " + fake_ryhti.XROAD_CLIENT,
        '"projectName": "Testikaava, Kortteli 1 ja 2"',
    ):
        assert line in out, line
    assert "[dry run: nothing was sent]" in err
    assert (
        "uploaded"
        not in json.loads((workdir / "matter.files.json").read_text(encoding="utf-8"))["files"][0]
    )
    assert (
        run("submit", "plan.json", "--matter", "matter.json", "--dry-run", "--phase", "update") == 0
    )
    out = capsys.readouterr().out
    assert "PUT " + fake.xroad_url + "/api/LocalDetailedPlanMatter/AK-DRYRUN/phase/" in out


def test_api_commands(workdir: Path, fake: FakeRyhti, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("api", "health") == 0
    assert "plan service: Healthy" in capsys.readouterr().out
    fake.health_status = "Degraded"
    assert run("api", "health") == 1
    assert (
        run("api", "validate", "plan.json", "--plan-type", "Asemakaava", "--area", "Jyväskylä") == 0
    )
    assert run("api", "reserve", "--level", "AK", "--area", "Jyväskylä", "--name", "X") == 0
    assert capsys.readouterr().out.strip().endswith("AK-000001")
    assert run("api", "upload", "selostus.pdf", "--municipality", "179") == 0
    assert run("api", "get", "AK-000009") == 2
    assert "AK-000009 was not found (404)" in capsys.readouterr().err
    assert run("api", "config") == 0
    out = capsys.readouterr().out
    assert "client_secret     (set)" in out and "env RYHTI_CLIENT_SECRET" in out


def test_api_validate_reports_remote_errors(
    workdir: Path, fake: FakeRyhti, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.answer(
        "validate-plan",
        422,
        {
            "status": 422,
            "errors": [
                {"ruleId": "quality__req_a", "message": "Bad", "instance": "plan.planObjects[0]"}
            ],
        },
    )
    assert run("api", "validate", "plan.json", "--plan-type", "31", "--area", "179") == 1
    out = capsys.readouterr().out
    assert "quality__req_a" in out and "$.planObjects[0]" in out


def test_api_validate_compare_with_the_local_engine(
    workdir: Path, fake: FakeRyhti, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.answer(
        "validate-plan",
        422,
        {
            "status": 422,
            "errors": [
                {
                    "ruleId": "quality__req_geom_location_administrativearea",
                    "message": "Outside",
                    "instance": "plan.geographicalArea",
                }
            ],
        },
    )
    assert (
        run("api", "validate", "plan.json", "--plan-type", "31", "--area", "179", "--compare") == 1
    )
    err = capsys.readouterr().err
    assert "Local and remote validation:" in err
    assert (
        "Found by Ryhti, missed by the local engine:" in err
        and "quality__req_geom_location_administrativearea" in err
    )


def test_missing_settings_are_clear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for var in (
        "RYHTI_XROAD_URL",
        "RYHTI_CLIENT_ID",
        "RYHTI_CLIENT_SECRET",
        "RYHTI_SUBSCRIPTION_KEY",
        "RYHTI_CONFIG",
    ):
        monkeypatch.delenv(var, raising=False)
    assert run("api", "health") == 2
    assert "RYHTI_XROAD_URL" in capsys.readouterr().err
    shutil.copy(DATA / "plan.json", "plan.json")
    assert run("api", "validate", "plan.json", "--plan-type", "31", "--area", "179") == 2
    assert "RYHTI_SUBSCRIPTION_KEY" in capsys.readouterr().err
    (tmp_path / "ryhti.toml").write_text(
        '[api]\nxroad_url = "http://127.0.0.1:9/x"\ntimeuot = 3\n', encoding="utf-8"
    )
    assert run("api", "health") == 2
    assert "unknown setting 'timeuot'" in capsys.readouterr().err


def test_config_file_and_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ryhti.api.config import load_config

    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.txt").write_text("file-secret-value\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ryhti.api]\nxroad_url = "https://ss.example/r1/FI/GOV/0996189-5/Ryhti-Syke-service/planService/"\n'
        'client_id = "from-file"\nclient_secret_file = "secret.txt"\nretries = 5\n',
        encoding="utf-8",
    )
    config = load_config(env={"RYHTI_CLIENT_ID": "from-env"})
    assert config.xroad_url.endswith("/planService") and config.retries == 5
    assert config.client_id == "from-env" and config.client_secret.reveal() == "file-secret-value"
    assert "file-secret-value" not in repr(config) and f"{config.client_secret}" == "***"
    assert load_config(env={}, retries=1).retries == 1


def test_merge_plan_keeps_built_documents() -> None:
    from ryhti.matter import build_matter

    payload = build_matter(DATA / "matter.toml", DATA / "plan.json").payload
    plan = json.loads((DATA / "plan.json").read_text(encoding="utf-8"))
    plan["planDescription"] = "new text"
    assert merge_plan(payload, plan).startswith("replaced plan")
    merged = payload["planMatterPhases"][0]["planDecision"]["plans"][0]
    assert merged["planDescription"] == "new text" and "planReport" in merged
    plan["planKey"] = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(Exception, match="differs from the one in the matter"):
        merge_plan(payload, plan)


# -- secrets ------------------------------------------------------------------------------------

SECRETS = (fake_ryhti.SUBSCRIPTION_KEY, fake_ryhti.CLIENT_SECRET)


def test_no_secret_ever_appears_in_output_or_logs(
    workdir: Path,
    fake: FakeRyhti,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    issued: list[str] = []
    runs = [
        ("submit", "plan.json", "--matter", "matter.json", "--dry-run"),
        ("submit", "plan.json", "--matter", "matter.json"),
        ("submit", "plan.json", "--matter", "matter.json", "--format", "json"),
        ("api", "validate", "plan.json", "--plan-type", "31", "--area", "179", "--dry-run"),
        ("api", "validate", "plan.json", "--plan-type", "31", "--area", "179"),
        ("api", "health"),
        ("api", "config"),
        ("api", "get", "AK-000001"),
    ]
    for args in runs:
        run(*args)
        issued.extend(fake.tokens)
    issued_before_echo = len(fake.tokens)
    # failures: an echoing server, a refused login, an unreachable service
    fake.script(
        "validate-plan",
        Fault(status=500, body={"detail": f"echo {fake_ryhti.SUBSCRIPTION_KEY}"}),
        *[Fault(status=500, body={"detail": f"echo {fake_ryhti.SUBSCRIPTION_KEY}"})] * 3,
    )
    run("api", "validate", "plan.json", "--plan-type", "31", "--area", "179")
    fake.script("get-matter", Fault(status=200, raw=b"ECHO", headers={"Content-Type": "text/html"}))
    run("api", "get", "AK-000001")
    issued.extend(fake.tokens)
    assert len(fake.tokens) > issued_before_echo
    fake.expire_tokens()
    fake.script(
        "authenticate", Fault(status=401, body={"detail": f"bad secret {fake_ryhti.CLIENT_SECRET}"})
    )
    run("api", "get", "AK-000001")
    out = capsys.readouterr()
    text = out.out + out.err + caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert issued and "AK-000001" in text and "Bearer ***" in text
    for secret in (*SECRETS, *issued):
        assert secret not in text
    assert "Traceback" not in text
