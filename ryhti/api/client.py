"""An HTTP client for the national Ryhti API, following Syke's OpenAPI descriptions.

Two services, one client:

* the public Validate API (``POST /api/Plan/Validate?planType=…&administrativeAreaIdentifiers=…``,
  key in ``Ocp-Apim-Subscription-Key``), which checks one plan without storing it;
* the plan service over Suomi.fi-palveluväylä (X-Road): ``Authenticate`` for a bearer
  token, ``PermanentPlanIdentifier`` to reserve ``AK-…``/``YK-…``/``MK-…``, plan matter
  and phase validate/create/update/get for the three plan levels
  (``LocalDetailedPlanMatter``, ``LocalMasterPlanMatter``, ``RegionalPlanMatter``),
  ``File`` upload and ``Status/health``.

Each operation says whether it is safe to repeat; the HTTP side (:mod:`ryhti.api.session`:
retries, errors, logging, redaction) acts on that. Creating a matter or a phase and
uploading a file are sent once; ``ryhti submit`` reads what is stored before it writes, so
running it again is the recovery.

``dry_run=True`` sends nothing: every request is printed (secrets as ``***``) and the
calls return placeholders, so ``ryhti submit --dry-run`` shows the whole conversation.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ryhti.api.errors import (
    ApiConfigError,
    AuthError,
    NotFoundError,
)
from ryhti.api.responses import HealthReport, Outcome
from ryhti.api.session import Session
from ryhti.codelists import bare_code
from ryhti.errors import InputError, UsageError

__all__ = [
    "FAMILIES",
    "RyhtiClient",
    "family_of",
    "level_of_identifier",
]

log = logging.getLogger("ryhti.api")

#: Plan level -> (endpoint family of the plan service, permanent identifier prefix).
FAMILIES: dict[str, tuple[str, str]] = {
    "asemakaava": ("LocalDetailedPlanMatter", "AK"),
    "yleiskaava": ("LocalMasterPlanMatter", "YK"),
    "maakuntakaava": ("RegionalPlanMatter", "MK"),
}

_PREFIXES = {prefix: level for level, (_, prefix) in FAMILIES.items()}
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")

#: Placeholder namespace for the answers of a dry run (never sent anywhere).
_DRY_NS = uuid.UUID("6b0c3c8e-0f55-5b0e-9d2a-8d7f0f1f0d11")


def level_of_identifier(identifier: str) -> str | None:
    """``AK-000123`` -> ``asemakaava``; ``None`` for anything without a known prefix."""
    prefix = identifier.partition("-")[0].upper() if isinstance(identifier, str) else ""
    return _PREFIXES.get(prefix)


def family_of(level: str) -> str:
    """The endpoint family for a plan level, a level abbreviation or an RY_Kaavalaji code.

    ``asemakaava``, ``AK``, ``31`` and the RY_Kaavalaji URI of 31 all give
    ``LocalDetailedPlanMatter``; a family name is returned as it is.
    """
    for fam, _ in FAMILIES.values():
        if level == fam:
            return fam
    from ryhti.codelists import plan_level

    try:
        normalised = plan_level(level)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if normalised not in FAMILIES:
        raise UsageError(f"unknown plan level {level!r}")
    return FAMILIES[normalised][0]


class RyhtiClient(Session):
    """Client for the public Validate API and the X-Road plan service: the API's operations
    over a :class:`~ryhti.api.session.Session` (retries, errors, logging, dry run).

    ``transport`` lets tests plug in an httpx transport; ``sleep`` and ``clock`` make
    backoff and token expiry testable without waiting. ``out`` receives dry-run output.
    Use as a context manager, or call :meth:`close`.
    """

    # -- public Validate API -----------------------------------------------------------------
    def validate_plan(
        self, plan: Any, plan_type: str, administrative_areas: Iterable[str] | str
    ) -> Outcome:
        """Validate one plan (``ValidatePlan``) with the public API; nothing is stored.

        ``plan_type`` is the RY_Kaavalaji value (``31``) or its URI; the areas are
        municipality or region codes (``601``).
        """
        cfg = self.config
        if not cfg.subscription_key and not self.dry_run:
            raise ApiConfigError(
                "no subscription key for the public Validate API",
                hint="set RYHTI_SUBSCRIPTION_KEY or subscription_key in [api] of ryhti.toml; "
                "register at the Syke developer portal",
            )
        areas = (
            [administrative_areas]
            if isinstance(administrative_areas, str)
            else list(administrative_areas)
        )
        if not areas:
            raise UsageError(
                "administrativeAreaIdentifiers: give at least one municipality or region"
            )
        params = [("planType", bare_code(str(plan_type)))]
        params += [("administrativeAreaIdentifiers", a) for a in areas]
        headers = {
            "Ocp-Apim-Subscription-Key": cfg.subscription_key.reveal()
            if cfg.subscription_key
            else ""
        }
        response = self._call(
            "validate plan",
            "POST",
            cfg.public_url + "/api/Plan/Validate",
            params=params,
            json_body=_as_json(plan),
            headers=headers,
            idempotent=True,
            what="the public Validate API",
            auth_hint="check RYHTI_SUBSCRIPTION_KEY",
        )
        return self._outcome("validate plan", response)

    # -- X-Road plan service -----------------------------------------------------------------
    def _xroad(self, path: str) -> str:
        base = self.config.xroad_url
        if not base:
            raise ApiConfigError(
                "no address for the X-Road plan service",
                hint="set RYHTI_XROAD_URL (the security server URL up to /api, e.g. "
                "https://ss.example/r1/FI/GOV/0996189-5/Ryhti-Syke-service/planService)",
            )
        return base + path

    def _xroad_headers(self, token: bool = True) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.config.xroad_client:
            headers["X-Road-Client"] = self.config.xroad_client
        if token:
            headers["Authorization"] = f"Bearer {self.token()}"
        return headers

    def authenticate(self) -> str:
        """Get a bearer token for the client id and secret; remembers its expiry."""
        cfg = self.config
        if not (cfg.client_id and cfg.client_secret) and not self.dry_run:
            raise ApiConfigError(
                "no client credentials for the X-Road plan service",
                hint="set RYHTI_CLIENT_ID and RYHTI_CLIENT_SECRET (or client_secret_file in [api])",
            )
        secret = cfg.client_secret.reveal() if cfg.client_secret else ""
        response = self._call(
            "authenticate",
            "POST",
            self._xroad("/api/Authenticate"),
            params=[("clientId", cfg.client_id or "")],
            json_body=secret,
            headers=self._xroad_headers(token=False),
            idempotent=True,
            what="authentication",
            auth_hint="check RYHTI_CLIENT_ID and RYHTI_CLIENT_SECRET",
            bearer=False,
        )
        if response is None:  # dry run
            self._token, self._token_expires = "dry-run-token", None
            return self._token
        if response.status_code != 200:
            problem = self._problem(response)
            raise AuthError(
                f"authentication failed ({response.status_code}): {self.redact(problem.summary())}",
                status=response.status_code,
                url=self._safe_url(response.request.url),
                hint="check RYHTI_CLIENT_ID and RYHTI_CLIENT_SECRET",
            )
        token = self._text_answer(
            response, "authenticate", "authentication answered without a token"
        )
        self.redact.add(token)
        self._token = token
        expires = response.headers.get("X-Token-Expires-In")
        self._token_expires = None
        if expires:
            try:
                seconds = float(expires)
            except ValueError:
                seconds = None
            if seconds is not None:
                margin = min(60.0, seconds * 0.1)
                self._token_expires = self._clock() + max(0.0, seconds - margin)
        log.debug("authenticated; token valid for %s s", expires or "an unknown time")
        return token

    def token(self) -> str:
        """A valid bearer token, authenticating again when the last one has (nearly) expired."""
        if self._token is None or (
            self._token_expires is not None and self._clock() >= self._token_expires
        ):
            return self.authenticate()
        return self._token

    def health(self) -> HealthReport:
        """``GET /api/Status/health`` of the plan service (503 gives an ``Unhealthy`` report)."""
        response = self._call(
            "health",
            "GET",
            self._xroad("/api/Status/health"),
            # the description puts health under the global Bearer scheme: send a token
            # when there are credentials, so a check without them still works
            headers=self._xroad_headers(
                token=bool(self.config.client_id and self.config.client_secret)
            ),
            idempotent=True,
            retry_statuses=False,
            accept=(200, 503),
            what="the plan service health check",
        )
        if response is None:
            return HealthReport(status="(dry run)")
        data = self._json(response, "health", allow_empty=True)
        return HealthReport.from_json(data, response.status_code)

    def reserve_identifier(self, level: str, administrative_area: str, project_name: str) -> str:
        """Reserve (or get back) the permanent identifier for a project name.

        Idempotent on the server: the same name gives the same ``AK-…`` again (200).
        """
        fam = family_of(level)
        response = self._call(
            "reserve identifier",
            "POST",
            self._xroad(f"/api/{fam}/PermanentPlanIdentifier"),
            json_body={
                "administrativeAreaIdentifier": administrative_area,
                "projectName": project_name,
            },
            headers=self._xroad_headers(),
            idempotent=True,
            what=f"identifier reservation ({fam})",
        )
        if response is None:
            prefix = next(p for f, p in FAMILIES.values() if f == fam)
            return f"{prefix}-DRYRUN"
        self._refuse_unless_created(response, "reserving an identifier")
        return self._text_answer(
            response,
            "reserve identifier",
            "identifier reservation answered without an identifier",
        )

    def _matter_path(self, level: str, identifier: str, suffix: str = "") -> str:
        if not identifier or "/" in identifier:
            raise UsageError(f"not a permanent plan identifier: {identifier!r}")
        return self._xroad(f"/api/{family_of(level)}/{identifier}{suffix}")

    def validate_matter(self, level: str, identifier: str, matter: Any) -> Outcome:
        """Validate a whole plan matter with its first phase; nothing is stored."""
        return self._send(
            "validate matter", "POST", level, identifier, "/Validate", matter, idempotent=True
        )

    def create_matter(self, level: str, identifier: str, matter: Any) -> Outcome:
        """Store a new plan matter with its first phase (sent once, never retried)."""
        return self._send("create matter", "POST", level, identifier, "", matter, idempotent=False)

    def update_matter(self, level: str, identifier: str, update: Any) -> Outcome:
        """Replace the matter's own data (``PlanMatterUpdate``: no phases)."""
        body = _as_json(update)
        if isinstance(body, dict) and "planMatterPhases" in body:
            body = {k: v for k, v in body.items() if k != "planMatterPhases"}
        return self._send("update matter", "PUT", level, identifier, "", body, idempotent=True)

    def get_matter(self, level: str, identifier: str) -> dict[str, Any]:
        """The stored plan matter (``PlanMatterResponse`` JSON); :class:`NotFoundError` if none."""
        return self._fetch("get matter", level, identifier, "")

    def validate_phase(self, level: str, identifier: str, phase_key: str, phase: Any) -> Outcome:
        """Validate one phase of an existing matter; nothing is stored."""
        suffix = f"/phase/{_uuid(phase_key)}/validate"
        return self._send(
            "validate phase", "POST", level, identifier, suffix, phase, idempotent=True
        )

    def create_phase(self, level: str, identifier: str, phase_key: str, phase: Any) -> Outcome:
        """Append a new phase to a stored matter (sent once, never retried)."""
        suffix = f"/phase/{_uuid(phase_key)}"
        return self._send(
            "create phase", "POST", level, identifier, suffix, phase, idempotent=False
        )

    def update_phase(self, level: str, identifier: str, phase_key: str, phase: Any) -> Outcome:
        """Replace a stored phase (its lifecycle status may not change)."""
        suffix = f"/phase/{_uuid(phase_key)}"
        return self._send("update phase", "PUT", level, identifier, suffix, phase, idempotent=True)

    def get_phase(self, level: str, identifier: str, phase_key: str) -> dict[str, Any]:
        """A stored phase (``PlanMatterPhaseResponse`` JSON); :class:`NotFoundError` if none."""
        return self._fetch("get phase", level, identifier, f"/phase/{_uuid(phase_key)}")

    def _send(
        self,
        operation: str,
        method: str,
        level: str,
        identifier: str,
        suffix: str,
        body: Any,
        *,
        idempotent: bool,
    ) -> Outcome:
        """One plan-service write (or validation) of a matter or one of its phases."""
        response = self._call(
            operation,
            method,
            self._matter_path(level, identifier, suffix),
            json_body=_as_json(body),
            headers=self._xroad_headers(),
            idempotent=idempotent,
            what=_what(identifier, suffix),
        )
        return self._outcome(operation, response)

    def _fetch(self, operation: str, level: str, identifier: str, suffix: str) -> dict[str, Any]:
        """One plan-service read of a matter or a phase; :class:`NotFoundError` if none."""
        what = _what(identifier, suffix)
        response = self._call(
            operation,
            "GET",
            self._matter_path(level, identifier, suffix),
            headers=self._xroad_headers(),
            idempotent=True,
            what=what,
        )
        if response is None:
            raise NotFoundError(f"{what} (not looked up in a dry run)")
        return self._expect_object(response, operation)

    def upload_file(
        self,
        path: str | Path,
        *,
        municipality_id: str | None = None,
        region_id: str | None = None,
        content_type: str | None = None,
    ) -> str:
        """Upload one PDF attachment or GeoTIFF plan map; returns its file key.

        Sent once, never retried (a repeated upload would store the file twice).
        ``municipality_id``/``region_id`` (only one) are needed when the client has
        rights to several; they default to the configured ones.
        """
        p = Path(path)
        if not p.is_file():
            raise InputError("no such file to upload", source=p)
        municipality_id = municipality_id or (None if region_id else self.config.municipality_id)
        region_id = region_id or (None if municipality_id else self.config.region_id)
        if municipality_id and region_id:
            raise UsageError("give either a municipality or a region for the upload, not both")
        params = []
        if municipality_id:
            params.append(("municipalityId", municipality_id))
        if region_id:
            params.append(("regionId", region_id))
        ctype = content_type or _content_type(p)
        if self.dry_run:
            self._print_request(
                "POST",
                self._xroad("/api/File"),
                params,
                self._xroad_headers(),
                f"(multipart/form-data: file={p.name!r}, {ctype}, {p.stat().st_size:,} bytes)",
            )
            return str(uuid.uuid5(_DRY_NS, str(p.resolve())))
        with p.open("rb") as fh:
            response = self._call(
                "upload file",
                "POST",
                self._xroad("/api/File"),
                params=params,
                files={"file": (p.name, fh, ctype)},
                headers=self._xroad_headers(),
                idempotent=False,
                what=f"file upload of {p.name}",
            )
        assert response is not None
        self._refuse_unless_created(response, f"uploading {p.name}")
        return file_key_of(
            self._text_answer(
                response, "upload file", f"uploading {p.name} answered without a file key"
            )
        )


def _as_json(value: Any) -> Any:
    to_json = getattr(value, "to_json", None)
    return to_json() if callable(to_json) else value


def _what(identifier: str, suffix: str) -> str:
    """What a matter or phase call is about, for its error messages."""
    if suffix.startswith("/phase/"):
        return f"phase {suffix.split('/')[2]} of plan matter {identifier}"
    return f"plan matter {identifier}"


def _uuid(value: str) -> str:
    text = str(value).strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise UsageError(f"not a phase key (a UUID): {value!r}") from None


def file_key_of(answer: str) -> str:
    """The file key in an upload answer: a bare UUID, or the last UUID in a URI."""
    text = answer.strip().strip('"')
    found = _UUID.findall(text)
    return found[-1].lower() if found else text


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tif", ".tiff"):
        return "image/tiff"
    if suffix == ".pdf":
        return "application/pdf"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
