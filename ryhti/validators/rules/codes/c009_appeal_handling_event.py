"""C009: in 08 Valituksen alainen the handling event follows the decision."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Rule, texts
from ryhti.validators.rules.codes._lifecycle import label, phase_facts


class AppealHandlingEvent(Rule):
    """A phase in 08 Valituksen alainen has a handling event only with a decision, and then
    the event's type corresponds to the decision (same Finnish name, e.g. decision 13 ↔
    handling event 13).

    Anti-pattern: phase 08 with handling event 16 but no decision.

    Best practice: phase 08 with decision 13 (voimaan kuuluttaminen) and handling event 13.
    """

    id = "C009"
    name = "appeal-handling-event"
    official_ids = (
        "lifecycle__req_planmatterdecision_name_handleevent_type_mismatch_subject_appeal_lifecycle",
        "lifecycle__req_handlingevent_without_planmatterdecision_not_allowed_appeal_lifecycle",
        "lifecycle__req_only_one_planmatterdecision_handleevent_instance_allowed_subject_appeal_lifecycle",
    )
    references = ("R-E16",)
    kinds = PHASE_KINDS
    title = "Handling event does not match the decision under appeal"
    why = "Under appeal (08) Syke pairs the handling event with the decision one to one."
    fix = "Give the handling event the type that corresponds to the decision, or remove it."
    messages = texts(
        en="In lifecycle status 08 {problem}.",
        fi="Elinkaaritilassa 08 {problem_fi}.",
        sv="I livscykelstatus 08 {problem}.",
    )

    def check(self, ctx: Any) -> Iterator[Finding]:
        relations = ctx.registry.lifecycle_relations
        for path, phase in ctx.phases:
            facts = phase_facts(ctx, path, phase)
            if facts["status"] != "08":
                continue
            handling, decision = facts["handling"], facts["decision"]
            if handling is not None and decision is None:
                yield self.finding(
                    ctx,
                    path=f"{path}.handlingEvent",
                    object_key=handling.handling_event_key,
                    official_id=self.official_ids[1],
                    problem="a handling event is not allowed without a decision",
                    problem_fi="käsittelytapahtuma ei ole sallittu ilman päätöstä",
                )
                continue
            if decision is None or facts["decision_name"] is None:
                continue
            expected = relations.handling_for_decision(facts["decision_name"])
            if expected is None:
                continue
            if handling is None:
                yield self.finding(
                    ctx,
                    path=f"{path}.handlingEvent",
                    official_id=self.official_ids[2],
                    problem=(
                        f"the decision {label(ctx, 'kaavpaatnimi', facts['decision_name'])} needs "
                        f"the handling event {label(ctx, 'kaavakastap', expected.value)}"
                    ),
                    problem_fi=(
                        f"päätös {label(ctx, 'kaavpaatnimi', facts['decision_name'])} edellyttää "
                        f"käsittelytapahtumaa {label(ctx, 'kaavakastap', expected.value)}"
                    ),
                )
            elif facts["handling_type"] != expected.value:
                yield self.finding(
                    ctx,
                    path=f"{path}.handlingEvent.handlingEventType",
                    object_key=handling.handling_event_key,
                    official_id=self.official_ids[0],
                    problem=(
                        f"the handling event must be {label(ctx, 'kaavakastap', expected.value)} "
                        f"to match the decision, not {label(ctx, 'kaavakastap', facts['handling_type'])}"
                    ),
                    problem_fi=(
                        f"käsittelytapahtuman tulee olla {label(ctx, 'kaavakastap', expected.value)} "
                        f"päätöksen mukaisesti, ei {label(ctx, 'kaavakastap', facts['handling_type'])}"
                    ),
                )
