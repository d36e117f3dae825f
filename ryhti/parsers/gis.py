"""GIS files (GeoPackage, Shapefile, zipped Shapefile, GeoJSON) → :class:`Source`.

Read with pyogrio (GDAL). Why not fiona or geopandas' default path: pyogrio reads
whole layers into NumPy arrays in C, which keeps a 100,000-feature layer well under a
second. Every GDAL failure becomes an :class:`~ryhti.errors.InputError` naming the
file and layer; a zip whose member paths would escape the extraction folder is
refused before GDAL sees it (GDAL reads through ``/vsizip/`` and never extracts, but
a zip like that is hostile and the user should know).
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from ryhti.errors import InputError
from ryhti.io import check_readable
from ryhti.parsers.source import Layer, Source
from ryhti.zipfiles import safe_zip_members

__all__ = ["GIS_SUFFIXES", "check_content", "read_gis", "read_source"]

GIS_SUFFIXES = {".gpkg", ".shp", ".geojson", ".json", ".zip", ".dxf", ".fgb", ".gml"}

#: Tables that GIS programs add to a GeoPackage for cartography; they hold no plan content.
CARTOGRAPHIC_TABLES = {
    "layer_styles": "QGIS layer styles (cartography)",
    "qgis_projects": "QGIS project stored in the GeoPackage",
}

#: How files of these suffixes begin. GDAL chooses its driver by content, not by name, so
#: without this check a file named ``kaava.gpkg`` could be anything GDAL reads.
SIGNATURES = {
    ".gpkg": (b"SQLite format 3\x00", "GeoPackage"),
    ".shp": (b"\x00\x00\x27\x0a", "Shapefile"),
    ".fgb": (b"fgb\x03", "FlatGeobuf"),
}
#: Datasets that are pointers to other files or URLs (OGR/GDAL VRT, WFS, WMS, /vsi paths):
#: opening one reads outside the input the user named, so they are refused.
_POINTERS = (b"<ogrvrtdatasource", b"<ogrwfsdatasource", b"<vrtdataset", b"<gdal_wms", b"/vsi")


def check_content(head: bytes, path: Path, suffix: str, member: str | None = None) -> None:
    """Refuse a file (or zip member) whose first bytes are not what its suffix says, and any
    GDAL virtual dataset, before GDAL opens it."""
    where = f"zip member {member}" if member else None
    expected = SIGNATURES.get(suffix)
    if expected and not head.startswith(expected[0]):
        raise InputError(
            f"not a {expected[1]}: the content does not begin as one",
            source=path,
            where=where,
        )
    lowered = head.lower()
    if any(marker in lowered for marker in _POINTERS):
        raise InputError(
            "a GDAL virtual dataset (it reads other files or URLs) is refused",
            source=path,
            where=where,
            hint="convert the data it points to instead",
        )


def _check_file_content(path: Path, suffix: str) -> None:
    if path.is_dir():
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=path) from exc
    check_content(head, path, suffix)


def _check_zip_member(path: Path, name: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf, zf.open(name) as fh:
            head = fh.read(65536)
    except (zipfile.BadZipFile, RuntimeError, OSError, ValueError, EOFError) as exc:
        raise InputError(f"zip member {name!r} cannot be read: {exc}", source=path) from exc
    check_content(head, path, PurePosixPath(name).suffix.lower(), member=name)


def _dataset_in_zip(path: Path) -> str:
    names = safe_zip_members(path)
    for suffix in (".gpkg", ".shp", ".geojson", ".json"):
        found = sorted(n for n in names if n.lower().endswith(suffix))
        for name in found:
            _check_zip_member(path, name)
        if found:
            if suffix == ".shp" and len(found) > 1:
                # a folder of shapefiles: GDAL opens the folder inside the zip
                folder = str(PurePosixPath(found[0]).parent)
                return f"/vsizip/{path.resolve()}" + ("" if folder == "." else f"/{folder}")
            return f"/vsizip/{path.resolve()}/{found[0]}"
    raise InputError(
        "zip holds no GeoPackage, Shapefile or GeoJSON",
        source=path,
        hint=f"members: {', '.join(names[:8]) or 'none'}",
    )


def _gdal_error(exc: Exception, path: Path, layer: str | None = None) -> InputError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    where = f"layer {layer}" if layer else None
    if isinstance(exc, UnicodeDecodeError) or "codec can't decode" in text:
        return InputError(
            f"text attributes are not in the declared encoding: {text}",
            source=path,
            where=where,
            hint="pass --encoding cp1252 (or the encoding the file was written in)",
        )
    return InputError(f"cannot be read as GIS data: {text}", source=path, where=where)


def read_gis(
    path: str | Path,
    *,
    layers: list[str] | None = None,
    encoding: str | None = None,
    kind: str | None = None,
) -> Source:
    """Read every layer (or the named ``layers``) of a GIS file into a Source."""
    import pyogrio

    p = check_readable(path)
    suffix = p.suffix.lower()
    if suffix != ".zip":
        _check_file_content(p, suffix)
    dataset = _dataset_in_zip(p) if suffix == ".zip" else str(p)
    if suffix in (".json", ".geojson"):
        _check_json_text(p)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            listed = pyogrio.list_layers(dataset)
    except Exception as exc:
        raise _gdal_error(exc, p) from exc
    names = [str(row[0]) for row in listed]
    if layers:
        missing = [n for n in layers if n not in names]
        if missing:
            raise InputError(
                f"no layer {missing[0]!r}",
                source=p,
                hint=f"layers: {', '.join(names) or 'none'}",
            )
        names = [n for n in names if n in layers]
    out: list[Layer] = []
    unrepresentable: list[dict[str, Any]] = []
    for name in names:
        if name in CARTOGRAPHIC_TABLES:
            unrepresentable.append(
                {"file": str(p), "layer": name, "reason": CARTOGRAPHIC_TABLES[name]}
            )
            continue
        out.append(_read_layer(pyogrio, dataset, p, name, encoding))
    crs = next((layer.crs for layer in out if layer.crs is not None), None)
    source = Source(path=str(p), kind=kind or _kind_of(suffix), layers=out, crs=crs)
    source.unrepresentable.extend(unrepresentable)
    return source


def _kind_of(suffix: str) -> str:
    return {
        ".gpkg": "gpkg",
        ".shp": "shapefile",
        ".zip": "zip",
        ".geojson": "geojson",
        ".json": "geojson",
        ".dxf": "dxf",
    }.get(suffix, suffix.lstrip("."))


def _check_json_text(path: Path) -> None:
    """GeoJSON must be strict JSON (RFC 8259): UTF-8, since cp1252 text would be garbled by
    GDAL, and no NaN/Infinity, which GDAL accepts and whose vertices would silently vanish."""
    from ryhti.io import decode_text, parse_json, read_bytes

    parse_json(decode_text(read_bytes(path), path), path)


def _read_layer(pyogrio: Any, dataset: str, path: Path, name: str, encoding: str | None) -> Layer:
    kwargs: dict[str, Any] = {"layer": name, "fid_as_index": True}
    if encoding:
        kwargs["encoding"] = encoding
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            info = pyogrio.read_info(
                dataset, layer=name, **({"encoding": encoding} if encoding else {})
            )
            frame = pyogrio.read_dataframe(dataset, **kwargs)
    except Exception as exc:
        raise _gdal_error(exc, path, name) from exc
    for w in caught:
        text = str(w.message)
        if "encoding" in text.lower() or "recode" in text.lower():
            raise InputError(
                f"text attributes are not in the declared encoding: {text}",
                source=path,
                where=f"layer {name}",
                hint="pass --encoding cp1252 (or the right one) to read them",
            )
    geometry = np.empty(len(frame), dtype=object)
    crs = None
    geometry_type = info.get("geometry_type")
    if "geometry" in getattr(frame, "columns", []) and hasattr(frame, "geometry"):
        geometry = np.asarray(frame.geometry.values, dtype=object)
        crs = frame.crs
        attributes = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    else:
        attributes = pd.DataFrame(frame)
        geometry[:] = None
    fids = [str(i) for i in frame.index.tolist()]
    attributes = attributes.reset_index(drop=True)
    _check_text_columns(attributes, path, name)
    return Layer(
        name=name,
        attributes=attributes,
        geometry=geometry,
        fids=fids,
        crs=crs,
        geometry_type=geometry_type,
    )


def _check_text_columns(frame: pd.DataFrame, path: Path, layer: str) -> None:
    """Refuse text that GDAL decoded wrongly (U+FFFD or C1 controls from cp1252 read as UTF-8)."""
    for column in frame.columns:
        series = frame[column]
        if series.dtype != object:
            continue
        for i, value in enumerate(series.tolist()):
            if isinstance(value, str) and ("\ufffd" in value or _has_c1(value)):
                raise InputError(
                    f"attribute {column!r} has text in an unexpected encoding ({value[:40]!r})",
                    source=path,
                    where=f"layer {layer}, feature {i}",
                    hint="pass --encoding cp1252 (or the encoding the file was written in)",
                )


def _has_c1(text: str) -> bool:
    return any(0x80 <= ord(ch) <= 0x9F for ch in text)


def read_source(path: str | Path, options: Any) -> Source:
    """The registry's entry point (:mod:`ryhti.parsers.formats`): a GIS file or a folder of
    shapefiles."""
    p = Path(path)
    kind = "shapefile-folder" if p.is_dir() else None
    return read_gis(p, encoding=options.encoding, kind=kind)
