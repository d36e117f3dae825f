"""L021: recorded dates are not in the future."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.model import (
    HandlingEvent,
    OtherPlanMaterial,
    Plan,
    PlanAttachmentDocument,
    PlanDecision,
    PlanMatterUpdate,
)
from ryhti.validators.context import date_of
from ryhti.validators.rule import FieldChecker, FieldRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context

#: (class, field) of dates that record something that has happened.
PAST_DATES = {
    (PlanMatterUpdate, "timeOfInitiation"),
    (PlanDecision, "decisionDate"),
    (PlanDecision, "dateOfDecision"),
    (Plan, "approvalDate"),
    (HandlingEvent, "eventTime"),
    (PlanAttachmentDocument, "documentDate"),
    (PlanAttachmentDocument, "arrivedDate"),
    (PlanAttachmentDocument, "confirmationDate"),
}
_ = OtherPlanMaterial


class FutureDate(FieldRule):
    """Dates of things that have happened (initiation, decisions, approval, handling events,
    documents) are not later than today. Interaction events may be in the future.

    Anti-pattern: ``"approvalDate": "2031-01-01"`` (a typo for 2021).

    Best practice: record dates when the event has taken place.
    """

    id = "L021"
    name = "future-date"
    official_ids = ("quality__req_future_date_not_allowed",)
    references = ("R-E26",)
    title = "Date in the future"
    why = "Syke refuses dates later than the day of saving for events that have already happened."
    fix = "Correct the date (check the year)."
    messages = texts(
        en="'{field}' of {class} is {value}, after today ({today}).",
        fi="Luokan {class} kentän '{field}' päivämäärä {value} on tämän päivän ({today}) jälkeen.",
        sv="'{field}' i klassen {class} är {value}, efter i dag ({today}).",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if not any(issubclass(cls, c) and spec.json == f for c, f in PAST_DATES):
            return None
        today = ctx.today

        def check(value: Any) -> Any:
            d = date_of(value)
            if d is not None and d > today:
                return [("", {"value": value, "today": today.isoformat()})]
            return None

        return check
