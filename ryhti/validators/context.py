"""Everything rules share, computed once and only when a rule asks for it.

A :class:`Context` wraps one document. Its properties are lazy: the single pass
over the document tree (:attr:`Context.scan`), the shapely geometries of every
``RyhtiGeometry`` in the document (:attr:`Context.shapes`, built in bulk), code
values by URI, and one :class:`PlanContext` per plan with its key indexes, the
groups of each object, the regulation codes of each object, the geometry array,
the STRtree and the area reservations. A rule that needs none of these costs
nothing; a rule that needs them shares them with every other rule.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ryhti.model import (
    UNSET,
    GeneralRegulationGroup,
    Model,
    Plan,
    PlanDecision,
    PlanMatterCreate,
    PlanMatterPhase,
    PlanMatterUpdate,
    PlanObject,
    PlanRegulation,
    PlanRegulationGroup,
    RyhtiGeometry,
)
from ryhti.model.base import FieldSpec

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.codelists import Code, Registry
    from ryhti.validators.config import Config
    from ryhti.validators.rule import FieldRule

__all__ = [
    "CODE_LISTS",
    "Context",
    "GeomNode",
    "GroupRec",
    "InfoRec",
    "Issue",
    "ObjectRec",
    "PlanContext",
    "RegRec",
    "Scan",
    "code_value",
]

#: Code lists the rules refer to by short name.
CODE_LISTS = {
    "regulation": "RY_Kaavamaarayslaji",
    "info": "RY_Kaavamaarayksen_Lisatiedonlaji",
    "verbal": "RY_Sanallisen_Kaavamaarayksen_Laji",
    "lifecycle": "kaavaelinkaari",
    "plan_type": "RY_Kaavalaji",
    "underground": "RY_MaanalaisuudenLaji",
    "decision": "kaavpaatnimi",
    "handling": "kaavakastap",
    "interaction": "RY_KaavanVuorovaikutustapahtumanLaji",
    "legal_effect": "oikeusvaik_YK",
    "digital_origin": "RY_DigitaalinenAlkupera",
    "municipality": "kunta_1_20240101",
    "region": "maakunta_1_20240101",
}

CODELIST_BASE = "http://uri.suomi.fi/codelist/"


def code_value(uri: Any, list_id: str) -> str | None:
    """The bare code value of ``uri`` when it is a code URI of ``list_id`` (syntax only).

    ``http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/04`` → ``04``. Whether the
    code exists is a separate question (:meth:`Context.code`).
    """
    if not isinstance(uri, str):
        return None
    head, sep, value = uri.rpartition("/code/")
    if not sep or not value or not head.endswith("/" + list_id):
        return None
    return value


# -- the single structural pass ----------------------------------------------------------------


@dataclass(slots=True)
class Issue:
    """One structural problem found in the scan: where, in which object, with what."""

    path: str
    owner_key: str | None
    cls_name: str
    field: str
    params: dict[str, Any]


@dataclass(slots=True)
class GeomNode:
    """A ``RyhtiGeometry`` somewhere in the document, with the key of the object owning it."""

    path: str
    geom: RyhtiGeometry
    owner_key: str | None

    @property
    def owner(self) -> str:
        """The property holding the geometry's owner (``planObjects``, ``geographicalArea`` …)."""
        return _owner_name(self.path)


@dataclass(slots=True)
class KeyNode:
    """An object's own key (``planObjectKey`` of a PlanObject …) at a path."""

    name: str
    value: Any
    path: str
    cls_name: str


#: Classes whose required ``…Key`` fields refer to other objects instead of naming their own.
_REFERENCE_ONLY = frozenset({"PresentationAlignment", "RelatedPlanObjectRegulationGroupRelation"})


def own_key_spec(cls: type[Model]) -> FieldSpec | None:
    """The field holding an object's own identity (``planObjectKey`` …), if the class has one."""
    if cls.schema_name in _REFERENCE_ONLY:
        return None
    for spec in cls.specs():
        if (
            spec.json.endswith("Key")
            and spec.kind == "string"
            and spec.required
            and spec.fmt == "uuid"
        ):
            return spec
    return None


@dataclass(slots=True)
class Scan:
    """Result of the one pass over the document tree."""

    issues: dict[str, list[Issue]] = field(default_factory=dict)
    geometries: list[GeomNode] = field(default_factory=list)
    keys: list[KeyNode] = field(default_factory=list)
    nodes: int = 0


#: Inline the rules' fast paths (tests switch them off to check the checkers agree).
FAST_PATHS = True


def run_scan(doc: Model, rules: Iterable[FieldRule], ctx: Context) -> Scan:
    """Walk ``doc`` once, running every field and node checker of ``rules``.

    For speed (a 100,000-object plan has some 400,000 nodes) each model class gets a
    visitor function generated once per scan, with its field checks unrolled: no
    per-field loop, no tuple unpacking, paths built only for issues and children.
    """
    rules = list(rules)
    visitors: dict[type, Callable[..., None]] = {}
    out = Scan()
    issues = out.issues
    geometries = out.geometries
    keys = out.keys

    def emit(rule_id: str, path: str, owner: Any, cls_name: str, fname: str, found: Any) -> None:
        bucket = issues.setdefault(rule_id, [])
        for suffix, params in found:
            bucket.append(Issue(path + suffix, owner, cls_name, fname, params))

    def visitor(cls: type) -> Callable[..., None]:
        fn = visitors.get(cls)
        if fn is None:
            fn = _compile_visitor(cls, rules, ctx, emit, keys, geometries)
            visitors[cls] = fn
        return fn

    stack: list[tuple[Model, str, str | None]] = [(doc, "$", None)]
    push = stack.append
    nodes = 0
    while stack:
        obj, path, owner = stack.pop()
        nodes += 1
        cls = type(obj)
        fn = visitors.get(cls) or visitor(cls)
        fn(obj, path, owner, push)
    out.nodes = nodes
    return out


def _compile_visitor(
    cls: type, rules: list[FieldRule], ctx: Context, emit: Any, keys: list, geometries: list
) -> Callable[..., None]:
    """Generate ``visit(obj, path, owner, push)`` for one model class."""
    ns: dict[str, Any] = {
        "UNSET": UNSET,
        "Model": Model,
        "emit": emit,
        "keys": keys,
        "geometries": geometries,
        "KeyNode": KeyNode,
        "GeomNode": GeomNode,
        "_owner_name": _owner_name,
        "NAME": cls.schema_name,
    }
    lines = ["def visit(obj, path, owner, push):"]
    key_spec = own_key_spec(cls)
    if key_spec is not None:
        lines += [
            f"    k = obj.{key_spec.attr}",
            "    if k is not UNSET:",
            f"        keys.append(KeyNode({key_spec.json!r}, k, path, NAME))",
            "        if type(k) is str:",
            "            owner = k",
        ]
    if cls is RyhtiGeometry:
        lines.append("    geometries.append(GeomNode(path, obj, owner))")
    n = 0
    for rule in rules:
        fn = rule.compile_node(cls, ctx)
        if fn is None:
            continue
        ns[f"n{n}"] = fn
        call = [
            f"r = n{n}(obj)",
            "if r:",
            f"    emit({rule.id!r}, path, owner, NAME, '', r)",
        ]
        guard = rule.fast_node_ok(cls, ctx) if FAST_PATHS else None
        if guard:
            lines += [f"    if not ({guard}):", *("        " + c for c in call)]
        else:
            lines += ["    " + c for c in call]
        n += 1
    children: list[str] = []
    for j, spec in enumerate(cls.specs()):
        checks: list[tuple[str, str, bool, str | None]] = []
        for rule in rules:
            fn = rule.compile_field(cls, spec, ctx)
            if fn is None:
                continue
            name = f"f{j}_{len(checks)}"
            ns[name] = fn
            fast = rule.fast_ok(cls, spec, ctx) if FAST_PATHS else None
            expr = None
            if fast is not None:
                expr, names = fast
                for key, value in names.items():
                    ns[f"{name}_{key}"] = value
                    expr = expr.replace("{" + key + "}", f"{name}_{key}")
            checks.append((name, rule.id, rule.sees_unset, expr))
        child = None
        if spec.kind in ("object", "value"):
            child = "object"
        elif spec.kind == "array" and spec.item_kind in ("object", "value"):
            child = "list"
        if not checks and child is None:
            continue
        json_name = spec.json
        lines.append(f"    v = obj.{spec.attr}")
        unset = [c for c in checks if c[2]]
        if unset:
            lines.append("    if v is UNSET:")
            for name, rule_id, _, _ in unset:
                lines += [
                    f"        r = {name}(v)",
                    "        if r:",
                    f"            emit({rule_id!r}, path + {'.' + json_name!r}, owner, NAME, {json_name!r}, r)",
                ]
            lines.append("    else:")
        else:
            lines.append("    if v is not UNSET:")
        body = []
        for name, rule_id, _, expr in checks:
            call = [
                f"r = {name}(v)",
                "if r:",
                f"    emit({rule_id!r}, path + {'.' + json_name!r}, owner, NAME, {json_name!r}, r)",
            ]
            if expr:
                body += [f"if not ({expr}):", *("    " + c for c in call)]
            else:
                body += call
        if child == "object":
            body += [
                "if isinstance(v, Model):",
                f"    push((v, path + {'.' + json_name!r}, owner))",
            ]
        elif child == "list":
            body += [
                "if type(v) is list:",
                f"    base = path + {'.' + json_name!r}",
                "    for i, item in enumerate(v):",
                "        if isinstance(item, Model):",
                "            push((item, f'{base}[{i}]', owner))",
            ]
        if not body:
            body = ["pass"]
        lines += ["        " + b for b in body]
        children.append(json_name)
    if len(lines) == 1:
        lines.append("    return None")
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<visitor {cls.schema_name}>", "exec"), ns)
    return ns["visit"]


def _owner_name(path: str) -> str:
    """``$.planObjects[3].geometry`` → ``planObjects``; ``$.geographicalArea`` → ``geographicalArea``."""
    parts = path.split(".")
    last = parts[-1].split("[")[0]
    if last == "geometry" and len(parts) > 2:
        return parts[-2].split("[")[0]
    return last


# -- plans ---------------------------------------------------------------------------------


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


class Context:
    """One document being validated, and everything computed about it so far."""

    def __init__(
        self,
        doc: Model,
        *,
        kind: str,
        source: str | None = None,
        config: Config | None = None,
        plan_type: str | None = None,
        municipality: Iterable[str] | str | None = None,
    ) -> None:
        from ryhti.validators.config import Config

        self.doc = doc
        self.kind = kind
        self.source = source
        self.config = config if config is not None else Config()
        self.lang = self.config.lang
        self.today: _dt.date = self.config.today or _dt.date.today()
        if isinstance(municipality, str):
            municipality = [municipality]
        self.municipality: list[str] | None = list(municipality) if municipality else None
        self.plan_type_given = plan_type
        self.field_rules: list[FieldRule] = []
        self._code_cache: dict[str, Any] = {}
        self._shape_index: dict[int, int] | None = None

    # -- plan type and level ----------------------------------------------------------------
    @functools.cached_property
    def plan_type(self) -> str | None:
        """The bare RY_Kaavalaji value: ``--plan-type``, or the matter's ``planType``."""
        given = self.plan_type_given
        if given is None and isinstance(self.doc, PlanMatterUpdate):
            given = self.doc.plan_type if isinstance(self.doc.plan_type, str) else None
        if given is None:
            return None
        given = given.strip()
        return code_value(given, "RY_Kaavalaji") or given

    @functools.cached_property
    def plan_level(self) -> str | None:
        """``asemakaava``, ``yleiskaava`` or ``maakuntakaava`` (config profile, else from the plan type)."""
        from ryhti.codelists.tables import plan_level

        forced = self.config.plan_level
        if forced:
            return plan_level(forced, self.registry)
        if self.plan_type is None:
            return None
        try:
            return plan_level(self.plan_type, self.registry)
        except ValueError:
            return None

    # -- code lists -------------------------------------------------------------------------
    @functools.cached_property
    def registry(self) -> Registry:
        """The code-list registry (the installed snapshot)."""
        from ryhti.codelists import registry

        return registry()

    def code(self, uri: Any) -> Code | None:
        """The snapshot code with this full URI, or ``None``."""
        if not isinstance(uri, str):
            return None
        cache = self._code_cache
        if uri in cache:
            return cache[uri]
        found = self.registry.lookup(uri)
        if found is not None and found.uri != uri.strip():
            found = None
        cache[uri] = found
        return found

    @functools.cache  # noqa: B019  (one context per document; the cache dies with it)
    def header_codes(self, list_id: str) -> frozenset[str]:
        """Values of structuring header-level codes of a list (not allowed in plans).

        koodistot marks them in the code's description ("Koodistoa jäsentävä
        otsikkotason koodi, jota ei käytetä kaavamääräyksissä"); the snapshot keeps
        descriptions, so the set is read from there.
        """
        code_list = self.registry.get(list_id)
        if code_list is None:
            return frozenset()
        return frozenset(
            code.value
            for code in code_list.codes
            if "otsikkotason koodi" in (code.descriptions.get("fi") or "").lower()
        )

    def code_value(self, uri: Any, list_id: str) -> str | None:
        """The bare value of ``uri`` if it is a code URI of ``list_id`` (existence not checked)."""
        return code_value(uri, list_id)

    def code_uri(self, list_id: str, value: str) -> str:
        """The full URI of a code."""
        return f"{CODELIST_BASE}rytj/{list_id}/code/{value}"

    # -- the document -----------------------------------------------------------------------
    @functools.cached_property
    def scan(self) -> Scan:
        """The single pass over the document tree with every active field rule."""
        return run_scan(self.doc, self.field_rules, self)

    @functools.cached_property
    def matter(self) -> PlanMatterUpdate | None:
        """The plan matter, when the document is one."""
        return self.doc if isinstance(self.doc, PlanMatterUpdate) else None

    @functools.cached_property
    def phases(self) -> list[tuple[str, PlanMatterPhase]]:
        """``(path, phase)`` of every phase in the document."""
        doc = self.doc
        if isinstance(doc, PlanMatterPhase):
            return [("$", doc)]
        if isinstance(doc, PlanMatterCreate) and isinstance(doc.plan_matter_phases, list):
            return [
                (f"$.planMatterPhases[{i}]", p)
                for i, p in enumerate(doc.plan_matter_phases)
                if isinstance(p, PlanMatterPhase)
            ]
        return []

    @functools.cached_property
    def plans(self) -> list[PlanContext]:
        """One :class:`PlanContext` per plan in the document."""
        doc = self.doc
        if isinstance(doc, Plan):
            return [PlanContext(self, doc, "$", None)]
        out: list[PlanContext] = []
        decisions: list[tuple[str, PlanDecision, PlanMatterPhase | None]] = []
        if isinstance(doc, PlanDecision):
            decisions.append(("$", doc, None))
        for path, phase in self.phases:
            if isinstance(phase.plan_decision, PlanDecision):
                decisions.append((f"{path}.planDecision", phase.plan_decision, phase))
        for path, decision, phase in decisions:
            if isinstance(decision.plans, list):
                for i, plan in enumerate(decision.plans):
                    if isinstance(plan, Plan):
                        out.append(PlanContext(self, plan, f"{path}.plans[{i}]", phase))
        return out

    @property
    def srid(self) -> str | None:
        """The srid findings' geometries are in: the first plan's, else the first geometry's."""
        for pc in self.plans:
            if pc.srid:
                return pc.srid
        for node in self.scan.geometries:
            if isinstance(node.geom.srid, str):
                return node.geom.srid
        return None

    # -- geometry ---------------------------------------------------------------------------
    @functools.cached_property
    def shapes(self) -> np.ndarray:
        """A shapely geometry per :attr:`Scan.geometries` node (``None`` if unbuildable).

        Built in bulk by ``ryhti.model.geometry.to_shapely`` (one vectorised call per
        geometry type; only JSON numbers count as coordinates).
        """
        from ryhti.model.geometry import to_shapely

        return to_shapely([node.geom for node in self.scan.geometries])

    @functools.cached_property
    def shape_valid(self) -> np.ndarray:
        """Per :attr:`shapes` entry: built, OGC-valid and not empty (computed once; G008
        reports the others, and every other geometry rule skips or repairs them)."""
        import shapely

        shapes = self.shapes
        out = np.zeros(len(shapes), dtype=bool)
        built = np.flatnonzero(np.array([s is not None for s in shapes], dtype=bool))
        if len(built):
            sub = shapes[built].astype(object)
            out[built] = shapely.is_valid(sub) & ~shapely.is_empty(sub)
        return out

    def shape_index(self, geom: RyhtiGeometry) -> int | None:
        """Position of a RyhtiGeometry of this document in :attr:`shapes`, if it is one."""
        index = self._shape_index
        if index is None:
            index = {id(node.geom): i for i, node in enumerate(self.scan.geometries)}
            self._shape_index = index
        return index.get(id(geom))

    def shape_of(self, geom: RyhtiGeometry) -> Any:
        """The shapely geometry of a RyhtiGeometry of this document (built in bulk once)."""
        i = self.shape_index(geom)
        if i is None:
            return geom.to_shapely()
        return self.shapes[i]

    @functools.cached_property
    def object_count(self) -> int:
        """Plan objects in the document (for statistics)."""
        return sum(len(pc.objects) for pc in self.plans)


def iter_models(value: Any) -> Iterator[Model]:
    """Models in a field value: the value itself, or the models of a list."""
    if isinstance(value, Model):
        yield value
    elif type(value) is list:
        for item in value:
            if isinstance(item, Model):
                yield item


def date_of(value: Any) -> _dt.date | None:
    """A ``YYYY-MM-DD`` string as a date; ``None`` if it is not one."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None
