"""S011: lists and strings that must not be empty."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.validators.rule import FieldChecker, FieldRule, Localized, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context


class NotEmpty(FieldRule):
    """Lists with a minimum size and strings with a minimum length are not empty.

    Anti-pattern: ``"planObjects": []``, ``"languages": []``, ``"documentIdentifier": ""``.

    Best practice: a plan for the public validation carries at least one plan object and
    one regulation group; documents name at least one language.
    """

    id = "S011"
    name = "not-empty"
    official_ids = ("quality__req_property_not_empty",)
    references = ("R-A04",)
    schema = True
    title = "Empty list or string"
    why = "The schema gives these properties a minimum number of items or characters."
    fix = "Add the missing items or text, or leave an optional property out."
    messages = texts(
        en="'{field}' of {class} must have at least {minimum} {unit}.",
        fi="Luokan {class} kentässä '{field}' tulee olla vähintään {minimum} {unit}.",
        sv="'{field}' i klassen {class} ska ha minst {minimum} {unit}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if spec.kind == "array" and spec.min_items:
            n = spec.min_items
            params = {"minimum": n, "unit": Localized(en="item(s)", fi="alkio(ta)", sv="element")}
            return lambda v: [("", params)] if type(v) is list and len(v) < n else None
        if spec.kind == "string" and spec.min_length:
            n = spec.min_length
            params = {
                "minimum": n,
                "unit": Localized(en="character(s)", fi="merkki(ä)", sv="tecken"),
            }
            return lambda v: [("", params)] if type(v) is str and len(v) < n else None
        return None

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        if spec.kind == "array" and spec.min_items:
            return (f"type(v) is not list or len(v) >= {int(spec.min_items)}", {})
        if spec.kind == "string" and spec.min_length:
            return (f"type(v) is not str or len(v) >= {int(spec.min_length)}", {})
        return None
