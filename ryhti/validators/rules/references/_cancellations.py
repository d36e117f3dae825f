"""Where cancellation infos are: on plans (repeal by a new plan) and on decisions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ryhti.model import Model, PlanDecision


def cancellation_infos(ctx: Any) -> Iterator[tuple[str, Any, str, str | None]]:
    """``(path, info, owner, lifecycle)``: owner is ``plan`` or ``decision``; lifecycle is the
    plan's (for a plan) or the phase's (for a decision) bare status value."""
    for pc in ctx.plans:
        items = pc.plan.plan_cancellation_infos
        if isinstance(items, list):
            for i, info in enumerate(items):
                if isinstance(info, Model):
                    yield f"{pc.path}.planCancellationInfos[{i}]", info, "plan", pc.lifecycle
    decisions: list[tuple[str, Any, str | None]] = []
    if isinstance(ctx.doc, PlanDecision):
        decisions.append(("$", ctx.doc, None))
    for path, phase in ctx.phases:
        if isinstance(phase.plan_decision, PlanDecision):
            status = ctx.code_value(phase.life_cycle_status, "kaavaelinkaari")
            decisions.append((f"{path}.planDecision", phase.plan_decision, status))
    for path, decision, status in decisions:
        items = decision.plan_cancellation_infos
        if isinstance(items, list):
            for i, info in enumerate(items):
                if isinstance(info, Model):
                    yield f"{path}.planCancellationInfos[{i}]", info, "decision", status


def nonempty(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0
