"""Every number of the plan description, computed from the plan data and nothing else.

The kaavaselostus quotes areas, floor areas and efficiencies that planners used to tally
by hand from the map; here they come from the geometry and the regulation values, once,
in one place. The text, the tables, the map legend and the tests all read
:class:`PlanFigures`, so a number cannot say one thing in the summary and another in a
table. This module formats nothing and writes no prose: it returns floats in square
metres and floor square metres (k-m²), and warnings (:class:`~ryhti.findings.Finding`)
for whatever in the data made a number uncertain.

How the figures are found
-------------------------
* **Land-use class** (käyttötarkoitusluokka) of a plan object: the regulations of its
  groups that carry the additional information ``paakayttotarkoitus`` (main use). A plan
  that marks no main use at all falls back to the regulations whose type is an area
  reservation (below one of the area-reservation branches of ``RY_Kaavamaarayslaji``)
  and that are not marked ``osaAlue`` (sub-area). An object with several main uses (an
  ``AL`` block: housing + shops + offices) forms one combined class.
* **Areas** are planar, in the plan's own coordinate system (ETRS-TM35FIN or ETRS-GKn),
  clipped to the plan boundary; underground objects (``RY_MaanalaisuudenLaji`` 01) are
  counted apart, because they lie under the surface classes.
* **Building rights** (rakennusoikeus, k-m²) of a land-use object, first found of:
  its own ``sallittuKerrosala`` (a value targeted at a use with
  ``kayttotarkoituskohdistus`` is a part; parts are added up when no total is given);
  its own ``tehokkuusluku`` × its area; the ``sallittuKerrosala`` of the objects inside
  it (building areas, linked by ``relatedPlanObjectKeys`` or lying within it); the
  ``kayttotarkoituksenOsuusKerrosalastaK-m2`` shares of its main uses. Each object
  records which (:data:`METHODS`), so the text can say how a figure was reached.
* **Efficiency** (tehokkuus, e) = k-m² / land area, of a class, a block or the plan.
* **Block** (kortteli): the ``korttelinNumero`` of an object's own groups, else of the
  numbered area its interior lies in, else of an object it refers to
  (``relatedPlanObjectKeys``); without block numbers, each object is its own row.
* **Seurantalomake classes**: Syke's asemakaava monitoring form tallies areas by the
  classes A, P, Y, C, K, R, L, E, S, M, V, T, W; each main use is mapped to its nearest
  broader code that has such a class (:data:`SYKE_CLASS_OF`).

Where the code is
-----------------
:mod:`~ryhti.generators.landuse` (codes, seurantalomake classes),
:mod:`~ryhti.generators.group_facts` (what each regulation group says),
:mod:`~ryhti.generators.areas` (geometry, areas, blocks, owners),
:mod:`~ryhti.generators.building_rights` (k-m² per object) and
:mod:`~ryhti.generators.tables` (classes, seurantalomake rows, blocks); this module
holds the result and runs the steps in order. Their names are re-exported here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.generators.areas import (
    geometry_types,
    measure_areas,
    object_blocks,
    object_geometries,
    object_owners,
    plan_boundary,
    reproject,
    underground_mask,
)
from ryhti.generators.building_rights import METHODS, building_rights
from ryhti.generators.group_facts import group_facts, object_facts
from ryhti.generators.landuse import (
    AREA_RESERVATION_ROOTS,
    BLOCK_NUMBER,
    EFFICIENCY,
    FLOOR_AREA,
    MAIN_USE,
    SYKE_CLASS_OF,
    SYKE_CLASSES,
    code_value,
    regulation_code_list,
    regulation_number,
    syke_class,
)
from ryhti.generators.notes import WarningLog
from ryhti.generators.tables import (
    Block,
    LandUseClass,
    SykeRow,
    block_rows,
    land_use_classes,
    natural_key,
    object_label,
    syke_rows,
)
from ryhti.model.plan import Plan

__all__ = [
    "AREA_RESERVATION_ROOTS",
    "BLOCK_NUMBER",
    "EFFICIENCY",
    "FLOOR_AREA",
    "MAIN_USE",
    "METHODS",
    "SYKE_CLASSES",
    "SYKE_CLASS_OF",
    "Block",
    "LandUseClass",
    "PlanFigures",
    "SykeRow",
    "code_value",
    "compute_figures",
    "geometry_types",
    "natural_key",
    "object_geometries",
    "object_label",
    "plan_boundary",
    "regulation_number",
    "reproject",
    "syke_class",
]


@dataclass(slots=True)
class PlanFigures:
    """The plan's numbers. Areas in m², floor areas in k-m².

    ``plan_area_m2`` is ``None`` when the plan boundary is missing or unusable;
    ``uncovered_area_m2`` is the part of the plan area no land-use class covers
    (negative when classes overlap); ``unattached_floor_area`` is building right given
    to objects that lie in no land-use area (counted in the total all the same).
    ``object_classes`` gives each plan object's class key (``None`` when it has none),
    in plan order, for the map; ``object_blocks`` each plan object's block number
    (``None`` outside numbered blocks), ``object_owners`` the index of the land-use
    object it belongs to (``-1``: none, see :func:`_owners`) and ``object_letters`` the
    letter identifiers of its main-use groups, in plan order, for the table of block-
    and object-specific regulations (:func:`object_label` names an object row);
    ``object_floor`` each plan object's building right (the seurantalomake's protected
    floor area is summed from it).
    """

    srid: str | None
    plan_area_m2: float | None
    classes: list[LandUseClass]
    syke_rows: list[SykeRow]
    blocks: list[Block]
    blocks_numbered: bool
    total_floor_area: float | None
    unattached_floor_area: float
    land_use_area_m2: float
    uncovered_area_m2: float | None
    underground_area_m2: float
    object_count: int
    land_use_object_count: int
    methods: Counter[str]
    object_classes: list[str | None]
    object_blocks: list[str | None]
    object_owners: list[int]
    object_letters: list[tuple[str, ...]]
    #: Each plan object's building right in k-m² (``None``: none), in plan order: its own
    #: figure, efficiency × area, or what the objects inside it give.
    object_floor: list[float | None]
    warnings: list[Finding]

    @property
    def plan_area_ha(self) -> float | None:
        return None if self.plan_area_m2 is None else self.plan_area_m2 / 10_000

    @property
    def efficiency(self) -> float | None:
        """Plan-wide efficiency: all building rights / plan area."""
        if self.total_floor_area is None or not self.plan_area_m2:
            return None
        return self.total_floor_area / self.plan_area_m2

    @property
    def building_land_efficiency(self) -> float | None:
        """Efficiency of the land that carries building rights (the blocks)."""
        area = sum(c.area_m2 for c in self.classes if c.floor_area)
        floor = sum(c.floor_area for c in self.classes if c.floor_area)
        return floor / area if area > 0 and floor > 0 else None

    def class_by_key(self, key: str) -> LandUseClass | None:
        return next((c for c in self.classes if c.key == key), None)


def compute_figures(plan: Plan, *, registry: Any = None, clip: Any = None) -> PlanFigures:
    """Compute areas, building rights and efficiencies of ``plan``.

    Never raises on bad data: what cannot be computed is left out with a warning in
    :attr:`PlanFigures.warnings`.

    ``clip`` (a shapely polygon in the plan's coordinate system) restricts the figures to
    that part of the plan: the plan in force under a new plan is measured within the new
    plan's boundary. Areas are clipped, and the building right of an object that lies
    partly outside counts in proportion to the area inside; land outside ``clip`` is not
    a warning then, since the plan was never meant to lie within it.
    """
    warn = WarningLog()
    code_list = regulation_code_list(registry)
    cache: dict[str, str | None] = {}
    objects = plan.objects()
    n = len(objects)
    if n == 0:
        warn.add(
            "no-objects",
            "the plan has no plan objects: no land-use areas or building rights to compute",
            "kaavassa ei ole kaavakohteita: käyttötarkoitusten aloja ja rakennusoikeutta ei voi laskea",
            "planen har inga planobjekt: arealer och byggrätt kan inte beräknas",
            path="$.planObjects",
        )

    boundary = plan_boundary(plan)
    if boundary is not None and clip is not None:
        boundary = shapely.intersection(boundary, clip)
    if boundary is None:
        warn.add(
            "no-plan-area",
            "the plan boundary (geographicalArea) is missing or not a polygon: no plan area",
            "kaavan rajaus (geographicalArea) puuttuu tai ei ole alue: kaava-alueen pinta-alaa ei voi laskea",
            "planens avgränsning (geographicalArea) saknas eller är inte en yta: planområdets areal saknas",
            path="$.geographicalArea",
        )
    plan_area = float(shapely.area(boundary)) if boundary is not None else None

    geoms, srid = object_geometries(plan, warn)
    if srid is not None and srid == "4326":
        warn.add(
            "geographic-srid",
            "the plan is in EPSG:4326 (degrees); areas are not in square metres",
            "kaava on EPSG:4326-järjestelmässä (asteet); pinta-alat eivät ole neliömetrejä",
            "planen är i EPSG:4326 (grader); arealerna är inte i kvadratmeter",
            path="$.geographicalArea.srid",
        )

    # Regulation groups are read once; then what each object's groups say.
    infos = group_facts(plan, code_list, cache, warn)
    underground = underground_mask(objects)
    facts = object_facts(plan, objects, geoms, underground, infos)
    for i in (i for i in range(n) if geoms[i] is None):
        warn.add(
            "bad-geometry",
            "plan object geometry cannot be read; left out of the figures",
            "kaavakohteen geometriaa ei voi lukea; jätetty pois luvuista",
            "planobjektets geometri kan inte läsas; utelämnad ur siffrorna",
            path=f"$.planObjects[{i}].geometry",
            key=objects[i].plan_object_key if isinstance(objects[i].plan_object_key, str) else None,
        )

    areas = measure_areas(objects, geoms, boundary, warn, warn_outside=clip is None)
    geoms = areas.geoms
    land_use = np.array([k is not None for k in facts.class_key], dtype=bool) & areas.is_poly
    underground_area = float(areas.area[underground & areas.is_poly].sum())
    block_of = object_blocks(objects, geoms, facts.own_block, areas.is_poly)
    owner = object_owners(objects, geoms, land_use)
    rights = building_rights(objects, geoms, facts, areas.area, land_use, owner, warn)
    floor, method = rights.floor, rights.method
    if clip is not None:
        # tehokkuusluku × the clipped area is already the part inside; the others are not.
        given = np.array([m != "tehokkuus" for m in method], dtype=bool)
        partial = areas.is_poly & (areas.raw_area > 0) & (areas.area < areas.raw_area) & given
        floor[partial] *= areas.area[partial] / areas.raw_area[partial]

    classes = land_use_classes(facts, areas, floor, method, plan_area, code_list, cache)
    syke = syke_rows(classes, plan_area, warn)
    blocks = block_rows(objects, facts, block_of, land_use, areas.area, floor, method)

    # -- totals -------------------------------------------------------------------------------
    land_use_area = float(areas.area[land_use].sum())
    floors = [c.floor_area for c in classes if c.floor_area is not None]
    unattached = rights.unattached
    total_floor = (sum(floors) + unattached) if floors or unattached else None
    uncovered = plan_area - land_use_area if plan_area is not None else None
    if uncovered is not None and n:
        if uncovered > max(1.0, 1e-4 * plan_area):
            warn.add(
                "area-not-covered",
                f"{uncovered:.0f} m² of the plan area have no main use (land-use class)",
                f"{uncovered:.0f} m² kaava-alueesta on ilman pääkäyttötarkoitusta",
                f"{uncovered:.0f} m² av planområdet saknar huvudanvändning",
                path="$.planObjects",
            )
        elif uncovered < -max(1.0, 1e-4 * plan_area):
            warn.add(
                "land-use-overlap",
                f"land-use areas add up to {-uncovered:.0f} m² more than the plan area: they overlap",
                f"käyttötarkoitusalueiden yhteenlaskettu ala ylittää kaava-alueen {-uncovered:.0f} m²:llä: alueet ovat päällekkäin",
                f"användningsområdena är sammanlagt {-uncovered:.0f} m² större än planområdet: de överlappar",
                path="$.planObjects",
            )
    if n and not land_use.any():
        warn.add(
            "no-land-use",
            "no plan object has a main use (paakayttotarkoitus): no land-use table",
            "millään kaavakohteella ei ole pääkäyttötarkoitusta: käyttötarkoitustaulukkoa ei synny",
            "inget planobjekt har en huvudanvändning: ingen tabell över användningsområden",
            path="$.planRegulationGroups",
        )

    return PlanFigures(
        srid=srid,
        plan_area_m2=plan_area,
        classes=classes,
        syke_rows=syke,
        blocks=blocks,
        blocks_numbered=any(b is not None for b in block_of),
        total_floor_area=total_floor,
        unattached_floor_area=unattached,
        land_use_area_m2=land_use_area,
        uncovered_area_m2=uncovered,
        underground_area_m2=underground_area,
        object_count=n,
        land_use_object_count=int(land_use.sum()),
        methods=Counter(m for m, lu in zip(method, land_use.tolist(), strict=True) if m and lu),
        object_classes=facts.class_key,
        object_blocks=block_of,
        object_owners=owner.tolist(),
        # Tuples of text, which the garbage collector stops tracking: a list of 100,000
        # lists kept alive would make every later collection walk them.
        object_letters=[tuple(x) if x else () for x in facts.letters],
        object_floor=[None if v != v else v for v in floor.tolist()],
        warnings=warn.finish(),
    )
