"""C008: the phases where participation happens record an interaction event."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Rule, texts
from ryhti.validators.rules.codes._lifecycle import label, labels, phase_facts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class InteractionEventsRequired(Rule):
    """In 03 Valmistelu, 04 Kaavaehdotus and 05 Muutettu kaavaehdotus at least one interaction
    event is 01 Nähtävilläolo (maakuntakaava: 01 or 02 Lausuntopyyntö).

    Anti-pattern: a proposal phase (04) without interaction events.

    Best practice: record the public display with its period in ``eventTime``.
    """

    id = "C008"
    name = "interaction-events-required"
    official_ids = (
        "lifecycle__req_interactionevents_codevalue_interactioneventtype",
        "lifecycle__req_interactionevents_codevalue_regionalplan_interactioneventtype",
    )
    references = ("R-E17",)
    kinds = PHASE_KINDS
    title = "Required interaction event missing"
    why = "Participation is part of the statutory process; Syke requires it to be recorded."
    fix = "Add the interaction event (type and time) that took place in the phase."
    messages = texts(
        en="In lifecycle status {status} at least one interaction event must be {required}.",
        fi="Elinkaaritilassa {status} vähintään yhden vuorovaikutustapahtuman lajin tulee olla {required}.",
        sv="I livscykelstatus {status} ska minst en växelverkanshändelse vara {required}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        relations = ctx.registry.lifecycle_relations
        for path, phase in ctx.phases:
            facts = phase_facts(ctx, path, phase)
            status = facts["status"]
            if status is None:
                continue
            required = relations.required("interaction", status, ctx.plan_level)
            if not required:
                continue
            wanted = {c.value for c in required}
            given = {
                ctx.code_value(e.interaction_event_type, "RY_KaavanVuorovaikutustapahtumanLaji")
                for _, e in facts["events"]
            }
            if wanted & given:
                continue
            mk = ctx.plan_level == "maakuntakaava"
            yield self.finding(
                ctx,
                path=f"{path}.interactionEvents",
                official_id=self.official_ids[1 if mk else 0],
                status=label(ctx, "kaavaelinkaari", status),
                required=labels(ctx, "RY_KaavanVuorovaikutustapahtumanLaji", required),
            )
