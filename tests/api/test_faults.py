"""Faults: timeouts, 503 then success, 429 with Retry-After, malformed JSON, token expiry,
401/403/404 messages, and no retry of calls that are not idempotent."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from ryhti.api.client import RyhtiClient
from ryhti.api.config import ApiConfig, Secret
from ryhti.api.errors import (
    ApiResponseError,
    ApiUnavailable,
    AuthError,
    ForbiddenError,
    NotFoundError,
)
from tests.api.conftest import Sleeps
from tests.api.fake_ryhti import FakeRyhti, Fault

DATA = Path(__file__).parent / "data"


def _with(config: ApiConfig, **changes: object) -> ApiConfig:
    from dataclasses import replace

    return replace(config, **changes)


def test_timeout_then_success_is_retried(
    config: ApiConfig, fake: FakeRyhti, plan_json: dict, sleeps: Sleeps
) -> None:
    fake.script("validate-plan", Fault(delay=1.0, then_normal=True))
    with RyhtiClient(_with(config, timeout=0.25), sleep=sleeps) as client:
        outcome = client.validate_plan(plan_json, "31", "179")
    assert outcome.ok
    assert fake.routes() == ["validate-plan", "validate-plan"] and len(sleeps) == 1


def test_timeouts_exhaust_the_retries(
    config: ApiConfig, fake: FakeRyhti, plan_json: dict, sleeps: Sleeps
) -> None:
    fake.script("validate-plan", *[Fault(delay=0.6, then_normal=True) for _ in range(3)])
    with (
        RyhtiClient(_with(config, timeout=0.2, retries=2), sleep=sleeps) as client,
        pytest.raises(ApiUnavailable) as exc,
    ):
        client.validate_plan(plan_json, "31", "179")
    assert "timed out after 0.2 s" in str(exc.value) and "after 3 attempts" in str(exc.value)
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0]  # exponential backoff


def test_503_then_success(
    client: RyhtiClient, fake: FakeRyhti, plan_json: dict, sleeps: Sleeps
) -> None:
    fake.script("validate-plan", Fault(status=503, body={"title": "Service Unavailable"}))
    assert client.validate_plan(plan_json, "31", "179").ok
    assert fake.routes() == ["validate-plan", "validate-plan"] and len(sleeps) == 1


def test_429_honours_retry_after(client: RyhtiClient, fake: FakeRyhti, sleeps: Sleeps) -> None:
    fake.script(
        "reserve",
        Fault(status=429, headers={"Retry-After": "2"}),
        Fault(status=429, headers={"Retry-After": "999"}),
    )
    assert client.reserve_identifier("asemakaava", "179", "Testikaava") == "AK-000001"
    assert sleeps == [2.0, 5.0]  # the second is capped at max_backoff


def test_persistent_5xx_gives_up_with_a_clear_message(
    client: RyhtiClient, fake: FakeRyhti, sleeps: Sleeps
) -> None:
    fake.script("get-matter", *[Fault(status=502) for _ in range(4)])
    with pytest.raises(ApiUnavailable, match=r"get matter: HTTP 502 after 4 attempts"):
        client.get_matter("asemakaava", "AK-000001")
    assert len(sleeps) == 3


def test_non_idempotent_calls_are_not_retried(
    client: RyhtiClient, fake: FakeRyhti, sleeps: Sleeps
) -> None:
    fake.script("create-matter", Fault(status=503))
    with pytest.raises(ApiUnavailable, match="not retried: the call is not idempotent"):
        client.create_matter("asemakaava", "AK-000001", {"permanentPlanIdentifier": "AK-000001"})
    fake.script("file", Fault(delay=0.6, then_normal=True))
    fake.script("create-phase", Fault(status=429, headers={"Retry-After": "1"}))
    with (
        RyhtiClient(_with(client.config, timeout=0.2), sleep=sleeps) as slow,
        pytest.raises(ApiUnavailable),
    ):
        slow.upload_file(DATA / "selostus.pdf")
    with pytest.raises(ApiUnavailable):
        client.create_phase("asemakaava", "AK-000001", "7992a8b8-ea39-5e4c-a5ed-6f5adc80b415", {})
    for route in ("create-matter", "file", "create-phase"):
        assert fake.routes().count(route) == 1, route
    assert sleeps == []
    fake.allow_body_violations = True  # the bodies above are deliberately incomplete


def test_connection_refused_is_retried_then_reported(
    config: ApiConfig, sleeps: Sleeps, plan_json: dict
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = _with(config, public_url=f"http://127.0.0.1:{port}/public")
    with RyhtiClient(dead, sleep=sleeps) as client, pytest.raises(ApiUnavailable) as exc:
        client.validate_plan(plan_json, "31", "179")
    assert "connection failed: ConnectError" in str(exc.value) and len(sleeps) == 3


@pytest.mark.parametrize("route", ["get-matter", "validate-plan", "authenticate"])
def test_malformed_json_answer(
    client: RyhtiClient, fake: FakeRyhti, plan_json: dict, route: str
) -> None:
    fake.script(
        route,
        Fault(
            status=200 if route != "validate-plan" else 422,
            raw=b"<html><body>Gateway says hi</body></html>",
            headers={"Content-Type": "text/html"},
        ),
    )
    with pytest.raises(ApiResponseError) as exc:
        if route == "validate-plan":
            client.validate_plan(plan_json, "31", "179")
        else:
            client.get_matter("asemakaava", "AK-000001")
    assert "is not valid JSON" in str(exc.value) and "Gateway says hi" in str(exc.value)


def test_truncated_json_answer(client: RyhtiClient, fake: FakeRyhti) -> None:
    fake.script(
        "get-matter",
        Fault(
            status=200,
            raw=b'{"permanentPlanIdentifier": "AK-0',
            headers={"Content-Type": "application/json"},
        ),
    )
    with pytest.raises(ApiResponseError, match="not valid JSON"):
        client.get_matter("asemakaava", "AK-000001")


def test_token_expired_on_the_server_mid_run(client: RyhtiClient, fake: FakeRyhti) -> None:
    client.reserve_identifier("asemakaava", "179", "A")
    fake.expire_tokens()  # the server forgets the token before its announced expiry
    client.reserve_identifier("asemakaava", "179", "B")
    assert fake.routes() == ["authenticate", "reserve", "reserve", "authenticate", "reserve"]


def test_token_expiry_by_the_clock(config: ApiConfig, fake: FakeRyhti, sleeps: Sleeps) -> None:
    now = [1000.0]
    fake.token_lifetime = 120
    with RyhtiClient(config, sleep=sleeps, clock=lambda: now[0]) as client:
        client.reserve_identifier("asemakaava", "179", "A")
        now[0] += 60  # still valid (120 s less a 12 s margin)
        client.reserve_identifier("asemakaava", "179", "B")
        now[0] += 60  # past 108 s: renewed before sending, no 401 needed
        client.reserve_identifier("asemakaava", "179", "C")
    assert fake.routes() == ["authenticate", "reserve", "reserve", "authenticate", "reserve"]


def test_401_wrong_client_secret(config: ApiConfig, fake: FakeRyhti, sleeps: Sleeps) -> None:
    with (
        RyhtiClient(
            _with(config, client_secret=Secret("wrong-secret-value")), sleep=sleeps
        ) as client,
        pytest.raises(AuthError) as exc,
    ):
        client.get_matter("asemakaava", "AK-000001")
    text = str(exc.value)
    assert "refused the credentials (401 Unauthorized)" in text and "RYHTI_CLIENT_SECRET" in text
    assert "wrong-secret-value" not in text
    assert fake.routes() == ["authenticate"]  # a refused login is not retried


def test_401_wrong_subscription_key(
    config: ApiConfig, fake: FakeRyhti, plan_json: dict, sleeps: Sleeps
) -> None:
    with (
        RyhtiClient(
            _with(config, subscription_key=Secret("bad-key-123456")), sleep=sleeps
        ) as client,
        pytest.raises(AuthError) as exc,
    ):
        client.validate_plan(plan_json, "31", "179")
    assert "check RYHTI_SUBSCRIPTION_KEY" in str(exc.value) and "bad-key" not in str(exc.value)


def test_403_names_the_rights(client: RyhtiClient, fake: FakeRyhti) -> None:
    fake.script(
        "reserve",
        Fault(
            status=403,
            body={"title": "Forbidden", "status": 403, "detail": "No rights to municipality 179"},
        ),
    )
    with pytest.raises(ForbiddenError) as exc:
        client.reserve_identifier("asemakaava", "179", "A")
    text = str(exc.value)
    assert (
        "access denied (403 Forbidden)" in text
        and "No rights to municipality 179" in text
        and "lack rights" in text
    )


def test_404_names_what_was_missing(client: RyhtiClient, fake: FakeRyhti) -> None:
    with pytest.raises(NotFoundError) as exc:
        client.get_phase("asemakaava", "AK-000042", "7992a8b8-ea39-5e4c-a5ed-6f5adc80b415")
    assert (
        "phase 7992a8b8-ea39-5e4c-a5ed-6f5adc80b415 of plan matter AK-000042 was not found (404)"
        in str(exc.value)
    )
