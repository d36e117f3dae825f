"""mypy holds ryhti/validators and ryhti/model (the packages a new rule touches) to their
type hints; settings in pyproject.toml ``[tool.mypy]``. CI runs only the test suite, so the
type check runs here. The cache is kept under ``.cache/mypy`` (incremental: a second run
checks only what changed, about a second), or in a temporary folder when that is not writable.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _cache_dir() -> Path:
    cache = ROOT / ".cache" / "mypy"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        if os.access(cache, os.W_OK):
            return cache
    except OSError:
        pass
    return Path(tempfile.gettempdir()) / "ryhti-mypy-cache"


def test_validators_and_model_pass_mypy() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (it is in the dev extra)")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--cache-dir",
            str(_cache_dir()),
            "ryhti/validators",
            "ryhti/model",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]
