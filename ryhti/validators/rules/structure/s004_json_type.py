"""S004: every property has the JSON type the schema declares."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ryhti.model import Model
from ryhti.validators.helpers import is_number, json_type
from ryhti.validators.rule import FieldChecker, FieldRule, Localized, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.findings import Finding
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context

#: Inline fast paths per JSON kind (``{Model}`` is filled in by the scan).
_FAST = {
    "string": "type(v) is str",
    "integer": "(type(v) is int or type(v) is float)",
    "number": "(type(v) is int or type(v) is float)",
    "boolean": "type(v) is bool",
    "object": "isinstance(v, {Model})",
    "value": "isinstance(v, ({Model}, dict))",
}

_EXPECTED = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object",
    "value": "a value object",
}


def _accepts(kind: str | None) -> Callable[[Any], bool] | None:
    if kind == "string":
        return lambda v: type(v) is str
    if kind == "integer":
        return is_number  # non-integral numbers: S010
    if kind == "number":
        return is_number
    if kind == "boolean":
        return lambda v: type(v) is bool
    if kind == "object":
        return lambda v: isinstance(v, Model)
    if kind == "value":
        return lambda v: isinstance(v, Model | dict)  # a dict without dataType: S005
    return None


class JsonType(FieldRule):
    """Each property holds the JSON type its schema declares.

    Anti-pattern::

        {"planKey": ["43ec642a-61d7-427d-9aa1-4046ca994b54"]}     # an array, not a string

    Best practice: ``{"planKey": "43ec642a-61d7-427d-9aa1-4046ca994b54"}``.
    """

    id = "S004"
    name = "json-type"
    official_ids = (
        "quality__req_json_deserialization_failure",
        "quality__req_json_list_deserialization_failure",
    )
    references = ("R-A01",)
    schema = True
    title = "Wrong JSON type"
    why = (
        "Syke's server cannot deserialise a property of the wrong type and rejects the whole "
        "message before any other check runs."
    )
    fix = "Write the property with the type the schema declares (see the message)."
    messages = texts(
        en="Property '{field}' of {class} must be {expected}, not {actual}.",
        fi="Luokan {class} ominaisuuden '{field}' tulee olla {expected}, ei {actual}.",
        sv="Egenskapen '{field}' i klassen {class} ska vara {expected}, inte {actual}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if spec.kind == "array":
            item_ok = _accepts(spec.item_kind)
            item_expected = _EXPECTED.get(spec.item_kind or "", "a value")

            def check_array(value: Any) -> Any:
                if value is None:
                    return None
                if type(value) is not list:
                    return [("", _params(f"an array of {_plural(item_expected)}", value))]
                if item_ok is None:
                    return None
                bad = [
                    (f"[{i}]", {**_params(item_expected, v), "official": "list"})
                    for i, v in enumerate(value)
                    if not item_ok(v)
                ]
                return bad or None

            return check_array
        ok = _accepts(spec.kind)
        if ok is None:
            return None
        expected = _EXPECTED[spec.kind]

        def check(value: Any) -> Any:
            if value is None or ok(value):
                return None
            return [("", _params(expected, value))]

        return check

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        item = _FAST.get(spec.item_kind or "") if spec.kind == "array" else None
        if spec.kind == "array":
            if item is None:
                return ("v is None or type(v) is list", {"Model": Model})
            return (
                "v is None or (type(v) is list and all(" + item.replace("v", "x") + " for x in v))",
                {"Model": Model},
            )
        expr = _FAST.get(spec.kind)
        return (f"v is None or {expr}", {"Model": Model}) if expr else None

    def check(self, ctx: Context) -> Iterator[Finding]:
        for issue in ctx.scan.issues.get(self.id, ()):
            params = dict(issue.params)
            official = (
                "quality__req_json_list_deserialization_failure"
                if params.pop("official", None) == "list"
                else None
            )
            yield self.finding(
                ctx,
                path=issue.path,
                object_key=issue.owner_key,
                official_id=official,
                **{"class": issue.cls_name, "field": issue.field, **params},
            )


#: The JSON types of the messages in Finnish and Swedish.
_WORDS = {
    "null": ("null", "null"),
    "a boolean": ("totuusarvo", "ett booleskt värde"),
    "a number": ("luku", "ett tal"),
    "a string": ("merkkijono", "en sträng"),
    "an array": ("taulukko", "en lista"),
    "an object": ("olio", "ett objekt"),
    "a whole number": ("kokonaisluku", "ett heltal"),
    "true or false": ("true tai false", "true eller false"),
    "a value object": ("arvo-olio", "ett värdeobjekt"),
    "a value": ("arvo", "ett värde"),
    "an array of strings": ("merkkijonojen taulukko", "en lista av strängar"),
    "an array of whole numbers": ("kokonaislukujen taulukko", "en lista av heltal"),
    "an array of objects": ("olioiden taulukko", "en lista av objekt"),
}


def _words(text: str) -> Localized:
    fi, sv = _WORDS.get(text, (text, text))
    return Localized(en=text, fi=fi, sv=sv)


def _plural(text: str) -> str:
    return {"a string": "strings", "a whole number": "whole numbers"}.get(text, "objects")


def _params(expected: str, value: Any) -> dict[str, Any]:
    return {"expected": _words(expected), "actual": _words(json_type(value))}
