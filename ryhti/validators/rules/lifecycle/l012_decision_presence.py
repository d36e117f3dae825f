"""L012: decisions where they are required, none where they are not allowed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Localized, Rule, texts
from ryhti.validators.rules.lifecycle._phases import phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class DecisionPresence(Rule):
    """Phases 06, 12 and 13 have a decision; phases 07 and 09 have none.

    Anti-pattern: an approval phase without ``planDecision``; a decision in 07
    Oikaisukehotuksen alainen.

    Best practice: record the decision that moved the plan into the phase.
    """

    id = "L012"
    name = "decision-presence"
    official_ids = (
        "lifecycle__req_spatialplancasedecision_not_empty_lifecycle",
        "lifecycle__req_planmatterdecision_not_allowed_07_09_lifecycles",
    )
    references = ("R-E12",)
    kinds = PHASE_KINDS
    title = "Decision missing or not allowed"
    why = "Approval and entry into force are decisions; rectification phases have none."
    fix = "Add the decision (06, 12, 13) or remove it (07, 09)."
    messages = texts(
        en="A plan decision is {what} in lifecycle status {status}.",
        fi="Kaavapäätös on {what} elinkaaritilassa {status}.",
        sv="Ett planbeslut är {what} i livscykelstatus {status}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            status = ph["status"]
            if status in ("06", "12", "13") and ph["decision"] is None:
                yield self.finding(
                    ctx,
                    path=f"{ph['path']}.planDecision",
                    status=status,
                    what=Localized(en="required", fi="pakollinen", sv="obligatoriskt"),
                )
            elif status in ("07", "09") and ph["decision"] is not None:
                yield self.finding(
                    ctx,
                    path=f"{ph['path']}.planDecision",
                    official_id=self.official_ids[1],
                    status=status,
                    what=Localized(en="not allowed", fi="kielletty", sv="inte tillåtet"),
                )
