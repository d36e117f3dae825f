"""The GeoPackage side of the embedded archive: tables, geometry blobs, spatial index.

The archive is a GeoPackage 1.3 file (OGC 12-128r18) so a planner can open it in QGIS:
``plans`` (one row per plan version, its area) and ``plan_objects`` are feature tables
with the standard R*Tree spatial index extension (``gpkg_rtree_index``: an SQLite R*Tree
virtual table kept in step by the triggers the standard gives); ``regulation_groups``,
``regulations`` and ``cancellations`` are attribute tables. Full-text search is an SQLite
FTS5 table over ``regulations`` in the same file; QGIS ignores it.

The standard's triggers call ``ST_MinX`` … ``ST_IsEmpty``, which QGIS (GDAL) provides and
:func:`register_functions` provides here, so edits made in either place keep the index
right. A bulk write drops the insert trigger inside its transaction and fills the R*Tree
itself from bounds computed in bulk (GDAL does the same); the trigger is back before the
transaction commits, so no other connection ever sees the file without it.
"""

from __future__ import annotations

import struct
from typing import Any

import numpy as np

__all__ = [
    "DDL",
    "FEATURE_TABLES",
    "blob",
    "blobs",
    "insert_triggers",
    "register_functions",
    "srs_rows",
    "triggers",
    "wkb_of",
]

#: Feature tables: name → (geometry column, geometry type, description).
FEATURE_TABLES = {
    "plans": ("geom", "MULTIPOLYGON", "Kaavat (versiot) ja niiden aluerajaukset"),
    "plan_objects": ("geom", "GEOMETRY", "Kaavakohteet"),
}
#: Attribute tables registered in gpkg_contents so QGIS lists them.
ATTRIBUTE_TABLES = {
    "regulation_groups": "Kaavamääräysryhmät",
    "regulations": "Kaavamääräykset ja -suositukset",
    "cancellations": "Kumoamistiedot",
}

_HEADER = struct.Struct("<2sBBi4d")
_EMPTY_HEADER = struct.Struct("<2sBBi")
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}

DDL = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE plans (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON,
  plan_key TEXT NOT NULL, version INTEGER NOT NULL, is_current INTEGER NOT NULL DEFAULT 0,
  lifecycle TEXT NOT NULL DEFAULT '', lifecycle_rank INTEGER NOT NULL DEFAULT 0,
  in_force_lifecycle INTEGER NOT NULL DEFAULT 0, cancelled_by TEXT,
  name TEXT, level TEXT, plan_type TEXT, municipality TEXT, permanent_id TEXT,
  producer_id TEXT, description TEXT, approval_date TEXT, valid_from TEXT, valid_to TEXT,
  srid_source INTEGER, object_count INTEGER NOT NULL DEFAULT 0,
  regulation_count INTEGER NOT NULL DEFAULT 0, valid INTEGER, error_count INTEGER,
  warning_count INTEGER, findings TEXT, content_hash TEXT NOT NULL, source TEXT,
  added_at TEXT NOT NULL, UNIQUE (plan_key, lifecycle));
CREATE INDEX plans_permanent ON plans(permanent_id);
CREATE TABLE plan_documents (plan_fid INTEGER PRIMARY KEY, plan BLOB NOT NULL, matter BLOB);
CREATE TABLE plan_objects (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY, plan_fid INTEGER NOT NULL,
  object_key TEXT, object_index INTEGER NOT NULL, name TEXT, object_number INTEGER,
  letters TEXT, main_use TEXT, lifecycle TEXT, underground INTEGER NOT NULL DEFAULT 0,
  geometry_type TEXT, cancelled INTEGER NOT NULL DEFAULT 0, cancelled_by TEXT,
  validity BLOB);
CREATE INDEX plan_objects_plan ON plan_objects(plan_fid);
CREATE TABLE regulation_groups (
  gid INTEGER PRIMARY KEY AUTOINCREMENT, plan_fid INTEGER NOT NULL, group_key TEXT,
  kind TEXT NOT NULL, letter TEXT, letter_base TEXT, title_fi TEXT, title_sv TEXT,
  group_number INTEGER, group_index INTEGER NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0);
CREATE INDEX regulation_groups_plan ON regulation_groups(plan_fid);
CREATE INDEX regulation_groups_letter ON regulation_groups(letter_base);
CREATE TABLE regulations (
  rid INTEGER PRIMARY KEY AUTOINCREMENT, gid INTEGER NOT NULL, plan_fid INTEGER NOT NULL,
  regulation_key TEXT, kind TEXT NOT NULL, code TEXT, code_label TEXT, value_text TEXT,
  number REAL, unit TEXT, text_fi TEXT, text_sv TEXT, infos TEXT, sentence_fi TEXT,
  sentence_sv TEXT, regulation_number TEXT, main_terms TEXT NOT NULL,
  context_terms TEXT NOT NULL);
CREATE INDEX regulations_gid ON regulations(gid);
CREATE INDEX regulations_plan ON regulations(plan_fid);
CREATE INDEX regulations_code ON regulations(code);
CREATE VIRTUAL TABLE regulations_fts USING fts5(
  main_terms, context_terms, content='regulations', content_rowid='rid',
  tokenize='unicode61 remove_diacritics 0');
CREATE TABLE group_objects (
  gid INTEGER NOT NULL, object_fid INTEGER NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (gid, object_fid)) WITHOUT ROWID;
CREATE INDEX group_objects_object ON group_objects(object_fid);
CREATE TABLE cancellations (
  cid INTEGER PRIMARY KEY AUTOINCREMENT, plan_fid INTEGER NOT NULL, target TEXT NOT NULL,
  entire_plan INTEGER NOT NULL, kind TEXT NOT NULL, object_key TEXT, group_key TEXT,
  entire_object INTEGER NOT NULL DEFAULT 1, validity BLOB);
CREATE INDEX cancellations_target ON cancellations(target);
CREATE INDEX cancellations_plan ON cancellations(plan_fid);
CREATE TABLE sources (
  path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, options TEXT, plan_key TEXT,
  added_at TEXT);
"""


def srs_rows(srid: int) -> list[tuple[Any, ...]]:
    """The rows of ``gpkg_spatial_ref_sys`` the standard requires, plus the archive's CRS."""
    from pyproj import CRS
    from pyproj.enums import WktVersion

    rows = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic"),
    ]
    for code in sorted({4326, srid}):
        crs = CRS.from_epsg(code)
        rows.append((crs.name, code, "EPSG", code, crs.to_wkt(WktVersion.WKT1_GDAL), crs.name))
    return rows


def _rtree(table: str) -> tuple[str, str, str]:
    column = FEATURE_TABLES[table][0]
    return f"rtree_{table}_{column}", table, column


def insert_triggers(table: str) -> list[str]:
    """The standard's insert trigger of ``table`` (dropped during bulk writes)."""
    rt, t, c = _rtree(table)
    return [
        f'CREATE TRIGGER "{rt}_insert" AFTER INSERT ON "{t}" WHEN (new."{c}" NOT NULL AND '
        f'NOT ST_IsEmpty(NEW."{c}")) BEGIN INSERT OR REPLACE INTO "{rt}" VALUES (NEW."fid", '
        f'ST_MinX(NEW."{c}"), ST_MaxX(NEW."{c}"), ST_MinY(NEW."{c}"), ST_MaxY(NEW."{c}")); END'
    ]


def triggers(table: str) -> list[str]:
    """The R*Tree table and every trigger of the GeoPackage 1.3 spatial index extension."""
    rt, t, c = _rtree(table)
    box = f'ST_MinX(NEW."{c}"), ST_MaxX(NEW."{c}"), ST_MinY(NEW."{c}"), ST_MaxY(NEW."{c}")'
    new_ok = f'(NEW."{c}" NOTNULL AND NOT ST_IsEmpty(NEW."{c}"))'
    new_gone = f'(NEW."{c}" ISNULL OR ST_IsEmpty(NEW."{c}"))'
    return [
        f'CREATE VIRTUAL TABLE "{rt}" USING rtree(id, minx, maxx, miny, maxy)',
        *insert_triggers(table),
        f'CREATE TRIGGER "{rt}_update1" AFTER UPDATE OF "{c}" ON "{t}" WHEN OLD."fid" = '
        f'NEW."fid" AND {new_ok} BEGIN INSERT OR REPLACE INTO "{rt}" VALUES (NEW."fid", {box}); '
        "END",
        f'CREATE TRIGGER "{rt}_update2" AFTER UPDATE OF "{c}" ON "{t}" WHEN OLD."fid" = '
        f'NEW."fid" AND {new_gone} BEGIN DELETE FROM "{rt}" WHERE id = OLD."fid"; END',
        f'CREATE TRIGGER "{rt}_update3" AFTER UPDATE ON "{t}" WHEN OLD."fid" != NEW."fid" AND '
        f'{new_ok} BEGIN DELETE FROM "{rt}" WHERE id = OLD."fid"; INSERT OR REPLACE INTO '
        f'"{rt}" VALUES (NEW."fid", {box}); END',
        f'CREATE TRIGGER "{rt}_update4" AFTER UPDATE ON "{t}" WHEN OLD."fid" != NEW."fid" AND '
        f'{new_gone} BEGIN DELETE FROM "{rt}" WHERE id IN (OLD."fid", NEW."fid"); END',
        f'CREATE TRIGGER "{rt}_delete" AFTER DELETE ON "{t}" WHEN old."{c}" NOT NULL BEGIN '
        f'DELETE FROM "{rt}" WHERE id = OLD."fid"; END',
    ]


def blob(wkb: bytes | None, bounds: Any, srs_id: int) -> bytes | None:
    """One GeoPackage geometry blob: header with the x/y envelope, then the WKB."""
    if wkb is None:
        return None
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    if minx != minx:  # NaN: an empty geometry
        return _EMPTY_HEADER.pack(b"GP", 0, 0b10001, srs_id) + wkb
    return _HEADER.pack(b"GP", 0, 0b11, srs_id, minx, maxx, miny, maxy) + wkb


def blobs(wkb: list[bytes | None], bounds: np.ndarray, srs_id: int) -> list[bytes | None]:
    """Blobs of many geometries: the headers are packed in one NumPy call."""
    n = len(wkb)
    if not n:
        return []
    header = np.zeros(
        n,
        dtype=[
            ("magic", "S2"),
            ("version", "u1"),
            ("flags", "u1"),
            ("srs", "<i4"),
            ("env", "<f8", 4),
        ],
    )
    header["magic"] = b"GP"
    header["flags"] = 0b11
    header["srs"] = srs_id
    header["env"] = bounds[:, [0, 2, 1, 3]]
    raw = header.tobytes()
    size = header.dtype.itemsize
    out: list[bytes | None] = []
    empty = np.isnan(bounds[:, 0])
    for i, w in enumerate(wkb):
        if w is None:
            out.append(None)
        elif empty[i]:
            out.append(_EMPTY_HEADER.pack(b"GP", 0, 0b10001, srs_id) + w)
        else:
            out.append(raw[i * size : (i + 1) * size] + w)
    return out


def wkb_of(data: bytes | None) -> bytes | None:
    """The WKB inside a GeoPackage geometry blob (``None`` for ``None``)."""
    if data is None:
        return None
    if data[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = data[3]
    return bytes(data[8 + _ENVELOPE_BYTES.get((flags >> 1) & 0b111, 0) :])


def _envelope(data: bytes | None) -> tuple[float, float, float, float] | None:
    """``(minx, maxx, miny, maxy)`` of a blob, from its header or, failing that, its WKB."""
    if data is None or data[:2] != b"GP":
        return None
    flags = data[3]
    if flags & 0b10000:
        return None
    env = (flags >> 1) & 0b111
    if env:
        order = "<" if flags & 1 else ">"
        return struct.unpack_from(f"{order}4d", data, 8)
    import shapely

    geom = shapely.from_wkb(wkb_of(data))
    if geom is None or geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return minx, maxx, miny, maxy


def register_functions(conn: Any) -> None:
    """The SQL functions the standard's R*Tree triggers call (GDAL has them in C)."""

    def part(i: int) -> Any:
        def fn(data: bytes | None) -> float | None:
            env = _envelope(data)
            return None if env is None else env[i]

        return fn

    conn.create_function("ST_MinX", 1, part(0), deterministic=True)
    conn.create_function("ST_MaxX", 1, part(1), deterministic=True)
    conn.create_function("ST_MinY", 1, part(2), deterministic=True)
    conn.create_function("ST_MaxY", 1, part(3), deterministic=True)
    conn.create_function(
        "ST_IsEmpty",
        1,
        lambda data: None if data is None else int(_envelope(data) is None),
        deterministic=True,
    )
