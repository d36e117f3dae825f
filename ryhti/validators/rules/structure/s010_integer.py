"""S010: integer properties are whole numbers within int32."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.validators.helpers import INT32_MAX, INT32_MIN, is_number
from ryhti.validators.rule import FieldChecker, FieldRule, Localized, texts, value_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context


def _problem(value: Any) -> dict[str, Any] | None:
    if not is_number(value):
        return None
    if isinstance(value, float) and not value.is_integer():
        return {
            "value": value,
            "problem": Localized(
                en="is not a whole number", fi="ei ole kokonaisluku", sv="är inget heltal"
            ),
        }
    if not INT32_MIN <= value <= INT32_MAX:
        return {
            "value": value,
            "problem": Localized(
                en="is outside the 32-bit integer range",
                fi="on 32-bittisen kokonaisluvun alueen ulkopuolella",
                sv="ligger utanför 32-bitars heltalsintervallet",
            ),
        }
    return None


class Integer32(FieldRule):
    """Integer properties (``scale``, ``objectNumber``, ``groupNumber``, ``rotation``, the
    ``number`` of Numeric, PositiveNumeric and SpotElevation values, ranges of whole
    numbers) are whole numbers that fit in 32 bits.

    Anti-pattern: ``{"dataType": "PositiveNumeric", "number": 2.5}`` or ``"scale": 1e10``.

    Best practice: a whole number, or a decimal value type (``PositiveDecimal``) when the
    quantity is really decimal. A whole number written with a zero fraction (``220.0``) is
    accepted, as Syke's validator accepts it in the CI-validated examples.
    """

    id = "S010"
    name = "integer-value"
    official_ids = ("quality__req_json_deserialization_failure",)
    references = ("R-A08",)
    schema = True
    title = "Not a 32-bit whole number"
    why = "The server reads these properties as 32-bit integers; decimals or huge numbers fail."
    fix = "Write a whole number, or use a Decimal value type if the quantity is decimal."
    messages = texts(
        en="'{field}' of {class} must be a 32-bit whole number; {value} {problem}.",
        fi="Luokan {class} kentän '{field}' tulee olla 32-bittinen kokonaisluku; {value} {problem}.",
        sv="'{field}' i klassen {class} ska vara ett 32-bitars heltal; {value} {problem}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if spec.kind == "integer":
            return value_checker(_problem)
        if spec.kind == "array" and spec.item_kind == "integer":
            return value_checker(_problem, items=True)
        return None

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        if spec.kind != "integer":
            return None
        return (f"type(v) is int and {INT32_MIN} <= v <= {INT32_MAX}", {})
