"""The tables of the figures: land-use classes, seurantalomake rows and blocks.

Per-object areas (:mod:`ryhti.generators.areas`) and building rights
(:mod:`ryhti.generators.building_rights`) are summed here into the rows the
description's tables print: one :class:`LandUseClass` per main use (or combination of
main uses), one :class:`SykeRow` per class of Syke's seurantalomake, one :class:`Block`
per block number (or, in a plan without block numbers, per object with building
rights).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ryhti.generators.group_facts import ObjectFacts
from ryhti.generators.landuse import SYKE_CLASSES, syke_class
from ryhti.generators.notes import WarningLog
from ryhti.model import PlanObject

__all__ = [
    "Block",
    "LandUseClass",
    "SykeRow",
    "block_rows",
    "land_use_classes",
    "natural_key",
    "object_label",
    "syke_rows",
]


class AreaFigures:
    """Hectares and efficiency of a table row from its ``area_m2`` and ``floor_area``."""

    __slots__ = ()
    area_m2: float
    floor_area: float | None

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
class LandUseClass(AreaFigures):
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
    #: Reserved for the public (``varattuYleiseenKayttoon``): counted under Y.
    public: bool = False
    #: Keys of the main-use regulation groups of the class (their titles name it).
    group_keys: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SykeRow(AreaFigures):
    """One row of the seurantalomake area table."""

    letter: str
    area_m2: float = 0.0
    floor_area: float | None = None
    share_pct: float | None = None


@dataclass(slots=True)
class Block(AreaFigures):
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


def object_label(obj: PlanObject, letters: Sequence[str]) -> str | None:
    """What names an object row: its letter identifiers, name and object number (``AK #12``)."""
    name = obj.name.text("fin") if hasattr(obj.name, "text") else None
    number = obj.object_number if isinstance(obj.object_number, int) else None
    parts = [p for p in (", ".join(letters) if letters else None, name) if p]
    if number is not None:
        parts.append(f"#{number}")
    return " ".join(parts) if parts else None


def land_use_classes(
    facts: ObjectFacts,
    areas: Any,
    floor: np.ndarray,
    method: list[str],
    plan_area: float | None,
    code_list: Any,
    cache: dict[str, str | None],
) -> list[LandUseClass]:
    """One row per land-use class, largest area first (``areas``: an
    :class:`~ryhti.generators.areas.ObjectAreas`)."""
    classes: dict[str, LandUseClass] = {}
    for i, ckey in enumerate(facts.class_key):
        if ckey is None:
            continue
        cls = classes.get(ckey)
        if cls is None:
            codes = facts.class_codes[ckey]
            public = facts.class_public.get(ckey, False)
            cls = classes[ckey] = LandUseClass(
                key=ckey,
                codes=codes,
                syke_class=syke_class(codes[0], code_list, cache, public=public),
                colour=facts.colours.get(ckey),
                letter_identifiers=facts.class_letters.get(ckey, []),
                public=public,
                group_keys=facts.class_groups.get(ckey, []),
            )
        cls.object_count += 1
        if areas.is_poly[i]:
            cls.area_m2 += float(areas.area[i])
            if not np.isnan(floor[i]):
                cls.floor_area = (cls.floor_area or 0.0) + float(floor[i])
                cls.methods[method[i]] += 1
        elif areas.is_point[i]:
            cls.point_count += 1
        elif areas.is_line[i]:
            cls.line_length_m += float(areas.line_length[i])
    ordered = sorted(classes.values(), key=lambda c: (-c.area_m2, c.key))
    if plan_area:
        for cls in ordered:
            cls.share_pct = 100.0 * cls.area_m2 / plan_area
    return ordered


def syke_rows(
    classes: list[LandUseClass], plan_area: float | None, warn: WarningLog
) -> list[SykeRow]:
    """The seurantalomake area table: every class of the form, in form order."""
    syke: dict[str, SykeRow] = {letter: SykeRow(letter) for letter in SYKE_CLASSES}
    for cls in classes:
        if cls.syke_class is None:
            continue
        row = syke[cls.syke_class]
        row.area_m2 += cls.area_m2
        if cls.floor_area is not None:
            row.floor_area = (row.floor_area or 0.0) + cls.floor_area
    if plan_area:
        for row in syke.values():
            row.share_pct = 100.0 * row.area_m2 / plan_area
    unclassified = [c for c in classes if c.syke_class is None and c.area_m2 > 0]
    for cls in unclassified[:5]:
        warn.add(
            "no-syke-class",
            f"main use {cls.key} has no class on the seurantalomake; left out of that table",
            f"pääkäyttötarkoitukselle {cls.key} ei ole seurantalomakkeen luokkaa; ei mukana siinä taulukossa",
            f"huvudanvändningen {cls.key} har ingen klass i uppföljningsblanketten; inte med i den tabellen",
        )
    return [syke[letter] for letter in SYKE_CLASSES]


def block_rows(
    objects: Sequence[PlanObject],
    facts: ObjectFacts,
    block_of: list[str | None],
    land_use: np.ndarray,
    area: np.ndarray,
    floor: np.ndarray,
    method: list[str],
) -> list[Block]:
    """One row per block number (in natural order), then one per unnumbered land-use
    object with building rights (in plan order)."""
    blocks: dict[str, Block] = {}
    rows: list[Block] = []
    for i in range(len(objects)):
        if not land_use[i]:
            continue
        has_floor = not np.isnan(floor[i])
        number = block_of[i]
        if number is not None:
            block = blocks.get(number)
            if block is None:
                block = blocks[number] = Block(number=number)
        elif has_floor:
            block = Block(number=None, label=object_label(objects[i], facts.letters[i]))
            rows.append(block)
        else:
            continue
        block.area_m2 += float(area[i])
        block.object_count += 1
        if has_floor:
            block.floor_area = (block.floor_area or 0.0) + float(floor[i])
            block.methods[method[i]] += 1
        ckey = facts.class_key[i]
        if ckey is not None and ckey not in block.class_keys:
            block.class_keys.append(ckey)
    return sorted(blocks.values(), key=lambda b: natural_key(b.number or "")) + rows


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
