"""What both SQL backends share: versions, cancellations, and the plain reads.

Adding a plan decides, inside the write transaction and against what is stored at that
moment, what the plan is to the archive:

* the same ``planKey`` and lifecycle status with the same content → *unchanged* (nothing
  is written; this is what makes ``archive add`` idempotent and resumable);
* the same ``planKey`` and lifecycle status, other content → *replaced* (the corrected
  plan takes that version's place and number);
* the same ``planKey``, another lifecycle status → a new *version*; the earlier ones stay as
  history, and the most advanced one (:data:`~ryhti.archive.lifecycle.RANK`) is current;
* otherwise the plan is *added*.

Cancellations are kept as given and applied wherever they point: when a plan in force
cancels a plan, an object (wholly, or all but its ``validityGeometry``), a general
regulation group or one group on one object, the target is marked — whichever of the two
was archived first — and unmarked again when the cancelling plan goes.

Backends give the dialect: placeholders, id reservation, bulk inserts, geometry encoding.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from itertools import repeat
from typing import Any

import numpy as np

from ryhti.archive.records import PreparedPlan
from ryhti.archive.sqlreads import SqlReads, chunks, in_force_sql
from ryhti.archive.store import AddResult

__all__ = ["SqlStore", "chunks", "in_force_sql"]


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" * len(items))


class SqlStore(SqlReads):
    """Version logic over the shared tables; subclasses give the dialect."""

    # -- dialect hooks ------------------------------------------------------------------
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _many(self, sql: str, rows: Any) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _next_ids(self, table: str, count: int) -> int:
        raise NotImplementedError

    def _geom(self, wkb: bytes | None, bounds: Any) -> Any:
        raise NotImplementedError

    def _geoms(self, wkb: list[bytes | None], bounds: Any) -> list[Any]:
        raise NotImplementedError

    def _wkb(self, value: Any) -> bytes | None:
        raise NotImplementedError

    def _insert_plan(self, row: dict[str, Any], box: tuple | None) -> None:
        raise NotImplementedError

    def _insert_objects(self, rows: list[tuple], boxes: list[tuple]) -> None:
        raise NotImplementedError

    def _insert_regulations(self, rows: list[tuple]) -> None:
        raise NotImplementedError

    def _insert_rows(self, table: str, columns: str, rows: list[tuple]) -> None:
        """Bulk insert of plain rows (``executemany`` or ``COPY``)."""
        raise NotImplementedError

    def _delete_regulations(self, fid: int) -> None:
        raise NotImplementedError

    # -- writing ------------------------------------------------------------------------
    def add(self, plans: Sequence[PreparedPlan], sources: Sequence[tuple] = ()) -> list[AddResult]:
        results: list[AddResult] = []
        with self._transaction():
            refs: set[str] = set()
            for plan in plans:
                results.append(self._add_one(plan, refs))
            self._refresh(refs)
            for path, size, mtime, digest, key in sources:
                self._exec("DELETE FROM sources WHERE path = ?", (path,))
                self._exec(
                    "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
                    (path, size, mtime, digest, key, _now()),
                )
        return results

    def _add_one(self, plan: PreparedPlan, refs: set[str]) -> AddResult:
        rows = self._all(
            "SELECT fid, version, lifecycle, content_hash FROM plans WHERE plan_key = ?",
            (plan.plan_key,),
        )
        lifecycle = plan.lifecycle or ""
        same = next((r for r in rows if r["lifecycle"] == lifecycle), None)
        if same is not None and same["content_hash"] == plan.content_hash:
            return AddResult(
                "unchanged",
                plan.plan_key,
                same["version"],
                same["fid"],
                plan.source,
                len(plan.objects),
                len(plan.regulations),
            )
        refs.update(r for r in (plan.plan_key, plan.meta.get("permanent_id")) if r)
        if rows:
            fids = [r["fid"] for r in rows]
            refs.update(
                r["target"]
                for r in self._all(
                    f"SELECT DISTINCT target FROM cancellations WHERE plan_fid IN ({_marks(fids)})",
                    fids,
                )
            )
        if same is not None:
            version, outcome = same["version"], "replaced"
            self._delete_version(same["fid"])
        else:
            version = max((r["version"] for r in rows), default=0) + 1
            outcome = "version" if rows else "added"
        fid = self._insert_version(plan, version)
        refs.update(c.target for c in plan.cancellations)
        self._set_current(plan.plan_key)
        return AddResult(
            outcome,
            plan.plan_key,
            version,
            fid,
            plan.source,
            len(plan.objects),
            len(plan.regulations),
        )

    def _insert_version(self, plan: PreparedPlan, version: int) -> int:
        fid = self._next_ids("plans", 1)
        bounds = plan.area_bounds
        meta = plan.meta
        validation = plan.validation
        row = {
            "fid": fid,
            "geom": self._geom(plan.area_wkb, bounds) if bounds is not None else None,
            "plan_key": plan.plan_key,
            "version": version,
            "is_current": 0,
            "lifecycle": plan.lifecycle or "",
            "lifecycle_rank": plan.rank,
            "in_force_lifecycle": int(plan.in_force_lifecycle),
            **{
                k: meta.get(k)
                for k in (
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
                )
            },
            "object_count": len(plan.objects),
            "regulation_count": len(plan.regulations),
            "valid": None if validation is None else int(bool(validation["valid"])),
            "error_count": None if validation is None else validation["errors"],
            "warning_count": None if validation is None else validation["warnings"],
            "findings": None
            if validation is None
            else json.dumps(validation["findings"], ensure_ascii=False),
            "content_hash": plan.content_hash,
            "source": plan.source,
            "added_at": _now(),
        }
        box = None if bounds is None else (fid, bounds[0], bounds[2], bounds[1], bounds[3])
        self._insert_plan(row, box)
        self._exec(
            "INSERT INTO plan_documents VALUES (?, ?, ?)",
            (fid, plan.plan_document, plan.matter_document),
        )
        objects = plan.objects
        n = len(objects)
        first = self._next_ids("plan_objects", n) if n else 0
        if n:
            fids = range(first, first + n)
            rows = list(
                zip(
                    fids,
                    self._geoms(objects.wkb, objects.bounds),
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
            boxes = np.column_stack([ok + first, b[:, 0], b[:, 2], b[:, 1], b[:, 3]]).tolist()
            self._insert_objects(rows, [(int(r[0]), *r[1:]) for r in boxes])
        g_first = self._next_ids("regulation_groups", len(plan.groups)) if plan.groups else 0
        if plan.groups:
            self._insert_rows(
                "regulation_groups",
                "gid, plan_fid, group_key, kind, letter, letter_base, title_fi, title_sv, "
                "group_number, group_index",
                [
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
                ],
            )
        if plan.regulations:
            r_first = self._next_ids("regulations", len(plan.regulations))
            self._insert_regulations(
                [
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
                ]
            )
        if plan.links:
            self._insert_rows(
                "group_objects",
                "gid, object_fid",
                sorted({(g_first + g, first + o) for g, o in plan.links}),
            )
        if plan.cancellations:
            rows = []
            for c in plan.cancellations:
                validity = None
                if c.validity_wkb is not None:
                    import shapely

                    geom = shapely.from_wkb(c.validity_wkb)
                    validity = self._geom(c.validity_wkb, shapely.bounds(geom))
                rows.append(
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
            self._insert_rows(
                "cancellations",
                "plan_fid, target, entire_plan, kind, object_key, group_key, entire_object, "
                "validity",
                rows,
            )
        return fid

    def _set_current(self, plan_key: str) -> None:
        self._exec(
            "UPDATE plans SET is_current = CASE WHEN fid = (SELECT fid FROM plans WHERE "
            "plan_key = ? ORDER BY lifecycle_rank DESC, fid DESC LIMIT 1) THEN 1 ELSE 0 END "
            "WHERE plan_key = ?",
            (plan_key, plan_key),
        )

    def _delete_version(self, fid: int) -> None:
        self._delete_regulations(fid)
        self._exec(
            "DELETE FROM group_objects WHERE gid IN "
            "(SELECT gid FROM regulation_groups WHERE plan_fid = ?)",
            (fid,),
        )
        for table, column in (
            ("regulation_groups", "plan_fid"),
            ("plan_objects", "plan_fid"),
            ("cancellations", "plan_fid"),
            ("plan_documents", "plan_fid"),
            ("plans", "fid"),
        ):
            self._exec(f"DELETE FROM {table} WHERE {column} = ?", (fid,))

    def remove(self, fids: Sequence[int]) -> int:
        if not fids:
            return 0
        with self._transaction():
            rows = self._all(
                f"SELECT fid, plan_key, permanent_id FROM plans WHERE fid IN ({_marks(fids)})",
                list(fids),
            )
            refs: set[str] = set()
            keys = {r["plan_key"] for r in rows}
            for r in rows:
                refs.update(x for x in (r["plan_key"], r["permanent_id"]) if x)
                refs.update(
                    c["target"]
                    for c in self._all(
                        "SELECT DISTINCT target FROM cancellations WHERE plan_fid = ?", (r["fid"],)
                    )
                )
                self._delete_version(r["fid"])
            for key in keys:
                self._set_current(key)
            self._refresh(refs)
        return len(rows)

    def _refresh(self, refs: set[str]) -> None:
        """Re-apply every cancellation aimed at ``refs`` (plan keys or permanent ids)."""
        refs_list = sorted(r for r in refs if r)
        if not refs_list:
            return
        m = _marks(refs_list)
        targets = self._all(
            f"SELECT fid, plan_key, permanent_id FROM plans WHERE plan_key IN ({m}) "
            f"OR permanent_id IN ({m})",
            refs_list + refs_list,
        )
        if not targets:
            return
        effective = self._all(
            "SELECT c.target, c.entire_plan, c.kind, c.object_key, c.group_key, c.entire_object, "
            "c.validity, p.plan_key AS by_key, p.name AS by_name, p.permanent_id AS by_id "
            f"FROM cancellations c JOIN plans p ON p.fid = c.plan_fid WHERE c.target IN ({m}) "
            "AND p.is_current = 1 AND p.in_force_lifecycle = 1 ORDER BY c.cid",
            refs_list,
        )
        for target in targets:
            self._apply(target, effective)

    def _apply(self, target: dict[str, Any], effective: list[dict[str, Any]]) -> None:
        fid = target["fid"]
        names = {target["plan_key"], target["permanent_id"]} - {None}
        mine = [c for c in effective if c["target"] in names and c["by_key"] != target["plan_key"]]

        def label(c: dict[str, Any]) -> str:
            return c["by_id"] or c["by_name"] or c["by_key"]

        whole = sorted({label(c) for c in mine if c["entire_plan"]})
        self._exec(
            "UPDATE plans SET cancelled_by = ? WHERE fid = ?", (", ".join(whole) or None, fid)
        )
        self._exec(
            "UPDATE plan_objects SET cancelled = 0, cancelled_by = NULL, validity = NULL "
            "WHERE plan_fid = ? AND cancelled != 0",
            (fid,),
        )
        self._exec(
            "UPDATE regulation_groups SET cancelled = 0 WHERE plan_fid = ? AND cancelled != 0",
            (fid,),
        )
        self._exec(
            "UPDATE group_objects SET cancelled = 0 WHERE cancelled != 0 AND gid IN "
            "(SELECT gid FROM regulation_groups WHERE plan_fid = ?)",
            (fid,),
        )
        parts = [c for c in mine if c["kind"] in ("object", "group_relation")]
        if parts:
            objects = {
                r["object_key"]: r["fid"]
                for r in self._all(
                    "SELECT fid, object_key FROM plan_objects WHERE plan_fid = ?", (fid,)
                )
            }
            groups = {
                r["group_key"]: r["gid"]
                for r in self._all(
                    "SELECT gid, group_key FROM regulation_groups WHERE plan_fid = ?", (fid,)
                )
            }
            for c in parts:
                ofid = objects.get(c["object_key"])
                if ofid is None:
                    continue
                if c["kind"] == "object":
                    self._exec(
                        "UPDATE plan_objects SET cancelled = ?, cancelled_by = ?, validity = ? "
                        "WHERE fid = ?",
                        (1 if c["entire_object"] else 2, label(c), c["validity"], ofid),
                    )
                elif groups.get(c["group_key"]) is not None:
                    self._exec(
                        "UPDATE group_objects SET cancelled = 1 WHERE gid = ? AND object_fid = ?",
                        (groups[c["group_key"]], ofid),
                    )
        for c in mine:
            if c["kind"] == "general_group" and c["group_key"]:
                self._exec(
                    "UPDATE regulation_groups SET cancelled = 1 WHERE plan_fid = ? AND "
                    "group_key = ?",
                    (fid, c["group_key"]),
                )
