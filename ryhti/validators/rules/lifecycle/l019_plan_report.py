"""L019: approved and valid plans have their plan description."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import Model
from ryhti.validators.rule import SAVE_KINDS, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class PlanReport(PlanRule):
    """A plan in 06, 12 or 13 saved with its matter has ``planReport`` (kaavaselostus).

    Anti-pattern: approving a plan without its description.

    Best practice: attach the plan description documents.
    """

    id = "L019"
    name = "plan-report"
    references = ("R-E24",)
    kinds = SAVE_KINDS
    title = "Plan description missing"
    why = (
        "The plan description is part of an approved plan (Gispo's copy of Syke's rule table, "
        "lifecycle/req-spatialplanreport-mandatory; not in the error catalogue)."
    )
    fix = "Add planReport with the description documents."
    messages = texts(
        en="A plan in lifecycle status {status} needs planReport.",
        fi="Elinkaaritilassa {status} kaavalla tulee olla kaavaselostus (planReport).",
        sv="En plan med livscykelstatus {status} behöver planReport.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        if pc.lifecycle in ("06", "12", "13") and not isinstance(pc.plan.plan_report, Model):
            yield self.finding(ctx, path=f"{pc.path}.planReport", status=pc.lifecycle)
