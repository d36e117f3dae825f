"""The map of chapter 3: the plan area on the background data gathered for it.

A reader of the starting points wants to see what the text says: which part of the plan
area lies on the groundwater area, where the ancient monument is. The gathered layers
(Natura 2000 and nature conservation areas, groundwater and flood areas, RKY areas as
translucent fills; ancient monuments and protected buildings as symbols) are drawn
under the plan's objects (grey outlines) and its boundary (a thick dashed line), with a
legend naming each layer as gathered, a scale bar and a north arrow. Drawn from the
gathered GeoPackage alone (``ryhti.lahtotiedot.load_background_layers``): no web tiles.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely

from ryhti.background import BackgroundLayer
from ryhti.generators.areas import object_geometries, plan_boundary, plan_srid, reproject
from ryhti.generators.mapdraw import (
    figure_bytes,
    house_figure,
    line_path,
    nice_length,
    north_arrow,
    polygon_path,
    scale_bar,
)
from ryhti.model.plan import Plan

__all__ = ["STYLES", "render_background_map"]

#: theme → (fill, edge, hatch) for areas, (marker, colour) for sites
STYLES: dict[str, tuple[str, str, str]] = {
    "natura": ("#7FBF7B", "#1B7837", "//"),
    "suojelualue": ("#A6DBA0", "#1B7837", ""),
    "pohjavesi": ("#92C5DE", "#2166AC", ""),
    "tulva": ("#D1E5F0", "#4393C3", "\\\\"),
    "rky": ("#F6E8C3", "#8C510A", ""),
    "muinaisjaannos": ("^", "#B2182B", ""),
    "suojeltu_rakennus": ("s", "#762A83", ""),
}
_WORDS = {
    "fi": {"plan": "Kaava-alue", "objects": "Kaavan kohteet"},
    "sv": {"plan": "Planområdet", "objects": "Planens objekt"},
}


def render_background_map(
    plan: Plan,
    layers: Sequence[BackgroundLayer],
    *,
    lang: str = "fi",
    width_cm: float = 16.0,
    dpi: int = 200,
) -> bytes | None:
    """The plan area on its background layers as PNG bytes; ``None`` without a plan
    boundary or anything gathered to draw."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, PathPatch

    boundary = plan_boundary(plan)
    srid = plan_srid(plan)
    drawn = [layer for layer in layers if layer.geometries and layer.theme in STYLES]
    if boundary is None or not srid or not drawn:
        return None
    words = _WORDS.get(lang, _WORDS["fi"])
    objects, _ = object_geometries(plan)
    minx, miny, maxx, maxy = shapely.bounds(boundary)
    span = max(maxx - minx, maxy - miny, 50.0)
    pad = 0.25 * span
    box = (minx - pad, miny - pad, maxx + pad, maxy + pad)
    view = shapely.box(*box)
    with house_figure(width_cm, width_cm * 0.8) as fig:
        ax = fig.add_axes((0.02, 0.16, 0.96, 0.82))
        ax.set_aspect("equal")
        ax.set_axis_off()
        handles: list[object] = []
        for order, layer in enumerate(drawn):
            geoms = np.asarray(layer.geometries, dtype=object)
            if layer.srid and layer.srid != srid:
                geoms = reproject(geoms, layer.srid, srid)
            geoms = geoms[shapely.intersects(geoms, view)]
            if not len(geoms):
                continue
            style = STYLES[layer.theme]
            kinds = shapely.get_type_id(shapely.get_parts(geoms))
            if np.isin(kinds, (3, 6)).any():  # areas
                fill, edge, hatch = style
                path = polygon_path(shapely.intersection(geoms, view))
                if path is not None:
                    ax.add_artist(
                        PathPatch(
                            path,
                            facecolor=fill,
                            edgecolor=edge,
                            hatch=hatch or None,
                            alpha=0.55,
                            linewidth=0.8,
                            zorder=1 + order * 0.01,
                        )
                    )
                    handles.append(
                        Patch(
                            facecolor=fill, edgecolor=edge, hatch=hatch or None, label=layer.title
                        )
                    )
            points = shapely.get_parts(geoms)
            points = points[shapely.get_type_id(points) == 0]
            if len(points):
                marker, colour, _ = (
                    style
                    if layer.theme in ("muinaisjaannos", "suojeltu_rakennus")
                    else ("o", style[1], "")
                )
                xy = shapely.get_coordinates(points)
                ax.scatter(
                    xy[:, 0],
                    xy[:, 1],
                    marker=marker,
                    s=36,
                    c=colour,
                    edgecolors="white",
                    linewidths=0.6,
                    zorder=6,
                )
                handles.append(
                    Line2D([], [], marker=marker, linestyle="", color=colour, label=layer.title)
                )
        built = np.asarray([g for g in objects if g is not None], dtype=object)
        object_path = polygon_path(built) if len(built) else None
        if object_path is not None:
            ax.add_artist(
                PathPatch(
                    object_path, facecolor="none", edgecolor="#9A9A9A", linewidth=0.4, zorder=3
                )
            )
            handles.append(Patch(facecolor="none", edgecolor="#9A9A9A", label=words["objects"]))
        outline = line_path(np.asarray(shapely.get_parts(shapely.boundary(boundary)), dtype=object))
        if outline is not None:
            ax.add_artist(
                PathPatch(
                    outline,
                    facecolor="none",
                    edgecolor="#000000",
                    linewidth=1.6,
                    linestyle=(0, (4, 2)),
                    zorder=5,
                )
            )
            handles.append(
                Line2D([], [], color="#000000", linewidth=1.6, linestyle="--", label=words["plan"])
            )
        ax.set_xlim(box[0], box[2])
        ax.set_ylim(box[1], box[3])
        scale_bar(ax, box, nice_length(box[2] - box[0]))
        north_arrow(ax, box, "P" if lang == "fi" else "N", inside=True)
        fig.legend(
            handles=handles,
            loc="lower center",
            ncol=2,
            fontsize=6.5,
            frameon=False,
            bbox_to_anchor=(0.5, 0.0),
        )
        return figure_bytes(fig, "png", dpi)
