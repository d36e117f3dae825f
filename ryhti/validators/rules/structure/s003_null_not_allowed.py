"""S003: optional properties that may not be null."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.validators.rule import FieldChecker, FieldRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context

_NULL: list[tuple[str, dict[str, Any]]] = [("", {})]


class NullNotAllowed(FieldRule):
    """Some optional properties may be left out but not set to ``null``.

    Anti-pattern: ``{"dataType": "TimePeriod", "beginUtc": null}``.

    Best practice: leave the property out, or give it a value.
    """

    id = "S003"
    name = "null-not-allowed"
    official_ids = ("quality__req_property_not_empty",)
    references = ("R-A03",)
    schema = True
    title = "Null where the schema does not allow it"
    why = (
        "The schema declares these properties non-nullable (for example TimePeriod.beginUtc "
        "and InteractionEvent.eventTime.begin); null makes the message invalid."
    )
    fix = "Remove the property or give it a value."
    messages = texts(
        en="Property '{field}' of {class} may be left out but not be null.",
        fi="Luokan {class} ominaisuuden '{field}' voi jättää pois, mutta se ei voi olla null.",
        sv="Egenskapen '{field}' i klassen {class} kan utelämnas men får inte vara null.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if spec.required or spec.nullable:
            return None
        return lambda value: _NULL if value is None else None

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        return ("v is not None", {})
