"""PostGIS round trip against a real server.

The server is ``$RYHTI_TEST_POSTGIS_URL`` when set; otherwise the tests start a throwaway
PostgreSQL cluster of their own (:mod:`tests.parsers.pgcluster`, the ``postgis_url``
fixture of ``conftest.py``). When neither is possible the tests skip and say why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ryhti.io import dump_json
from ryhti.parsers import convert


def _load_gpkg(url: str, gpkg: Path, schema: str) -> None:
    """Copy every layer of a GeoPackage into PostGIS tables (fid as primary key)."""
    import psycopg
    import pyogrio
    import shapely

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
        for name, gtype in pyogrio.list_layers(gpkg):
            info = pyogrio.read_info(gpkg, layer=name)
            frame = pyogrio.read_dataframe(gpkg, layer=name, fid_as_index=True)
            pg_types = {"int32": "integer", "int64": "bigint", "float64": "double precision"}
            cols = [
                f'"{c}" {pg_types.get(str(t), "text")}'
                for c, t in zip(info["fields"], info["dtypes"], strict=True)
            ]
            srid = int(info["crs"].split(":")[1]) if info["crs"] else 0
            geom = f", geom geometry(Geometry, {srid})" if gtype else ""
            conn.execute(
                f'CREATE TABLE "{schema}"."{name}" (fid integer primary key, {", ".join(cols)}{geom})'
            )
            for fid, row in frame.iterrows():
                values = [
                    None if (v is None or v != v) else (v.item() if hasattr(v, "item") else v)
                    for v in (row[c] for c in info["fields"])
                ]
                placeholders = ", ".join(["%s"] * (len(values) + 1))
                if gtype:
                    wkb = shapely.to_wkb(row["geometry"]) if row["geometry"] is not None else None
                    conn.execute(
                        f'INSERT INTO "{schema}"."{name}" VALUES ({placeholders}, ST_SetSRID(ST_GeomFromWKB(%s), {srid}))',
                        [int(fid), *values, wkb],
                    )
                else:
                    conn.execute(
                        f'INSERT INTO "{schema}"."{name}" VALUES ({placeholders})',
                        [int(fid), *values],
                    )


def test_postgis_round_trip_gives_the_golden_plan(postgis_url: str, sample: Path) -> None:
    _load_gpkg(postgis_url, sample / "asemakaava.gpkg", "kuusikkorinne")
    result = convert(
        postgis_url + "&schema=kuusikkorinne",
        mapping="template",
        regulations=sample / "kaavamerkinnat.md",
    )
    assert dump_json(result.plan_json()) == (sample / "plan.json").read_text(encoding="utf-8")
    assert result.report["source"]["kind"] == "postgis"
    assert result.report["summary"]["planObjects"] == 32


def test_postgis_named_tables_and_errors(postgis_url: str, sample: Path) -> None:
    from ryhti.errors import InputError

    _load_gpkg(postgis_url, sample / "asemakaava.gpkg", "k2")
    result = convert(
        postgis_url + "&tables=k2.kaava_alue,k2.aluevaraukset",
        mapping="template",
        use_extractor=False,
    )
    assert len(result.plan_json()["planObjects"]) == 16
    with pytest.raises(InputError, match="no table"):
        convert(postgis_url + "&tables=k2.nothing", mapping="template")
    with pytest.raises(InputError, match="no tables with geometry"):
        convert(postgis_url + "&schema=empty_schema", mapping="template")


def test_postgis_unreachable_is_a_clear_error(tmp_path: Path) -> None:
    from ryhti.errors import InputError

    url = f"postgresql://someone:secret@/db?host={tmp_path}&port=1"
    with pytest.raises(InputError, match="cannot connect") as exc:
        convert(url)
    assert "secret" not in str(exc.value)
