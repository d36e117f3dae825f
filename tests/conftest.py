"""Shared test fixtures.

Tests may read the official reference material in ``../shared/reference`` for
conformance checks; where it is absent (a fresh clone elsewhere) they skip with a
clear reason so the test command still passes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# A rule message whose template names a parameter the finding does not give raises under the
# tests (ryhti.validators.rule.STRICT) instead of leaving "{placeholder}" in the message; set
# before anything imports ryhti, and inherited by the commands the tests start.
os.environ["RYHTI_STRICT_MESSAGES"] = "1"

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(os.environ.get("RYHTI_REFERENCE", ROOT.parent / "shared" / "reference"))


def reference_path(*parts: str) -> Path:
    """Path into the shared reference material, skipping the test if it is absent."""
    path = REFERENCE.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference material not available: {path} (set RYHTI_REFERENCE)")
    return path


@pytest.fixture
def reference() -> Path:
    """Root of the shared reference material (skips when absent)."""
    return reference_path()


@pytest.fixture(scope="session")
def postgis_url():
    """A PostGIS server for the whole session (the PostGIS reader's and the plan archive's
    tests share it): ``$RYHTI_TEST_POSTGIS_URL``, else a throwaway cluster of its own
    (skips, saying why, when none can be started)."""
    from tests.parsers.pgcluster import Unavailable, cluster

    try:
        with cluster() as url:
            yield url
    except Unavailable as exc:
        pytest.skip(str(exc))
