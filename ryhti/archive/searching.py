"""The search itself, in three narrow steps, the same on both backends.

1. **Rank** — the full-text engine ranks the matching regulations by themselves (FTS5's
   ``bm25`` or PostgreSQL's ``ts_rank`` over the stored ``tsvector``), returning only
   ``(rid, score)``: no plan or group is read yet. Inside ``--within``/``--near`` only the
   regulations of the objects (and plans) there are ranked.
2. **Filter** — the best candidates are checked against the plan and group filters
   (current version, in force, level, municipality, codes, signs) with one narrow join; if
   too few survive, more candidates are ranked.
3. **Fetch** — only the hits that will be shown are read whole.

Ranking is the costly step on a large archive (a couple of µs per match in SQLite, ten in
PostgreSQL, where every match is a heap tuple to read), so a query that matches more than
:data:`RANK_CAP` regulations ranks the first :data:`RANK_CAP` of them in archive order —
the same ones on both backends, found without reading the rest — and says so in the
result (``matches`` is then ``None``: at least ``ranked``); ``rank_all`` ranks every match. Queries without words list hits in archive order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["RANK_CAP", "SqlSearch", "marks"]

#: Most matches ranked by default (the first ones in archive order).
RANK_CAP = 3_000


def marks(items: Sequence[Any]) -> str:
    """``?,?,?``: one SQL placeholder per item, for ``IN (…)`` (both backends write ``?``)."""
    return ",".join("?" * len(items))


def _sign_condition(signs: Sequence[str]) -> tuple[str, list[str]]:
    """Groups with one of the letter signs: ``AK`` is AK, AK-1, AK/s…; ``AK-1`` only itself.

    Every condition goes through the indexed ``letter_base`` column.
    """
    from ryhti.archive.regulations import letter_base

    ors, values = [], []
    for sign in signs:
        base = letter_base(sign) or sign
        if sign == base:
            ors.append("letter_base = ?")
            values.append(base)
        else:
            ors.append("(letter_base = ? AND letter = ?)")
            values += [base, sign]
    return "(" + " OR ".join(ors) + ")", values


class SqlSearch:
    """Mixin: the three steps over the shared tables; ``_rank`` and ``_count`` are the
    backend's (``_all``, ``_fill_temp``, ``_area_objects`` come from the store)."""

    #: Regulation, group and plan columns of a search hit.
    HIT_COLUMNS = (
        "r.rid, r.gid, r.plan_fid, r.regulation_key, r.kind, r.code, r.code_label, "
        "r.value_text, r.number, r.unit, r.text_fi, r.text_sv, r.sentence_fi, r.sentence_sv, "
        "r.infos, r.regulation_number, g.group_key, g.kind AS group_kind, g.letter, "
        "g.title_fi, g.title_sv, g.cancelled AS group_cancelled, p.plan_key, p.version, "
        "p.name AS plan_name, p.level, p.municipality, p.lifecycle, p.is_current, "
        "p.cancelled_by, p.valid_from, p.valid_to, p.valid, p.permanent_id, "
        "p.in_force_lifecycle"
    )

    # -- backend hooks --------------------------------------------------------------------
    def _rank(
        self, spec: Any, k: int, area: str | None, cap: int | None
    ) -> tuple[list[tuple[int, float]], int]:
        """The ``k`` best ``(rid, score)`` (lower is better) among the first ``cap`` matches
        in archive order (all of them when ``cap`` is ``None``), and how many matches that
        was (``cap`` means: there may be more)."""
        raise NotImplementedError

    # -- the steps --------------------------------------------------------------------------
    def _plan_filters(self, spec: Any, params: list[Any]) -> list[str]:
        """WHERE clauses on ``p`` (plans), ``g`` (groups) and ``r`` (regulations)."""
        from ryhti.archive.sqlreads import in_force_sql

        where: list[str] = []
        if not spec.history:
            where.append("p.is_current = 1")
        if spec.codes:
            where.append(f"r.code IN ({marks(spec.codes)})")
            params += list(spec.codes)
        if spec.signs:
            sql, values = _sign_condition(spec.signs)
            where.append(f"r.gid IN (SELECT gid FROM regulation_groups WHERE {sql})")
            params += values
        if spec.level:
            where.append("p.level = ?")
            params.append(spec.level)
        if spec.municipality:
            where.append("p.municipality = ?")
            params.append(spec.municipality)
        if spec.in_force:
            where.append(in_force_sql("p") + " AND g.cancelled = 0")
            params += [spec.today, spec.today]
        return where

    def _area_table(self, spec: Any) -> str | None:
        """A temp table of the regulations that apply inside the spec's area, or ``None``."""
        if spec.area_wkb is None and spec.near is None:
            return None
        cached = spec.extra.get("_area_rids")
        if cached is not None:
            return cached
        objects, plans = self._area_objects(spec)  # type: ignore[attr-defined]
        rids: set[int] = set()
        object_list = sorted(objects)
        for start in range(0, len(object_list), 5000):
            part = object_list[start : start + 5000]
            gids = [
                r["gid"]
                for r in self._all(  # type: ignore[attr-defined]
                    f"SELECT DISTINCT gid FROM group_objects WHERE object_fid IN ({marks(part)}) "
                    "AND cancelled = 0",
                    part,
                )
            ]
            for gstart in range(0, len(gids), 5000):
                gpart = gids[gstart : gstart + 5000]
                rids.update(
                    r["rid"]
                    for r in self._all(  # type: ignore[attr-defined]
                        f"SELECT rid FROM regulations WHERE gid IN ({marks(gpart)})", gpart
                    )
                )
        plan_list = sorted(plans)
        if plan_list:
            rids.update(
                r["rid"]
                for r in self._all(  # type: ignore[attr-defined]
                    "SELECT r.rid FROM regulations r JOIN regulation_groups g ON g.gid = r.gid "
                    f"WHERE g.kind = 'general' AND r.plan_fid IN ({marks(plan_list)})",
                    plan_list,
                )
            )
        name = self._fill_temp("area_rids", rids)  # type: ignore[attr-defined]
        spec.extra["_area_rids"] = name
        spec.extra["_area_count"] = len(rids)
        return name

    def _filter(self, rids: list[int], spec: Any) -> set[int]:
        """Which of ``rids`` pass the plan and group filters."""
        params: list[Any] = []
        where = self._plan_filters(spec, params)
        if not where:
            return set(rids)
        keep: set[int] = set()
        for start in range(0, len(rids), 5000):
            part = rids[start : start + 5000]
            rows = self._all(  # type: ignore[attr-defined]
                "SELECT r.rid FROM regulations r JOIN regulation_groups g ON g.gid = r.gid "
                "JOIN plans p ON p.fid = r.plan_fid "
                f"WHERE r.rid IN ({marks(part)}) AND " + " AND ".join(where),
                [*part, *params],
            )
            keep.update(r["rid"] for r in rows)
        return keep

    def _hit_rows(self, rids: list[int]) -> dict[int, dict[str, Any]]:
        if not rids:
            return {}
        rows = self._all(  # type: ignore[attr-defined]
            f"SELECT {self.HIT_COLUMNS} FROM regulations r "
            "JOIN regulation_groups g ON g.gid = r.gid JOIN plans p ON p.fid = r.plan_fid "
            f"WHERE r.rid IN ({marks(rids)})",
            rids,
        )
        return {r["rid"]: r for r in rows}

    def search(self, spec: Any) -> list[dict[str, Any]]:
        area = self._area_table(spec)
        text = bool(getattr(spec, "fts5", None) or getattr(spec, "tsquery", None))
        if text:
            cap = None if spec.extra.get("rank_all") else RANK_CAP
            hits: list[tuple[int, float]] = []
            k = max(spec.limit * 10, 200)
            while True:
                ranked, seen = self._rank(spec, k, area, cap)
                keep = self._filter([rid for rid, _ in ranked], spec)
                hits = [(rid, score) for rid, score in ranked if rid in keep][: spec.limit]
                if len(hits) >= spec.limit or len(ranked) < k:
                    break
                k *= 8
            capped = cap is not None and seen >= cap  # there may be more than were ranked
            spec.extra["matches"] = None if capped else seen
            spec.extra["ranked"] = cap if capped else seen
        else:
            params: list[Any] = []
            where = self._plan_filters(spec, params)
            if area is not None:
                where.append(f"r.rid IN (SELECT id FROM {area})")
            rows = self._all(  # type: ignore[attr-defined]
                "SELECT r.rid FROM regulations r JOIN regulation_groups g ON g.gid = r.gid "
                "JOIN plans p ON p.fid = r.plan_fid WHERE "
                + (" AND ".join(where) or "1 = 1")
                # in the order of the index the query goes through: codes, else groups
                + (" ORDER BY r.rid" if spec.codes else " ORDER BY r.gid, r.rid")
                + " LIMIT ?",
                [*params, spec.limit],
            )
            hits = [(r["rid"], 0.0) for r in rows]
        full = self._hit_rows([rid for rid, _ in hits])
        return [{**full[rid], "score": score} for rid, score in hits if rid in full]
