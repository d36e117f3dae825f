"""The QGIS plugin in headless QGIS: built with ``ryhti qgis-plugin``, installed, exercised.

The zip is unpacked into a throwaway QGIS profile (``QGIS_CUSTOM_CONFIG_PATH``) the way
Plugins ▸ Install from ZIP does; ``qgis_side/`` then runs in QGIS's own Python with
``QT_QPA_PLATFORM=offscreen`` and ``RYHTI_PYTHON`` pointing at this toolkit. Its
results come back as JUnit XML so a failure names the QGIS-side test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REFERENCE
from tests.qgis.conftest import QGIS_SIDE, ROOT, qgis_missing, qgis_process, qgis_venv

#: The QGIS-side tests that must have run (not skipped) wherever the reference is present.
CORE_TESTS = {
    "test_provider_offers_every_algorithm_with_qgis_parameter_names",
    "test_validate_sample_agrees_with_the_command_line",
    "test_convert_sample_layers_gives_the_command_line_plan",
    "test_extract_sample_regulation_texts",
    "test_load_sample_plan_as_styled_layers",
    "test_describe_sample_as_docx_and_swedish_html",
    "test_plan_map_geotiff_opens_in_qgis",
    "test_screenshot_of_findings_on_the_plan",
}


@pytest.fixture(scope="module")
def qgis_session(tmp_path_factory, toolkit_python):
    reason = qgis_missing()
    if reason:
        pytest.skip(reason)
    python = qgis_venv()
    work = tmp_path_factory.mktemp("qgis")
    plugin_zip = work / "ryhti_qgis.zip"
    built = subprocess.run(
        [toolkit_python, "-m", "ryhti", "qgis-plugin", "-o", str(plugin_zip)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    config = work / "qgis-config"
    plugins = config / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(plugin_zip) as zf:
        zf.extractall(plugins)
    # enabled, as Plugins ▸ Manage and Install Plugins (or `qgis_process plugins enable`)
    # leaves it: qgis_process loads only enabled plugins
    settings = config / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text("[PythonPlugins]\nryhti_qgis=true\n", encoding="utf-8")
    runtime = work / "xdg-runtime"
    runtime.mkdir(mode=0o700)
    reference = Path(REFERENCE)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")},
        "QT_QPA_PLATFORM": "offscreen",
        "QGIS_CUSTOM_CONFIG_PATH": str(config),
        "XDG_RUNTIME_DIR": str(runtime),
        "RYHTI_PYTHON": toolkit_python,
        "RYHTI_QGIS_PLUGINS": str(plugins),
        "RYHTI_QGIS_SAMPLE": str(ROOT / "samples" / "espoo-asemakaava"),
        "RYHTI_QGIS_REFERENCE": str(reference) if reference.is_dir() else "",
        "RYHTI_QGIS_PROCESS": qgis_process() or "",
    }
    junit = work / "junit.xml"
    done = subprocess.run(
        [
            str(python),
            "-m",
            "pytest",
            "-c",
            str(QGIS_SIDE / "pytest.ini"),
            "--rootdir",
            str(QGIS_SIDE),
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
            "-rs",
            str(QGIS_SIDE),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(work),
        timeout=600,
    )
    return done, junit, plugin_zip


def test_plugin_zip_installs_as_a_qgis_plugin(qgis_session):
    _, _, plugin_zip = qgis_session
    with zipfile.ZipFile(plugin_zip) as zf:
        names = zf.namelist()
        metadata = zf.read("ryhti_qgis/metadata.txt").decode("utf-8")
    assert "ryhti_qgis/__init__.py" in names and "ryhti_qgis/bridge.py" in names
    assert "qgisMinimumVersion=3.22" in metadata and "hasProcessingProvider=yes" in metadata


def test_every_algorithm_runs_in_headless_qgis(qgis_session):
    done, junit, _ = qgis_session
    tail = (done.stdout + done.stderr)[-6000:]
    assert junit.exists(), f"the QGIS side did not run (exit {done.returncode}):\n{tail}"
    suite = ET.parse(junit).getroot()
    cases = {c.get("name", "").split("[")[0]: c for c in suite.iter("testcase")}
    failed = [
        n for n, c in cases.items() if c.find("failure") is not None or c.find("error") is not None
    ]
    assert done.returncode == 0 and not failed, f"failed in QGIS: {failed}\n{tail}"
    ran = {n for n, c in cases.items() if c.find("skipped") is None}
    assert ran >= CORE_TESTS, f"did not run in QGIS: {sorted(CORE_TESTS - ran)}\n{tail}"
    skipped = {n: c.find("skipped").get("message") for n, c in cases.items() if n not in ran}
    if skipped:
        print("skipped in QGIS:", skipped, file=sys.stderr)
