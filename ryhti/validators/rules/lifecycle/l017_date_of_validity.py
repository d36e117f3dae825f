"""L017: a decision's date of validity in 12 and 13 only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import UNSET
from ryhti.validators.rule import PHASE_KINDS, Localized, Rule, texts
from ryhti.validators.rules.lifecycle._phases import phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class DateOfValidity(Rule):
    """``planDecision.dateOfValidity`` is given in phases 12 and 13 and only there.

    Anti-pattern: the approval decision (06) with a date of entry into force.

    Best practice: the date the plan entered into force, on the decision of the phase 12/13.
    """

    id = "L017"
    name = "date-of-validity"
    official_ids = (
        "lifecycle__req_dateofvalidity_not_null_lifecycle",
        "lifecycle__req_dateofvalidity_not_allowed_lifecycle",
    )
    references = ("R-E22",)
    kinds = PHASE_KINDS
    title = "Date of entry into force missing or premature"
    why = "Only decisions that bring the plan into force have a date of entry into force."
    fix = "Add dateOfValidity in 12/13; remove it elsewhere."
    messages = texts(
        en="dateOfValidity is {what} in lifecycle status {status}.",
        fi="Voimaantulopäivä (dateOfValidity) on {what} elinkaaritilassa {status}.",
        sv="dateOfValidity är {what} i livscykelstatus {status}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            decision = ph["decision"]
            if decision is None or ph["status"] is None:
                continue
            given = decision.date_of_validity not in (UNSET, None)
            path = f"{ph['path']}.planDecision.dateOfValidity"
            if ph["status"] in ("12", "13") and not given:
                yield self.finding(
                    ctx,
                    path=path,
                    status=ph["status"],
                    what=Localized(en="required", fi="pakollinen", sv="obligatoriskt"),
                )
            elif ph["status"] not in ("12", "13") and given:
                yield self.finding(
                    ctx,
                    path=path,
                    official_id=self.official_ids[1],
                    status=ph["status"],
                    what=Localized(en="not allowed", fi="kielletty", sv="inte tillåtet"),
                )
