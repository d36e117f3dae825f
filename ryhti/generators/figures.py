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
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.generators.notes import WarningLog
from ryhti.model import (
    PlanObject,
    PlanRegulation,
    PlanRegulationGroup,
    RyhtiGeometry,
    TextValue,
)
from ryhti.model.geometry import to_shapely
from ryhti.model.plan import Plan

__all__ = [
    "AREA_RESERVATION_ROOTS",
    "METHODS",
    "SYKE_CLASSES",
    "SYKE_CLASS_OF",
    "Block",
    "LandUseClass",
    "PlanFigures",
    "SykeRow",
    "code_value",
    "compute_figures",
    "object_label",
    "regulation_number",
]

#: Additional-information codes the figures read.
MAIN_USE = "paakayttotarkoitus"
SUB_AREA = "osaAlue"
USE_TARGET = "kayttotarkoituskohdistus"
SHARE_KM2 = "kayttotarkoituksenOsuusKerrosalastaK-m2"

#: Regulation codes the figures read.
FLOOR_AREA = "sallittuKerrosala"
EFFICIENCY = "tehokkuusluku"
BLOCK_NUMBER = "korttelinNumero"

#: ``RY_MaanalaisuudenLaji`` value of underground objects.
UNDERGROUND = "01"

#: How a building-right figure was reached, by method key.
METHODS: dict[str, str] = {
    "kerrosala": "sallittuKerrosala of the object",
    "kohdistettu": "sum of use-targeted sallittuKerrosala parts of the object",
    "tehokkuus": "tehokkuusluku × land area",
    "alakohteet": "sum of sallittuKerrosala of objects inside it",
    "osuudet": "sum of kayttotarkoituksenOsuusKerrosalastaK-m2 of its main uses",
}

#: The classes of Syke's asemakaava monitoring form (asemakaavan seurantalomake), in form order.
SYKE_CLASSES: tuple[str, ...] = ("A", "P", "Y", "C", "K", "R", "L", "E", "S", "M", "V", "T", "W")

#: RY_Kaavamaarayslaji code -> seurantalomake class. A code not listed takes the class of
#: its nearest listed ancestor; ``liikerakennustenAlue`` is listed because the code list
#: puts it below ``palvelujenAlue`` while the form counts shops with offices (K).
SYKE_CLASS_OF: dict[str, str] = {
    "asumisenAlue": "A",
    "taajamatoimintojenAlue": "C",
    "keskustatoimintojenAlue": "C",
    "tyopaikkojenAlue": "K",
    "toimitilojenAlue": "K",
    "toimistorakennustenAlue": "K",
    "palvelujenAlue": "P",
    "liikerakennustenAlue": "K",
    "huviJaViihdeRakennustenAlue": "P",
    "yleistenRakennustenAlue": "Y",
    "teollisuusalue": "T",
    "varastoalue": "T",
    "vapaaAjanAsumisenJaMatkailunAlue": "R",
    "viheralue": "V",
    "maaJaMetsatalousAlue": "M",
    "erityisalue": "E",
    "liikennealue": "L",
    "vesialue": "W",
    "suojelualue": "S",
}

#: Branches of RY_Kaavamaarayslaji whose codes are area reservations (used only for plans
#: that mark no main use): the codes themselves and their descendants.
AREA_RESERVATION_ROOTS: tuple[str, ...] = tuple(SYKE_CLASS_OF)

#: Codes below those branches that mark parts of areas, lines or points, never a main use.
NOT_AREA_RESERVATIONS: frozenset[str] = frozenset(
    {
        "viheryhteys",
        "ekologisenKompensaationAlue",
        "istutettavaAlue",
        "puuTaiPuurivi",
        "vihertehokkuus",
        "ulkoiluTaiVirkistysReitti",
        "leikkiJaOleskelualue",
        "poronhoitoalue",
        "JohtoPutkiTaiLinja",
        "sahkolinja",
        "kaasulinja",
        "vesijohtoTaiViemari",
        "hulevesienHallintaAlue",
        "ymparistohairionTorjunnanRakenne",
        "melueste",
        "tulvapenger",
        "maantienNakemaAlue",
        "maantienSuojaAlue",
        "rautatienNakemaAlue",
        "rautatienSuojaAlue",
        "kadunOsaJollaOnAjoneuvoliittymakielto",
        "ajoyhteys",
        "ajoluiska",
        "huoltoajoalue",
        "liittyma",
        "suuntaisliittyma",
        "eritasoliittyma",
        "liikennetunneli",
        "eritasoristeys",
        "ylikulku",
        "alikulku",
        "moottorikelkkailureitti",
        "pohjavesialue",
        "natura2000VerkostonAlue",
        "polttoaineenJakeluasema",
        "pysakki",
        "laivavayla",
        "venevayla",
    }
)


def code_value(uri: Any) -> str | None:
    """The bare code value of a code URI (``…/code/sallittuKerrosala`` -> ``sallittuKerrosala``)."""
    if not isinstance(uri, str):
        return None
    return _code_value(uri)


@functools.lru_cache(maxsize=8192)
def _code_value(uri: str) -> str | None:
    return uri.strip().rpartition("/code/")[2] or None


_TYPE_NAMES = np.array(
    [
        "",
        "Point",
        "LineString",
        "LinearRing",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        "GeometryCollection",
    ],
    dtype=object,
)


def geometry_types(geoms: np.ndarray) -> np.ndarray:
    """GeoJSON type names of a shapely array in one call (``""`` for ``None``)."""
    return _TYPE_NAMES[shapely.get_type_id(geoms) + 1]


def regulation_number(value: Any) -> float | None:
    """The number of a numeric value object (int or float, finite), else ``None``."""
    number = getattr(value, "number", None)
    if isinstance(number, bool) or not isinstance(number, int | float):
        return None
    number = float(number)
    return number if math.isfinite(number) else None


# ------------------------------------------------------------------------------------------
# Results
# ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class LandUseClass:
    """All plan objects of one main use (or one combination of main uses).

    ``codes`` are RY_Kaavamaarayslaji values in the order the plan gives them;
    ``floor_area`` is ``None`` when no object of the class has building rights.
    """

    key: str
    codes: tuple[str, ...]
    syke_class: str | None
    area_m2: float = 0.0
    object_count: int = 0
    point_count: int = 0
    line_length_m: float = 0.0
    floor_area: float | None = None
    methods: Counter[str] = field(default_factory=Counter)
    colour: str | None = None
    letter_identifiers: list[str] = field(default_factory=list)
    #: Share of the plan area in per cent (``None`` without a plan area).
    share_pct: float | None = None

    @property
    def area_ha(self) -> float:
        return self.area_m2 / 10_000

    @property
    def efficiency(self) -> float | None:
        """k-m² per m² of land, or ``None`` without building rights or area."""
        if self.floor_area is None or self.area_m2 <= 0:
            return None
        return self.floor_area / self.area_m2


@dataclass(slots=True)
class SykeRow:
    """One row of the seurantalomake area table."""

    letter: str
    area_m2: float = 0.0
    floor_area: float | None = None
    share_pct: float | None = None

    @property
    def area_ha(self) -> float:
        return self.area_m2 / 10_000

    @property
    def efficiency(self) -> float | None:
        if self.floor_area is None or self.area_m2 <= 0:
            return None
        return self.floor_area / self.area_m2


@dataclass(slots=True)
class Block:
    """A block (kortteli) by its number, or one object when the plan numbers no blocks.

    ``number`` is the block number as text (``None`` for an object row), ``label`` what
    identifies an object row (letter identifier, name or object number), ``class_keys``
    the land-use classes inside it.
    """

    number: str | None
    label: str | None = None
    area_m2: float = 0.0
    floor_area: float | None = None
    object_count: int = 0
    class_keys: list[str] = field(default_factory=list)
    methods: Counter[str] = field(default_factory=Counter)

    @property
    def area_ha(self) -> float:
        return self.area_m2 / 10_000

    @property
    def efficiency(self) -> float | None:
        if self.floor_area is None or self.area_m2 <= 0:
            return None
        return self.floor_area / self.area_m2


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
    and object-specific regulations (:func:`object_label` names an object row).
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


# ------------------------------------------------------------------------------------------
# Computation
# ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _GroupInfo:
    main_uses: tuple[str, ...] = ()
    candidate_uses: tuple[str, ...] = ()
    floor_plain: list[float] = field(default_factory=list)
    floor_targeted: list[float] = field(default_factory=list)
    efficiency: list[float] = field(default_factory=list)
    shares_km2: float = 0.0
    block: str | None = None
    letter: str | None = None
    colour: str | None = None


def _additional_types(reg: PlanRegulation) -> list[tuple[str | None, Any]]:
    infos = reg.additional_informations
    if not isinstance(infos, list):
        return []
    out = []
    for info in infos:
        if hasattr(info, "type"):
            out.append((code_value(info.type), info.value))
    return out


def _registry_tools(registry: Any) -> tuple[Any, dict[str, str | None]]:
    """The regulation code list (or ``None``) and a cache code -> seurantalomake class."""
    if registry is None:
        try:
            from ryhti.codelists import registry as default_registry

            registry = default_registry()
        except Exception:  # the snapshot is missing: figures still work, classes less so
            registry = None
    code_list = None
    if registry is not None:
        try:
            code_list = registry.get("RY_Kaavamaarayslaji")
        except Exception:
            code_list = None
    return code_list, {}


def syke_class(code: str, code_list: Any, cache: dict[str, str | None] | None = None) -> str | None:
    """The seurantalomake class of a regulation code (its own or its nearest ancestor's)."""
    if cache is not None and code in cache:
        return cache[code]
    found = SYKE_CLASS_OF.get(code)
    if found is None and code_list is not None:
        for ancestor in code_list.ancestors(code):
            found = SYKE_CLASS_OF.get(ancestor.value)
            if found is not None:
                break
    if cache is not None:
        cache[code] = found
    return found


def _group_info(
    group: PlanRegulationGroup,
    code_list: Any,
    cache: dict[str, str | None],
    warn: WarningLog,
    path: str,
) -> _GroupInfo:
    info = _GroupInfo()
    letter = group.letter_identifier
    info.letter = letter.strip() if isinstance(letter, str) and letter.strip() else None
    colour = group.color_number
    info.colour = colour.strip() if isinstance(colour, str) and colour.strip() else None
    main: list[str] = []
    candidates: list[str] = []
    regs = group.plan_regulations if isinstance(group.plan_regulations, list) else []
    for j, reg in enumerate(regs):
        if not isinstance(reg, PlanRegulation):
            continue
        code = code_value(reg.type)
        if code is None:
            continue
        infos = _additional_types(reg)
        kinds = {kind for kind, _ in infos}
        if MAIN_USE in kinds and code not in main:
            main.append(code)
            for kind, value in infos:
                if kind == SHARE_KM2:
                    number = regulation_number(value)
                    if number is not None:
                        info.shares_km2 += number
        elif (
            SUB_AREA not in kinds
            and code not in NOT_AREA_RESERVATIONS
            and syke_class(code, code_list, cache) is not None
            and code not in candidates
        ):
            candidates.append(code)
        rpath = f"{path}.planRegulations[{j}]"
        if code == FLOOR_AREA:
            number = regulation_number(reg.value)
            unit = getattr(reg.value, "unit_of_measure", None)
            if number is None:
                warn.add(
                    "floor-area-without-number",
                    "sallittuKerrosala without a numeric value; left out of the building rights",
                    "sallittuKerrosala ilman lukuarvoa; jätetty pois rakennusoikeudesta",
                    "sallittuKerrosala utan numeriskt värde; utelämnad ur byggrätten",
                    path=rpath,
                    key=group.plan_regulation_group_key,
                )
            elif isinstance(unit, str) and unit.strip() not in ("k-m2", "k-m²"):
                warn.add(
                    "floor-area-unit",
                    f"sallittuKerrosala in {unit!r}, not k-m2; left out of the building rights",
                    f"sallittuKerrosala yksikössä {unit!r}, ei k-m2; jätetty pois rakennusoikeudesta",
                    f"sallittuKerrosala i enheten {unit!r}, inte k-m2; utelämnad ur byggrätten",
                    path=rpath,
                    key=group.plan_regulation_group_key,
                )
            elif any(kind == USE_TARGET for kind in kinds):
                info.floor_targeted.append(number)
            else:
                info.floor_plain.append(number)
        elif code == EFFICIENCY:
            number = regulation_number(reg.value)
            if number is None:
                warn.add(
                    "efficiency-without-number",
                    "tehokkuusluku without a numeric value; left out of the building rights",
                    "tehokkuusluku ilman lukuarvoa; jätetty pois rakennusoikeudesta",
                    "tehokkuusluku utan numeriskt värde; utelämnat ur byggrätten",
                    path=rpath,
                    key=group.plan_regulation_group_key,
                )
            else:
                info.efficiency.append(number)
        elif code == BLOCK_NUMBER:
            number = regulation_number(reg.value)
            if number is not None:
                info.block = str(int(number)) if number == int(number) else str(number)
            elif isinstance(reg.value, TextValue) and isinstance(reg.value.text, str):
                info.block = reg.value.text.strip() or None
    info.main_uses = tuple(main)
    info.candidate_uses = tuple(candidates)
    return info


def _transformer(src: str, dst: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(f"EPSG:{src}", f"EPSG:{dst}", always_xy=True)


def reproject(geoms: np.ndarray, src: str, dst: str) -> np.ndarray:
    """Reproject a shapely array from EPSG ``src`` to EPSG ``dst`` in one vectorised call."""
    if src == dst:
        return geoms
    transformer = _transformer(src, dst)

    def fn(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, fn)


def _srid(geometry: Any) -> str | None:
    if isinstance(geometry, RyhtiGeometry) and isinstance(geometry.srid, str):
        return geometry.srid.strip() or None
    return None


def object_geometries(plan: Plan, warn: WarningLog | None = None) -> tuple[np.ndarray, str | None]:
    """Shapely geometries of the plan's objects in the plan's coordinate system.

    Objects in another ``srid`` than the plan boundary are reprojected (the validator
    reports the mismatch); objects whose geometry cannot be built are ``None``.
    """
    objects = plan.objects()
    plan_srid = _srid(plan.geographical_area)
    geoms = to_shapely([o.geometry for o in objects])
    if plan_srid is None:
        return geoms, None
    srids = np.array([_srid(o.geometry) or plan_srid for o in objects], dtype=object)
    for other in sorted(set(srids.tolist()) - {plan_srid}):
        mask = (srids == other) & np.array([g is not None for g in geoms], dtype=bool)
        if not mask.any():
            continue
        try:
            geoms[mask] = reproject(geoms[mask], other, plan_srid)
        except Exception:
            geoms[mask] = None
            if warn is not None:
                warn.add(
                    "unknown-srid",
                    f"objects in unknown coordinate system {other!r} left out",
                    f"kohteet tuntemattomassa koordinaattijärjestelmässä {other!r} jätetty pois",
                    f"objekt i okänt koordinatsystem {other!r} utelämnade",
                )
            continue
        if warn is not None:
            warn.add(
                "srid-mismatch",
                f"{int(mask.sum())} objects in EPSG:{other}, plan in EPSG:{plan_srid}; reprojected",
                f"{int(mask.sum())} kohdetta EPSG:{other}:ssa, kaava EPSG:{plan_srid}:ssa; muunnettu",
                f"{int(mask.sum())} objekt i EPSG:{other}, planen i EPSG:{plan_srid}; omprojicerade",
            )
    return geoms, plan_srid


def plan_boundary(plan: Plan) -> Any:
    """The plan boundary as a valid shapely (Multi)Polygon, or ``None``."""
    area = plan.geographical_area
    if not isinstance(area, RyhtiGeometry):
        return None
    geom = to_shapely([area])[0]
    if geom is None or shapely.is_empty(geom):
        return None
    if not shapely.is_valid(geom):
        geom = shapely.make_valid(geom)
    polys = shapely.get_parts(geom)
    polys = [p for p in polys if p.geom_type in ("Polygon", "MultiPolygon")]
    if not polys:
        return None
    return shapely.union_all(polys) if len(polys) > 1 else polys[0]


def _underground(obj: PlanObject) -> bool:
    return code_value(obj.underground_status) == UNDERGROUND


def object_label(obj: PlanObject, letters: Sequence[str]) -> str | None:
    """What names an object row: its letter identifiers, name and object number (``AK #12``)."""
    name = obj.name.text("fin") if hasattr(obj.name, "text") else None
    number = obj.object_number if isinstance(obj.object_number, int) else None
    parts = [p for p in (", ".join(letters) if letters else None, name) if p]
    if number is not None:
        parts.append(f"#{number}")
    return " ".join(parts) if parts else None


def _object_blocks(
    objects: Sequence[PlanObject],
    geoms: np.ndarray,
    own_block: list[str | None],
    is_poly: np.ndarray,
) -> list[str | None]:
    """The block number of every object, in plan order (``None`` outside numbered blocks).

    An object's own ``korttelinNumero``, else that of the numbered area a point of its
    interior lies in (one STRtree query for all of them: building areas, land-use areas,
    lines and points alike), else that of an object it refers to with
    ``relatedPlanObjectKeys`` (a line drawn on the block edge lies in no block, but
    belongs to the one it names).
    """
    n = len(objects)
    block_of: list[str | None] = list(own_block)
    numbered = np.array([b is not None for b in own_block], dtype=bool) & is_poly
    has_geom = np.array([g is not None for g in geoms], dtype=bool)
    need = np.flatnonzero(~np.array([b is not None for b in own_block], dtype=bool) & has_geom)
    if numbered.any() and need.size:
        numbered_idx = np.flatnonzero(numbered)
        tree = shapely.STRtree(geoms[numbered_idx])
        points = shapely.point_on_surface(geoms[need])
        pairs = tree.query(points, predicate="within")
        for a, b in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True):
            i = int(need[a])
            if block_of[i] is None:
                block_of[i] = own_block[int(numbered_idx[b])]
    if any(b is not None for b in own_block):
        missing = [
            i
            for i in range(n)
            if block_of[i] is None and isinstance(objects[i].related_plan_object_keys, list)
        ]
        if missing:
            index_of = {
                o.plan_object_key: i
                for i, o in enumerate(objects)
                if isinstance(o.plan_object_key, str)
            }
            found: list[tuple[int, str]] = []
            for i in missing:
                for rk in objects[i].related_plan_object_keys:
                    j = index_of.get(rk) if isinstance(rk, str) else None
                    if j is not None and block_of[j] is not None:
                        found.append((i, block_of[j]))  # type: ignore[arg-type]
                        break
            for i, number in found:
                block_of[i] = number
    return block_of


def _owners(objects: Sequence[PlanObject], geoms: np.ndarray, land_use: np.ndarray) -> np.ndarray:
    """The land-use object every object belongs to, by index (``-1``: none).

    A land-use object owns itself; any other object belongs to the first land-use
    object it names in ``relatedPlanObjectKeys``, else to the one a point of its
    interior lies in (one STRtree query for all of them). Building rights of a building
    area count towards its owner, and the regulation table names an object outside
    numbered blocks by its owner.
    """
    n = len(objects)
    owner = np.full(n, -1)
    lu_idx = np.flatnonzero(land_use)
    owner[lu_idx] = lu_idx
    if not lu_idx.size:
        return owner
    index_of: dict[str, int] | None = None
    for i, obj in enumerate(objects):
        related = obj.related_plan_object_keys
        if land_use[i] or not isinstance(related, list) or not related:
            continue
        if index_of is None:
            index_of = {
                o.plan_object_key: k
                for k, o in enumerate(objects)
                if isinstance(o.plan_object_key, str)
            }
        for rk in related:
            j = index_of.get(rk) if isinstance(rk, str) else None
            if j is not None and land_use[j]:
                owner[i] = j
                break
    has_geom = np.array([g is not None for g in geoms], dtype=bool)
    spatial = np.flatnonzero((owner < 0) & has_geom)
    if spatial.size:
        tree = shapely.STRtree(geoms[lu_idx])
        points = shapely.point_on_surface(geoms[spatial])
        pairs = tree.query(points, predicate="within")
        for a, b in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True):
            i = int(spatial[a])
            if owner[i] < 0:
                owner[i] = int(lu_idx[b])
    return owner


def compute_figures(plan: Plan, *, registry: Any = None) -> PlanFigures:
    """Compute areas, building rights and efficiencies of ``plan``.

    Never raises on bad data: what cannot be computed is left out with a warning in
    :attr:`PlanFigures.warnings`.
    """
    warn = WarningLog()
    code_list, cache = _registry_tools(registry)
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

    # -- regulation groups, digested once --------------------------------------------------
    infos: dict[str, _GroupInfo] = {}
    for gi, group in enumerate(plan.groups()):
        key = group.plan_regulation_group_key
        if isinstance(key, str):
            infos[key] = _group_info(group, code_list, cache, warn, f"$.planRegulationGroups[{gi}]")
    explicit_main_use = any(info.main_uses for info in infos.values())
    groups_by_object = plan.groups_by_object()

    # -- per object: class, block, own building-right regulations --------------------------
    class_key: list[str | None] = [None] * n
    class_codes: dict[str, tuple[str, ...]] = {}
    own_block: list[str | None] = [None] * n
    floor_plain: list[list[float]] = [[] for _ in range(n)]
    floor_targeted: list[float] = [0.0] * n
    has_targeted = np.zeros(n, dtype=bool)
    efficiency = np.full(n, np.nan)
    shares = np.zeros(n)
    letters: list[list[str]] = [[] for _ in range(n)]
    colours: dict[str, str] = {}
    class_letters: dict[str, list[str]] = {}
    geom_types = geometry_types(geoms)
    underground = np.array([_underground(o) for o in objects], dtype=bool)

    for i, obj in enumerate(objects):
        key = obj.plan_object_key
        groups = groups_by_object.get(key, []) if isinstance(key, str) else []
        uses: list[str] = []
        for group in groups:
            info = infos.get(group.plan_regulation_group_key)
            if info is None:
                continue
            picked = info.main_uses if explicit_main_use else info.candidate_uses
            for code in picked:
                if code not in uses:
                    uses.append(code)
            if picked and info.letter and info.letter not in letters[i]:
                letters[i].append(info.letter)
            if info.block is not None and own_block[i] is None:
                own_block[i] = info.block
            floor_plain[i].extend(info.floor_plain)
            if info.floor_targeted:
                floor_targeted[i] += sum(info.floor_targeted)
                has_targeted[i] = True
            if info.efficiency and np.isnan(efficiency[i]):
                efficiency[i] = info.efficiency[0]
            shares[i] += info.shares_km2
            if picked and info.colour:
                colours.setdefault("+".join(picked), info.colour)
        if geoms[i] is None:
            continue
        if uses and not underground[i]:
            ckey = "+".join(uses)
            class_key[i] = ckey
            class_codes.setdefault(ckey, tuple(uses))
            bucket = class_letters.setdefault(ckey, [])
            for letter in letters[i]:
                if letter not in bucket:
                    bucket.append(letter)

    broken = [i for i in range(n) if geoms[i] is None]
    for i in broken:
        warn.add(
            "bad-geometry",
            "plan object geometry cannot be read; left out of the figures",
            "kaavakohteen geometriaa ei voi lukea; jätetty pois luvuista",
            "planobjektets geometri kan inte läsas; utelämnad ur siffrorna",
            path=f"$.planObjects[{i}].geometry",
            key=objects[i].plan_object_key if isinstance(objects[i].plan_object_key, str) else None,
        )

    # -- areas, clipped to the plan boundary -----------------------------------------------
    is_poly = np.isin(geom_types, ["Polygon", "MultiPolygon"])
    is_line = np.isin(geom_types, ["LineString", "MultiLineString"])
    is_point = np.isin(geom_types, ["Point", "MultiPoint"])
    area = np.zeros(n)
    poly_idx = np.flatnonzero(is_poly)
    if poly_idx.size:
        polys = geoms[poly_idx]
        invalid = ~shapely.is_valid(polys)
        if invalid.any():
            for i in poly_idx[invalid][:5]:
                warn.add(
                    "invalid-geometry",
                    "invalid polygon repaired (make_valid) before measuring its area",
                    "virheellinen alue korjattu (make_valid) ennen pinta-alan laskemista",
                    "ogiltig yta reparerad (make_valid) innan arealen beräknades",
                    path=f"$.planObjects[{int(i)}].geometry",
                    key=objects[int(i)].plan_object_key,
                )
            polys = polys.copy()
            polys[invalid] = shapely.make_valid(polys[invalid])
            geoms = geoms.copy()
            geoms[poly_idx] = polys
        raw = shapely.area(polys)
        clipped = raw.copy()
        if boundary is not None:
            shapely.prepare(boundary)
            inside = shapely.contains_properly(boundary, polys)
            todo = np.flatnonzero(~inside)
            if todo.size:
                clipped[todo] = shapely.area(shapely.intersection(polys[todo], boundary))
            outside = raw - clipped
            for j in np.flatnonzero(outside > 1.0)[:5]:
                i = int(poly_idx[j])
                warn.add(
                    "outside-plan-area",
                    f"{outside[j]:.0f} m² of a plan object lie outside the plan boundary; not counted",
                    f"kaavakohteesta {outside[j]:.0f} m² on kaava-alueen ulkopuolella; ei laskettu",
                    f"{outside[j]:.0f} m² av ett planobjekt ligger utanför planområdet; inte räknat",
                    path=f"$.planObjects[{i}].geometry",
                    key=objects[i].plan_object_key,
                )
        area[poly_idx] = clipped
    line_length = np.zeros(n)
    if is_line.any():
        line_length[is_line] = shapely.length(geoms[is_line])

    land_use = np.array([k is not None for k in class_key], dtype=bool) & is_poly
    underground_area = float(area[underground & is_poly].sum())

    # -- blocks -------------------------------------------------------------------------------
    block_of = _object_blocks(objects, geoms, own_block, is_poly)

    # -- building rights ----------------------------------------------------------------------
    floor = np.full(n, np.nan)
    method: list[str] = [""] * n
    for i in range(n):
        if geoms[i] is None:
            continue
        values = floor_plain[i]
        if values:
            if len(set(values)) > 1:
                warn.add(
                    "several-floor-areas",
                    f"object has several sallittuKerrosala values {sorted(set(values))}; the largest is used",
                    f"kohteella on useita sallittuKerrosala-arvoja {sorted(set(values))}; suurinta käytetään",
                    f"objektet har flera värden för sallittuKerrosala {sorted(set(values))}; det största används",
                    path=f"$.planObjects[{i}]",
                    key=objects[i].plan_object_key,
                )
            floor[i] = max(values)
            method[i] = "kerrosala"
        elif has_targeted[i]:
            floor[i] = floor_targeted[i]
            method[i] = "kohdistettu"
        elif land_use[i] and not np.isnan(efficiency[i]):
            floor[i] = efficiency[i] * area[i]
            method[i] = "tehokkuus"

    # Building rights of objects that are not land-use areas (building areas) belong to
    # the land-use area they lie in: the object's owner.
    owner = _owners(objects, geoms, land_use)
    sub = np.flatnonzero(~land_use & ~np.isnan(floor))
    parent = owner
    sub_sum = np.zeros(n)
    unattached = 0.0
    for i in sub.tolist():
        j = int(parent[i])
        if j < 0:
            unattached += float(floor[i])
            warn.add(
                "floor-area-outside-land-use",
                "building right of an object that lies in no land-use area; counted in the total only",
                "rakennusoikeus kohteella, joka ei ole millään käyttötarkoitusalueella; mukana vain kokonaismäärässä",
                "byggrätt för ett objekt som inte ligger på något användningsområde; med endast i totalen",
                path=f"$.planObjects[{i}]",
                key=objects[i].plan_object_key,
            )
        else:
            sub_sum[j] += float(floor[i])
    for j in np.flatnonzero(sub_sum > 0).tolist():
        if np.isnan(floor[j]):
            floor[j] = sub_sum[j]
            method[j] = "alakohteet"
        elif sub_sum[j] > floor[j] + 0.5:
            warn.add(
                "sub-floor-exceeds",
                f"building areas inside an object add up to {sub_sum[j]:.0f} k-m2, "
                f"more than its own {floor[j]:.0f} k-m2; its own figure is used",
                f"kohteen sisäisten alueiden kerrosalat ({sub_sum[j]:.0f} k-m2) ylittävät "
                f"kohteen oman ({floor[j]:.0f} k-m2); kohteen omaa käytetään",
                f"byggnadsytorna inom objektet har sammanlagt {sub_sum[j]:.0f} k-m2, mer än "
                f"objektets egen {floor[j]:.0f} k-m2; den egna används",
                path=f"$.planObjects[{j}]",
                key=objects[j].plan_object_key,
            )
    for i in np.flatnonzero(land_use & np.isnan(floor) & (shares > 0)).tolist():
        floor[i] = shares[i]
        method[i] = "osuudet"

    # -- classes ------------------------------------------------------------------------------
    classes: dict[str, LandUseClass] = {}
    for i in range(n):
        ckey = class_key[i]
        if ckey is None:
            continue
        cls = classes.get(ckey)
        if cls is None:
            codes = class_codes[ckey]
            cls = classes[ckey] = LandUseClass(
                key=ckey,
                codes=codes,
                syke_class=syke_class(codes[0], code_list, cache),
                colour=colours.get(ckey),
                letter_identifiers=class_letters.get(ckey, []),
            )
        cls.object_count += 1
        if is_poly[i]:
            cls.area_m2 += float(area[i])
            if not np.isnan(floor[i]):
                cls.floor_area = (cls.floor_area or 0.0) + float(floor[i])
                cls.methods[method[i]] += 1
        elif is_point[i]:
            cls.point_count += 1
        elif is_line[i]:
            cls.line_length_m += float(line_length[i])
    ordered = sorted(classes.values(), key=lambda c: (-c.area_m2, c.key))
    if plan_area:
        for cls in ordered:
            cls.share_pct = 100.0 * cls.area_m2 / plan_area

    # -- seurantalomake rows ------------------------------------------------------------------
    syke: dict[str, SykeRow] = {letter: SykeRow(letter) for letter in SYKE_CLASSES}
    for cls in ordered:
        if cls.syke_class is None:
            continue
        row = syke[cls.syke_class]
        row.area_m2 += cls.area_m2
        if cls.floor_area is not None:
            row.floor_area = (row.floor_area or 0.0) + cls.floor_area
    if plan_area:
        for row in syke.values():
            row.share_pct = 100.0 * row.area_m2 / plan_area
    unclassified = [c for c in ordered if c.syke_class is None and c.area_m2 > 0]
    for cls in unclassified[:5]:
        warn.add(
            "no-syke-class",
            f"main use {cls.key} has no class on the seurantalomake; left out of that table",
            f"pääkäyttötarkoitukselle {cls.key} ei ole seurantalomakkeen luokkaa; ei mukana siinä taulukossa",
            f"huvudanvändningen {cls.key} har ingen klass i uppföljningsblanketten; inte med i den tabellen",
        )

    # -- blocks table ---------------------------------------------------------------------
    blocks_numbered = any(b is not None for b in block_of)
    blocks: dict[str, Block] = {}
    rows: list[Block] = []
    for i in range(n):
        if not land_use[i]:
            continue
        has_floor = not np.isnan(floor[i])
        number = block_of[i]
        if number is not None:
            block = blocks.get(number)
            if block is None:
                block = blocks[number] = Block(number=number)
        elif has_floor:
            block = Block(number=None, label=object_label(objects[i], letters[i]))
            rows.append(block)
        else:
            continue
        block.area_m2 += float(area[i])
        block.object_count += 1
        if has_floor:
            block.floor_area = (block.floor_area or 0.0) + float(floor[i])
            block.methods[method[i]] += 1
        ckey = class_key[i]
        if ckey is not None and ckey not in block.class_keys:
            block.class_keys.append(ckey)
    block_list = sorted(blocks.values(), key=lambda b: natural_key(b.number or "")) + rows

    # -- totals -------------------------------------------------------------------------------
    land_use_area = float(area[land_use].sum())
    floors = [c.floor_area for c in ordered if c.floor_area is not None]
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
        classes=ordered,
        syke_rows=[syke[letter] for letter in SYKE_CLASSES],
        blocks=block_list,
        blocks_numbered=blocks_numbered,
        total_floor_area=total_floor,
        unattached_floor_area=unattached,
        land_use_area_m2=land_use_area,
        uncovered_area_m2=uncovered,
        underground_area_m2=underground_area,
        object_count=n,
        land_use_object_count=int(land_use.sum()),
        methods=Counter(m for m, lu in zip(method, land_use.tolist(), strict=True) if m and lu),
        object_classes=class_key,
        object_blocks=block_of,
        object_owners=owner.tolist(),
        # Tuples of text, which the garbage collector stops tracking: a list of 100,000
        # lists kept alive would make every later collection walk them.
        object_letters=[tuple(x) if x else () for x in letters],
        warnings=warn.finish(),
    )


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort key that puts block 9 before block 10."""
    parts: list[Any] = []
    for chunk in _split_digits(text):
        parts.append((0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk))
    return tuple(parts)


def _split_digits(text: str) -> Iterable[str]:
    buf = ""
    for ch in text:
        if buf and (ch.isdigit() != buf[-1].isdigit()):
            yield buf
            buf = ""
        buf += ch
    if buf:
        yield buf
