"""The plan map as a picture: the plan's own signs, labels, legend and a stated scale.

Two uses share the layers built here. The description embeds a figure (PNG and SVG):
land uses in their colours, every other sign of the plan (building areas, ``sr``,
``pk``, footpaths, trees) in a style of its own, block numbers with their letters,
building rights and storeys, street names along the streets, a legend that names each
sign by the plan's letter identifier and title, a scale bar, a north arrow and the
scale the figure is drawn at (a round one: 1:2 000, 1:2 500 …, exact when the figure is
printed at its width). The delivery map (:mod:`ryhti.generators.geotiff`) draws the
same layers edge to edge in EPSG:3067.

Colours: a regulation group's ``colorNumber`` where given, else a default per
seurantalomake class (the traditional plan-map hues), else grey.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from ryhti.generators.figures import (
    PlanFigures,
    code_value,
    geometry_types,
    object_geometries,
    plan_boundary,
    reproject,
)
from ryhti.generators.mapdraw import (
    draw_layers,
    figure_bytes,
    house_figure,
    nice_length,
    north_arrow,
    scale_bar,
    sign_styles,
)
from ryhti.generators.maplabels import place_labels, plan_labels
from ryhti.model import LanguageString, LocalizedTextValue, PlanRegulation, TextValue
from ryhti.model.plan import Plan

__all__ = [
    "DEFAULT_COLOURS",
    "MapFigure",
    "MapLayers",
    "build_layers",
    "class_colours",
    "draw_layers",
    "render_figure",
    "render_map_figure",
]

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

#: Height of the band under the plan that holds the scale bar, in cm on paper.
BAND_CM = 0.9

#: Round scales a figure is drawn at (the first one the plan fits).
SCALES: tuple[int, ...] = (
    500,
    1000,
    1500,
    2000,
    2500,
    3000,
    4000,
    5000,
    10000,
    20000,
    25000,
    40000,
    50000,
    100000,
    200000,
    250000,
    500000,
    1000000,
)

WORDS = {
    "fi": {
        "boundary": "Kaava-alueen raja",
        "other": "Muu kaavakohde",
        "north": "P",
        "scale": "Mittakaava 1:{scale} (kuvan leveys {width} cm)",
    },
    "sv": {
        "boundary": "Planområdets gräns",
        "other": "Annat planobjekt",
        "north": "N",
        "scale": "Skala 1:{scale} (bildens bredd {width} cm)",
    },
}

#: Regulation codes that only size or name something: they do not make a sign.
_NOT_SIGNS = frozenset(
    {
        "sallittuKerrosala",
        "tehokkuusluku",
        "maanpaallinenKerroslukuLuku",
        "maanpaallinenKerroslukuArvovali",
        "korttelinNumero",
        "tontinTaiRakennuspaikanNumero",
        "kadunTaiTienNimi",
        "torinTaiKatuaukionNimi",
        "puistonTaiMuunYleisenAlueenNimi",
    }
)
_STREET_NAMES = ("kadunTaiTienNimi", "torinTaiKatuaukionNimi", "puistonTaiMuunYleisenAlueenNimi")


@dataclass(slots=True)
class MapLayers:
    """Geometry arrays to draw, in one coordinate system.

    ``classes``: land uses by class key; ``areas``, ``lines``, ``points``: the other
    objects by sign key; ``signs``: the legend text of each sign key (``sr Suojeltu
    rakennus``); ``labels``: (point, text) of the simple labels the GeoTIFF prints;
    ``names``: (geometry, name) of named streets, parks and squares.
    """

    boundary: Any
    classes: dict[str, np.ndarray] = field(default_factory=dict)
    areas: dict[str, np.ndarray] = field(default_factory=dict)
    lines: dict[str, np.ndarray] = field(default_factory=dict)
    points: dict[str, np.ndarray] = field(default_factory=dict)
    signs: dict[str, str] = field(default_factory=dict)
    labels: list[tuple[Any, str]] = field(default_factory=list)
    names: list[tuple[Any, str]] = field(default_factory=list)

    def large_signs(self, share: float = 0.15) -> set[str]:
        """Area signs that together cover more than ``share`` of the plan area."""
        if self.boundary is None:
            return set()
        total = float(shapely.area(self.boundary)) or 1.0
        return {
            key
            for key, geoms in self.areas.items()
            if float(shapely.area(geoms).sum()) > share * total
        }

    def _arrays(self) -> list[np.ndarray]:
        return [
            a
            for layer in (self.classes, self.areas, self.lines, self.points)
            for a in layer.values()
            if len(a)
        ]

    def bounds(self) -> tuple[float, float, float, float] | None:
        arrays = self._arrays()
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

        def moved(pairs: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
            if not pairs:
                return []
            geoms = rp(np.array([g for g, _ in pairs], dtype=object))
            return [(g, t) for g, (_, t) in zip(geoms, pairs, strict=True)]

        return MapLayers(
            boundary=boundary,
            classes={k: rp(v) for k, v in self.classes.items()},
            areas={k: rp(v) for k, v in self.areas.items()},
            lines={k: rp(v) for k, v in self.lines.items()},
            points={k: rp(v) for k, v in self.points.items()},
            signs=dict(self.signs),
            labels=moved(self.labels),
            names=moved(self.names),
        )


def _title(group: Any, lang_key: str) -> str:
    title = group.title_of_plan_regulation
    if isinstance(title, LanguageString):
        return " ".join((getattr(title, lang_key, None) or title.text() or "").split())
    return ""


def _sign_of(groups: list[Any], lang_key: str) -> tuple[str, str] | None:
    """The sign an object is drawn with: its first group that says more than a size or
    a name, as (key, legend text ``letter title``)."""
    for group in groups:
        regs = [r for r in group.get("plan_regulations", []) if isinstance(r, PlanRegulation)]
        if regs and all(code_value(r.type) in _NOT_SIGNS for r in regs):
            continue
        letter = group.letter_identifier.strip() if isinstance(group.letter_identifier, str) else ""
        title = _title(group, lang_key)
        if letter or title:
            text = f"{letter} {title}".strip()
            return text.casefold(), text
    return None


def _name_of(groups: list[Any], lang: str) -> str | None:
    for group in groups:
        for reg in group.get("plan_regulations", []):
            if not isinstance(reg, PlanRegulation) or code_value(reg.type) not in _STREET_NAMES:
                continue
            value = reg.value
            if isinstance(value, LocalizedTextValue) and isinstance(value.text, LanguageString):
                fi, sv = value.text.fin, value.text.swe
                first, second = (sv, fi) if lang == "sv" else (fi, sv)
                shown = [t.strip() for t in (first, second) if isinstance(t, str) and t.strip()]
                if shown:
                    return "\n".join(dict.fromkeys(shown))
            if isinstance(value, TextValue) and isinstance(value.text, str) and value.text.strip():
                return value.text.strip()
    return None


def build_layers(
    plan: Plan, figures: PlanFigures, *, max_labels: int = 400, lang: str = "fi"
) -> MapLayers:
    """Group the plan's geometries by what they are on the map (see :class:`MapLayers`)."""
    geoms, _ = object_geometries(plan)
    boundary = plan_boundary(plan)
    types = geometry_types(geoms)
    n = len(geoms)
    keys = np.array(
        figures.object_classes + [None] * (n - len(figures.object_classes)), dtype=object
    )
    is_poly = np.isin(types, ["Polygon", "MultiPolygon"])
    is_line = np.isin(types, ["LineString", "MultiLineString"])
    is_point = np.isin(types, ["Point", "MultiPoint"])
    land_use = is_poly & np.array([k is not None for k in keys.tolist()], dtype=bool)
    layers = MapLayers(boundary=boundary)
    for cls in figures.classes:
        mask = land_use & (keys == cls.key)
        if mask.any():
            layers.classes[cls.key] = geoms[mask]
    objects = plan.objects()
    by_object = plan.groups_by_object()
    lang_key = "swe" if lang == "sv" else "fin"
    buckets: dict[str, dict[str, list[int]]] = {"area": {}, "line": {}, "point": {}}
    for i in np.flatnonzero((is_poly & ~land_use) | is_line | is_point).tolist():
        okey = objects[i].plan_object_key
        groups = by_object.get(okey, []) if isinstance(okey, str) else []
        sign = _sign_of(groups, lang_key) if n <= 200_000 else None
        key, text = sign if sign is not None else ("", "")
        kind = "area" if is_poly[i] else ("line" if is_line[i] else "point")
        buckets[kind].setdefault(key, []).append(i)
        if key:
            layers.signs.setdefault(key, text)
    for kind, target in (("area", layers.areas), ("line", layers.lines), ("point", layers.points)):
        for key, idx in buckets[kind].items():
            target[key] = geoms[np.array(idx, dtype=np.int64)]
    lu_idx = np.flatnonzero(land_use)
    if 0 < lu_idx.size <= max_labels:
        letter_of = _letters(plan)
        points = shapely.point_on_surface(geoms[lu_idx])
        for i, point in zip(lu_idx.tolist(), points.tolist(), strict=True):
            name = _name_of(by_object.get(objects[i].plan_object_key, []), lang)
            if name:
                layers.names.append((geoms[i], name))
                continue
            text = letter_of.get(objects[i].plan_object_key)
            if text:
                layers.labels.append((point, text))
    return layers


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


@dataclass(slots=True)
class MapFigure:
    """The rendered figure: bytes per format, the scale it is drawn at (``1:scale`` at
    ``width_cm``), and how many labels found no free place."""

    data: dict[str, bytes]
    scale: int | None
    width_cm: float
    dropped_labels: int = 0
    #: What the legend says, entry by entry, and the labels printed on the map.
    legend: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    #: The placed labels' boxes in display pixels (none overlaps another).
    label_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)


def _round_scale(raw: float) -> int:
    for scale in SCALES:
        if scale >= raw * 0.999:
            return scale
    return int(math.ceil(raw / 1_000_000) * 1_000_000)


def render_map_figure(
    plan: Plan,
    figures: PlanFigures,
    names: dict[str, str],
    *,
    lang: str = "fi",
    title: str | None = None,
    formats: tuple[str, ...] = ("png", "svg"),
    dpi: int = 200,
    block_texts: dict[str, list[str]] | None = None,
    width_cm: float = 16.0,
    max_labels: int = 400,
) -> MapFigure:
    """The plan map figure in each of ``formats`` (``png``, ``svg``), with its legend.

    ``names`` gives the legend text per class key (``AK Asuinkerrostalojen
    korttelialue``); ``block_texts`` the lines under each block number (building
    rights, storeys). Output is byte-for-byte reproducible for the same input and
    matplotlib version (no dates, fixed SVG ids).
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from ryhti.generators.fmt import fmt_number

    layers = build_layers(plan, figures, lang=lang, max_labels=max_labels)
    colours = class_colours(figures)
    bounds = layers.bounds()
    words = WORDS[lang]
    wrap = 44

    def legend_text(text: str) -> str:
        return textwrap.fill(text, wrap, subsequent_indent="  ")

    handles: list[Any] = [
        Patch(
            facecolor=colours[c.key],
            edgecolor="#333333",
            label=legend_text(names.get(c.key, c.key)),
        )
        for c in figures.classes
        if c.key in layers.classes
    ][:24]
    for key, style in sign_styles(list(layers.areas), "area", layers.large_signs()).items():
        handles.append(
            Patch(
                facecolor="none",
                edgecolor=style.edge,
                linestyle=style.linestyle,
                hatch=style.hatch,
                label=legend_text(layers.signs.get(key) or words["other"]),
            )
        )
    for key, style in sign_styles(list(layers.lines), "line").items():
        handles.append(
            Line2D(
                [],
                [],
                color=style.edge,
                linestyle=style.linestyle,
                linewidth=style.linewidth,
                label=legend_text(layers.signs.get(key) or words["other"]),
            )
        )
    for key, style in sign_styles(list(layers.points), "point").items():
        handles.append(
            Line2D(
                [],
                [],
                marker=style.marker,
                color="none",
                markerfacecolor=style.face,
                markeredgecolor=style.edge,
                label=legend_text(layers.signs.get(key) or words["other"]),
            )
        )
    if layers.boundary is not None:
        handles.append(
            Line2D([], [], color="black", linestyle=(0, (6, 2, 1, 2)), label=words["boundary"])
        )
    handles = handles[:40]
    margin_cm = 0.4
    map_w_cm = width_cm - 2 * margin_cm
    scale: int | None = None
    view = None
    map_h_cm = map_w_cm * 0.6
    if bounds is not None:
        minx, miny, maxx, maxy = bounds
        w, h = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
        pad = 0.04 * max(w, h)
        w, h = w + 2 * pad, h + 2 * pad
        # Portrait page: the map may be up to 1.25 × as tall as wide.
        map_h_cm = min(max(map_w_cm * h / w, map_w_cm * 0.45), map_w_cm * 1.25)
        raw = max(w / (map_w_cm / 100), h / (map_h_cm / 100))
        scale = _round_scale(raw)
        half_w = scale * map_w_cm / 100 / 2
        half_h = scale * map_h_cm / 100 / 2
        cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
        # A band under the plan for the scale bar, so that it covers nothing.
        band = scale * BAND_CM / 100
        map_h_cm += BAND_CM
        view = (cx - half_w, cy - half_h - band, cx + half_w, cy + half_h)
    lines = sum(hd.get_label().count("\n") + 1 for hd in handles)
    legend_cm = 0.5 + 0.36 * math.ceil(lines / 2)
    title_cm = 0.8 if title else 0.2
    height_cm = map_h_cm + legend_cm + title_cm + 0.2
    dropped = 0
    placed = None
    out: dict[str, bytes] = {}
    with house_figure(width_cm, height_cm, **{"hatch.linewidth": 0.5}) as fig:
        ax = fig.add_axes(
            (
                margin_cm / width_cm,
                (legend_cm + 0.1) / height_cm,
                map_w_cm / width_cm,
                map_h_cm / height_cm,
            )
        )
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_linewidth(0.6)
            spine.set_color("#555555")
        if view is not None and scale is not None:
            ax.set_xlim(view[0], view[2])
            ax.set_ylim(view[1], view[3])
            draw_layers(ax, layers, colours, labels=False)
            caption = words["scale"].format(
                scale=fmt_number(scale), width=fmt_number(width_cm, None)
            )
            fixed = scale_bar(
                ax,
                view,
                nice_length(view[2] - view[0]),
                caption=caption,
                at_y=view[1] + scale * BAND_CM / 100 * 0.35,
            )
            fixed += north_arrow(ax, view, words["north"], inside=True)
            texts = plan_labels(plan, figures, layers, block_texts or {}, max_labels)
            placed = place_labels(ax, texts, avoid=fixed)
            dropped = placed.dropped
        if title:
            fig.suptitle(title, fontsize=9, y=1 - 0.2 / height_cm, va="top")
        if handles:
            fig.legend(
                handles=handles,
                loc="lower center",
                ncol=2,
                fontsize=7,
                frameon=False,
                handlelength=2.2,
                bbox_to_anchor=(0.5, 0.05 / height_cm),
            )
        for fmt in formats:
            out[fmt] = figure_bytes(fig, fmt, dpi)
    return MapFigure(
        out,
        scale,
        width_cm,
        dropped,
        legend=[h.get_label().replace("\n  ", " ") for h in handles],
        labels=placed.texts if placed is not None else [],
        label_boxes=placed.boxes if placed is not None else [],
    )


def render_figure(
    plan: Plan,
    figures: PlanFigures,
    names: dict[str, str],
    **options: Any,
) -> dict[str, bytes]:
    """The figure's bytes per format (:func:`render_map_figure` without its facts)."""
    return render_map_figure(plan, figures, names, **options).data
