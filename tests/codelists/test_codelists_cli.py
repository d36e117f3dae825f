"""``ryhti codelists list|show|update`` through the real entry point (exit codes included)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ryhti.cli import main
from ryhti.codelists import SNAPSHOT_ENV, Registry, registry
from tests.codelists.conftest import SNAPSHOT, write_reference_layout


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``ryhti ARGS``; return (exit code, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _fresh_registry() -> None:
    registry.cache_clear()
    yield
    registry.cache_clear()


def test_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "codelists", "list")
    assert code == 0
    date = Registry(SNAPSHOT).snapshot_info["date"]
    assert f"snapshot of {date}: 22 lists" in out
    line = next(line for line in out.splitlines() if line.startswith("RY_Kaavamaarayslaji "))
    assert "268" in line and "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji" in line
    assert "(5 with unknown fields)" in line


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "codelists", "list", "--format", "json")
    assert code == 0
    data = json.loads(out)
    rows = {row["id"]: row for row in data["lists"]}
    assert rows["kunta_1_20240101"]["count"] == 309
    assert rows["ETRS89"]["uri"] == "http://uri.suomi.fi/codelist/rakrek/ETRS89"
    assert all(row["snapshot_date"] == data["snapshot_date"] for row in rows.values())


def test_show_asuinkerrostaloalue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "codelists", "show", "RY_Kaavamaarayslaji", "asuinkerrostaloalue")
    assert code == 0, err
    assert "label fi     Asuinkerrostaloalue" in out
    assert "label sv     Område för flervåningshus" in out
    assert "label en     Area of residential block of flats" in out
    assert "letter code  AK" in out
    assert "parent       asumisenAlue — Asumisen alue" in out
    assert "status       VALID" in out
    assert (
        "URI          http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji/code/asuinkerrostaloalue"
        in out
    )
    assert "description" in out


@pytest.mark.parametrize(
    "ref",
    [
        "AK",
        "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji/code/asuinkerrostaloalue",
        "Asuinkerrostaloalue",
    ],
)
def test_show_code_by_letter_uri_or_label(capsys: pytest.CaptureFixture[str], ref: str) -> None:
    code, out, _ = run(
        capsys, "codelists", "show", "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji", ref
    )
    assert code == 0
    assert out.startswith("asuinkerrostaloalue — Asuinkerrostaloalue")


def test_show_code_json_with_ancestors_and_children(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "codelists",
        "show",
        "RY_Kaavamaarayslaji",
        "erillistenAsuinpientalojenAlue",
        "--format",
        "json",
        "--lang",
        "en",
    )
    assert code == 0
    data = json.loads(out)
    assert data["parent"] == "asuinpientaloalue"
    assert [a["value"] for a in data["ancestors"]] == ["asuinpientaloalue", "asumisenAlue"]
    assert data["ancestors"][1]["label"] == "Housing area"
    assert data["labels"]["sv"] and data["short_name"] == "AO" and data["usable"] is True

    code, out, _ = run(
        capsys, "codelists", "show", "RY_Kaavamaarayslaji", "asumisenAlue", "--format", "json"
    )
    children = [c["value"] for c in json.loads(out)["children"]]
    assert "asuinkerrostaloalue" in children


def test_show_municipality_by_alias_and_label(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "codelists", "show", "municipalities", "tampere", "--lang", "sv")
    assert code == 0
    assert out.startswith("837 — Tammerfors")


def test_show_unknown_code_marks_what_is_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "codelists", "show", "RY_Kaavamaarayslaji", "sauna")
    assert code == 0
    assert out.splitlines()[0] == "sauna"
    assert "label fi     (none in the snapshot)" in out
    assert "unknown      labels, status" in out


def test_show_superseded_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "codelists", "show", "RY_Kaavalaji", "39")
    assert code == 0 and "SUPERSEDED (not for new data)" in out


def test_show_list_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "codelists", "show", "RY_Kaavalaji", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "RY_Kaavalaji — Plan type"
    assert any(line.startswith("  31 ") and "Local detailed plan" in line for line in lines)
    code, out, _ = run(capsys, "codelists", "show", "kaavaelinkaari", "--format", "json")
    assert [c["value"] for c in json.loads(out)["codes"]][:3] == ["01", "02", "03"]


def test_unknown_list_exits_2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "codelists", "show", "RY_Kaavamaaryslaji")
    assert code == 2 and out == ""
    assert "no code list 'RY_Kaavamaaryslaji'" in err and "did you mean RY_Kaavamaarayslaji" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_unknown_code_exits_2_with_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "codelists", "show", "RY_Kaavamaarayslaji", "asuinkerrostalolue")
    assert code == 2
    assert (
        "no code 'asuinkerrostalolue' in RY_Kaavamaarayslaji" in err
        and "asuinkerrostaloalue" in err
    )


def test_ambiguous_letter_code_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "codelists", "show", "RY_Kaavamaarayslaji", "A")
    assert code == 2
    assert "ambiguous" in err and "asumisenAlue" in err and "taajamatoimintojenAlue" in err


def test_update_offline_through_the_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = write_reference_layout(tmp_path / "src" / "codelists")
    out = tmp_path / "out"
    shutil.copytree(SNAPSHOT, out)
    date = Registry(SNAPSHOT).snapshot_info["date"]
    code, stdout, err = run(
        capsys, "codelists", "update", "--from", str(source), "--out", str(out), "--date", date
    )
    assert code == 0, err
    # same codes, so only index.json changes (this source carries no upstream provenance)
    assert f"wrote 1 file(s) to {out}; snapshot date {date}" in stdout
    for name in ("RY_Kaavamaarayslaji.json", "tables/notation.json"):
        assert (out / name).read_bytes() == (SNAPSHOT / name).read_bytes()
    code, stdout, _ = run(capsys, "codelists", "update", "--from", str(source), "--out", str(out))
    assert code == 0 and f"is up to date (snapshot date {date})" in stdout
    assert "kept as they were: lifecycle_relations, notation, value_types" in err


def test_update_uses_the_snapshot_it_wrote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_reference_layout(tmp_path / "src" / "codelists")
    (source / "julkisuus.json").unlink()
    code, _, err = run(
        capsys, "codelists", "update", "--from", str(source), "--out", str(tmp_path / "out")
    )
    assert code == 2 and "julkisuus is missing" in err
    write_reference_layout(source)
    out = tmp_path / "out"
    code, stdout, _ = run(
        capsys,
        "codelists",
        "update",
        "--from",
        str(source),
        "--out",
        str(out),
        "--date",
        "2031-01-31",
    )
    assert code == 0 and "snapshot date 2031-01-31" in stdout
    monkeypatch.setenv(SNAPSHOT_ENV, str(out))
    code, stdout, _ = run(capsys, "codelists", "list")
    assert "snapshot of 2031-01-31" in stdout


def test_update_online_through_the_cli(
    capsys: pytest.CaptureFixture[str], api_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(
        capsys, "codelists", "update", "--url", api_url, "--out", str(out), "--date", "2030-05-05"
    )
    assert code == 0, err
    assert "wrote" in stdout and "2030-05-05" in stdout
    assert len(Registry(out)["RY_Kaavamaarayslaji"]) == 268


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "x", "--url", "http://example.invalid"], "either --from DIR or --url BASE"),
        (["--from", "x", "--date", "2024-13-01"], "--date must be YYYY-MM-DD"),
        (["--from", "/no/such/dir"], "--from must be an existing directory"),
        (["--timeout", "0"], "--timeout must be a positive number"),
    ],
)
def test_update_usage_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "codelists", "update", "--out", str(tmp_path / "out"), *args)
    assert code == 2
    assert message in err
    assert not (tmp_path / "out").exists()


def test_update_network_failure_exits_2(
    capsys: pytest.CaptureFixture[str], api_url: str, fake_koodistot, tmp_path: Path
) -> None:
    fake_koodistot.failures["/RY_Kaavalaji/codes"] = [502] * 10
    code, _, err = run(
        capsys, "codelists", "update", "--url", api_url, "--out", str(tmp_path / "out")
    )
    assert code == 2
    assert "HTTP 502" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
