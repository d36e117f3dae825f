"""S005: value objects carry a known dataType."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.model import DATA_TYPES
from ryhti.validators.rule import FieldChecker, FieldRule, Localized, texts, value_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context

_BY_LOWER = {name.lower(): name for name in DATA_TYPES}


def _problem(value: Any) -> dict[str, Any] | None:
    if type(value) is not dict:
        return None
    data_type = value.get("dataType")
    if isinstance(data_type, str) and data_type in DATA_TYPES:
        return None
    suggestion = _BY_LOWER.get(str(data_type).lower()) if isinstance(data_type, str) else None
    return {
        "value": data_type if isinstance(data_type, str) else None,
        "problem": Localized(
            en=f"has dataType {data_type!r}",
            fi=f"dataType {data_type!r} ei ole sallittu",
            sv=f"har dataType {data_type!r}",
        )
        if isinstance(data_type, str)
        else Localized(en="has no dataType", fi="dataType puuttuu", sv="saknar dataType"),
        "suggestion": suggestion,
        "hint": Localized(
            en=f" (write '{suggestion}')",
            fi=f" (kirjoita '{suggestion}')",
            sv=f" (skriv '{suggestion}')",
        )
        if suggestion
        else "",
        "allowed": ", ".join(DATA_TYPES),
    }


class ValueDataType(FieldRule):
    """A regulation's or additional information's value says what it is with ``dataType``.

    Anti-pattern: ``{"number": 0.8}`` or ``{"dataType": "positiveDecimal", "number": 0.8}``.

    Best practice: ``{"dataType": "PositiveDecimal", "number": 0.8}`` — PascalCase, as
    the examples Syke's validator accepts write it.
    """

    id = "S005"
    name = "value-data-type"
    official_ids = ("quality__req_json_deserialization_failure",)
    references = ("R-A12",)
    schema = True
    title = "Value object without a known dataType"
    why = (
        "The server picks the value's class by its dataType; a missing or unknown dataType "
        "makes the message undeserialisable."
    )
    fix = "Set dataType to one of the fifteen value types, spelt in PascalCase."
    messages = texts(
        en="The value in '{field}' of {class} {problem}{hint}; expected one of: {allowed}.",
        fi="Luokan {class} kentän '{field}' arvon {problem}{hint}; sallitut: {allowed}.",
        sv="Värdet i '{field}' i klassen {class} {problem}{hint}; tillåtna: {allowed}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if spec.kind == "value":
            return value_checker(_problem)
        if spec.kind == "array" and spec.item_kind == "value":
            return value_checker(_problem, items=True)
        return None
