"""What the regulation groups of a plan say that the figures count, per group and per object.

Each regulation group is read once (:func:`group_facts`): its main uses (the regulations
marked ``paakayttotarkoitus``), the area reservations that stand in for them in a plan
that marks no main use, its floor areas, efficiency, use shares, block number, letter
identifier and colour. :func:`object_facts` then gathers, per plan object, what its
groups say: a 100,000-object plan has a few hundred groups, so this is where the
figures save their time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ryhti.generators.landuse import (
    BLOCK_NUMBER,
    EFFICIENCY,
    FLOOR_AREA,
    MAIN_USE,
    NOT_AREA_RESERVATIONS,
    PUBLIC_USE,
    SHARE_KM2,
    SUB_AREA,
    USE_TARGET,
    code_value,
    regulation_number,
    syke_class,
)
from ryhti.generators.notes import WarningLog
from ryhti.model import PlanObject, PlanRegulation, PlanRegulationGroup, TextValue
from ryhti.model.plan import Plan

__all__ = ["PUBLIC_SUFFIX", "GroupFacts", "ObjectFacts", "group_facts", "object_facts"]

#: Appended to the key of a class reserved for the public (YL beside P).
PUBLIC_SUFFIX = "@yleinen"


@dataclass(slots=True)
class GroupFacts:
    """What one regulation group says that the figures count."""

    main_uses: tuple[str, ...] = ()
    candidate_uses: tuple[str, ...] = ()
    floor_plain: list[float] = field(default_factory=list)
    floor_targeted: list[float] = field(default_factory=list)
    efficiency: list[float] = field(default_factory=list)
    shares_km2: float = 0.0
    block: str | None = None
    letter: str | None = None
    colour: str | None = None
    #: A main use of the group is reserved for the public (``varattuYleiseenKayttoon``).
    public: bool = False


def _additional_types(reg: PlanRegulation) -> list[tuple[str | None, Any]]:
    infos = reg.additional_informations
    if not isinstance(infos, list):
        return []
    out = []
    for info in infos:
        if hasattr(info, "type"):
            out.append((code_value(info.type), info.value))
    return out


def _group_facts(
    group: PlanRegulationGroup,
    code_list: Any,
    cache: dict[str, str | None],
    warn: WarningLog,
    path: str,
) -> GroupFacts:
    info = GroupFacts()
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
            if PUBLIC_USE in kinds:
                info.public = True
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


def group_facts(
    plan: Plan, code_list: Any, cache: dict[str, str | None], warn: WarningLog
) -> dict[str, GroupFacts]:
    """Every keyed regulation group of ``plan``, read once: group key -> its facts."""
    infos: dict[str, GroupFacts] = {}
    for gi, group in enumerate(plan.groups()):
        key = group.plan_regulation_group_key
        if isinstance(key, str):
            infos[key] = _group_facts(
                group, code_list, cache, warn, f"$.planRegulationGroups[{gi}]"
            )
    return infos


@dataclass(slots=True)
class ObjectFacts:
    """Per plan object, in plan order, what its regulation groups say.

    ``class_key`` names its land-use class (its main uses joined by ``+``; ``None`` for
    an object without one, an underground object or one whose geometry is unreadable);
    ``class_codes`` the codes of each class key, ``class_letters`` and ``colours`` the
    letter identifiers and the first colour of each; ``own_block`` the block number its
    own groups give; ``floor_plain``, ``floor_targeted`` (with ``has_targeted``),
    ``efficiency`` (NaN: none) and ``shares`` its building-right regulations; ``letters``
    the letter identifiers of its main-use groups. A class reserved for the public
    (``class_public``) has a key of its own (``palvelujenAlue@yleinen``: YL is not P);
    ``class_groups`` are the keys of the main-use groups of each class, in plan order.
    """

    class_key: list[str | None]
    class_codes: dict[str, tuple[str, ...]]
    own_block: list[str | None]
    floor_plain: list[list[float]]
    floor_targeted: list[float]
    has_targeted: np.ndarray
    efficiency: np.ndarray
    shares: np.ndarray
    letters: list[list[str]]
    colours: dict[str, str]
    class_letters: dict[str, list[str]]
    class_public: dict[str, bool]
    class_groups: dict[str, list[str]]


def object_facts(
    plan: Plan,
    objects: list[PlanObject],
    geoms: np.ndarray,
    underground: np.ndarray,
    infos: dict[str, GroupFacts],
) -> ObjectFacts:
    """Gather, for every object, what its groups say (:class:`ObjectFacts`).

    A plan that marks a main use anywhere is read by its main uses only; a plan that
    marks none falls back to the area reservations among its regulations.
    """
    n = len(objects)
    explicit_main_use = any(info.main_uses for info in infos.values())
    groups_by_object = plan.groups_by_object()
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
    class_public: dict[str, bool] = {}
    class_groups: dict[str, list[str]] = {}

    for i, obj in enumerate(objects):
        key = obj.plan_object_key
        groups = groups_by_object.get(key, []) if isinstance(key, str) else []
        uses: list[str] = []
        public = False
        use_groups: list[str] = []
        for group in groups:
            info = infos.get(group.plan_regulation_group_key)
            if info is None:
                continue
            picked = info.main_uses if explicit_main_use else info.candidate_uses
            for code in picked:
                if code not in uses:
                    uses.append(code)
            if picked:
                public = public or info.public
                use_groups.append(group.plan_regulation_group_key)
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
                colours.setdefault(
                    "+".join(picked) + (PUBLIC_SUFFIX if info.public else ""), info.colour
                )
        if geoms[i] is None:
            continue
        if uses and not underground[i]:
            ckey = "+".join(uses) + (PUBLIC_SUFFIX if public else "")
            class_key[i] = ckey
            class_codes.setdefault(ckey, tuple(uses))
            class_public[ckey] = public
            members = class_groups.setdefault(ckey, [])
            for gkey in use_groups:
                if gkey not in members:
                    members.append(gkey)
            bucket = class_letters.setdefault(ckey, [])
            for letter in letters[i]:
                if letter not in bucket:
                    bucket.append(letter)
    return ObjectFacts(
        class_key=class_key,
        class_codes=class_codes,
        own_block=own_block,
        floor_plain=floor_plain,
        floor_targeted=floor_targeted,
        has_targeted=has_targeted,
        efficiency=efficiency,
        shares=shares,
        letters=letters,
        colours=colours,
        class_letters=class_letters,
        class_public=class_public,
        class_groups=class_groups,
    )
