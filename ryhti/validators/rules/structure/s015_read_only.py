"""S015: read-only properties are not sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.findings import Severity
from ryhti.validators.rule import FieldChecker, FieldRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context

_SENT: list[tuple[str, dict[str, Any]]] = [("", {})]


class ReadOnlyProperty(FieldRule):
    """Properties the server assigns (``planUri``, ``planObjectUri`` …) are not sent.

    Anti-pattern: copying a stored plan back with its ``planObjectUri`` values.

    Best practice: send keys (``planObjectKey``); the server forms the URIs.
    """

    id = "S015"
    name = "read-only-property"
    references = ("R-A14",)
    severity = Severity.WARNING
    title = "Read-only property sent"
    why = (
        "These properties are assigned by Syke's server; what it does with a value sent by a "
        "client is not documented, so sending them risks a rejection or a silent overwrite."
    )
    fix = "Leave the property out."
    messages = texts(
        en="'{field}' of {class} is assigned by the server; leave it out.",
        fi="Luokan {class} kentän '{field}' antaa palvelin; jätä se pois.",
        sv="'{field}' i klassen {class} tilldelas av servern; utelämna den.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if not spec.read_only:
            return None
        return lambda value: _SENT if value is not None else None

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        return ("v is None", {})
