"""The reads both SQL backends share: plan versions, groups, regulations, places.

Geometry tests are exact and done in shapely (:mod:`ryhti.archive.spatial`) after the
backend's spatial index has narrowed the candidates by bounding box, so the same question
gets the same answer from a GeoPackage and from PostGIS.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ryhti.archive.searching import SqlSearch, marks
from ryhti.archive.spatial import exact_filter
from ryhti.archive.store import ArchiveStore

__all__ = ["PLAN_COLUMNS", "SqlReads", "chunks", "in_force_sql"]

#: Plan-version columns every read returns (the area geometry only where asked for).
PLAN_COLUMNS = (
    "fid, plan_key, version, is_current, lifecycle, lifecycle_rank, in_force_lifecycle, "
    "cancelled_by, name, level, plan_type, municipality, permanent_id, producer_id, "
    "description, approval_date, valid_from, valid_to, srid_source, object_count, "
    "regulation_count, valid, error_count, warning_count, findings, content_hash, source, "
    "added_at"
)


def in_force_sql(alias: str = "p") -> str:
    """SQL condition: the plan version applies on the date given as two parameters."""
    return (
        f"{alias}.in_force_lifecycle = 1 AND {alias}.cancelled_by IS NULL AND "
        f"({alias}.valid_from IS NULL OR {alias}.valid_from <= ?) AND "
        f"({alias}.valid_to IS NULL OR {alias}.valid_to >= ?)"
    )


def chunks(items: Sequence[Any], size: int = 5000) -> Iterator[Sequence[Any]]:
    """``items`` in slices of ``size`` (SQL parameter lists stay bounded)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SqlReads(SqlSearch, ArchiveStore):
    """Reads over the shared tables; the dialect hooks come from the backend."""

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _wkb(self, value: Any) -> bytes | None:
        raise NotImplementedError

    def _g(self, column: str, alias: str = "") -> str:
        """SQL giving geometry ``column`` in a form :meth:`_wkb` decodes, named ``column``."""
        raise NotImplementedError

    def _bbox_rows(
        self,
        table: str,
        box: tuple[float, float, float, float],
        geom: bool = True,
        plan_fid: int | None = None,
    ) -> list[dict]:
        """``fid`` (and ``geom``) of the rows of a feature table whose box meets ``box``
        (of one plan version when ``plan_fid`` is given)."""
        raise NotImplementedError

    def _fill_temp(self, name: str, ids: set[int]) -> str:
        """Put ``ids`` in a temporary table; returns the name to use in SQL."""
        raise NotImplementedError

    # -- reading ------------------------------------------------------------------------
    def known_sources(self) -> dict[str, tuple[int, int, str]]:
        rows = self._all("SELECT path, size, mtime_ns, options FROM sources")
        return {r["path"]: (r["size"], r["mtime_ns"], r["options"]) for r in rows}

    def documents(self, fid: int) -> tuple[bytes | None, bytes | None]:
        rows = self._all("SELECT plan, matter FROM plan_documents WHERE plan_fid = ?", (fid,))
        if not rows:
            return None, None
        plan, matter = rows[0]["plan"], rows[0]["matter"]
        # PostgreSQL hands ``bytea`` back as a memoryview, SQLite as bytes
        return (
            bytes(plan) if plan is not None else None,
            bytes(matter) if matter is not None else None,
        )

    def stats(self) -> dict[str, Any]:
        row = self._all(
            "SELECT (SELECT count(DISTINCT plan_key) FROM plans) AS plans, "
            "(SELECT count(*) FROM plans) AS versions, "
            "(SELECT count(*) FROM plan_objects) AS objects, "
            "(SELECT count(*) FROM regulations) AS regulations"
        )[0]
        return {**row, "srid": self.srid, "kind": self.kind, "location": self.location}

    def plans(self, where: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for key, value in (where or {}).items():
            if value is None:
                continue
            if key == "current":
                if value:
                    clauses.append("is_current = 1")
            elif key == "ref":
                clauses.append(
                    "(plan_key = ? OR permanent_id = ? OR producer_id = ? OR lower(name) = lower(?))"
                )
                params += [value] * 4
            elif key == "in_force":
                if value:
                    clauses.append(in_force_sql("plans"))
                    params += [value, value]
            elif key in ("fid", "plan_key", "permanent_id", "level", "municipality", "version"):
                clauses.append(f"{key} = ?")
                params.append(value)
        sql = f"SELECT {PLAN_COLUMNS} FROM plans"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        # a plan's versions stay together, in the order of its current name
        order = (
            " ORDER BY (SELECT c.name FROM plans c WHERE c.plan_key = plans.plan_key "
            "AND c.is_current = 1), plan_key, version"
        )
        return self._all(sql + order, params)

    def cancellations(self, fid: int | None = None, target: Sequence[str] = ()) -> list[dict]:
        columns = (
            "c.cid, c.plan_fid, c.target, c.entire_plan, c.kind, c.object_key, c.group_key, "
            "c.entire_object, p.plan_key AS by_key, p.name AS by_name, p.permanent_id AS by_id, "
            "p.lifecycle AS by_lifecycle, p.is_current AS by_current"
        )
        base = f"SELECT {columns} FROM cancellations c JOIN plans p ON p.fid = c.plan_fid"
        if fid is not None:
            return self._all(base + " WHERE c.plan_fid = ? ORDER BY c.cid", (fid,))
        targets = [t for t in target if t]
        if not targets:
            return []
        return self._all(base + f" WHERE c.target IN ({marks(targets)}) ORDER BY c.cid", targets)

    def object_groups(self, object_fids: Sequence[int]) -> list[dict[str, Any]]:
        if not object_fids:
            return []
        return self._all(
            "SELECT object_fid, gid, cancelled FROM group_objects "
            f"WHERE object_fid IN ({marks(object_fids)})",
            list(object_fids),
        )

    def groups(self, gids: Sequence[int] = (), plan_fids: Sequence[int] = ()) -> list[dict]:
        out: list[dict[str, Any]] = []
        if gids:
            out += self._all(
                f"SELECT * FROM regulation_groups WHERE gid IN ({marks(gids)}) ORDER BY gid",
                list(gids),
            )
        if plan_fids:
            out += self._all(
                "SELECT * FROM regulation_groups WHERE kind = 'general' AND plan_fid IN "
                f"({marks(plan_fids)}) ORDER BY gid",
                list(plan_fids),
            )
        return out

    def regulations(self, gids: Sequence[int]) -> list[dict[str, Any]]:
        if not gids:
            return []
        return self._all(
            "SELECT rid, gid, plan_fid, regulation_key, kind, code, code_label, value_text, "
            "number, unit, text_fi, text_sv, infos, sentence_fi, sentence_sv, regulation_number "
            f"FROM regulations WHERE gid IN ({marks(gids)}) ORDER BY gid, rid",
            list(gids),
        )

    # -- spatial reads (exact tests in shapely on both backends) ------------------------
    @staticmethod
    def _box(spec: Any) -> tuple[float, float, float, float] | None:
        if spec.near is not None:
            x, y, r = spec.near
            return (x - r, y - r, x + r, y + r)
        if spec.area_wkb is not None:
            import shapely

            return tuple(shapely.bounds(shapely.from_wkb(spec.area_wkb)).tolist())
        return None

    def _area_objects(self, spec: Any) -> tuple[set[int], set[int]]:
        """Objects and plan versions that really reach the spec's area (cached on the spec)."""
        cached = spec.extra.get("_area_fids")
        if cached is not None:
            return cached
        box = self._box(spec)
        found: list[set[int]] = []
        for table in ("plan_objects", "plans"):
            rows = self._bbox_rows(table, box) if box is not None else []
            hits = exact_filter([self._wkb(r["geom"]) for r in rows], spec)
            found.append({r["fid"] for r, ok in zip(rows, hits, strict=True) if ok})
        spec.extra["_area_fids"] = (found[0], found[1])
        return found[0], found[1]

    def group_objects(
        self, gids: Sequence[int], spec: Any = None, per_group: int = 5
    ) -> dict[int, tuple[int, list[dict[str, Any]]]]:
        spatial = spec is not None and (spec.area_wkb is not None or spec.near is not None)
        inside = self._area_objects(spec)[0] if spatial else None
        picked: dict[int, tuple[int, list[int]]] = {}
        for part in chunks(list(gids)):
            in_part = marks(part)
            if inside is None:
                counts = {
                    r["gid"]: r["n"]
                    for r in self._all(
                        "SELECT gid, count(*) AS n FROM group_objects "
                        f"WHERE gid IN ({in_part}) AND cancelled = 0 GROUP BY gid",
                        list(part),
                    )
                }
                first: dict[int, list[int]] = {}
                for r in self._all(
                    "SELECT gid, object_fid FROM (SELECT gid, object_fid, row_number() OVER "
                    "(PARTITION BY gid ORDER BY object_fid) AS rn FROM group_objects "
                    f"WHERE gid IN ({in_part}) AND cancelled = 0) t WHERE rn <= ? "
                    "ORDER BY gid, object_fid",
                    [*part, per_group],
                ):
                    first.setdefault(r["gid"], []).append(r["object_fid"])
                for gid in part:
                    picked[gid] = (counts.get(gid, 0), first.get(gid, []))
            else:
                every: dict[int, list[int]] = {}
                for r in self._all(
                    "SELECT gid, object_fid FROM group_objects "
                    f"WHERE gid IN ({in_part}) AND cancelled = 0 ORDER BY gid, object_fid",
                    list(part),
                ):
                    if r["object_fid"] in inside:
                        every.setdefault(r["gid"], []).append(r["object_fid"])
                for gid in part:
                    fids = every.get(gid, [])
                    picked[gid] = (len(fids), fids[:per_group])
        rows = {
            r["fid"]: r for r in self.objects_by_fid([f for _, fs in picked.values() for f in fs])
        }
        return {
            gid: (count, [rows[f] for f in fs if f in rows]) for gid, (count, fs) in picked.items()
        }

    def objects_by_fid(self, fids: Sequence[int]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for part in chunks(list(fids)):
            rows = self._all(
                f"SELECT {self.OBJECT_COLUMNS}, {self._g('geom')}, {self._g('validity')} "
                f"FROM plan_objects WHERE fid IN ({marks(part)}) ORDER BY fid",
                list(part),
            )
            out += [self._object_row(r) for r in rows]
        return out

    def _object_row(self, r: dict[str, Any]) -> dict[str, Any]:
        r["wkb"] = self._wkb(r.pop("geom"))
        r["validity_wkb"] = self._wkb(r.pop("validity"))
        return r

    def plans_at(self, x: float, y: float, radius: float) -> list[dict[str, Any]]:
        box = (x - radius, y - radius, x + radius, y + radius)
        fids = [r["fid"] for r in self._bbox_rows("plans", box, geom=False)]
        if not fids:
            return []
        rows = self._all(
            f"SELECT {PLAN_COLUMNS}, {self._g('geom')} FROM plans "
            f"WHERE fid IN ({marks(fids)}) AND is_current = 1",
            fids,
        )
        for r in rows:
            r["area_wkb"] = self._wkb(r.pop("geom"))
        return rows

    def objects_at(
        self, x: float, y: float, radius: float, plan_fids: Sequence[int]
    ) -> list[dict[str, Any]]:
        if not plan_fids:
            return []
        box = (x - radius, y - radius, x + radius, y + radius)
        wanted = set(plan_fids)
        fids = [r["fid"] for r in self._bbox_rows("plan_objects", box, geom=False)]
        rows = [r for r in self.objects_by_fid(fids) if r["plan_fid"] in wanted]
        return sorted(rows, key=lambda r: (r["plan_fid"], r["object_index"]))

    #: Object columns of every object read (geometry apart).
    OBJECT_COLUMNS = (
        "fid, plan_fid, object_key, object_index, name, object_number, letters, main_use, "
        "lifecycle, underground, geometry_type, cancelled, cancelled_by"
    )

    def has_object(self, plan_fids: Sequence[int], object_key: str) -> bool:
        """True when one of the versions holds an object with this key."""
        if not plan_fids:
            return False
        rows = self._all(
            f"SELECT 1 AS x FROM plan_objects WHERE plan_fid IN ({marks(plan_fids)}) "
            "AND object_key = ? LIMIT 1",
            [*plan_fids, object_key],
        )
        return bool(rows)

    def plan_areas(self, fids: Sequence[int]) -> dict[int, bytes | None]:
        """``fid → area WKB`` of plan versions."""
        out: dict[int, bytes | None] = {}
        for part in chunks(list(fids)):
            rows = self._all(
                f"SELECT fid, {self._g('geom')} FROM plans WHERE fid IN ({marks(part)})",
                list(part),
            )
            out.update({r["fid"]: self._wkb(r["geom"]) for r in rows})
        return out

    def objects_in_box(
        self, box: tuple[float, float, float, float], plan_fid: int
    ) -> list[dict[str, Any]]:
        """Objects of one version whose bounding box meets ``box`` (with ``wkb``)."""
        fids = [
            r["fid"] for r in self._bbox_rows("plan_objects", box, geom=False, plan_fid=plan_fid)
        ]
        return self.objects_by_fid(fids)
