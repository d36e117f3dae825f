"""Reading a gathered background-data GeoPackage for the context rules, with SQLite only.

The summary table ``lahtotiedot`` says each source's theme, status and which attribute
holds a name, identifier or plan sign; each source's layer holds GeoPackage geometry
blobs (a short header, then WKB) that shapely reads in bulk. Read once per file.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ryhti.errors import InputError

__all__ = ["ContextLayer", "layers_of"]

_ENVELOPE = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


@dataclass(frozen=True)
class ContextLayer:
    """One gathered source: its theme, geometries and the attributes the rules name."""

    source: str
    title: str
    theme: str
    level: str
    srid: str
    geoms: np.ndarray
    names: list[str]
    identifiers: list[str]
    signs: list[str]
    levels: list[str]
    plan_names: list[str]


def _wkb(blob: bytes | None) -> bytes | None:
    if not blob or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0x10:  # empty geometry
        return None
    return blob[8 + _ENVELOPE.get((flags >> 1) & 0x07, 0) :]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


@functools.cache
def _read(path: str, mtime: float) -> tuple[ContextLayer, ...]:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"cannot open the context GeoPackage: {exc}", source=path) from None
    try:
        rows = db.execute(
            "SELECT source, title, theme, status, level, fields FROM lahtotiedot"
        ).fetchall()
        columns = dict(
            db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns").fetchall()
        )
        srids = dict(db.execute("SELECT table_name, srs_id FROM gpkg_geometry_columns").fetchall())
        out = []
        for source, title, theme, status, level, fields_json in rows:
            if status != "ok" or not theme or source not in columns:
                continue
            fields = json.loads(fields_json or "{}")
            wanted = ("name", "identifier", "sign", "level", "plan_name")
            names = [r[1] for r in db.execute(f'PRAGMA table_info("{source}")')]
            select = [f'"{columns[source]}"']
            for role in wanted:
                column = fields.get(role)
                select.append(f'"{column}"' if column in names else "NULL")
            data = db.execute(f'SELECT {", ".join(select)} FROM "{source}"').fetchall()
            blobs = [_wkb(r[0]) for r in data]
            keep = [i for i, b in enumerate(blobs) if b is not None]
            geoms = shapely.from_wkb(np.array([blobs[i] for i in keep], dtype=object))
            out.append(
                ContextLayer(
                    source=source,
                    title=title or source,
                    theme=theme,
                    level=level or "",
                    srid=str(srids.get(source, "")),
                    geoms=np.asarray(geoms, dtype=object),
                    names=[_text(data[i][1]) for i in keep],
                    identifiers=[_text(data[i][2]) for i in keep],
                    signs=[_text(data[i][3]) for i in keep],
                    levels=[_text(data[i][4]) for i in keep],
                    plan_names=[_text(data[i][5]) for i in keep],
                )
            )
        return tuple(out)
    except (sqlite3.Error, struct.error, ValueError, shapely.errors.GEOSException) as exc:
        raise InputError(
            f"not a gathered background-data GeoPackage ({exc})",
            source=path,
            hint="make one with `ryhti lahtotiedot`",
        ) from None
    finally:
        db.close()


def layers_of(ctx: Any, pc: Any, themes: tuple[str, ...]) -> list[ContextLayer]:
    """The context layers of ``themes`` (none without ``--context``), checked for the CRS."""
    path = ctx.config.context
    if not path:
        return []
    file = Path(path)
    if not file.is_file():
        raise InputError("no such file", source=path)
    layers = [layer for layer in _read(str(file), file.stat().st_mtime) if layer.theme in themes]
    for layer in layers:
        if pc.srid and layer.srid and layer.srid != pc.srid and len(layer.geoms):
            raise InputError(
                f"layer {layer.source} is in EPSG:{layer.srid}, the plan in EPSG:{pc.srid}",
                source=path,
                hint="gather again for this plan: ryhti lahtotiedot plan.json …",
            )
    return layers
