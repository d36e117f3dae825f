"""Shared helpers of the lifecycle ↔ decision ↔ event rules."""

from __future__ import annotations

from typing import Any

from ryhti.model import HandlingEvent, InteractionEvent, PlanDecision
from ryhti.validators.rule import Localized


def phase_facts(ctx: Any, path: str, phase: Any) -> dict[str, Any]:
    """Lifecycle value, decision (with name) and events of a phase."""
    decision = phase.plan_decision if isinstance(phase.plan_decision, PlanDecision) else None
    handling = phase.handling_event if isinstance(phase.handling_event, HandlingEvent) else None
    events = (
        [
            (f"{path}.interactionEvents[{i}]", e)
            for i, e in enumerate(phase.interaction_events or [])
            if isinstance(e, InteractionEvent)
        ]
        if isinstance(phase.interaction_events, list)
        else []
    )
    return {
        "status": ctx.code_value(phase.life_cycle_status, "kaavaelinkaari"),
        "decision": decision,
        "decision_name": ctx.code_value(decision.name, "kaavpaatnimi") if decision else None,
        "handling": handling,
        "handling_type": ctx.code_value(handling.handling_event_type, "kaavakastap")
        if handling
        else None,
        "events": events,
    }


def label(ctx: Any, list_id: str, value: str | None) -> Localized:
    """``04 Kaavaehdotus`` / ``04 Planförslag`` / ``04 Plan proposal`` for the messages: the
    code list's label in each language (Finnish where a language has none; the value alone
    when the code is unknown)."""
    if value is None:
        return Localized(en="—", fi="—", sv="—")
    code_list = ctx.registry.get(list_id)
    code = code_list.get(value) if code_list is not None else None

    def worded(lang: str) -> str:
        text = code.label(lang) or code.label("fi") if code is not None else None
        return f"{value} {text}" if text else value

    return Localized(en=worded("en"), fi=worded("fi"), sv=worded("sv"))


def labels(ctx: Any, list_id: str, codes: Any) -> Localized:
    """Several codes for the messages, joined with ' / ' in each language."""
    each = [label(ctx, list_id, c.value if hasattr(c, "value") else c) for c in codes]
    return Localized(
        en=" / ".join(x.en for x in each),
        fi=" / ".join(x.fi for x in each),
        sv=" / ".join(x.sv for x in each),
    )
