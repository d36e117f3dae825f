"""The shared archive: PostgreSQL + PostGIS by URL, same tables, same commands.

``postgresql://user@host/db?schema=kaavat`` (schema ``ryhti_archive`` by default). Spatial
indexes are GiST; full-text search is PostgreSQL's own: a ``tsvector`` (in a narrow table
of its own, so ranking reads little) over the archive's Finnish index terms (``simple`` configuration, so the Voikko lemmas
stay as they are: the ``finnish`` snowball stemmer would cut them again) with the
regulation's own words weighted A and its group's title B, a GIN index, and ``ts_rank``.
Rows go in with ``COPY``. Writers serialise on one advisory lock per archive, so
concurrent ``archive add`` runs interleave whole batches, as in the GeoPackage.
"""

from __future__ import annotations

import datetime as _dt
import re
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ryhti import __version__
from ryhti.archive.records import ewkb
from ryhti.archive.sqlbase import SqlStore
from ryhti.archive.store import ARCHIVE_KIND, SCHEMA_VERSION, SearchSpec
from ryhti.errors import InputError, UsageError

__all__ = ["PostgisStore", "redact"]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: Advisory lock key of archive writers (xor'ed with the schema's hash).
_LOCK = 0x52594854

#: Column types of the binary COPY of plan objects (geometry's binary input is EWKB).
_OBJECT_TYPES = (
    "int8",
    "bytea",
    "int8",
    "text",
    "int4",
    "text",
    "int4",
    "text",
    "text",
    "text",
    "int4",
    "text",
)

#: The indexes a bulk load sets aside and builds once at its end: the GiST and GIN
#: indexes, whose row-by-row upkeep costs several times their one-off build (GiST
#: builds sorted, GIN from its own sorted lists). Searches run without them meanwhile,
#: slower but with the same answers. B-trees stay (writes look rows up by them).
_INDEXES = {
    "plans_geom": "CREATE INDEX IF NOT EXISTS plans_geom ON plans USING gist (geom)",
    "plan_objects_geom": "CREATE INDEX IF NOT EXISTS plan_objects_geom ON plan_objects "
    "USING gist (geom)",
    "regulation_terms_tsv": "CREATE INDEX IF NOT EXISTS regulation_terms_tsv ON "
    "regulation_terms USING gin (tsv)",
}
_BULK_SET_ASIDE = ("plan_objects_geom", "regulation_terms_tsv")

#: Tables written by binary COPY (bytes as they are, numbers unformatted): column types.
_BINARY_TYPES = {
    "plan_documents": ("int8", "bytea", "bytea"),
    "group_objects": ("int8", "int8"),
    "regulations": ("int8", "int8", "int8", *["text"] * 5, "float8", *["text"] * 7),
}

_ID_COLUMNS = {
    "plans": "fid",
    "plan_objects": "fid",
    "regulation_groups": "gid",
    "regulations": "rid",
}


def redact(url: str) -> str:
    """The URL with its password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password:
        return urlunsplit(
            parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
        )
    return url


def _split(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    schema = query.pop("schema", "ryhti_archive") or "ryhti_archive"
    if not _IDENT.match(schema):
        raise UsageError(f"schema name {schema!r} is not a plain identifier")
    return urlunsplit(parts._replace(query=urlencode(query))), schema


def _ddl(srid: int) -> list[str]:
    return [
        "CREATE TABLE archive_meta (key text PRIMARY KEY, value text NOT NULL)",
        f"""CREATE TABLE plans (
  fid bigint PRIMARY KEY, geom geometry(MultiPolygon, {srid}),
  plan_key text NOT NULL, version int NOT NULL, is_current int NOT NULL DEFAULT 0,
  lifecycle text NOT NULL DEFAULT '', lifecycle_rank int NOT NULL DEFAULT 0,
  in_force_lifecycle int NOT NULL DEFAULT 0, cancelled_by text, name text, level text,
  plan_type text, municipality text, permanent_id text, producer_id text, description text,
  approval_date text, valid_from text, valid_to text, srid_source int,
  object_count int NOT NULL DEFAULT 0, regulation_count int NOT NULL DEFAULT 0, valid int,
  error_count int, warning_count int, findings text, content_hash text NOT NULL, source text,
  added_at text NOT NULL, UNIQUE (plan_key, lifecycle))""",
        _INDEXES["plans_geom"],
        "CREATE INDEX plans_permanent ON plans (permanent_id)",
        "CREATE TABLE plan_documents (plan_fid bigint PRIMARY KEY, plan bytea NOT NULL, matter bytea)",
        # the documents are zlib-compressed already: TOAST need not try to compress them
        "ALTER TABLE plan_documents ALTER COLUMN plan SET STORAGE EXTERNAL, "
        "ALTER COLUMN matter SET STORAGE EXTERNAL",
        f"""CREATE TABLE plan_objects (
  fid bigint PRIMARY KEY, geom geometry(Geometry, {srid}), plan_fid bigint NOT NULL,
  object_key text, object_index int NOT NULL, name text, object_number int, letters text,
  main_use text, lifecycle text, underground int NOT NULL DEFAULT 0, geometry_type text,
  cancelled int NOT NULL DEFAULT 0, cancelled_by text, validity geometry(Geometry, {srid}))""",
        _INDEXES["plan_objects_geom"],
        "CREATE INDEX plan_objects_plan ON plan_objects (plan_fid)",
        """CREATE TABLE regulation_groups (
  gid bigint PRIMARY KEY, plan_fid bigint NOT NULL, group_key text, kind text NOT NULL,
  letter text, letter_base text, title_fi text, title_sv text, group_number int,
  group_index int NOT NULL, cancelled int NOT NULL DEFAULT 0)""",
        "CREATE INDEX regulation_groups_plan ON regulation_groups (plan_fid)",
        "CREATE INDEX regulation_groups_letter ON regulation_groups (letter_base)",
        """CREATE TABLE regulations (
  rid bigint PRIMARY KEY, gid bigint NOT NULL, plan_fid bigint NOT NULL, regulation_key text,
  kind text NOT NULL, code text, code_label text, value_text text, number double precision,
  unit text, text_fi text, text_sv text, infos text, sentence_fi text, sentence_sv text,
  regulation_number text)""",
        # the index terms in a narrow table of their own: ranking reads only these pages
        "CREATE TABLE regulation_terms (rid bigint PRIMARY KEY, tsv tsvector NOT NULL)",
        _INDEXES["regulation_terms_tsv"],
        "CREATE INDEX regulations_gid ON regulations (gid)",
        "CREATE INDEX regulations_plan ON regulations (plan_fid)",
        "CREATE INDEX regulations_code ON regulations (code)",
        """CREATE TABLE group_objects (
  gid bigint NOT NULL, object_fid bigint NOT NULL, cancelled int NOT NULL DEFAULT 0,
  PRIMARY KEY (gid, object_fid))""",
        "CREATE INDEX group_objects_object ON group_objects (object_fid)",
        f"""CREATE TABLE cancellations (
  cid bigserial PRIMARY KEY, plan_fid bigint NOT NULL, target text NOT NULL,
  entire_plan int NOT NULL, kind text NOT NULL, object_key text, group_key text,
  entire_object int NOT NULL DEFAULT 1, validity geometry(Geometry, {srid}))""",
        "CREATE INDEX cancellations_target ON cancellations (target)",
        "CREATE INDEX cancellations_plan ON cancellations (plan_fid)",
        """CREATE TABLE sources (path text PRIMARY KEY, size bigint, mtime_ns bigint,
  options text, plan_key text, added_at text)""",
        "CREATE TABLE id_counters (name text PRIMARY KEY, next bigint NOT NULL)",
    ]


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class PostgisStore(SqlStore):
    """An archive in a PostgreSQL schema with PostGIS."""

    kind = "postgis"

    def __init__(self, conn: Any, location: str, schema: str, srid: int) -> None:
        self.conn = conn
        self.location = location
        self.schema = schema
        self.srid = srid
        self._lock = _LOCK ^ zlib.crc32(schema.encode("utf-8"))

    # -- opening ------------------------------------------------------------------------
    @staticmethod
    def _connect(url: str) -> tuple[Any, str, str]:
        import psycopg

        dsn, schema = _split(url)
        shown = redact(url)
        try:
            conn = psycopg.connect(dsn, connect_timeout=10, autocommit=True)
        except psycopg.Error as exc:
            raise InputError(
                f"cannot connect to PostgreSQL: {_first_line(exc)}", source=shown
            ) from None
        return conn, schema, shown

    @classmethod
    def create(cls, url: str, srid: int) -> PostgisStore:
        import psycopg

        conn, schema, shown = cls._connect(url)
        try:
            with conn.transaction():
                conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                exists = conn.execute(
                    "SELECT 1 FROM information_schema.tables WHERE table_schema = %s "
                    "AND table_name = 'archive_meta'",
                    (schema,),
                ).fetchone()
                if exists:
                    raise UsageError(f"schema {schema} already holds an archive", hint=shown)
                conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                conn.execute(f'SET LOCAL search_path TO "{schema}", public')
                for statement in _ddl(srid):
                    conn.execute(statement)
                now = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                for key, value in (
                    ("kind", ARCHIVE_KIND),
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("srid", str(srid)),
                    ("created", now),
                    ("created_by", f"ryhti {__version__}"),
                ):
                    conn.execute("INSERT INTO archive_meta VALUES (%s, %s)", (key, value))
        except psycopg.Error as exc:
            conn.close()
            raise InputError(
                f"cannot create the archive: {_first_line(exc)}", source=shown
            ) from None
        conn.close()
        return cls.open(url)

    @classmethod
    def open(cls, url: str) -> PostgisStore:
        import psycopg

        conn, schema, shown = cls._connect(url)
        try:
            conn.execute(f'SET search_path TO "{schema}", public')
            meta = dict(conn.execute("SELECT key, value FROM archive_meta").fetchall())
        except psycopg.errors.UndefinedTable:
            conn.close()
            raise InputError(
                f"no archive in schema {schema}", source=shown, hint=f"ryhti archive init {shown}"
            ) from None
        except psycopg.Error as exc:
            conn.close()
            raise InputError(
                f"the archive cannot be read: {_first_line(exc)}", source=shown
            ) from None
        if meta.get("kind") != ARCHIVE_KIND:
            conn.close()
            raise InputError(f"schema {schema} is not a ryhti archive", source=shown)
        if int(meta.get("schema_version", "0")) > SCHEMA_VERSION:
            conn.close()
            raise InputError("the archive's layout is newer than this ryhti knows", source=shown)
        return cls(conn, shown, schema, int(meta.get("srid", "3067")))

    @contextmanager
    def _guard(self) -> Iterator[None]:
        import psycopg

        try:
            yield
        except psycopg.Error as exc:
            raise InputError(
                f"archive query failed: {_first_line(exc)}", source=self.location
            ) from None

    def close(self) -> None:
        self.conn.close()

    def begin_bulk(self) -> None:
        with self._transaction():
            for name in _BULK_SET_ASIDE:
                self.conn.execute(f"DROP INDEX IF EXISTS {name}")

    def restore_indexes(self) -> None:
        """Build the indexes a bulk load set aside (or an interrupted one left out)."""
        missing = [
            name
            for name in _INDEXES
            if not self._all(
                "SELECT 1 FROM pg_indexes WHERE schemaname = ? AND indexname = ?",
                (self.schema, name),
            )
        ]
        if missing:
            with self._transaction():
                self.conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for name in missing:
                    self.conn.execute(_INDEXES[name])

    def optimize(self) -> None:
        """ANALYZE the tables a bulk load changed: the planner otherwise works from the
        statistics of the empty archive and picks nested loops over thousands of rows."""
        with self._guard():
            for table in (
                "plans",
                "plan_objects",
                "regulation_groups",
                "regulations",
                "group_objects",
            ):
                self.conn.execute(f"ANALYZE {table}")

    # -- dialect ------------------------------------------------------------------------
    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        from psycopg.rows import dict_row

        with self._guard(), self.conn.cursor(row_factory=dict_row) as cur:
            cur.execute(self._sql(sql), list(params))
            return list(cur.fetchall()) if cur.description else []

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._guard():
            return self.conn.execute(self._sql(sql), list(params))

    def _many(self, sql: str, rows: Any) -> None:
        with self._guard(), self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    def _copy(
        self, table: str, columns: str, rows: Any, types: Sequence[str] | None = None
    ) -> None:
        """``COPY`` the rows in; binary when ``types`` names each column's type (geometry
        then goes in as the EWKB bytes, not as hex text both sides must convert)."""
        binary = " (FORMAT BINARY)" if types else ""
        with (
            self._guard(),
            self.conn.cursor() as cur,
            cur.copy(f"COPY {table} ({columns}) FROM STDIN{binary}") as copy,
        ):
            if types:
                copy.set_types(list(types))
            for row in rows:
                copy.write_row(row)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._guard(), self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock,))
            yield

    def _next_ids(self, table: str, count: int) -> int:
        row = self.conn.execute(
            "INSERT INTO id_counters VALUES (%s, %s) ON CONFLICT (name) DO UPDATE SET "
            "next = id_counters.next + %s RETURNING next",
            (table, count + 1, count),
        ).fetchone()
        return int(row[0]) - count

    def _geom(self, wkb: bytes | None, bounds: Any) -> Any:
        return None if wkb is None else ewkb(wkb, self.srid).hex()

    def _geoms(self, wkb: list[bytes | None], bounds: Any) -> list[Any]:
        """EWKB bytes, for the binary ``COPY`` of the objects."""
        srid = self.srid
        return [None if w is None else ewkb(w, srid) for w in wkb]

    def _wkb(self, value: Any) -> bytes | None:
        return None if value is None else bytes(value)

    def _g(self, column: str, alias: str = "") -> str:
        return f"ST_AsBinary({alias}{column}) AS {column}"

    def _insert_plans(self, columns: str, rows: list[tuple], boxes: list[tuple]) -> None:
        self._copy("plans", columns, rows)

    def _insert_objects(self, rows: list[tuple], boxes: list[tuple]) -> None:
        self._copy(
            "plan_objects",
            "fid, geom, plan_fid, object_key, object_index, name, object_number, letters, "
            "main_use, lifecycle, underground, geometry_type",
            rows,
            _OBJECT_TYPES,
        )

    def _insert_regulations(self, rows: list[tuple]) -> None:
        self._copy(
            "regulations",
            "rid, gid, plan_fid, regulation_key, kind, code, code_label, value_text, number, "
            "unit, text_fi, text_sv, infos, sentence_fi, sentence_sv, regulation_number",
            (r[:16] for r in rows),
            _BINARY_TYPES["regulations"],
        )
        # Thousands of plans share their regulation texts: each distinct pair of term
        # lists becomes a tsvector once per batch, and every regulation takes its own.
        distinct: dict[tuple[str, str], int] = {}
        which = [distinct.setdefault((r[16], r[17]), len(distinct) + 1) for r in rows]
        self._exec(
            "INSERT INTO regulation_terms SELECT r.rid, v.tsv FROM unnest(?::bigint[], "
            "?::int[]) AS r(rid, i) JOIN (SELECT u.i, setweight(to_tsvector('simple', u.m), "
            "'A') || setweight(to_tsvector('simple', u.c), 'B') AS tsv FROM unnest(?::text[], "
            "?::text[]) WITH ORDINALITY AS u(m, c, i)) v ON v.i = r.i",
            (
                [r[0] for r in rows],
                which,
                [m for m, _ in distinct],
                [c for _, c in distinct],
            ),
        )

    def _insert_rows(self, table: str, columns: str, rows: list[tuple]) -> None:
        self._copy(table, columns, rows, _BINARY_TYPES.get(table))

    def _delete_regulations(self, fid: int) -> None:
        self._exec(
            "DELETE FROM regulation_terms WHERE rid IN (SELECT rid FROM regulations "
            "WHERE plan_fid = ?)",
            (fid,),
        )
        self._exec("DELETE FROM regulations WHERE plan_fid = ?", (fid,))

    def _bbox_rows(
        self,
        table: str,
        box: tuple[float, float, float, float],
        geom: bool = True,
        plan_fid: int | None = None,
    ) -> list[dict]:
        sql = (
            f"SELECT fid{', ST_AsBinary(geom) AS geom' if geom else ''} FROM {table} "
            f"WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, {int(self.srid)})"
        )
        params: list[Any] = list(box)
        if plan_fid is not None:
            sql += " AND plan_fid = ?"
            params.append(plan_fid)
        return self._all(sql, params)

    def _fill_temp(self, name: str, ids: set[int]) -> str:
        with self._guard():
            self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (id bigint PRIMARY KEY)")
            self.conn.execute(f"TRUNCATE {name}")
            self._copy(name, "id", ((i,) for i in ids))
        return f"pg_temp.{name}"

    # -- reading ------------------------------------------------------------------------
    def _rank(
        self, spec: SearchSpec, k: int, area: str | None, cap: int | None
    ) -> tuple[list[tuple[int, float]], int]:
        # One statement: the first ``cap`` matches (a bitmap scan that stops there), each
        # ranked, the best k kept, and how many there were (a window count).
        inner = "SELECT t.rid, t.tsv FROM regulation_terms t WHERE t.tsv @@ to_tsquery('simple', ?)"
        if area is not None:
            inner += f" AND t.rid IN (SELECT id FROM {area})"
        if cap is not None:
            inner += f" LIMIT {int(cap)}"
        sql = (
            f"SELECT t.rid, -ts_rank('{{0.1, 0.2, 0.25, 1.0}}', t.tsv, q) AS score, "
            f"count(*) OVER () AS seen FROM ({inner}) t, to_tsquery('simple', ?) q "
            "ORDER BY score, t.rid LIMIT ?"
        )
        # The GIN index is the way in: without it the scan reads every tsvector until the
        # first cap matches (prefix queries fool the estimate into choosing that).
        with self._guard(), self.conn.transaction():
            self.conn.execute("SET LOCAL enable_seqscan = off")
            rows = self._all(sql, [spec.tsquery, spec.tsquery, k])
        return [(r["rid"], r["score"]) for r in rows], int(rows[0]["seen"]) if rows else 0
