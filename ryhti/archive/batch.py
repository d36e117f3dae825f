"""The rows of one write batch: every table's new rows, gathered across plans, written at once.

``archive add`` commits in batches of up to 100,000 objects. Writing each plan with its
own statements costs a statement (an ``executemany`` or a ``COPY``, with its round trips
to PostgreSQL) per table per plan; gathering the rows of all the batch's plans first and
writing each table once costs a statement per table per batch, and lets the backend treat
the batch as the bulk load it is. :class:`WriteBatch` is that gathering; it holds plain
rows, ids already given (:class:`IdBlock`), so a backend only has to write them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np

from ryhti.archive.records import PreparedPlan

__all__ = ["PLAN_INSERT_COLUMNS", "IdBlock", "WriteBatch"]

#: Columns of a new plan version, in the order :meth:`WriteBatch.add_plan` gives them.
PLAN_INSERT_COLUMNS = (
    "fid",
    "geom",
    "plan_key",
    "version",
    "is_current",
    "lifecycle",
    "lifecycle_rank",
    "in_force_lifecycle",
    "name",
    "level",
    "plan_type",
    "municipality",
    "permanent_id",
    "producer_id",
    "description",
    "approval_date",
    "valid_from",
    "valid_to",
    "srid_source",
    "object_count",
    "regulation_count",
    "valid",
    "error_count",
    "warning_count",
    "findings",
    "content_hash",
    "source",
    "added_at",
)
_META = PLAN_INSERT_COLUMNS[8:19]


class IdBlock:
    """Row ids handed out in order from a block the backend reserved for the batch."""

    def __init__(self, first: int, size: int) -> None:
        self.next = first
        self.end = first + size

    def take(self, count: int) -> int:
        """The first of ``count`` consecutive ids."""
        if self.next + count > self.end:  # the reservation covers every plan of the batch
            raise RuntimeError("id block exhausted")
        first = self.next
        self.next += count
        return first


@dataclass
class WriteBatch:
    """New rows of every table, in the order they are to be written."""

    plans: list[tuple] = field(default_factory=list)
    plan_boxes: list[tuple] = field(default_factory=list)
    documents: list[tuple] = field(default_factory=list)
    objects: list[tuple] = field(default_factory=list)
    object_boxes: list[np.ndarray] = field(default_factory=list)
    groups: list[tuple] = field(default_factory=list)
    regulations: list[tuple] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)
    cancellations: list[tuple] = field(default_factory=list)
    current: dict[str, int] = field(default_factory=dict)  # plan key → its current fid

    def __bool__(self) -> bool:
        return bool(self.plans)

    def holds(self, fid: int) -> bool:
        """True when version ``fid`` is gathered here (not yet written)."""
        return bool(self.plans) and self.plans[0][0] <= fid <= self.plans[-1][0]

    def clear(self) -> None:
        """Empty, once written."""
        for name in self.__dataclass_fields__:
            getattr(self, name).clear()

    def plan_rows(self) -> list[tuple]:
        """The plan rows with ``is_current`` settled: the current version of each key."""
        current = self.current
        return [(*r[:4], int(current.get(r[2]) == r[0]), *r[5:]) for r in self.plans]

    def boxes(self) -> list[tuple]:
        """``(fid, minx, maxx, miny, maxy)`` of every object with a geometry."""
        if not self.object_boxes:
            return []
        rows = np.concatenate(self.object_boxes).tolist()
        return [(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def add_plan(
        self,
        plan: PreparedPlan,
        fid: int,
        version: int,
        ids: dict[str, IdBlock],
        store: Any,
        now: str,
    ) -> None:
        """Queue the rows of one plan version; ``store`` encodes geometries."""
        bounds = plan.area_bounds
        meta = plan.meta
        validation = plan.validation
        self.plans.append(
            (
                fid,
                store._geom(plan.area_wkb, bounds) if bounds is not None else None,
                plan.plan_key,
                version,
                0,  # is_current: settled by plan_rows()
                plan.lifecycle or "",
                plan.rank,
                int(plan.in_force_lifecycle),
                *(meta.get(k) for k in _META),
                len(plan.objects),
                len(plan.regulations),
                None if validation is None else int(bool(validation["valid"])),
                None if validation is None else validation["errors"],
                None if validation is None else validation["warnings"],
                None
                if validation is None
                else json.dumps(validation["findings"], ensure_ascii=False),
                plan.content_hash,
                plan.source,
                now,
            )
        )
        if bounds is not None:
            self.plan_boxes.append((fid, bounds[0], bounds[2], bounds[1], bounds[3]))
        self.documents.append((fid, plan.plan_document, plan.matter_document))
        objects = plan.objects
        n = len(objects)
        first = ids["plan_objects"].take(n) if n else 0
        if n:
            self.objects.extend(
                zip(
                    range(first, first + n),
                    store._geoms(objects.wkb, objects.bounds),
                    repeat(fid),
                    objects.keys,
                    range(n),
                    objects.names,
                    objects.numbers,
                    objects.letters,
                    objects.main_uses,
                    objects.lifecycles,
                    objects.underground,
                    objects.types,
                    strict=False,
                )
            )
            ok = np.flatnonzero(~np.isnan(objects.bounds[:, 0]))
            b = objects.bounds[ok]
            self.object_boxes.append(
                np.column_stack([ok + first, b[:, 0], b[:, 2], b[:, 1], b[:, 3]])
            )
        g_first = ids["regulation_groups"].take(len(plan.groups)) if plan.groups else 0
        self.groups.extend(
            (
                g_first + i,
                fid,
                g.key,
                g.kind,
                g.letter,
                g.letter_base,
                g.title_fi,
                g.title_sv,
                g.number,
                i,
            )
            for i, g in enumerate(plan.groups)
        )
        if plan.regulations:
            r_first = ids["regulations"].take(len(plan.regulations))
            self.regulations.extend(
                (
                    r_first + i,
                    g_first + r.group,
                    fid,
                    r.key,
                    r.kind,
                    r.code,
                    r.code_label,
                    r.value_text,
                    r.number,
                    r.unit,
                    r.text_fi,
                    r.text_sv,
                    r.infos,
                    r.sentence_fi,
                    r.sentence_sv,
                    r.regulation_number,
                    r.main_terms,
                    r.context_terms,
                )
                for i, r in enumerate(plan.regulations)
            )
        if plan.links:
            self.links.extend(sorted({(g_first + g, first + o) for g, o in plan.links}))
        for c in plan.cancellations:
            validity = None
            if c.validity_wkb is not None:
                import shapely

                geom = shapely.from_wkb(c.validity_wkb)
                validity = store._geom(c.validity_wkb, shapely.bounds(geom))
            self.cancellations.append(
                (
                    fid,
                    c.target,
                    int(c.entire_plan),
                    c.kind,
                    c.object_key,
                    c.group_key,
                    int(c.entire_object),
                    validity,
                )
            )
