"""L014: approved and valid plans have their approval date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import UNSET
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class ApprovalDate(PlanRule):
    """A plan in lifecycle 06, 12 or 13 has ``approvalDate``.

    Anti-pattern: a valid plan (13) digitised without its approval date.

    Best practice: ``"approvalDate": "2024-01-01"``, the date of the approval decision.
    """

    id = "L014"
    name = "approval-date"
    official_ids = ("lifecycle__req_approval_date_mandatory",)
    references = ("R-E19",)
    title = "Approval date missing"
    why = "An approved plan's approval date is a legal fact Syke requires."
    fix = "Add approvalDate (YYYY-MM-DD)."
    messages = texts(
        en="A plan in lifecycle status {status} needs approvalDate.",
        fi="Elinkaaritilassa {status} kaavalla tulee olla hyväksymispäivämäärä (approvalDate).",
        sv="En plan med livscykelstatus {status} behöver approvalDate.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        if pc.lifecycle in ("06", "12", "13") and pc.plan.approval_date in (UNSET, None):
            yield self.finding(ctx, path=f"{pc.path}.approvalDate", status=pc.lifecycle)
