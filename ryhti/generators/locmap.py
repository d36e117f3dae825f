"""The location map of chapter 1: the plan area on a small-scale map of municipalities.

A selostus opens with where the plan is. No web tiles are needed: the map is drawn from
municipality boundaries (generalised polygons with their names) and the plan's own
boundary. The plan's municipality is tinted, its neighbours are grey with their names,
and the plan area is marked in red with a ring around it, since at this scale a city
block is a dot. A scale bar and a north arrow say how big and which way.

Boundaries come from a GeoJSON file (``ryhti describe --municipalities FILE``; features
with a ``code`` and a ``name`` {fin, swe}, ``names`` {fi, sv} or ``nimi``/``namn``, any CRS
named in the file's ``crs`` member, EPSG:3067 when none is named and the coordinates are
metric). Without a file, :func:`default_municipalities` reads the generalised 2024
municipality boundaries that ship with the package (``ryhti/schemas/boundaries.json``,
the same dated snapshot validator rule G019 uses; ``docs/boundaries.md`` says where it
comes from). Should that file be missing (a stripped install), the map shows the plan
area alone, with a scale bar and a north arrow and a caption that says so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ryhti.errors import InputError
from ryhti.generators.areas import plan_boundary, plan_srid, reproject
from ryhti.generators.mapdraw import (
    figure_bytes,
    house_figure,
    nice_length,
    north_arrow,
    scale_bar,
)
from ryhti.generators.maplabels import Label, place_labels
from ryhti.io import parse_json, read_json
from ryhti.model.plan import Plan

__all__ = [
    "Municipalities",
    "default_municipalities",
    "load_municipalities",
    "render_location_map",
]

WORDS = {
    "fi": {"plan": "Kaava-alue", "alone": "Kuntarajoja ei annettu: kartalla vain kaava-alue"},
    "sv": {"plan": "Planområdet", "alone": "Inga kommungränser givna: kartan visar planområdet"},
}


@dataclass(slots=True)
class Municipalities:
    """Municipality polygons with their codes and names, in one EPSG coordinate system."""

    srid: str
    geoms: np.ndarray
    codes: list[str]
    names: list[dict[str, str]]


@functools.lru_cache(maxsize=1)
def default_municipalities() -> Municipalities | None:
    """The generalised municipality boundaries shipped with the package (read once per
    process), or ``None`` when the snapshot is not installed."""
    from ryhti.schemas import path

    node = path("boundaries.json")
    if not node.is_file():
        return None
    return _municipalities(
        parse_json(node.read_text(encoding="utf-8"), source="boundaries.json"), "boundaries.json"
    )


def _crs(data: dict[str, Any], sample: np.ndarray, source: str | Path) -> str:
    crs = data.get("crs")
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if isinstance(name, str):
        tail = name.rsplit(":", 1)[-1]
        if tail.isdigit():
            return tail
        if name.upper().endswith("CRS84"):
            return "4326"
        raise InputError(f"unknown coordinate system {name!r}", source=source, where="$.crs")
    if len(sample) and float(np.nanmax(np.abs(sample))) > 360:
        return "3067"
    return "4326"


def _fit_aspect(
    box: tuple[float, float, float, float], ratio: float
) -> tuple[float, float, float, float]:
    """``box`` grown around its centre to the figure's height/width ``ratio``."""
    minx, miny, maxx, maxy = box
    w, h = maxx - minx, maxy - miny
    if h / w < ratio:
        grow = (w * ratio - h) / 2
        return (minx, miny - grow, maxx, maxy + grow)
    grow = (h / ratio - w) / 2
    return (minx - grow, miny, maxx + grow, maxy)


def load_municipalities(path: str | Path) -> Municipalities:
    """Read municipality boundaries from a GeoJSON FeatureCollection (see module docs)."""
    return _municipalities(read_json(path), path)


def _municipalities(data: Any, path: str | Path) -> Municipalities:
    """Municipalities of a parsed FeatureCollection (regions of the shipped snapshot left out)."""
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise InputError("not a GeoJSON FeatureCollection", source=path, where="$.features")
    geoms, codes, names = [], [], []
    for i, feature in enumerate(data["features"]):
        where = f"$.features[{i}]"
        if not isinstance(feature, dict):
            raise InputError("feature is not an object", source=path, where=where)
        props = feature.get("properties") or {}
        if props.get("kind", "municipality") != "municipality":
            continue  # the shipped snapshot also holds the regions
        try:
            geom = shapely.geometry.shape(feature.get("geometry"))
        except Exception as exc:
            raise InputError(
                f"geometry cannot be read: {exc}", source=path, where=f"{where}.geometry"
            ) from exc
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise InputError(
                f"geometry is a {geom.geom_type}, not an area",
                source=path,
                where=f"{where}.geometry",
            )
        name = props.get("name")
        if isinstance(props.get("names"), dict):  # the shipped snapshot: {fi, sv, en}
            names_ = props["names"]
            shown = {"fin": str(names_.get("fi") or ""), "swe": str(names_.get("sv") or "")}
        elif isinstance(name, dict):
            shown = {k: v for k, v in name.items() if isinstance(v, str)}
        else:
            shown = {
                "fin": str(props.get("nimi") or name or ""),
                "swe": str(props.get("namn") or props.get("nimi") or name or ""),
            }
        geoms.append(geom if geom.is_valid else shapely.make_valid(geom))
        codes.append(str(props.get("code") or props.get("kunta") or props.get("natcode") or ""))
        names.append(shown)
    if not geoms:
        raise InputError("no municipalities in the file", source=path, where="$.features")
    array = np.array(geoms, dtype=object)
    sample = shapely.get_coordinates(array[:1])
    return Municipalities(_crs(data, sample, path), array, codes, names)


def render_location_map(
    plan: Plan,
    municipalities: Municipalities | None,
    *,
    lang: str = "fi",
    codes: list[str] | None = None,
    width_cm: float = 12.0,
    dpi: int = 200,
) -> bytes | None:
    """The location map as PNG bytes, or ``None`` when the plan has no usable boundary.

    ``codes``: the plan's municipality codes (the plan matter's
    ``administrativeAreaIdentifiers``), tinted on the map; without them the municipality
    that contains the plan is.
    """
    from matplotlib.patches import Circle, PathPatch, Rectangle

    from ryhti.generators.mapdraw import polygon_path

    boundary = plan_boundary(plan)
    srid = plan_srid(plan)
    if boundary is None or not srid:
        return None
    words = WORDS[lang]
    target = municipalities.srid if municipalities is not None else srid
    if target == "4326":
        target = "3067"  # draw degrees in a metric system, so the scale bar means metres
    plan_geom = reproject(np.array([boundary], dtype=object), srid, target)[0]
    muni = None
    if municipalities is not None:
        muni = reproject(municipalities.geoms, municipalities.srid, target)
    with house_figure(width_cm, width_cm * 0.75) as fig:
        ax = fig.add_axes((0.02, 0.02, 0.96, 0.96))
        ax.set_aspect("equal")
        ax.set_axis_off()
        centre = shapely.centroid(plan_geom)
        if muni is not None:
            home = [i for i, c in enumerate(municipalities.codes) if codes and c in codes]
            if not home:
                home = [int(i) for i in np.flatnonzero(shapely.intersects(muni, centre))]
            focus = shapely.union_all(muni[home]) if home else plan_geom
            minx, miny, maxx, maxy = shapely.bounds(focus)
            span = max(maxx - minx, maxy - miny, 2_000.0)
            pad = 0.25 * span
            box = (minx - pad, miny - pad, maxx + pad, maxy + pad)
            box = _fit_aspect(box, 0.75)
            ax.add_patch(
                Rectangle(
                    (box[0], box[1]),
                    box[2] - box[0],
                    box[3] - box[1],
                    facecolor="#E3EEF6",
                    edgecolor="none",
                    zorder=0,
                )
            )
            visible = np.flatnonzero(shapely.intersects(muni, shapely.box(*box)))
            names: list[Label] = []
            for i in visible.tolist():
                path = polygon_path(np.array([muni[i]], dtype=object))
                if path is None:
                    continue
                ax.add_artist(
                    PathPatch(
                        path,
                        facecolor="#F3E6C8" if i in home else "#E4E4E4",
                        edgecolor="#777777",
                        linewidth=1.0 if i in home else 0.5,
                        zorder=1,
                    )
                )
                clipped = shapely.intersection(muni[i], shapely.box(*box))
                label = shapely.point_on_surface(clipped) if not clipped.is_empty else None
                name = municipalities.names[i].get("swe" if lang == "sv" else "fin") or ""
                if label is not None and name:
                    names.append(
                        Label(
                            label.x,
                            label.y,
                            name,
                            size=7.5 if i in home else 6.5,
                            bold=i in home,
                            priority=0 if i in home else 1,
                            colour="#333333" if i in home else "#666666",
                        )
                    )
        else:
            names = []
            minx, miny, maxx, maxy = shapely.bounds(plan_geom)
            span = max(maxx - minx, maxy - miny, 100.0)
            pad = 0.6 * span
            box = _fit_aspect((minx - pad, miny - pad, maxx + pad, maxy + pad), 0.75)
            ax.text(
                box[0],
                box[3],
                words["alone"],
                fontsize=6.5,
                color="#555555",
                ha="left",
                va="top",
                zorder=6,
            )
        path = polygon_path(np.array([plan_geom], dtype=object))
        if path is not None:
            ax.add_artist(
                PathPatch(path, facecolor="#D62728", edgecolor="#8B0000", linewidth=0.8, zorder=4)
            )
        view = max(box[2] - box[0], box[3] - box[1])
        ring = max(0.035 * view, 0.7 * max(plan_geom.bounds[2] - plan_geom.bounds[0], 1.0))
        if muni is not None:
            ax.add_patch(
                Circle(
                    (centre.x, centre.y),
                    ring,
                    facecolor="none",
                    edgecolor="#D62728",
                    linewidth=1.4,
                    zorder=5,
                )
            )
        ax.set_xlim(box[0], box[2])
        ax.set_ylim(box[1], box[3])
        plan_label = Label(
            centre.x + ring * 1.2,
            centre.y + ring * 0.8,
            words["plan"],
            size=7.5,
            bold=True,
            priority=-1,
            colour="#8B0000",
            align="left",
        )
        fixed = scale_bar(ax, box, nice_length(box[2] - box[0]))
        fixed += north_arrow(ax, box, "P" if lang == "fi" else "N", inside=True)
        place_labels(ax, [plan_label, *names], avoid=fixed)
        return figure_bytes(fig, "png", dpi)
