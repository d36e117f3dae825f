"""Drawing the plan map's layers with matplotlib: paths, the plan's own signs, scale, north.

Each layer is drawn as *one* compound matplotlib path (all polygons of a class in one
path, all outlines of a sign in one), built from flat coordinate arrays with NumPy: a
100,000-object plan becomes a few dozen artists instead of 100,000 patches. The figure
of the description (:mod:`ryhti.generators.mapfig`), the location map
(:mod:`ryhti.generators.locmap`) and the delivery GeoTIFF
(:mod:`ryhti.generators.geotiff`) share these routines.

Signs follow the plan, not a generic scheme: every land-use class has its fill, and
every other sign of the plan (a building area, ``sr``, ``pk``, a footpath, a tree) gets
a style of its own (:func:`sign_styles`), so the legend can name it with the plan's
letter identifier and title.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

__all__ = [
    "SignStyle",
    "draw_layers",
    "figure_bytes",
    "house_figure",
    "line_path",
    "nice_length",
    "north_arrow",
    "polygon_path",
    "scale_bar",
    "sign_styles",
]


@dataclass(frozen=True, slots=True)
class SignStyle:
    """How one sign is drawn: outline colour, line style and width, hatch, fill, marker."""

    edge: str = "#333333"
    linestyle: Any = "-"
    linewidth: float = 0.8
    hatch: str | None = None
    face: str = "none"
    marker: str = "o"


#: Styles for area signs other than land uses (sub-areas such as building areas, ``sr``).
AREA_STYLES: tuple[SignStyle, ...] = (
    SignStyle(edge="#222222", linestyle=(0, (4, 2)), linewidth=0.7),
    SignStyle(edge="#7B1F1F", linestyle="-", linewidth=0.7, hatch="////"),
    SignStyle(edge="#1F4E7B", linestyle="-", linewidth=0.7, hatch="...."),
    SignStyle(edge="#2E6B2E", linestyle=(0, (1, 1.5)), linewidth=0.9, hatch="oo"),
    SignStyle(edge="#6B4A1F", linestyle="-", linewidth=0.7, hatch="xx"),
    SignStyle(edge="#5A2E6B", linestyle=(0, (6, 2, 1, 2)), linewidth=0.8),
    SignStyle(edge="#444444", linestyle="-", linewidth=0.7, hatch="\\\\\\\\"),
    SignStyle(edge="#8A5A00", linestyle=(0, (2, 2)), linewidth=0.8, hatch="--"),
)
#: Styles for line signs.
LINE_STYLES: tuple[SignStyle, ...] = (
    SignStyle(edge="#7A4B1E", linestyle=(0, (3, 2)), linewidth=1.2),
    SignStyle(edge="#B22222", linestyle="-", linewidth=1.4),
    SignStyle(edge="#1F4E7B", linestyle=(0, (6, 2, 1, 2)), linewidth=1.2),
    SignStyle(edge="#2E6B2E", linestyle=(0, (1, 1.2)), linewidth=1.6),
    SignStyle(edge="#555555", linestyle=(0, (8, 3)), linewidth=1.0),
)
#: Styles for point signs.
POINT_STYLES: tuple[SignStyle, ...] = (
    SignStyle(edge="#1B4D1B", face="#3C9A3C", marker="o"),
    SignStyle(edge="#4D1B1B", face="#C84B4B", marker="^"),
    SignStyle(edge="#1B2F4D", face="#4B78C8", marker="s"),
    SignStyle(edge="#4D3F1B", face="#D8B04B", marker="D"),
)


#: Outline-only styles for area signs that cover much of the plan (plots, sub-areas
#: as large as their block): a hatch over a whole block hides its land use.
LARGE_AREA_STYLES: tuple[SignStyle, ...] = (
    SignStyle(edge="#7B1F1F", linestyle=(0, (6, 2)), linewidth=0.8),
    SignStyle(edge="#5A2E6B", linestyle=(0, (6, 2, 1, 2)), linewidth=0.8),
    SignStyle(edge="#1F4E7B", linestyle=(0, (1, 1.5)), linewidth=1.0),
)


def sign_styles(
    keys: list[str], kind: str, large: frozenset[str] | set[str] = frozenset()
) -> dict[str, SignStyle]:
    """A style per sign key (in the given order) for ``kind`` ``area``, ``line``, ``point``;
    ``large`` area signs get outline-only styles."""
    pool = {"area": AREA_STYLES, "line": LINE_STYLES, "point": POINT_STYLES}[kind]
    out: dict[str, SignStyle] = {}
    small = [k for k in keys if kind != "area" or k not in large]
    big = [k for k in keys if kind == "area" and k in large]
    for i, key in enumerate(small):
        out[key] = pool[i % len(pool)]
    for i, key in enumerate(big):
        out[key] = LARGE_AREA_STYLES[i % len(LARGE_AREA_STYLES)]
    return {key: out[key] for key in keys}


# ------------------------------------------------------------------------------------------
# Paths
# ------------------------------------------------------------------------------------------


def polygon_path(geoms: np.ndarray) -> Any:
    """One compound Path of all rings; exteriors counter-clockwise so holes stay holes."""
    from matplotlib.path import Path

    parts = shapely.get_parts(geoms)
    parts = parts[shapely.get_type_id(parts) == 3]
    if not len(parts):
        return None
    parts = shapely.orient_polygons(parts)
    _, coords, (ring_offsets, _) = shapely.to_ragged_array(parts)
    return _rings_path(Path, coords[:, :2], ring_offsets, closed=True)


def line_path(geoms: np.ndarray) -> Any:
    from matplotlib.path import Path

    parts = shapely.get_parts(geoms)
    parts = parts[shapely.get_type_id(parts) == 1]
    if not len(parts):
        return None
    _, coords, (offsets,) = shapely.to_ragged_array(parts)
    return _rings_path(Path, coords[:, :2], offsets, closed=False)


def _boundary_path(boundary: Any) -> Any:
    if boundary is None:
        return None
    lines = shapely.get_parts(shapely.boundary(boundary))
    return line_path(np.asarray(lines, dtype=object)) if len(lines) else None


def _rings_path(path_cls: Any, coords: np.ndarray, offsets: np.ndarray, *, closed: bool) -> Any:
    codes = np.full(len(coords), path_cls.LINETO, dtype=np.uint8)
    starts = offsets[:-1]
    ends = offsets[1:] - 1
    valid = ends > starts
    codes[starts[valid]] = path_cls.MOVETO
    if closed:
        codes[ends[valid]] = path_cls.CLOSEPOLY
    return path_cls(coords, codes)


# ------------------------------------------------------------------------------------------
# Figures
# ------------------------------------------------------------------------------------------


@contextmanager
def house_figure(width_cm: float, height_cm: float, **rc: Any) -> Iterator[Any]:
    """A matplotlib ``Figure`` on an Agg canvas, ``width_cm`` × ``height_cm``, drawn and saved
    inside the block in the house style (DejaVu Sans, extra ``rc`` settings).

    The SVG hash salt is fixed so that the same map gives the same bytes on every run: golden
    files and re-runs compare equal (with :func:`figure_bytes`).
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": "DejaVu Sans", "svg.hashsalt": "ryhti", **rc}):
        fig = Figure(figsize=(width_cm / 2.54, height_cm / 2.54))
        FigureCanvasAgg(fig)
        yield fig


def figure_bytes(fig: Any, fmt: str, dpi: float) -> bytes:
    """``fig`` as PNG or SVG without the date and software stamps, so re-runs give the same bytes."""
    buf = io.BytesIO()
    if fmt == "png":
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    elif fmt == "svg":
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    else:
        raise ValueError(f"unknown figure format {fmt!r}")
    return buf.getvalue()


# ------------------------------------------------------------------------------------------
# Layers
# ------------------------------------------------------------------------------------------


def draw_layers(
    ax: Any,
    layers: Any,
    colours: dict[str, str],
    *,
    scale: float = 1.0,
    labels: bool = True,
    label_size: float = 6.0,
) -> None:
    """Draw ``layers`` (a :class:`~ryhti.generators.mapfig.MapLayers`) on an axes.

    ``scale`` multiplies line widths and marker sizes (the GeoTIFF draws at the plan's
    paper scale). ``labels`` draws the layers' simple labels (the GeoTIFF's); the
    description's figure places its labels itself (:mod:`ryhti.generators.maplabels`).
    """
    from matplotlib.patches import PathPatch

    for key, geoms in layers.classes.items():
        path = polygon_path(geoms)
        if path is not None:
            ax.add_artist(
                PathPatch(
                    path,
                    facecolor=colours.get(key, "#CFCFCF"),
                    edgecolor="#333333",
                    linewidth=0.5 * scale,
                    zorder=1,
                )
            )
    # area signs, then line signs over them: outlines in their sign's style (lines: no hatch)
    for signs, styles, path_of, zorder in (
        (
            layers.areas,
            sign_styles(list(layers.areas), "area", layers.large_signs()),
            polygon_path,
            2,
        ),
        (layers.lines, sign_styles(list(layers.lines), "line"), line_path, 3),
    ):
        for key, geoms in signs.items():
            path = path_of(geoms)
            if path is not None:
                style = styles[key]
                ax.add_artist(
                    PathPatch(
                        path,
                        facecolor="none",
                        edgecolor=style.edge,
                        linewidth=style.linewidth * scale,
                        linestyle=style.linestyle,
                        hatch=style.hatch,
                        zorder=zorder,
                    )
                )
    point_styles = sign_styles(list(layers.points), "point")
    for key, geoms in layers.points.items():
        pts = shapely.get_coordinates(geoms)
        style = point_styles[key]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=14 * scale,
            marker=style.marker,
            facecolor=style.face,
            edgecolor=style.edge,
            linewidth=0.5 * scale,
            zorder=4,
        )
    path = _boundary_path(layers.boundary)
    if path is not None:
        ax.add_artist(
            PathPatch(
                path,
                facecolor="none",
                edgecolor="black",
                linewidth=1.6 * scale,
                linestyle=(0, (6, 2, 1, 2)),
                zorder=5,
            )
        )
    if labels:
        for point, text in layers.labels:
            ax.text(
                point.x,
                point.y,
                text,
                fontsize=label_size,
                ha="center",
                va="center",
                zorder=6,
                color="#111111",
            )


# ------------------------------------------------------------------------------------------
# Scale bar and north arrow
# ------------------------------------------------------------------------------------------


def nice_length(span: float) -> float:
    """A round scale-bar length near a fifth of ``span`` (1, 2 or 5 × 10ⁿ m)."""
    target = max(span / 5, 1e-9)
    exponent = math.floor(math.log10(target))
    for step in (5, 2, 1):
        value = step * 10**exponent
        if value <= target:
            return float(value)
    return float(10**exponent)


def scale_bar(
    ax: Any,
    bounds: tuple[float, float, float, float],
    length: float,
    *,
    below: bool = False,
    caption: str | None = None,
    fontsize: float = 6.5,
    at_y: float | None = None,
) -> list[Any]:
    """A two-part scale bar ``length`` metres long at the lower left of ``bounds``
    (inside the frame, or just ``below`` it), with an optional caption after it; returns
    its artists (so that labels can keep clear of them)."""
    from matplotlib.patches import Rectangle

    from ryhti.generators.fmt import fmt_number

    minx, miny, maxx, maxy = bounds
    width, height = maxx - minx, maxy - miny
    x0 = minx + 0.03 * width
    y0 = miny - 0.07 * height if below else miny + 0.04 * height
    if at_y is not None:
        y0 = at_y
    bar_h = 0.012 * max(width, height)
    half = length / 2
    out = [
        ax.add_patch(
            Rectangle((x0, y0), half, bar_h, facecolor="black", edgecolor="black", lw=0.5, zorder=7)
        ),
        ax.add_patch(
            Rectangle(
                (x0 + half, y0), half, bar_h, facecolor="white", edgecolor="black", lw=0.5, zorder=7
            )
        ),
    ]
    unit, shown = ("km", length / 1000) if length >= 1000 else ("m", length)
    out.append(
        ax.text(x0, y0 + 1.6 * bar_h, "0", fontsize=fontsize, ha="center", va="bottom", zorder=7)
    )
    last = ax.text(
        x0 + length,
        y0 + 1.6 * bar_h,
        f"{fmt_number(shown, None)} {unit}",
        fontsize=fontsize,
        ha="center",
        va="bottom",
        zorder=7,
    )
    out.append(last)
    if caption:
        out.append(
            ax.text(
                x0 + length * 1.25,
                y0 + 0.5 * bar_h,
                caption,
                fontsize=fontsize,
                ha="left",
                va="center",
                zorder=7,
            )
        )
    return out


def north_arrow(
    ax: Any, bounds: tuple[float, float, float, float], letter: str, *, inside: bool = False
) -> list[Any]:
    """A north arrow at the upper right of ``bounds`` (just outside it, or ``inside``);
    returns its artists."""
    minx, miny, maxx, maxy = bounds
    width, height = maxx - minx, maxy - miny
    size = 0.08 * max(width, height)
    x = maxx - 0.05 * width if inside else maxx + 0.04 * width
    y = maxy - size * (1.4 if inside else 1.0)
    arrow = ax.annotate(
        "",
        xy=(x, y + size),
        xytext=(x, y),
        arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.2},
        zorder=7,
    )
    text = ax.text(
        x,
        y + size * 1.08,
        letter,
        ha="center",
        va="bottom",
        fontsize=8,
        fontweight="bold",
        zorder=7,
    )
    return [arrow, text]
