"""Fixtures of the generator tests: the built Espoo plan and matter, and the project sample."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from ryhti.model import PlanMatterCreate, ValidatePlan, from_json
from tests.generators.builders import espoo_matter, espoo_plan

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE = ROOT / "samples" / "espoo-asemakaava" / "plan.json"

#: Set to 1 to rewrite the golden files from the current output (then review the diff).
UPDATE = os.environ.get("RYHTI_UPDATE_GOLDEN") == "1"


@pytest.fixture
def plan_json() -> dict[str, Any]:
    return espoo_plan()


@pytest.fixture
def matter_json() -> dict[str, Any]:
    return espoo_matter()


@pytest.fixture
def plan(plan_json: dict[str, Any]) -> ValidatePlan:
    return from_json(copy.deepcopy(plan_json), "plan")  # type: ignore[return-value]


@pytest.fixture
def matter(matter_json: dict[str, Any]) -> PlanMatterCreate:
    return from_json(copy.deepcopy(matter_json), "matter")  # type: ignore[return-value]


@pytest.fixture
def plan_file(tmp_path: Path, plan_json: dict[str, Any]) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_json, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def matter_file(tmp_path: Path, matter_json: dict[str, Any]) -> Path:
    path = tmp_path / "matter.json"
    path.write_text(json.dumps(matter_json, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def sample_json() -> dict[str, Any]:
    if not SAMPLE.exists():
        pytest.skip(f"project sample not built: {SAMPLE}")
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def golden(name: str, actual: str) -> None:
    """Compare ``actual`` with the golden file ``name`` (rewrite it with RYHTI_UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(
                f"golden file {path} was missing and has been written; review and commit it"
            )
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path} (RYHTI_UPDATE_GOLDEN=1 to accept)"
