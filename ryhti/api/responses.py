"""The Ryhti API's answers: problem details, validation errors, success, health.

Why a tolerant reader: the answers come in more shapes than the OpenAPI admits.
The public Validate API's 422 is documented as ``ValidationProblemDetails`` with
``errors`` as a map ``{field: [message]}``, but the real service answers 400 and 422
with ``errors`` as a list of ``{ruleId, message, localizedMessage, instance, classKey}``
plus ``warnings`` and ``traceId``; the X-Road service documents the list form
(``CustomValidationProblemDetails``). Both forms load into the same
:class:`Problem`, and unknown properties are kept, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "HealthReport",
    "Outcome",
    "Problem",
    "RemoteError",
    "SuccessResponse",
]


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(slots=True)
class RemoteError:
    """One ``CustomValidationError``: a rule the server checked, and where it failed.

    ``rule_id`` is Syke's rule key (``quality__req_…``); ``instance`` a path into the
    request body in one of the server's several spellings (``$.planObjects[0].name``,
    ``plan.planObjects[0]``, ``$[0].planObjectKea``, ``planDto``); ``class_key`` the key
    of the offending object. For the map form of ``errors`` the map key becomes the
    instance and each message one error without a rule id.
    """

    rule_id: str | None = None
    message: str | None = None
    localized: dict[str, str] = field(default_factory=dict)
    instance: str | None = None
    class_key: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> RemoteError:
        if not isinstance(data, dict):
            return cls(message=str(data))
        known = {"ruleId", "message", "localizedMessage", "instance", "classKey"}
        localized = data.get("localizedMessage")
        return cls(
            rule_id=_str(data.get("ruleId")),
            message=_str(data.get("message")),
            localized={k: v for k, v in (localized or {}).items() if isinstance(v, str) and v}
            if isinstance(localized, dict)
            else {},
            instance=_str(data.get("instance")),
            class_key=_str(data.get("classKey")),
            extra={k: v for k, v in data.items() if k not in known},
        )

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``, else English, Finnish, the plain message, the rule id."""
        for key in (lang, "en", "fi", "sv"):
            if self.localized.get(key):
                return self.localized[key]
        return self.message or self.rule_id or "(no message)"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.rule_id is not None:
            out["ruleId"] = self.rule_id
        if self.message is not None:
            out["message"] = self.message
        if self.localized:
            out["localizedMessage"] = dict(self.localized)
        if self.instance is not None:
            out["instance"] = self.instance
        if self.class_key is not None:
            out["classKey"] = self.class_key
        out.update(self.extra)
        return out


def _errors(value: Any) -> tuple[list[RemoteError], str | None]:
    """Errors from the list form or the map form; also names the form found."""
    if isinstance(value, list):
        return [RemoteError.from_json(item) for item in value], "list"
    if isinstance(value, dict):
        out = []
        for instance, messages in value.items():
            items = messages if isinstance(messages, list) else [messages]
            out.extend(RemoteError(message=str(m), instance=str(instance)) for m in items)
        return out, "map"
    return [], None


@dataclass(slots=True)
class Problem:
    """``ProblemDetails`` / ``ValidationProblemDetails`` / ``CustomValidationProblemDetails``."""

    status: int | None = None
    title: str | None = None
    detail: str | None = None
    type: str | None = None
    instance: str | None = None
    errors: list[RemoteError] = field(default_factory=list)
    warnings: list[RemoteError] = field(default_factory=list)
    trace_id: str | None = None
    errors_form: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any, status: int | None = None) -> Problem:
        if not isinstance(data, dict):
            text = data if isinstance(data, str) else None
            return cls(status=status, detail=text)
        errors, form = _errors(data.get("errors"))
        warnings, _ = _errors(data.get("warnings"))
        known = {"status", "title", "detail", "type", "instance", "errors", "warnings", "traceId"}
        raw_status = data.get("status")
        return cls(
            status=raw_status if isinstance(raw_status, int) else status,
            title=_str(data.get("title")),
            detail=_str(data.get("detail")),
            type=_str(data.get("type")),
            instance=_str(data.get("instance")),
            errors=errors,
            warnings=warnings,
            trace_id=_str(data.get("traceId")),
            errors_form=form,
            extra={k: v for k, v in data.items() if k not in known},
        )

    def summary(self) -> str:
        """One line: status, title and the first error."""
        head = f"{self.status or '?'} {self.title or 'error'}".strip()
        if self.errors:
            first = self.errors[0]
            more = f" (+{len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
            return f"{head}: {first.rule_id or first.instance or ''} {first.text()}{more}".strip()
        if self.detail:
            return f"{head}: {self.detail}"
        return head


@dataclass(slots=True)
class SuccessResponse:
    """``SuccessResponse``: the stored object's key and URI, and warnings."""

    key: str | None = None
    uri: str | None = None
    warnings: list[RemoteError] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> SuccessResponse:
        if isinstance(data, str):  # some endpoints answer with a bare string
            return cls(key=data)
        if not isinstance(data, dict):
            return cls()
        warnings, _ = _errors(data.get("warnings"))
        return cls(
            key=_str(data.get("key")),
            uri=_str(data.get("uri")),
            warnings=warnings,
            extra={k: v for k, v in data.items() if k not in ("key", "uri", "warnings")},
        )


@dataclass(slots=True)
class HealthReport:
    """``HealthReport``: ``Healthy``, ``Degraded`` or ``Unhealthy``, with per-check entries."""

    status: str
    total_duration: str | None = None
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    http_status: int | None = None

    @classmethod
    def from_json(cls, data: Any, http_status: int | None = None) -> HealthReport:
        if not isinstance(data, dict):
            status = "Healthy" if http_status == 200 else "Unhealthy"
            return cls(status=status, http_status=http_status)
        entries = data.get("entries")
        return cls(
            status=_str(data.get("status")) or ("Healthy" if http_status == 200 else "Unhealthy"),
            total_duration=_str(data.get("totalDuration")),
            entries={k: v for k, v in entries.items() if isinstance(v, dict)}
            if isinstance(entries, dict)
            else {},
            http_status=http_status,
        )

    @property
    def healthy(self) -> bool:
        return self.status == "Healthy"


@dataclass(slots=True)
class Outcome:
    """The answer to a call that validates (and maybe stores) something.

    ``ok`` when the server accepted the body (2xx): ``result`` then holds the
    :class:`SuccessResponse` (whose warnings are still worth showing). Otherwise
    ``problem`` holds the 400/422 details. Transport failures, authentication
    failures and 404s are raised as :class:`~ryhti.api.errors.ApiError` instead.
    """

    ok: bool
    status: int
    operation: str
    result: SuccessResponse | None = None
    problem: Problem | None = None
    dry_run: bool = False

    @property
    def errors(self) -> list[RemoteError]:
        return list(self.problem.errors) if self.problem else []

    @property
    def warnings(self) -> list[RemoteError]:
        if self.problem is not None:
            return list(self.problem.warnings)
        return list(self.result.warnings) if self.result else []
