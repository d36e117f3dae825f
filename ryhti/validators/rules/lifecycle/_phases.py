"""Phase facts for the lifecycle rules: status, decision, plans."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ryhti.model import Plan, PlanDecision

UP_TO_APPROVED = frozenset({"01", "02", "03", "04", "05", "06"})


def phases(ctx: Any) -> Iterator[dict[str, Any]]:
    """Per phase: path, phase, status, decision, decision name, plans (with their contexts)."""
    plan_ctx = {id(pc.plan): pc for pc in ctx.plans}
    for path, phase in ctx.phases:
        decision = phase.plan_decision if isinstance(phase.plan_decision, PlanDecision) else None
        plans = (
            [p for p in decision.plans if isinstance(p, Plan)]
            if decision is not None and isinstance(decision.plans, list)
            else []
        )
        yield {
            "path": path,
            "phase": phase,
            "status": ctx.code_value(phase.life_cycle_status, "kaavaelinkaari"),
            "decision": decision,
            "decision_name": ctx.code_value(decision.name, "kaavpaatnimi") if decision else None,
            "plans": plans,
            "plan_contexts": [plan_ctx[id(p)] for p in plans if id(p) in plan_ctx],
        }


def has_cancellations(decision: Any) -> bool:
    """True if a decision carries plan cancellation infos."""
    items = getattr(decision, "plan_cancellation_infos", None)
    return isinstance(items, list) and len(items) > 0
