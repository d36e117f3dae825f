"""Labels on the plan map figure, placed so that none covers another.

A plan map is read by its texts: block numbers, the land use's letters, building rights
and storeys inside each block, street names along the streets. On a 16 cm figure they
collide easily, and a label printed over another is worse than none. So labels are
placed greedily in order of importance (block labels first, then street names, then
the letters of other areas): each is measured in display space and tried at its anchor
and a few offsets around it; a label that finds no free place is left out and counted
(:attr:`Placed.dropped`). Measurement uses the figure's own renderer, so what is
checked is what is printed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.ops import polylabel

from ryhti.generators.figures import PlanFigures, object_geometries
from ryhti.model.plan import Plan

__all__ = ["Label", "Placed", "place_labels", "plan_labels", "street_angle"]


@dataclass(slots=True)
class Label:
    """A label to place: anchor point (map units), text (lines joined with ``\\n``),
    font size in points, bold or not, rotation in degrees, and priority (lower first)."""

    x: float
    y: float
    text: str
    size: float = 6.5
    bold: bool = False
    rotation: float = 0.0
    priority: int = 0
    colour: str = "#111111"
    #: ``center`` on the anchor, or ``left``: starting at it (a label beside a marker).
    align: str = "center"


@dataclass(slots=True)
class Placed:
    """What was drawn: the labels' boxes in display pixels and how many were left out."""

    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    dropped: int = 0


def street_angle(geom: Any) -> float:
    """The direction of a street area's long side in degrees, turned to read left to right."""
    rect = shapely.minimum_rotated_rectangle(geom)
    coords = np.asarray(shapely.get_coordinates(rect))
    if len(coords) < 4:
        return 0.0
    edges = np.diff(coords[:3], axis=0)
    lengths = np.hypot(edges[:, 0], edges[:, 1])
    dx, dy = edges[int(np.argmax(lengths))]
    angle = math.degrees(math.atan2(dy, dx))
    if angle > 90:
        angle -= 180
    elif angle < -90:
        angle += 180
    return angle


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    ax: Any, labels: list[Label], *, pad_px: float = 1.5, avoid: list[Any] = ()
) -> Placed:
    """Draw ``labels`` on ``ax`` without overlaps (see the module docstring); ``avoid``
    are artists already drawn (a scale bar, a north arrow) that no label may cover."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed = Placed()
    frame = ax.get_window_extent(renderer)
    for artist in avoid:
        box = artist.get_window_extent(renderer)
        placed.boxes.append((box.x0, box.y0, box.x1, box.y1))
    taken = len(placed.boxes)
    for label in sorted(labels, key=lambda lb: lb.priority):
        text = ax.text(
            label.x,
            label.y,
            label.text,
            fontsize=label.size,
            fontweight="bold" if label.bold else "normal",
            rotation=label.rotation,
            rotation_mode="anchor",
            ha=label.align,
            va="center",
            multialignment=label.align,
            color=label.colour,
            zorder=8,
            linespacing=1.05,
        )
        base = ax.transData.transform((label.x, label.y))
        extent = text.get_window_extent(renderer)
        w, h = extent.width, extent.height
        dy, dx = h + 2 * pad_px + 1, w + 2 * pad_px + 1
        candidates = [(0.0, 0.0), (0.0, -dy), (0.0, dy), (dx, 0.0), (-dx, 0.0)]
        done = False
        for dx, dy in candidates:
            x, y = ax.transData.inverted().transform((base[0] + dx, base[1] + dy))
            text.set_position((x, y))
            box = text.get_window_extent(renderer)
            bbox = (box.x0 - pad_px, box.y0 - pad_px, box.x1 + pad_px, box.y1 + pad_px)
            inside = (
                bbox[0] >= frame.x0
                and bbox[2] <= frame.x1
                and bbox[1] >= frame.y0
                and bbox[3] <= frame.y1
            )
            if inside and not any(_overlaps(bbox, other) for other in placed.boxes):
                placed.boxes.append(bbox)
                placed.texts.append(label.text)
                done = True
                break
        if not done:
            text.remove()
            placed.dropped += 1
    del placed.boxes[:taken]
    return placed


def plan_labels(
    plan: Plan,
    figures: PlanFigures,
    layers: Any,
    block_texts: dict[str, list[str]],
    max_labels: int,
) -> list[Label]:
    """The plan map's labels: one per numbered block (number, letters, building rights,
    storeys), one per unnumbered land use (its letters), one per named street, park or
    square along it (``layers``: a :class:`~ryhti.generators.mapfig.MapLayers`)."""
    labels: list[Label] = []
    geoms, _ = object_geometries(plan)
    blocks: dict[str, list[int]] = {}
    for i, number in enumerate(figures.object_blocks):
        if number is not None and figures.object_classes[i] is not None:
            blocks.setdefault(number, []).append(i)
    if len(blocks) <= max_labels:
        for number, idx in blocks.items():
            shape = shapely.union_all(geoms[np.array(idx, dtype=np.int64)])
            where = polylabel(_largest(shape), tolerance=0.5)
            lines = [number, *block_texts.get(number, [])]
            labels.append(
                Label(where.x, where.y, "\n".join(lines), size=6.5, bold=False, priority=0)
            )
    numbered = {i for idx in blocks.values() for i in idx}
    for point, text in layers.labels if len(layers.labels) <= max_labels else []:
        labels.append(Label(point.x, point.y, text, size=6.0, priority=2))
    # Unnumbered land uses already have their letters above; drop duplicates of blocks.
    labels = [lb for lb in labels if lb.priority == 0 or not _in_numbered(lb, geoms, numbered)]
    for geom, name in layers.names[:max_labels]:
        where = polylabel(_largest(geom), tolerance=0.5)
        labels.append(
            Label(
                where.x,
                where.y,
                name,
                size=6.0,
                rotation=street_angle(geom),
                priority=1,
                colour="#333333",
            )
        )
    return labels


def _in_numbered(label: Label, geoms: np.ndarray, numbered: set[int]) -> bool:
    point = shapely.Point(label.x, label.y)
    return any(geoms[i] is not None and geoms[i].covers(point) for i in numbered)


def _largest(geom: Any) -> Any:
    parts = shapely.get_parts(geom)
    polys = [p for p in parts if p.geom_type == "Polygon"]
    return max(polys, key=lambda p: p.area) if polys else geom
