"""S006: enumerated properties take only their listed values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.validators.rule import FieldChecker, FieldRule, texts, value_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.findings import Finding
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context

#: Enumerated fields decided by a more specific rule: srid (G001).
_ELSEWHERE = {("RyhtiGeometry", "srid")}
#: Fields whose faults Syke reports with their own rule id.
_OFFICIAL = {
    ("PlanMap", "coordinateSystem"): "quality__req_plan_map_coordinate_system_must_be_etrs_tm35fin",
}


class EnumValue(FieldRule):
    """Properties with a fixed set of values (not code lists) take one of them.

    Anti-pattern: ``"geometry": {"type": "Polygin", …}`` or a plan map with
    ``"coordinateSystem": "3880"``.

    Best practice: ``"type": "Polygon"``; ``"coordinateSystem":
    "http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067"``.
    """

    id = "S006"
    name = "enum-value"
    official_ids = (
        "quality__req_json_deserialization_failure",
        "quality__req_plan_map_coordinate_system_must_be_etrs_tm35fin",
    )
    references = ("R-A01", "R-C04", "R-C14")
    schema = True
    title = "Value not among the allowed ones"
    why = (
        "Enumerations such as the GeoJSON geometry type or the plan map's coordinate system "
        "have a closed set of values; anything else is rejected."
    )
    fix = "Use one of the values listed in the message (mind the spelling and case)."
    messages = texts(
        en="{value!r} is not an allowed value of '{field}' in {class}; allowed: {allowed}.",
        fi="{value!r} ei ole sallittu arvo luokan {class} kentässä '{field}'; sallitut: {allowed}.",
        sv="{value!r} är inte ett tillåtet värde för '{field}' i klassen {class}; tillåtna: {allowed}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if not spec.enum or (cls.schema_name, spec.json) in _ELSEWHERE:
            return None
        allowed = frozenset(spec.enum)
        listed = ", ".join(spec.enum)
        official = _OFFICIAL.get((cls.schema_name, spec.json))

        def problem(value: Any) -> dict[str, Any] | None:
            if isinstance(value, str) and value not in allowed:
                return {"value": value, "allowed": listed, "official": official}
            return None

        return value_checker(problem, items=spec.kind == "array")

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        if not spec.enum or spec.kind == "array" or (cls.schema_name, spec.json) in _ELSEWHERE:
            return None
        return ("type(v) is not str or v in {allowed}", {"allowed": frozenset(spec.enum)})

    def check(self, ctx: Context) -> Iterator[Finding]:
        for issue in ctx.scan.issues.get(self.id, ()):
            params = dict(issue.params)
            official = params.pop("official", None)
            yield self.finding(
                ctx,
                path=issue.path,
                object_key=issue.owner_key,
                official_id=official or self.official_ids[0],
                **{"class": issue.cls_name, "field": issue.field, **params},
            )
