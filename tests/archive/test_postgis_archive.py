"""PostgreSQL + PostGIS and the GeoPackage give the same answers for the same archive.

The server is the PostGIS reader tests' throwaway cluster (or ``$RYHTI_TEST_POSTGIS_URL``);
without PostgreSQL + PostGIS the tests skip and say why.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from ryhti.archive.here import HereRequest, run_here
from ryhti.archive.ingest import add_files
from ryhti.archive.output import clean
from ryhti.archive.records import AddOptions
from ryhti.archive.search import SearchRequest, run_search
from ryhti.archive.store import create_store, open_store
from ryhti.errors import InputError, UsageError
from tests.archive.conftest import KAAVAMUUTOS, add_kaavamuutos, run
from tests.archive.test_archive import _answered, _expected_at, _grid

QUERIES = [
    SearchRequest(query="hulevesien viivytys"),
    SearchRequest(query="julkisivu"),
    SearchRequest(query="lähivirkistysalue"),
    SearchRequest(query="kerrosala", limit=50),
    SearchRequest(query="hule*"),
    SearchRequest(codes=("asumisenAlue",), limit=100),
    SearchRequest(signs=("VL",), limit=100),
    SearchRequest(query="alue", in_force=True, limit=100),
    SearchRequest(query="alue", level="asemakaava", municipality="092", limit=100),
]


@pytest.fixture(scope="module")
def both(postgis_url: str, tmp_path_factory: pytest.TempPathFactory):
    """The same archive twice: the sample and Spatineo's change plans, in both backends."""
    from tests.conftest import reference_path

    folder = reference_path("ryhti", "examples", "spatineo", "kaavoitus", "kaavamuutos")
    paths = {stem: folder / f"{stem}.json" for stem in KAAVAMUUTOS}
    schema = "a" + uuid.uuid4().hex[:8]
    url = f"{postgis_url}&schema={schema}"
    stores = [
        create_store(str(tmp_path_factory.mktemp("gpkg") / "a.gpkg"), 3879),
        create_store(url, 3879),
    ]
    sample = Path(__file__).resolve().parents[2] / "samples/espoo-asemakaava/plan.json"
    for store in stores:
        add_kaavamuutos(store, paths)
        add_files(
            store,
            [sample],
            AddOptions(srid=3879, plan_type="31", municipality="049"),
            progress=False,
        )
    yield stores, list(paths.values()), url
    for store in stores:
        store.close()


def _hits(result: dict) -> list[tuple]:
    return sorted(
        (h["plan"]["planKey"], h["regulation"]["key"], h["objects"]["count"], h["snippet"]["text"])
        for h in result["hits"]
    )


def test_search_gives_the_same_hits(both) -> None:
    (gpkg, pg), _, _ = both
    for request in QUERIES:
        a, b = run_search(gpkg, request), run_search(pg, request)
        assert a["hits"], request
        assert _hits(a) == _hits(b), request
        if not request.query:  # without ranking the order is the archive's: the same too
            assert [h["regulation"]["key"] for h in a["hits"]] == [
                h["regulation"]["key"] for h in b["hits"]
            ]


def test_spatial_search_gives_the_same_hits(both) -> None:
    (gpkg, pg), paths, _ = both
    change = json.loads(paths[-1].read_text(encoding="utf-8"))
    x, y = change["geographicalArea"]["geometry"]["coordinates"][0][0]
    for near in [(x, y, 5.0), (x, y, 150.0)]:
        request = SearchRequest(query="alue", near=near, limit=100)
        assert _hits(run_search(gpkg, request)) == _hits(run_search(pg, request)), near


def test_here_gives_the_same_answers(both) -> None:
    (gpkg, pg), paths, _ = both
    for x, y in _grid(paths, 9):
        for include_all in (False, True):
            a = run_here(gpkg, HereRequest(x, y, include_all=include_all))
            b = run_here(pg, HereRequest(x, y, include_all=include_all))
            assert clean(a) == clean(b), (x, y, include_all)
        assert _answered(b) == _expected_at(paths, x, y)


def test_versions_lists_and_cancellations_agree(both) -> None:
    (gpkg, pg), _, _ = both
    drop = ("fid", "added_at", "source")
    rows = [[{k: v for k, v in r.items() if k not in drop} for r in s.plans()] for s in (gpkg, pg)]
    assert rows[0] == rows[1]
    cancelled = [
        {c["target"] for c in s.cancellations(target=["AK-000001", "AK-000002"])}
        for s in (gpkg, pg)
    ]
    assert cancelled[0] == cancelled[1] == {"AK-000001", "AK-000002"}
    assert gpkg.stats()["objects"] == pg.stats()["objects"]


def test_postgis_cli_and_idempotent_add(both, capsys) -> None:
    (_, _pg), paths, url = both
    code, out, err = run(
        [
            "archive",
            "add",
            str(paths[0]),
            "--archive",
            url,
            "--no-validate",
            "--no-resume",
            "--plan-type",
            "31",
            "--municipality",
            "092",
            "--id",
            KAAVAMUUTOS[paths[0].stem],
        ],
        capsys,
    )
    assert code == 0, err
    assert "1 unchanged" in out
    code, out, _ = run(["search", "hulevesien", "viivytys", "--archive", url], capsys)
    assert code == 0 and "«Hulevedet» on «viivytettävä»" in out
    with pytest.raises(UsageError, match="already holds an archive"):
        create_store(url, 3879)


def test_unreachable_or_empty_database_is_a_clear_error(postgis_url: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no archive in schema"):
        open_store(f"{postgis_url}&schema=nothing_here")
    url = f"postgresql://someone:secret@/db?host={tmp_path}&port=1"
    with pytest.raises(InputError, match="cannot connect") as exc:
        open_store(url)
    assert "secret" not in str(exc.value)
