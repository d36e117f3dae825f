"""L007: phases that may not carry a plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Localized, Rule, texts
from ryhti.validators.rules.lifecycle._phases import phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class PlanNotAllowed(Rule):
    """No plan in phases 02, 07 and 09; in 08 only with decision 12 or 13.

    Anti-pattern: the plan attached to the initiation phase (02).

    Best practice: the plan travels with the phases where it is produced or decided.
    """

    id = "L007"
    name = "plan-not-allowed"
    official_ids = (
        "lifecycle__req_spatialplan_not_allowed_lifecycle",
        "lifecycle__req_plan_class_allowed_subject_appeal_lifecycle",
    )
    references = ("R-E07",)
    kinds = PHASE_KINDS
    title = "Plan in a phase that may not carry one"
    why = "Syke refuses a plan in these phases."
    fix = "Remove the plan from the phase's decision."
    messages = texts(
        en="A plan is not allowed in lifecycle status {status}{detail}.",
        fi="Kaava ei ole sallittu elinkaaritilassa {status}{detail}.",
        sv="En plan är inte tillåten i livscykelstatus {status}{detail}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            if not ph["plans"]:
                continue
            status = ph["status"]
            path = f"{ph['path']}.planDecision.plans"
            if status in ("02", "07", "09"):
                yield self.finding(ctx, path=path, status=status, detail="")
            elif status == "08" and ph["decision_name"] not in ("12", "13"):
                yield self.finding(
                    ctx,
                    path=path,
                    official_id=self.official_ids[1],
                    status=status,
                    detail=Localized(
                        en=" unless the decision is 12 or 13",
                        fi=" ellei päätös ole 12 tai 13",
                        sv=" om inte beslutet är 12 eller 13",
                    ),
                )
