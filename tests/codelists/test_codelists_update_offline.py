"""``ryhti codelists update --from DIR``: reproducible, atomic, honest about what it keeps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ryhti.codelists import Registry
from ryhti.codelists.derive_value_types import parse_units
from ryhti.codelists.snapshot import write_snapshot
from ryhti.codelists.update import build_from_directory
from ryhti.errors import InputError, UsageError
from tests.codelists.conftest import SNAPSHOT, write_reference_layout
from tests.conftest import reference_path


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def _committed_date() -> str:
    return json.loads((SNAPSHOT / "index.json").read_text(encoding="utf-8"))["snapshot_date"]


@pytest.fixture
def reference_copy(tmp_path: Path) -> Path:
    """A private copy of the reference code lists, named like the original folder."""
    source = reference_path("codelists")
    target = tmp_path / "src" / "codelists"
    shutil.copytree(source, target)
    return target


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    """The committed lists in the --from layout (no reference material needed)."""
    return write_reference_layout(tmp_path / "layout" / "codelists")


def test_update_from_reference_reproduces_the_committed_snapshot(
    reference_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = write_snapshot(build_from_directory(reference_copy), out, _committed_date())
    assert result.snapshot.problems == []
    assert _files(out) == _files(SNAPSHOT)


def test_rerun_changes_nothing_not_even_the_date(layout: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write_snapshot(build_from_directory(layout), out, today="2030-01-01")
    assert first.date == "2030-01-01" and "index.json" in first.written
    before = _files(out)
    again = write_snapshot(build_from_directory(layout), out, today="2031-06-30")
    assert again.date == "2030-01-01"
    assert not again.changed and again.written == []
    assert _files(out) == before


def test_changed_source_gets_a_new_date_and_only_changed_files(
    layout: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    write_snapshot(build_from_directory(layout), out, today="2030-01-01")
    path = layout / "kaavaelinkaari.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["codes"][0]["label_en"] = "Initiative for planning"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = write_snapshot(build_from_directory(layout), out, today="2030-02-01")
    assert result.date == "2030-02-01"
    assert result.written == ["kaavaelinkaari.json", "index.json"]
    assert Registry(out)["kaavaelinkaari"]["01"].label("en") == "Initiative for planning"


def test_explicit_date_is_used_and_validated(layout: Path, tmp_path: Path) -> None:
    result = write_snapshot(build_from_directory(layout), tmp_path / "out", "2024-02-29")
    assert Registry(tmp_path / "out").snapshot_info["date"] == result.date == "2024-02-29"


def test_output_matches_the_snapshot_lists(layout: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_snapshot(build_from_directory(layout), out, _committed_date())
    for list_id in Registry(SNAPSHOT).names():
        assert (out / f"{list_id}.json").read_bytes() == (
            SNAPSHOT / f"{list_id}.json"
        ).read_bytes(), list_id


def test_tables_are_kept_when_the_source_has_no_input_for_them(
    layout: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(SNAPSHOT, out)
    snapshot = build_from_directory(layout)  # the layout has no table inputs
    assert all(doc is None for doc, _entry in snapshot.tables.values())
    write_snapshot(snapshot, out, _committed_date())
    for name in ("notation", "lifecycle_relations", "value_types"):
        assert (out / "tables" / f"{name}.json").read_bytes() == (
            SNAPSHOT / "tables" / f"{name}.json"
        ).read_bytes()
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    committed = json.loads((SNAPSHOT / "index.json").read_text(encoding="utf-8"))
    assert index["tables"] == committed["tables"]  # provenance carried over too


def test_tables_come_from_the_installed_snapshot_into_an_empty_folder(
    layout: Path, tmp_path: Path
) -> None:
    out = tmp_path / "fresh"
    write_snapshot(build_from_directory(layout), out)
    reg = Registry(out)
    assert reg.notation.by_letter("AK", "asemakaava")
    assert (out / "tables" / "value_types.json").read_bytes() == (
        SNAPSHOT / "tables" / "value_types.json"
    ).read_bytes()


def test_crs_list_falls_back_to_the_documented_code(layout: Path, tmp_path: Path) -> None:
    snapshot = build_from_directory(layout)
    crs = snapshot.lists["ETRS89"]
    assert [c["value"] for c in crs.doc["codes"]] == ["EPSG3067"]
    assert crs.entry["source"]["kind"] == "project"
    assert crs.doc["codes"][0]["labels"] == {}  # not invented
    (layout / "rakrek_ETRS89.json").write_text(
        json.dumps(
            {
                "uri": "http://uri.suomi.fi/codelist/rakrek/ETRS89",
                "name": "ETRS89",
                "codes": [
                    {"code": "EPSG3067", "label_fi": "ETRS-TM35FIN", "status": "VALID", "order": 1},
                    {"code": "EPSG3873", "label_fi": "ETRS-GK19FIN", "status": "VALID", "order": 2},
                ],
            }
        ),
        encoding="utf-8",
    )
    snapshot = build_from_directory(layout)
    crs = snapshot.lists["ETRS89"]
    assert [c["value"] for c in crs.doc["codes"]] == ["EPSG3067", "EPSG3873"]
    assert crs.entry["source"] == {
        "kind": "directory",
        "directory": "codelists",
        "file": "rakrek_ETRS89.json",
    }
    assert crs.doc["codes"][0]["uri"] == "http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067"


def test_missing_list_is_an_input_error_and_nothing_is_written(
    layout: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(SNAPSHOT, out)
    before = _files(out)
    (layout / "kaavakastap.json").unlink()
    with pytest.raises(
        InputError,
        match=r"kaavakastap is missing: expected rytj_kaavakastap\.json or kaavakastap\.json",
    ):
        build_from_directory(layout)
    assert _files(out) == before


def test_broken_source_file_names_file_and_place(layout: Path) -> None:
    (layout / "julkisuus.json").write_text('{"codes": [\n  {"code": "1",}\n]}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        build_from_directory(layout)
    assert "julkisuus.json" in str(info.value) and "line 2" in str(info.value)
    (layout / "julkisuus.json").write_text(
        json.dumps({"codes": [{"label_fi": "no code"}]}), encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"codes\[0\]: code without a 'code' value"):
        build_from_directory(layout)
    (layout / "julkisuus.json").write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(InputError, match="not a code-list file"):
        build_from_directory(layout)


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="existing directory"):
        build_from_directory(tmp_path / "nope")


def test_inconsistencies_are_reported_not_hidden(layout: Path) -> None:
    path = layout / "RY_Kaavalaji.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["codes"].append(dict(data["codes"][0]))  # duplicate code
    data["codes"][1]["parent"] = "99"  # parent that does not exist
    data["code_count"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = build_from_directory(layout).problems
    assert "RY_Kaavalaji: duplicate code '1' dropped" in problems
    assert any("unknown parent '99'" in p for p in problems)
    assert any("declares 99 codes" in p for p in problems)


def test_stale_snapshot_files_are_removed_but_nothing_else(layout: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_snapshot(build_from_directory(layout), out)
    stale = json.loads((out / "julkisuus.json").read_text(encoding="utf-8")) | {"id": "RY_Old"}
    (out / "RY_Old.json").write_text(json.dumps(stale, indent=2), encoding="utf-8")
    (out / "notes.json").write_text('{"mine": true}', encoding="utf-8")
    result = write_snapshot(build_from_directory(layout), out)
    assert result.removed == ["RY_Old.json"]
    assert (out / "notes.json").exists()


def test_tables_built_from_reference_have_no_problems(reference_copy: Path) -> None:
    snapshot = build_from_directory(reference_copy)
    assert snapshot.problems == []
    notation, _ = snapshot.tables["notation"]
    # 50 traditional entries had no codes before meanings were matched to the Katja headings
    # and the reviewed corrections applied; the 35 left match no Katja entry of their role by
    # meaning, letter or short name (/k, /v, boundary lines, "Yleisen tien näkemäalue" …)
    # and keep only their meaning.
    assert notation is not None and notation["counts"]["traditional_unmapped"] == 35
    assert notation["counts"]["corrections"] == len(notation["corrections"]) == 23


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("k-m2", ["k-m2"]),
        ("k-m3 (text) / m3 (Arho)", ["k-m3", "m3"]),
        ("ratio floor area / land area (k-m2/m2)", ["k-m2/m2"]),
        ("ratio vegetated surface / area", []),
        ("degree (°)", ["°"]),
        ("prosentti", ["%"]),
        (None, []),
    ],
)
def test_units_are_read_from_source_fields_without_guessing(
    text: str | None, units: list[str]
) -> None:
    assert parse_units(text) == units
