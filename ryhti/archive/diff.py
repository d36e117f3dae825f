"""``ryhti diff``: what changed between two versions of a plan, object by object.

Objects are matched by ``planObjectKey`` first (keys are version-independent in RYHTI), and
what is left by geometry: two areas are the same object when they overlap by at least half
of their union (intersection over union ≥ :data:`MIN_IOU`), lines and points when they lie
within :data:`LINE_TOLERANCE` metres of each other. A matched pair is *reshaped* when its
geometry differs (the change in area is given) and *re-regulated* when its regulations do
(which came and which went, in plain Finnish); objects left over were *added* or *removed*.
Regulations are compared by content, not by key, and lifecycle statuses are left out —
otherwise every regulation would differ between a proposal and the approved plan. The plan
itself is compared too (lifecycle, dates, description, area, general regulations), and the
dimensioning of both versions (:func:`ryhti.generators.compute_figures`) gives the change
in area per use class and in floor area (k-m²).
"""

from __future__ import annotations

import json
import operator
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from ryhti.archive.forked import in_child
from ryhti.archive.lifecycle import code_tail
from ryhti.archive.regulations import phrasers
from ryhti.model import UNSET, PlanRecommendation, PlanRegulation
from ryhti.model.geometry import to_shapely
from ryhti.model.plan import Plan

__all__ = ["LINE_TOLERANCE", "MIN_IOU", "ObjectChange", "PlanDiff", "diff_plans"]

#: Areas whose intersection covers at least this share of their union are one object.
MIN_IOU = 0.5
#: Lines and points this close (m) are one object; geometry within 1 mm is unchanged.
LINE_TOLERANCE = 1.0
SAME_GEOMETRY = 0.001

#: Fields left out when regulations and objects are compared by content.
_VOLATILE = frozenset(
    {
        "planRegulationKey",
        "planRegulationUri",
        "planRecommendationKey",
        "planRecommendationUri",
        "planRegulationGroupKey",
        "planRegulationGroupUri",
        "generalRegulationGroupKey",
        "generalRegulationGroupUri",
        "lifeCycleStatus",
    }
)
_OBJECT_FIELDS = {
    "name": "name",
    "description": "description",
    "objectNumber": "object_number",
    "undergroundStatus": "underground_status",
    "verticalLimit": "vertical_limit",
    "periodOfValidity": "period_of_validity",
}


@dataclass
class ObjectChange:
    """One object that differs: ``kinds`` ⊆ {added, removed, reshaped, reregulated, changed}."""

    kinds: list[str]
    old_key: str | None
    new_key: str | None
    matched_by: str | None
    label: str
    geometry_type: str | None
    old_area: float | None = None
    new_area: float | None = None
    regulations_added: list[str] = field(default_factory=list)
    regulations_removed: list[str] = field(default_factory=list)
    fields_changed: list[str] = field(default_factory=list)
    old_wkb: bytes | None = None
    new_wkb: bytes | None = None

    @property
    def area_change(self) -> float | None:
        if self.old_area is None and self.new_area is None:
            return None
        return (self.new_area or 0.0) - (self.old_area or 0.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "changes": self.kinds,
            "oldKey": self.old_key,
            "newKey": self.new_key,
            "matchedBy": self.matched_by,
            "label": self.label,
            "geometryType": self.geometry_type,
            "oldArea": _round(self.old_area),
            "newArea": _round(self.new_area),
            "areaChange": _round(self.area_change),
            "regulationsAdded": self.regulations_added,
            "regulationsRemoved": self.regulations_removed,
            "fieldsChanged": self.fields_changed,
        }


@dataclass
class PlanDiff:
    """Everything :func:`diff_plans` found; :mod:`ryhti.archive.diffout` writes it out."""

    old_name: str
    new_name: str
    srid: int | None
    plan_changes: list[dict[str, Any]]
    general_added: list[str]
    general_removed: list[str]
    objects: list[ObjectChange]
    unchanged: int
    classes: list[dict[str, Any]]
    totals: dict[str, Any]
    old_area_wkb: bytes | None = None
    new_area_wkb: bytes | None = None
    context_wkb: list[bytes] = field(default_factory=list)  # unchanged objects, for the map

    @property
    def empty(self) -> bool:
        return not (self.plan_changes or self.general_added or self.general_removed or self.objects)

    def counts(self) -> dict[str, int]:
        c = Counter(k for o in self.objects for k in o.kinds)
        return {k: c.get(k, 0) for k in ("added", "removed", "reshaped", "reregulated", "changed")}

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old_name,
            "new": self.new_name,
            "srid": self.srid,
            "identical": self.empty,
            "counts": {**self.counts(), "unchanged": self.unchanged},
            "plan": self.plan_changes,
            "generalRegulations": {"added": self.general_added, "removed": self.general_removed},
            "objects": [o.to_json() for o in self.objects],
            "useClasses": self.classes,
            "totals": self.totals,
        }


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(float(value), digits)


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if k not in _VOLATILE}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


def _signature(item: Any) -> str:
    return json.dumps(_canonical(item.to_json()), sort_keys=True, ensure_ascii=False)


def _sentences(items: list[Any]) -> dict[str, str]:
    """signature → sentence of regulations and recommendations."""
    _, fi, _ = phrasers()
    out = {}
    for item in items:
        sig = _signature(item)
        if sig not in out:
            try:
                text = (
                    fi.recommendation(item)
                    if isinstance(item, PlanRecommendation)
                    else fi.regulation(item)
                )
            except Exception:
                text = code_tail(getattr(item, "type", None)) or "?"
            out[sig] = text
    return out


def _group_items(group: Any) -> list[Any]:
    regs = [r for r in group.get("plan_regulations", []) or [] if isinstance(r, PlanRegulation)]
    recs = [
        r for r in group.get("plan_recommendations", []) or [] if isinstance(r, PlanRecommendation)
    ]
    return regs + recs


class _Side:
    """One version, digested: objects, geometries, per-object regulation signatures."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.objects = plan.objects()
        self.geoms = to_shapely([o.geometry for o in self.objects])
        self.keys = [
            o.plan_object_key if isinstance(o.plan_object_key, str) else None for o in self.objects
        ]
        self.sentences: dict[str, str] = {}
        group_sigs: dict[str, list[str]] = {}
        letters: dict[str, str] = {}
        for group in plan.groups():
            items = _group_items(group)
            self.sentences.update(_sentences(items))
            key = group.plan_regulation_group_key
            if isinstance(key, str):
                group_sigs[key] = [_signature(i) for i in items]
                if isinstance(group.letter_identifier, str):
                    letters[key] = group.letter_identifier
        sigs_of: list[list[str]] = [[] for _ in self.objects]
        self.letters: list[list[str]] = [[] for _ in self.objects]
        index = {k: i for i, k in enumerate(self.keys) if k is not None}
        for rel in plan.relations():
            i = index.get(rel.plan_object_key)
            sigs = group_sigs.get(rel.plan_regulation_group_key)
            if i is None or sigs is None:
                continue
            sigs_of[i].extend(sigs)
            letter = letters.get(rel.plan_regulation_group_key)
            if letter and letter not in self.letters[i]:
                self.letters[i].append(letter)
        #: each object's regulation contents, sorted (compared whole; counted only if they differ)
        self.object_sigs: list[tuple[str, ...]] = [tuple(sorted(x)) for x in sigs_of]
        self._fields = operator.attrgetter(*_OBJECT_FIELDS.values())
        general = [i for g in plan.general_groups() for i in _group_items(g)]
        self.sentences.update(_sentences(general))
        self.general = Counter(_signature(i) for i in general)

    def label(self, i: int) -> str:
        obj = self.objects[i]
        name = obj.name.text("fin") if hasattr(obj.name, "text") else None
        parts = [", ".join(self.letters[i]) or None, name]
        if isinstance(obj.object_number, int):
            parts.append(f"#{obj.object_number}")
        return " ".join(p for p in parts if p) or (self.keys[i] or "?")[:8]

    def fields(self, i: int) -> tuple[Any, ...]:
        return self._fields(self.objects[i])


def _match_geometry(
    old: _Side, new: _Side, a_idx: list[int], b_idx: list[int]
) -> list[tuple[int, int]]:
    """Pairs of unmatched objects that are the same object by geometry (greedy, best first)."""
    a_ok = [i for i in a_idx if old.geoms[i] is not None]
    b_ok = [j for j in b_idx if new.geoms[j] is not None]
    if not a_ok or not b_ok:
        return []
    a_geoms = old.geoms[a_ok]
    b_geoms = new.geoms[b_ok]
    tree = shapely.STRtree(b_geoms)
    src, dst = tree.query(a_geoms, predicate="dwithin", distance=LINE_TOLERANCE)
    if not len(src):
        return []
    ga, gb = a_geoms[src], b_geoms[dst]
    dim_a, dim_b = shapely.get_dimensions(ga), shapely.get_dimensions(gb)
    score = np.zeros(len(src))
    same = dim_a == dim_b
    poly = same & (dim_a == 2)
    if poly.any():
        inter = shapely.area(shapely.intersection(ga[poly], gb[poly], grid_size=None))
        union = shapely.area(ga[poly]) + shapely.area(gb[poly]) - inter
        score[poly] = np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)
    other = same & (dim_a < 2)
    if other.any():
        dist = shapely.hausdorff_distance(ga[other], gb[other])
        score[other] = np.where(dist <= LINE_TOLERANCE, 1.0 - dist / (2 * LINE_TOLERANCE), 0.0)
    keep = np.flatnonzero(score >= MIN_IOU)
    pairs: list[tuple[int, int]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for k in keep[np.argsort(-score[keep], kind="stable")]:
        i, j = a_ok[int(src[k])], b_ok[int(dst[k])]
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j))
    return pairs


#: Plan fields compared (JSON name → model attribute); objects and groups are compared apart.
_PLAN_FIELDS = {
    "lifeCycleStatus": "life_cycle_status",
    "planDescription": "plan_description",
    "approvalDate": "approval_date",
    "periodOfValidity": "period_of_validity",
    "legalEffectOfLocalMasterPlans": "legal_effect_of_local_master_plans",
    "scale": "scale",
}


def _json_of(value: Any) -> Any:
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, list):
        return [_json_of(v) for v in value]
    return None if value is UNSET else value


def _plan_changes(old: Plan, new: Plan, old_area: Any, new_area: Any) -> list[dict[str, Any]]:
    out = []
    for name, attr in _PLAN_FIELDS.items():
        a, b = _json_of(getattr(old, attr)), _json_of(getattr(new, attr))
        if a != b:
            out.append({"field": name, "old": a, "new": b})
    if (
        old_area is not None
        and new_area is not None
        and not shapely.equals_exact(old_area, new_area, SAME_GEOMETRY)
    ):
        out.append(
            {
                "field": "geographicalArea",
                "old": _round(shapely.area(old_area)),
                "new": _round(shapely.area(new_area)),
            }
        )
    return out


def _floor(cls: Any) -> float:
    return float(cls.floor_area) if cls is not None and cls.floor_area is not None else 0.0


def _dimensioning(fa: Any, fb: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Area per use class and floor area of both versions' figures, and their change."""
    keys = list(dict.fromkeys([c.key for c in fa.classes] + [c.key for c in fb.classes]))
    rows = []
    for key in keys:
        ca, cb = fa.class_by_key(key), fb.class_by_key(key)
        some = cb or ca
        rows.append(
            {
                "class": key,
                "letters": ", ".join(
                    dict.fromkeys(
                        (ca.letter_identifiers if ca else [])
                        + (cb.letter_identifiers if cb else [])
                    )
                ),
                "oldArea": _round(ca.area_m2) if ca else 0.0,
                "newArea": _round(cb.area_m2) if cb else 0.0,
                "areaChange": _round((cb.area_m2 if cb else 0.0) - (ca.area_m2 if ca else 0.0)),
                "oldFloorArea": _round(ca.floor_area) if ca and ca.floor_area is not None else None,
                "newFloorArea": _round(cb.floor_area) if cb and cb.floor_area is not None else None,
                "floorAreaChange": _round(_floor(cb) - _floor(ca)),
                "sykeClass": some.syke_class,
            }
        )
    totals = {
        "oldPlanArea": _round(fa.plan_area_m2),
        "newPlanArea": _round(fb.plan_area_m2),
        "oldFloorArea": _round(fa.total_floor_area),
        "newFloorArea": _round(fb.total_floor_area),
        "floorAreaChange": _round((fb.total_floor_area or 0.0) - (fa.total_floor_area or 0.0)),
        "oldEfficiency": None if fa.efficiency is None else round(fa.efficiency, 3),
        "newEfficiency": None if fb.efficiency is None else round(fb.efficiency, 3),
    }
    return rows, totals


def diff_plans(old: Plan, new: Plan, old_name: str = "old", new_name: str = "new") -> PlanDiff:
    """Compare two versions of a plan (see the module docstring)."""
    from ryhti.generators import compute_figures

    # both plans' dimensioning meanwhile, each in a forked child (see ryhti.archive.forked)
    figures_old, figures_new = in_child(compute_figures, old), in_child(compute_figures, new)
    a, b = _Side(old), _Side(new)
    pairs: list[tuple[int, int, str]] = []
    b_index = {k: j for j, k in enumerate(b.keys) if k is not None}
    used_b: set[int] = set()
    for i, key in enumerate(a.keys):
        j = b_index.get(key) if key is not None else None
        if j is not None and j not in used_b:
            pairs.append((i, j, "key"))
            used_b.add(j)
    left_a = sorted(set(range(len(a.objects))) - {i for i, _, _ in pairs})
    left_b = sorted(set(range(len(b.objects))) - used_b)
    pairs += [(i, j, "geometry") for i, j in _match_geometry(a, b, left_a, left_b)]
    matched_a = {i for i, _, _ in pairs}
    matched_b = {j for _, j, _ in pairs}
    changes: list[ObjectChange] = []
    unchanged: list[int] = []
    gb = np.empty(0, dtype=object)
    if pairs:
        ia = np.array([p[0] for p in pairs])
        ib = np.array([p[1] for p in pairs])
        ga, gb = a.geoms[ia], b.geoms[ib]
        both = ~(shapely.is_missing(ga) | shapely.is_missing(gb))
        same_geom = np.zeros(len(pairs), dtype=bool)
        same_geom[both] = shapely.equals_exact(ga[both], gb[both], tolerance=SAME_GEOMETRY)
        retry = np.flatnonzero(both & ~same_geom)
        if len(retry):  # the same shape, other vertex order or start point
            same_geom[retry] = shapely.equals(
                shapely.normalize(ga[retry]), shapely.normalize(gb[retry])
            ) & (shapely.hausdorff_distance(ga[retry], gb[retry]) <= SAME_GEOMETRY)
        same_geom |= shapely.is_missing(ga) & shapely.is_missing(gb)
        areas_a, areas_b = shapely.area(ga), shapely.area(gb)
        for n, (i, j, how) in enumerate(pairs):
            kinds = []
            if not same_geom[n]:
                kinds.append("reshaped")
            added: list[str] = []
            removed: list[str] = []
            if a.object_sigs[i] != b.object_sigs[j]:
                old_sigs, new_sigs = Counter(a.object_sigs[i]), Counter(b.object_sigs[j])
                added = list((new_sigs - old_sigs).elements())
                removed = list((old_sigs - new_sigs).elements())
            if added or removed:
                kinds.append("reregulated")
            old_fields, new_fields = a.fields(i), b.fields(j)
            fields = (
                [
                    k
                    for k, x, y in zip(_OBJECT_FIELDS, old_fields, new_fields, strict=True)
                    if x != y
                ]
                if old_fields != new_fields
                else []
            )
            if fields:
                kinds.append("changed")
            if not kinds:
                unchanged.append(n)
                continue
            poly = gb[n] is not None and shapely.get_dimensions(gb[n]) == 2
            changes.append(
                ObjectChange(
                    kinds=kinds,
                    old_key=a.keys[i],
                    new_key=b.keys[j],
                    matched_by=how,
                    label=b.label(j),
                    geometry_type=gb[n].geom_type if gb[n] is not None else None,
                    old_area=float(areas_a[n]) if poly else None,
                    new_area=float(areas_b[n]) if poly else None,
                    regulations_added=[b.sentences.get(s, s) for s in added],
                    regulations_removed=[a.sentences.get(s, s) for s in removed],
                    fields_changed=fields,
                    old_wkb=shapely.to_wkb(ga[n]) if ga[n] is not None else None,
                    new_wkb=shapely.to_wkb(gb[n]) if gb[n] is not None else None,
                )
            )
    for i in sorted(set(range(len(a.objects))) - matched_a):
        g = a.geoms[i]
        changes.append(
            ObjectChange(
                kinds=["removed"],
                old_key=a.keys[i],
                new_key=None,
                matched_by=None,
                label=a.label(i),
                geometry_type=g.geom_type if g is not None else None,
                old_area=float(g.area)
                if g is not None and shapely.get_dimensions(g) == 2
                else None,
                regulations_removed=[a.sentences.get(s, s) for s in a.object_sigs[i]],
                old_wkb=shapely.to_wkb(g) if g is not None else None,
            )
        )
    for j in sorted(set(range(len(b.objects))) - matched_b):
        g = b.geoms[j]
        changes.append(
            ObjectChange(
                kinds=["added"],
                old_key=None,
                new_key=b.keys[j],
                matched_by=None,
                label=b.label(j),
                geometry_type=g.geom_type if g is not None else None,
                new_area=float(g.area)
                if g is not None and shapely.get_dimensions(g) == 2
                else None,
                regulations_added=[b.sentences.get(s, s) for s in b.object_sigs[j]],
                new_wkb=shapely.to_wkb(g) if g is not None else None,
            )
        )
    old_area = to_shapely([old.geographical_area])[0]
    new_area = to_shapely([new.geographical_area])[0]
    classes, totals = _dimensioning(figures_old(), figures_new())
    srid = getattr(new.geographical_area, "srid", None)
    return PlanDiff(
        old_name=old_name,
        new_name=new_name,
        srid=int(srid) if isinstance(srid, str) and srid.isdigit() else None,
        plan_changes=_plan_changes(old, new, old_area, new_area),
        general_added=[b.sentences.get(s, s) for s in (b.general - a.general).elements()],
        general_removed=[a.sentences.get(s, s) for s in (a.general - b.general).elements()],
        objects=changes,
        unchanged=len(pairs) - sum(1 for c in changes if c.matched_by is not None),
        classes=classes,
        totals=totals,
        old_area_wkb=shapely.to_wkb(old_area) if old_area is not None else None,
        new_area_wkb=shapely.to_wkb(new_area) if new_area is not None else None,
        context_wkb=[w for w in shapely.to_wkb(gb[unchanged]).tolist() if w is not None]
        if unchanged
        else [],
    )
