"""The plan archive as a background source: the plans in force around the plan area."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ryhti.cli import main
from ryhti.lahtotiedot import load_background
from ryhti.lahtotiedot.output import read_summary

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "espoo-asemakaava" / "plan.json"


def run(args: list[str]) -> int:
    try:
        main(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def _plan(folder: Path, name: str, lifecycle: str) -> Path:
    plan = json.loads(SAMPLE.read_text(encoding="utf-8"))
    plan["lifeCycleStatus"] = plan["lifeCycleStatus"].rsplit("/", 1)[0] + "/" + lifecycle
    plan["planKey"] = f"{plan['planKey'][:-4]}{lifecycle}00"
    path = folder / f"{name}.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "kaavat.gpkg"
    assert run(["archive", "init", str(path)]) == 0
    in_force = _plan(tmp_path, "voimassa", "13")  # voimassa
    proposal = _plan(tmp_path, "ehdotus", "04")  # a proposal is no plan in force
    assert run(["archive", "add", str(in_force), str(proposal), "--archive", str(path)]) in (0, 1)
    return path


def test_the_archive_gives_the_plans_in_force_and_what_they_designate(
    archive: Path, tmp_path: Path
) -> None:
    area = _plan(tmp_path, "uusi", "04")
    out = tmp_path / "lahtotiedot.gpkg"
    code = run(["lahtotiedot", str(area), "--source", f"kaavat=ARCHIVE:{archive}", "-o", str(out)])
    assert code == 0
    (row,) = read_summary(out)
    assert (row["source"], row["code"], row["status"]) == ("kaavat", "1301", "ok")
    background = load_background(out, json.loads(area.read_text(encoding="utf-8")))
    assert background.gathered == {"plans"}
    (plan,) = background.plans_in_force  # the proposal is not in force
    assert plan.level == "asemakaava"
    designations = {sign: share for sign, _, _, share in plan.designations}
    # the sample's AK blocks: 3.92 ha of the 12 ha plan area
    assert designations["AK"] == pytest.approx(3.92 / 12, abs=0.01)
    assert {"AK", "AP", "KATU"} <= set(designations)
    assert all(0 < share <= 1 for share in designations.values())


def test_the_archive_in_a_sources_file_and_an_archive_that_is_not_one(
    archive: Path, tmp_path: Path
) -> None:
    area = _plan(tmp_path, "uusi", "04")
    toml = tmp_path / "lahtotiedot.toml"
    toml.write_text(
        f'[sources.kaavat]\nservice = "archive"\nurl = "{archive}"\n'
        f'[sources.rikki]\nservice = "archive"\nurl = "{tmp_path / "ei-arkisto.gpkg"}"\n',
        encoding="utf-8",
    )
    (tmp_path / "ei-arkisto.gpkg").write_bytes(b"not a geopackage")
    out = tmp_path / "l.gpkg"
    code = run(["lahtotiedot", str(area), "--sources", str(toml), "-o", str(out)])
    assert code == 1  # one source failed: said, the other complete
    rows = {r["source"]: r for r in read_summary(out)}
    assert rows["kaavat"]["status"] == "ok" and rows["kaavat"]["features"] > 0
    assert rows["rikki"]["status"] == "failed"
