"""Run the fuzz targets briefly in CI (seconds, not hours), seeded with real inputs.

Targets: ``fuzz_json.py`` (JSON reader + plan model round trip), ``fuzz_gml.py`` (KuntaGML
and national-model GML readers, then conversion), ``fuzz_legend.py`` (legend documents).
Seeds live in ``seeds/<target>/``; each run works in a scratch corpus so that what libFuzzer
finds never lands in the repository. A crash fails the test with atheris' report (the
crashing input is written beside the scratch corpus). Longer runs by hand:

    .venv/bin/python tests/fuzz/fuzz_gml.py -runs=200000 /tmp/corpus tests/fuzz/seeds/gml
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

HERE = Path(__file__).parent
#: runs and largest input per target: together well under 30 s on one core
BUDGET = {"fuzz_json": (3000, 2048), "fuzz_gml": (800, 8192), "fuzz_legend": (3000, 4096)}


@pytest.mark.parametrize("target", sorted(HERE.glob("fuzz_*.py")), ids=lambda p: p.stem)
def test_fuzz_target_finds_nothing_in_a_short_run(target: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = HERE / "seeds" / target.stem.removeprefix("fuzz_")
    for seed in sorted(seeds.iterdir()):
        shutil.copy(seed, corpus / seed.name)
    runs, max_len = BUDGET.get(target.stem, (2000, 4096))
    proc = subprocess.run(
        [
            sys.executable,
            str(target),
            f"-runs={runs}",
            f"-max_len={max_len}",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
