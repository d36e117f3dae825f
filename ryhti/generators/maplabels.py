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

__all__ = ["Label", "Placed", "place_labels", "street_angle"]


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
