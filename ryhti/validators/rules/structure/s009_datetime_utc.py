"""S009: date-times are UTC with a Z."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ryhti.validators.helpers import is_datetime_utc
from ryhti.validators.rule import FieldChecker, FieldRule, texts
from ryhti.validators.rules.structure._format import format_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context


class DateTimeUtc(FieldRule):
    """Date-time properties are ISO 8601 in UTC, ending with ``Z``.

    Anti-pattern: ``"beginUtc": "2024-05-01T09:00:00+03:00"`` or ``"2024-05-01 09:00"``.

    Best practice: ``"beginUtc": "2024-05-01T06:00:00Z"``.
    """

    id = "S009"
    name = "datetime-utc"
    official_ids = ("quality__req_datetime_utc",)
    references = ("R-A07",)
    schema = True
    title = "Date-time not in UTC with Z"
    why = "RYHTI requires UTC date-times marked with Z; local offsets are refused."
    fix = "Convert the time to UTC and write it as YYYY-MM-DDThh:mm:ssZ."
    messages = texts(
        en="'{field}' of {class} must be an ISO 8601 date-time in UTC ending with Z, not {value!r}.",
        fi="Luokan {class} kentän '{field}' tulee olla UTC-aika ISO 8601 -muodossa Z-päätteellä, ei {value!r}.",
        sv="'{field}' i klassen {class} ska vara en tidpunkt i UTC enligt ISO 8601 med Z, inte {value!r}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        return format_checker(spec, "date-time", is_datetime_utc)
