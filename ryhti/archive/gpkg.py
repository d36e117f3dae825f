"""The embedded archive: one GeoPackage file (SQLite R*Tree + FTS5), safe for several writers.

Writers take SQLite's write lock with ``BEGIN IMMEDIATE`` and wait for it (busy timeout),
so two ``ryhti archive add`` runs on one file interleave whole batches and lose nothing;
the file runs in WAL mode (as QGIS itself does with GeoPackages), so readers — a search, QGIS
— are never blocked by a writer. A file that is not SQLite, a GeoPackage that is not an
archive, and a damaged file are each one clear error naming the file.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ryhti import __version__
from ryhti.archive import gpkg_format as fmt
from ryhti.archive.sqlbase import SqlStore
from ryhti.archive.store import ARCHIVE_KIND, SCHEMA_VERSION, SearchSpec
from ryhti.errors import InputError, UsageError

__all__ = ["GpkgStore"]

#: Seconds a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT = 600.0
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class GpkgStore(SqlStore):
    """An archive in a GeoPackage file."""

    kind = "geopackage"

    def __init__(self, path: Path, conn: sqlite3.Connection, srid: int) -> None:
        self._boxes: dict[str, tuple[float, float, float, float]] = {}
        self.path = path
        self.location = str(path)
        self.conn = conn
        self.srid = srid

    # -- opening ------------------------------------------------------------------------
    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        fmt.register_functions(conn)
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA cache_size=-262144")  # 256 MB: index pages of millions of rows
        conn.execute("PRAGMA mmap_size=1073741824")
        return conn

    @classmethod
    def create(cls, path: Path, srid: int) -> GpkgStore:
        """A new archive file; the file appears complete or not at all."""
        if path.exists():
            raise UsageError(f"{path} already exists", hint="remove it or choose another name")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.creating")
        tmp.unlink(missing_ok=True)
        conn = cls._connect(tmp)
        try:
            conn.execute(f"PRAGMA application_id={0x47504B47}")
            conn.execute("PRAGMA user_version=10300")
            conn.execute("BEGIN")
            for statement in fmt.DDL.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.executemany(
                "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", fmt.srs_rows(srid)
            )
            for table, (column, gtype, description) in fmt.FEATURE_TABLES.items():
                conn.execute(
                    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                    "srs_id) VALUES (?, 'features', ?, ?, ?)",
                    (table, table, description, srid),
                )
                conn.execute(
                    "INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)",
                    (table, column, gtype, srid),
                )
                conn.execute(
                    "INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index', "
                    "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
                    (table, column),
                )
                for statement in fmt.triggers(table):
                    conn.execute(statement)
            for table, description in fmt.ATTRIBUTE_TABLES.items():
                conn.execute(
                    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
                    "VALUES (?, 'attributes', ?, ?)",
                    (table, table, description),
                )
            conn.executemany(
                "INSERT INTO archive_meta VALUES (?, ?)",
                [
                    ("kind", ARCHIVE_KIND),
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("srid", str(srid)),
                    ("created", _now()),
                    ("created_by", f"ryhti {__version__}"),
                ],
            )
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.close()
            tmp.replace(path)
        except BaseException:
            conn.close()
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                leftover.unlink(missing_ok=True)
            raise
        return cls.open(path)

    @classmethod
    def open(cls, path: Path) -> GpkgStore:
        """Open an existing archive file, checking that it is one."""
        if not path.exists():
            raise InputError(
                "no archive here", source=path, hint=f"create one with: ryhti archive init {path}"
            )
        try:
            with path.open("rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise InputError(f"cannot read the archive: {exc.strerror}", source=path) from None
        if head != _SQLITE_MAGIC:
            raise InputError(
                "not an archive: the file is not a GeoPackage (SQLite) database",
                source=path,
                hint="ryhti archive init makes a new one",
            )
        try:
            conn = cls._connect(path)
        except sqlite3.DatabaseError as exc:
            raise InputError(f"the archive file is damaged: {exc}", source=path) from None
        try:
            meta = dict(conn.execute("SELECT key, value FROM archive_meta").fetchall())
        except sqlite3.OperationalError as exc:
            conn.close()
            if "no such table" in str(exc):
                raise InputError(
                    "a GeoPackage, but not a ryhti archive (no archive_meta table)", source=path
                ) from None
            raise InputError(f"the archive cannot be read: {exc}", source=path) from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise InputError(f"the archive file is damaged: {exc}", source=path) from None
        if meta.get("kind") != ARCHIVE_KIND:
            conn.close()
            raise InputError("a GeoPackage, but not a ryhti archive", source=path)
        if int(meta.get("schema_version", "0")) > SCHEMA_VERSION:
            conn.close()
            raise InputError(
                f"archive layout {meta['schema_version']} is newer than this ryhti knows "
                f"({SCHEMA_VERSION})",
                source=path,
                hint="upgrade ryhti",
            )
        return cls(path, conn, int(meta.get("srid", "3067")))

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite's errors into one clear line naming the archive."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise InputError(
                    f"the archive stayed locked by another writer for {BUSY_TIMEOUT:.0f} s",
                    source=self.path,
                ) from None
            raise InputError(f"the archive cannot be used: {text}", source=self.path) from None
        except sqlite3.DatabaseError as exc:
            raise InputError(f"the archive file is damaged: {exc}", source=self.path) from None

    def close(self) -> None:
        self.conn.close()

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a load.

        ``PRAGMA optimize`` reads and then writes (ANALYZE); run on its own it upgrades a read
        to a write, which SQLite refuses at once, without waiting, when another writer
        committed in between ("database is locked" at the end of a concurrent ``archive
        add``). Taking the write lock first makes it wait like every other write."""
        with self._guard(), self._write_lock():
            self.conn.execute("PRAGMA optimize")

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        """One write transaction: SQLite's write lock taken at its start (waiting for it up
        to the busy timeout), committed at the end, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    # -- low-level helpers used by WriteMixin ------------------------------------------
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._guard():
            return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def _many(self, sql: str, rows: Any) -> None:
        self.conn.executemany(sql, rows)

    def _next_ids(self, table: str, count: int) -> int:
        row = self.conn.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)
        ).fetchone()
        return (row[0] if row else 0) + 1

    def _geom(self, wkb: bytes | None, bounds: Any) -> Any:
        return fmt.blob(wkb, bounds, self.srid)

    def _geoms(self, wkb: list[bytes | None], bounds: Any) -> list[Any]:
        return fmt.blobs(wkb, bounds, self.srid)

    def _insert_objects(self, rows: list[tuple], boxes: list[tuple]) -> None:
        self._many(
            "INSERT INTO plan_objects (fid, geom, plan_fid, object_key, object_index, name, "
            "object_number, letters, main_use, lifecycle, underground, geometry_type) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._many("INSERT INTO rtree_plan_objects_geom VALUES (?, ?, ?, ?, ?)", boxes)
        if boxes:
            self._grow(
                "plan_objects",
                min(b[1] for b in boxes),
                min(b[3] for b in boxes),
                max(b[2] for b in boxes),
                max(b[4] for b in boxes),
            )

    def _insert_plans(self, columns: str, rows: list[tuple], boxes: list[tuple]) -> None:
        marks = ", ".join("?" for _ in columns.split(","))
        self._many(f"INSERT INTO plans ({columns}) VALUES ({marks})", rows)
        if boxes:
            self._many("INSERT INTO rtree_plans_geom VALUES (?, ?, ?, ?, ?)", boxes)
            self._grow(
                "plans",
                min(b[1] for b in boxes),
                min(b[3] for b in boxes),
                max(b[2] for b in boxes),
                max(b[4] for b in boxes),
            )

    def _insert_rows(self, table: str, columns: str, rows: list[tuple]) -> None:
        marks = ", ".join("?" for _ in columns.split(","))
        self._many(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)

    def _insert_regulations(self, rows: list[tuple]) -> None:
        self._many(
            "INSERT INTO regulations (rid, gid, plan_fid, regulation_key, kind, code, code_label, "
            "value_text, number, unit, text_fi, text_sv, infos, sentence_fi, sentence_sv, "
            "regulation_number, main_terms, context_terms) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._many(
            "INSERT INTO regulations_fts (rowid, main_terms, context_terms) VALUES (?, ?, ?)",
            [(r[0], r[16], r[17]) for r in rows],
        )

    def _delete_regulations(self, fid: int) -> None:
        self._exec(
            "INSERT INTO regulations_fts (regulations_fts, rowid, main_terms, context_terms) "
            "SELECT 'delete', rid, main_terms, context_terms FROM regulations WHERE plan_fid = ?",
            (fid,),
        )
        self._exec("DELETE FROM regulations WHERE plan_fid = ?", (fid,))

    def _wkb(self, value: Any) -> bytes | None:
        return fmt.wkb_of(value)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._guard(), self._write_lock():
            self._boxes = {}
            for table in fmt.FEATURE_TABLES:
                self.conn.execute(f'DROP TRIGGER IF EXISTS "rtree_{table}_geom_insert"')
            yield
            for table in fmt.FEATURE_TABLES:
                for statement in fmt.insert_triggers(table):
                    self.conn.execute(statement)
            self._touch_contents()

    def _touch_contents(self) -> None:
        """Stamp gpkg_contents and widen its extents by what this transaction wrote.

        Extents only grow (the standard calls them informative); computing them afresh
        would read the whole R*Tree at every commit.
        """
        boxes = self._boxes
        for table in fmt.FEATURE_TABLES:
            box = boxes.get(table)
            if box is None:
                self.conn.execute(
                    "UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?", (_now(), table)
                )
                continue
            self.conn.execute(
                "UPDATE gpkg_contents SET last_change = ?, min_x = min(coalesce(min_x, ?), ?), "
                "min_y = min(coalesce(min_y, ?), ?), max_x = max(coalesce(max_x, ?), ?), "
                "max_y = max(coalesce(max_y, ?), ?) WHERE table_name = ?",
                (_now(), box[0], box[0], box[1], box[1], box[2], box[2], box[3], box[3], table),
            )
        self._boxes = {}

    def _grow(self, table: str, minx: float, miny: float, maxx: float, maxy: float) -> None:
        old = self._boxes.get(table)
        self._boxes[table] = (
            (minx, miny, maxx, maxy)
            if old is None
            else (min(old[0], minx), min(old[1], miny), max(old[2], maxx), max(old[3], maxy))
        )

    # -- reading ------------------------------------------------------------------------
    def _rank(
        self, spec: SearchSpec, k: int, area: str | None, cap: int | None
    ) -> tuple[list[tuple[int, float]], int]:
        where = "regulations_fts MATCH ?"
        params: list[Any] = [spec.fts5]
        if area is not None:
            where += f" AND rowid IN (SELECT id FROM {area})"
        if cap is not None:  # the first cap matches: up to the cap-th one's rowid
            row = self._all(
                f"SELECT rowid AS id FROM regulations_fts WHERE {where} "
                "ORDER BY rowid LIMIT 1 OFFSET ?",
                [*params, cap - 1],
            )
            if row:
                where += " AND rowid <= ?"
                params.append(row[0]["id"])
        seen = self._all(f"SELECT count(*) AS n FROM regulations_fts WHERE {where}", params)[0]["n"]
        rows = self._all(
            f"SELECT rowid AS rid, bm25(regulations_fts, 4.0, 1.0) AS score FROM regulations_fts "
            f"WHERE {where} ORDER BY score, rowid LIMIT ?",
            [*params, k],
        )
        return [(r["rid"], r["score"]) for r in rows], int(seen)

    # -- dialect hooks for SqlStore's reads ----------------------------------------------
    def _g(self, column: str, alias: str = "") -> str:
        return f"{alias}{column} AS {column}"

    def _bbox_rows(
        self,
        table: str,
        box: tuple[float, float, float, float],
        geom: bool = True,
        plan_fid: int | None = None,
    ) -> list[dict]:
        sql = (
            f'SELECT o.fid{", o.geom" if geom else ""} FROM "rtree_{table}_geom" t '
            f"JOIN {table} o ON o.fid = t.id "
            "WHERE t.minx <= ? AND t.maxx >= ? AND t.miny <= ? AND t.maxy >= ?"
        )
        params: list[Any] = [box[2], box[0], box[3], box[1]]
        if plan_fid is not None:
            sql += " AND o.plan_fid = ?"
            params.append(plan_fid)
        return self._all(sql, params)

    def _fill_temp(self, name: str, ids: set[int]) -> str:
        with self._guard():
            self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (id INTEGER PRIMARY KEY)")
            self.conn.execute(f"DELETE FROM temp.{name}")
            self.conn.executemany(f"INSERT INTO temp.{name} VALUES (?)", [(i,) for i in ids])
        return f"temp.{name}"
