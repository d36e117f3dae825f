"""The fifteen value types of plan regulations and additional information.

A regulation's ``value`` is a tagged object: ``dataType`` says which of these it
is (``"PositiveNumeric"``, ``"Code"`` …, PascalCase as in the official enum and the
examples Syke's validator accepts). Constructing a value fills in its ``dataType``::

    PositiveNumericValue(number=2400, unit_of_measure="k-m2")
"""

from __future__ import annotations

from typing import Any, ClassVar

from ryhti.model.base import UNSET, Model, f, model, register_values

#: Every allowed ``dataType``, in official order.
DATA_TYPES: tuple[str, ...] = (
    "LocalizedText",
    "Text",
    "Numeric",
    "NumericRange",
    "PositiveNumeric",
    "PositiveNumericRange",
    "Decimal",
    "DecimalRange",
    "PositiveDecimal",
    "PositiveDecimalRange",
    "Code",
    "Identifier",
    "SpotElevation",
    "TimePeriod",
    "TimePeriodDateOnly",
)


@model
class AttributeValue(Model):
    """Base of all value objects (``AttributeValue``); ``dataType`` picks the subtype."""

    data_type: str = f(req=True, enum=DATA_TYPES)

    DATA_TYPE: ClassVar[str] = ""

    def __post_init__(self) -> None:
        if self.data_type is UNSET and self.DATA_TYPE:
            self.data_type = self.DATA_TYPE


@model
class CodeValue(AttributeValue):
    """A code from a code list (``Code``), e.g. the use a floor-area share is for."""

    code: str = f()
    code_list: str = f()
    title: LanguageString = f()
    DATA_TYPE: ClassVar[str] = "Code"


@model
class IdentifierValue(AttributeValue):
    """An identifier in some register (``Identifier``)."""

    identifier: str = f()
    register_identifier: str = f()
    register_name: LanguageString = f()
    DATA_TYPE: ClassVar[str] = "Identifier"


@model
class LocalizedTextValue(AttributeValue):
    """Text in one or more languages (``LocalizedText``): verbal regulations, names."""

    text: LanguageString = f()
    syntax: str = f()
    DATA_TYPE: ClassVar[str] = "LocalizedText"


@model
class TextValue(AttributeValue):
    """Language-independent text (``Text``)."""

    text: str = f()
    syntax: str = f()
    DATA_TYPE: ClassVar[str] = "Text"


@model
class NumericValue(AttributeValue):
    """A whole number, possibly negative (``Numeric``)."""

    number: int = f(fmt="int32")
    unit_of_measure: str = f()
    DATA_TYPE: ClassVar[str] = "Numeric"


@model
class PositiveNumericValue(AttributeValue):
    """A whole number above zero (``PositiveNumeric``): floor area k-m², storeys, counts."""

    number: int = f(fmt="int32")
    unit_of_measure: str = f()
    DATA_TYPE: ClassVar[str] = "PositiveNumeric"


@model
class NumericRange(AttributeValue):
    """A range of whole numbers (``NumericRange``)."""

    minimum_value: int = f(fmt="int32")
    maximum_value: int = f(fmt="int32")
    unit_of_measure: str = f()
    DATA_TYPE: ClassVar[str] = "NumericRange"


@model
class PositiveNumericRange(AttributeValue):
    """A range of whole numbers above zero (``PositiveNumericRange``): storeys 2–4."""

    minimum_value: int = f(fmt="int32")
    maximum_value: int = f(fmt="int32")
    unit_of_measure: str = f()
    DATA_TYPE: ClassVar[str] = "PositiveNumericRange"


@model
class DecimalValue(AttributeValue):
    """A decimal number (``Decimal``): elevations may be negative."""

    number: float = f(fmt="double")
    unit_of_measure: str = f()
    DATA_TYPE: ClassVar[str] = "Decimal"


@model
class PositiveDecimalValue(AttributeValue):
    """A decimal number above zero (``PositiveDecimal``): efficiency e=0,8, heights."""

    number: float = f(fmt="double")
    unit_of_measure: str = f()
    DATA_TYPE: ClassVar[str] = "PositiveDecimal"


@model
class DecimalRange(AttributeValue):
    """A range of decimal numbers (``DecimalRange``), also a plan object's vertical limit."""

    minimum_value: float = f(fmt="double")
    maximum_value: float = f(fmt="double")
    unit_of_measure: str = f()
    DATA_TYPE: ClassVar[str] = "DecimalRange"


@model
class PositiveDecimalRange(AttributeValue):
    """A range of decimal numbers above zero (``PositiveDecimalRange``)."""

    minimum_value: float = f(fmt="double")
    maximum_value: float = f(fmt="double")
    unit_of_measure: str = f()
    DATA_TYPE: ClassVar[str] = "PositiveDecimalRange"


@model
class SpotElevation(AttributeValue):
    """A spot elevation (``SpotElevation``, korkeuspiste)."""

    number: int = f(fmt="int32")
    unit_of_measure: str = f()
    DATA_TYPE: ClassVar[str] = "SpotElevation"


@model
class TimePeriodValue(AttributeValue):
    """A period in UTC date-times (``TimePeriod``); ``beginUtc`` may not be null."""

    begin_utc: str = f(fmt="date-time")
    end_utc: str | None = f(fmt="date-time")
    DATA_TYPE: ClassVar[str] = "TimePeriod"


@model
class TimePeriodDateOnlyValue(AttributeValue):
    """A period in dates (``TimePeriodDateOnly``): temporary regulations."""

    begin: str | None = f(fmt="date")
    end: str | None = f(fmt="date")
    DATA_TYPE: ClassVar[str] = "TimePeriodDateOnly"


#: dataType -> value class.
VALUE_CLASSES: dict[str, type[AttributeValue]] = {
    cls.DATA_TYPE: cls
    for cls in (
        LocalizedTextValue,
        TextValue,
        NumericValue,
        NumericRange,
        PositiveNumericValue,
        PositiveNumericRange,
        DecimalValue,
        DecimalRange,
        PositiveDecimalValue,
        PositiveDecimalRange,
        CodeValue,
        IdentifierValue,
        SpotElevation,
        TimePeriodValue,
        TimePeriodDateOnlyValue,
    )
}

register_values(AttributeValue, VALUE_CLASSES)


def value_from_json(data: Any) -> Any:
    """Load a value object by its ``dataType``; anything else is returned unchanged."""
    if type(data) is dict:
        data_type = data.get("dataType")
        cls = VALUE_CLASSES.get(data_type) if type(data_type) is str else None
        if cls is not None:
            return cls.from_json(data)
    return data


from ryhti.model.common import LanguageString  # noqa: E402  (annotations resolve lazily)

__all__ = [
    "DATA_TYPES",
    "VALUE_CLASSES",
    "AttributeValue",
    "CodeValue",
    "DecimalRange",
    "DecimalValue",
    "IdentifierValue",
    "LanguageString",
    "LocalizedTextValue",
    "NumericRange",
    "NumericValue",
    "PositiveDecimalRange",
    "PositiveDecimalValue",
    "PositiveNumericRange",
    "PositiveNumericValue",
    "SpotElevation",
    "TextValue",
    "TimePeriodDateOnlyValue",
    "TimePeriodValue",
    "value_from_json",
]
