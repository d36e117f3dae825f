"""The plan's regulations in words: groups, the quantity table, numbers and names.

Chapter 5 of the description (*Kaavamerkinnät ja -määräykset*) says every regulation of
the plan once: each regulation group under its letter identifier and title, the groups
that only give a block or object a quantity gathered in one table (a row per block),
block and plot numbers in a list, and the names the plan gives (streets, parks, squares)
in the *nimistö* table in Finnish and Swedish. A regulation the group's own title
already says (a single main use or sub-area without further information) is not
repeated under it: ``AK Asuinkerrostalojen korttelialue`` is enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ryhti.generators.figures import (
    BLOCK_NUMBER,
    PlanFigures,
    code_value,
    natural_key,
    object_label,
)
from ryhti.generators.notes import WarningLog
from ryhti.generators.phrases import MODEL_LANG, NBSP, Phraser, RegulationText, lower_first
from ryhti.model import (
    GeneralRegulationGroup,
    LanguageString,
    LocalizedTextValue,
    PlanRecommendation,
    PlanRegulation,
    PlanRegulationGroup,
    TextValue,
)
from ryhti.model.plan import Plan

__all__ = [
    "IDENTIFIER_CODES",
    "NAME_CODES",
    "QUANTITY_CODES",
    "GroupText",
    "RegulationChapter",
    "regulation_chapter",
]

#: Regulation codes of names: the *nimistö* table, Finnish and Swedish side by side.
NAME_CODES: tuple[str, ...] = (
    "kaupunginTaiKunnanosanNimi",
    "kadunTaiTienNimi",
    "torinTaiKatuaukionNimi",
    "puistonTaiMuunYleisenAlueenNimi",
)

#: Regulation codes of numbers: listed compactly (a city plan has hundreds of blocks).
NUMBER_CODES: tuple[str, ...] = (
    "kaupunginTaiKunnanosanNumero",
    BLOCK_NUMBER,
    "tontinTaiRakennuspaikanNumero",
)

#: Regulation codes that only name or number things: said in the names table or the
#: numbers list, never under a group (a street group then reads once, not once a street).
IDENTIFIER_CODES = frozenset(NAME_CODES + NUMBER_CODES)


#: Regulation codes of block- and object-specific quantities, in table-column order:
#: the code list's branches ``rakentamisenMaara`` (amount of building) and
#: ``korkeusasema`` (elevation). Kept here rather than read from the code list so the
#: table is the same without the snapshot. Parking norms (``liikenteenSuureet``) are
#: not among them: a planner reads them as a rule of the use, not as a block's size.
QUANTITY_CODES: tuple[str, ...] = (
    "sallittuKerrosala",
    "sallittuRakennustilavuus",
    "tehokkuusluku",
    "rakentamisenSuhdeAlueenPintaAlaan",
    "valjyysluku",
    "maanpaallinenKerroslukuLuku",
    "maanpaallinenKerroslukuArvovali",
    "maanalainenKerroslukuLuku",
    "maanalainenKerroslukuArvovali",
    "kellarinSallittuOsuusKerrosalasta",
    "ullakonSallittuOsuusKerrosalasta",
    "asuntojenMaara",
    "rakennuspaikkojenMaara",
    "tuulivoimaloidenMaara",
    "maanpinnanKorkeusasema",
    "vesikatonYlimmanKohdanKorkeusasema",
    "julkisivupinnanJaVesikatonLeikkauskohdanKorkeusasema",
    "julkisivunEnimmaiskorkeus",
    "rakennustenRakenteidenJaLaitteidenYlinKorkeusasema",
    "alinPainovoimainenViemarointitaso",
    "rakennustenRakenteidenJaLaitteidenAlinKorkeusasema",
    "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus",
    "tuulivoimalanEnimmaiskorkeus",
)

#: Column headings of the quantity table where the code-list label is too long; codes
#: sharing a heading share a column (a storey count and a storey range).
QUANTITY_COLUMNS: dict[str, dict[str, str]] = {
    "fi": {
        "sallittuKerrosala": "Rakennusoikeus",
        "sallittuRakennustilavuus": "Rakennustilavuus",
        "tehokkuusluku": "Tehokkuus",
        "maanpaallinenKerroslukuLuku": "Kerrosluku",
        "maanpaallinenKerroslukuArvovali": "Kerrosluku",
        "maanalainenKerroslukuLuku": "Maanalaiset kerrokset",
        "maanalainenKerroslukuArvovali": "Maanalaiset kerrokset",
    },
    "sv": {
        "sallittuKerrosala": "Byggrätt",
        "sallittuRakennustilavuus": "Byggnadsvolym",
        "tehokkuusluku": "Exploateringstal",
        "maanpaallinenKerroslukuLuku": "Våningsantal",
        "maanpaallinenKerroslukuArvovali": "Våningsantal",
        "maanalainenKerroslukuLuku": "Våningar under jord",
        "maanalainenKerroslukuArvovali": "Våningar under jord",
    },
}

#: Rows the quantity table may have; a plan that would need more keeps its quantity
#: groups in the group list, where each is said once however many objects it has.
MAX_QUANTITY_ROWS = 500


@dataclass(slots=True)
class GroupText:
    """One regulation group in words."""

    letter: str | None
    title: str
    regulations: list[str]
    recommendations: list[str]
    colour: str | None = None
    object_count: int = 0
    group_number: int | None = None


def _norm(text: Any) -> str:
    """A title or label compared loosely: case, spacing and a final full stop aside."""
    if not isinstance(text, str):
        return ""
    text = " ".join(text.replace(NBSP, " ").replace("²", "2").replace("³", "3").split())
    return _DIGIT_GROUP.sub("", text).rstrip(".").casefold()


#: A space grouping thousands (``2 400``), which a title may leave out.
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


def _quantity_groups(plan: Plan, ph: Phraser, registry: Any) -> dict[str, list[tuple[str, str]]]:
    """The quantity-only groups of ``plan``: group key -> ``(code, table cell)`` per regulation.

    A regulation group is *quantity-only* when everything it says fits a table cell:

    * it has regulations, no recommendations and no letter identifier (a group with a
      letter is a sign of the plan map with its own entry: the land uses, ``sr``, ``pk``);
    * every regulation is of a code in :data:`QUANTITY_CODES`, has a numeric value or
      range that reads as a cell (:meth:`Phraser.quantity`), and carries nothing else: no
      additional information (a use-targeted floor area, the storeys it applies to), no
      verbal-regulation kinds, no period of validity, no regulation number;
    * its title says no more than its regulations: it is missing, or equal (case and
      spacing aside) in Finnish and in Swedish to a regulation's code-list label or to
      the regulation as section 4 words it (``Rakennusoikeus 2 400 k-m²``).

    Whether a quantity-only group goes into the table also depends on its objects
    (:func:`_quantity_table`).
    """
    out: dict[str, list[tuple[str, str]]] = {}
    # Titles are compared with quiet phrasers: a group that stays listed is worded (and
    # warned about) once, by the list.
    phrasers = {lang: Phraser(lang, registry, WarningLog()) for lang in ("fi", "sv")}
    for gi, group in enumerate(plan.groups()):
        key = group.plan_regulation_group_key
        if not isinstance(key, str) or group.get("plan_recommendations"):
            continue
        letter = group.letter_identifier
        if isinstance(letter, str) and letter.strip():
            continue
        regs = group.get("plan_regulations", [])
        if not isinstance(regs, list) or not regs:
            continue
        cells: list[tuple[str, str]] = []
        for j, reg in enumerate(regs):
            code = code_value(reg.type) if isinstance(reg, PlanRegulation) else None
            if (
                code not in QUANTITY_CODES
                or reg.get("additional_informations")
                or reg.get("verbal_regulations")
                or reg.get("period_of_validity") is not None
                or reg.get("regulation_number") is not None
            ):
                break
            cell = ph.quantity(reg, path=f"$.planRegulationGroups[{gi}].planRegulations[{j}]")
            if cell is None:
                break
            cells.append((code, cell))
        else:
            if _title_adds_nothing(group, regs, phrasers):
                out[key] = cells
    return out


def _title_adds_nothing(
    group: PlanRegulationGroup, regs: list[PlanRegulation], phrasers: dict[str, Phraser]
) -> bool:
    title = group.title_of_plan_regulation
    if not isinstance(title, LanguageString) or not title.text():
        return True
    for lang, phraser in phrasers.items():
        own = _norm(getattr(title, MODEL_LANG[lang], None))
        if not own:
            continue
        said = set()
        for reg in regs:
            code = phraser.code("RY_Kaavamaarayslaji", reg.type)
            if code is not None:
                said.update(_norm(label) for label in code.labels.values())
            said.add(_norm(phraser.regulation(reg)))
        if own not in said:
            return False
    return True


def _quantity_table(
    plan: Plan,
    figures: PlanFigures,
    quantity: dict[str, list[tuple[str, str]]],
    members: dict[str, list[str]],
    class_short: dict[str, str],
    ph: Phraser,
) -> tuple[dict[str, Any] | None, set[str]]:
    """The table of block- and object-specific regulations, and the groups it holds.

    ``quantity`` are the quantity-only groups (:func:`_quantity_groups`), ``members``
    the keys of the objects each is attached to.

    One row per block (all objects with that ``korttelinNumero``, own or by
    :attr:`PlanFigures.object_blocks`) and, outside numbered blocks, one row per
    land-use object (the object itself or its owner, :attr:`PlanFigures.object_owners`),
    named as :func:`~ryhti.generators.figures.object_label` names it. A quantity-only
    group goes into the table only when every object it is attached to has such a row
    and the row's name is not shared by another object; otherwise the group stays in
    the group list, so every regulation is said once, in the list or in the table. When
    the objects of all quantity-only groups lie in more than :data:`MAX_QUANTITY_ROWS`
    blocks and objects, there is no table (found before any row is named, so a large
    plan pays little for it).
    """
    if not members:
        return None, set()
    wanted = {okey for keys in members.values() for okey in keys}
    objects = plan.objects()
    index_of = {
        o.plan_object_key: i
        for i, o in enumerate(objects)
        if isinstance(o.plan_object_key, str) and o.plan_object_key in wanted
    }
    blocks, owners = figures.object_blocks, figures.object_owners

    def row_key(okey: str) -> tuple[str, Any] | None:
        i = index_of.get(okey)
        if i is None:
            return None
        if blocks[i] is not None:
            return ("b", blocks[i])
        return ("o", owners[i] if owners[i] >= 0 else i)

    keys_of = {gkey: [row_key(okey) for okey in okeys] for gkey, okeys in members.items()}
    if len({r for rows in keys_of.values() for r in rows}) > MAX_QUANTITY_ROWS:
        return None, set()
    labels: dict[int, str | None] = {}
    rows_of: dict[str, list[tuple[str, Any]]] = {}
    for gkey, rows in keys_of.items():
        for row in rows:
            if row is not None and row[0] == "o" and row[1] not in labels:
                labels[row[1]] = object_label(objects[row[1]], figures.object_letters[row[1]])
        if all(r is not None and (r[0] == "b" or labels[r[1]] is not None) for r in rows):
            rows_of[gkey] = rows  # type: ignore[assignment]
    owners_by_label: dict[str, set[int]] = {}
    for rows in rows_of.values():
        for kind, target in rows:
            if kind == "o":
                owners_by_label.setdefault(labels[target], set()).add(target)  # type: ignore[arg-type]
    shared = {label for label, owners in owners_by_label.items() if len(owners) > 1}
    used = {
        gkey
        for gkey, rows in rows_of.items()
        if not any(kind == "o" and labels[target] in shared for kind, target in rows)
    }
    if not used:
        return None, set()

    headings = QUANTITY_COLUMNS[ph.lang]
    columns: dict[str, str] = {}  # heading -> first code, in QUANTITY_CODES order
    cells: dict[tuple[str, Any], dict[str, dict[str, None]]] = {}
    for gkey in [k for k in quantity if k in used]:  # plan order: the same on every run
        for row in rows_of[gkey]:
            for code, cell in quantity[gkey]:
                heading = headings.get(code) or ph.label("RY_Kaavamaarayslaji", code)
                columns.setdefault(heading, code)
                cells.setdefault(row, {}).setdefault(heading, {})[cell] = None
    order = {code: n for n, code in enumerate(QUANTITY_CODES)}
    ordered_columns = sorted(columns, key=lambda h: order[columns[h]])
    block_classes = {b.number: b.class_keys for b in figures.blocks if b.number is not None}
    rows_out = []
    keys = sorted(
        cells,
        key=lambda r: (0, natural_key(r[1]), 0) if r[0] == "b" else (1, (), r[1]),
    )
    for row in keys:
        kind, target = row
        if kind == "b":
            name = target
            ckeys = block_classes.get(target, [])
        else:
            name = labels[target]
            ckey = figures.object_classes[target]
            ckeys = [ckey] if ckey is not None else []
        classes = ", ".join(class_short[k] for k in ckeys if k in class_short)
        rows_out.append(
            {
                "name": name,
                "block": kind == "b",
                "classes": classes,
                "cells": ["; ".join(cells[row].get(h, {})) for h in ordered_columns],
            }
        )
    kinds = {r["block"] for r in rows_out}
    return {
        "kind": "blocks" if kinds == {True} else "objects" if kinds == {False} else "mixed",
        "columns": ordered_columns,
        "rows": rows_out,
        "joined": any(len(values) > 1 for row in cells.values() for values in row.values()),
    }, used


def _group_title(
    group: PlanRegulationGroup | GeneralRegulationGroup, ph: Phraser, path: str
) -> str:
    title = group.title_of_plan_regulation
    if isinstance(title, LanguageString) and title.text():
        return ph.text(title, what=ph.words["missing_title"], path=f"{path}.titleOfPlanRegulation")
    return ph.text(None, what=ph.words["missing_title"], path=f"{path}.titleOfPlanRegulation")


#: What each name code names, per language (the nimistö table's last column).
NAME_KINDS: dict[str, dict[str, str]] = {
    "fi": {
        "kaupunginTaiKunnanosanNimi": "kaupungin- tai kunnanosa",
        "kadunTaiTienNimi": "katu tai tie",
        "torinTaiKatuaukionNimi": "tori tai katuaukio",
        "puistonTaiMuunYleisenAlueenNimi": "puisto tai muu yleinen alue",
    },
    "sv": {
        "kaupunginTaiKunnanosanNimi": "stadsdel eller kommundel",
        "kadunTaiTienNimi": "gata eller väg",
        "torinTaiKatuaukionNimi": "torg eller öppen plats",
        "puistonTaiMuunYleisenAlueenNimi": "park eller annat allmänt område",
    },
}

#: What marks a regulation as being about disturbances (chapter *Ympäristön häiriötekijät*):
#: regulation codes of the disturbance branch and noise abatement, verbal-regulation kinds.
DISTURBANCE_CODES = frozenset(
    {
        "ymparistohairioalue",
        "melualue",
        "tarinaAlue",
        "tulvariskialue",
        "radonriskialue",
        "pilaantunutMaaAlue",
        "vaaraAlue",
        "suojavyohyke",
        "konsultointivyohyke",
        "aaneneristavyys",
        "melueste",
        "ymparistohairionTorjunnanRakenne",
    }
)
DISTURBANCE_KINDS = frozenset({"ymparistohairiot", "melu", "tarina", "tulva"})


def _disturbance(reg: PlanRegulation) -> bool:
    if code_value(reg.type) in DISTURBANCE_CODES:
        return True
    kinds = reg.verbal_regulations if isinstance(reg.verbal_regulations, list) else []
    return any(code_value(k) in DISTURBANCE_KINDS for k in kinds)


WORDS = {
    "fi": {"main_uses": "Pääasialliset käyttötarkoitukset: {uses}", "and": "ja"},
    "sv": {"main_uses": "Huvudsakliga användningsändamål: {uses}", "and": "och"},
}


@dataclass(slots=True)
class RegulationChapter:
    """Everything chapter 5's regulation section says.

    ``groups`` and ``general`` in words; ``quantity_table`` (or ``None``);
    ``numbers`` as (label, values); ``names`` the nimistö rows (``kind``, ``fi``, ``sv``:
    ``None`` where the plan gives no name in that language); ``recommendations`` as
    (group, text); ``disturbances`` the regulations about noise, vibration, floods and
    other disturbances, each with its group (``AK Asuinkerrostalojen korttelialue: …``).
    """

    groups: list[GroupText]
    general: list[GroupText]
    quantity_table: dict[str, Any] | None
    numbers: list[tuple[str, list[str]]]
    names: list[dict[str, str | None]]
    recommendations: list[tuple[str, str]] = field(default_factory=list)
    disturbances: list[str] = field(default_factory=list)


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _lines(parts: list[RegulationText], titled: bool, lang: str) -> list[str]:
    """The bullet lines of a group: what its title does not already say.

    A main use, a sub-area or a bare regulation kind (``Rakennusala``) with nothing more
    to it is the title's own meaning; several main uses (an AL block: housing, shops
    and offices) read as one line.
    """
    bare = [
        p for p in parts if (p.main_use or p.sub_area or p.bare) and not p.extras and not p.number
    ]
    uses = [p for p in bare if p.main_use]
    out = []
    said_uses = False
    for p in parts:
        if p in bare:
            if p.main_use and len(uses) > 1:
                if not said_uses:
                    names = [lower_first(u.main.split(": ", 1)[-1]) for u in uses]
                    out.append(
                        WORDS[lang]["main_uses"].format(uses=_join(names, WORDS[lang]["and"]))
                    )
                    said_uses = True
                continue
            if titled:
                continue
        out.append(p.sentence())
    return out


def _name_text(value: Any, lang_key: str) -> str | None:
    if isinstance(value, LocalizedTextValue) and isinstance(value.text, LanguageString):
        text = getattr(value.text, lang_key, None)
        return " ".join(text.split()) if isinstance(text, str) and text.strip() else None
    if isinstance(value, TextValue) and lang_key == "fin" and isinstance(value.text, str):
        return " ".join(value.text.split()) or None
    return None


def regulation_chapter(
    plan: Plan,
    figures: PlanFigures,
    ph: Phraser,
    registry: Any,
    class_short: dict[str, str],
) -> RegulationChapter:
    """The regulations of ``plan`` in words (see the module docstring)."""
    quantity = _quantity_groups(plan, ph, registry)
    object_counts: dict[str, int] = {}
    members: dict[str, list[str]] = {}  # quantity-only group -> its objects
    for rel in plan.relations():
        gkey = rel.plan_regulation_group_key
        if isinstance(gkey, str):
            object_counts[gkey] = object_counts.get(gkey, 0) + 1
            if gkey in quantity and isinstance(rel.plan_object_key, str):
                members.setdefault(gkey, []).append(rel.plan_object_key)
    quantity_table, in_table = _quantity_table(plan, figures, quantity, members, class_short, ph)
    groups: list[GroupText] = []
    numbers: dict[str, dict[str, None]] = {}  # label -> values in order (a dict as ordered set)
    names: dict[tuple[int, str | None, str | None], str] = {}
    seen: dict[tuple[Any, ...], GroupText] = {}
    disturbances: list[str] = []
    name_order = {code: n for n, code in enumerate(NAME_CODES)}
    for gi, group in enumerate(plan.groups()):
        if group.plan_regulation_group_key in in_table:
            continue
        path = f"$.planRegulationGroups[{gi}]"
        regs = [r for r in group.get("plan_regulations", []) if isinstance(r, PlanRegulation)]
        recs = [
            r for r in group.get("plan_recommendations", []) if isinstance(r, PlanRecommendation)
        ]
        said: list[tuple[int, PlanRegulation]] = []
        for j, reg in enumerate(regs):
            code = code_value(reg.type)
            rpath = f"{path}.planRegulations[{j}]"
            if code in name_order:
                fi, sv = _name_text(reg.value, "fin"), _name_text(reg.value, "swe")
                if fi or sv:
                    kind = NAME_KINDS[ph.lang][code]  # type: ignore[index]
                    names.setdefault((name_order[code], fi, sv), kind)  # type: ignore[index]
                    continue
            if code in NUMBER_CODES:
                value = ph.value(reg.value, path=f"{rpath}.value")
                if value:
                    label = ph.label("RY_Kaavamaarayslaji", reg.type, path=rpath)
                    numbers.setdefault(label, {})[value] = None
                    continue
            said.append((j, reg))
        if not said and not recs:
            continue
        title = _group_title(group, ph, path)
        has_title = isinstance(group.title_of_plan_regulation, LanguageString) and bool(
            group.title_of_plan_regulation.text()
        )
        parts = [ph.regulation_parts(r, path=f"{path}.planRegulations[{j}]") for j, r in said]
        texts = _lines(parts, has_title, ph.lang)
        rec_texts = [
            ph.recommendation(r, path=f"{path}.planRecommendations[{j}]")
            for j, r in enumerate(recs)
        ]
        letter = group.letter_identifier if isinstance(group.letter_identifier, str) else None
        heading = f"{letter.strip()} {title}" if letter and letter.strip() else title
        for (_, reg), part in zip(said, parts, strict=True):
            if _disturbance(reg):
                line = f"{heading}: {part.sentence()}"
                if line not in disturbances:
                    disturbances.append(line)
        count = object_counts.get(group.plan_regulation_group_key, 0)
        signature = (letter, title, tuple(texts), tuple(rec_texts))
        if signature in seen:
            seen[signature].object_count += count
            continue
        entry = GroupText(
            letter=letter.strip() if letter else None,
            title=title,
            regulations=texts,
            recommendations=rec_texts,
            colour=group.color_number if isinstance(group.color_number, str) else None,
            object_count=count,
            group_number=group.group_number if isinstance(group.group_number, int) else None,
        )
        seen[signature] = entry
        groups.append(entry)
    groups.sort(key=lambda g: (g.group_number is None, g.group_number or 0))
    general: list[GroupText] = []
    for gi, ggroup in enumerate(plan.general_groups()):
        path = f"$.generalRegulationGroups[{gi}]"
        regs = [r for r in ggroup.get("plan_regulations", []) if isinstance(r, PlanRegulation)]
        recs = [
            r for r in ggroup.get("plan_recommendations", []) if isinstance(r, PlanRecommendation)
        ]
        general.append(
            GroupText(
                letter=None,
                title=_group_title(ggroup, ph, path),
                regulations=[
                    ph.regulation(r, path=f"{path}.planRegulations[{j}]")
                    for j, r in enumerate(regs)
                ],
                recommendations=[
                    ph.recommendation(r, path=f"{path}.planRecommendations[{j}]")
                    for j, r in enumerate(recs)
                ],
            )
        )
    recommendations = [(g.letter or g.title, rec) for g in groups for rec in g.recommendations] + [
        (g.title, rec) for g in general for rec in g.recommendations
    ]
    name_rows = [
        {"kind": kind, "fi": fi, "sv": sv}
        for (_, fi, sv), kind in sorted(
            names.items(),
            key=lambda item: (item[0][0], natural_key(item[0][1] or item[0][2] or "")),
        )
    ]
    return RegulationChapter(
        groups=groups,
        general=general,
        quantity_table=quantity_table,
        numbers=sorted(
            ((label, sorted(values, key=natural_key)) for label, values in numbers.items()),
            key=lambda item: item[0],
        ),
        names=name_rows,
        recommendations=recommendations,
        disturbances=disturbances,
    )
