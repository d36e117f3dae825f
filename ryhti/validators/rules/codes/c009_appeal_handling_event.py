"""C009: in 08 Valituksen alainen the handling event follows the decision."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Localized, Rule, texts
from ryhti.validators.rules.codes._lifecycle import label, phase_facts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


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
        fi="Elinkaaritilassa 08 {problem}.",
        sv="I livscykelstatus 08 {problem}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
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
                    problem=Localized(
                        en="a handling event is not allowed without a decision",
                        fi="käsittelytapahtuma ei ole sallittu ilman päätöstä",
                        sv="är en handläggningshändelse inte tillåten utan beslut",
                    ),
                )
                continue
            if decision is None or facts["decision_name"] is None:
                continue
            expected = relations.handling_for_decision(facts["decision_name"])
            if expected is None:
                continue
            decision_label = label(ctx, "kaavpaatnimi", facts["decision_name"])
            expected_label = label(ctx, "kaavakastap", expected.value)
            found_label = label(ctx, "kaavakastap", facts["handling_type"])
            if handling is None:
                yield self.finding(
                    ctx,
                    path=f"{path}.handlingEvent",
                    official_id=self.official_ids[2],
                    problem=Localized(
                        en=f"the decision {decision_label.en} needs the handling event "
                        f"{expected_label.en}",
                        fi=f"päätös {decision_label.fi} edellyttää käsittelytapahtumaa "
                        f"{expected_label.fi}",
                        sv=f"kräver beslutet {decision_label.sv} handläggningshändelsen "
                        f"{expected_label.sv}",
                    ),
                )
            elif facts["handling_type"] != expected.value:
                yield self.finding(
                    ctx,
                    path=f"{path}.handlingEvent.handlingEventType",
                    object_key=handling.handling_event_key,
                    official_id=self.official_ids[0],
                    problem=Localized(
                        en=f"the handling event must be {expected_label.en} to match the "
                        f"decision, not {found_label.en}",
                        fi=f"käsittelytapahtuman tulee olla {expected_label.fi} päätöksen "
                        f"mukaisesti, ei {found_label.fi}",
                        sv=f"ska handläggningshändelsen vara {expected_label.sv} enligt beslutet, "
                        f"inte {found_label.sv}",
                    ),
                )
