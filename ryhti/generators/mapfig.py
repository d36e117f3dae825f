"""The plan map as a picture: objects coloured by land-use class, boundary, legend, scale.

Two uses share one drawing routine. The description embeds a figure (PNG and SVG)
with a legend, a scale bar and a north arrow; the delivery map
(:mod:`ryhti.generators.geotiff`) draws the same layers edge to edge in EPSG:3067.

Each layer is drawn as *one* compound matplotlib path (all polygons of a class in
one path, all outlines in one), built from flat coordinate arrays with NumPy: a
100,000-object plan becomes a handful of artists instead of 100,000 patches.
Colours: a regulation group's ``colorNumber`` where given, else a default per
seurantalomake class (the traditional plan-map hues), else grey.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from ryhti.generators.figures import (
    PlanFigures,
    geometry_types,
    object_geometries,
    plan_boundary,
    reproject,
)
from ryhti.model.plan import Plan

__all__ = ["DEFAULT_COLOURS", "MapLayers", "build_layers", "draw_layers", "render_figure"]

#: Default fill per seurantalomake class: the hues of Finnish plan maps, lightened.
DEFAULT_COLOURS: dict[str, str] = {
    "A": "#F2C48D",
    "P": "#E9A3A3",
    "Y": "#E38080",
    "C": "#D98A6A",
    "K": "#C9A3D9",
    "R": "#F0E08A",
    "L": "#E6E6E6",
    "E": "#BDBDBD",
    "S": "#9FCF9F",
    "M": "#DDEBB8",
    "V": "#A8D88F",
    "T": "#B6A7D6",
    "W": "#A9CDEF",
}
OTHER_COLOUR = "#CFCFCF"
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")

WORDS = {
    "fi": {
        "boundary": "Kaava-alueen raja",
        "other": "Muu kaavakohde (osa-alue, rakennusala …)",
        "line": "Viivamainen kaavakohde",
        "point": "Pistemäinen kaavakohde",
        "north": "P",
    },
    "sv": {
        "boundary": "Planområdets gräns",
        "other": "Annat planobjekt (delområde, byggnadsyta …)",
        "line": "Linjeformigt planobjekt",
        "point": "Punktformigt planobjekt",
        "north": "N",
    },
}


@dataclass(slots=True)
class MapLayers:
    """Geometry arrays to draw, in one coordinate system."""

    boundary: Any
    classes: dict[str, np.ndarray] = field(default_factory=dict)
    others: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    lines: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    points: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    labels: list[tuple[Any, str]] = field(default_factory=list)

    def bounds(self) -> tuple[float, float, float, float] | None:
        arrays = [
            a for a in (*self.classes.values(), self.others, self.lines, self.points) if len(a)
        ]
        if self.boundary is not None:
            arrays.append(np.array([self.boundary], dtype=object))
        if not arrays:
            return None
        box = shapely.total_bounds(np.concatenate(arrays))
        if not np.all(np.isfinite(box)):
            return None
        return tuple(float(v) for v in box)  # type: ignore[return-value]

    def reprojected(self, src: str, dst: str) -> MapLayers:
        """The same layers in EPSG ``dst``; boundary densified first so edges stay true."""
        if src == dst:
            return self

        def rp(arr: np.ndarray) -> np.ndarray:
            return reproject(arr, src, dst) if len(arr) else arr

        boundary = None
        if self.boundary is not None:
            dense = shapely.segmentize(self.boundary, 10.0)
            boundary = reproject(np.array([dense], dtype=object), src, dst)[0]
        labels = []
        if self.labels:
            pts = rp(np.array([p for p, _ in self.labels], dtype=object))
            labels = [(p, t) for p, (_, t) in zip(pts, self.labels, strict=True)]
        return MapLayers(
            boundary=boundary,
            classes={k: rp(v) for k, v in self.classes.items()},
            others=rp(self.others),
            lines=rp(self.lines),
            points=rp(self.points),
            labels=labels,
        )


def build_layers(plan: Plan, figures: PlanFigures, *, max_labels: int = 400) -> MapLayers:
    """Group the plan's geometries by what they are on the map."""
    geoms, _ = object_geometries(plan)
    boundary = plan_boundary(plan)
    types = geometry_types(geoms)
    keys = np.array(
        figures.object_classes + [None] * (len(geoms) - len(figures.object_classes)), dtype=object
    )
    is_poly = np.isin(types, ["Polygon", "MultiPolygon"])
    classes: dict[str, np.ndarray] = {}
    land_use = is_poly & np.array([k is not None for k in keys.tolist()], dtype=bool)
    for cls in figures.classes:
        mask = land_use & (keys == cls.key)
        if mask.any():
            classes[cls.key] = geoms[mask]
    labels: list[tuple[Any, str]] = []
    lu_idx = np.flatnonzero(land_use)
    if 0 < lu_idx.size <= max_labels:
        letter_of = _letters(plan)
        points = shapely.point_on_surface(geoms[lu_idx])
        objects = plan.objects()
        for i, point in zip(lu_idx.tolist(), points.tolist(), strict=True):
            text = letter_of.get(objects[i].plan_object_key)
            if text:
                labels.append((point, text))
    return MapLayers(
        boundary=boundary,
        classes=classes,
        others=geoms[is_poly & ~land_use],
        lines=geoms[np.isin(types, ["LineString", "MultiLineString"])],
        points=geoms[np.isin(types, ["Point", "MultiPoint"])],
        labels=labels,
    )


def _letters(plan: Plan) -> dict[str, str]:
    """Object key -> letter identifiers of its groups that have one (``AK-1``)."""
    out: dict[str, str] = {}
    for key, groups in plan.groups_by_object().items():
        letters = [
            g.letter_identifier.strip()
            for g in groups
            if isinstance(g.letter_identifier, str) and g.letter_identifier.strip()
        ]
        if letters:
            out[key] = " ".join(dict.fromkeys(letters))
    return out


#: Shade factors for the second, third … class of the same seurantalomake class.
_SHADES = (1.0, 0.82, 1.12, 0.68, 0.92, 0.58)


def class_colours(figures: PlanFigures) -> dict[str, str]:
    """Fill colour per class key: the group's colour, else a shade of the class default."""
    out = {}
    seen: dict[str, int] = {}
    for cls in figures.classes:
        match = _HEX.match(cls.colour or "")
        if match:
            out[cls.key] = "#" + match.group(1).upper()
            continue
        base = DEFAULT_COLOURS.get(cls.syke_class or "", OTHER_COLOUR)
        k = seen.get(base, 0)
        seen[base] = k + 1
        out[cls.key] = _shade(base, _SHADES[k % len(_SHADES)])
    return out


def _shade(colour: str, factor: float) -> str:
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    if factor <= 1:
        rgb = [round(c * factor) for c in rgb]
    else:
        rgb = [round(c + (255 - c) * (factor - 1) * 3) for c in rgb]
    return "#" + "".join(f"{min(max(c, 0), 255):02X}" for c in rgb)


# ------------------------------------------------------------------------------------------
# Paths
# ------------------------------------------------------------------------------------------


def _polygon_path(geoms: np.ndarray) -> Any:
    """One compound Path of all rings; exteriors counter-clockwise so holes stay holes."""
    from matplotlib.path import Path

    parts = shapely.get_parts(geoms)
    parts = parts[shapely.get_type_id(parts) == 3]
    if not len(parts):
        return None
    parts = shapely.orient_polygons(parts)
    _, coords, (ring_offsets, _) = shapely.to_ragged_array(parts)
    return _rings_path(Path, coords[:, :2], ring_offsets, closed=True)


def _line_path(geoms: np.ndarray) -> Any:
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
    return _line_path(np.asarray(lines, dtype=object)) if len(lines) else None


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
# Drawing
# ------------------------------------------------------------------------------------------


def draw_layers(
    ax: Any,
    layers: MapLayers,
    colours: dict[str, str],
    *,
    scale: float = 1.0,
    labels: bool = True,
    label_size: float = 6.0,
) -> None:
    """Draw ``layers`` on a matplotlib axes; ``scale`` multiplies line widths."""
    from matplotlib.patches import PathPatch

    for key, geoms in layers.classes.items():
        path = _polygon_path(geoms)
        if path is not None:
            ax.add_artist(
                PathPatch(
                    path,
                    facecolor=colours.get(key, OTHER_COLOUR),
                    edgecolor="#333333",
                    linewidth=0.5 * scale,
                    zorder=1,
                )
            )
    if len(layers.others):
        path = _polygon_path(layers.others)
        if path is not None:
            ax.add_artist(
                PathPatch(
                    path,
                    facecolor="none",
                    edgecolor="#555555",
                    linewidth=0.6 * scale,
                    linestyle=(0, (4, 2)),
                    zorder=2,
                )
            )
    if len(layers.lines):
        path = _line_path(layers.lines)
        if path is not None:
            ax.add_artist(
                PathPatch(
                    path,
                    facecolor="none",
                    edgecolor="#7A4B1E",
                    linewidth=1.0 * scale,
                    linestyle=(0, (2, 1.5)),
                    zorder=3,
                )
            )
    if len(layers.points):
        pts = shapely.get_coordinates(layers.points)
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=12 * scale,
            marker="o",
            facecolor="#2E7D32",
            edgecolor="black",
            linewidth=0.4 * scale,
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


def _nice_length(span: float) -> float:
    """A round scale-bar length near a fifth of ``span`` (1, 2 or 5 × 10ⁿ m)."""
    target = max(span / 5, 1e-9)
    exponent = math.floor(math.log10(target))
    for step in (5, 2, 1):
        value = step * 10**exponent
        if value <= target:
            return float(value)
    return float(10**exponent)


def _scale_bar(ax: Any, bounds: tuple[float, float, float, float], lang: str) -> None:
    from matplotlib.patches import Rectangle

    minx, miny, maxx, maxy = bounds
    width, height = maxx - minx, maxy - miny
    length = _nice_length(width)
    x0 = minx + 0.03 * width
    y0 = miny - 0.07 * height
    bar_h = 0.012 * max(width, height)
    half = length / 2
    ax.add_patch(Rectangle((x0, y0), half, bar_h, facecolor="black", edgecolor="black", lw=0.5))
    ax.add_artist(
        Rectangle((x0 + half, y0), half, bar_h, facecolor="white", edgecolor="black", lw=0.5)
    )
    unit = "m"
    shown = length
    if length >= 1000:
        unit, shown = "km", length / 1000
    from ryhti.generators.phrases import fmt_number

    ax.text(x0, y0 + 1.6 * bar_h, "0", fontsize=6, ha="center", va="bottom")
    ax.text(
        x0 + length,
        y0 + 1.6 * bar_h,
        f"{fmt_number(shown, None)} {unit}",
        fontsize=6,
        ha="center",
        va="bottom",
    )


def _north_arrow(ax: Any, bounds: tuple[float, float, float, float], lang: str) -> None:
    minx, miny, maxx, maxy = bounds
    width, height = maxx - minx, maxy - miny
    size = 0.08 * max(width, height)
    x = maxx + 0.04 * width
    y = maxy - size
    ax.annotate(
        "",
        xy=(x, y + size),
        xytext=(x, y),
        arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.2},
    )
    ax.text(
        x,
        y + size * 1.08,
        WORDS[lang]["north"],
        ha="center",
        va="bottom",
        fontsize=8,
        fontweight="bold",
    )


def render_figure(
    plan: Plan,
    figures: PlanFigures,
    names: dict[str, str],
    *,
    lang: str = "fi",
    title: str | None = None,
    formats: tuple[str, ...] = ("png", "svg"),
    dpi: int = 200,
) -> dict[str, bytes]:
    """The plan map figure in each of ``formats`` (``png``, ``svg``), with legend and scale.

    ``names`` gives the legend text per class key. Output is byte-for-byte reproducible
    for the same input and matplotlib version (no dates, fixed SVG ids).
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    layers = build_layers(plan, figures)
    colours = class_colours(figures)
    bounds = layers.bounds()
    words = WORDS[lang]
    out: dict[str, bytes] = {}
    handles: list[Any] = [
        Patch(
            facecolor=colours[c.key],
            edgecolor="#333333",
            label=textwrap.fill(names.get(c.key, c.key), 46, subsequent_indent="  "),
        )
        for c in figures.classes
        if c.key in layers.classes
    ][:30]
    if len(layers.others):
        handles.append(
            Patch(facecolor="none", edgecolor="#555555", linestyle="--", label=words["other"])
        )
    if len(layers.lines):
        handles.append(Line2D([], [], color="#7A4B1E", linestyle="--", label=words["line"]))
    if len(layers.points):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                color="none",
                markerfacecolor="#2E7D32",
                markeredgecolor="black",
                label=words["point"],
            )
        )
    if layers.boundary is not None:
        handles.append(Line2D([], [], color="black", linestyle="-.", label=words["boundary"]))
    # Figure height follows the plan's shape: 16 cm wide, map + legend + title.
    width_cm = 16.0
    aspect = 1.0
    if bounds is not None:
        minx, miny, maxx, maxy = bounds
        w, h = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
        pad = 0.05 * max(w, h)
        aspect = min(max((h + 3.2 * pad) / (w + 2 * pad), 0.35), 1.5)
    map_cm = width_cm * 0.84 * aspect
    lines = sum(h.get_label().count("\n") + 1 for h in handles)
    legend_cm = 0.4 + 0.34 * math.ceil(lines / 2)
    title_cm = 0.9 if title else 0.3
    height_cm = map_cm + legend_cm + title_cm + 0.3
    with matplotlib.rc_context({"svg.hashsalt": "ryhti", "font.family": "DejaVu Sans"}):
        fig = Figure(figsize=(width_cm / 2.54, height_cm / 2.54))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.05, (legend_cm + 0.2) / height_cm, 0.84, map_cm / height_cm))
        ax.set_aspect("equal")
        ax.set_axis_off()
        if bounds is not None:
            draw_layers(ax, layers, colours)
            minx, miny, maxx, maxy = bounds
            pad = 0.05 * max(maxx - minx, maxy - miny, 1.0)
            ax.set_xlim(minx - pad, maxx + pad)
            ax.set_ylim(miny - 2.2 * pad, maxy + pad)
            _scale_bar(ax, bounds, lang)
            _north_arrow(ax, bounds, lang)
        if title:
            fig.suptitle(title, fontsize=9, y=1 - 0.25 / height_cm)
        if handles:
            fig.legend(
                handles=handles,
                loc="lower center",
                ncol=2,
                fontsize=6,
                frameon=False,
                bbox_to_anchor=(0.5, 0.1 / height_cm),
            )
        for fmt in formats:
            buf = io.BytesIO()
            if fmt == "png":
                fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
            elif fmt == "svg":
                fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
            else:
                raise ValueError(f"unknown figure format {fmt!r}")
            out[fmt] = buf.getvalue()
    return out
