"""L025: the public validation takes plans in certain statuses only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

ALLOWED = ("03", "04", "05", "06", "08", "12", "13")


class ValidationLifecycle(PlanRule):
    """Syke's public Validate API accepts plans in lifecycle 03, 04, 05, 06, 08, 12 and 13.

    Anti-pattern: validating an initiative (01) or a repealed plan (14).

    Best practice: validate the plan in the status it will be delivered in.
    """

    id = "L025"
    name = "validation-lifecycle"
    official_ids = ("lifecycle__req_plan_validation_not_allowed_lifecycle",)
    references = ("R-E30",)
    kinds = ("plan",)
    title = "Lifecycle status not accepted by the public validation"
    why = "Syke's public validation refuses the other statuses outright."
    fix = "Validate in one of 03, 04, 05, 06, 08, 12 or 13."
    messages = texts(
        en="The public validation does not accept lifecycle status {status}; allowed: {allowed}.",
        fi="Julkinen validointi ei hyväksy elinkaaritilaa {status}; sallitut: {allowed}.",
        sv="Den öppna valideringen godtar inte livscykelstatus {status}; tillåtna: {allowed}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        if pc.lifecycle is not None and pc.lifecycle not in ALLOWED:
            yield self.finding(
                ctx,
                path=f"{pc.path}.lifeCycleStatus",
                status=pc.lifecycle,
                allowed=", ".join(ALLOWED),
            )
