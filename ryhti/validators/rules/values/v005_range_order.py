"""V005: ranges run from their minimum to their maximum."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.findings import Finding
from ryhti.model import (
    DecimalRange,
    Model,
    NumericRange,
    PositiveDecimalRange,
    PositiveNumericRange,
)
from ryhti.validators.helpers import is_number
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

RANGES = (NumericRange, PositiveNumericRange, DecimalRange, PositiveDecimalRange)


class RangeOrder(PlanRule):
    """``minimumValue`` is not greater than ``maximumValue``.

    Anti-pattern: storeys ``{"dataType": "PositiveNumericRange", "minimumValue": 4, "maximumValue": 2}``.

    Best practice: ``"minimumValue": 2, "maximumValue": 4`` (III–IV written as 3–4).
    """

    id = "V005"
    name = "range-order"
    references = ("R-F07",)
    title = "Range minimum above maximum"
    why = "A range whose ends are swapped says the opposite of what was meant, or nothing at all."
    fix = "Swap the two ends."
    messages = texts(
        en="The range runs from {minimum} to {maximum}: the minimum is above the maximum.",
        fi="Arvoväli on {minimum}–{maximum}: vähimmäisarvo on suurempi kuin enimmäisarvo.",
        sv="Intervallet går från {minimum} till {maximum}: minimum är större än maximum.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for r in pc.all_regs():
            yield from self._check(ctx, r.reg.value, f"{r.path}.value", r.key)
            for info in r.infos:
                yield from self._check(ctx, info.info.value, f"{info.path}.value", r.key)
        for rec in pc.objects:
            yield from self._check(
                ctx, rec.obj.vertical_limit, f"{rec.path}.verticalLimit", rec.key
            )

    def _check(self, ctx: Context, value: Any, path: str, key: Any) -> Iterator[Finding]:
        if not isinstance(value, Model) or not isinstance(value, RANGES):
            return
        lo, hi = value.minimum_value, value.maximum_value
        if is_number(lo) and is_number(hi) and lo > hi:
            yield self.finding(ctx, path=path, object_key=key, minimum=lo, maximum=hi)
