"""Fixtures for the code-list tests: the committed snapshot and a fake koodistot server.

The fake server answers in the shape of the koodistot.suomi.fi codelist API
(``{"meta": {...}, "results": [...]}`` with ``codeValue``, ``prefLabel``, ``broaderCode`` …),
pages its answers, and can be told to fail, stall or lie, so the online update is tested
without network.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from ryhti.codelists import Registry

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "schemas" / "codelists"
API_PREFIX = "/codelist-api/api/v1"


@pytest.fixture(scope="session")
def snapshot_dir() -> Path:
    """The committed snapshot folder."""
    return SNAPSHOT


@pytest.fixture(scope="session")
def reg() -> Registry:
    """A registry over the committed snapshot (independent of the process-wide cache)."""
    return Registry(SNAPSHOT)


def koodistot_schemes(snapshot: Path = SNAPSHOT) -> dict[tuple[str, str], dict[str, Any]]:
    """The committed snapshot re-expressed as koodistot API objects, per (registry, scheme)."""
    index = json.loads((snapshot / "index.json").read_text(encoding="utf-8"))
    schemes: dict[tuple[str, str], dict[str, Any]] = {}
    for list_id, entry in index["lists"].items():
        doc = json.loads((snapshot / entry["file"]).read_text(encoding="utf-8"))
        codes = []
        for position, code in enumerate(doc["codes"], start=1):
            raw: dict[str, Any] = {
                "id": code.get("koodistot_id"),
                "codeValue": code["value"],
                "uri": code["uri"],
                "url": f"https://example.invalid/codes/{code['value']}",
                "prefLabel": code["labels"],
                "description": code.get("description", {}),
                "hierarchyLevel": code["level"],
                "shortName": code.get("short_name"),
                "order": code.get("order", position),
            }
            if code["status"]:
                raw["status"] = code["status"]
            if code["parent"]:
                raw["broaderCode"] = {
                    "codeValue": code["parent"],
                    "uri": f"{doc['uri']}/code/{code['parent']}",
                }
            codes.append(raw)
        schemes[(entry["registry"], list_id)] = {
            "scheme": {
                "uri": doc["uri"],
                "codeValue": list_id,
                "prefLabel": doc["names"],
                "status": "VALID",
                "modified": "2025-06-12T00:00:00.000Z",
            },
            "codes": codes,
        }
    return schemes


@dataclass
class FakeKoodistot:
    """State of the fake server; tests change it to provoke failures."""

    schemes: dict[tuple[str, str], dict[str, Any]]
    #: Largest page the server hands out, whatever pageSize asks (forces paging).
    max_page: int = 100
    #: "next" → meta.nextPage links; "offset" → only totalResults (client must use from=).
    paging: str = "next"
    #: path suffix → list of HTTP statuses to answer before answering normally.
    failures: dict[str, list[int]] = field(default_factory=dict)
    #: seconds to sleep before answering a codes request.
    delay: float = 0.0
    #: path suffix → raw body to send instead of the real answer.
    bodies: dict[str, str] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    base_url: str = ""

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, str]:
        self.requests.append(
            path
            + ("?" + "&".join(f"{k}={v[0]}" for k, v in sorted(query.items())) if query else "")
        )
        for suffix, statuses in self.failures.items():
            if path.endswith(suffix) and statuses:
                status = statuses.pop(0)
                return status, json.dumps({"meta": {"code": status, "message": "injected failure"}})
        for suffix, body in self.bodies.items():
            if path.endswith(suffix):
                return 200, body
        parts = path[len(API_PREFIX) :].strip("/").split("/")
        if len(parts) < 4 or parts[0] != "coderegistries" or parts[2] != "codeschemes":
            return 404, json.dumps({"meta": {"code": 404, "message": "not found"}})
        key = (parts[1], parts[3])
        if key not in self.schemes:
            return 404, json.dumps({"meta": {"code": 404, "message": "code scheme not found"}})
        scheme = self.schemes[key]
        if len(parts) == 4:
            return 200, json.dumps(scheme["scheme"], ensure_ascii=False)
        if self.delay:
            time.sleep(self.delay)
        codes = scheme["codes"]
        start = int(query.get("from", ["0"])[0])
        size = min(int(query.get("pageSize", [str(self.max_page)])[0]), self.max_page)
        page = codes[start : start + size]
        meta: dict[str, Any] = {
            "code": 200,
            "from": start,
            "pageSize": size,
            "resultCount": len(page),
            "totalResults": len(codes),
        }
        if self.paging == "next" and start + size < len(codes):
            meta["nextPage"] = f"{self.base_url}{path}?pageSize={size}&from={start + size}"
        return 200, json.dumps({"meta": meta, "results": page}, ensure_ascii=False)


@pytest.fixture
def fake_koodistot() -> Iterator[FakeKoodistot]:
    """A running fake koodistot server holding the committed snapshot's lists."""
    state = FakeKoodistot(koodistot_schemes())

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            status, body = state.answer(parsed.path, parse_qs(parsed.query))
            data = body.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def api_url(fake_koodistot: FakeKoodistot) -> str:
    """Base URL of the fake codelist API."""
    return fake_koodistot.base_url + API_PREFIX


def write_reference_layout(
    dest: Path, snapshot: Path = SNAPSHOT, skip: tuple[str, ...] = ("ETRS89",)
) -> Path:
    """Write the committed snapshot's lists into ``dest`` in the ``--from`` directory layout.

    Lets the offline update be tested in a fresh clone, without the reference material.
    """
    dest.mkdir(parents=True, exist_ok=True)
    index = json.loads((snapshot / "index.json").read_text(encoding="utf-8"))
    for list_id, entry in index["lists"].items():
        if list_id in skip:
            continue
        doc = json.loads((snapshot / entry["file"]).read_text(encoding="utf-8"))
        codes = []
        for code in doc["codes"]:
            description = code.get("description", {})
            raw = {
                "code": code["value"],
                "uri": code["uri"],
                "label_fi": code["labels"].get("fi"),
                "label_sv": code["labels"].get("sv"),
                "label_en": code["labels"].get("en"),
                "parent": code["parent"],
                "description": description.get("fi"),
                "description_sv": description.get("sv"),
                "description_en": description.get("en"),
                "short_name": code.get("short_name"),
                "status": code["status"] or "UNKNOWN",
                "level": code["level"],
                "koodistot_id": code.get("koodistot_id"),
            }
            if "order" in code:
                raw["order"] = code["order"]
            codes.append(raw)
        name = f"jhs_{list_id}.json" if entry["registry"] == "jhs" else f"{list_id}.json"
        body = {
            "uri": doc["uri"],
            "name": doc["names"].get("fi"),
            "name_en": doc["names"].get("en"),
            "codes": codes,
        }
        (dest / name).write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return dest
