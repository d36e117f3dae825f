"""Run the fuzz targets briefly in CI (seconds, not hours), seeded with real inputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

HERE = Path(__file__).parent
SEEDS = [
    b'{"planKey": "5e928c8f-1a4d-4912-853b-c92c844ae8ec", "geographicalArea": {"srid": "3067", "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}}',
    b'{"permanentPlanIdentifier": "AK-000001", "planMatterPhases": [{"planMatterPhaseKey": "x"}]}',
    b'{"planRegulationGroups": [{"planRegulations": [{"value": {"dataType": "PositiveNumeric", "number": 2400}}]}]}',
]


@pytest.mark.parametrize("target", sorted(HERE.glob("fuzz_*.py")), ids=lambda p: p.stem)
def test_fuzz_target_finds_nothing_in_a_short_run(target: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, seed in enumerate(SEEDS):
        (corpus / f"seed{i}").write_bytes(seed)
    proc = subprocess.run(
        [
            sys.executable,
            str(target),
            "-runs=3000",
            "-max_len=2048",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
