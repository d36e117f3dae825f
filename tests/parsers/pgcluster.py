"""A throwaway PostgreSQL + PostGIS cluster for tests and the real-data script.

``initdb`` from Debian's ``postgresql`` and ``postgresql-15-postgis-3`` packages, listening
on a Unix socket only, removed afterwards (run as the ``postgres`` user when we are root).
:func:`cluster` yields a connection URL, or raises :class:`Unavailable` saying why there
is no server; :func:`restore` loads a ``pg_dump`` custom-format archive into a new
database with PostGIS.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["Unavailable", "cluster", "restore"]


class Unavailable(RuntimeError):
    """No PostgreSQL server can be started here (the message says why)."""


def _run(cmd: list[str], user: str | None) -> subprocess.CompletedProcess[str]:
    if user:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bindir() -> Path:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        raise Unavailable(
            "no PostgreSQL server binaries (apt-get install postgresql postgresql-15-postgis-3)"
        )
    bindir = Path(bins[-1]).parent
    version = bindir.parent.name
    if not glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"):
        raise Unavailable(
            f"PostGIS extension for PostgreSQL {version} missing "
            f"(apt-get install postgresql-{version}-postgis-3)"
        )
    return bindir


@contextmanager
def cluster() -> Iterator[str]:
    """A running cluster's URL (database ``postgres``, PostGIS created), removed after."""
    url = os.environ.get("RYHTI_TEST_POSTGIS_URL")
    if url:
        yield url
        return
    bindir = _bindir()
    user = None
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise Unavailable("running as root without runuser; cannot start a private cluster")
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
            raise Unavailable(f"initdb failed: {init.stderr.strip()[:200]}")
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
            raise Unavailable(f"PostgreSQL did not start: {start.stderr.strip()[:200]}")
        url = f"postgresql://postgres@/postgres?host={sock}&port={port}"
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        yield url
    finally:
        if (data / "postmaster.pid").exists():
            _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], user)
        shutil.rmtree(tmp, ignore_errors=True)


def restore(url: str, dump: Path, database: str) -> str:
    """Load the ``pg_dump`` archive ``dump`` into a new database with PostGIS; its URL.

    Owners and grants of the dump are not restored (the roles do not exist here)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        conn.execute(f'CREATE DATABASE "{database}"')
    target = url.replace("/postgres?", f"/{database}?", 1)
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    host = target.split("host=", 1)[1].split("&", 1)[0]
    port = target.split("port=", 1)[1].split("&", 1)[0]
    restore_bin = _bindir() / "pg_restore"
    done = subprocess.run(
        [
            str(restore_bin),
            "-h",
            host,
            "-p",
            port,
            "-U",
            "postgres",
            "-d",
            database,
            "--no-owner",
            "--no-privileges",
            str(dump),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode:
        raise Unavailable(f"pg_restore failed: {done.stderr.strip()[:300]}")
    return target
