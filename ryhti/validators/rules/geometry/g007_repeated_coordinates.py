"""G007: no repeated consecutive positions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.validators.rule import ALL_KINDS, Localized, Rule, texts
from ryhti.validators.rules.geometry._geom import built_indices

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


def repeated(shapes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(geometry index, xy)`` of positions equal to the one before them in a ring or line."""
    parts, part_owner = shapely.get_parts(shapes, return_index=True)
    types = shapely.get_type_id(parts)
    polys = np.isin(types, (3,))
    lines = np.isin(types, (1, 2))
    owners = []
    seqs = []
    if polys.any():
        rings, ring_part = shapely.get_rings(parts[polys], return_index=True)
        seqs.append(rings)
        owners.append(part_owner[polys][ring_part])
    if lines.any():
        seqs.append(parts[lines])
        owners.append(part_owner[lines])
    if not seqs:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 2))
    seq = np.concatenate(seqs)
    owner = np.concatenate(owners)
    coords, seq_idx = shapely.get_coordinates(seq, return_index=True)
    same_seq = seq_idx[1:] == seq_idx[:-1]
    equal = np.all(coords[1:] == coords[:-1], axis=1) & same_seq
    hits = np.flatnonzero(equal)
    return owner[seq_idx[hits]], coords[hits]


class RepeatedCoordinates(Rule):
    """A line or ring does not repeat a position immediately.

    Anti-pattern: ``[[x1, y1], [x2, y2], [x2, y2], [x3, y3]]`` (a doubled vertex from snapping).

    Best practice: remove the duplicate (the closing position of a ring is not a repeat).
    """

    id = "G007"
    name = "repeated-coordinates"
    official_ids = ("quality__req_geom_secondary_coordinates_not_allowed",)
    references = ("R-C07",)
    kinds = ALL_KINDS
    spatial = True
    title = "Repeated consecutive coordinates"
    why = "Syke refuses geometries with the same position twice in a row."
    fix = "Remove the duplicate vertices (most GIS tools have a 'remove duplicate vertices' tool)."
    messages = texts(
        en="Position ({x}, {y}) is repeated{more}.",
        fi="Sijainti ({x}, {y}) toistuu peräkkäin{more}.",
        sv="Positionen ({x}, {y}) upprepas{more}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        idx = built_indices(ctx)
        if not len(idx):
            return
        owner, xy = repeated(ctx.shapes[idx].astype(object))
        if not len(owner):
            return
        first: dict[int, list[Any]] = {}
        for o, p in zip(owner, xy, strict=True):
            first.setdefault(int(o), []).append(p)
        for local, points in first.items():
            node = ctx.scan.geometries[idx[local]]
            x, y = points[0]
            more = len(points) - 1
            yield self.finding(
                ctx,
                path=f"{node.path}.geometry.coordinates",
                object_key=node.owner_key,
                geometry=shapely.multipoints(points) if more else shapely.Point(x, y),
                x=round(float(x), 3),
                y=round(float(y), 3),
                count=len(points),
                more=Localized(
                    en=f" (and {more} more)", fi=f" (ja {more} muuta)", sv=f" (och {more} till)"
                )
                if more
                else "",
            )
