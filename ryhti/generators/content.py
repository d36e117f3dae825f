"""What the plan description says: plan data, figures and phrases gathered for the templates.

:func:`build_context` turns a plan (and its plan matter, when given) into plain values
the Jinja2 templates lay out: identification facts, the figures of
:mod:`ryhti.generators.figures`, regulation groups in sentences, and the process
timeline. Facts the data lacks stay ``None`` so the template can show a placeholder;
each such gap is also logged as a warning, so a planner running the CLI sees the list
of things to complete without reading the whole draft.
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
from ryhti.generators.phrases import (
    MODEL_LANG,
    NBSP,
    Phraser,
    fmt_date,
    fmt_period,
    fmt_scale,
    lower_first,
)
from ryhti.model import (
    GeneralRegulationGroup,
    HandlingEvent,
    InteractionEvent,
    LanguageString,
    PlanCancellationInfo,
    PlanDecision,
    PlanMatterCreate,
    PlanOperator,
    PlanRecommendation,
    PlanRegulation,
    PlanRegulationGroup,
    TimePeriod,
    TimePeriodDateOnly,
)
from ryhti.model.plan import Plan

__all__ = ["BILINGUAL_MUNICIPALITIES", "build_context"]

#: Municipalities whose official languages are Finnish and Swedish (kunnan kielellinen
#: asema, 2023–2032), by municipality code. Their plans are expected in both languages.
BILINGUAL_MUNICIPALITIES: frozenset[str] = frozenset(
    {
        "049",  # Espoo
        "078",  # Hanko
        "091",  # Helsinki
        "092",  # Vantaa
        "149",  # Inkoo
        "231",  # Kaskinen
        "235",  # Kauniainen
        "257",  # Kirkkonummi
        "272",  # Kokkola
        "287",  # Kristiinankaupunki
        "288",  # Kruunupyy
        "322",  # Kemiönsaari
        "407",  # Lapinjärvi
        "434",  # Loviisa
        "445",  # Parainen
        "475",  # Maalahti
        "499",  # Mustasaari
        "545",  # Närpiö
        "598",  # Pietarsaari
        "599",  # Pedersören kunta
        "638",  # Porvoo
        "710",  # Raasepori
        "753",  # Sipoo
        "755",  # Siuntio
        "853",  # Turku
        "893",  # Uusikaarlepyy
        "905",  # Vaasa
        "946",  # Vöyri
    }
)

#: Regulation codes that only name or number things; groups made of them alone are
#: listed compactly instead of one section each (a city plan has hundreds).
IDENTIFIER_CODES = frozenset(
    {
        BLOCK_NUMBER,
        "tontinTaiRakennuspaikanNumero",
        "kaupunginTaiKunnanosanNumero",
        "kadunTaiTienNimi",
        "torinTaiKatuaukionNimi",
        "puistonTaiMuunYleisenAlueenNimi",
        "kaupunginTaiKunnanosanNimi",
    }
)


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


@dataclass(slots=True)
class Event:
    """One line of the process timeline."""

    date: str | None  # ISO date for sorting
    date_text: str | None
    phase: str | None
    kind: str  # "matter", "decision", "handling", "interaction"
    label: str
    details: list[str] = field(default_factory=list)
    cancelled: bool = False


def _operator(op: Any) -> str | None:
    if not isinstance(op, PlanOperator):
        return None
    name = " ".join(p for p in (op.get("first_name"), op.get("last_name")) if isinstance(p, str))
    parts = [p for p in (name, op.get("title"), op.get("organization_name")) if p]
    return ", ".join(str(p).strip() for p in parts if str(p).strip()) or None


def _ls_text(value: Any, lang: str) -> str | None:
    if not isinstance(value, LanguageString):
        return None
    own = getattr(value, MODEL_LANG[lang], None)
    if isinstance(own, str) and own.strip():
        return " ".join(own.split())
    return None


def build_context(
    plan: Plan,
    figures: PlanFigures,
    *,
    matter: PlanMatterCreate | None = None,
    lang: str = "fi",
    registry: Any = None,
    warn: WarningLog | None = None,
) -> dict[str, Any]:
    """Everything the templates need, as plain values (see the module docstring)."""
    warn = warn if warn is not None else WarningLog()
    ph = Phraser(lang, registry, warn)

    def missing(what_en: str, what_fi: str, what_sv: str, path: str) -> None:
        warn.add(
            "missing-fact",
            f"{what_en} is missing; the draft shows a placeholder",
            f"{what_fi} puuttuu; luonnoksessa on täydennysmerkintä",
            f"{what_sv} saknas; utkastet har en platshållare",
            path=path,
        )

    if matter is None:
        warn.add(
            "no-matter",
            "no plan matter given (--matter): name, identifiers, plan type, municipality "
            "and process are placeholders",
            "kaava-asiaa ei annettu (--matter): nimi, tunnukset, kaavalaji, kunta ja "
            "käsittelyvaiheet ovat täydennysmerkintöjä",
            "inget planärende angivet (--matter): namn, identifierare, plantyp, kommun och "
            "behandling är platshållare",
        )

    # -- identification -----------------------------------------------------------------
    name = _ls_text(matter.name, lang) if matter is not None else None
    if matter is not None and name is None:
        other = matter.name.text() if isinstance(matter.name, LanguageString) else None
        if other:
            name = ph.text(matter.name, path="$.name")
        else:
            missing("plan name", "kaavan nimi", "planens namn", "$.name")
    permanent = matter.get("permanent_plan_identifier") if matter is not None else None
    producer = matter.get("producer_plan_identifier") if matter is not None else None
    plan_type_uri = matter.get("plan_type") if matter is not None else None
    plan_type = (
        ph.label("RY_Kaavalaji", plan_type_uri, path="$.planType") if plan_type_uri else None
    )
    level = _plan_level(plan_type_uri, registry)
    inferred_level = False
    if level is None:
        level = _infer_level(plan)
        inferred_level = level is not None
    areas = matter.get("administrative_area_identifiers", []) if matter is not None else []
    area_codes = [a for a in areas if isinstance(a, str)] if isinstance(areas, list) else []
    area_list = "maakunta_1_20240101" if level == "maakuntakaava" else "kunta_1_20240101"
    municipalities = [
        ph.label(area_list, code, path="$.administrativeAreaIdentifiers") for code in area_codes
    ]
    bilingual = any(code in BILINGUAL_MUNICIPALITIES for code in area_codes)
    if matter is not None and not area_codes:
        missing("municipality", "kunta", "kommun", "$.administrativeAreaIdentifiers")
    lifecycle_uri = plan.life_cycle_status
    lifecycle = (
        ph.label("kaavaelinkaari", lifecycle_uri, path="$.lifeCycleStatus")
        if isinstance(lifecycle_uri, str)
        else None
    )
    planners = [p for p in (_operator(op) for op in plan.get("planners", [])) if p]
    if not planners:
        missing("planners", "kaavan laatijat", "planens utarbetare", "$.planners")
    scale = fmt_scale(plan.scale)
    description = plan.plan_description
    paragraphs = (
        [" ".join(p.split()) for p in description.split("\n\n") if p.strip()]
        if isinstance(description, str)
        else []
    )

    dates: list[tuple[str, str]] = []
    if matter is not None and fmt_date(matter.time_of_initiation):
        dates.append(("initiation", fmt_date(matter.time_of_initiation)))  # type: ignore[arg-type]
    if fmt_date(plan.approval_date):
        dates.append(("approval", fmt_date(plan.approval_date)))  # type: ignore[arg-type]
    validity = plan.period_of_validity
    if isinstance(validity, TimePeriodDateOnly):
        text = fmt_period(validity.begin, validity.end)
        if text:
            dates.append(("validity", text))

    # -- bilingual completeness ----------------------------------------------------------
    if bilingual and lang == "fi":
        _check_swedish(plan, matter, warn)

    # -- regulations ----------------------------------------------------------------------
    quantity = _quantity_groups(plan, ph, registry)
    object_counts: dict[str, int] = {}
    members: dict[str, list[str]] = {}  # quantity-only group -> its objects
    for rel in plan.relations():
        gkey = rel.plan_regulation_group_key
        if isinstance(gkey, str):
            object_counts[gkey] = object_counts.get(gkey, 0) + 1
            if gkey in quantity and isinstance(rel.plan_object_key, str):
                members.setdefault(gkey, []).append(rel.plan_object_key)
    classes = [_class_row(cls, ph, registry) for cls in figures.classes]
    class_short = {c["key"]: c["short"] for c in classes}
    quantity_table, in_table = _quantity_table(plan, figures, quantity, members, class_short, ph)
    groups: list[GroupText] = []
    identifiers: dict[str, dict[str, None]] = {}  # label -> values in order (a dict as ordered set)
    seen: dict[tuple[Any, ...], GroupText] = {}
    for gi, group in enumerate(plan.groups()):
        if group.plan_regulation_group_key in in_table:
            continue
        path = f"$.planRegulationGroups[{gi}]"
        regs = [r for r in group.get("plan_regulations", []) if isinstance(r, PlanRegulation)]
        codes = [code_value(r.type) for r in regs]
        recs = [
            r for r in group.get("plan_recommendations", []) if isinstance(r, PlanRecommendation)
        ]
        if regs and not recs and all(c in IDENTIFIER_CODES for c in codes):
            for j, reg in enumerate(regs):
                label = ph.label(
                    "RY_Kaavamaarayslaji", reg.type, path=f"{path}.planRegulations[{j}]"
                )
                value = ph.value(reg.value, path=f"{path}.planRegulations[{j}].value")
                if value:
                    identifiers.setdefault(label, {})[value] = None
            continue
        title = _group_title(group, ph, path)
        texts = [ph.regulation(r, path=f"{path}.planRegulations[{j}]") for j, r in enumerate(regs)]
        rec_texts = [
            ph.recommendation(r, path=f"{path}.planRecommendations[{j}]")
            for j, r in enumerate(recs)
        ]
        letter = group.letter_identifier if isinstance(group.letter_identifier, str) else None
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

    # -- process -----------------------------------------------------------------------------
    events = _events(matter, ph, lang) if matter is not None else []
    cancellations = _cancellations(plan, matter)

    # -- classes, in words (``classes`` above, for the quantity table too) ----------------
    syke_labels = SYKE_LABELS[lang]
    syke_rows = [
        {"letter": row.letter, "label": syke_labels[row.letter], "row": row}
        for row in figures.syke_rows
    ]
    class_names = {c["key"]: c for c in classes}
    blocks = [
        {
            "block": b,
            "classes": ", ".join(class_names[k]["short"] for k in b.class_keys if k in class_names),
        }
        for b in figures.blocks
    ]
    with_floor = [c for c in classes if c["cls"].floor_area]
    main_by_floor = max(with_floor, key=lambda c: c["cls"].floor_area, default=None)

    return {
        "lang": lang,
        "plan": plan,
        "matter": matter,
        "name": name,
        "permanent_id": permanent if isinstance(permanent, str) else None,
        "producer_id": producer if isinstance(producer, str) else None,
        "plan_type": plan_type,
        "plan_level": level,
        "plan_level_inferred": inferred_level,
        "municipalities": municipalities,
        "bilingual": bilingual,
        "lifecycle": lifecycle,
        "planners": planners,
        "scale": scale,
        "description": paragraphs,
        "dates": dates,
        "figures": figures,
        "classes": classes,
        "top_classes": [c for c in classes if c["cls"].area_m2 > 0][:3],
        "main_by_floor": main_by_floor,
        "syke_rows": syke_rows,
        "blocks": blocks,
        "groups": groups,
        "quantity_table": quantity_table,
        "identifiers": sorted(
            (label, sorted(values, key=natural_key)) for label, values in identifiers.items()
        ),
        "general": general,
        "recommendations": recommendations,
        "events": events,
        "cancellations": cancellations,
    }


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


#: Seurantalomake class names, the project's wording of the form's rows.
SYKE_LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "A": "Asuinrakennusten alueet",
        "P": "Palvelurakennusten alueet",
        "Y": "Yleisten rakennusten alueet",
        "C": "Keskustatoimintojen alueet",
        "K": "Liike- ja toimistorakennusten alueet",
        "R": "Loma- ja matkailualueet",
        "L": "Liikennealueet",
        "E": "Erityisalueet",
        "S": "Suojelualueet",
        "M": "Maa- ja metsätalousalueet",
        "V": "Virkistysalueet",
        "T": "Teollisuusalueet",
        "W": "Vesialueet",
    },
    "sv": {
        "A": "Bostadsområden",
        "P": "Områden för servicebyggnader",
        "Y": "Områden för allmänna byggnader",
        "C": "Centrumområden",
        "K": "Områden för affärs- och kontorsbyggnader",
        "R": "Fritids- och turistområden",
        "L": "Trafikområden",
        "E": "Specialområden",
        "S": "Skyddsområden",
        "M": "Jord- och skogsbruksområden",
        "V": "Rekreationsområden",
        "T": "Industriområden",
        "W": "Vattenområden",
    },
}


def _class_row(cls: Any, ph: Phraser, registry: Any) -> dict[str, Any]:
    labels = []
    shorts = []
    for i, code in enumerate(cls.codes):
        label = ph.label("RY_Kaavamaarayslaji", code)
        labels.append(label if i == 0 else lower_first(label))
        found = ph.code("RY_Kaavamaarayslaji", code)
        if found is not None and found.short_name:
            shorts.append(found.short_name)
    label = ", ".join(labels)
    short = "/".join(shorts) if shorts else (", ".join(cls.letter_identifiers) or label)
    return {
        "key": cls.key,
        "cls": cls,
        "label": label,
        "short": short,
        "letters": ", ".join(cls.letter_identifiers),
        "name": f"{label} ({short})" if shorts else label,
    }


def _group_title(
    group: PlanRegulationGroup | GeneralRegulationGroup, ph: Phraser, path: str
) -> str:
    title = group.title_of_plan_regulation
    if isinstance(title, LanguageString) and title.text():
        return ph.text(title, what=ph.words["missing_title"], path=f"{path}.titleOfPlanRegulation")
    return ph.text(None, what=ph.words["missing_title"], path=f"{path}.titleOfPlanRegulation")


def _plan_level(plan_type: Any, registry: Any) -> str | None:
    if not isinstance(plan_type, str):
        return None
    try:
        from ryhti.codelists import plan_level

        return plan_level(plan_type, registry)
    except Exception:
        return None


def _infer_level(plan: Plan) -> str | None:
    """Without a plan matter: an asemakaava if the plan numbers blocks or gives floor areas."""
    ak_codes = {BLOCK_NUMBER, "sallittuKerrosala", "tehokkuusluku", "rakennusala"}
    for group in plan.groups():
        for reg in group.get("plan_regulations", []):
            if isinstance(reg, PlanRegulation) and code_value(reg.type) in ak_codes:
                return "asemakaava"
    return None


def _check_swedish(plan: Plan, matter: PlanMatterCreate | None, warn: WarningLog) -> None:
    """In a bilingual municipality, say which texts still lack Swedish (one warning per kind)."""
    gaps: dict[str, int] = {}

    def look(value: Any, kind: str) -> None:
        if (
            isinstance(value, LanguageString)
            and value.text()
            and not (isinstance(value.swe, str) and value.swe.strip())
        ):
            gaps[kind] = gaps.get(kind, 0) + 1

    if matter is not None:
        look(matter.name, "plan name")
    for group in [*plan.groups(), *plan.general_groups()]:
        look(group.title_of_plan_regulation, "group titles")
        for reg in group.get("plan_regulations", []):
            if isinstance(reg, PlanRegulation):
                look(getattr(reg.value, "text", None), "regulation texts")
        for rec in group.get("plan_recommendations", []):
            if isinstance(rec, PlanRecommendation):
                look(rec.value, "recommendations")
    for kind, count in gaps.items():
        warn.add(
            "bilingual-missing-swedish",
            f"bilingual municipality: {count} {kind} lack Swedish",
            f"kaksikielinen kunta: {count} tekstiltä puuttuu ruotsinkielinen versio ({kind})",
            f"tvåspråkig kommun: {count} texter saknar svensk version ({kind})",
        )


EVENT_WORDS = {
    "fi": {
        "initiation": "Kaava-asia aloitettu",
        "cancelled": "peruttu",
        "validity": "voimaan {date}",
        "decision_maker": "päättäjä: {who}",
    },
    "sv": {
        "initiation": "Planärendet inlett",
        "cancelled": "inställd",
        "validity": "träder i kraft {date}",
        "decision_maker": "beslutsfattare: {who}",
    },
}


def _events(matter: PlanMatterCreate, ph: Phraser, lang: str) -> list[Event]:
    words = EVENT_WORDS[lang]
    out: list[Event] = []
    start = matter.time_of_initiation
    if fmt_date(start):
        out.append(Event(start, fmt_date(start), None, "matter", words["initiation"]))
    for pi, phase in enumerate(matter.phases()):
        path = f"$.planMatterPhases[{pi}]"
        status = (
            ph.label("kaavaelinkaari", phase.life_cycle_status, path=f"{path}.lifeCycleStatus")
            if isinstance(phase.life_cycle_status, str)
            else None
        )
        decision = phase.plan_decision
        if isinstance(decision, PlanDecision):
            when = decision.get("date_of_decision") or decision.get("decision_date")
            details = []
            maker = decision.get("type_of_decision_maker")
            if isinstance(maker, str):
                details.append(
                    words["decision_maker"].format(
                        who=lower_first(
                            ph.label("PaatoksenTekija", maker, path=f"{path}.planDecision")
                        )
                    )
                )
            ident = decision.get("decision_identifier")
            if isinstance(ident, str) and ident.strip():
                details.append(ident.strip())
            if fmt_date(decision.get("date_of_validity")):
                details.append(words["validity"].format(date=fmt_date(decision.date_of_validity)))
            out.append(
                Event(
                    when if isinstance(when, str) else None,
                    fmt_date(when),
                    status,
                    "decision",
                    ph.label("kaavpaatnimi", decision.name, path=f"{path}.planDecision.name"),
                    details,
                )
            )
        handling = phase.handling_event
        if isinstance(handling, HandlingEvent):
            details = [
                t
                for t in (_ls_text(handling.name, lang), _ls_text(handling.description, lang))
                if t
            ]
            out.append(
                Event(
                    handling.event_time if isinstance(handling.event_time, str) else None,
                    fmt_date(handling.event_time),
                    status,
                    "handling",
                    ph.label(
                        "kaavakastap", handling.handling_event_type, path=f"{path}.handlingEvent"
                    ),
                    details,
                    cancelled=handling.cancelled is True,
                )
            )
        for ei, event in enumerate(phase.get("interaction_events", [])):
            if not isinstance(event, InteractionEvent):
                continue
            period = event.event_time
            begin = period.begin if isinstance(period, TimePeriod) else None
            end = period.end if isinstance(period, TimePeriod) else None
            details = [
                t for t in (_ls_text(event.name, lang), _ls_text(event.description, lang)) if t
            ]
            out.append(
                Event(
                    begin[:10] if isinstance(begin, str) else None,
                    fmt_period(begin, end),
                    status,
                    "interaction",
                    ph.label(
                        "RY_KaavanVuorovaikutustapahtumanLaji",
                        event.interaction_event_type,
                        path=f"{path}.interactionEvents[{ei}]",
                    ),
                    details,
                    cancelled=event.cancelled is True,
                )
            )
    order = {"matter": 0, "decision": 1, "handling": 2, "interaction": 3}
    out.sort(key=lambda e: (e.date is None, (e.date or "")[:10], order[e.kind]))
    for event in out:
        if event.cancelled:
            event.details.append(words["cancelled"])
    return out


def _texts(ph: Phraser, values: tuple[Any, ...], path: str) -> list[str]:
    """Names and descriptions of an event: own language, else Finnish with a placeholder."""
    return [
        ph.text(value, path=path)
        for value in values
        if isinstance(value, LanguageString) and value.text()
    ]


def _cancellations(plan: Plan, matter: PlanMatterCreate | None) -> list[dict[str, Any]]:
    infos: list[PlanCancellationInfo] = [
        c for c in plan.get("plan_cancellation_infos", []) if isinstance(c, PlanCancellationInfo)
    ]
    if matter is not None:
        for phase in matter.phases():
            decision = phase.plan_decision
            if isinstance(decision, PlanDecision):
                infos.extend(
                    c
                    for c in decision.get("plan_cancellation_infos", [])
                    if isinstance(c, PlanCancellationInfo)
                )
    out = []
    for info in infos:
        objects = info.get("plan_object_cancellation_infos", [])
        whole = sum(1 for o in objects if getattr(o, "cancels_entire_plan_object", None) is True)
        out.append(
            {
                "uri": info.cancelled_plan_uri
                if isinstance(info.cancelled_plan_uri, str)
                else None,
                "entire": info.cancels_entire_plan is True,
                "objects_whole": whole,
                "objects_part": len(objects) - whole,
                "relations": len(info.get("cancelled_group_relations", [])),
                "general": len(info.get("cancelled_general_regulation_group_uris", [])),
            }
        )
    return out
