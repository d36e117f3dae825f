"""V004: positive value types and quantities are above zero."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.findings import Finding
from ryhti.model import AttributeValue
from ryhti.validators.helpers import numbers_of
from ryhti.validators.knowledge import POSITIVE_TYPES, quantity_codes
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class PositiveValue(PlanRule):
    """``Positive…`` values are greater than zero, and so is the value of a quantity regulation.

    Anti-pattern: ``{"dataType": "PositiveNumeric", "number": 0}``, or ``sallittuKerrosala`` 0.

    Best practice: leave a quantity out rather than set it to zero; use ``Decimal`` for
    elevations that can be negative.
    """

    id = "V004"
    name = "positive-value"
    references = ("R-A13",)
    title = "Value not above zero"
    why = (
        "Positive value types exclude zero and negatives, and Syke refuses quantity regulations "
        "whose value is zero (Gispo's copy of Syke's rule table: quantity value not zero)."
    )
    fix = "Give a number above zero, or remove the regulation."
    messages = texts(
        en="{field} is {value}; a {what} must be above zero.",
        fi="{field} on {value}; arvon ({what}) tulee olla nollaa suurempi.",
        sv="{field} är {value}; ett värde ({what}) ska vara större än noll.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        quantities = quantity_codes(ctx.registry)
        for r in pc.all_regs():
            yield from self._check(ctx, r.reg.value, f"{r.path}.value", r.key, r.type in quantities)
            for info in r.infos:
                yield from self._check(ctx, info.info.value, f"{info.path}.value", r.key, False)

    def _check(
        self, ctx: Any, value: Any, path: str, key: Any, quantity: bool
    ) -> Iterator[Finding]:
        if not isinstance(value, AttributeValue):
            return
        positive = value.data_type in POSITIVE_TYPES
        if not positive and not quantity:
            return
        if (
            quantity
            and not positive
            and value.data_type in ("Decimal", "DecimalRange", "Numeric", "NumericRange")
        ):
            return  # signed types are allowed where the table allows them (elevations)
        for name, number in numbers_of(value):
            if number <= 0:
                yield self.finding(
                    ctx,
                    path=f"{path}.{name}",
                    object_key=key,
                    field=name,
                    value=number,
                    what=value.data_type if positive else "quantity",
                )
