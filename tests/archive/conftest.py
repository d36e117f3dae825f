"""Fixtures of the archive tests: the sample plan, Spatineo's change-plan example, archives.

PostgreSQL + PostGIS comes from the session fixture ``postgis_url`` of ``tests/conftest.py``
(a throwaway cluster started by the tests, or ``$RYHTI_TEST_POSTGIS_URL``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ryhti.cli import main
from tests.conftest import reference_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "espoo-asemakaava" / "plan.json"

#: Spatineo's example of a change plan that partly cancels three plans in force
#: (kaavamuutos/README.md): file stem → the permanent identifier its README gives it.
KAAVAMUUTOS = {
    "SpatialPlan-asemakaava-kumottava-140500": "AK-000001",
    "SpatialPlan-asemakaava-kumottava-02030": "AK-000002",
    "SpatialPlan-asemakaava-kumottava-001741": "AK-000003",
    "SpatialPlan-asemakaavamuutos": "AK-002583",
}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the ``ryhti`` CLI in-process: exit code, stdout, stderr."""
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def sample_plan() -> Path:
    return SAMPLE


@pytest.fixture
def kaavamuutos() -> dict[str, Path]:
    """The four plans of Spatineo's kaavamuutos example (skips without the reference)."""
    folder = reference_path("ryhti", "examples", "spatineo", "kaavoitus", "kaavamuutos")
    return {stem: folder / f"{stem}.json" for stem in KAAVAMUUTOS}


def add_kaavamuutos(store: Any, paths: dict[str, Path], validate: bool = False) -> None:
    """Add the example's plans, each with the permanent identifier its README gives."""
    from ryhti.archive.ingest import add_files
    from ryhti.archive.records import AddOptions

    for stem, path in paths.items():
        opts = AddOptions(
            srid=store.srid,
            plan_type="31",
            municipality="092",
            permanent_id=KAAVAMUUTOS[stem],
            validate=validate,
        )
        summary = add_files(store, [path], opts, progress=False)
        assert not summary.failed, summary.failed
