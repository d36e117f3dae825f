"""A local stand-in for the Ryhti API, started by the tests on 127.0.0.1.

It implements the official contract: the public Validate API under ``/public`` and the
X-Road plan service under ``/r1/FI-TEST/GOV/0996189-5/Ryhti-Syke-service/planService``
(the path Gispo's X-Road mock uses), with the answer shapes of Syke's descriptions and of
the recorded real answers. It keeps plan matters, phases, reserved identifiers, tokens
and files in memory, records every request, and checks each one against the official
OpenAPI (``tests/api/contract.py``) when the reference material is present.

Faults are scripted per route: ``server.script("validate-plan", Fault(status=503), …)``
answers the next requests of that route with the faults in order, then normally.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PUBLIC_PREFIX = "/public"
XROAD_PREFIX = "/r1/FI-TEST/GOV/0996189-5/Ryhti-Syke-service/planService"

CLIENT_ID = "test-client"
CLIENT_SECRET = "s3cret-Client-Secret-0123"
SUBSCRIPTION_KEY = "sub-Key-abcdef-9876543210"
XROAD_CLIENT = "FI-TEST/COM/2455538-5/ryhti-test-client"

FAMILIES = {
    "LocalDetailedPlanMatter": "AK",
    "LocalMasterPlanMatter": "YK",
    "RegionalPlanMatter": "MK",
}
URI_BASE = "https://uri.rakennetunymparistontietojarjestelma.fi"


@dataclass
class Fault:
    """One scripted answer: a status with a body, a delay, or raw (malformed) bytes."""

    status: int = 200
    body: Any = None
    raw: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    then_normal: bool = False  # after the delay, answer normally (a slow but fine answer)


@dataclass
class Recorded:
    method: str
    path: str
    route: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    violations: list[str]
    body_violations: list[str]


class FakeRyhti:
    """The server and its state; use as a context manager."""

    def __init__(self, contracts: dict[str, Any] | None = None) -> None:
        self.contracts = contracts or {}
        self.requests: list[Recorded] = []
        self.faults: dict[str, list[Fault]] = {}
        self.answers: dict[str, list[tuple[int, Any]]] = {}
        self.tokens: dict[str, float] = {}
        self.token_lifetime = 3600
        self.reserved: dict[tuple[str, str], str] = {}
        self.matters: dict[str, dict[str, Any]] = {}
        self.phases: dict[tuple[str, str], dict[str, Any]] = {}
        self.files: dict[str, bytes] = {}
        self.health_status = "Healthy"
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------
    def __enter__(self) -> FakeRyhti:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def public_url(self) -> str:
        return self.base + PUBLIC_PREFIX

    @property
    def xroad_url(self) -> str:
        return self.base + XROAD_PREFIX

    # -- scripting -----------------------------------------------------------------------
    def script(self, route: str, *faults: Fault) -> None:
        self.faults.setdefault(route, []).extend(faults)

    def answer(self, route: str, status: int, body: Any) -> None:
        """Answer the next request of ``route`` with ``status`` and JSON ``body``."""
        self.answers.setdefault(route, []).append((status, body))

    def expire_tokens(self) -> None:
        self.tokens.clear()

    def routes(self) -> list[str]:
        return [r.route for r in self.requests]

    def violations(self) -> list[str]:
        return [f"{r.method} {r.path}: {v}" for r in self.requests for v in r.violations]

    def body_violations(self) -> list[str]:
        return [f"{r.method} {r.path}: {v}" for r in self.requests for v in r.body_violations]


def _problem(status: int, title: str, detail: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "type": f"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
        "title": title,
        "status": status,
        "detail": detail,
        **extra,
    }


def _validation(
    errors: list[dict[str, Any]], warnings: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "type": "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/422",
        "title": "One or more validation errors occurred.",
        "status": 422,
        "errors": errors,
        "warnings": warnings or [],
        "traceId": "00-" + uuid.uuid4().hex + "-" + uuid.uuid4().hex[:16] + "-00",
    }


def _error(rule: str, message: str, instance: str, key: str | None = None) -> dict[str, Any]:
    out = {
        "ruleId": rule,
        "message": message,
        "localizedMessage": {"fi": message, "sv": message, "en": message},
        "instance": instance,
    }
    if key:
        out["classKey"] = key
    return out


class _Handler(BaseHTTPRequestHandler):
    fake: FakeRyhti
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    # -- plumbing --------------------------------------------------------------------------
    def _send(
        self,
        status: int,
        body: Any = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> None:
        data = (
            raw if raw is not None else (b"" if body is None else json.dumps(body).encode("utf-8"))
        )
        try:
            self.send_response(status)
            content_type = "application/json; charset=utf-8"
            if raw is not None:
                content_type = (headers or {}).get("Content-Type", "text/html")
            if data:
                self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                if name != "Content-Type":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _handle(self, method: str) -> None:
        fake = self.fake
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k: v for k, v in self.headers.items()}
        if url.path.startswith(PUBLIC_PREFIX + "/"):
            service, path = "public", url.path[len(PUBLIC_PREFIX) :]
        elif url.path.startswith(XROAD_PREFIX + "/"):
            service, path = "xroad", url.path[len(XROAD_PREFIX) :]
        else:
            self._send(404, _problem(404, "Not Found"))
            return
        route, params = _route(method, path)
        violations: list[str] = []
        body_violations: list[str] = []
        contract = fake.contracts.get(service)
        if contract is not None:
            violations, body_violations = contract.check(method, path, query, headers, body)
        if service == "xroad" and headers.get("X-Road-Client") != XROAD_CLIENT:
            violations.append("X-Road-Client header missing or wrong")
        with fake.lock:
            fake.requests.append(
                Recorded(method, path, route, query, headers, body, violations, body_violations)
            )
            faults = fake.faults.get(route)
            fault = faults.pop(0) if faults else None
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if not fault.then_normal:
                raw = fault.raw
                if raw == b"ECHO":  # a misbehaving proxy that echoes the request headers
                    echoed = {
                        k: v
                        for k, v in headers.items()
                        if k.lower() in ("authorization", "ocp-apim-subscription-key")
                    }
                    raw = ("<html>" + json.dumps(echoed) + "</html>").encode()
                self._send(fault.status, fault.body, fault.headers, raw)
                return
        if route == "unknown":
            self._send(404, _problem(404, "Not Found", f"no route for {method} {path}"))
            return
        handler = getattr(self, "r_" + route.replace("-", "_"))
        try:
            handler(query, headers, body, **params)
        except _Answer as answer:
            self._send(answer.status, answer.body, answer.headers)

    def _scripted(self, route: str) -> None:
        with self.fake.lock:
            queue = self.fake.answers.get(route)
            scripted = queue.pop(0) if queue else None
        if scripted is not None:
            raise _Answer(*scripted)

    def _json(self, body: bytes) -> Any:
        try:
            return json.loads(body)
        except ValueError:
            raise _Answer(
                400,
                _problem(
                    400,
                    "Error deserializing JSON request body",
                    errors=[
                        _error(
                            "quality__req_json_deserialization_failure",
                            "Invalid JSON message.",
                            "$",
                        )
                    ],
                ),
            ) from None

    def _bearer(self, headers: dict[str, str]) -> None:
        value = headers.get("Authorization", "")
        token = value.removeprefix("Bearer ").strip()
        expires = self.fake.tokens.get(token)
        if not value.startswith("Bearer ") or expires is None or time.monotonic() > expires:
            raise _Answer(401, _problem(401, "Unauthorized"), {"WWW-Authenticate": "Bearer"})

    # -- public Validate API -------------------------------------------------------------------
    def r_validate_plan(self, query: Any, headers: dict[str, str], body: bytes) -> None:
        if headers.get("Ocp-Apim-Subscription-Key") != SUBSCRIPTION_KEY:
            raise _Answer(
                401,
                {"statusCode": 401, "message": "Access denied due to invalid subscription key."},
            )
        self._scripted("validate-plan")
        plan = self._json(body)
        if not isinstance(plan, dict) or "planKey" not in plan:
            raise _Answer(
                400,
                _problem(
                    400,
                    "Error deserializing JSON request body",
                    errors=[
                        _error(
                            "quality__req_json_deserialization_failure",
                            "A value for the 'planDto' parameter or property was not provided.",
                            "planDto",
                        )
                    ],
                    warnings=[],
                ),
            )
        raise _Answer(200, None)

    # -- X-Road plan service ---------------------------------------------------------------------
    def r_authenticate(
        self, query: dict[str, list[str]], headers: dict[str, str], body: bytes
    ) -> None:
        self._scripted("authenticate")
        secret = self._json(body)
        if query.get("clientId") != [CLIENT_ID] or secret != CLIENT_SECRET:
            raise _Answer(401, _problem(401, "Unauthorized", "invalid client credentials"))
        token = "tok-" + uuid.uuid4().hex
        self.fake.tokens[token] = time.monotonic() + self.fake.token_lifetime
        raise _Answer(200, token, {"X-Token-Expires-In": str(self.fake.token_lifetime)})

    def r_health(self, query: Any, headers: dict[str, str], body: bytes) -> None:
        status = self.fake.health_status
        if status == "Unhealthy":
            raise _Answer(503, None)
        raise _Answer(
            200,
            {
                "status": status,
                "totalDuration": "00:00:00.0123",
                "entries": {"database": {"duration": "00:00:00.01", "status": status}},
            },
        )

    def r_file(self, query: dict[str, list[str]], headers: dict[str, str], body: bytes) -> None:
        self._bearer(headers)
        self._scripted("file")
        key = str(uuid.uuid4())
        self.fake.files[key] = body
        raise _Answer(201, key)

    def r_reserve(self, query: Any, headers: dict[str, str], body: bytes, family: str) -> None:
        self._bearer(headers)
        self._scripted("reserve")
        data = self._json(body)
        name = data.get("projectName") if isinstance(data, dict) else None
        if not name or not data.get("administrativeAreaIdentifier"):
            raise _Answer(
                422,
                _validation(
                    [
                        _error(
                            "quality__req_projectname_required",
                            "projectName is required",
                            "projectName",
                        )
                    ]
                ),
            )
        with self.fake.lock:
            existing = self.fake.reserved.get((family, name))
            if existing:
                raise _Answer(200, existing)
            ident = f"{FAMILIES[family]}-{len(self.fake.reserved) + 1:06d}"
            self.fake.reserved[(family, name)] = ident
        raise _Answer(201, ident)

    def _matter_checks(self, family: str, ident: str, data: Any, create: bool) -> None:
        errors = []
        if not isinstance(data, dict):
            raise _Answer(400, _problem(400, "Error deserializing JSON request body"))
        if data.get("permanentPlanIdentifier") != ident:
            errors.append(
                _error(
                    "quality__req_permanent_identifier_mismatch",
                    "permanentPlanIdentifier does not match the path",
                    "permanentPlanIdentifier",
                )
            )
        phases = data.get("planMatterPhases")
        if create and (not isinstance(phases, list) or len(phases) != 1):
            errors.append(
                _error(
                    "quality__req_phases_must_be_1",
                    "A new plan matter must have exactly one phase",
                    "planMatterPhases",
                )
            )
        if ident not in self.fake.reserved.values():
            errors.append(
                _error(
                    "quality__req_permanent_identifier_not_reserved",
                    "The permanent identifier has not been reserved",
                    "permanentPlanIdentifier",
                )
            )
        if errors:
            raise _Answer(422, _validation(errors))

    def _success(self, key: str, uri: str, status: int) -> None:
        raise _Answer(
            status,
            {
                "key": key,
                "uri": uri,
                "warnings": [
                    {
                        "ruleId": "lifecycle__rec_paas_not_empty",
                        "message": "The participation and assessment scheme should be delivered.",
                        "instance": "participationAndAssessmentScheme",
                        "classKey": None,
                    }
                ],
            },
        )

    def r_validate_matter(
        self, query: Any, headers: dict[str, str], body: bytes, family: str, ident: str
    ) -> None:
        self._bearer(headers)
        self._scripted("validate-matter")
        data = self._json(body)
        self._matter_checks(family, ident, data, create=True)
        self._success(ident, f"{URI_BASE}/{family}/{ident}", 200)

    def r_create_matter(
        self, query: Any, headers: dict[str, str], body: bytes, family: str, ident: str
    ) -> None:
        self._bearer(headers)
        self._scripted("create-matter")
        data = self._json(body)
        self._matter_checks(family, ident, data, create=True)
        with self.fake.lock:
            if ident in self.fake.matters:
                raise _Answer(
                    422,
                    _validation(
                        [
                            _error(
                                "quality__req_plan_matter_exists",
                                "The plan matter already exists",
                                "permanentPlanIdentifier",
                            )
                        ]
                    ),
                )
            stored = {k: v for k, v in data.items() if k != "planMatterPhases"}
            stored["family"] = family
            self.fake.matters[ident] = stored
            phase = data["planMatterPhases"][0]
            self.fake.phases[(ident, phase["planMatterPhaseKey"])] = phase
        self._success(ident, f"{URI_BASE}/{family}/{ident}", 201)

    def r_update_matter(
        self, query: Any, headers: dict[str, str], body: bytes, family: str, ident: str
    ) -> None:
        self._bearer(headers)
        self._scripted("update-matter")
        data = self._json(body)
        if ident not in self.fake.matters:
            raise _Answer(404, _problem(404, "Not Found", f"plan matter {ident} not found"))
        if "planMatterPhases" in data:
            raise _Answer(
                422,
                _validation(
                    [
                        _error(
                            "quality__req_json_unknown_property",
                            "planMatterPhases not allowed",
                            "planMatterPhases",
                        )
                    ]
                ),
            )
        self.fake.matters[ident].update(data)
        raise _Answer(200, None)

    def r_get_matter(
        self, query: Any, headers: dict[str, str], body: bytes, family: str, ident: str
    ) -> None:
        self._bearer(headers)
        self._scripted("get-matter")
        matter = self.fake.matters.get(ident)
        if matter is None or matter["family"] != family:
            raise _Answer(404, _problem(404, "Not Found", f"plan matter {ident} not found"))
        out = {k: v for k, v in matter.items() if k != "family"}
        out["planMatterPhases"] = [
            {
                "planMatterPhaseKey": key,
                "planMatterPhaseUri": f"{URI_BASE}/{family}/{ident}/phase/{key}",
                "lifeCycleStatus": phase["lifeCycleStatus"],
            }
            for (i, key), phase in self.fake.phases.items()
            if i == ident
        ]
        out["originalAdministrativeAreaIdentifiers"] = matter["administrativeAreaIdentifiers"]
        out["planMatterUri"] = f"{URI_BASE}/{family}/{ident}"
        raise _Answer(200, out)

    def _phase_checks(self, ident: str, key: str, data: Any) -> None:
        if ident not in self.fake.matters:
            raise _Answer(404, _problem(404, "Not Found", f"plan matter {ident} not found"))
        if not isinstance(data, dict) or data.get("planMatterPhaseKey") != key:
            raise _Answer(
                422,
                _validation(
                    [
                        _error(
                            "quality__req_phase_key_mismatch",
                            "planMatterPhaseKey does not match the path",
                            "planMatterPhaseKey",
                        )
                    ]
                ),
            )

    def r_validate_phase(
        self, query: Any, headers: dict[str, str], body: bytes, family: str, ident: str, key: str
    ) -> None:
        self._bearer(headers)
        self._scripted("validate-phase")
        data = self._json(body)
        self._phase_checks(ident, key, data)
        self._success(key, f"{URI_BASE}/{family}/{ident}/phase/{key}", 200)

    def r_create_phase(
        self, query: Any, headers: dict[str, str], body: bytes, family: str, ident: str, key: str
    ) -> None:
        self._bearer(headers)
        self._scripted("create-phase")
        data = self._json(body)
        self._phase_checks(ident, key, data)
        if (ident, key) in self.fake.phases:
            raise _Answer(
                422,
                _validation(
                    [
                        _error(
                            "quality__req_phase_exists",
                            "The phase already exists",
                            "planMatterPhaseKey",
                        )
                    ]
                ),
            )
        self.fake.phases[(ident, key)] = data
        self._success(key, f"{URI_BASE}/{family}/{ident}/phase/{key}", 201)

    def r_update_phase(
        self, query: Any, headers: dict[str, str], body: bytes, family: str, ident: str, key: str
    ) -> None:
        self._bearer(headers)
        self._scripted("update-phase")
        data = self._json(body)
        self._phase_checks(ident, key, data)
        old = self.fake.phases.get((ident, key))
        if old is None:
            raise _Answer(404, _problem(404, "Not Found", f"phase {key} not found"))
        if old["lifeCycleStatus"] != data.get("lifeCycleStatus"):
            raise _Answer(
                422,
                _validation(
                    [
                        _error(
                            "quality__req_phase_lifecyclestatus_mismatch",
                            "The lifecycle status of a phase cannot change",
                            "lifeCycleStatus",
                            key,
                        )
                    ]
                ),
            )
        self.fake.phases[(ident, key)] = data
        raise _Answer(200, None)

    def r_get_phase(
        self, query: Any, headers: dict[str, str], body: bytes, family: str, ident: str, key: str
    ) -> None:
        self._bearer(headers)
        self._scripted("get-phase")
        phase = self.fake.phases.get((ident, key))
        if phase is None:
            raise _Answer(404, _problem(404, "Not Found", f"phase {key} not found"))
        raise _Answer(200, {**phase, "previousPhaseKey": None, "nextPhaseKey": None})


class _Answer(Exception):
    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.status, self.body, self.headers = status, body, headers or {}


_FAMILY = "(LocalDetailedPlanMatter|LocalMasterPlanMatter|RegionalPlanMatter)"


def _route(method: str, path: str) -> tuple[str, dict[str, str]]:
    import re

    table = [
        ("POST", r"/api/Plan/Validate", "validate-plan", ()),
        ("POST", r"/api/Authenticate", "authenticate", ()),
        ("GET", r"/api/Status/health", "health", ()),
        ("POST", r"/api/File", "file", ()),
        ("POST", rf"/api/{_FAMILY}/PermanentPlanIdentifier", "reserve", ("family",)),
        ("POST", rf"/api/{_FAMILY}/([^/]+)/Validate", "validate-matter", ("family", "ident")),
        (
            "POST",
            rf"/api/{_FAMILY}/([^/]+)/phase/([^/]+)/validate",
            "validate-phase",
            ("family", "ident", "key"),
        ),
        (
            "POST",
            rf"/api/{_FAMILY}/([^/]+)/phase/([^/]+)",
            "create-phase",
            ("family", "ident", "key"),
        ),
        (
            "PUT",
            rf"/api/{_FAMILY}/([^/]+)/phase/([^/]+)",
            "update-phase",
            ("family", "ident", "key"),
        ),
        ("GET", rf"/api/{_FAMILY}/([^/]+)/phase/([^/]+)", "get-phase", ("family", "ident", "key")),
        ("POST", rf"/api/{_FAMILY}/([^/]+)", "create-matter", ("family", "ident")),
        ("PUT", rf"/api/{_FAMILY}/([^/]+)", "update-matter", ("family", "ident")),
        ("GET", rf"/api/{_FAMILY}/([^/]+)", "get-matter", ("family", "ident")),
    ]
    for m, pattern, name, groups in table:
        match = re.fullmatch(pattern, path)
        if m == method and match:
            return name, dict(zip(groups, match.groups(), strict=True))
    return "unknown", {}
