"""Checks requests against Syke's official OpenAPI descriptions.

Every request the client sends to the fake server is matched to an operation of the
official description (method and path template), and its path and query parameters,
security header, content type and JSON body are checked. Bodies are validated with
the official components converted "as the server reads them" by the same conversion
the model's schema-conformance test uses (``tests/model/test_schema_conformance.py``):
``allOf`` subtypes merged, ``nullable`` as ``null``, tagged unions dispatched.

The X-Road description declares Bearer security globally, also on ``Authenticate``,
which cannot need a token (it issues one): that operation is the one exception.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from tests.model.test_schema_conformance import _convert

FORMATS = jsonschema.FormatChecker(["uuid", "date", "date-time"])


@dataclass
class Operation:
    method: str
    template: str
    pattern: re.Pattern[str]
    spec: dict[str, Any]


class Contract:
    """One OpenAPI description, ready to check requests."""

    def __init__(self, spec_path: Path, *, token_exempt: tuple[str, ...] = ()) -> None:
        self.spec = json.loads(spec_path.read_text(encoding="utf-8"))
        comps = self.spec["components"]["schemas"]
        self.defs = {name: _convert(schema, comps) for name, schema in comps.items()}
        self.token_exempt = token_exempt
        self.operations: list[Operation] = []
        for template, ops in self.spec["paths"].items():
            regex = "^" + re.sub(r"\\\{[^}]+\\\}", "([^/]+)", re.escape(template)) + "$"
            for method, op in ops.items():
                if method in ("get", "post", "put", "delete", "patch"):
                    self.operations.append(
                        Operation(method.upper(), template, re.compile(regex, re.I), op)
                    )
        # literal segments beat parameters (…/PermanentPlanIdentifier vs …/{id})
        self.operations.sort(key=lambda o: o.template.count("{"))
        self._validators: dict[str, Any] = {}

    def operation(self, method: str, path: str) -> Operation | None:
        for op in self.operations:
            if op.method == method and op.pattern.match(path):
                return op
        return None

    def _schema_validator(self, schema: dict[str, Any]) -> Any:
        key = json.dumps(schema, sort_keys=True)
        if key not in self._validators:
            converted = _convert(schema, self.spec["components"]["schemas"])
            full = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                **converted,
                "$defs": self.defs,
            }
            self._validators[key] = jsonschema.Draft202012Validator(full, format_checker=FORMATS)
        return self._validators[key]

    def check(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes,
    ) -> tuple[list[str], list[str]]:
        """``(violations, body_violations)`` of one request; both empty when it conforms."""
        op = self.operation(method, path)
        if op is None:
            return [f"{method} {path}: no such operation in the official description"], []
        problems: list[str] = []
        lower = {k.lower(): v for k, v in headers.items()}
        # parameters
        path_values = dict(
            zip(
                re.findall(r"\{([^}]+)\}", op.template),
                op.pattern.match(path).groups(),
                strict=True,
            )  # type: ignore[union-attr]
        )
        for param in op.spec.get("parameters", []):
            name, where = param["name"], param["in"]
            schema = param.get("schema", {})
            if where == "query":
                values = query.get(name)
                if not values:
                    if param.get("required"):
                        problems.append(f"query parameter {name} is required")
                    continue
                items = values if schema.get("type") == "array" else values[:1]
                if schema.get("type") != "array" and len(values) > 1:
                    problems.append(f"query parameter {name} given {len(values)} times")
                for value in items:
                    if not value:
                        problems.append(f"query parameter {name} is empty")
            elif where == "path":
                value = path_values.get(name, "")
                if schema.get("format") == "uuid" and not FORMATS.conforms(value, "uuid"):
                    problems.append(f"path parameter {name} is not a UUID: {value!r}")
        known = {p["name"] for p in op.spec.get("parameters", [])} | {"subscription-key"}
        for name in query:
            if name not in known:
                problems.append(f"unknown query parameter {name}")
        # security
        security = op.spec.get("security", self.spec.get("security", []))
        if security and op.template not in self.token_exempt:
            satisfied = False
            for requirement in security:
                for scheme_name in requirement:
                    scheme = self.spec["components"]["securitySchemes"][scheme_name]
                    if scheme["type"] == "apiKey" and scheme["in"] == "header":
                        value = lower.get(scheme["name"].lower(), "")
                        if scheme["name"] == "Authorization":
                            satisfied |= value.startswith("Bearer ") and len(value) > 7
                        else:
                            satisfied |= bool(value)
                    elif scheme["type"] == "apiKey" and scheme["in"] == "query":
                        satisfied |= bool(query.get(scheme["name"]))
            if not satisfied:
                problems.append("no credentials for the operation's security scheme")
        # body
        body_problems: list[str] = []
        request_body = op.spec.get("requestBody")
        if request_body is None:
            if body:
                problems.append("a body was sent to an operation that takes none")
            return problems, body_problems
        if not body:
            if request_body.get("required"):
                problems.append("the request body is required")
            return problems, body_problems
        ctype = lower.get("content-type", "").split(";")[0].strip()
        content = request_body["content"]
        if ctype not in content:
            problems.append(f"content type {ctype!r} is not one of {sorted(content)}")
            return problems, body_problems
        schema = content[ctype].get("schema", {})
        if ctype == "multipart/form-data":
            for field in schema.get("required", []):
                if f'name="{field}"'.encode() not in body:
                    problems.append(f"multipart part {field!r} is missing")
            if body.count(b"Content-Disposition: form-data") != 1:
                problems.append("exactly one multipart part is allowed")
            return problems, body_problems
        try:
            data = json.loads(body)
        except ValueError:
            problems.append("the body is not JSON")
            return problems, body_problems
        validator = self._schema_validator(schema)
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))[:10]:
            where = "$" + "".join(
                f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path
            )
            body_problems.append(f"{where}: {error.message[:200]}")
        return problems, body_problems
