"""L026: repeal decisions carry the cancellation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import PlanCancellationInfo
from ryhti.validators.rule import PHASE_KINDS, Localized, Rule, texts
from ryhti.validators.rules.lifecycle._phases import has_cancellations, phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class RepealDecision(Rule):
    """A phase in 14 Kumoutunut has a decision with a cancellation that cancels the entire
    plan; a phase in 13 or 14 without a plan has a decision with cancellation information.

    Anti-pattern: marking a plan repealed (14) without saying what was repealed.

    Best practice: decision 14 (Kaavan kumoaminen) with ``planCancellationInfos``
    (``cancelsEntirePlan: true``).
    """

    id = "L026"
    name = "repeal-decision"
    official_ids = (
        "lifecycle__req_plandecision_must_have_cancellation_info_cancels_entire_plan_true_if_phase_repealed_lifecycle",
        "lifecycle__req_plandecision_must_have_cancellation_info_if_plan_not_present_and_valid_or_repealed_lifecycle",
    )
    references = ("R-E31",)
    kinds = PHASE_KINDS
    title = "Repeal without cancellation information"
    why = "A repeal must say what it repeals; in 14 it repeals the whole plan."
    fix = "Add planCancellationInfos to the decision."
    messages = texts(
        en="In lifecycle status {status} the decision must carry {what}.",
        fi="Elinkaaritilassa {status} päätöksellä tulee olla {what}.",
        sv="I livscykelstatus {status} ska beslutet ha {what}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            status, decision = ph["status"], ph["decision"]
            if status not in ("13", "14"):
                continue
            path = f"{ph['path']}.planDecision"
            infos = decision.plan_cancellation_infos if decision is not None else None
            entire = isinstance(infos, list) and any(
                isinstance(i, PlanCancellationInfo) and i.cancels_entire_plan is True for i in infos
            )
            if status == "14" and not entire:
                yield self.finding(
                    ctx,
                    path=path,
                    status=status,
                    what=Localized(
                        en="a cancellation with cancelsEntirePlan true",
                        fi="kumoamistieto, jonka cancelsEntirePlan on tosi",
                        sv="upphävandeinformation där cancelsEntirePlan är sant",
                    ),
                )
            elif not ph["plans"] and not has_cancellations(decision):
                yield self.finding(
                    ctx,
                    path=path,
                    official_id=self.official_ids[1],
                    status=status,
                    what=Localized(
                        en="cancellation information when it carries no plan",
                        fi="kumoamistieto, kun se ei sisällä kaavaa",
                        sv="upphävandeinformation när det inte innehåller någon plan",
                    ),
                )
