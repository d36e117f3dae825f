"""L004: a new plan matter starts in an allowed phase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

ALLOWED = ("02", "03", "04", "05", "06", "08", "13")


class InitialLifecycle(Rule):
    """The first phase of a new matter is 02, 03, 04, 05, 06, 08 or 13.

    Anti-pattern: creating a matter in 01 Kaavoitusaloite or 12 Lainvoimainen.

    Best practice: start with 02 Vireilletullut (or the current phase of an older plan).
    """

    id = "L004"
    name = "initial-lifecycle"
    official_ids = ("lifecycle__req_initial_lifecycle_not_allowed",)
    references = ("R-E04",)
    kinds = ("matter",)
    title = "Plan matter starts in a status not allowed"
    why = "Syke accepts a new plan matter only in certain first phases."
    fix = "Create the matter in one of 02, 03, 04, 05, 06, 08 or 13."
    messages = texts(
        en="A plan matter cannot start in lifecycle status {value}; allowed: {allowed}.",
        fi="Kaava-asia ei voi alkaa elinkaaritilasta {value}; sallitut: {allowed}.",
        sv="Ett planärende kan inte börja i livscykelstatus {value}; tillåtna: {allowed}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.phases:
            return
        path, phase = ctx.phases[0]
        value = ctx.code_value(phase.life_cycle_status, "kaavaelinkaari")
        if value is not None and value not in ALLOWED:
            yield self.finding(
                ctx, path=f"{path}.lifeCycleStatus", value=value, allowed=", ".join(ALLOWED)
            )
