"""L022: periods end after they begin."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.model import TimePeriod, TimePeriodDateOnly, TimePeriodDateOnlyValue, TimePeriodValue
from ryhti.validators.context import date_of
from ryhti.validators.helpers import parse_datetime
from ryhti.validators.rule import FieldRule, NodeChecker, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.validators.context import Context

FIELDS = {
    TimePeriodDateOnly: ("begin", "end", date_of),
    TimePeriodDateOnlyValue: ("begin", "end", date_of),
    TimePeriod: ("begin", "end", parse_datetime),
    TimePeriodValue: ("begin_utc", "end_utc", parse_datetime),
}


class PeriodOrder(FieldRule):
    """A period's ``end`` is later than its ``begin`` (periods of validity, event times,
    temporary regulations).

    Anti-pattern: ``{"begin": "2025-06-01", "end": "2025-01-31"}``.

    Best practice: check the order (and the year) of the two dates.
    """

    id = "L022"
    name = "period-order"
    official_ids = ("quality__req_time_period_end_must_be_bigger_than_begin",)
    references = ("R-E27",)
    title = "Period ends before it begins"
    why = "Syke requires the end of a period to be after its beginning."
    fix = "Swap or correct the dates."
    messages = texts(
        en="The period ends ({end}) before it begins ({begin}).",
        fi="Ajanjakso päättyy ({end}) ennen kuin alkaa ({begin}).",
        sv="Perioden slutar ({end}) innan den börjar ({begin}).",
    )

    def compile_node(self, cls: type[Model], ctx: Context) -> NodeChecker | None:
        spec = FIELDS.get(cls)
        if spec is None:
            return None
        begin_attr, end_attr, parse = spec

        def check(obj: Any) -> Any:
            b, e = getattr(obj, begin_attr), getattr(obj, end_attr)
            pb, pe = parse(b), parse(e)
            if pb is not None and pe is not None and pe <= pb:
                return [("", {"begin": b, "end": e})]
            return None

        return check
