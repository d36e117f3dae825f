"""A small client for the koodistot.suomi.fi codelist API (Yhteentoimivuusalusta).

Only what ``ryhti codelists update`` needs: a code scheme's metadata and all of its codes.
The codes endpoint answers ``{"meta": {...}, "results": [...]}``; ``meta`` carries
``totalResults`` and, when a page size is set, ``nextPage``. Both are honoured, so the
fetch is complete whether or not the server pages. Every failure becomes an
:class:`~ryhti.errors.InputError` naming the URL, with a hint to use ``--from DIR``.
"""

from __future__ import annotations

from typing import Any

import httpx

from ryhti import __version__
from ryhti.errors import InputError

#: The public codelist API.
DEFAULT_BASE_URL = "https://koodistot.suomi.fi/codelist-api/api/v1"

#: Seconds to wait for connect and for each read; the API usually answers in well under one.
DEFAULT_TIMEOUT = 30.0

#: Codes per page. The largest list needed (municipalities) has about 300 codes.
DEFAULT_PAGE_SIZE = 1000

#: A runaway ``nextPage`` chain stops here instead of looping forever.
MAX_PAGES = 200

_OFFLINE_HINT = "check the network, or run offline with --from DIR"


def codes_url(base_url: str, registry: str, scheme: str) -> str:
    """URL of the codes endpoint of one code scheme."""
    return f"{base_url.rstrip('/')}/coderegistries/{registry}/codeschemes/{scheme}/codes"


def scheme_url(base_url: str, registry: str, scheme: str) -> str:
    """URL of a code scheme's own metadata (URI, names, modification time)."""
    return f"{base_url.rstrip('/')}/coderegistries/{registry}/codeschemes/{scheme}"


class KoodistotClient:
    """Fetches code schemes over HTTP with timeouts, limited retries and clear errors."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = 2,
        page_size: int = DEFAULT_PAGE_SIZE,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.retries = max(0, retries)
        self.page_size = page_size
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"Accept": "application/json", "User-Agent": f"ryhti/{__version__}"},
            follow_redirects=True,
            transport=transport,
        )

    def __enter__(self) -> KoodistotClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def get_json(self, url: str, params: dict[str, Any] | None = None) -> Any:
        """GET ``url`` and parse JSON; transient failures (timeouts, 5xx) are retried."""
        last: Exception | None = None
        for _attempt in range(self.retries + 1):
            try:
                response = self._client.get(url, params=params)
            except httpx.TimeoutException as exc:
                last = InputError(
                    f"koodistot did not answer within {self._client.timeout.read:g} s",
                    source=url,
                    hint=_OFFLINE_HINT,
                )
                last.__cause__ = exc
                continue
            except httpx.HTTPError as exc:
                last = InputError(f"cannot reach koodistot: {exc}", source=url, hint=_OFFLINE_HINT)
                last.__cause__ = exc
                continue
            if response.status_code >= 500:
                last = InputError(
                    f"koodistot answered HTTP {response.status_code}",
                    source=url,
                    hint=_OFFLINE_HINT,
                )
                continue
            if response.status_code == 404:
                raise InputError("no such code list on koodistot (HTTP 404)", source=url)
            if response.status_code >= 400:
                raise InputError(
                    f"koodistot refused the request (HTTP {response.status_code})", source=url
                )
            try:
                return response.json()
            except ValueError as exc:
                raise InputError(
                    "koodistot answered with something that is not JSON", source=url
                ) from exc
        assert last is not None
        raise last

    def fetch_scheme(self, registry: str, scheme: str) -> dict[str, Any]:
        """The code scheme's metadata object (``uri``, ``prefLabel``, ``modified`` …)."""
        url = scheme_url(self.base_url, registry, scheme)
        data = self.get_json(url)
        if not isinstance(data, dict) or not isinstance(data.get("uri"), str):
            raise InputError("code scheme metadata has no 'uri'", source=url)
        return data

    def fetch_codes(self, registry: str, scheme: str) -> list[dict[str, Any]]:
        """Every code of the scheme, following ``nextPage`` or ``from`` offsets until complete."""
        url: str | None = codes_url(self.base_url, registry, scheme)
        first_url = url
        params: dict[str, Any] | None = {"pageSize": self.page_size, "from": 0}
        codes: list[dict[str, Any]] = []
        seen_values: set[str] = set()
        seen_pages: set[str] = set()
        offset = 0
        for _page in range(MAX_PAGES):
            assert url is not None
            data = self.get_json(url, params)
            if not isinstance(data, dict) or not isinstance(data.get("results"), list):
                raise InputError(
                    "answer has no 'results' list; not the koodistot codes format", source=url
                )
            results = data["results"]
            offset += len(results)
            fresh = 0
            for i, raw in enumerate(results):
                if not isinstance(raw, dict) or not isinstance(raw.get("codeValue"), str):
                    raise InputError(
                        "code without a 'codeValue'", source=url, where=f"results[{i}]"
                    )
                if raw["codeValue"] not in seen_values:
                    seen_values.add(raw["codeValue"])
                    codes.append(raw)
                    fresh += 1
            if results and not fresh:
                raise InputError(
                    "paging does not advance: the page repeats codes already fetched", source=url
                )
            meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
            total = meta.get("totalResults")
            next_page = meta.get("nextPage")
            if isinstance(next_page, str) and next_page and next_page not in seen_pages:
                seen_pages.add(next_page)
                url, params = next_page, None
                continue
            if isinstance(total, int) and offset < total and results:
                url, params = first_url, {"pageSize": self.page_size, "from": offset}
                continue
            if isinstance(total, int) and len(codes) != total:
                raise InputError(
                    f"koodistot announced {total} codes but sent {len(codes)}", source=first_url
                )
            return codes
        raise InputError(f"more than {MAX_PAGES} pages; giving up", source=first_url)
