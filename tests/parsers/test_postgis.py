"""PostGIS round trip against a real server.

The server is ``$RYHTI_TEST_POSTGIS_URL`` when set; otherwise the test starts a
throwaway PostgreSQL cluster of its own (``initdb`` from Debian's ``postgresql`` +
``postgresql-15-postgis-3`` packages, listening on a Unix socket only, removed
afterwards). When neither is possible the tests skip and say why.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ryhti.io import dump_json
from ryhti.parsers import convert


def _run(cmd: list[str], user: str | None) -> subprocess.CompletedProcess[str]:
    if user:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgis_url() -> Iterator[str]:
    url = os.environ.get("RYHTI_TEST_POSTGIS_URL")
    if url:
        yield url
        return
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        pytest.skip(
            "no PostgreSQL server binaries (apt-get install postgresql postgresql-15-postgis-3)"
        )
    bindir = Path(bins[-1]).parent
    version = bindir.parent.name
    if not glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"):
        pytest.skip(
            f"PostGIS extension for PostgreSQL {version} missing (apt-get install postgresql-{version}-postgis-3)"
        )
    user = None
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser; cannot start a private cluster")
        user = "postgres"
    tmp = Path(tempfile.mkdtemp(prefix="ryhti-pg-"))
    data, sock = tmp / "data", tmp / "sock"
    sock.mkdir()
    if user:
        shutil.chown(tmp, user)
        shutil.chown(sock, user)
    port = _free_port()
    try:
        init = _run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
            ],
            user,
        )
        if init.returncode:
            pytest.skip(f"initdb failed: {init.stderr.strip()[:200]}")
        start = _run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(tmp / "log"),
                "start",
                "-o",
                f"-c listen_addresses='' -k {sock} -p {port} -c fsync=off",
            ],
            user,
        )
        if start.returncode:
            pytest.skip(f"PostgreSQL did not start: {start.stderr.strip()[:200]}")
        url = f"postgresql://postgres@/postgres?host={sock}&port={port}"
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        yield url
    finally:
        if (data / "postmaster.pid").exists():
            _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], user)
        shutil.rmtree(tmp, ignore_errors=True)


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
