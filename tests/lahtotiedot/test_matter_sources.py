"""The gathered data becomes the plan matter's source data, and the matter stays valid."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ryhti.cli import main
from ryhti.lahtotiedot import load_source_records
from ryhti.validators import validate

API_DATA = Path(__file__).parents[1] / "api" / "data"
CONTEXT = Path(__file__).parents[1] / "validators" / "fixtures" / "data" / "context.gpkg"
TYPE = "http://uri.suomi.fi/codelist/rytj/RY_LahtotietoaineistonLaji/code/"


def test_source_records_of_the_gathered_file() -> None:
    records = load_source_records(CONTEXT)
    assert [(r.name, r.kind_code, r.fetched) for r in records] == [
        ("natura", "08", "2026-01-01"),
        ("tulva", "16", "2026-01-01"),
        ("muinaisjaannos", "06", "2026-01-01"),
        ("yleiskaava", "1301", "2026-01-01"),
    ]


def test_matter_build_records_the_sources_and_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(API_DATA / "matter.toml", "matter.toml")
    shutil.copy(API_DATA / "selostus.pdf", "selostus.pdf")
    args = ["matter", "build", "matter.toml", str(API_DATA / "plan.json")]
    main([*args, "-o", "plain.json"])
    main([*args, "-o", "matter.json", "--lahtotiedot", str(CONTEXT)])
    plain = json.loads(Path("plain.json").read_text(encoding="utf-8"))
    payload = json.loads(Path("matter.json").read_text(encoding="utf-8"))
    sources = payload.pop("sourceDatas")
    assert payload == plain  # nothing else changes
    assert [s["type"] for s in sources] == [TYPE + c for c in ("08", "16", "06", "1301")]
    assert sources[0]["name"] == {
        "fin": "natura (haettu 1.1.2026)",
        "swe": "natura (hämtad 1.1.2026)",
    }
    assert "additionalInformationLink" not in sources[0]  # a local file is no link
    assert len({s["planSourceDataKey"] for s in sources}) == 4
    # stable keys: building again gives the same keys
    main([*args, "-o", "again.json", "--lahtotiedot", str(CONTEXT)])
    again = json.loads(Path("again.json").read_text(encoding="utf-8"))
    assert again["sourceDatas"] == sources

    # the existing rules find nothing more in the matter with its source data than without
    def found(doc: dict) -> list[tuple[str, str]]:
        return sorted((f.rule, f.path) for f in validate(doc, kind="matter").findings)

    with_sources = json.loads(Path("matter.json").read_text(encoding="utf-8"))
    assert found(with_sources) == found(plain)
    # and a wrong code would be caught by them
    bad = json.loads(Path("matter.json").read_text(encoding="utf-8"))
    bad["sourceDatas"][0]["type"] = TYPE + "99"
    extra = set(found(bad)) - set(found(plain))
    assert extra and all("sourceDatas[0]" in path for _, path in extra), extra
