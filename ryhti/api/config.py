"""Where the Ryhti API lives and who we are to it: environment, config file, secrets.

Settings come from, in order of precedence: keyword overrides (the command line),
environment variables (``RYHTI_API_URL``, ``RYHTI_SUBSCRIPTION_KEY`` …), then the
``[api]`` table of ``ryhti.toml`` or ``[tool.ryhti.api]`` of ``pyproject.toml``, the
settings file every command reads (:mod:`ryhti.settings`: the nearest one from the current
folder up), or of the file named by ``--config`` / ``$RYHTI_CONFIG``.

Why secrets are a type of their own: a subscription key or a client secret that is
printed once in a CI log is leaked for good. :class:`Secret` never shows its value in
``str``/``repr``/f-strings, and :class:`Redactor` scrubs every known secret (and the
bearer token once obtained) from whatever the client prints or logs, including
``--dry-run`` output and error messages.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ryhti.errors import InputError, UsageError
from ryhti.settings import read_section

__all__ = [
    "DEFAULT_PUBLIC_URL",
    "ENV",
    "ApiConfig",
    "Redactor",
    "Secret",
    "load_config",
]

#: Production public Validate API ([PUB] ``servers``).
DEFAULT_PUBLIC_URL = "https://api.ymparisto.fi/ryhti/plan-public"

#: Setting -> environment variable.
ENV: dict[str, str] = {
    "public_url": "RYHTI_API_URL",
    "subscription_key": "RYHTI_SUBSCRIPTION_KEY",
    "xroad_url": "RYHTI_XROAD_URL",
    "xroad_client": "RYHTI_XROAD_CLIENT",
    "client_id": "RYHTI_CLIENT_ID",
    "client_secret": "RYHTI_CLIENT_SECRET",
    "timeout": "RYHTI_API_TIMEOUT",
    "connect_timeout": "RYHTI_API_CONNECT_TIMEOUT",
    "retries": "RYHTI_API_RETRIES",
    "backoff": "RYHTI_API_BACKOFF",
    "max_backoff": "RYHTI_API_MAX_BACKOFF",
    "municipality_id": "RYHTI_MUNICIPALITY_ID",
    "region_id": "RYHTI_REGION_ID",
    "ca_bundle": "RYHTI_CA_BUNDLE",
}

#: Settings whose values are secrets; ``<name>_file`` reads the secret from a file.
SECRET_SETTINGS = ("subscription_key", "client_secret")

REDACTED = "***"


class Secret:
    """A string that does not show itself: ``str()``, ``repr()`` and f-strings give ``***``.

    Use :meth:`reveal` at the one place the value must go on the wire.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret value itself."""
        return self._value

    def __str__(self) -> str:
        return REDACTED

    def __repr__(self) -> str:
        return f"Secret({REDACTED})"

    def __format__(self, spec: str) -> str:
        return REDACTED

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> Any:  # never pickled into a cache or a crash dump
        raise TypeError("secrets cannot be pickled")


@dataclass(frozen=True)
class ApiConfig:
    """Connection settings for the public Validate API and the X-Road plan service.

    ``xroad_url`` is the base up to (not including) ``/api``: through a security server
    ``https://ss.example/r1/FI/GOV/0996189-5/Ryhti-Syke-service/planService``, directly
    ``https://…/plan``. ``xroad_client`` is the ``X-Road-Client`` header value
    (``FI/COM/1234567-8/subsystem``).
    """

    public_url: str = DEFAULT_PUBLIC_URL
    subscription_key: Secret | None = None
    xroad_url: str | None = None
    xroad_client: str | None = None
    client_id: str | None = None
    client_secret: Secret | None = None
    timeout: float = 60.0
    connect_timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.5
    max_backoff: float = 30.0
    municipality_id: str | None = None
    region_id: str | None = None
    ca_bundle: str | None = None
    #: Where each setting came from (``env RYHTI_API_URL``, ``ryhti.toml``, ``default``).
    origins: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def secrets(self) -> list[str]:
        """Every secret value, for redaction."""
        return [s.reveal() for s in (self.subscription_key, self.client_secret) if s]

    def with_overrides(self, **values: Any) -> ApiConfig:
        """A copy with non-``None`` values replaced (command-line options)."""
        given = {k: _coerce(k, v, "command line") for k, v in values.items() if v is not None}
        origins = dict(self.origins)
        origins.update({k: "command line" for k in given})
        return replace(self, **given, origins=origins)

    def describe(self) -> list[tuple[str, str, str]]:
        """``(setting, shown value, origin)`` rows with secrets shown as set/unset only."""
        rows = []
        for fld in fields(self):
            if fld.name == "origins":
                continue
            value = getattr(self, fld.name)
            if isinstance(value, Secret):
                shown = "(set)"
            elif value is None:
                shown = "(not set)"
            else:
                shown = str(value)
            rows.append((fld.name, shown, self.origins.get(fld.name, "default")))
        return rows


_FLOATS = {"timeout", "connect_timeout", "backoff", "max_backoff"}
_INTS = {"retries"}


def _coerce(name: str, value: Any, origin: str) -> Any:
    if name in SECRET_SETTINGS:
        if isinstance(value, Secret):
            return value
        if not isinstance(value, str):
            raise UsageError(f"{name} must be a string ({origin})")
        return Secret(value.strip())
    if name in _FLOATS:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise UsageError(
                f"{name} must be a number of seconds, not {value!r} ({origin})"
            ) from None
        if number < 0:
            raise UsageError(f"{name} must not be negative ({origin})")
        return number
    if name in _INTS:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise UsageError(f"{name} must be a whole number, not {value!r} ({origin})") from None
        if number < 0:
            raise UsageError(f"{name} must not be negative ({origin})")
        return number
    if not isinstance(value, str):
        raise UsageError(f"{name} must be a string, not {value!r} ({origin})")
    value = value.strip()
    if name in ("public_url", "xroad_url"):
        value = value.rstrip("/")
        if not re.match(r"^https?://", value):
            raise UsageError(f"{name} must be an http(s) URL, not {value!r} ({origin})")
    return value


def _config_file(path: str | Path | None) -> tuple[dict[str, Any], str | None]:
    """The ``[api]`` table of the settings file in use (:mod:`ryhti.settings`) and its name:
    ``path``, else ``$RYHTI_CONFIG``, else the nearest ``ryhti.toml``/``pyproject.toml``."""
    if path is None:
        path = os.environ.get("RYHTI_CONFIG") or None
    section = read_section("api", path)
    return section.table, section.where if section.table else None


def load_config(
    path: str | Path | None = None, env: dict[str, str] | None = None, **overrides: Any
) -> ApiConfig:
    """Settings from the config file, then the environment, then ``overrides``."""
    env = os.environ if env is None else env
    table, filename = _config_file(path)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    known = set(ENV)
    for key, raw in table.items():
        name = key.replace("-", "_")
        if name.endswith("_file") and name[:-5] in SECRET_SETTINGS:
            values[name[:-5]] = _read_secret_file(raw, f"{filename} [api] {key}")
            origins[name[:-5]] = f"{filename} ({key})"
            continue
        if name not in known:
            raise UsageError(
                f"unknown setting {key!r} in [api]",
                source=filename,
                hint=f"known settings: {', '.join(sorted(known))}",
            )
        values[name] = _coerce(name, raw, filename or "config")
        origins[name] = filename or "config"
    for name, var in ENV.items():
        file_var = f"{var}_FILE"
        if name in SECRET_SETTINGS and env.get(file_var):
            values[name] = _read_secret_file(env[file_var], f"${file_var}")
            origins[name] = f"env {file_var}"
        if env.get(var):
            values[name] = _coerce(name, env[var], f"${var}")
            origins[name] = f"env {var}"
    config = ApiConfig(**values, origins=origins)
    return config.with_overrides(**overrides) if overrides else config


def _read_secret_file(path: Any, origin: str) -> Secret:
    p = Path(str(path)).expanduser()
    try:
        return Secret(p.read_text(encoding="utf-8").strip())
    except OSError as exc:
        raise InputError(f"cannot read the secret file named by {origin}", source=p) from exc


class Redactor:
    """Replaces every known secret in text with ``***``.

    Secrets are added as they become known (the bearer token after authentication).
    Very short values are ignored: redacting ``"1"`` everywhere would garble output
    without protecting anything.
    """

    MIN_LENGTH = 4

    def __init__(self, secrets: list[str] | None = None) -> None:
        self._secrets: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        for secret in secrets or ():
            self.add(secret)

    def add(self, secret: str | Secret | None) -> None:
        """Start redacting ``secret`` (and its JSON-escaped form)."""
        if isinstance(secret, Secret):
            secret = secret.reveal()
        if not secret or len(secret) < self.MIN_LENGTH:
            return
        import json

        self._secrets.add(secret)
        self._secrets.add(json.dumps(secret)[1:-1])
        self._pattern = re.compile(
            "|".join(re.escape(s) for s in sorted(self._secrets, key=len, reverse=True))
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """A logging filter that scrubs secrets from every record of the ``ryhti.api`` logger."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not crash the client
            message = str(record.msg)
        record.msg = self.redactor(message)
        record.args = None
        return True
