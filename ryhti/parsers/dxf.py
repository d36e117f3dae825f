"""DXF (CAD drawings) → :class:`Source`, one layer per CAD layer.

GDAL's DXF driver reads every entity into one table with the CAD layer in ``Layer``;
this reader splits it back into layers named after the CAD layers, so a mapping file
says which CAD layer is the plan boundary, which hold areas, lines, points (CAD layer
names are municipality- and vendor-specific, so there is no preset).

* Closed polylines become polygons (``DXF_CLOSED_LINE_AS_POLYGON``).
* Arcs (ARC entities, polyline bulges, circles) are linearised by GDAL in steps of
  :data:`ARC_STEP_DEGREES` degrees: within 1 cm of the true arc for radii up to 1.3 km
  (sagitta = r·(1 − cos(step/2))). The report notes this for the whole file.
* Texts (TEXT/MTEXT) are points with their string in ``Text``. Each area also gets a
  derived ``label`` column: the texts that lie inside it, top to bottom, so a letter
  code written inside a block ("AK", "e=0,40") can be mapped as its letter code.
* The feature id is the entity handle when the drawing has handles, else the entity's
  position in the file.

* A coordinate that is not a number (group codes 10–38, 210–230) is an input error
  naming the line, entity and group code: GDAL would read it as 0 without a word.

A DXF carries no coordinate system: give it with ``--source-crs`` (or the mapping's
``[geometry] source_crs``).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from ryhti.errors import InputError
from ryhti.io import check_readable
from ryhti.parsers.source import Layer, Source

__all__ = ["ARC_STEP_DEGREES", "read_dxf", "read_source"]

#: Angle step GDAL uses to linearise DXF arcs.
ARC_STEP_DEGREES = 0.5


def _refuse_virtual(path: Path) -> None:
    """GDAL opens by content: a .dxf that is really a VRT would read other files."""
    from ryhti.parsers.gis import check_content

    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=path) from exc
    check_content(head, path, ".dxf")


#: Group codes whose value is a coordinate: points (10–18, 20–28, 30–38) and the
#: extrusion direction (210, 220, 230).
_COORDINATE_CODES = frozenset([*range(10, 19), *range(20, 29), *range(30, 39), 210, 220, 230])
_AXIS = {1: "x", 2: "y", 3: "z"}


def _check_coordinates(path: Path) -> None:
    """Refuse a text DXF whose coordinate values are not numbers.

    GDAL's DXF driver reads such a value (``x``) as 0, so the entity would silently get a
    vertex at the origin. Group codes and values alternate line by line; the check stops
    where the pairing is lost (a code line that is not a number), leaving that file to
    GDAL's own checks.
    """
    with path.open("rb") as fh:
        if fh.read(18) == b"AutoCAD Binary DXF":
            return
        fh.seek(0)
        entity = handle = layer = None
        line = 0
        while True:
            code_line = fh.readline()
            value_line = fh.readline()
            line += 2
            if not value_line:
                return
            try:
                code = int(code_line)
            except ValueError:
                return
            value = value_line.strip()
            if code == 0:
                entity, handle, layer = value, None, None
            elif code == 5:
                handle = value
            elif code == 8:
                layer = value
            elif code in _COORDINATE_CODES:
                try:
                    float(value)
                except ValueError:
                    axis = _AXIS[code // 10 % 10]
                    what = (entity or b"?").decode("latin-1")
                    if handle:
                        what += f" {handle.decode('latin-1')}"
                    if layer:
                        what += f" on layer {layer.decode('latin-1')!r}"
                    shown = value.decode("latin-1")[:40]
                    raise InputError(
                        f"entity {what}: group code {code} ({axis} coordinate) is "
                        f"{shown!r}, not a number",
                        source=path,
                        where=f"line {line}",
                        hint="fix or redraw the entity in the CAD program and export again",
                    ) from None


def read_dxf(path: str | Path, *, encoding: str | None = None) -> Source:
    """Read a DXF file into layers by CAD layer."""
    import pyogrio

    p = check_readable(path)
    _refuse_virtual(p)
    _check_coordinates(p)
    options = {"DXF_CLOSED_LINE_AS_POLYGON": "TRUE", "OGR_ARC_STEPSIZE": str(ARC_STEP_DEGREES)}
    if encoding:
        options["DXF_ENCODING"] = encoding
    pyogrio.set_gdal_config_options(options)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(p, layer="entities", fid_as_index=True)
    except Exception as exc:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot be read as DXF: {text}", source=p) from exc
    finally:
        pyogrio.set_gdal_config_options(dict.fromkeys(options))
    if "Layer" not in frame.columns:
        raise InputError("DXF has no entities with a layer", source=p)
    geometry = np.asarray(frame.geometry.values, dtype=object)
    attributes = pd.DataFrame(frame.drop(columns=frame.geometry.name)).reset_index(drop=True)
    handles = attributes.get("EntityHandle")
    position = [str(i + 1) for i in range(len(attributes))]
    fids = [
        str(h) if isinstance(h, str) and h else pos
        for h, pos in zip(
            handles.tolist() if handles is not None else position, position, strict=True
        )
    ]
    labels = _labels(geometry, attributes)
    layers: list[Layer] = []
    for name, idx in attributes.groupby("Layer", sort=False).indices.items():
        sub = attributes.iloc[idx].drop(columns=["Layer"]).reset_index(drop=True)
        sub = sub.astype(object).where(sub.notna(), None)
        derived = {}
        if any(labels[i] for i in idx):
            sub["label"] = [labels[i] for i in idx]
            derived["label"] = "texts of the drawing that lie inside the area"
        layers.append(
            Layer(
                name=str(name),
                attributes=sub,
                geometry=geometry[idx],
                fids=[fids[i] for i in idx],
                crs=None,
                derived=derived,
            )
        )
    source = Source(path=str(p), kind="dxf", layers=layers, crs=None)
    source.plan["arc_linearisation"] = f"GDAL, {ARC_STEP_DEGREES}° steps"
    return source


def _labels(geometry: np.ndarray, attributes: pd.DataFrame) -> list[str | None]:
    """For every polygon, the texts inside it (top to bottom, left to right)."""
    out: list[str | None] = [None] * len(geometry)
    if "Text" not in attributes.columns or len(geometry) == 0:
        return out
    texts = attributes["Text"].tolist()
    valid = np.array([g is not None for g in geometry], dtype=bool)
    types = np.full(len(geometry), -1)
    types[valid] = shapely.get_type_id(geometry[valid])
    points = np.flatnonzero(
        (types == 0) & np.array([isinstance(t, str) and t.strip() != "" for t in texts])
    )
    polys = np.flatnonzero(np.isin(types, [3, 6]))
    if not len(points) or not len(polys):
        return out
    tree = shapely.STRtree(geometry[polys])
    pt_idx, poly_idx = tree.query(geometry[points], predicate="within")
    found: dict[int, list[tuple[float, float, str]]] = {}
    for a, b in zip(pt_idx.tolist(), poly_idx.tolist(), strict=True):
        point = geometry[points[a]]
        found.setdefault(int(polys[b]), []).append(
            (-point.y, point.x, str(texts[points[a]]).strip())
        )
    for i, items in found.items():
        out[i] = " ".join(t for _, _, t in sorted(items))
    return out


def describe(source: Source) -> dict[str, Any]:
    """CAD layers with their entity counts (for ``ryhti convert`` error hints)."""
    return {layer.name: len(layer) for layer in source.layers}


def read_source(path: str | Path, options: Any) -> Source:
    """The registry's entry point (:mod:`ryhti.parsers.formats`)."""
    return read_dxf(path, encoding=options.encoding)
