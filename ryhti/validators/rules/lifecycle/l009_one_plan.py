"""L009: at most one plan in an approved or valid phase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Rule, texts
from ryhti.validators.rules.lifecycle._phases import phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class OnePlan(Rule):
    """Phases 06, 12 and 13 carry at most one plan.

    Anti-pattern: two plan versions in the approval decision.

    Best practice: the approved plan only.
    """

    id = "L009"
    name = "one-plan"
    official_ids = ("lifecycle__req_spatialplan_class_allowed",)
    references = ("R-E09",)
    kinds = PHASE_KINDS
    title = "Several plans in an approved or valid phase"
    why = "A decision approves one plan; Syke refuses more."
    fix = "Keep only the approved plan."
    messages = texts(
        en="Lifecycle status {status} allows one plan, not {count}.",
        fi="Elinkaaritilassa {status} sallitaan yksi kaava, ei {count}.",
        sv="Livscykelstatus {status} tillåter en plan, inte {count}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            if ph["status"] in ("06", "12", "13") and len(ph["plans"]) > 1:
                yield self.finding(
                    ctx,
                    path=f"{ph['path']}.planDecision.plans",
                    status=ph["status"],
                    count=len(ph["plans"]),
                )
