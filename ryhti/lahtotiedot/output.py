"""The gathered GeoPackage: one layer per source, the summary table and the area.

Layout (what describe, the plan matter and ``ryhti validate --context`` read):

* one layer per gathered source, named after the source, in the area's CRS;
* ``lahtotiedot``: a table, one row per source — ``source, title, title_sv, theme,
  code, service, url, layer, status, message, features, inside_count,
  inside_area_m2, inside_share, fetched, from_cache, licence, level, fields``
  (``fields`` is JSON: which attribute is the name, identifier, sign…);
* ``lahtotiedot_alue``: the plan area and the gathered (buffered) area.

The file is written beside its target and renamed over it only when complete.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from ryhti.errors import InputError
from ryhti.io import atomic_path
from ryhti.lahtotiedot.gather import GatherResult, SourceResult

__all__ = [
    "AREA_TABLE",
    "RESERVED",
    "SUMMARY_COLUMNS",
    "SUMMARY_TABLE",
    "format_summary",
    "read_summary",
    "summary_rows",
    "write_gpkg",
]

SUMMARY_TABLE = "lahtotiedot"
AREA_TABLE = "lahtotiedot_alue"
RESERVED = frozenset({SUMMARY_TABLE, AREA_TABLE})
SUMMARY_COLUMNS = (
    "source",
    "title",
    "title_sv",
    "theme",
    "code",
    "service",
    "url",
    "layer",
    "status",
    "message",
    "features",
    "inside_count",
    "inside_area_m2",
    "inside_share",
    "fetched",
    "from_cache",
    "licence",
    "level",
    "fields",
)


def _row(result: SourceResult) -> dict[str, Any]:
    spec = result.spec
    return {
        "source": spec.name,
        "title": spec.display_title,
        "title_sv": spec.title_sv,
        "theme": spec.theme or "",
        "code": spec.code,
        "service": spec.service,
        "url": spec.url,
        "layer": spec.layer or "",
        "status": result.status,
        "message": result.message,
        "features": result.features if result.ok else None,
        "inside_count": result.inside_count if result.ok else None,
        "inside_area_m2": result.inside_area_m2,
        "inside_share": result.inside_share,
        "fetched": result.fetched,
        "from_cache": int(result.from_cache),
        "licence": spec.licence,
        "level": spec.level or "",
        "fields": json.dumps(dict(spec.fields), ensure_ascii=False, sort_keys=True),
    }


def summary_rows(result: GatherResult) -> list[dict[str, Any]]:
    return [_row(r) for r in result.results]


def write_gpkg(result: GatherResult, path: str | Path) -> Path:
    """Write the gathered GeoPackage atomically (failed sources: a summary row, no layer)."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    target = Path(path)
    with atomic_path(target, ".gpkg") as tmp:
        for item in result.results:
            if item.ok:
                pyogrio.write_dataframe(
                    item.frame, tmp, layer=item.spec.name, driver="GPKG", geometry_type="Unknown"
                )
        area = gpd.GeoDataFrame(
            {"kind": ["kaava-alue", "keruualue"], "buffer_m": [0.0, float(result.buffer)]},
            geometry=[result.area.geometry, result.area.buffered(result.buffer)],
            crs=result.area.crs,
        )
        pyogrio.write_dataframe(area, tmp, layer=AREA_TABLE, driver="GPKG")
        table = pd.DataFrame(summary_rows(result), columns=list(SUMMARY_COLUMNS))
        for column in table.columns:
            if table[column].dtype == object:
                table[column] = table[column].astype("string")
        pyogrio.write_dataframe(table, tmp, layer=SUMMARY_TABLE, driver="GPKG")
    return target


def read_summary(path: str | Path) -> list[dict[str, Any]]:
    """The summary rows of a gathered GeoPackage (plain SQLite: no GDAL needed)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", source=path)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            db.row_factory = sqlite3.Row
            rows = [dict(r) for r in db.execute(f'SELECT * FROM "{SUMMARY_TABLE}"')]
    except sqlite3.DatabaseError as exc:
        raise InputError(
            f"not a gathered background-data GeoPackage ({exc})",
            source=path,
            hint="make one with `ryhti lahtotiedot`",
        ) from None
    for row in rows:
        row["fields"] = json.loads(row.get("fields") or "{}")
    return rows


def _inside(row: dict[str, Any]) -> str:
    if row.get("inside_area_m2") is not None:
        share = row.get("inside_share") or 0.0
        return f"{row['inside_area_m2'] / 10000:.2f} ha ({share * 100:.1f} %)"
    return f"{row['inside_count']} inside"


def format_summary(rows: list[dict[str, Any]]) -> str:
    """The summary as a plain-text table, one line per source (a failure says why)."""
    header = ("source", "layer", "code", "features", "inside plan area", "fetched", "licence")
    table = [header]
    failures: dict[int, str] = {}
    for row in rows:
        if row["status"] != "ok":
            failures[len(table)] = f"FAILED: {row['message']}"
            table.append((row["source"], row["layer"], row["code"], "", "", "", ""))
            continue
        fetched = str(row["fetched"])[:10] + (" (cache)" if row["from_cache"] else "")
        table.append(
            (
                row["source"],
                row["layer"],
                row["code"],
                str(row["features"]),
                _inside(row),
                fetched,
                row["licence"],
            )
        )
    widths = [max(len(str(line[i])) for line in table) for i in range(len(header))]
    out = []
    for i, line in enumerate(table):
        if i in failures:
            cells = [str(v).ljust(w) for v, w in zip(line[:3], widths[:3], strict=True)]
            out.append("  ".join([*cells, failures[i]]))
        else:
            out.append(
                "  ".join(str(v).ljust(w) for v, w in zip(line, widths, strict=True)).rstrip()
            )
    return "\n".join(out)
