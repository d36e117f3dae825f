"""Failures talking to the Ryhti API, each with a message a planner can act on.

All are :class:`~ryhti.errors.RyhtiError`, so the CLI prints one line and exits 2,
never a traceback. Messages name the setting to check (``RYHTI_CLIENT_ID`` …) but
never a secret's value; the client passes every message through its redactor too.
"""

from __future__ import annotations

from ryhti.api.responses import Problem
from ryhti.errors import RyhtiError

__all__ = [
    "ApiConfigError",
    "ApiError",
    "ApiResponseError",
    "ApiUnavailable",
    "AuthError",
    "ForbiddenError",
    "NotFoundError",
    "RemoteRejected",
]


class ApiError(RyhtiError):
    """Any failure of a call to the Ryhti API. ``status`` is the HTTP status, if any."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        url: str | None = None,
        problem: Problem | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, source=url, hint=hint)
        self.status = status
        self.url = url
        self.problem = problem


class ApiConfigError(ApiError):
    """A setting needed for the call is missing (no URL, no client id …)."""


class AuthError(ApiError):
    """401: the key, the client id/secret or the token was refused."""


class ForbiddenError(ApiError):
    """403: authenticated, but not allowed to do this (e.g. for this municipality)."""


class NotFoundError(ApiError):
    """404: the plan matter, phase or path does not exist."""


class ApiUnavailable(ApiError):
    """Timeouts, refused connections, 429 and 5xx that outlasted the retries."""


class ApiResponseError(ApiError):
    """The server answered with something the contract does not allow (e.g. not JSON)."""


class RemoteRejected(ApiError):
    """The server refused to store a body (400/422); ``problem`` carries its findings."""

    exit_code = 1
