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
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from contextlib import AbstractContextManager
from typing import Any

from ryhti.archive.batch import PLAN_INSERT_COLUMNS, IdBlock, WriteBatch
from ryhti.archive.records import PreparedPlan
from ryhti.archive.searching import marks
from ryhti.archive.sqlreads import SqlReads, chunks, in_force_sql
from ryhti.archive.store import AddResult

__all__ = ["SqlStore", "chunks", "in_force_sql"]


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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
        """The first of ``count`` fresh ids of ``table`` (reserved, where the backend must)."""
        raise NotImplementedError

    def _geom(self, wkb: bytes | None, bounds: Any) -> Any:
        raise NotImplementedError

    def _geoms(self, wkb: list[bytes | None], bounds: Any) -> list[Any]:
        raise NotImplementedError

    def _wkb(self, value: Any) -> bytes | None:
        raise NotImplementedError

    def _insert_plans(self, columns: str, rows: list[tuple], boxes: list[tuple]) -> None:
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
        """Decide each plan's outcome in order, gather the new rows, write each table once.

        The versions already stored under the batch's plan keys are read in one query and
        kept up to date in memory as the plans are decided (which version is current is
        settled when the rows are written); a plan that replaces a version gathered in the
        same batch first writes what is gathered, so the replacement happens in the tables
        exactly as if the plans had come one by one.
        """
        results: list[AddResult] = []
        with self._transaction():
            known = self._versions(sorted({p.plan_key for p in plans}))
            ids = self._reserve(plans)
            batch = WriteBatch()
            fresh: set[int] = set()
            refs: set[str] = set()
            now = _now()
            for plan in plans:
                results.append(self._add_one(plan, known, ids, batch, fresh, refs, now))
            self._write(batch)
            self._refresh(refs, fresh)
            if sources:
                self._many("DELETE FROM sources WHERE path = ?", [(s[0],) for s in sources])
                self._many(
                    "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
                    [(*s, now) for s in sources],
                )
        return results

    def _versions(self, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        """The stored versions of ``keys``: ``plan_key → [version rows]``."""
        known: dict[str, list[dict[str, Any]]] = {}
        for part in chunks(keys):
            for row in self._all(
                "SELECT fid, plan_key, version, lifecycle, lifecycle_rank, content_hash "
                f"FROM plans WHERE plan_key IN ({marks(part)})",
                list(part),
            ):
                known.setdefault(row["plan_key"], []).append(row)
        return known

    def _reserve(self, plans: Sequence[PreparedPlan]) -> dict[str, IdBlock]:
        """Ids enough for every plan of the batch, one reservation per table."""
        counts = {
            "plans": len(plans),
            "plan_objects": sum(len(p.objects) for p in plans),
            "regulation_groups": sum(len(p.groups) for p in plans),
            "regulations": sum(len(p.regulations) for p in plans),
        }
        return {t: IdBlock(self._next_ids(t, n) if n else 1, n) for t, n in counts.items()}

    def _add_one(
        self,
        plan: PreparedPlan,
        known: dict[str, list[dict[str, Any]]],
        ids: dict[str, IdBlock],
        batch: WriteBatch,
        fresh: set[int],
        refs: set[str],
        now: str,
    ) -> AddResult:
        rows = known.get(plan.plan_key, [])
        lifecycle = plan.lifecycle or ""
        same = next((r for r in rows if r["lifecycle"] == lifecycle), None)
        counts = (len(plan.objects), len(plan.regulations))
        if same is not None and same["content_hash"] == plan.content_hash:
            return AddResult(
                "unchanged", plan.plan_key, same["version"], same["fid"], plan.source, *counts
            )
        refs.update(r for r in (plan.plan_key, plan.meta.get("permanent_id")) if r)
        if rows:
            fids = [r["fid"] for r in rows]
            refs.update(
                r["target"]
                for r in self._all(
                    f"SELECT DISTINCT target FROM cancellations WHERE plan_fid IN ({marks(fids)})",
                    fids,
                )
            )
        if same is not None:
            version, outcome = same["version"], "replaced"
            if batch.holds(same["fid"]):
                self._write(batch)  # the version replaced is gathered, not yet written
            self._delete_version(same["fid"])
            rows = [r for r in rows if r is not same]
        else:
            version = max((r["version"] for r in rows), default=0) + 1
            outcome = "version" if rows else "added"
        fid = ids["plans"].take(1)
        fresh.add(fid)
        row = {
            "fid": fid,
            "plan_key": plan.plan_key,
            "version": version,
            "lifecycle": lifecycle,
            "lifecycle_rank": plan.rank,
            "content_hash": plan.content_hash,
        }
        rows = [*rows, row]
        known[plan.plan_key] = rows
        # the current version: the most advanced in the process, the latest among equals
        current = max(rows, key=lambda r: (r["lifecycle_rank"], r["fid"]))["fid"]
        if any(not batch.holds(r["fid"]) for r in rows[:-1]):  # stored versions: history
            self._exec(
                "UPDATE plans SET is_current = CASE WHEN fid = ? THEN 1 ELSE 0 END "
                "WHERE plan_key = ?",
                (current, plan.plan_key),
            )
        batch.current[plan.plan_key] = current
        batch.add_plan(plan, fid, version, ids, self, now)
        refs.update(c.target for c in plan.cancellations)
        return AddResult(outcome, plan.plan_key, version, fid, plan.source, *counts)

    def _write(self, batch: WriteBatch) -> None:
        """Write the gathered rows, one statement (or ``COPY``) per table."""
        if not batch:
            return
        self._insert_plans(", ".join(PLAN_INSERT_COLUMNS), batch.plan_rows(), batch.plan_boxes)
        self._insert_rows("plan_documents", "plan_fid, plan, matter", batch.documents)
        if batch.objects:
            self._insert_objects(batch.objects, batch.boxes())
        if batch.groups:
            self._insert_rows(
                "regulation_groups",
                "gid, plan_fid, group_key, kind, letter, letter_base, title_fi, title_sv, "
                "group_number, group_index",
                batch.groups,
            )
        if batch.regulations:
            self._insert_regulations(batch.regulations)
        if batch.links:
            self._insert_rows("group_objects", "gid, object_fid", batch.links)
        if batch.cancellations:
            self._insert_rows(
                "cancellations",
                "plan_fid, target, entire_plan, kind, object_key, group_key, entire_object, "
                "validity",
                batch.cancellations,
            )
        batch.clear()

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
                f"SELECT fid, plan_key, permanent_id FROM plans WHERE fid IN ({marks(fids)})",
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

    def _refresh(self, refs: set[str], fresh: AbstractSet[int] = frozenset()) -> None:
        """Re-apply every cancellation aimed at ``refs`` (plan keys or permanent ids).

        Versions written in this transaction (``fresh``) carry no marks yet, so those
        that no cancellation points at are left alone.
        """
        refs_list = sorted(r for r in refs if r)
        if not refs_list:
            return
        m = marks(refs_list)
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
            self._apply(target, effective, fresh)

    def _apply(
        self, target: dict[str, Any], effective: list[dict[str, Any]], fresh: AbstractSet[int]
    ) -> None:
        fid = target["fid"]
        names = {target["plan_key"], target["permanent_id"]} - {None}
        mine = [c for c in effective if c["target"] in names and c["by_key"] != target["plan_key"]]
        if not mine and fid in fresh:
            return

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
