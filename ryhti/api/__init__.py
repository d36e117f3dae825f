"""The national Ryhti API: the client, submitting, remote findings (the plan matter is built offline in :mod:`ryhti.matter`).

    >>> from ryhti.api import RyhtiClient, load_config, remote_validate, compare
    >>> with RyhtiClient(load_config()) as client:
    ...     findings = remote_validate(plan, "Asemakaava", "Jyväskylä", client)
    >>> diff = compare(local_findings, findings)

Names are imported on first use, so ``import ryhti.api`` does not load httpx.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY: dict[str, str] = {
    "ApiConfig": "ryhti.api.config",
    "Secret": "ryhti.api.config",
    "load_config": "ryhti.api.config",
    "RyhtiClient": "ryhti.api.client",
    "FAMILIES": "ryhti.api.client",
    "family_of": "ryhti.api.client",
    "ApiError": "ryhti.api.errors",
    "AuthError": "ryhti.api.errors",
    "ForbiddenError": "ryhti.api.errors",
    "NotFoundError": "ryhti.api.errors",
    "ApiUnavailable": "ryhti.api.errors",
    "ApiResponseError": "ryhti.api.errors",
    "RemoteRejected": "ryhti.api.errors",
    "Outcome": "ryhti.api.responses",
    "Problem": "ryhti.api.responses",
    "RemoteError": "ryhti.api.responses",
    "SuccessResponse": "ryhti.api.responses",
    "HealthReport": "ryhti.api.responses",
    "Diff": "ryhti.api.diff",
    "compare": "ryhti.api.diff",
    "SourceIndex": "ryhti.api.sources",
    "load_conversion_report": "ryhti.api.sources",
    "findings_from_outcome": "ryhti.api.remote",
    "findings_from_problem": "ryhti.api.remote",
    "remote_validate": "ryhti.api.remote",
    "SubmitResult": "ryhti.api.submit",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ryhti.api' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
