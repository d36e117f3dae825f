"""PostGIS by connection URL → :class:`Source` (psycopg, geometry as WKB in bulk).

    ryhti convert "postgresql://user@host/db?schema=kaava" -o plan.json
    ryhti convert "postgresql://user@host/db?tables=kaava.alueet,kaava.maaraykset" …

Every table with a geometry column in the chosen schema (all non-system schemas by
default) becomes a layer named after the table; ``tables=`` names tables explicitly
(attribute-only tables such as regulation texts too). Geometry is fetched with
``ST_AsBinary`` and built with one ``shapely.from_wkb`` call per table; the CRS comes
from ``Find_SRID``. The feature id is the table's primary key (one column), else the
row's position in primary-key-less order (``ctid``), reported as such.

Why psycopg and not GDAL's PostgreSQL driver: the GDAL in the project's wheels is built
without it, and psycopg is already a dependency. Passwords are never echoed in messages.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import pandas as pd
import shapely

from ryhti.errors import InputError
from ryhti.parsers.crs import parse_crs
from ryhti.parsers.source import Layer, Source

__all__ = ["read_postgis", "read_source", "redact"]

_OWN_PARAMS = ("schema", "tables")
_SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "topology", "tiger", "tiger_data")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*$")


def redact(url: str) -> str:
    """The URL with its password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def _split(url: str) -> tuple[str, dict[str, str]]:
    if url.startswith("PG:"):
        return url[3:], {}
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    own = {k: query.pop(k) for k in _OWN_PARAMS if k in query}
    return urlunsplit(parts._replace(query=urlencode(query))), own


def _quote(name: str, source: str) -> str:
    if not _IDENT.match(name):
        raise InputError(f"table or schema name {name!r} is not a plain identifier", source=source)
    return f'"{name}"'


def read_postgis(url: str) -> Source:
    """Read the layers of a PostGIS database given by ``url``."""
    import psycopg

    shown = redact(url)
    dsn, own = _split(url)
    try:
        conn = psycopg.connect(dsn, connect_timeout=10)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot connect to PostGIS: {first}", source=shown) from exc
    try:
        with conn:
            conn.read_only = True
            tables = _tables(conn, own, shown)
            layers = [_layer(conn, schema, table, geom, shown) for schema, table, geom in tables]
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0]
        raise InputError(f"PostGIS query failed: {first}", source=shown) from exc
    finally:
        conn.close()
    crs = next((layer.crs for layer in layers if layer.crs is not None), None)
    return Source(path=shown, kind="postgis", layers=layers, crs=crs)


def _tables(conn: Any, own: dict[str, str], shown: str) -> list[tuple[str, str, str | None]]:
    with conn.cursor() as cur:
        try:
            cur.execute(
                "SELECT f_table_schema, f_table_name, f_geometry_column FROM geometry_columns"
            )
        except Exception as exc:
            raise InputError(
                "the database has no PostGIS (geometry_columns is missing)", source=shown
            ) from exc
        geometry = {}
        for schema, table, column in cur.fetchall():
            geometry.setdefault((schema, table), column)
    if own.get("tables"):
        out = []
        for item in own["tables"].split(","):
            schema, _, table = item.strip().rpartition(".")
            schema = schema or own.get("schema") or "public"
            with conn.cursor() as cur:
                cur.execute(
                    "SELECT 1 FROM information_schema.tables WHERE table_schema=%s AND table_name=%s",
                    (schema, table),
                )
                if cur.fetchone() is None:
                    raise InputError(f"no table {schema}.{table}", source=shown)
            out.append((schema, table, geometry.get((schema, table))))
        return out
    wanted = own.get("schema")
    out = [
        (schema, table, column)
        for (schema, table), column in sorted(geometry.items())
        if (schema == wanted if wanted else schema not in _SYSTEM_SCHEMAS)
    ]
    if not out:
        raise InputError(
            f"no tables with geometry{' in schema ' + wanted if wanted else ''}",
            source=shown,
            hint="name tables with ?tables=schema.table,… or the schema with ?schema=",
        )
    return out


def _primary_key(conn: Any, schema: str, table: str) -> str | None:
    with conn.cursor() as cur:
        cur.execute(
            """
            SELECT a.attname FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = (quote_ident(%s) || '.' || quote_ident(%s))::regclass
              AND i.indisprimary
            """,
            (schema, table),
        )
        rows = cur.fetchall()
    return rows[0][0] if len(rows) == 1 else None


def _layer(conn: Any, schema: str, table: str, geom: str | None, shown: str) -> Layer:
    qualified = f"{_quote(schema, shown)}.{_quote(table, shown)}"
    pk = _primary_key(conn, schema, table)
    srid = None
    with conn.cursor() as cur:
        if geom is not None:
            cur.execute("SELECT Find_SRID(%s, %s, %s)", (schema, table, geom))
            srid = cur.fetchone()[0]
        order = f" ORDER BY {_quote(pk, shown)}" if pk else " ORDER BY ctid"
        geom_sql = f', ST_AsBinary({_quote(geom, shown)}) AS "__ryhti_wkb"' if geom else ""
        cur.execute(f"SELECT *{geom_sql} FROM {qualified}{order}")
        names = [d.name for d in cur.description]
        rows = cur.fetchall()
    frame = pd.DataFrame(rows, columns=names)
    geometry = np.empty(len(frame), dtype=object)
    if geom is not None:
        wkb = frame.pop("__ryhti_wkb").tolist()
        frame = frame.drop(columns=[geom])
        data = [bytes(w) if w is not None else None for w in wkb]
        geometry[:] = shapely.from_wkb(data) if data else []
    if pk is not None:
        fids = [str(v) for v in frame[pk].tolist()]
        frame = frame.drop(columns=[pk])
    else:
        fids = [str(i + 1) for i in range(len(frame))]
    frame = frame.astype(object).where(frame.notna(), None).reset_index(drop=True)
    crs = parse_crs(srid) if srid else None
    return Layer(
        name=table,
        attributes=frame,
        geometry=geometry,
        fids=fids,
        crs=crs,
        geometry_type=None,
    )


def read_source(url: str, options: Any) -> Source:
    """The registry's entry point (:mod:`ryhti.parsers.formats`)."""
    return read_postgis(url)
