"""C007: the handling event's type fits the phase's lifecycle status."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Rule, texts
from ryhti.validators.rules.codes._lifecycle import label, labels, phase_facts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class HandlingEventType(Rule):
    """Each lifecycle status has its handling event: 02 → 04 vireilletulo, 03 → 05/06,
    04 → 07 ehdotuksen nähtäville asettaminen, 06 → 11 (maakuntakaava), 13 → 16
    (maakuntakaava: 04 → 07/08, 05 → 08/09).

    Anti-pattern: a phase in 03 Valmistelu with handling event 11 Kaavan hyväksyminen.

    Best practice: record the event that happened in that phase.
    """

    id = "C007"
    name = "handling-event-type"
    official_ids = (
        "lifecycle__req_codelist_handlingeventtype_codevalue_lifecycle",
        "lifecycle__req_codelist_handlingeventtype_alternative_codevalues_lifecycle",
        "lifecycle__req_codelist_regionalplan_handlingevent_approved_spatialplan",
        "lifecycle__req_codelist_regionalplan_handlingeventtype_lifecycle_05",
    )
    references = ("R-E15",)
    kinds = PHASE_KINDS
    title = "Handling event type does not fit the lifecycle status"
    why = "Syke checks the phase's handling event type against the lifecycle status."
    fix = "Use a handling event type allowed in the phase's lifecycle status."
    messages = texts(
        en="In lifecycle status {status} the handling event must be {allowed}, not {value}.",
        fi="Elinkaaritilassa {status} käsittelytapahtuman lajin tulee olla {allowed}, ei {value}.",
        sv="I livscykelstatus {status} ska handläggningshändelsen vara {allowed}, inte {value}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        relations = ctx.registry.lifecycle_relations
        mk = ctx.plan_level == "maakuntakaava"
        for path, phase in ctx.phases:
            facts = phase_facts(ctx, path, phase)
            status, value = facts["status"], facts["handling_type"]
            if status is None or value is None or status == "08":
                continue  # 08 follows the decision: C009
            allowed = relations.allowed("handling", status, ctx.plan_level)
            if not allowed or value in {c.value for c in allowed}:
                continue
            if mk and status == "06":
                official = self.official_ids[2]
            elif mk and status == "05":
                official = self.official_ids[3]
            else:
                official = self.official_ids[0 if len(allowed) == 1 else 1]
            yield self.finding(
                ctx,
                path=f"{path}.handlingEvent.handlingEventType",
                object_key=facts["handling"].handling_event_key,
                official_id=official,
                status=label(ctx, "kaavaelinkaari", status),
                allowed=labels(ctx, "kaavakastap", allowed),
                value=label(ctx, "kaavakastap", value),
            )
