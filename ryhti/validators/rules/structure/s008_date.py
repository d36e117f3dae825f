"""S008: dates are YYYY-MM-DD."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ryhti.validators.helpers import is_date
from ryhti.validators.rule import FieldChecker, FieldRule, texts
from ryhti.validators.rules.structure._format import format_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context


class DateFormat(FieldRule):
    """Date properties are calendar dates written ``YYYY-MM-DD``.

    Anti-pattern: ``"approvalDate": "9.10.1981"`` or ``"2024-02-30"`` or ``"2024-02-01T00:00:00Z"``.

    Best practice: ``"approvalDate": "1981-10-09"``.
    """

    id = "S008"
    name = "date-format"
    official_ids = ("lifecycle__req_dateonly_incorrect_type",)
    references = ("R-A06",)
    schema = True
    title = "Date not in YYYY-MM-DD form"
    why = "RYHTI stores dates without time; other spellings are rejected."
    fix = "Write the date as YYYY-MM-DD (and make sure the day exists)."
    messages = texts(
        en="'{field}' of {class} must be a date YYYY-MM-DD, not {value!r}.",
        fi="Luokan {class} kentän '{field}' tulee olla päivämäärä muodossa VVVV-KK-PP, ei {value!r}.",
        sv="'{field}' i klassen {class} ska vara ett datum ÅÅÅÅ-MM-DD, inte {value!r}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        return format_checker(spec, "date", is_date)
