"""R024: a plan does not cancel itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.codelists import bare_code
from ryhti.findings import Finding
from ryhti.validators.rule import Rule, texts
from ryhti.validators.rules.references._cancellations import cancellation_infos

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class CancellationTarget(Rule):
    """A cancellation on a plan targets another plan, never the plan itself.

    Anti-pattern: ``cancelledPlanUri`` ending in the plan's own ``planKey``.

    Best practice: name the older plan being repealed; a plan is repealed by a decision
    of its own matter.
    """

    id = "R024"
    name = "cancellation-target"
    official_ids = (
        "quality__req_plan_cancellation_info_must_target_different_planmatter_than_itself_plan",
    )
    references = ("R-H05",)
    title = "Plan cancels itself"
    why = "Repeal by a new plan targets another plan matter; Syke refuses a self-reference."
    fix = "Name the plan that is repealed."
    approximation = (
        "Only the self-reference is visible locally; whether the target belongs to another "
        "matter (or, for a decision, to the same one) is decided by Syke's server."
    )
    messages = texts(
        en="The plan's cancellation targets the plan itself ({value}).",
        fi="Kaavan kumoamistieto kohdistuu kaavaan itseensä ({value}).",
        sv="Planens upphävande gäller planen själv ({value}).",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        keys = {pc.plan.plan_key for pc in ctx.plans if isinstance(pc.plan.plan_key, str)}
        for path, info, owner, _ in cancellation_infos(ctx):
            uri = info.cancelled_plan_uri
            if owner != "plan" or not isinstance(uri, str):
                continue
            if bare_code(uri).lower() in {k.lower() for k in keys}:
                yield self.finding(
                    ctx,
                    path=f"{path}.cancelledPlanUri",
                    object_key=info.plan_cancellation_info_key,
                    value=uri,
                )
