"""What the plan description says: plan data, figures and phrases gathered for the templates.

:func:`build_context` turns a plan (with its plan matter, background data, alternatives
and the plans in force, when given) into plain values the Jinja2 templates lay out:
identification facts, the figures of :mod:`ryhti.generators.figures` and
:mod:`ryhti.generators.dimensioning`, the regulations in words
(:mod:`ryhti.generators.regulation_text`), the process
(:mod:`ryhti.generators.process`) and the starting points
(:mod:`ryhti.generators.starting_points`). Facts the data lacks stay ``None`` so the
template can show a placeholder; each such gap is also logged as a warning, so a
planner running the CLI sees the list of things to complete without reading the draft.
Facts the data has are shown, never asked for: the plan's purpose is the plan matter's
description, the preparer its responsible party.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ryhti.background import BackgroundData
from ryhti.generators.dimensioning import (
    DEFAULT_KM2_PER_RESIDENT,
    Dimensioning,
    area_decimals,
    change_against,
    compare_dimensioning,
    dimensioning,
    plan_in_force_figures,
)
from ryhti.generators.figures import BLOCK_NUMBER, PlanFigures, code_value
from ryhti.generators.notes import WarningLog
from ryhti.generators.phrases import (
    MODEL_LANG,
    Phraser,
    fmt_date,
    fmt_period,
    fmt_scale,
    lower_first,
)
from ryhti.generators.process import (
    approval_record,
    cancellations,
    is_plan_change,
    oas_documents,
    phase_name,
    process_events,
    process_summary,
    stage_word,
)
from ryhti.generators.regulation_text import regulation_chapter
from ryhti.generators.starting_points import (
    plans_text,
    population_text,
    sites_text,
    sources_text,
    theme_text,
)
from ryhti.model import (
    LanguageString,
    PlanMatterCreate,
    PlanOperator,
    PlanRecommendation,
    PlanRegulation,
    TimePeriodDateOnly,
)
from ryhti.model.plan import Plan

__all__ = ["BILINGUAL_MUNICIPALITIES", "SYKE_LABELS", "build_context"]

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

#: Seurantalomake main classes by letter, as the form's rows name them.
SYKE_LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "A": "Asuinrakennusten korttelialueet",
        "P": "Palvelurakennusten korttelialueet",
        "Y": "Yleisten rakennusten korttelialueet",
        "C": "Keskustatoimintojen korttelialueet",
        "K": "Liike- ja toimistorakennusten korttelialueet",
        "T": "Teollisuus- ja varastorakennusten korttelialueet",
        "V": "Virkistysalueet",
        "R": "Loma- ja matkailualueet",
        "L": "Liikennealueet",
        "E": "Erityisalueet",
        "S": "Suojelualueet",
        "M": "Maa- ja metsätalousalueet",
        "W": "Vesialueet",
    },
    "sv": {
        "A": "Kvartersområden för bostadshus",
        "P": "Kvartersområden för servicebyggnader",
        "Y": "Kvartersområden för allmänna byggnader",
        "C": "Kvartersområden för centrumfunktioner",
        "K": "Kvartersområden för affärs- och kontorsbyggnader",
        "T": "Kvartersområden för industri- och lagerbyggnader",
        "V": "Rekreationsområden",
        "R": "Områden för fritid och turism",
        "L": "Trafikområden",
        "E": "Specialområden",
        "S": "Skyddsområden",
        "M": "Jord- och skogsbruksområden",
        "W": "Vattenområden",
    },
}


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


def _paragraphs(text: str | None) -> list[str]:
    if not isinstance(text, str):
        return []
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def build_context(
    plan: Plan,
    figures: PlanFigures,
    *,
    matter: PlanMatterCreate | None = None,
    lang: str = "fi",
    registry: Any = None,
    warn: WarningLog | None = None,
    background: BackgroundData | None = None,
    alternatives: Sequence[tuple[str, Plan]] = (),
    in_force: Sequence[Plan] | None = None,
    km2_per_resident: float = DEFAULT_KM2_PER_RESIDENT,
) -> dict[str, Any]:
    """Everything the templates need, as plain values (see the module docstring).

    ``background``: chapter 3 is written from it (without it, a skeleton of prompts);
    ``alternatives``: (name, plan) pairs compared with the plan in chapter 4;
    ``in_force``: the plans in force on the area, for the seurantalomake's change
    columns (``None``: not known; with background data that found no plan of the
    plan's level, the whole area counts as new).
    """
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
    phase = phase_name(lifecycle_uri, lang, ph, "$.lifeCycleStatus")
    planners = [p for p in (_operator(op) for op in plan.get("planners", [])) if p]
    organisation = _operator(matter.get("responsible_party")) if matter is not None else None
    if not planners and not organisation:
        missing("planners", "kaavan laatijat", "planens utarbetare", "$.planners")
    purpose = _paragraphs(_ls_text(matter.get("description"), lang)) if matter else []
    if matter is not None and not purpose and _ls_text(matter.get("description"), "fi"):
        purpose = [ph.text(matter.description, path="$.description")]
    for paragraph in _paragraphs(plan.plan_description):
        if paragraph not in purpose:
            purpose.append(paragraph)

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

    if bilingual and lang == "fi":
        _check_swedish(plan, matter, warn)

    # -- figures in words ---------------------------------------------------------------
    groups_by_key = {g.plan_regulation_group_key: g for g in plan.groups()}
    classes = [_class_row(cls, groups_by_key, ph) for cls in figures.classes]
    class_short = {c["key"]: c["short"] for c in classes}
    regulations = regulation_chapter(plan, figures, ph, registry, class_short)
    syke_rows = [
        {"letter": row.letter, "label": SYKE_LABELS[lang][row.letter], "row": row}
        for row in figures.syke_rows
    ]
    blocks = [
        {
            "block": b,
            "classes": ", ".join(class_short[k] for k in b.class_keys if k in class_short),
        }
        for b in figures.blocks
    ]
    blocks_of: dict[str, list[str]] = {}
    for b in figures.blocks:
        for k in b.class_keys if b.number is not None else ():
            blocks_of.setdefault(k, []).append(b.number)  # type: ignore[arg-type]
    for c in classes:
        c["blocks"] = blocks_of.get(c["key"], [])
    with_floor = [c for c in classes if c["cls"].floor_area]
    main_by_floor = max(with_floor, key=lambda c: c["cls"].floor_area, default=None)
    dims = dimensioning(plan, figures, registry=registry, km2_per_resident=km2_per_resident)

    # -- plans in force and alternatives ------------------------------------------------
    same_level = bool(
        background is not None
        and "plans" in background.gathered
        and any(p.level == level for p in background.plans_in_force)
    )
    old_dims: list[Dimensioning] | None = None
    covered: float | None = None
    if in_force:
        old_figures, covered = plan_in_force_figures(plan, in_force, registry=registry)
        old_dims = [
            dimensioning(old, f, registry=registry, km2_per_resident=km2_per_resident)
            for old, f in zip(in_force, old_figures, strict=True)
        ]
    elif background is not None and "plans" in background.gathered and not same_level:
        old_dims, covered = [], 0.0
    change = change_against(dims, old_dims, covered_m2=covered)
    if change.known and change.changed_area_m2 is None and background is not None:
        change.changed_area_m2 = _covered_share(background, level, dims.plan_area_m2)
        if change.changed_area_m2 is not None and dims.plan_area_m2 is not None:
            change.new_area_m2 = dims.plan_area_m2 - change.changed_area_m2
    comparison = None
    if alternatives:
        items = [(name or "", dims)]
        for alt_name, alt in alternatives:
            items.append(
                (alt_name, dimensioning(alt, registry=registry, km2_per_resident=km2_per_resident))
            )
        comparison = compare_dimensioning(items)

    # -- process ------------------------------------------------------------------------
    events = process_events(matter, ph, lang) if matter is not None else []
    cancelled = cancellations(plan, matter)
    change_plan = level == "asemakaava" and is_plan_change(matter, same_level)
    if change_plan and not cancelled:
        warn.add(
            "no-cancellations",
            "the plan changes an earlier plan but says nothing of what it cancels "
            "(planCancellationInfos)",
            "kaava muuttaa aiempaa kaavaa, mutta kumottavien kaavojen tiedot "
            "(planCancellationInfos) puuttuvat",
            "planen ändrar en tidigare plan men uppgifterna om vad den upphäver "
            "(planCancellationInfos) saknas",
            path="$.planCancellationInfos",
        )

    # -- starting points (chapter 3) ---------------------------------------------------
    decimals = area_decimals(figures)
    start = {
        "plans": {lvl: plans_text(background, lvl, lang) for lvl in _levels_for(level)},
        "themes": {
            t: theme_text(background, t, lang, decimals)
            for t in ("natura", "suojelualue", "pohjavesi", "tulva", "rky")
        },
        "sites": {
            t: sites_text(background, t, lang) for t in ("muinaisjaannos", "suojeltu_rakennus")
        },
        "population": population_text(background, lang),
        "basemap": sources_text(background, lang, "11"),
        "sources": sources_text(background, lang) or [],
    }

    return {
        "lang": lang,
        "plan": plan,
        "matter": matter,
        "name": name,
        "permanent_id": permanent if isinstance(permanent, str) and permanent else None,
        "municipal_id": producer if isinstance(producer, str) and producer else None,
        "plan_type": plan_type,
        "plan_level": level,
        "plan_level_inferred": inferred_level,
        "municipalities": municipalities,
        "bilingual": bilingual,
        "phase": phase,
        "stage": stage_word(lifecycle_uri, lang),
        "planners": planners,
        "organisation": organisation,
        "scale": fmt_scale(plan.scale),
        "purpose": purpose,
        "dates": dates,
        "figures": figures,
        "dims": dims,
        "area_decimals": decimals,
        "classes": classes,
        "top_classes": [c for c in classes if c["cls"].area_m2 > 0][:3],
        "main_by_floor": main_by_floor,
        "syke_rows": syke_rows,
        "blocks": blocks,
        "groups": regulations.groups,
        "quantity_table": regulations.quantity_table,
        "numbers": regulations.numbers,
        "names": regulations.names,
        "general": regulations.general,
        "recommendations": regulations.recommendations,
        "disturbances": regulations.disturbances,
        "events": events,
        "milestones": process_summary(events),
        "approval": approval_record(matter, lang),
        "oas": oas_documents(matter, lang),
        "cancellations": cancelled,
        "plan_change": change_plan,
        "change": change,
        "comparison": comparison,
        "background": background,
        "start": start,
    }


def _levels_for(level: str | None) -> tuple[str, ...]:
    """The levels of plans in force a description of ``level`` speaks of."""
    if level == "maakuntakaava":
        return ("maakuntakaava",)
    if level == "yleiskaava":
        return ("maakuntakaava", "yleiskaava", "asemakaava")
    return ("maakuntakaava", "yleiskaava", "asemakaava")


def _covered_share(
    background: BackgroundData, level: str | None, plan_area: float | None
) -> float | None:
    """The plan area under plans in force of the plan's level, from their designations."""
    if plan_area is None:
        return None
    shares = [
        share
        for p in background.plans_in_force
        if p.level == level
        for _, _, _, share in p.designations
    ]
    if not shares:
        return None
    return min(1.0, sum(shares)) * plan_area


def _class_row(cls: Any, by_key: dict[str, Any], ph: Phraser) -> dict[str, Any]:
    """A land-use class named as the plan names it: its groups' own title and letters
    (``Asuinkerrostalojen korttelialue (AK-1, AK-2)``), the code list's label only
    when the plan gives none or its groups disagree."""
    labels = []
    shorts = []
    for i, code in enumerate(cls.codes):
        label = ph.label("RY_Kaavamaarayslaji", code)
        labels.append(label if i == 0 else lower_first(label))
        found = ph.code("RY_Kaavamaarayslaji", code)
        if found is not None and found.short_name:
            shorts.append(found.short_name)
    code_label = ", ".join(labels)
    titles = []
    for gkey in cls.group_keys:
        group = by_key.get(gkey)
        title = group.title_of_plan_regulation if group is not None else None
        text = _ls_text(title, ph.lang) if isinstance(title, LanguageString) else None
        if text and text not in titles:
            titles.append(text)
    own_title = titles[0] if len(titles) == 1 else None
    letters = ", ".join(cls.letter_identifiers)
    short = letters or ("/".join(shorts) if shorts else code_label)
    label = own_title or code_label
    tag = letters or ("/".join(shorts) if shorts else "")
    return {
        "key": cls.key,
        "cls": cls,
        "label": label,
        "code_label": code_label,
        "short": short,
        "letters": letters,
        "name": f"{label} ({tag})" if tag else label,
    }


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
