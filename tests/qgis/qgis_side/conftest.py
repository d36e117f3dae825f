"""The QGIS side of the plugin tests: one headless QGIS for the whole session.

Run by ``tests/qgis/test_qgis_plugin.py`` in a virtual environment made from Debian's
``/usr/bin/python3 --system-site-packages`` (where ``qgis`` lives), never in the
project's ``.venv``: QGIS's GEOS/GDAL/PROJ and the toolkit's wheels must not share a
process. The plugin is loaded from the profile it was installed into (the unpacked
``ryhti qgis-plugin`` zip), the way ``qgis_process`` loads it.

Traps handled here: Processing needs a live ``QgsApplication``; the plugin object keeps
the provider referenced; every layer reference is dropped (tests ``del`` theirs, the
project is cleared, garbage collected) before ``exitQgis()``, which otherwise crashes.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.append("/usr/share/qgis/python/plugins")  # Processing, as QGIS ships it

from qgis.core import QgsApplication, QgsProject

ENV = os.environ
PLUGINS = Path(ENV["RYHTI_QGIS_PLUGINS"])
SAMPLE = Path(ENV["RYHTI_QGIS_SAMPLE"])
TOOLKIT = ENV["RYHTI_PYTHON"]


@pytest.fixture(scope="session")
def qgis_app():
    """QGIS with Processing and the RYHTI plugin started as qgis_process starts it."""
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    sys.path.insert(0, str(PLUGINS))
    import qgis.utils

    assert qgis.utils.loadPlugin("ryhti_qgis"), "the plugin does not import"
    assert qgis.utils.startProcessingPlugin("ryhti_qgis"), "the plugin's initProcessing failed"
    yield app
    QgsProject.instance().clear()
    qgis.utils.unloadPlugin("ryhti_qgis")
    gc.collect()
    app.exitQgis()


@pytest.fixture
def sample() -> Path:
    """The project's bundled sample plan (samples/espoo-asemakaava)."""
    return SAMPLE


@pytest.fixture
def reference() -> Path:
    """The official reference material; skips when absent (a clone elsewhere)."""
    root = ENV.get("RYHTI_QGIS_REFERENCE", "")
    if not root or not Path(root).is_dir():
        pytest.skip(f"reference material not available: {root or '(not set)'}")
    return Path(root)


def toolkit_cli(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    """The ``ryhti`` command in the toolkit's own Python (to compare with the plugin)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(extra_env)
    return subprocess.run(
        [TOOLKIT, "-m", "ryhti", *args], capture_output=True, text=True, env=env, timeout=300
    )


def cli_counts(plan: Path, *options: str) -> dict[str, int]:
    """Findings per severity of ``ryhti validate --format json``."""
    done = toolkit_cli("validate", str(plan), "--format", "json", *options)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["summary"]
