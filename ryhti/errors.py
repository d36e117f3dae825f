"""User-facing errors.

Every problem a user can cause (a missing file, broken JSON, an unknown code
list) is raised as a :class:`RyhtiError` naming the file and the place in it, so
the CLI can print one clear line and exit with code 2 instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

#: Exit codes shared by every command.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class RyhtiError(Exception):
    """An error caused by the input or the invocation, reported without a traceback.

    ``source`` is the file (or URL) concerned, ``where`` the place inside it
    (``line 3, column 7``, ``planObjects[2].geometry``, a layer and feature id),
    ``hint`` an optional next step for the user.
    """

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        *,
        source: str | Path | None = None,
        where: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = str(source) if source is not None else None
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        parts = [p for p in (self.source, self.where) if p]
        text = ": ".join([*parts, self.message])
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(RyhtiError):
    """The input could not be read: missing, too large, not JSON, wrong shape, hostile."""


class UsageError(RyhtiError):
    """The command line or configuration asks for something impossible."""


class DependencyError(RyhtiError):
    """A run-time dependency (such as Voikko) is missing; the message says how to install it."""
