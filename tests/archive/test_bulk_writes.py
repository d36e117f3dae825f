"""Bulk writes lose nothing and write nothing twice, on both backends.

``archive add`` gathers a batch's rows across plans and writes each table once, and by
default prepares plans in a second process while this one writes. These tests hold that
to what adding plans one by one in one process gives: the same versions, the same current
version, the same rows; a batch that fails half-way leaves nothing of itself behind, and
the run resumed afterwards adds each plan exactly once.
"""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path

import pytest

import ryhti.archive.ingest as ingest
from ryhti.archive.ingest import add_files
from ryhti.archive.records import AddOptions
from ryhti.archive.store import create_store

LIFECYCLE = "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/"
OTHER_KEY = "00000000-0000-5000-8000-0000000000aa"


@pytest.fixture(params=["gpkg", "postgis"])
def new_store(request: pytest.FixtureRequest, tmp_path: Path):
    """A function making empty archives of the backend (PostGIS skips when absent)."""
    made = []

    def make(name: str):
        if request.param == "gpkg":
            store = create_store(str(tmp_path / f"{name}.gpkg"), 3879)
        else:
            url = request.getfixturevalue("postgis_url")
            store = create_store(f"{url}&schema=b{uuid.uuid4().hex[:8]}", 3879)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


def _write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _versions_and_steps(tmp_path: Path, sample_plan: Path) -> list[Path]:
    """A proposal, its correction (replaces it), the approved plan (a new version), the
    first proposal again (replaces the correction), and another plan."""
    data = json.loads(sample_plan.read_text(encoding="utf-8"))
    corrected = copy.deepcopy(data)
    corrected["planDescription"] = "Korjattu ehdotus"
    approved = copy.deepcopy(corrected)
    approved["lifeCycleStatus"] = LIFECYCLE + "13"
    other = copy.deepcopy(data)
    other["planKey"] = OTHER_KEY
    return [
        _write(tmp_path / "1-ehdotus.json", data),
        _write(tmp_path / "2-korjattu.json", corrected),
        _write(tmp_path / "3-hyvaksytty.json", approved),
        _write(tmp_path / "4-ehdotus-uudelleen.json", data),
        _write(tmp_path / "5-toinen.json", other),
    ]


def _contents(store) -> dict:
    """What the archive holds, ids aside."""
    plans = [
        (p["plan_key"], p["version"], p["lifecycle"], p["is_current"], p["content_hash"])
        for p in store.plans()
    ]
    counts = {
        table: store._all(f"SELECT count(*) AS n FROM {table}")[0]["n"]
        for table in (
            "plans",
            "plan_objects",
            "regulation_groups",
            "regulations",
            "group_objects",
            "plan_documents",
            "sources",
        )
    }
    twice = store._all(
        "SELECT plan_fid, object_index FROM plan_objects GROUP BY plan_fid, object_index "
        "HAVING count(*) > 1"
    )
    return {"plans": sorted(plans), "counts": counts, "duplicate objects": twice}


def _indexes_complete(store) -> None:
    """Every object with a geometry is in the spatial index, every regulation in the
    full-text index, and the GeoPackage's R*Tree triggers are in place."""
    if store.kind == "geopackage":
        geoms = store._all("SELECT count(*) AS n FROM plan_objects WHERE geom IS NOT NULL")
        boxes = store._all("SELECT count(*) AS n FROM rtree_plan_objects_geom")
        assert geoms[0]["n"] == boxes[0]["n"]
        terms = store._all("SELECT count(*) AS n FROM regulations_fts_docsize")
        triggers = store._all(
            "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'rtree_%_insert'"
        )
        assert triggers[0]["n"] == 2
    else:
        terms = store._all("SELECT count(*) AS n FROM regulation_terms")
    regulations = store._all("SELECT count(*) AS n FROM regulations")
    assert terms[0]["n"] == regulations[0]["n"]
    if store.kind == "postgis":  # a bulk load's indexes are back
        names = {
            r["indexname"]
            for r in store._all(
                "SELECT indexname FROM pg_indexes WHERE schemaname = ?", (store.schema,)
            )
        }
        assert {"plans_geom", "plan_objects_geom", "regulation_terms_tsv"} <= names


def test_one_batch_gives_what_one_plan_at_a_time_gives(
    new_store, tmp_path: Path, sample_plan: Path
) -> None:
    files = _versions_and_steps(tmp_path, sample_plan)
    opts = AddOptions(srid=3879, validate=False)
    one_by_one = new_store("one")
    outcomes = []
    for path in files:
        summary = add_files(one_by_one, [path], opts, jobs=1, progress=False)
        outcomes += [(r.outcome, r.version) for r in summary.results]
    assert outcomes == [
        ("added", 1),
        ("replaced", 1),
        ("version", 2),
        ("replaced", 1),
        ("added", 1),
    ]
    batched = new_store("batch")
    summary = add_files(batched, files, opts, jobs=2, progress=False)  # one batch, 2 processes
    assert [(r.outcome, r.version) for r in summary.results] == outcomes
    assert _contents(batched) == _contents(one_by_one)
    current = [p for p in batched.plans() if p["is_current"]]
    assert sorted((p["plan_key"], p["lifecycle"]) for p in current) == sorted(
        [(json.loads(files[0].read_text())["planKey"], "13"), (OTHER_KEY, "04")]
    )
    _indexes_complete(batched)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_failing_half_way_leaves_nothing_and_the_resumed_run_adds_each_plan_once(
    new_store, tmp_path: Path, sample_plan: Path, monkeypatch, jobs: int
) -> None:
    data = json.loads(sample_plan.read_text(encoding="utf-8"))
    files = []
    for i in range(5):
        plan = copy.deepcopy(data)
        plan["planKey"] = f"00000000-0000-5000-8000-00000000000{i}"
        files.append(_write(tmp_path / f"p{i}.json", plan))
    store = new_store("a")
    opts = AddOptions(srid=3879, validate=False)
    monkeypatch.setattr(ingest, "BATCH_OBJECTS", 2 * len(data["planObjects"]))  # 2 per batch
    monkeypatch.setattr(ingest, "BULK_FILES", 1)  # a bulk load: PostGIS sets indexes aside
    backend = type(store)
    real = backend._insert_regulations
    calls = {"n": 0}

    def fails_on_the_second_batch(self, rows):
        calls["n"] += 1
        if calls["n"] == 2:  # plans, objects, boxes and groups of this batch are written
            raise OSError("disk full")
        return real(self, rows)

    monkeypatch.setattr(backend, "_insert_regulations", fails_on_the_second_batch)
    with pytest.raises(OSError, match="disk full"):
        add_files(store, files, opts, jobs=jobs, progress=False)
    monkeypatch.setattr(backend, "_insert_regulations", real)
    held = _contents(store)
    n = len(data["planObjects"])
    assert held["counts"]["plans"] == 2 and held["counts"]["plan_objects"] == 2 * n
    assert held["counts"]["sources"] == 2
    _indexes_complete(store)

    summary = add_files(store, files, opts, jobs=jobs, progress=False)
    assert summary.skipped == 2
    assert [r.outcome for r in summary.results] == ["added"] * 3
    held = _contents(store)
    assert held["counts"]["plans"] == 5 and held["counts"]["plan_objects"] == 5 * n
    assert held["counts"]["sources"] == 5 and held["duplicate objects"] == []
    _indexes_complete(store)
    # and once more: everything is skipped, nothing is written
    again = add_files(store, files, opts, jobs=jobs, progress=False)
    assert again.skipped == 5 and not again.results


def test_a_bulk_load_killed_before_its_end_leaves_its_indexes_to_the_next_add(
    new_store, tmp_path: Path, sample_plan: Path
) -> None:
    from ryhti.archive.search import SearchRequest, run_search

    store = new_store("a")
    store.begin_bulk()  # … and the process is killed: the indexes are never built
    opts = AddOptions(srid=3879, validate=False)
    add_files(store, [sample_plan], opts, jobs=1, progress=False)
    _indexes_complete(store)
    store.begin_bulk()  # killed again; the next run finds nothing new to add
    assert not add_files(store, [sample_plan], opts, jobs=1, progress=False).results
    _indexes_complete(store)
    hits = run_search(store, SearchRequest(query="hulevesien viivytys"))["hits"]
    assert hits and all("Hulevedet" in h["snippet"]["text"] for h in hits)
