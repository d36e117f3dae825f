"""R023: cancellation information only in valid or repealed status."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import Rule, texts
from ryhti.validators.rules.references._cancellations import cancellation_infos

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class CancellationLifecycle(Rule):
    """Cancellation information is given only in lifecycle 13 Voimassa or 14 Kumoutunut
    (the plan's status for a plan, the phase's for a decision).

    Anti-pattern: a proposal (04) listing the plans it will repeal.

    Best practice: add the cancellation information when the plan enters into force.
    """

    id = "R023"
    name = "cancellation-lifecycle"
    official_ids = (
        "quality__req_plan_cancellation_info_not_allowed_in_valid_or_repealed_lifecycle_status",
    )
    references = ("R-H06",)
    title = "Cancellation information outside valid or repealed status"
    why = "A repeal takes effect when the repealing plan does; Syke allows it only in 13 or 14."
    fix = "Remove the cancellation information until the plan is in force."
    messages = texts(
        en="Cancellation information is allowed only in lifecycle 13 or 14, not {status}.",
        fi="Kumoamistieto on sallittu vain elinkaaritiloissa 13 ja 14, ei tilassa {status}.",
        sv="Upphävandeinformation är tillåten bara i livscykelstatus 13 eller 14, inte {status}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for path, info, _, status in cancellation_infos(ctx):
            if status is not None and status not in ("13", "14"):
                yield self.finding(
                    ctx, path=path, object_key=info.plan_cancellation_info_key, status=status
                )
