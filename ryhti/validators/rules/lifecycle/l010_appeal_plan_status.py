"""L010: a plan approved on rectification is in status 06 under appeal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Rule, texts
from ryhti.validators.rules.lifecycle._phases import phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class AppealPlanStatus(Rule):
    """In phase 08 with decision 12 (approval after a rectification request) the plan is
    in lifecycle 06 Hyväksytty kaava.

    Anti-pattern: the re-approved plan marked 08.

    Best practice: ``lifeCycleStatus`` 06 on the plan of that decision.
    """

    id = "L010"
    name = "appeal-plan-status"
    official_ids = ("lifecycle__req_plan_class_lifecycle_approved_subject_appeal_lifecycle",)
    references = ("R-E10",)
    kinds = PHASE_KINDS
    title = "Re-approved plan under appeal not in status 06"
    why = "Syke requires the approved status on the plan re-approved under appeal."
    fix = "Set the plan's lifecycle status to 06."
    messages = texts(
        en="With decision 12 in phase 08 the plan must be in lifecycle status 06, not {value}.",
        fi="Vaiheessa 08 päätöksellä 12 kaavan elinkaaritilan tulee olla 06, ei {value}.",
        sv="Med beslut 12 i fas 08 ska planen ha livscykelstatus 06, inte {value}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            if ph["status"] != "08" or ph["decision_name"] != "12":
                continue
            for pc in ph["plan_contexts"]:
                if pc.lifecycle is not None and pc.lifecycle != "06":
                    yield self.finding(ctx, path=f"{pc.path}.lifeCycleStatus", value=pc.lifecycle)
