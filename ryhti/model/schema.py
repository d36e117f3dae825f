"""The project's own JSON Schema (draft 2020-12), generated from the model's fields.

One declaration of each field (``ryhti.model``) feeds the loader, the structural
validator and this schema, so they cannot drift apart. Code-list enums come from
whatever code source the caller gives: the project's files take the dated code-list
snapshot's, and ``python -m ryhti.codelists.schema`` rewrites
``schemas/ValidatePlan.schema.json`` and ``schemas/PlanMatterCreate.schema.json``;
a test checks the committed files are current.

Differences from the official OpenAPI 3.0 components, on purpose:
- value objects and GeoJSON geometries are discriminated by ``dataType`` and
  ``type`` (``oneOf`` + ``const``), as the server reads them; the official
  ``oneOf`` over look-alike members cannot be used by a plain JSON Schema
  validator;
- ``nullable: true`` becomes a ``null`` member of the type;
- ``int32`` becomes an integer range.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ryhti.model.base import FieldSpec, Model
from ryhti.model.common import COORDINATE_DEPTH, GeoJsonGeometry
from ryhti.model.values import VALUE_CLASSES, AttributeValue

__all__ = ["SCHEMA_FILES", "CodeSource", "build_schema"]

INT32 = {"minimum": -(2**31), "maximum": 2**31 - 1}
DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://ryhti.example/schemas/"

#: Root class name -> file name under ``schemas/``.
SCHEMA_FILES = {
    "ValidatePlan": "ValidatePlan.schema.json",
    "PlanMatterCreate": "PlanMatterCreate.schema.json",
}

CodeSource = Callable[[str], list[str] | None]


def build_schema(root: type[Model], codes: CodeSource) -> dict[str, Any]:
    """JSON Schema for documents whose top level is ``root``; ``codes(list_id)`` gives the
    code URIs of a code list for its enum (``None``: no enum). The project's files are
    built with the snapshot's codes by :mod:`ryhti.codelists.schema`, the layer above."""
    defs: dict[str, Any] = {}
    pending: list[type[Model]] = [root]
    seen: set[str] = set()
    while pending:
        cls = pending.pop()
        if cls.schema_name in seen:
            continue
        seen.add(cls.schema_name)
        defs[cls.schema_name] = _object_schema(cls, codes, pending)
    defs = dict(sorted(defs.items()))
    return {
        "$schema": DIALECT,
        "$id": BASE_ID + SCHEMA_FILES.get(root.schema_name, f"{root.schema_name}.schema.json"),
        "title": root.schema_name,
        "description": (root.__doc__ or "").strip().splitlines()[0],
        "$ref": f"#/$defs/{root.schema_name}",
        "$defs": defs,
    }


def _object_schema(
    cls: type[Model], codes: CodeSource, pending: list[type[Model]]
) -> dict[str, Any]:
    if cls is AttributeValue:
        pending.extend(VALUE_CLASSES.values())
        return {
            "description": "A value object, discriminated by dataType.",
            "type": "object",
            "required": ["dataType"],
            "properties": {"dataType": {"enum": list(VALUE_CLASSES)}},
            "allOf": [
                {
                    "if": {"properties": {"dataType": {"const": name}}},
                    "then": {"$ref": f"#/$defs/{value_cls.schema_name}"},
                }
                for name, value_cls in VALUE_CLASSES.items()
            ],
        }
    if cls is GeoJsonGeometry:
        return _geometry_schema()
    props: dict[str, Any] = {}
    required: list[str] = []
    for spec in cls.specs():
        props[spec.json] = _property_schema(spec, codes, pending)
        if spec.required:
            required.append(spec.json)
    if issubclass(cls, AttributeValue) and cls is not AttributeValue:
        props["dataType"] = {"const": cls.DATA_TYPE}
    out: dict[str, Any] = {"type": "object"}
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc:
        out["description"] = doc[0]
    out["properties"] = props
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def _scalar(spec: FieldSpec, kind: str, codes: CodeSource) -> dict[str, Any]:
    if kind == "string":
        out: dict[str, Any] = {"type": "string"}
        if spec.fmt in ("uuid", "date", "date-time"):
            out["format"] = spec.fmt
        if spec.min_length:
            out["minLength"] = spec.min_length
        if spec.enum:
            out["enum"] = list(spec.enum)
        elif spec.codelist and spec.closed:
            uris = codes(spec.codelist)
            if uris:
                out["enum"] = uris
            else:
                out["pattern"] = (
                    rf"^http://uri\.suomi\.fi/codelist/rytj/{spec.codelist}/code/[^/]+$"
                )
        return out
    if kind == "integer":
        return {"type": "integer", **(INT32 if spec.fmt == "int32" else {})}
    if kind == "number":
        return {"type": "number"}
    if kind == "boolean":
        return {"type": "boolean"}
    return {}


def _value_schema(
    spec: FieldSpec,
    kind: str,
    model: type[Model] | None,
    codes: CodeSource,
    pending: list[type[Model]],
) -> dict[str, Any]:
    """One value of a property (the property itself, or an array's item): a nested model or a
    value object by reference (queued for ``$defs``), else a scalar."""
    if kind == "object":
        assert model is not None
        pending.append(model)
        return {"$ref": f"#/$defs/{model.schema_name}"}
    if kind == "value":
        pending.append(AttributeValue)
        return {"$ref": "#/$defs/AttributeValue"}
    return _scalar(spec, kind, codes)


def _property_schema(
    spec: FieldSpec, codes: CodeSource, pending: list[type[Model]]
) -> dict[str, Any]:
    if spec.kind == "array":
        items = _value_schema(spec, spec.item_kind or "any", spec.item_model, codes, pending)
        inner: dict[str, Any] = {"type": "array", "items": items}
        if spec.min_items is not None:
            inner["minItems"] = spec.min_items
        if spec.max_items is not None:
            inner["maxItems"] = spec.max_items
    else:
        inner = _value_schema(spec, spec.kind, spec.model, codes, pending)
    if spec.doc:
        inner = {**inner, "description": spec.doc}
    if spec.read_only:
        inner = {**inner, "readOnly": True}
    if spec.deprecated:
        inner = {**inner, "deprecated": True}
    if not spec.nullable:
        return inner
    if "$ref" in inner:
        return {"anyOf": [inner, {"type": "null"}]}
    out = dict(inner)
    out["type"] = [inner["type"], "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def _geometry_schema() -> dict[str, Any]:
    def nested(depth: int) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": {"type": "number"}}
        for _ in range(depth - 1):
            schema = {"type": "array", "items": schema}
        return schema

    return {
        "description": "A GeoJSON geometry, discriminated by type.",
        "type": "object",
        "required": ["type", "coordinates"],
        "properties": {"type": {"enum": list(COORDINATE_DEPTH)}, "coordinates": {}},
        "additionalProperties": False,
        "allOf": [
            {
                "if": {"properties": {"type": {"const": name}}},
                "then": {"properties": {"coordinates": nested(depth)}},
            }
            for name, depth in COORDINATE_DEPTH.items()
        ],
    }
