"""A run killed while it writes leaves the previous output intact (through the real CLI).

``tests/core/test_io.py`` kills a bare ``atomic_writer``; here whole commands are killed
with SIGKILL at the moment their temporary output file appears beside the target, which is
the worst moment: the new content is half written.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.plan_generator import generate_plan

OLD = b"previous output, must survive\n"


def kill_while_writing(argv: list[str], folder: Path, target: Path) -> bool:
    """Start ``ryhti`` with ``argv``; SIGKILL it once a temporary sibling of ``target``
    exists. True if it was killed mid-write, False if it finished first."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ryhti", *argv],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    prefix = f".{target.name}."
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if any(p.name.startswith(prefix) for p in folder.iterdir()):
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.001)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _complete(target: Path) -> bool:
    """True when ``target`` is a whole output: JSON that parses, or a GeoPackage that opens."""
    if target.suffix == ".json":
        try:
            json.loads(target.read_bytes())
        except ValueError:
            return False
        return True
    import pyogrio

    try:
        return bool(pyogrio.list_layers(target).size)
    except Exception:
        return False


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "plan.json"
    path.write_text(json.dumps(generate_plan(8_000, seed=4)), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("plan.gpkg", ["export", "{plan}", "-o", "plan.gpkg"]),
        ("report.json", ["validate", "{plan}", "--format", "json", "-o", "report.json"]),
    ],
)
def test_killed_while_writing_leaves_the_old_file(
    name: str, argv: list[str], big_plan: Path, tmp_path: Path
) -> None:
    target = tmp_path / name
    for _attempt in range(3):
        target.write_bytes(OLD)
        killed = kill_while_writing(
            [a.replace("{plan}", str(big_plan)) for a in argv], tmp_path, target
        )
        if killed:
            # SIGKILL lands just after the temporary file was seen: either before the
            # rename (the old file stays) or just after it (the whole new file): never a mix
            content = target.read_bytes()
            if content != OLD:
                assert _complete(target), "the output is neither the old file nor a whole new one"
            break
        # the command finished before its temporary file was seen: then the output is
        # the whole new file (never a mix), and the next attempt tries to catch it again
        assert target.read_bytes() != OLD and target.stat().st_size > 0
    else:
        pytest.skip("the command always finished before its temporary file was seen")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != name]
    # a killed process cannot clean up: what it leaves is hidden and never the target
    assert all(p.startswith(f".{name}.") for p in leftovers), leftovers
