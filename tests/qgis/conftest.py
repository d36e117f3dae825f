"""Fixtures for the QGIS plugin tests: the QGIS side's own Python, and skipping without QGIS.

The plugin's algorithms run inside QGIS, whose Python (Debian's ``/usr/bin/python3``
with ``python3-qgis``) must not meet this project's ``.venv``: QGIS loads Debian's
GEOS/GDAL/PROJ and the wheels of shapely, pyogrio and rasterio then crash with a
double free. So the tests in ``qgis_side/`` run in a second virtual environment made
from ``/usr/bin/python3 --system-site-packages`` (QGIS visible, pytest added), cached
in ``.cache/qgis-venv`` and rebuilt when its recipe changes. numpy<2 and attrs>=23.2
are pinned there as constraints so nothing installed into it can pull a numpy that
Debian's compiled packages (GDAL's numpy bindings, matplotlib) were not built for.

Without QGIS (a developer machine without ``apt-get install qgis python3-qgis
qgis-providers``) these tests skip with that reason; CI installs QGIS, so there they run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QGIS_SIDE = Path(__file__).resolve().parent / "qgis_side"
SYSTEM_PYTHON = Path(os.environ.get("RYHTI_QGIS_SYSTEM_PYTHON", "/usr/bin/python3"))
VENV = Path(os.environ.get("RYHTI_QGIS_VENV", ROOT / ".cache" / "qgis-venv"))
#: What the QGIS side's environment holds, and the pins it must keep.
REQUIREMENTS = ("pytest>=8",)
CONSTRAINTS = ("numpy<2", "attrs>=23.2")
INSTALL = "apt-get install qgis python3-qgis qgis-providers (scripts/setup.sh does it)"

collect_ignore = ["qgis_side"]  # run in QGIS's Python by test_qgis_plugin.py, not here


def qgis_process() -> str | None:
    """Debian's ``qgis_process.bin`` (the ``qgis_process`` wrapper passes an option 3.22
    does not know, ``--noversioncheck``, and fails)."""
    found = shutil.which("qgis_process.bin")
    if found:
        return found
    fallback = Path("/usr/bin/qgis_process.bin")
    return str(fallback) if fallback.exists() else None


def qgis_missing() -> str | None:
    """Why the QGIS tests cannot run here, or None when they can."""
    if not SYSTEM_PYTHON.exists():
        return f"QGIS tests need {SYSTEM_PYTHON} with python3-qgis: {INSTALL}"
    if qgis_process() is None:
        return f"QGIS is not installed (no qgis_process.bin): {INSTALL}"
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import qgis.core"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    if probe.returncode != 0:
        return f"QGIS's Python bindings do not import ({probe.stderr.strip()[-200:]}): {INSTALL}"
    return None


def _recipe() -> str:
    version = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import sys; print(sys.version)"],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    return "\n".join([version, *REQUIREMENTS, "constraints:", *CONSTRAINTS]) + "\n"


def qgis_venv() -> Path:
    """The QGIS side's Python, created (or reused from the cache) on first use."""
    python = VENV / "bin" / "python"
    stamp = VENV / "ryhti-recipe.txt"
    recipe = _recipe()
    if python.exists() and stamp.exists() and stamp.read_text() == recipe:
        return python
    if VENV.exists():
        shutil.rmtree(VENV)
    VENV.parent.mkdir(parents=True, exist_ok=True)
    constraints = VENV.parent / "qgis-venv-constraints.txt"
    constraints.write_text("\n".join(CONSTRAINTS) + "\n")
    install = ["install", "-q", "-c", str(constraints), *REQUIREMENTS]
    # Without a pip of its own (ensurepip takes seconds): this .venv's pip installs into it.
    made = subprocess.run(
        [str(SYSTEM_PYTHON), "-m", "venv", "--system-site-packages", "--without-pip", str(VENV)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    done = made
    if made.returncode == 0:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(python), *install],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if done.returncode != 0:  # an older pip without --python: give the venv its own
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run(
            [str(SYSTEM_PYTHON), "-m", "venv", "--system-site-packages", str(VENV)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        done = subprocess.run(
            [str(python), "-m", "pip", *install], capture_output=True, text=True, timeout=600
        )
    if done.returncode != 0:
        shutil.rmtree(VENV, ignore_errors=True)
        raise RuntimeError(f"cannot set up the QGIS test environment: {done.stderr[-1000:]}")
    stamp.write_text(recipe)
    return python


@pytest.fixture(scope="session")
def toolkit_python() -> str:
    """The toolkit's Python as the plugin is told it (``RYHTI_PYTHON``): this one."""
    return sys.executable
