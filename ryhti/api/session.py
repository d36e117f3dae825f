"""The HTTP side of the Ryhti client: one request with the retry policy, errors, logging.

:class:`Session` sends a request and reads its answer; :class:`~ryhti.api.client.RyhtiClient`
builds on it with the API's operations. The policy lives here because it is where a mistake
costs most: a timed-out ``POST`` that creates a plan matter may well have created it, so only
calls that are safe to repeat (GET, PUT, the validate calls, the idempotent identifier
reservation, authentication) are retried, with exponential backoff and ``Retry-After``, on
429, 5xx, timeouts and connection errors. Every message, log line and dry-run print passes
through the redactor, so a secret never reaches a terminal or a CI log.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import logging
import random
import sys
import time
from collections.abc import Callable
from typing import IO, Any

import httpx

from ryhti import __version__
from ryhti.api.config import REDACTED, ApiConfig, RedactingFilter, Redactor, load_config
from ryhti.api.errors import (
    ApiResponseError,
    ApiUnavailable,
    AuthError,
    ForbiddenError,
    NotFoundError,
    RemoteRejected,
)
from ryhti.api.responses import Outcome, Problem, SuccessResponse

__all__ = ["DRY_RUN_BODY_CHARS", "NO_BODY", "Session"]

log = logging.getLogger("ryhti.api")

#: Bodies longer than this are shortened when a dry run prints them.
DRY_RUN_BODY_CHARS = 6000


class _NoBody:
    pass


#: ``json_body`` not given (``None`` is a body: JSON null).
NO_BODY: Any = _NoBody()

_ALL_LOGGERS = ("ryhti.api", "httpx", "httpcore.http11", "httpcore.connection", "httpcore.http2")


class Session:
    """One HTTP connection pool to the Ryhti services with the retry policy, the error
    mapping and the redacting dry run.

    ``transport`` lets tests plug in an httpx transport; ``sleep`` and ``clock`` make
    backoff and token expiry testable without waiting. ``out`` receives dry-run output.
    Use as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        config: ApiConfig | None = None,
        *,
        dry_run: bool = False,
        out: IO[str] | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config if config is not None else load_config()
        self.dry_run = dry_run
        self.out = out
        self.redact = Redactor(self.config.secrets())
        self._transport = transport
        self._sleep = sleep
        self._clock = clock
        self._http: httpx.Client | None = None
        self._token: str | None = None
        self._token_expires: float | None = None
        self.requests_sent = 0
        self._filter = RedactingFilter(self.redact)
        for name in _ALL_LOGGERS:
            logging.getLogger(name).addFilter(self._filter)

    # -- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close connections and stop filtering the loggers."""
        if self._http is not None:
            self._http.close()
            self._http = None
        for name in _ALL_LOGGERS:
            logging.getLogger(name).removeFilter(self._filter)

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            cfg = self.config
            self._http = httpx.Client(
                timeout=httpx.Timeout(cfg.timeout, connect=cfg.connect_timeout),
                transport=self._transport,
                verify=cfg.ca_bundle or True,
                headers={"User-Agent": f"ryhti/{__version__}"},
                follow_redirects=False,
            )
        return self._http

    # -- transport ----------------------------------------------------------------------------
    def _call(
        self,
        operation: str,
        method: str,
        url: str,
        *,
        params: list[tuple[str, str]] | None = None,
        json_body: Any = NO_BODY,
        files: dict[str, Any] | None = None,
        headers: dict[str, str],
        idempotent: bool,
        what: str,
        retry_statuses: bool = True,
        accept: tuple[int, ...] = (),
        auth_hint: str | None = None,
        bearer: bool = True,
    ) -> httpx.Response | None:
        """Send one request with the retry policy; ``None`` in a dry run.

        Returns 2xx, 400 and 422 answers (and those in ``accept``); raises for 401,
        403, 404, other 4xx, and for 429/5xx/transport failures after the retries.
        """
        body: bytes | None = None
        if json_body is not NO_BODY:
            body = json.dumps(json_body, ensure_ascii=False, allow_nan=False).encode("utf-8")
            headers = {**headers, "Content-Type": "application/json"}
        if self.dry_run:
            self._print_request(method, url, params or [], headers, body)
            return None
        attempts = 1 + (self.config.retries if idempotent else 0)
        reauthenticated = False
        attempt = 0
        while True:
            attempt += 1
            started = self._clock()
            try:
                self.requests_sent += 1
                response = self.http.request(
                    method, url, params=params, content=body, files=files, headers=headers
                )
            except httpx.TransportError as exc:  # timeouts are transport errors too
                reason = (
                    f"timed out after {self.config.timeout:g} s ({type(exc).__name__})"
                    if isinstance(exc, httpx.TimeoutException)
                    else f"connection failed: {type(exc).__name__}: {exc}"
                )
                if attempt < attempts:
                    self._backoff(operation, attempt, reason)
                    continue
                raise self._unavailable(operation, url, reason, attempt, idempotent) from None
            status = response.status_code
            log.debug(
                "%s %s -> %s (%.2f s, attempt %d)",
                method,
                self._safe_url(response.request.url),
                status,
                self._clock() - started,
                attempt,
            )
            if status in accept:
                return response
            if (status == 429 or status >= 500) and retry_statuses and attempt < attempts:
                response.read()
                self._backoff(operation, attempt, f"HTTP {status}", _retry_after(response))
                continue
            if status == 401 and bearer and "Authorization" in headers and not reauthenticated:
                # The token may have expired on the server before our clock said so:
                # the request was refused unread, so sending it again is safe.
                reauthenticated = True
                self._token = None
                headers = {**headers, "Authorization": f"Bearer {self.token()}"}
                attempt -= 1
                continue
            if status < 400 or status in (400, 422):
                return response
            raise self._failure(operation, response, what, attempt, idempotent, auth_hint)

    def _backoff(
        self, operation: str, attempt: int, reason: str, retry_after: float | None = None
    ) -> None:
        cfg = self.config
        if retry_after is not None:
            delay = min(cfg.max_backoff, max(0.0, retry_after))
        else:
            delay = min(cfg.max_backoff, cfg.backoff * 2 ** (attempt - 1))
            delay *= random.uniform(1.0, 1.25)
        log.info("%s: %s; retrying in %.2f s (attempt %d)", operation, reason, delay, attempt + 1)
        self._sleep(delay)

    def _unavailable(
        self, operation: str, url: str, reason: str, attempts: int, idempotent: bool
    ) -> ApiUnavailable:
        tries = (
            f"after {attempts} attempts"
            if attempts > 1
            else "(not retried: "
            + (
                "the call is not idempotent; running again is safe, ryhti submit reads what is stored first)"
                if not idempotent
                else "retries are off)"
            )
        )
        return ApiUnavailable(
            self.redact(f"{operation}: {reason} {tries}"), url=self._safe_url(url)
        )

    def _failure(
        self,
        operation: str,
        response: httpx.Response,
        what: str,
        attempts: int,
        idempotent: bool,
        auth_hint: str | None,
    ) -> Exception:
        status = response.status_code
        url = self._safe_url(response.request.url)
        problem = self._problem(response)
        detail = self.redact(problem.detail or problem.title or "")
        suffix = f": {detail}" if detail else ""
        if status == 401:
            return AuthError(
                f"{operation}: the Ryhti API refused the credentials (401 Unauthorized){suffix}",
                status=status,
                url=url,
                problem=problem,
                hint=auth_hint
                or "check RYHTI_CLIENT_ID, RYHTI_CLIENT_SECRET and RYHTI_XROAD_CLIENT",
            )
        if status == 403:
            return ForbiddenError(
                f"{operation}: access denied (403 Forbidden) to {what}{suffix}",
                status=status,
                url=url,
                problem=problem,
                hint="the credentials are valid but lack rights for this service, municipality "
                "or region; ask Syke for them, or set RYHTI_MUNICIPALITY_ID/RYHTI_REGION_ID",
            )
        if status == 404:
            return NotFoundError(
                f"{operation}: {what} was not found (404){suffix}",
                status=status,
                url=url,
                problem=problem,
            )
        if status == 429 or status >= 500:
            reason = f"HTTP {status}{suffix}"
            return self._unavailable(
                operation, str(response.request.url), reason, attempts, idempotent
            )
        return ApiResponseError(
            f"{operation}: unexpected answer {status}{suffix}",
            status=status,
            url=url,
            problem=problem,
        )

    def _json(
        self,
        response: httpx.Response,
        operation: str,
        *,
        allow_empty: bool = False,
        allow_text: bool = False,
    ) -> Any:
        text = response.text
        if not text.strip():
            if allow_empty:
                return None
            raise ApiResponseError(
                f"{operation}: the answer ({response.status_code}) was empty",
                status=response.status_code,
                url=self._safe_url(response.request.url),
            )
        try:
            return json.loads(text)
        except ValueError:
            ctype = response.headers.get("content-type", "")
            if allow_text and "json" not in ctype and "<" not in text and len(text) < 2000:
                return text.strip()
            excerpt = self.redact(" ".join(text[:160].split()))
            raise ApiResponseError(
                f"{operation}: the answer ({response.status_code}, {ctype or 'no content type'}) "
                f"is not valid JSON: {excerpt!r}",
                status=response.status_code,
                url=self._safe_url(response.request.url),
                hint="a proxy or the X-Road security server may have answered instead of Ryhti",
            ) from None

    def _text_answer(self, response: httpx.Response, operation: str, missing: str) -> str:
        """The answer as one stripped string (a token, an identifier, a file key): the service
        sends these bare or as a JSON string; anything else is :class:`ApiResponseError`
        ``missing``."""
        answer = self._json(response, operation, allow_text=True)
        if not isinstance(answer, str) or not answer.strip():
            raise ApiResponseError(
                missing,
                status=response.status_code,
                url=self._safe_url(response.request.url),
            )
        return answer.strip()

    def _refuse_unless_created(self, response: httpx.Response, doing: str) -> None:
        """:class:`RemoteRejected` (``doing`` was refused) unless the answer is 200 or 201."""
        if response.status_code not in (200, 201):
            problem = self._problem(response)
            raise RemoteRejected(
                f"{doing} was refused: {self.redact(problem.summary())}",
                status=response.status_code,
                url=self._safe_url(response.request.url),
                problem=problem,
            )

    def _problem(self, response: httpx.Response) -> Problem:
        try:
            data = json.loads(response.text) if response.text.strip() else None
        except ValueError:
            data = " ".join(response.text[:300].split())
        return Problem.from_json(data, response.status_code)

    def _outcome(self, operation: str, response: httpx.Response | None) -> Outcome:
        if response is None:
            return Outcome(ok=True, status=0, operation=operation, dry_run=True)
        status = response.status_code
        if 200 <= status < 300:
            data = self._json(response, operation, allow_empty=True)
            result = SuccessResponse.from_json(data) if data is not None else SuccessResponse()
            return Outcome(ok=True, status=status, operation=operation, result=result)
        data = self._json(response, operation, allow_empty=True)
        problem = Problem.from_json(data, status)
        return Outcome(ok=False, status=status, operation=operation, problem=problem)

    def _expect_object(self, response: httpx.Response, operation: str) -> dict[str, Any]:
        data = self._json(response, operation)
        if response.status_code != 200 or not isinstance(data, dict):
            problem = Problem.from_json(data, response.status_code)
            raise ApiResponseError(
                f"{operation}: unexpected answer {response.status_code}: {self.redact(problem.summary())}",
                status=response.status_code,
                url=self._safe_url(response.request.url),
                problem=problem,
            )
        return data

    def _safe_url(self, url: Any) -> str:
        return self.redact(str(url))

    # -- dry run -----------------------------------------------------------------------------
    def _print_request(
        self,
        method: str,
        url: str,
        params: list[tuple[str, str]],
        headers: dict[str, str],
        body: bytes | str | None,
    ) -> None:
        full = str(httpx.URL(url, params=params)) if params else url
        lines = [f"{method} {full}"]
        for name, value in headers.items():
            if name.lower() in ("authorization", "ocp-apim-subscription-key"):
                scheme = "Bearer " if value.startswith("Bearer ") else ""
                value = f"{scheme}{REDACTED}"
            lines.append(f"{name}: {value}")
        if body is not None:
            text = body.decode("utf-8") if isinstance(body, bytes) else body
            if text.startswith("{") or text.startswith("["):
                with contextlib.suppress(ValueError):
                    text = json.dumps(json.loads(text), ensure_ascii=False, indent=2)
            if "/api/Authenticate" in url:
                text = json.dumps(REDACTED)
            if len(text) > DRY_RUN_BODY_CHARS:
                text = (
                    text[:DRY_RUN_BODY_CHARS]
                    + f"\n… ({len(text) - DRY_RUN_BODY_CHARS:,} more characters not shown)"
                )
            lines += ["", text]
        out = self.out or sys.stdout
        out.write(self.redact("\n".join(lines)) + "\n\n")


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date)."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
