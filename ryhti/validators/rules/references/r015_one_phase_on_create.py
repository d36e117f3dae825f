"""R015: a new plan matter is created with exactly one phase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import PlanMatterCreate
from ryhti.validators.rule import Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class OnePhaseOnCreate(Rule):
    """``planMatterPhases`` of a new matter holds exactly one phase; later phases are added
    one by one.

    Anti-pattern: creating a matter with its whole history of phases at once.

    Best practice: create with the current phase, then ``POST`` each new phase.
    """

    id = "R015"
    name = "one-phase-on-create"
    official_ids = ("quality__req_phases_must_be_1",)
    references = ("R-B14",)
    kinds = ("matter",)
    title = "Plan matter created with other than one phase"
    why = "Syke creates a matter with exactly one phase."
    fix = "Send one phase on creation."
    messages = texts(
        en="A new plan matter must have exactly one phase, not {count}.",
        fi="Uudella kaava-asialla tulee olla täsmälleen yksi vaihe, ei {count}.",
        sv="Ett nytt planärende ska ha exakt en fas, inte {count}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not isinstance(ctx.doc, PlanMatterCreate):
            return
        phases = ctx.doc.plan_matter_phases
        if isinstance(phases, list) and len(phases) != 1:
            yield self.finding(ctx, path="$.planMatterPhases", count=len(phases))
