"""The project's JSON Schema agrees with the official OpenAPI components.

Both schemas are run over the official examples and over systematic mutations of
them (drop each required field, a wrong JSON type, null where not nullable, an
unknown property, a bad enum/code value), and must give the same verdict.

How the official components are read "as the server does". The OpenAPI 3.0
components cannot be given to a JSON Schema validator as they are: value objects
are written as ``allOf: [AttributeValue]`` plus their own properties with
``additionalProperties: false`` on both levels, so a plain validator rejects
every property of the subtype (tried: every official example fails on geometry
and value objects). The test therefore converts them:

1. ``allOf`` of a referenced base plus own properties is merged into one object
   (properties, required and ``additionalProperties: false`` of the union), as
   the server's classes inherit;
2. ``nullable: true`` adds ``null`` to the type (and to an enum); a nullable
   ``allOf: [$ref]`` becomes ``anyOf: [$ref, null]``;
3. the ``oneOf`` of value objects is dispatched on ``dataType``, and the
   ``oneOf`` of GeoJSON geometries on ``type`` (the server deserialises by the
   discriminator; the members overlap, so a literal ``oneOf`` would reject valid
   input);
4. ``format: int32`` becomes the int32 range; ``uuid``, ``date`` and
   ``date-time`` are checked by the same format checker on both sides.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

from ryhti.codelists.schema import build_schema, schemas_dir  # noqa: E402
from ryhti.model import KINDS, Model, from_json, walk  # noqa: E402
from ryhti.model.base import path_parts  # noqa: E402
from ryhti.model.schema import SCHEMA_FILES  # noqa: E402
from tests.conftest import REFERENCE, reference_path  # noqa: E402

OPENAPI = {
    "ValidatePlan": "ryhti/openapi/ryhti-plan-public-validate-api.json",
    "PlanMatterCreate": "ryhti/openapi/planService-OpenApi.json",
}
EXAMPLES = REFERENCE / "ryhti" / "examples"
FORMATS = jsonschema.FormatChecker(["uuid", "date", "date-time"])


# -- the official components, read as the server does ------------------------------------


def _ref(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[1] if ref else None


def _convert(node: Any, comps: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_convert(n, comps) for n in node]
    if not isinstance(node, dict):
        return node
    node = dict(node)
    nullable = node.pop("nullable", False)
    for key in ("description", "example", "readOnly", "deprecated", "discriminator"):
        node.pop(key, None)
    if node.get("format") == "int32":
        node.pop("format")
        node.update({"minimum": -(2**31), "maximum": 2**31 - 1})
    elif node.get("format") == "double":
        node.pop("format")
    if "$ref" in node:
        node["$ref"] = "#/$defs/" + _ref(node)
    parts = node.pop("allOf", None)
    if "oneOf" in node:
        members = [_ref(m) for m in node.pop("oneOf")]
        node.update(_dispatch(members))
    if parts:
        if "properties" in node:  # a subtype: merge the base's properties into it
            for part in parts:
                base = comps[_ref(part)]
                node["properties"] = {**base.get("properties", {}), **node["properties"]}
                node["required"] = sorted(
                    set(base.get("required", [])) | set(node.get("required", []))
                )
                if not node["required"]:
                    node.pop("required")
        elif len(parts) == 1:  # a property wrapping a $ref
            node.update(parts[0])
            node["$ref"] = "#/$defs/" + _ref(parts[0])
    if "properties" in node:
        node["properties"] = {k: _convert(v, comps) for k, v in node["properties"].items()}
    if "items" in node:
        node["items"] = _convert(node["items"], comps)
    if isinstance(node.get("additionalProperties"), dict):
        node["additionalProperties"] = _convert(node["additionalProperties"], comps)
    if nullable:
        if "type" in node and not {"$ref", "allOf", "properties"} & set(node):
            node["type"] = [node["type"], "null"]
            if "enum" in node:
                node["enum"] = [*node["enum"], None]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def _dispatch(members: list[str]) -> dict[str, Any]:
    """A oneOf over tagged members -> if/then on the tag (dataType or GeoJSON type)."""
    if all(m.startswith("GeoJson") for m in members):
        tag, names = (
            "type",
            {m: m.removeprefix("GeoJson").removesuffix("Geometry") for m in members},
        )
    else:
        tag, names = "dataType", {m: m.removesuffix("Value") for m in members}
    return {
        "type": "object",
        "required": [tag],
        "properties": {tag: {"enum": list(names.values())}},
        "allOf": [
            {"if": {"properties": {tag: {"const": value}}}, "then": {"$ref": f"#/$defs/{member}"}}
            for member, value in names.items()
        ],
    }


def official_schema(root: str) -> dict[str, Any]:
    comps = json.loads(reference_path(OPENAPI[root]).read_text(encoding="utf-8"))["components"][
        "schemas"
    ]
    defs = {name: _convert(schema, comps) for name, schema in comps.items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": f"#/$defs/{root}",
        "$defs": defs,
    }


def project_schema(root: str) -> dict[str, Any]:
    return json.loads((schemas_dir() / SCHEMA_FILES[root]).read_text(encoding="utf-8"))


def _validator(schema: dict[str, Any]) -> Any:
    return jsonschema.Draft202012Validator(schema, format_checker=FORMATS)


# -- examples and their mutations -------------------------------------------------------


def _examples(root: str) -> list[tuple[str, dict[str, Any]]]:
    if not EXAMPLES.exists():
        return []
    kind = {"ValidatePlan": "plan", "PlanMatterCreate": "matter"}[root]
    out = []
    for path in sorted(EXAMPLES.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue
        from ryhti.model import kind_of

        if (
            isinstance(data, dict)
            and kind_of(data) == kind
            and ("planObjects" in data or kind == "matter")
        ):
            out.append((str(path.relative_to(EXAMPLES)), data))
            if kind == "matter":
                out.append((f"{path.relative_to(EXAMPLES)} (repaired)", _repair_matter(data)))
    return out


def _repair_matter(data: dict[str, Any]) -> dict[str, Any]:
    """Fix the two ways Spatineo's matter example predates the current spec, so that
    mutations start from a document both schemas accept: plan maps must now name the
    EPSG3067 code URI (the example has '3880'), and source-data files need a fileKey."""
    fixed = copy.deepcopy(data)
    for phase in fixed.get("planMatterPhases", []):
        for plan in (phase.get("planDecision") or {}).get("plans") or []:
            for plan_map in plan.get("planMaps") or []:
                plan_map["coordinateSystem"] = (
                    "http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067"
                )
    for source in fixed.get("sourceDatas") or []:
        for file in source.get("files") or []:
            file.setdefault("fileKey", "9b2ac8b5-3f35-4c43-8a3e-0e0f3c1f7a11")
    return fixed


def _get(doc: Any, path: str) -> Any:
    node = doc
    for part in path_parts(path):
        node = node[part]
    return node


WRONG = {
    "string": 12345,
    "integer": "12",
    "number": "1.5",
    "boolean": "true",
    "array": {"not": "an array"},
    "object": "not an object",
    "value": "not a value",
    "any": "not coordinates",
}


def mutations(
    data: dict[str, Any], root: str, done: set[tuple[str, str, str]]
) -> list[tuple[str, dict[str, Any]]]:
    """(label, mutated copy): one of each kind per (class, field), at its first occurrence
    across all examples (``done`` carries what earlier examples already covered).

    Breaking kinds (drop a required field, wrong type, null where not nullable,
    unknown property, bad code) and harmless ones (drop an optional field, null
    where nullable), so that over-strictness shows as well as laxness.
    """
    doc = from_json(data, {"ValidatePlan": "plan", "PlanMatterCreate": "matter"}[root])
    out: list[tuple[str, dict[str, Any]]] = []
    for path, obj in walk(doc):
        cls: type[Model] = type(obj)
        node_done = (cls.schema_name, "", "unknown")
        if node_done not in done:
            done.add(node_done)
            out.append(
                (
                    f"{path}: unknown property",
                    _mutate(data, path, lambda n: n.__setitem__("zzUnknown", 1)),
                )
            )
        for spec in cls.specs():
            present = spec.json in _get(data, path)
            key = (cls.schema_name, spec.json)
            if spec.required and present and (*key, "drop") not in done:
                done.add((*key, "drop"))
                out.append(
                    (
                        f"{path}.{spec.json}: dropped",
                        _mutate(data, path, lambda n, k=spec.json: n.pop(k)),
                    )
                )
            if not spec.required and present and (*key, "drop-optional") not in done:
                done.add((*key, "drop-optional"))
                out.append(
                    (
                        f"{path}.{spec.json}: optional dropped",
                        _mutate(data, path, lambda n, k=spec.json: n.pop(k)),
                    )
                )
            if spec.nullable and (*key, "nullable") not in done:
                done.add((*key, "nullable"))
                out.append(
                    (
                        f"{path}.{spec.json}: set null",
                        _mutate(data, path, lambda n, k=spec.json: n.__setitem__(k, None)),
                    )
                )
            if not present:
                continue
            if (*key, "type") not in done:
                done.add((*key, "type"))
                wrong = WRONG[spec.kind]
                out.append(
                    (
                        f"{path}.{spec.json}: wrong type",
                        _mutate(data, path, lambda n, k=spec.json, w=wrong: n.__setitem__(k, w)),
                    )
                )
            if not spec.nullable and (*key, "null") not in done:
                done.add((*key, "null"))
                out.append(
                    (
                        f"{path}.{spec.json}: null",
                        _mutate(data, path, lambda n, k=spec.json: n.__setitem__(k, None)),
                    )
                )
            enumerated = spec.enum or (spec.codelist and spec.closed)
            if enumerated and (*key, "enum") not in done:
                done.add((*key, "enum"))
                bad = (
                    f"http://uri.suomi.fi/codelist/rytj/{spec.codelist}/code/doesNotExist"
                    if spec.codelist
                    else "NotAnAllowedValue"
                )
                value = [bad] if spec.kind == "array" else bad
                out.append(
                    (
                        f"{path}.{spec.json}: bad code",
                        _mutate(data, path, lambda n, k=spec.json, v=value: n.__setitem__(k, v)),
                    )
                )
    return out


def _mutate(data: dict[str, Any], path: str, change: Any) -> dict[str, Any]:
    copy_ = copy.deepcopy(data)
    change(_get(copy_, path))
    return copy_


ROOTS = ["ValidatePlan", "PlanMatterCreate"]


@pytest.mark.parametrize("root", ROOTS)
def test_committed_schema_is_current(root: str) -> None:
    built = build_schema(KINDS["plan" if root == "ValidatePlan" else "matter"])
    assert project_schema(root) == json.loads(json.dumps(built)), (
        "schemas/ is stale: run `python -m ryhti.codelists.schema`"
    )


@pytest.mark.parametrize("root", ROOTS)
def test_project_schema_agrees_with_official_on_examples_and_mutations(root: str) -> None:
    examples = _examples(root)
    if not examples:
        pytest.skip(f"no {root} examples under {EXAMPLES}")
    official = _validator(official_schema(root))
    ours = _validator(project_schema(root))
    disagreements: list[str] = []
    counted = {"valid examples": 0, "mutations": 0, "rejected mutations": 0}
    done: set[tuple[str, str, str]] = set()
    for name, data in examples:
        off_ok, our_ok = official.is_valid(data), ours.is_valid(data)
        if off_ok != our_ok:
            disagreements.append(f"{name}: official={off_ok} ours={our_ok}")
        counted["valid examples"] += off_ok
        if not off_ok:
            continue  # mutating a document both reject tells nothing
        for label, mutated in mutations(data, root, done):
            off_m, our_m = official.is_valid(mutated), ours.is_valid(mutated)
            counted["mutations"] += 1
            counted["rejected mutations"] += not off_m
            if off_m != our_m:
                disagreements.append(f"{name} {label}: official={off_m} ours={our_m}")
    print(root, counted)
    assert counted["valid examples"] >= 1, "mutations need at least one base both schemas accept"
    assert counted["mutations"] > 100
    assert 0 < counted["rejected mutations"] < counted["mutations"]
    assert not disagreements, "\n".join(disagreements[:40])


def test_official_components_fail_when_read_literally() -> None:
    """Why the conversion is needed: the literal components reject valid examples."""
    examples = _examples("ValidatePlan")
    if not examples:
        pytest.skip("no examples")
    comps = json.loads(reference_path(OPENAPI["ValidatePlan"]).read_text(encoding="utf-8"))[
        "components"
    ]
    literal = json.loads(json.dumps(comps).replace("#/components/schemas/", "#/$defs/"))
    schema = {"$ref": "#/$defs/ValidatePlan", "$defs": literal["schemas"]}
    validator = jsonschema.Draft202012Validator(schema)
    assert not any(validator.is_valid(data) for _, data in examples)


def test_schema_files_are_installed_with_the_package() -> None:
    from ryhti.schemas import path

    for filename in SCHEMA_FILES.values():
        assert path(filename).is_file(), filename
    assert Path(schemas_dir()).is_dir()
