"""L008: phases that must carry the plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Localized, Rule, texts
from ryhti.validators.rules.lifecycle._phases import has_cancellations, phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class PlanRequired(Rule):
    """Phases 04, 05, 06, 12 and 13 carry the plan in their decision; 08 does when the
    decision is 12 or 13. (A phase in 13 whose decision partly repeals the plan carries none.)

    Anti-pattern: an approval phase (06) whose decision has no ``plans``.

    Best practice: the proposal and every decision on it carry the plan as data.
    """

    id = "L008"
    name = "plan-required"
    official_ids = (
        "lifecycle__req_spatialplan_not_null_lifecycle",
        "lifecycle__req_plan_class_mandatory_subject_appeal_lifecycle",
    )
    references = ("R-E08",)
    kinds = PHASE_KINDS
    title = "Plan missing from a phase that requires it"
    why = "From the proposal on, RYHTI stores the plan as data with each phase."
    fix = "Add the plan to the phase's decision."
    messages = texts(
        en="A plan is required in lifecycle status {status}{detail}.",
        fi="Kaava on pakollinen elinkaaritilassa {status}{detail}.",
        sv="En plan krävs i livscykelstatus {status}{detail}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            if ph["plans"]:
                continue
            status = ph["status"]
            path = f"{ph['path']}.planDecision" if ph["decision"] else ph["path"]
            if status in ("04", "05", "06", "12", "13"):
                if status == "13" and has_cancellations(ph["decision"]):
                    continue
                yield self.finding(ctx, path=path, status=status, detail="")
            elif status == "08" and ph["decision_name"] in ("12", "13"):
                yield self.finding(
                    ctx,
                    path=path,
                    official_id=self.official_ids[1],
                    status=status,
                    detail=Localized(
                        en=f" with decision {ph['decision_name']}",
                        fi=f" päätöksellä {ph['decision_name']}",
                        sv=f" med beslut {ph['decision_name']}",
                    ),
                )
