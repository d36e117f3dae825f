"""A plan's dimensioning (mitoitus), and how it differs from another plan's.

The description's summary, its chapter on impacts, the seurantalomake's change columns
and the comparison of alternatives all need the same handful of numbers: areas and
floor areas by seurantalomake class, residential floor area and the residents it can
house, green area, blocks, protected buildings. They are gathered here from
:func:`~ryhti.generators.figures.compute_figures`, so that every chapter (and
``ryhti compare``) says the same thing.

Public and stable, for other commands to reuse: :class:`Dimensioning`,
:func:`dimensioning`, :func:`plan_in_force_figures`, :class:`Change`,
:func:`change_against`, :class:`Comparison`, :func:`compare_dimensioning`,
:func:`protected_buildings`, :func:`protected_objects`, :func:`protected_floor_area`,
:func:`area_decimals`, :data:`DEFAULT_KM2_PER_RESIDENT`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from ryhti.generators.areas import plan_srid
from ryhti.generators.figures import (
    SYKE_CLASSES,
    PlanFigures,
    code_value,
    compute_figures,
    plan_boundary,
    reproject,
)
from ryhti.generators.landuse import regulation_code_list
from ryhti.model import PlanRegulation
from ryhti.model.plan import Plan

__all__ = [
    "DEFAULT_KM2_PER_RESIDENT",
    "METRICS",
    "PROTECTION_ROOT",
    "Change",
    "Comparison",
    "Dimensioning",
    "area_decimals",
    "change_against",
    "compare_dimensioning",
    "dimensioning",
    "plan_in_force_figures",
    "protected_buildings",
    "protected_floor_area",
    "protected_objects",
]

#: Residential floor area per resident used to estimate how many people a plan houses:
#: 40 k-m² is the figure Finnish city planning offices use for new housing (about 36
#: m² of floor area per person in new blocks, plus walls and shared spaces). Change it
#: with ``ryhti describe --km2-per-resident``; the text states the factor it used.
DEFAULT_KM2_PER_RESIDENT = 40.0

#: RY_Kaavamaarayslaji branch of building protection (SR, sr, SRS, sra, srk, srko).
PROTECTION_ROOT = "rakennussuojelualue"

#: The numbers :func:`compare_dimensioning` compares, in the order a table lists them.
METRICS: tuple[str, ...] = (
    "plan_area_m2",
    "total_floor_area",
    "efficiency",
    "residential_floor_area",
    "residents",
    "green_area_m2",
    "block_count",
    "protected_buildings",
)


@dataclass(slots=True)
class Dimensioning:
    """The numbers of one plan. Areas in m², floor areas in k-m².

    ``syke`` gives (area, floor area or ``None``) per seurantalomake class in the form's
    order; ``residents`` = ``residential_floor_area`` / ``km2_per_resident`` (``None``
    without residential building rights).
    """

    plan_area_m2: float | None
    total_floor_area: float | None
    efficiency: float | None
    building_land_efficiency: float | None
    syke: dict[str, tuple[float, float | None]]
    residential_floor_area: float | None
    green_area_m2: float
    block_count: int
    protected_buildings: int
    underground_area_m2: float
    km2_per_resident: float = DEFAULT_KM2_PER_RESIDENT
    #: building right on the protected objects (k-m²; ``None``: none has a figure) and the
    #: number of protected objects without one
    protected_floor_area: float | None = None
    protected_without_floor: int = 0

    @property
    def residents(self) -> float | None:
        if not self.residential_floor_area or self.km2_per_resident <= 0:
            return None
        return self.residential_floor_area / self.km2_per_resident

    def value(self, metric: str) -> float | None:
        """One of :data:`METRICS` by name."""
        value = getattr(self, metric)
        return None if value is None else float(value)


def protected_objects(plan: Plan, *, registry: Any = None) -> set[str]:
    """Keys of the plan objects protected as buildings: a regulation of the
    building-protection branch (SR, sr, SRS …), whether a main use or a sub-area."""
    code_list = regulation_code_list(registry)
    cache: dict[str, bool] = {}

    def protective(uri: Any) -> bool:
        code = code_value(uri)
        if code is None:
            return False
        if code not in cache:
            found = code == PROTECTION_ROOT
            if not found and code_list is not None:
                found = any(a.value == PROTECTION_ROOT for a in code_list.ancestors(code))
            cache[code] = found
        return cache[code]

    groups = {
        g.plan_regulation_group_key
        for g in plan.groups()
        if any(
            isinstance(r, PlanRegulation) and protective(r.type)
            for r in g.get("plan_regulations", [])
        )
    }
    return {
        rel.plan_object_key
        for rel in plan.relations()
        if rel.plan_regulation_group_key in groups and isinstance(rel.plan_object_key, str)
    }


def protected_buildings(plan: Plan, *, registry: Any = None) -> int:
    """Plan objects protected as buildings (:func:`protected_objects`), counted by object
    (a protected building drawn as an area or a point), not by regulation group."""
    return len(protected_objects(plan, registry=registry))


def protected_floor_area(
    plan: Plan, figures: PlanFigures, protected: set[str]
) -> tuple[float | None, int]:
    """The building right on the protected objects (the seurantalomake's *Suojellut
    rakennukset, k-m²*) and how many protected objects have none.

    Each object's figure is the one the dimensioning uses (its own sallittuKerrosala,
    efficiency × area, or the building areas inside it); a protected building drawn as a
    point or an sr sub-area with no figure of its own is counted as having none rather
    than guessed from the block around it. ``None`` when no protected object has one.
    """
    total = 0.0
    known = missing = 0
    for obj, floor in zip(plan.objects(), figures.object_floor, strict=True):
        if obj.plan_object_key not in protected:
            continue
        if floor is None:
            missing += 1
        else:
            total += floor
            known += 1
    return (total if known else None), missing


def dimensioning(
    plan: Plan,
    figures: PlanFigures | None = None,
    *,
    registry: Any = None,
    km2_per_resident: float = DEFAULT_KM2_PER_RESIDENT,
) -> Dimensioning:
    """The dimensioning of ``plan`` (its figures are computed unless given)."""
    figures = figures if figures is not None else compute_figures(plan, registry=registry)
    protected = protected_objects(plan, registry=registry)
    protected_floor, protected_missing = protected_floor_area(plan, figures, protected)
    syke = {row.letter: (row.area_m2, row.floor_area) for row in figures.syke_rows}
    return Dimensioning(
        plan_area_m2=figures.plan_area_m2,
        total_floor_area=figures.total_floor_area,
        efficiency=figures.efficiency,
        building_land_efficiency=figures.building_land_efficiency,
        syke=syke,
        residential_floor_area=syke.get("A", (0.0, None))[1],
        green_area_m2=syke.get("V", (0.0, None))[0],
        block_count=sum(1 for b in figures.blocks if b.number is not None),
        protected_buildings=len(protected),
        protected_floor_area=protected_floor,
        protected_without_floor=protected_missing,
        underground_area_m2=figures.underground_area_m2,
        km2_per_resident=km2_per_resident,
    )


def plan_in_force_figures(
    new_plan: Plan, in_force: Sequence[Plan], *, registry: Any = None
) -> tuple[list[PlanFigures], float | None]:
    """The figures of the plans in force *within* the new plan's boundary, and the area
    (m², in the new plan's coordinate system) of the new plan that they cover.

    Each plan in force is measured in its own coordinate system, clipped to the new
    plan's boundary reprojected into it. ``None`` for the area when the new plan has no
    boundary.
    """
    boundary = plan_boundary(new_plan)
    srid = plan_srid(new_plan)
    if boundary is None or srid is None:
        return [], None
    out = []
    covered = []
    for old in in_force:
        old_srid = plan_srid(old) or srid
        clip = reproject(np.array([boundary], dtype=object), srid, old_srid)[0]
        out.append(compute_figures(old, registry=registry, clip=clip))
        old_boundary = plan_boundary(old)
        if old_boundary is not None:
            back = reproject(np.array([old_boundary], dtype=object), old_srid, srid)[0]
            covered.append(shapely.intersection(back, boundary))
    area = float(shapely.area(shapely.union_all(covered))) if covered else 0.0
    return out, area


@dataclass(slots=True)
class Change:
    """The seurantalomake's change columns: the new plan against the plan in force.

    Per class (and ``""`` for the total): area change in m² and floor-area change in
    k-m²; ``changed_area_m2`` is the part of the plan area under a plan in force
    (*asemakaavan muutoksen pinta-ala*), ``new_area_m2`` the rest (*uusi asemakaava-ala*);
    ``protected`` the change in protected buildings. ``known`` is False when nothing is
    known of the plan in force: the columns are then empty.
    """

    known: bool
    area: dict[str, float] = field(default_factory=dict)
    floor: dict[str, float] = field(default_factory=dict)
    changed_area_m2: float | None = None
    new_area_m2: float | None = None
    protected: int | None = None


def change_against(
    new: Dimensioning,
    old: Sequence[Dimensioning] | None,
    *,
    covered_m2: float | None = None,
) -> Change:
    """The change columns of ``new`` against the plans in force ``old`` (clipped to it).

    ``old=None``: the plans in force are not known (empty columns). ``old=[]``: no plan of
    the level is in force (everything is new: the change is the plan's own figures).
    """
    if old is None:
        return Change(known=False)
    area: dict[str, float] = {}
    floor: dict[str, float] = {}
    for letter in SYKE_CLASSES:
        new_area, new_floor = new.syke.get(letter, (0.0, None))
        old_area = sum(o.syke.get(letter, (0.0, None))[0] for o in old)
        old_floor = sum(o.syke.get(letter, (0.0, None))[1] or 0.0 for o in old)
        area[letter] = new_area - old_area
        floor[letter] = (new_floor or 0.0) - old_floor
    area[""] = sum(area[letter] for letter in SYKE_CLASSES)
    floor[""] = (new.total_floor_area or 0.0) - sum(o.total_floor_area or 0.0 for o in old)
    plan_area = new.plan_area_m2
    changed = covered_m2 if covered_m2 is not None else (0.0 if not old else None)
    fresh = plan_area - changed if plan_area is not None and changed is not None else None
    return Change(
        known=True,
        area=area,
        floor=floor,
        changed_area_m2=changed,
        new_area_m2=fresh,
        protected=new.protected_buildings - sum(o.protected_buildings for o in old),
    )


@dataclass(slots=True)
class Comparison:
    """Plans side by side: ``names`` (first the plan itself), and per metric of
    :data:`METRICS` one value per plan (``None``: not computable), and per seurantalomake
    class its areas and floor areas."""

    names: list[str]
    metrics: dict[str, list[float | None]]
    syke_area: dict[str, list[float]]
    syke_floor: dict[str, list[float | None]]


def compare_dimensioning(items: Sequence[tuple[str, Dimensioning]]) -> Comparison:
    """Several plans' dimensioning side by side (the plan and its alternatives)."""
    names = [name for name, _ in items]
    metrics = {m: [d.value(m) for _, d in items] for m in METRICS}
    syke_area = {c: [d.syke.get(c, (0.0, None))[0] for _, d in items] for c in SYKE_CLASSES}
    syke_floor = {c: [d.syke.get(c, (0.0, None))[1] for _, d in items] for c in SYKE_CLASSES}
    return Comparison(names, metrics, syke_area, syke_floor)


def area_decimals(figures: PlanFigures, *, most: int = 4, least: int = 1) -> int:
    """The one number of decimals every hectare figure of the document is printed with.

    Enough for the smallest area the document shows (a class, a block, a seurantalomake
    row) to keep two significant digits, between ``least`` and ``most``: 0,48 ha needs
    two decimals, 0,048 ha three. One precision for all, so the plan area reads the same
    in the text and in every table.
    """
    areas = [c.area_m2 for c in figures.classes] + [b.area_m2 for b in figures.blocks]
    areas += [r.area_m2 for r in figures.syke_rows]
    if figures.underground_area_m2:
        areas.append(figures.underground_area_m2)
    smallest = min((a / 10_000 for a in areas if a > 0.5), default=None)
    if smallest is None:
        return 2
    decimals = 1 - math.floor(math.log10(smallest))
    return max(least, min(most, decimals))
