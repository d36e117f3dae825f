"""Fixtures: the fake Ryhti server, the official contract, a client pointed at them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ryhti.api.client import RyhtiClient
from ryhti.api.config import ApiConfig, Secret
from tests.api import fake_ryhti
from tests.api.fake_ryhti import FakeRyhti
from tests.conftest import REFERENCE

DATA = Path(__file__).parent / "data"
OPENAPI = REFERENCE / "ryhti" / "openapi"


@pytest.fixture(scope="session")
def contracts() -> dict[str, Any]:
    """The official descriptions as request checkers; empty on a clone without them."""
    if not OPENAPI.exists():
        return {}
    from tests.api.contract import Contract

    return {
        "public": Contract(OPENAPI / "ryhti-plan-public-validate-api.json"),
        "xroad": Contract(
            OPENAPI / "planService-OpenApi.json", token_exempt=("/api/Authenticate",)
        ),
    }


@pytest.fixture
def fake(contracts: dict[str, Any]) -> Iterator[FakeRyhti]:
    """A running fake Ryhti; after the test, every request must have met the contract."""
    with FakeRyhti(contracts) as server:
        server.allow_body_violations = False  # type: ignore[attr-defined]
        yield server
    assert not server.violations(), "\n".join(server.violations())
    if not server.allow_body_violations:  # type: ignore[attr-defined]
        assert not server.body_violations(), "\n".join(server.body_violations())


@pytest.fixture
def config(fake: FakeRyhti) -> ApiConfig:
    return ApiConfig(
        public_url=fake.public_url,
        subscription_key=Secret(fake_ryhti.SUBSCRIPTION_KEY),
        xroad_url=fake.xroad_url,
        xroad_client=fake_ryhti.XROAD_CLIENT,
        client_id=fake_ryhti.CLIENT_ID,
        client_secret=Secret(fake_ryhti.CLIENT_SECRET),
        timeout=2.0,
        connect_timeout=1.0,
        retries=3,
        backoff=0.01,
        max_backoff=5.0,
    )


class Sleeps(list):
    """Records the client's backoff sleeps instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(config: ApiConfig, sleeps: Sleeps) -> Iterator[RyhtiClient]:
    with RyhtiClient(config, sleep=sleeps) as c:
        yield c


@pytest.fixture
def plan_json() -> dict[str, Any]:
    import json

    return json.loads((DATA / "plan.json").read_text(encoding="utf-8"))
