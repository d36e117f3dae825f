"""The hand-written model classes agree, field by field, with the official OpenAPI.

For every component schema of the public Validate API and the X-Road plan service
that the model covers, compare: property names, required, nullable, JSON type,
format, array item type, readOnly, minItems/maxItems/minLength, enum-ness and,
for code-list enums, the code list. The official files are read from the shared
reference material; the test skips when it is absent.
"""

from __future__ import annotations

import json

import pytest

from ryhti.model import CLASSES, Model
from tests.conftest import reference_path

SPECS = {
    "public": "ryhti/openapi/ryhti-plan-public-validate-api.json",
    "service": "ryhti/openapi/planService-OpenApi.json",
}

# Official schemas the model folds into one class (GeoJSON per type -> GeoJsonGeometry).
FOLDED = {
    "GeoJsonPointGeometry",
    "GeoJsonMultiPointGeometry",
    "GeoJsonLineStringGeometry",
    "GeoJsonMultiLineStringGeometry",
    "GeoJsonPolygonGeometry",
    "GeoJsonMultiPolygonGeometry",
}
# Response/command classes that belong to the API client, not to the payload model.
NOT_PAYLOAD = {
    "ProblemDetails",
    "ValidationProblemDetails",
    "CustomValidationProblemDetails",
    "CustomValidationError",
    "LocalizedMessage",
    "SuccessResponse",
    "HealthReport",
    "HealthReportEntry",
    "File",
    "BindingPlotDivisionMatterResponse",
    "PlanEffects",
    "PlanEffectsPlot",
}


def _components(which: str) -> dict:
    path = reference_path(SPECS[which])
    return json.loads(path.read_text(encoding="utf-8"))["components"]["schemas"]


def _merge(schema: dict, comps: dict) -> dict:
    """Resolve a property schema: single-item allOf/$ref wrappers are unwrapped."""
    out = dict(schema)
    if "allOf" in out and len(out["allOf"]) == 1:
        inner = out.pop("allOf")[0]
        out = {**inner, **out}
    return out


def _ref_name(schema: dict) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[1] if ref else None


def _json_type(schema: dict) -> str:
    if "$ref" in schema:
        return "ref"
    if "oneOf" in schema:
        return "oneOf"
    return schema.get("type", "any")


def _codelist_of(enum: list[str]) -> str | None:
    first = enum[0]
    if "/codelist/rytj/" in first and "/code/" in first:
        return first.split("/code/")[0].rsplit("/", 1)[1]
    return None


def _model_kind(spec) -> str:
    return {"object": "ref", "value": "oneOf"}.get(spec.kind, spec.kind)


CASES = []
for which in SPECS:
    CASES.append(which)


@pytest.mark.parametrize("which", CASES)
def test_model_fields_match_official(which: str) -> None:
    comps = _components(which)
    problems: list[str] = []
    checked = 0
    for name, schema in comps.items():
        if (
            name in FOLDED
            or name in NOT_PAYLOAD
            or name.startswith(("LandUseRestriction", "BuildingOrdinance"))
        ):
            continue
        # GeoJsonGeometry and AttributeValue are abstract bases of the folded/tagged types.
        if name.startswith("Reserve") or name in ("GeoJsonGeometry", "AttributeValue"):
            continue
        cls = CLASSES.get(name)
        if cls is None:
            problems.append(f"{name}: no model class")
            continue
        checked += 1
        problems.extend(_compare(name, schema, cls, comps))
    assert checked > 30
    assert not problems, "\n".join(problems)


def _compare(name: str, schema: dict, cls: type[Model], comps: dict) -> list[str]:
    out: list[str] = []
    props = dict(schema.get("properties", {}))
    required = set(schema.get("required", []))
    specs = {s.json: s for s in cls.specs()}
    if set(props) != set(specs):
        out.append(
            f"{name}: official-only {sorted(set(props) - set(specs))}, model-only {sorted(set(specs) - set(props))}"
        )
    for key, raw in props.items():
        spec = specs.get(key)
        if spec is None:
            continue
        prop = _merge(raw, comps)
        where = f"{name}.{key}"
        if spec.required != (key in required):
            out.append(f"{where}: required official={key in required} model={spec.required}")
        if spec.nullable != bool(prop.get("nullable")):
            out.append(
                f"{where}: nullable official={bool(prop.get('nullable'))} model={spec.nullable}"
            )
        if spec.read_only != bool(prop.get("readOnly")):
            out.append(
                f"{where}: readOnly official={bool(prop.get('readOnly'))} model={spec.read_only}"
            )
        for attr, off in (
            ("min_items", "minItems"),
            ("max_items", "maxItems"),
            ("min_length", "minLength"),
        ):
            if getattr(spec, attr) != prop.get(off):
                out.append(f"{where}: {off} official={prop.get(off)} model={getattr(spec, attr)}")
        otype = _json_type(prop)
        folded_geometry = otype == "oneOf" and spec.kind == "object"
        if (
            otype != _model_kind(spec)
            and not folded_geometry
            and not (otype == "any" and spec.kind == "any")
        ):
            out.append(f"{where}: type official={otype} model={spec.kind}")
        if otype == "ref":
            target = _ref_name(prop)
            expected = "GeoJsonGeometry" if target in FOLDED else target
            if spec.model is None or spec.model.schema_name != expected:
                out.append(
                    f"{where}: refers official={target} model={spec.model and spec.model.schema_name}"
                )
        if otype == "oneOf":
            targets = {_ref_name(x) for x in prop["oneOf"]}
            if spec.kind == "object":  # RyhtiGeometry.geometry: one folded class
                if not targets <= FOLDED:
                    out.append(f"{where}: oneOf {targets} folded wrongly")
            elif len(targets) != 15:
                out.append(f"{where}: value oneOf has {len(targets)} members")
        fmt = prop.get("format")
        if otype == "array":
            items = _merge(prop.get("items", {}), comps)
            fmt = items.get("format")
            itype = _json_type(items)
            model_item = {"object": "ref", "value": "oneOf"}.get(spec.item_kind, spec.item_kind)
            if itype != model_item:
                out.append(f"{where}[]: item type official={itype} model={spec.item_kind}")
            if itype == "ref" and (
                spec.item_model is None or spec.item_model.schema_name != _ref_name(items)
            ):
                out.append(f"{where}[]: refers official={_ref_name(items)} model={spec.item_model}")
            enum = items.get("enum")
        else:
            enum = prop.get("enum")
        if fmt in ("uuid", "date", "date-time") and spec.fmt != fmt:
            out.append(f"{where}: format official={fmt} model={spec.fmt}")
        if fmt not in ("uuid", "date", "date-time") and spec.fmt in ("uuid", "date", "date-time"):
            out.append(f"{where}: format official={fmt} model={spec.fmt}")
        if enum:
            codelist = _codelist_of(enum)
            if codelist:
                if spec.codelist != codelist or not spec.closed:
                    out.append(
                        f"{where}: enum of code list {codelist}, model codelist={spec.codelist} closed={spec.closed}"
                    )
            elif key != "dataType" and tuple(enum) != spec.enum:
                out.append(f"{where}: enum official={enum} model={spec.enum}")
        elif spec.enum or (spec.codelist and spec.closed):
            out.append(f"{where}: model enumerates values the official description leaves free")
    return out
