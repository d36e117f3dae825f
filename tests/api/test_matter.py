"""``ryhti matter init`` / ``matter build``: golden files, codes by name, lifecycle rules."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from ryhti.cli import main
from ryhti.errors import InputError
from ryhti.matter import build_matter, init_template, manifest_path
from ryhti.model import PlanMatterCreate

DATA = Path(__file__).parent / "data"
REGEN = bool(os.environ.get("RYHTI_REGEN_GOLDEN"))


def _golden(name: str, text: str) -> None:
    path = DATA / name
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs (RYHTI_REGEN_GOLDEN=1 rewrites it)"
    )


def test_init_template_is_golden_and_builds() -> None:
    text = init_template(name="Testikaava", municipality="Jyväskylä", today=dt.date(2024, 5, 2))
    _golden("matter_init.golden.toml", text)
    assert "permanent_plan_identifier" in text and "# päätöspäivä" in text


def test_init_template_builds_against_a_proposal_plan(tmp_path: Path) -> None:
    toml = tmp_path / "matter.toml"
    toml.write_text(
        init_template(name="T", municipality="179", today=dt.date(2024, 5, 2)), encoding="utf-8"
    )
    built = build_matter(toml, DATA / "plan.json")
    phase = built.payload["planMatterPhases"][0]
    assert phase["planDecision"]["name"].endswith("/kaavpaatnimi/code/08")
    assert phase["handlingEvent"]["handlingEventType"].endswith("/kaavakastap/code/07")


def test_build_is_golden() -> None:
    built = build_matter(DATA / "matter.toml", DATA / "plan.json")
    text = json.dumps(built.payload, ensure_ascii=False, indent=2) + "\n"
    _golden("matter.golden.json", text)
    manifest = built.manifest(relative_to=DATA)
    assert manifest["files"] == [
        {
            "fileKey": built.payload["planMatterPhases"][0]["planDecision"]["plans"][0][
                "planReport"
            ]["attachmentDocuments"][0]["fileKey"],
            "file": "selostus.pdf",
            "sha256": manifest["files"][0]["sha256"],
            "contentType": "application/pdf",
            "key": "documents[0]",
        }
    ]


def test_build_chooses_codes_by_finnish_names() -> None:
    payload = build_matter(DATA / "matter.toml", DATA / "plan.json").payload
    base = "http://uri.suomi.fi/codelist/rytj/"
    assert payload["planType"] == base + "RY_Kaavalaji/code/31"  # leaf, not header 3
    assert payload["administrativeAreaIdentifiers"] == ["179"]  # Jyväskylä
    assert payload["digitalOrigin"] == base + "RY_DigitaalinenAlkupera/code/01"
    phase = payload["planMatterPhases"][0]
    assert phase["lifeCycleStatus"] == base + "kaavaelinkaari/code/04"
    decision = phase["planDecision"]
    assert decision["typeOfDecisionMaker"] == base + "PaatoksenTekija/code/02"
    assert decision["dateOfDecision"] == decision["decisionDate"] == "2024-05-02"
    # the handling event was not written: it follows from the decision
    assert phase["handlingEvent"]["handlingEventType"] == base + "kaavakastap/code/07"
    assert phase["handlingEvent"]["eventTime"] == "2024-05-03"  # written 3.5.2024
    event = phase["interactionEvents"][0]
    assert event["interactionEventType"] == base + "RY_KaavanVuorovaikutustapahtumanLaji/code/01"
    # dates are whole days in Finland (EEST, UTC+3)
    assert event["eventTime"] == {"begin": "2024-05-05T21:00:00Z", "end": "2024-06-05T20:59:59Z"}
    notice = phase["handlingEvent"]["relatedDocuments"][0]
    assert notice["retentionTime"] == base + "sailytysaika/code/020302"
    assert notice["languages"] == [base + "ryhtikielet/code/fi", base + "ryhtikielet/code/sv"]
    # the plan travels in the decision, with its boundary as the phase's
    plan = decision["plans"][0]
    assert plan["planKey"] == "0b7e6a52-3c1d-4d8e-9f21-5a6b7c8d9e01"
    assert phase["geographicalArea"] == plan["geographicalArea"]


def test_build_is_a_valid_matter_and_stable() -> None:
    a = build_matter(DATA / "matter.toml", DATA / "plan.json").payload
    b = build_matter(DATA / "matter.toml", DATA / "plan.json").payload
    assert a == b  # keys are uuid5: the same input gives the same keys
    doc = PlanMatterCreate.from_json(a)
    assert doc.to_json() == a
    assert not list(doc.unknown_properties())


def test_build_payload_meets_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from tests.conftest import reference_path
    from tests.model.test_schema_conformance import FORMATS, _convert

    spec = json.loads(
        reference_path("ryhti", "openapi", "planService-OpenApi.json").read_text(encoding="utf-8")
    )
    comps = spec["components"]["schemas"]
    schema = {
        "$ref": "#/$defs/PlanMatterCreate",
        "$defs": {n: _convert(s, comps) for n, s in comps.items()},
    }
    payload = build_matter(DATA / "matter.toml", DATA / "plan.json").payload
    payload["permanentPlanIdentifier"] = "AK-000001"
    errors = [
        e.message
        for e in jsonschema.Draft202012Validator(schema, format_checker=FORMATS).iter_errors(
            payload
        )
    ]
    assert not errors


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = (DATA / "matter.toml").read_text(encoding="utf-8")
    assert old in text
    shutil.copy(DATA / "selostus.pdf", tmp_path / "selostus.pdf")
    path = tmp_path / "matter.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(
        i
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    )


def test_decision_of_another_lifecycle_names_the_line_and_key(tmp_path: Path) -> None:
    path = _variant(
        tmp_path, 'name = "Kaavaehdotuksen nähtäville asettaminen"', 'name = "Kaavan hyväksyminen"'
    )
    with pytest.raises(InputError) as exc:
        build_matter(path, DATA / "plan.json")
    line = _line_of(path, 'name = "Kaavan hyväksyminen"')
    assert exc.value.where == f"line {line}, phase.decision.name"
    text = str(exc.value)
    assert "'Kaavan hyväksyminen' does not belong to lifecycle 'Kaavaehdotus'" in text
    assert "allowed: 'Kaavaehdotuksen nähtäville asettaminen'" in text


def test_handling_event_of_another_lifecycle_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, "# type left out", 'type = "Kaavan hyväksyminen"  #')
    with pytest.raises(InputError) as exc:
        build_matter(path, DATA / "plan.json")
    line = _line_of(path, 'type = "Kaavan hyväksyminen"')
    assert exc.value.where == f"line {line}, phase.handling.type"


def test_missing_required_interaction_event_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, 'type = "Nähtävilläolo"', 'type = "Neuvottelu"')
    with pytest.raises(InputError) as exc:
        build_matter(path, DATA / "plan.json")
    assert "phase.interaction[0].type" in exc.value.where
    assert "'Neuvottelu' does not belong to lifecycle 'Kaavaehdotus'" in str(exc.value)


def test_unknown_key_and_bad_name_suggest_the_right_one(tmp_path: Path) -> None:
    path = _variant(tmp_path, "decision_maker =", "decison_maker =")
    with pytest.raises(InputError) as exc:
        build_matter(path, DATA / "plan.json")
    assert "unknown key 'decison_maker'" in str(
        exc.value
    ) and "did you mean 'decision_maker'" in str(exc.value)
    path = _variant(tmp_path, 'lifecycle = "Kaavaehdotus"', 'lifecycle = "Kaavaehdotuss"')
    with pytest.raises(InputError) as exc:
        build_matter(path, DATA / "plan.json")
    assert "did you mean 'Kaavaehdotus'" in str(exc.value)
    assert exc.value.where.endswith("phase.lifecycle")


def test_ambiguous_name_lists_the_candidates(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        'retention = "10 vuotta > Päätöksen antopäivä"',
        'retention = "Päätöksen antopäivä"',
    )
    with pytest.raises(InputError) as exc:
        build_matter(path, DATA / "plan.json")
    assert "names several codes of sailytysaika" in str(exc.value) and "'10 vuotta'" in str(
        exc.value
    )


def test_plan_of_another_lifecycle_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, 'lifecycle = "Kaavaehdotus"', 'lifecycle = "Valmistelu"')
    with pytest.raises(InputError) as exc:
        build_matter(path, DATA / "plan.json")
    assert "the plan's lifeCycleStatus is 'Kaavaehdotus'" in str(exc.value)


def test_missing_file_and_bad_date(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        'file = "selostus.pdf"\nname = "Kaavaselostus"',
        'file = "puuttuu.pdf"\nname = "Kaavaselostus"',
    )
    with pytest.raises(InputError, match="no such file"):
        build_matter(path, DATA / "plan.json")
    path = _variant(tmp_path, "initiation_date = 2024-01-15", 'initiation_date = "eilen"')
    with pytest.raises(InputError, match="must be a date"):
        build_matter(path, DATA / "plan.json")


def test_cli_init_and_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    main(["matter", "init", "--name", "Testikaava", "--municipality", "Jyväskylä"])
    assert Path("matter.toml").read_text(encoding="utf-8").startswith("# Kaava-asia")
    with pytest.raises(SystemExit) as exc:
        main(["matter", "init"])
    assert exc.value.code == 2
    shutil.copy(DATA / "matter.toml", "matter.toml")
    shutil.copy(DATA / "selostus.pdf", "selostus.pdf")
    main(["matter", "build", "matter.toml", str(DATA / "plan.json"), "-o", "out/matter.json"])
    payload = json.loads(Path("out/matter.json").read_text(encoding="utf-8"))
    assert payload == json.loads((DATA / "matter.golden.json").read_text(encoding="utf-8"))
    manifest = json.loads(manifest_path("out/matter.json").read_text(encoding="utf-8"))
    assert manifest["files"][0]["file"] == "../selostus.pdf"


def test_cli_build_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _variant(
        tmp_path, 'name = "Kaavaehdotuksen nähtäville asettaminen"', 'name = "Kaavan hyväksyminen"'
    )
    with pytest.raises(SystemExit) as exc:
        main(
            ["matter", "build", str(path), str(DATA / "plan.json"), "-o", str(tmp_path / "m.json")]
        )
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "phase.decision.name" in err and "Traceback" not in err


def test_plan_map_geotiff_goes_into_the_plan(tmp_path: Path) -> None:
    path = _variant(tmp_path, "[phase]\n", '[[plan_maps]]\nfile = "kartta.tif"\n\n[phase]\n')
    (tmp_path / "kartta.tif").write_bytes(b"II*\x00 tiny stand-in for a GeoTIFF")
    built = build_matter(path, DATA / "plan.json")
    plan = built.payload["planMatterPhases"][0]["planDecision"]["plans"][0]
    (plan_map,) = plan["planMaps"]
    assert (
        plan_map["coordinateSystem"] == "http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067"
    )
    assert plan_map["name"] == {"fin": "Kaavakartta"}
    tiff = next(f for f in built.files if f["fileKey"] == plan_map["fileKey"])
    assert tiff["contentType"] == "image/tiff"
    path = _variant(tmp_path, "[phase]\n", '[[plan_maps]]\nfile = "selostus.pdf"\n\n[phase]\n')
    with pytest.raises(InputError, match="GeoTIFF"):
        build_matter(path, DATA / "plan.json")
