"""L002: up to approval, objects and regulations share the plan's lifecycle status."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.lifecycle._phases import UP_TO_APPROVED

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


def sub_lifecycles(ctx: Any, pc: Any) -> Iterator[tuple[str, str | None, Any, str]]:
    """``(path, status, key, class)`` of every object, regulation and recommendation."""
    for rec in pc.objects:
        yield (
            f"{rec.path}.lifeCycleStatus",
            ctx.code_value(rec.obj.life_cycle_status, "kaavaelinkaari"),
            rec.key,
            "PlanObject",
        )
    for r in pc.all_regs():
        yield (
            f"{r.path}.lifeCycleStatus",
            ctx.code_value(r.reg.life_cycle_status, "kaavaelinkaari"),
            r.key,
            "PlanRegulation",
        )
    for path, rec, _ in pc.recommendations():
        yield (
            f"{path}.lifeCycleStatus",
            ctx.code_value(rec.life_cycle_status, "kaavaelinkaari"),
            rec.plan_recommendation_key,
            "PlanRecommendation",
        )


class SubLifecycle(PlanRule):
    """In lifecycle 01–06 every plan object, regulation and recommendation has the plan's
    lifecycle status.

    Anti-pattern: a proposal (04) whose regulations still say 03.

    Best practice: set the status of every part when the plan moves to a new phase.
    """

    id = "L002"
    name = "sub-lifecycle"
    official_ids = ("lifecycle__req_spatialplan_lifecycles_unity",)
    references = ("R-E02",)
    title = "Part of the plan in another lifecycle status"
    why = "Before approval the whole plan is in one status; Syke refuses mixed statuses."
    fix = "Give every object, regulation and recommendation the plan's status."
    messages = texts(
        en="{cls} is in lifecycle status {value}; the plan is in {plan}.",
        fi="{cls} on elinkaaritilassa {value}; kaava on tilassa {plan}.",
        sv="{cls} har livscykelstatus {value}; planen har {plan}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        plan = pc.lifecycle
        if plan not in UP_TO_APPROVED:
            return
        for path, value, key, cls in sub_lifecycles(ctx, pc):
            if value is not None and value != plan:
                yield self.finding(ctx, path=path, object_key=key, cls=cls, value=value, plan=plan)
