"""S002: required properties are present and not null."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.model import UNSET
from ryhti.validators.rule import FieldChecker, FieldRule, Localized, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context

_MISSING = [("", {"state": Localized(en="missing", fi="puuttuu", sv="saknas")})]
_NULL = [("", {"state": Localized(en="null", fi="on null", sv="är null")})]


class RequiredProperty(FieldRule):
    """Required properties must be given a value.

    Anti-pattern: a plan object without ``undergroundStatus``, or with ``"lifeCycleStatus": null``.

    Best practice: fill every property the schema marks required (``planKey``,
    ``lifeCycleStatus``, ``geographicalArea``, ``planObjects`` … of the plan;
    ``planObjectKey``, ``lifeCycleStatus``, ``undergroundStatus``, ``geometry`` of an object).
    """

    id = "S002"
    name = "required-property"
    official_ids = ("quality__req_property_not_empty", "quality__req_attribute_property_not_empty")
    references = ("R-A03",)
    schema = True
    sees_unset = True
    title = "Required property missing or null"
    why = "Syke's validator refuses a message whose required properties are absent or null."
    fix = "Give the property a value of the right type."
    messages = texts(
        en="Required property '{field}' of {class} is {state}.",
        fi="Luokan {class} pakollinen ominaisuus '{field}' {state}.",
        sv="Den obligatoriska egenskapen '{field}' i klassen {class} {state}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if not spec.required:
            return None

        def check(value: Any) -> Any:
            if value is UNSET:
                return _MISSING
            if value is None:
                return _NULL
            return None

        return check

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        return ("v is not None", {}) if spec.required else None
