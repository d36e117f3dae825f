"""The GeoPackage archive: add (idempotent, versions, resume), list/show/remove, search, here."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

from ryhti.archive.here import HereRequest, run_here
from ryhti.archive.ingest import add_files
from ryhti.archive.records import AddOptions
from ryhti.archive.search import SearchRequest, run_search
from ryhti.archive.store import create_store, open_store
from ryhti.errors import InputError
from tests.archive.conftest import ROOT, add_kaavamuutos, run

LIFECYCLE = "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/"


def _write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def sample_archive(tmp_path: Path, sample_plan: Path):
    store = create_store(str(tmp_path / "kaavat.gpkg"), 3879)
    add_files(
        store,
        [sample_plan],
        AddOptions(srid=3879, plan_type="31", municipality="049"),
        progress=False,
    )
    yield store
    store.close()


def _keys(result: dict) -> list[tuple[str, str | None]]:
    return [(h["plan"]["planKey"], h["regulation"]["key"]) for h in result["hits"]]


# -- adding -----------------------------------------------------------------------------


def test_add_is_idempotent_and_keeps_versions(tmp_path: Path, sample_plan: Path) -> None:
    store = create_store(str(tmp_path / "a.gpkg"), 3879)
    opts = AddOptions(srid=3879, validate=False)
    data = json.loads(sample_plan.read_text(encoding="utf-8"))
    first = add_files(store, [sample_plan], opts, resume=False, progress=False)
    again = add_files(store, [sample_plan], opts, resume=False, progress=False)
    assert [r.outcome for r in first.results] == ["added"]
    assert [r.outcome for r in again.results] == ["unchanged"]
    corrected = copy.deepcopy(data)
    corrected["planDescription"] = "Korjattu ehdotus"
    fixed = add_files(store, [_write(tmp_path / "fix.json", corrected)], opts, progress=False)
    assert [(r.outcome, r.version) for r in fixed.results] == [("replaced", 1)]
    approved = copy.deepcopy(corrected)
    approved["lifeCycleStatus"] = LIFECYCLE + "13"
    newer = add_files(store, [_write(tmp_path / "v2.json", approved)], opts, progress=False)
    assert [(r.outcome, r.version) for r in newer.results] == [("version", 2)]
    # adding the proposal again later does not make it current: the process order decides
    add_files(store, [sample_plan], opts, resume=False, progress=False)
    versions = store.plans({"plan_key": data["planKey"]})
    assert [(v["version"], v["lifecycle"], v["is_current"]) for v in versions] == [
        (1, "04", 0),
        (2, "13", 1),
    ]
    assert store.stats()["objects"] == 2 * len(data["planObjects"])
    store.close()


def test_resume_after_interruption_writes_nothing_twice(
    tmp_path: Path, sample_plan: Path, monkeypatch
) -> None:
    import ryhti.archive.ingest as ingest

    data = json.loads(sample_plan.read_text(encoding="utf-8"))
    files = []
    for i in range(5):
        copy_i = copy.deepcopy(data)
        copy_i["planKey"] = f"00000000-0000-5000-8000-00000000000{i}"
        files.append(_write(tmp_path / f"p{i}.json", copy_i))
    store = create_store(str(tmp_path / "a.gpkg"), 3879)
    opts = AddOptions(srid=3879, validate=False)
    monkeypatch.setattr(ingest, "BATCH_OBJECTS", 1)  # commit after every file
    real_add = type(store).add
    calls = {"n": 0}

    def flaky(self, plans, sources=()):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_add(self, plans, sources)

    monkeypatch.setattr(type(store), "add", flaky)
    with pytest.raises(KeyboardInterrupt):
        add_files(store, files, opts, progress=False)
    monkeypatch.setattr(type(store), "add", real_add)
    assert store.stats()["plans"] == 2
    summary = add_files(store, files, opts, progress=False)
    assert summary.skipped == 2
    assert [r.outcome for r in summary.results] == ["added"] * 3
    assert store.stats()["plans"] == 5 and store.stats()["versions"] == 5
    store.close()


def test_a_plan_that_does_not_validate_is_archived_and_flagged(
    tmp_path: Path, sample_plan: Path, capsys
) -> None:
    data = json.loads(sample_plan.read_text(encoding="utf-8"))
    data["planObjects"][0]["lifeCycleStatus"] = LIFECYCLE + "99"
    data["planRegulationGroups"][0]["planRegulations"][0]["type"] += "-ei-koodi"
    bad = _write(tmp_path / "rikki.json", data)
    archive = str(tmp_path / "a.gpkg")
    assert run(["archive", "init", archive, "--srid", "3879"], capsys)[0] == 0
    code, out, err = run(
        ["archive", "add", str(bad), "--archive", archive, "--plan-type", "31"], capsys
    )
    assert code == 0, err
    assert "added 1 plans" in out
    assert "flagged: " in err and "does not validate" in err
    code, out, _ = run(["archive", "list", "--archive", archive, "--format", "json"], capsys)
    plan = json.loads(out)["plans"][0]
    assert plan["valid"] == 0 and plan["error_count"] >= 2
    assert {f["rule"] for f in plan["findings"]} and all(f["severity"] for f in plan["findings"])
    # and it can still be searched
    assert run(["search", "julkisivu", "--archive", archive], capsys)[0] == 0


def test_bad_files_are_reported_and_the_rest_goes_in(
    tmp_path: Path, sample_plan: Path, capsys
) -> None:
    archive = str(tmp_path / "a.gpkg")
    run(["archive", "init", archive], capsys)
    broken = tmp_path / "broken.json"
    broken.write_text('{"planKey": "x", "planKey": "y"}', encoding="utf-8")
    matter = tmp_path / "not-a-plan.json"
    matter.write_text('{"srid": "3067", "geometry": null}', encoding="utf-8")
    code, out, err = run(
        [
            "archive",
            "add",
            str(broken),
            str(matter),
            str(sample_plan),
            "--archive",
            archive,
            "--no-validate",
        ],
        capsys,
    )
    assert code == 2
    assert "added 1 plans" in out
    assert "duplicate key 'planKey'" in err and "not a plan or a plan matter" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "content", [b"this is not a database", b"SQLite format 3\x00" + b"\x07" * 5000]
)
def test_a_corrupt_archive_file_is_one_clear_error(tmp_path: Path, capsys, content: bytes) -> None:
    bad = tmp_path / "rikki.gpkg"
    bad.write_bytes(content)
    code, _out, err = run(["search", "hulevesi", "--archive", str(bad)], capsys)
    assert code == 2
    assert err.count("\n") == 1 and str(bad) in err and "Traceback" not in err
    assert "not an archive" in err or "damaged" in err or "cannot be read" in err


def test_a_truncated_archive_is_one_clear_error(tmp_path: Path, sample_archive, capsys) -> None:
    path = Path(sample_archive.location)
    sample_archive.close()
    data = path.read_bytes()
    cut = tmp_path / "cut.gpkg"
    cut.write_bytes(data[: len(data) // 3])
    code, _, err = run(["here", "25487050,6673050", "--archive", str(cut)], capsys)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    with pytest.raises(InputError):
        open_store(str(tmp_path / "missing.gpkg"))


def test_concurrent_adds_from_two_processes_lose_nothing(tmp_path: Path, sample_plan: Path) -> None:
    data = json.loads(sample_plan.read_text(encoding="utf-8"))
    folders = [tmp_path / "a", tmp_path / "b"]
    expected = set()
    for n, folder in enumerate(folders):
        folder.mkdir()
        for i in range(12):
            item = copy.deepcopy(data)
            item["planKey"] = f"00000000-0000-5000-8000-{n:04d}{i:08d}"
            expected.add(item["planKey"])
            _write(folder / f"p{i}.json", item)
        shutil.copy(sample_plan, folder / "shared.json")  # the same plan from both sides
    expected.add(data["planKey"])
    archive = tmp_path / "yhteinen.gpkg"
    create_store(str(archive), 3879).close()
    env_cmd = [
        sys.executable,
        "-m",
        "ryhti",
        "archive",
        "add",
        "--archive",
        str(archive),
        "--no-validate",
    ]
    procs = [
        subprocess.Popen(
            [*env_cmd, str(folder)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with open_store(str(archive)) as store:
        plans = store.plans()
        assert {p["plan_key"] for p in plans} == expected
        assert len(plans) == len(expected)  # the shared plan once
        assert store.stats()["objects"] == len(expected) * len(data["planObjects"])


# -- the GeoPackage itself ----------------------------------------------------------------


def test_optimize_waits_for_another_writer(tmp_path: Path) -> None:
    """The statistics refresh at the end of `archive add` takes the write lock first and
    waits for it. Run in autocommit, PRAGMA optimize upgraded a read to a write, which SQLite
    refuses at once when another writer committed in between: one of two concurrent adds
    failed with "database is locked" about once in 20 runs under load (0 in 100 since)."""
    import sqlite3
    import threading
    import time

    archive = tmp_path / "a.gpkg"
    create_store(str(archive), 3879).close()
    other = sqlite3.connect(str(archive), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO archive_meta VALUES ('held', '1')")
    released = threading.Event()

    def release() -> None:
        time.sleep(0.3)
        other.execute("COMMIT")
        released.set()

    threading.Thread(target=release).start()
    with open_store(str(archive)) as store:
        store.optimize()  # waits for the other writer instead of failing
        assert released.is_set()
        assert not store.conn.in_transaction
    other.close()


def test_the_archive_is_a_geopackage_qgis_opens(sample_archive) -> None:
    import pyogrio

    path = sample_archive.location
    layers = dict(pyogrio.list_layers(path).tolist())
    assert layers["plans"] == "MultiPolygon" and "plan_objects" in layers
    info = pyogrio.read_info(path, layer="plan_objects")
    assert info["crs"] == "EPSG:3879" and info["features"] == 32
    assert info["capabilities"]["fast_spatial_filter"]  # GDAL found the R*Tree index
    frame = pyogrio.read_dataframe(
        path, layer="plan_objects", bbox=(25487000, 6673000, 25487050, 6673050)
    )
    assert 0 < len(frame) < 32
    validator = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")
    if validator.exists() and shutil.which("python3"):
        sample_archive.close()
        proc = subprocess.run(
            ["python3", str(validator), path], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


# -- list, show, remove -------------------------------------------------------------------


def test_list_show_remove_and_export(
    tmp_path: Path, sample_archive, sample_plan: Path, capsys
) -> None:
    archive = sample_archive.location
    sample_archive.close()
    code, out, err = run(["archive", "list", "--archive", archive], capsys)
    assert code == 0 and "espoo-asemakaava" in out and "kaavaehdotus" in out and "validates" in out
    code, out, _ = run(["archive", "show", "espoo-asemakaava", "--archive", archive], capsys)
    assert code == 0 and "version 1 (current)" in out
    exported = tmp_path / "v1.json"
    code, _, _ = run(
        ["archive", "show", "espoo-asemakaava", "--archive", archive, "-o", str(exported)], capsys
    )
    assert json.loads(exported.read_text(encoding="utf-8")) == json.loads(
        sample_plan.read_text(encoding="utf-8")
    )
    code, out, _ = run(
        ["archive", "remove", "43361e2a-9122-5d1e-bc1a-624735ff23d1", "--archive", archive], capsys
    )
    assert code == 0 and "removed 1 versions" in out
    with open_store(archive) as store:
        assert store.stats() | {"location": None} == {
            "plans": 0,
            "versions": 0,
            "objects": 0,
            "regulations": 0,
            "srid": 3879,
            "kind": "geopackage",
            "location": None,
        }
    code, _, err = run(["archive", "show", "espoo-asemakaava", "--archive", archive], capsys)
    assert code == 2 and "no plan" in err


def test_the_archive_is_found_from_env_and_ryhti_toml(
    tmp_path: Path, sample_archive, monkeypatch, capsys
) -> None:
    archive = sample_archive.location
    sample_archive.close()
    monkeypatch.setenv("RYHTI_ARCHIVE", archive)
    assert run(["search", "hulevesi"], capsys)[0] == 0
    monkeypatch.delenv("RYHTI_ARCHIVE")
    project = tmp_path / "projekti" / "alikansio"
    project.mkdir(parents=True)
    (project.parent / "ryhti.toml").write_text(
        f'[archive]\npath = "{Path(archive).name}"\n', encoding="utf-8"
    )
    shutil.copy(archive, project.parent / Path(archive).name)
    monkeypatch.chdir(project)
    assert run(["search", "hulevesi"], capsys)[0] == 0
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["search", "hulevesi"], capsys)
    assert code == 2 and "no archive given" in err


# -- search -------------------------------------------------------------------------------


def test_search_by_lemma_finds_inflected_forms(sample_archive) -> None:
    result = run_search(sample_archive, SearchRequest(query="hulevesien viivytys"))
    assert len(result["hits"]) == 1
    hit = result["hits"][0]
    assert hit["regulation"]["code"] == "sanallinenMaarays"
    assert hit["objects"]["wholePlan"] and hit["group"]["kind"] == "general"
    snip = hit["snippet"]
    assert [snip["text"][a:b] for a, b in snip["highlights"]] == ["Hulevedet", "viivytettävä"]
    facades = run_search(sample_archive, SearchRequest(query="julkisivu"))
    assert {h["group"]["letterIdentifier"] for h in facades["hits"]} == {"AK", "sr"}
    swedish = run_search(sample_archive, SearchRequest(query="dagvatten"))
    assert [h["regulation"]["key"] for h in swedish["hits"]] == [hit["regulation"]["key"]]


def test_search_by_code_sign_and_filters(sample_archive) -> None:
    by_code = run_search(sample_archive, SearchRequest(codes=("asuinkerrostaloalue",)))
    assert {h["regulation"]["code"] for h in by_code["hits"]} == {"asuinkerrostaloalue"}
    assert by_code["hits"][0]["objects"]["count"] == 3
    broader = run_search(sample_archive, SearchRequest(codes=("asumisenAlue",), limit=100))
    assert {"asuinkerrostaloalue", "asuinpientaloalue", "asumisenAlue"} <= {
        h["regulation"]["code"] for h in broader["hits"]
    }
    by_sign = run_search(sample_archive, SearchRequest(signs=("AK",)))
    assert {h["group"]["letterIdentifier"] for h in by_sign["hits"]} == {"AK"}
    assert (
        run_search(sample_archive, SearchRequest(query="julkisivu", signs=("sr",)))["hits"][0][
            "group"
        ]["letterIdentifier"]
        == "sr"
    )
    # the sample is a proposal: not in force
    assert run_search(sample_archive, SearchRequest(query="julkisivu", in_force=True))["hits"] == []
    assert run_search(
        sample_archive, SearchRequest(query="julkisivu", level="asemakaava", municipality="Espoo")
    )["hits"]
    assert (
        run_search(sample_archive, SearchRequest(query="julkisivu", municipality="Vantaa"))["hits"]
        == []
    )


def test_search_within_an_area_and_near_a_point(tmp_path: Path, sample_archive) -> None:
    plan = json.loads((ROOT / "samples/espoo-asemakaava/plan.json").read_text(encoding="utf-8"))
    ak = next(
        g["planRegulationGroupKey"]
        for g in plan["planRegulationGroups"]
        if g.get("letterIdentifier") == "AK"
    )
    ak_objects = {
        r["planObjectKey"]
        for r in plan["planRegulationGroupRelations"]
        if r["planRegulationGroupKey"] == ak
    }
    first = next(o for o in plan["planObjects"] if o["planObjectKey"] in ak_objects)
    geom = shapely.geometry.shape(first["geometry"]["geometry"])
    centre = geom.representative_point()
    result = run_search(
        sample_archive, SearchRequest(query="julkisivu", near=(centre.x, centre.y, 1.0))
    )
    assert [h["group"]["letterIdentifier"] for h in result["hits"]] == ["AK"]
    assert [o["key"] for o in result["hits"][0]["objects"]["first"]] == [first["planObjectKey"]]
    area = tmp_path / "alue.geojson"
    area.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3879"}},
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": shapely.geometry.mapping(centre.buffer(2)),
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    within = run_search(sample_archive, SearchRequest(query="julkisivu", within=str(area)))
    assert _keys(within) == _keys(result)
    far = run_search(sample_archive, SearchRequest(query="julkisivu", near=(0.0, 0.0, 10.0)))
    assert far["hits"] == []
    general = run_search(
        sample_archive, SearchRequest(query="hulevesi", near=(centre.x, centre.y, 1.0))
    )
    assert len(general["hits"]) == 1  # general regulations apply in the whole plan area


def test_search_cli_formats(sample_archive, tmp_path: Path, capsys) -> None:
    archive = sample_archive.location
    code, out, _ = run(["search", "hulevesien", "viivytys", "--archive", archive], capsys)
    assert code == 0 and "«Hulevedet» on «viivytettävä»" in out and "koko kaava-alue" in out
    code, out, _ = run(["search", "julkisivu", "--archive", archive, "--format", "json"], capsys)
    data = json.loads(out)
    assert len(data["hits"]) == 2 and "_wkb" not in out
    target = tmp_path / "osumat.geojson"
    code, _, _ = run(
        ["search", "julkisivu", "--archive", archive, "--format", "geojson", "-o", str(target)],
        capsys,
    )
    features = json.loads(target.read_text(encoding="utf-8"))["features"]
    assert len(features) == 4 and all(f["geometry"]["type"] == "Polygon" for f in features)
    code, out, _ = run(["search", "olematonsana", "--archive", archive], capsys)
    assert code == 1 and out == "no hits\n"
    code, _, err = run(["search", "--archive", archive], capsys)
    assert code == 2 and "nothing to search for" in err
    code, _, err = run(["search", "x", "--code", "eikoodi", "--archive", archive], capsys)
    assert code == 2 and "not a code of RY_Kaavamaarayslaji" in err


# -- here ---------------------------------------------------------------------------------


def _expected_at(paths: list[Path], x: float, y: float) -> tuple[set[str], set[str]]:
    """Plans and objects whose geometry contains the point, by shapely directly."""
    plans, objects = set(), set()
    point = shapely.Point(x, y)
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        if shapely.geometry.shape(data["geographicalArea"]["geometry"]).intersects(point):
            plans.add(data["planKey"])
            for obj in data["planObjects"]:
                if shapely.geometry.shape(obj["geometry"]["geometry"]).intersects(point):
                    objects.add(obj["planObjectKey"])
    return plans, objects


def _answered(result: dict) -> tuple[set[str], set[str]]:
    return (
        {p["planKey"] for p in result["plans"]},
        {o["key"] for p in result["plans"] for o in p["objects"]},
    )


def _grid(paths: list[Path], n: int = 9) -> list[tuple[float, float]]:
    areas = [
        shapely.geometry.shape(
            json.loads(p.read_text(encoding="utf-8"))["geographicalArea"]["geometry"]
        )
        for p in paths
    ]
    minx, miny, maxx, maxy = shapely.total_bounds(np.array(areas, dtype=object))
    xs = np.linspace(minx - 10, maxx + 10, n)
    ys = np.linspace(miny - 10, maxy + 10, n)
    return [(float(x), float(y)) for x in xs for y in ys]


def test_here_agrees_with_shapely_on_the_sample(sample_archive, sample_plan: Path) -> None:
    for x, y in _grid([sample_plan], 11):
        result = run_here(sample_archive, HereRequest(x, y, include_all=True))
        assert _answered(result) == _expected_at([sample_plan], x, y), (x, y)


def test_here_on_real_change_plans_agrees_with_shapely_and_applies_cancellations(
    tmp_path: Path, kaavamuutos
) -> None:
    store = create_store(str(tmp_path / "vantaa.gpkg"), 3879)
    add_kaavamuutos(store, kaavamuutos)
    paths = list(kaavamuutos.values())
    for x, y in _grid(paths, 13):
        assert _answered(run_here(store, HereRequest(x, y, include_all=True))) == _expected_at(
            paths, x, y
        ), (x, y)
    change = json.loads(kaavamuutos["SpatialPlan-asemakaavamuutos"].read_text(encoding="utf-8"))
    info = change["planCancellationInfos"][0]["planObjectCancellationInfos"][0]
    cancelled_key = info["cancelledPlanObjectUri"].rpartition("/")[2]
    valid_part = shapely.geometry.shape(info["validityGeometry"]["geometry"])
    base = json.loads(
        kaavamuutos["SpatialPlan-asemakaava-kumottava-140500"].read_text(encoding="utf-8")
    )
    whole = shapely.geometry.shape(
        next(o for o in base["planObjects"] if o["planObjectKey"] == cancelled_key)["geometry"][
            "geometry"
        ]
    )
    kept = valid_part.intersection(whole).representative_point()
    gone = whole.difference(valid_part).representative_point()
    at_kept = run_here(store, HereRequest(kept.x, kept.y))
    at_gone = run_here(store, HereRequest(gone.x, gone.y))
    assert cancelled_key in _answered(at_kept)[1]
    assert cancelled_key not in _answered(at_gone)[1]
    everything = run_here(store, HereRequest(gone.x, gone.y, include_all=True))
    marked = [o for p in everything["plans"] for o in p["objects"] if o["key"] == cancelled_key]
    assert marked and marked[0]["status"]
    store.close()


def test_here_cli_text_building_right_and_swedish(
    sample_archive, sample_plan: Path, capsys
) -> None:
    archive = sample_archive.location
    plan = json.loads(sample_plan.read_text(encoding="utf-8"))
    block = shapely.geometry.shape(
        plan["planObjects"][0]["geometry"]["geometry"]
    ).representative_point()
    code, out, _ = run(["here", f"{block.x},{block.y}", "--archive", archive], capsys)
    assert code == 1 and "Kohdassa ei ole voimassa olevia kaavoja" in out  # a proposal only
    code, out, _ = run(["here", f"{block.x},{block.y}", "--archive", archive, "--all"], capsys)
    assert code == 0 and "Asemakaava: espoo-asemakaava (Espoo) — kaavaehdotus" in out
    assert "Hulevedet on viivytettävä" in out and "Rakennusoikeus: 4\u00a0800 k-m²" in out
    code, out, _ = run(
        ["here", f"{block.x},{block.y}", "--archive", archive, "--all", "--lang", "sv"], capsys
    )
    assert (
        "Detaljplan:" in out
        and "Dagvatten ska fördröjas" in out
        and "Byggrätt: 4\u00a0800 k-m²" in out
    )
    code, out, _ = run(
        ["here", f"{block.x},{block.y}", "--archive", archive, "--all", "--format", "geojson"],
        capsys,
    )
    kinds = [f["properties"]["kind"] for f in json.loads(out)["features"]]
    assert kinds[0] == "plan" and "object" in kinds
    code, _, err = run(["here", "abc", "--archive", archive], capsys)
    assert code == 2 and "expected X,Y" in err


def test_a_converted_real_source_goes_in_and_answers(tmp_path: Path) -> None:
    from ryhti.parsers import convert
    from tests.conftest import reference_path

    path = reference_path("gml", "kuntapilotti-2019", "Kuntapilotti_Kempele_hyvaksytty.gml")
    plan = convert(path, source_crs="EPSG:3067").plan_json()
    source = _write(tmp_path / "kempele.json", plan)
    store = create_store(str(tmp_path / "kempele.gpkg"), 3067)
    summary = add_files(
        store, [source], AddOptions(plan_type="31", municipality="Kempele"), progress=False
    )
    assert [r.outcome for r in summary.results] == ["added"] and summary.results[0].objects == 32
    ao = run_search(store, SearchRequest(signs=("AO",)))
    assert ao["hits"] and all(h["group"]["letterIdentifier"] == "AO" for h in ao["hits"])
    for x, y in _grid([source], 7):
        assert _answered(run_here(store, HereRequest(x, y, include_all=True))) == _expected_at(
            [source], x, y
        )
    store.close()


def test_show_tells_which_cancellations_point_at_nothing(
    tmp_path: Path, kaavamuutos, capsys
) -> None:
    """Spatineo's change plan names two objects of AK-000001 under AK-000003: reported."""
    archive = tmp_path / "vantaa.gpkg"
    store = create_store(str(archive), 3879)
    add_kaavamuutos(store, kaavamuutos)
    store.close()
    code, out, _ = run(["archive", "show", "AK-002583", "--archive", str(archive)], capsys)
    assert code == 0
    lines = [line for line in out.splitlines() if "cancels" in line]
    assert len(lines) == 4
    assert sum("no such object in that plan" in line for line in lines) == 2
    assert all("AK-000003" in line for line in lines if "no such object" in line)
    code, out, _ = run(["archive", "show", "AK-000001", "--archive", str(archive)], capsys)
    assert "cancelled in part by AK-002583" in out
