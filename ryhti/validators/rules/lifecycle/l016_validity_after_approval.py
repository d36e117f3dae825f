"""L016: validity does not begin before approval."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.context import date_of
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.lifecycle.l015_validity_begin import _period

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class ValidityAfterApproval(PlanRule):
    """``periodOfValidity.begin`` is not earlier than ``approvalDate``.

    Anti-pattern: approved 2024-06-10, valid from 2024-06-01.

    Best practice: validity begins on or after the approval (usually weeks after).
    """

    id = "L016"
    name = "validity-after-approval"
    official_ids = ("lifecycle__req_period_of_validity_must_not_begin_before_approval_date",)
    references = ("R-E21",)
    title = "Validity begins before approval"
    why = "A plan cannot be in force before it is approved."
    fix = "Correct the begin date or the approval date."
    messages = texts(
        en="Validity begins {begin}, before the approval {approval}.",
        fi="Voimassaolo alkaa {begin}, ennen hyväksymistä {approval}.",
        sv="Giltigheten börjar {begin}, före godkännandet {approval}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        begin = date_of(_period(pc.plan)[0])
        approval = date_of(pc.plan.approval_date)
        if begin and approval and begin < approval:
            yield self.finding(
                ctx,
                path=f"{pc.path}.periodOfValidity.begin",
                begin=begin.isoformat(),
                approval=approval.isoformat(),
            )
