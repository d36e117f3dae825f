"""The planning process in the description: stage, timeline, OAS and cancelled plans.

A plan matter records each step twice when a body decides and the office then acts on
the decision (the board's decision to put the proposal on display, and the display
being set up): the decision (``kaavpaatnimi``) and the handling event (``kaavakastap``)
of a phase name the same step. A planner writes one line for it, so
:func:`process_events` merges them (the decision's date leads, the handling date follows
when it differs). Dates are Helsinki dates (:mod:`ryhti.generators.fmt`).

The words a planner uses are not the data model's: the stage in the page header is
LUONNOS / EHDOTUS / HYVÄKSYTTY (:func:`stage_word`), a phase is *Ehdotusvaihe*, not
"Elinkaaren tila: Kaavaehdotus", and the kind of decision maker
("Monijäseninen päätöksentekoelin") is never printed: the decision's identifier names
the body ("Kaupunkisuunnittelulautakunta 10.3.2025 § 42").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ryhti.generators.fmt import fmt_date, fmt_period, helsinki_date
from ryhti.generators.landuse import code_value
from ryhti.generators.phrases import MODEL_LANG, Phraser
from ryhti.model import (
    HandlingEvent,
    InteractionEvent,
    LanguageString,
    PlanCancellationInfo,
    PlanDecision,
    PlanMatterCreate,
    TimePeriod,
)
from ryhti.model.plan import Plan

__all__ = [
    "Event",
    "cancellations",
    "is_plan_change",
    "oas_documents",
    "phase_name",
    "process_events",
    "process_summary",
    "stage_word",
]

#: The stage printed in the page header, by lifecycle code (kaavaelinkaari).
STAGE_OF_LIFECYCLE: dict[str, str] = {
    "01": "draft",
    "02": "draft",
    "03": "draft",
    "04": "proposal",
    "05": "proposal",
    **{code: "approved" for code in ("06", "07", "08", "09", "10", "11", "12", "13")},
}
STAGE_WORDS: dict[str, dict[str, str]] = {
    "fi": {"draft": "LUONNOS", "proposal": "EHDOTUS", "approved": "HYVÄKSYTTY"},
    "sv": {"draft": "UTKAST", "proposal": "FÖRSLAG", "approved": "GODKÄND"},
}

#: What a planner calls the phase a lifecycle code stands for (the timeline's column).
PHASE_NAMES: dict[str, dict[str, str]] = {
    "fi": {
        "01": "Kaavoitusaloite",
        "02": "Vireilletulo",
        "03": "Valmisteluvaihe",
        "04": "Ehdotusvaihe",
        "05": "Muutettu ehdotus",
        "06": "Hyväksyminen",
        "07": "Muutoksenhaku",
        "08": "Muutoksenhaku",
        "09": "Muutoksenhaku",
        "10": "Voimaantulo",
        "11": "Voimaantulo",
        "12": "Lainvoima",
        "13": "Voimaantulo",
    },
    "sv": {
        "01": "Planläggningsinitiativ",
        "02": "Anhängiggörande",
        "03": "Beredningsskede",
        "04": "Förslagsskede",
        "05": "Ändrat förslag",
        "06": "Godkännande",
        "07": "Ändringssökande",
        "08": "Ändringssökande",
        "09": "Ändringssökande",
        "10": "Ikraftträdande",
        "11": "Ikraftträdande",
        "12": "Laga kraft",
        "13": "Ikraftträdande",
    },
}

#: Decision name (kaavpaatnimi) -> the handling event (kaavakastap) of the same step.
SAME_STEP: dict[str, str] = {
    "01": "01",
    "02": "02",
    "03": "03",
    "04": "05",
    "05": "06",
    "06": "06",
    "08": "07",
    "09": "09",
    "10": "10",
    "11A": "11",
    "11B": "11",
    "12": "12",
    "13": "13",
    "14": "14",
    "15": "14",
    "16": "15",
    "17": "17",
}

#: Decision names (kaavpaatnimi) and handling events (kaavakastap) the summary names.
OAS_STEPS = {("decision", "04"), ("handling", "05")}
DRAFT_STEPS = {("decision", "05"), ("decision", "06"), ("handling", "06")}
PROPOSAL_STEPS = {("decision", "08"), ("decision", "09"), ("handling", "07"), ("handling", "09")}
APPROVAL_STEPS = {("decision", "11A"), ("decision", "11B"), ("decision", "12"), ("handling", "11")}

WORDS: dict[str, dict[str, str]] = {
    "fi": {
        "initiation": "Kaava-asia aloitettu",
        "cancelled": "peruttu",
        "validity": "voimaan {date}",
        "handled": "toteutettu {date}",
    },
    "sv": {
        "initiation": "Planärendet inlett",
        "cancelled": "inställd",
        "validity": "träder i kraft {date}",
        "handled": "verkställt {date}",
    },
}


def stage_word(lifecycle: Any, lang: str) -> str | None:
    """LUONNOS / EHDOTUS / HYVÄKSYTTY (UTKAST / FÖRSLAG / GODKÄND) of a lifecycle code."""
    stage = STAGE_OF_LIFECYCLE.get(code_value(lifecycle) or "")
    return STAGE_WORDS[lang][stage] if stage else None


def phase_name(lifecycle: Any, lang: str, ph: Phraser, path: str = "$") -> str | None:
    """The phase a lifecycle code stands for, in a planner's words (else the code's label)."""
    if not isinstance(lifecycle, str):
        return None
    own = PHASE_NAMES[lang].get(code_value(lifecycle) or "")
    return own or ph.label("kaavaelinkaari", lifecycle, path=path)


@dataclass(slots=True)
class Event:
    """One line of the process timeline.

    ``date`` is the Helsinki date in ISO form (for sorting), ``date_text`` as printed;
    ``kind`` one of ``matter``, ``decision``, ``handling``, ``interaction``; ``code`` the
    decision's, handling event's or interaction's code value.
    """

    date: str | None
    date_text: str | None
    phase: str | None
    kind: str
    label: str
    details: list[str] = field(default_factory=list)
    cancelled: bool = False
    code: str | None = None
    lifecycle: str | None = None
    #: The handling event's date when it was merged into this decision (the step done).
    handled: str | None = None


def _iso(value: Any) -> str | None:
    day = helsinki_date(value)
    return day.isoformat() if day is not None else None


def _texts(value: Any, lang: str) -> str | None:
    if not isinstance(value, LanguageString):
        return None
    own = getattr(value, MODEL_LANG[lang], None)
    return " ".join(own.split()) if isinstance(own, str) and own.strip() else None


def process_events(matter: PlanMatterCreate, ph: Phraser, lang: str) -> list[Event]:
    """The timeline of the plan matter, a decision and the handling of the same step merged."""
    words = WORDS[lang]
    out: list[Event] = []
    start = matter.time_of_initiation
    if fmt_date(start):
        out.append(Event(_iso(start), fmt_date(start), None, "matter", words["initiation"]))
    for pi, phase in enumerate(matter.phases()):
        path = f"$.planMatterPhases[{pi}]"
        name = phase_name(phase.life_cycle_status, lang, ph, f"{path}.lifeCycleStatus")
        life = code_value(phase.life_cycle_status)
        merged: Event | None = None
        decision = phase.plan_decision
        if isinstance(decision, PlanDecision):
            when = decision.get("date_of_decision") or decision.get("decision_date")
            details = []
            ident = decision.get("decision_identifier")
            if isinstance(ident, str) and ident.strip():
                details.append(ident.strip())
            if fmt_date(decision.get("date_of_validity")):
                details.append(words["validity"].format(date=fmt_date(decision.date_of_validity)))
            merged = Event(
                _iso(when),
                fmt_date(when),
                name,
                "decision",
                ph.label("kaavpaatnimi", decision.name, path=f"{path}.planDecision.name"),
                details,
                code=code_value(decision.name),
                lifecycle=life,
            )
            out.append(merged)
        handling = phase.handling_event
        if isinstance(handling, HandlingEvent):
            code = code_value(handling.handling_event_type)
            details = [
                t for t in (_texts(handling.name, lang), _texts(handling.description, lang)) if t
            ]
            if (
                merged is not None
                and code is not None
                and SAME_STEP.get(merged.code or "") == code
                and not handling.cancelled
            ):
                shown = fmt_date(handling.event_time)
                merged.handled = shown
                if shown and shown != merged.date_text:
                    merged.details.append(words["handled"].format(date=shown))
                merged.details.extend(d for d in details if d not in merged.details)
                if merged.date is None:
                    merged.date, merged.date_text = _iso(handling.event_time), shown
            else:
                out.append(
                    Event(
                        _iso(handling.event_time),
                        fmt_date(handling.event_time),
                        name,
                        "handling",
                        ph.label(
                            "kaavakastap",
                            handling.handling_event_type,
                            path=f"{path}.handlingEvent",
                        ),
                        details,
                        cancelled=handling.cancelled is True,
                        code=code,
                        lifecycle=life,
                    )
                )
        for ei, event in enumerate(phase.get("interaction_events", [])):
            if not isinstance(event, InteractionEvent):
                continue
            period = event.event_time
            begin = period.begin if isinstance(period, TimePeriod) else None
            end = period.end if isinstance(period, TimePeriod) else None
            details = [t for t in (_texts(event.name, lang), _texts(event.description, lang)) if t]
            out.append(
                Event(
                    _iso(begin),
                    fmt_period(begin, end),
                    name,
                    "interaction",
                    ph.label(
                        "RY_KaavanVuorovaikutustapahtumanLaji",
                        event.interaction_event_type,
                        path=f"{path}.interactionEvents[{ei}]",
                    ),
                    details,
                    cancelled=event.cancelled is True,
                    code=code_value(event.interaction_event_type),
                    lifecycle=life,
                )
            )
    # The matter's start and its vireilletulo on the same day are one step, said once.
    start_iso = _iso(start)
    if any(e.kind == "handling" and e.code == "04" and e.date == start_iso for e in out):
        out = [e for e in out if e.kind != "matter"]
    order = {"matter": 0, "decision": 1, "handling": 2, "interaction": 3}
    out.sort(key=lambda e: (e.date is None, e.date or "", order[e.kind]))
    for event in out:
        if event.cancelled:
            event.details.append(words["cancelled"])
    return out


#: Lifecycle codes (kaavaelinkaari) of the phases whose public display the summary names.
DISPLAY_PHASES = {"oas": ("01", "02"), "draft": ("03",), "proposal": ("04", "05")}


def process_summary(events: list[Event]) -> dict[str, str | None]:
    """The dates the summary names: initiation, OAS, draft, proposal, approval.

    A display is said by its period when the matter has one (the *Nähtävilläolo* of the
    phase: ``26.10.2026–24.11.2026``), else by the decision or handling of that step.
    Cancelled events are left out; every key is present (``None``: not in the matter).
    """
    out: dict[str, str | None] = {}
    live = [e for e in events if not e.cancelled and e.date_text]
    for name, phases in DISPLAY_PHASES.items():
        for event in live:
            if event.kind == "interaction" and event.code == "01" and event.lifecycle in phases:
                out.setdefault(name, event.date_text)
    for event in live:
        step = (event.kind, event.code)
        for name, steps in (
            ("oas", OAS_STEPS),
            ("draft", DRAFT_STEPS),
            ("proposal", PROPOSAL_STEPS),
            ("approval", APPROVAL_STEPS),
        ):
            if step in steps:
                out.setdefault(name, event.handled or event.date_text)
        if event.kind == "matter" or (event.kind == "handling" and event.code == "04"):
            out.setdefault("initiation", event.date_text)
    for key in ("initiation", "oas", "draft", "proposal", "approval"):
        out.setdefault(key, None)
    return out


#: The decisions that approve the plan (kaavpaatnimi): the seurantalomake's approver is theirs.
APPROVAL_DECISIONS = ("11A", "11B", "12")

#: "Kaupunginvaltuusto 12.10.2026 § 87": the body before the date, the section after it.
#: The identifier's spaces are collapsed first, so one space stands before the date (a
#: ``\s+`` here would be quadratic on a long run of spaces).
_IDENT_DATE = re.compile(r" \d{1,2}\.\d{1,2}\.\d{4}\b")
_IDENT_SECTION = re.compile(r"§\s*\d+[a-z]?")


def approval_record(matter: PlanMatterCreate | None, lang: str) -> dict[str, str | None]:
    """Who approved the plan and in which section: the seurantalomake's *Hyväksyjä* and
    *Hyväksymispykälä* rows.

    Read from the matter's approving decision (11A, 11B, 12; the last one): the decision
    makers' names, else the body its identifier names ("Kaupunginvaltuusto 12.10.2026 § 87");
    the section from the decision's article, else from its identifier. The code list's kind of
    decision maker ("monijäseninen päätöksentekoelin") names no one, so it is never printed.
    ``approved`` says whether there is such a decision at all: without one both rows are
    "–", with one a missing fact is a placeholder for the planner.
    """
    out: dict[str, str | None] = {"approved": None, "maker": None, "section": None}
    decision = None
    for phase in matter.phases() if matter is not None else []:
        found = phase.plan_decision
        if isinstance(found, PlanDecision) and code_value(found.name) in APPROVAL_DECISIONS:
            decision = found
    if decision is None:
        return out
    out["approved"] = "yes"
    names = []
    for op in decision.get("decision_makers") or []:
        name = op.get("organization_name") or " ".join(
            s for s in (op.get("first_name"), op.get("last_name")) if s
        )
        if name:
            names.append(" ".join(str(name).split()))
    ident = decision.get("decision_identifier")
    ident = " ".join(ident.split()) if isinstance(ident, str) else ""
    if names:
        out["maker"] = ", ".join(dict.fromkeys(names))
    elif ident:
        body = _IDENT_DATE.split(_IDENT_SECTION.split(ident)[0])[0].strip(" ,;")
        out["maker"] = body if body and not body[0].isdigit() else None
    article = _texts(decision.get("decision_article"), lang)
    section = _IDENT_SECTION.search(article or "") or _IDENT_SECTION.search(ident)
    out["section"] = section.group(0) if section else article
    return out


def oas_documents(matter: PlanMatterCreate | None, lang: str) -> list[dict[str, str | None]]:
    """The participation and assessment scheme's documents: name, identifier and date."""
    if matter is None:
        return []
    scheme = matter.get("participation_and_assessment_scheme")
    docs = scheme.get("attachment_documents", []) if scheme is not None else []
    out = []
    for doc in docs if isinstance(docs, list) else []:
        name = doc.get("name")
        text = _texts(name, lang) or (name.text() if isinstance(name, LanguageString) else None)
        ident = doc.get("document_identifier")
        out.append(
            {
                "name": text,
                "identifier": ident if isinstance(ident, str) else None,
                "date": fmt_date(doc.get("document_date")),
            }
        )
    return out


def cancellations(plan: Plan, matter: PlanMatterCreate | None) -> list[dict[str, Any]]:
    """The plans this plan cancels, with how much of each (whole plan, objects, groups)."""
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


#: Words in a plan's name that say it changes an earlier plan.
CHANGE_WORDS = ("muutos", "muuttaminen", "ändring")


def is_plan_change(matter: PlanMatterCreate | None, same_level_in_force: bool) -> bool:
    """Whether the plan changes an earlier plan of its own level.

    The name says so (``asemakaavan muutos`` / ``detaljplaneändring``), or the background
    data found a plan of the same level in force on the area.
    """
    if matter is not None and isinstance(matter.name, LanguageString):
        for lang_key in ("fin", "swe"):
            text = getattr(matter.name, lang_key, None)
            if isinstance(text, str) and any(w in text.casefold() for w in CHANGE_WORDS):
                return True
    return same_level_in_force
