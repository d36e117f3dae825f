"""L001: up to approval, the plan has its phase's lifecycle status."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Rule, texts
from ryhti.validators.rules.lifecycle._phases import UP_TO_APPROVED, phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class PlanPhaseLifecycle(Rule):
    """In phases 01–06 the plan carried by the phase's decision has the phase's lifecycle status.

    Anti-pattern: phase 04 Kaavaehdotus carrying a plan in 03 Valmistelu.

    Best practice: update the plan's ``lifeCycleStatus`` together with the phase.
    """

    id = "L001"
    name = "plan-phase-lifecycle"
    official_ids = ("lifecycle__req_planusecase_spatialplan_lifecycles_unity",)
    references = ("R-E01",)
    kinds = PHASE_KINDS
    title = "Plan and phase in different lifecycle statuses"
    why = "Until approval the plan is the phase's plan; Syke requires the same status."
    fix = "Give the plan the phase's lifecycle status."
    messages = texts(
        en="The plan is in lifecycle status {plan}, its phase in {phase}.",
        fi="Kaavan elinkaaritila on {plan}, vaiheen {phase}.",
        sv="Planen har livscykelstatus {plan}, dess fas {phase}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            if ph["status"] not in UP_TO_APPROVED:
                continue
            for pc in ph["plan_contexts"]:
                if pc.lifecycle is not None and pc.lifecycle != ph["status"]:
                    yield self.finding(
                        ctx,
                        path=f"{pc.path}.lifeCycleStatus",
                        object_key=pc.plan.plan_key,
                        plan=pc.lifecycle,
                        phase=ph["status"],
                    )
