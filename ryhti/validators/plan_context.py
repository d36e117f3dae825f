"""One plan of a document as the rules see it: records, indexes and geometry arrays.

A :class:`PlanContext` is made by :attr:`Context.plans <ryhti.validators.context.Context.plans>`
for each plan (a ValidatePlan body, a plan inside a decision). Its properties are lazy and
shared: the groups of each object, the regulation codes of each object, the geometry array,
the STRtree, the area reservations and their coverage (:mod:`ryhti.validators.spatial`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ryhti.model import (
    GeneralRegulationGroup,
    Model,
    Plan,
    PlanMatterPhase,
    PlanObject,
    PlanRegulation,
    PlanRegulationGroup,
    RyhtiGeometry,
)

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

    pass

__all__ = ["GroupRec", "InfoRec", "ObjectRec", "PlanContext", "RegRec"]


@dataclass(slots=True, eq=False)
class InfoRec:
    """An additional information (lisätieto) of a regulation."""

    path: str
    info: Any
    type: str | None


@dataclass(slots=True, eq=False)
class RegRec:
    """A plan regulation with its group and additional information, as rules need them."""

    path: str
    reg: PlanRegulation
    key: str | None
    type: str | None
    group: GroupRec
    infos: list[InfoRec]
    #: Additional-information type values (``paakayttotarkoitus`` …), in order.
    info_types: tuple[str, ...] = ()


@dataclass(slots=True, eq=False)
class GroupRec:
    """A plan regulation group (or general regulation group) and its regulations."""

    index: int
    path: str
    group: PlanRegulationGroup | GeneralRegulationGroup
    key: str | None
    regs: list[RegRec]
    general: bool = False
    type_set: frozenset[str] = frozenset()
    info_set: frozenset[str] = frozenset()

    @property
    def types(self) -> list[str]:
        """Regulation type values of the group, in order."""
        return [r.type for r in self.regs if r.type]


@dataclass(slots=True, eq=False)
class ObjectRec:
    """A plan object with its position in the plan and in the geometry array."""

    index: int
    path: str
    obj: PlanObject
    key: str | None
    row: int  # position in PlanContext.objects / .geoms

    @property
    def geometry_path(self) -> str:
        return f"{self.path}.geometry"


_EMPTY: frozenset[str] = frozenset()


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    out = _EMPTY
    for s in sets:
        out = s if not out else out | s
    return out


class PlanContext:
    """One plan of the document, with lazily built indexes and geometry."""

    def __init__(self, ctx: Context, plan: Plan, path: str, phase: PlanMatterPhase | None) -> None:
        self.ctx = ctx
        self.plan = plan
        self.path = path
        self.phase = phase
        self.lifecycle = ctx.code_value(plan.life_cycle_status, "kaavaelinkaari")
        self.objects: list[ObjectRec] = []
        items = plan.plan_objects if isinstance(plan.plan_objects, list) else []
        for i, obj in enumerate(items):
            if isinstance(obj, PlanObject):
                key = obj.plan_object_key if isinstance(obj.plan_object_key, str) else None
                self.objects.append(
                    ObjectRec(i, f"{path}.planObjects[{i}]", obj, key, len(self.objects))
                )
        self.groups: list[GroupRec] = self._groups(
            plan.plan_regulation_groups, "planRegulationGroups"
        )
        self.general_groups: list[GroupRec] = self._groups(
            plan.general_regulation_groups, "generalRegulationGroups", general=True
        )

    def _groups(self, items: Any, name: str, general: bool = False) -> list[GroupRec]:
        out: list[GroupRec] = []
        if not isinstance(items, list):
            return out
        kind = GeneralRegulationGroup if general else PlanRegulationGroup
        key_attr = "general_regulation_group_key" if general else "plan_regulation_group_key"
        code_value_ = self.ctx.code_value
        for i, group in enumerate(items):
            if not isinstance(group, kind):
                continue
            key = getattr(group, key_attr)
            rec = GroupRec(
                i,
                f"{self.path}.{name}[{i}]",
                group,
                key if isinstance(key, str) else None,
                [],
                general,
            )
            regs = group.plan_regulations if isinstance(group.plan_regulations, list) else []
            for j, reg in enumerate(regs):
                if not isinstance(reg, PlanRegulation):
                    continue
                rpath = f"{rec.path}.planRegulations[{j}]"
                infos = []
                if isinstance(reg.additional_informations, list):
                    for k, info in enumerate(reg.additional_informations):
                        if isinstance(info, Model):
                            infos.append(
                                InfoRec(
                                    f"{rpath}.additionalInformations[{k}]",
                                    info,
                                    code_value_(info.type, "RY_Kaavamaarayksen_Lisatiedonlaji"),
                                )
                            )
                rkey = reg.plan_regulation_key
                rec.regs.append(
                    RegRec(
                        rpath,
                        reg,
                        rkey if isinstance(rkey, str) else None,
                        code_value_(reg.type, "RY_Kaavamaarayslaji"),
                        rec,
                        infos,
                        tuple(i.type for i in infos if i.type),
                    )
                )
            rec.type_set = frozenset(r.type for r in rec.regs if r.type)
            rec.info_set = frozenset(t for r in rec.regs for t in r.info_types)
            out.append(rec)
        return out

    def all_regs(self) -> Iterator[RegRec]:
        """Every regulation of the plan: of the regulation groups, then of the general groups."""
        for grec in self.groups:
            yield from grec.regs
        for grec in self.general_groups:
            yield from grec.regs

    def recommendations(self) -> Iterator[tuple[str, Any, GroupRec]]:
        """``(path, recommendation, group)`` of every plan recommendation."""
        for grec in (*self.groups, *self.general_groups):
            items = grec.group.plan_recommendations
            if isinstance(items, list):
                for i, rec in enumerate(items):
                    if isinstance(rec, Model):
                        yield f"{grec.path}.planRecommendations[{i}]", rec, grec

    # -- indexes ----------------------------------------------------------------------------
    @functools.cached_property
    def object_by_key(self) -> dict[str, ObjectRec]:
        """planObjectKey → the first object with it."""
        out: dict[str, ObjectRec] = {}
        for rec in self.objects:
            if rec.key is not None:
                out.setdefault(rec.key, rec)
        return out

    @functools.cached_property
    def group_by_key(self) -> dict[str, GroupRec]:
        """planRegulationGroupKey → the first group with it."""
        out: dict[str, GroupRec] = {}
        for rec in self.groups:
            if rec.key is not None:
                out.setdefault(rec.key, rec)
        return out

    @functools.cached_property
    def relations(self) -> list[tuple[str, Any]]:
        """``(path, relation)`` of every object-to-group relation that loaded as one."""
        items = self.plan.plan_regulation_group_relations
        if not isinstance(items, list):
            return []
        return [
            (f"{self.path}.planRegulationGroupRelations[{i}]", rel)
            for i, rel in enumerate(items)
            if isinstance(rel, Model)
        ]

    @functools.cached_property
    def _links(self) -> tuple[list[list[GroupRec]], dict[str, list[ObjectRec]]]:
        groups_of: list[list[GroupRec]] = [[] for _ in self.objects]
        objects_of: dict[str, list[ObjectRec]] = {}
        by_obj, by_group = self.object_by_key, self.group_by_key
        for _, rel in self.relations:
            okey, gkey = rel.plan_object_key, rel.plan_regulation_group_key
            if not isinstance(okey, str) or not isinstance(gkey, str):
                continue
            orec, grec = by_obj.get(okey), by_group.get(gkey)
            if orec is None or grec is None:
                continue
            groups_of[orec.row].append(grec)
            objects_of.setdefault(gkey, []).append(orec)
        return groups_of, objects_of

    def groups_of(self, rec: ObjectRec) -> list[GroupRec]:
        """The regulation groups related to an object, in relation order."""
        return self._links[0][rec.row]

    def objects_of(self, group_key: str | None) -> list[ObjectRec]:
        """The objects a group is related to."""
        if group_key is None:
            return []
        return self._links[1].get(group_key, [])

    def regs_of(self, rec: ObjectRec) -> Iterator[RegRec]:
        """Every regulation applying to an object through its groups."""
        for grec in self.groups_of(rec):
            yield from grec.regs

    @functools.cached_property
    def object_types(self) -> list[frozenset[str]]:
        """Per object row: the regulation type values of its groups."""
        return [_union(g.type_set for g in groups) for groups in self._links[0]]

    @functools.cached_property
    def object_info_types(self) -> list[frozenset[str]]:
        """Per object row: the additional-information type values of its regulations."""
        return [_union(g.info_set for g in groups) for groups in self._links[0]]

    # -- geometry ---------------------------------------------------------------------------
    @property
    def srid(self) -> str | None:
        """The plan area's srid (the one every geometry of the plan must use)."""
        area = self.plan.geographical_area
        if isinstance(area, RyhtiGeometry) and isinstance(area.srid, str):
            return area.srid
        return None

    @functools.cached_property
    def area(self) -> Any:
        """The plan area as a shapely geometry, or ``None`` when it cannot be built."""
        area = self.plan.geographical_area
        return self.ctx.shape_of(area) if isinstance(area, RyhtiGeometry) else None

    @functools.cached_property
    def shape_rows(self) -> np.ndarray:
        """Per object row: the position of its geometry in ``ctx.shapes`` (-1 if none)."""
        out = np.full(len(self.objects), -1, dtype=np.int64)
        shape_index = self.ctx.shape_index
        for rec in self.objects:
            geom = rec.obj.geometry
            if isinstance(geom, RyhtiGeometry):
                i = shape_index(geom)
                if i is not None:
                    out[rec.row] = i
        return out

    @functools.cached_property
    def geoms(self) -> np.ndarray:
        """Shapely geometry per object row (``None`` where missing or unbuildable)."""
        out = np.empty(len(self.objects), dtype=object)
        index = self.shape_rows
        known = index >= 0
        out[known] = self.ctx.shapes[index[known]]
        for row in np.flatnonzero(~known).tolist():  # not in the scan: built on its own
            geom = self.objects[row].obj.geometry
            out[row] = geom.to_shapely() if isinstance(geom, RyhtiGeometry) else None
        return out

    @functools.cached_property
    def same_srid(self) -> np.ndarray:
        """Per object row: the object's srid equals the plan area's (spatial checks need it)."""
        srid = self.srid
        return np.array(
            [
                isinstance(rec.obj.geometry, RyhtiGeometry) and rec.obj.geometry.srid == srid
                for rec in self.objects
            ],
            dtype=bool,
        )

    @functools.cached_property
    def usable(self) -> np.ndarray:
        """Rows whose geometry exists, is valid enough to compare and uses the plan's srid."""
        import shapely

        geoms = self.geoms
        ok = np.array([g is not None for g in geoms], dtype=bool) & self.same_srid
        if ok.any():
            index = self.shape_rows
            known = ok & (index >= 0)
            ok[known] = self.ctx.shape_valid[index[known]]
            for row in np.flatnonzero(ok & (index < 0)).tolist():  # built on its own
                g = geoms[row]
                ok[row] = bool(shapely.is_valid(g) and not shapely.is_empty(g))
        return ok

    @functools.cached_property
    def area_usable(self) -> bool:
        """The plan area exists, is a valid non-empty (multi)polygon: the checks against it
        (containment, cover) run only then; G004/G005/G008 report the other cases."""
        import shapely

        area = self.area
        if self.srid is None or area is None or shapely.get_type_id(area) not in (3, 6):
            return False
        return bool(shapely.is_valid(area) and not shapely.is_empty(area))

    @functools.cached_property
    def broken(self) -> np.ndarray:
        """Rows whose geometry was built and uses the plan's srid but is invalid or empty.

        G008 reports them once; the spatial rules skip them (they are not
        :attr:`usable`), except that the cover check counts their repaired shape.
        """
        present = np.array([g is not None for g in self.geoms], dtype=bool) & self.same_srid
        return present & ~self.usable

    @functools.cached_property
    def repaired(self) -> dict[int, Any]:
        """Row → the polygonal part of ``shapely.make_valid`` of each broken area
        reservation (``None`` where nothing polygonal is left: a zero-area ring)."""
        import shapely

        out: dict[int, Any] = {}
        for row in np.flatnonzero(self.broken & self.main_use & self.polygonal).tolist():
            try:
                fixed = shapely.make_valid(self.geoms[row])
                parts = shapely.get_parts(fixed)
                parts = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
                poly = shapely.union_all(parts) if len(parts) else None
            except shapely.errors.GEOSException:
                poly = None
            out[row] = poly if poly is not None and not shapely.is_empty(poly) else None
        return out

    @functools.cached_property
    def polygonal(self) -> np.ndarray:
        """Rows with a Polygon or MultiPolygon geometry."""
        import shapely

        out = np.zeros(len(self.objects), dtype=bool)
        present = np.array([g is not None for g in self.geoms], dtype=bool)
        if present.any():
            idx = np.flatnonzero(present)
            types = shapely.get_type_id(self.geoms[idx].astype(object))
            out[idx] = (types == 3) | (types == 6)
        return out

    @functools.cached_property
    def tree(self) -> Any:
        """STRtree over the usable object geometries; query results index :attr:`tree_rows`."""
        import shapely

        return shapely.STRtree(self.geoms[self.tree_rows].astype(object))

    @functools.cached_property
    def tree_rows(self) -> np.ndarray:
        """Object rows in :attr:`tree`, in tree order."""
        return np.flatnonzero(self.usable)

    @functools.cached_property
    def underground(self) -> np.ndarray:
        """Rows whose undergroundStatus is 01 (maanalainen, underground)."""
        return np.array(
            [
                self.ctx.code_value(rec.obj.underground_status, "RY_MaanalaisuudenLaji") == "01"
                for rec in self.objects
            ],
            dtype=bool,
        )

    @functools.cached_property
    def main_use(self) -> np.ndarray:
        """Rows carrying a regulation with additional information ``paakayttotarkoitus``."""
        return np.array(
            ["paakayttotarkoitus" in infos for infos in self.object_info_types], dtype=bool
        )

    @functools.cached_property
    def reservations(self) -> np.ndarray:
        """Area reservations (main-use land-use areas) whose geometry can be compared.

        The project's rule: an object is an area reservation when one of its groups
        carries a regulation with additional information ``paakayttotarkoitus`` (the
        way Syke's rules and every accepted example mark the main use) and its
        geometry is a polygon or multipolygon. Underground reservations
        (``undergroundStatus`` 01) form their own layer.
        """
        return self.main_use & self.polygonal & self.usable

    def reservation_layers(self) -> list[tuple[str, np.ndarray]]:
        """``(layer name, rows)``: ground-level reservations, and underground ones if any."""
        ground = np.flatnonzero(self.reservations & ~self.underground)
        under = np.flatnonzero(self.reservations & self.underground)
        layers = [("ground", ground)]
        if len(under):
            layers.append(("underground", under))
        return layers

    @functools.cached_property
    def coverage(self) -> Any:
        """Gaps, overlaps and non-matching vertices of the area reservations (see spatial)."""
        from ryhti.validators.spatial import analyse_coverage

        return analyse_coverage(self)
