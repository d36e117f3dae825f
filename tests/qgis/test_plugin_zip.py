"""``ryhti qgis-plugin``: the zip, its metadata, and the rule that keeps QGIS and the
toolkit in separate processes (checked in the source, so it holds without QGIS)."""

from __future__ import annotations

import ast
import configparser
import io
import zipfile
from pathlib import Path

import pytest

from ryhti import __version__
from ryhti.cli import main
from ryhti.errors import UsageError
from ryhti.qgis_plugin import build_zip, plugin_source, stamp_version

SOURCE = Path(__file__).resolve().parents[2] / "qgis_plugin" / "ryhti_qgis"
#: Modules the QGIS side must never import: they would load the wheels' GEOS/GDAL/PROJ
#: into QGIS's process (double free), or they are the toolkit itself.
TOOLKIT_ONLY = {"ryhti", "shapely", "pyogrio", "rasterio", "pyproj", "geopandas", "numpy"}


def test_zip_holds_the_plugin_under_its_package_name():
    data = build_zip()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        metadata = zf.read("ryhti_qgis/metadata.txt").decode("utf-8")
    sources = sorted(
        "ryhti_qgis/" + p.relative_to(SOURCE).as_posix()
        for p in SOURCE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    assert names == sources
    assert all(n.startswith("ryhti_qgis/") for n in names)
    assert f"version={__version__}" in metadata


def test_zip_is_reproducible():
    assert build_zip() == build_zip()


def test_metadata_is_what_qgis_needs():
    parser = configparser.ConfigParser()
    parser.read_string((SOURCE / "metadata.txt").read_text(encoding="utf-8"))
    general = parser["general"]
    for key in ("name", "description", "about", "version", "author", "qgisMinimumVersion"):
        assert general.get(key), key
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["hasProcessingProvider"] == "yes"
    assert (SOURCE / general["icon"]).is_file()


def test_stamp_version_replaces_exactly_one_line():
    assert stamp_version("[general]\nversion=0.0.1\nname=x\n", "9.9") == (
        "[general]\nversion=9.9\nname=x\n"
    )
    with pytest.raises(UsageError):
        stamp_version("[general]\nname=x\n", "9.9")


def test_command_writes_the_zip_and_says_which_python_to_give_qgis(tmp_path, capsys):
    out = tmp_path / "ryhti_qgis.zip"
    main(["qgis-plugin", "-o", str(out)])
    assert out.read_bytes() == build_zip()
    printed = capsys.readouterr().out
    assert "RYHTI_PYTHON" in printed and "Install from ZIP" in printed


def test_command_refuses_other_suffixes(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["qgis-plugin", "-o", str(tmp_path / "plugin.tar")])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("ryhti: error:") and ".zip" in err[0]
    assert not (tmp_path / "plugin.tar").exists()


def test_plugin_source_is_found():
    assert plugin_source() == SOURCE


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module.split(".")[0])
    return out


@pytest.mark.parametrize(
    "module",
    sorted(p.relative_to(SOURCE).as_posix() for p in SOURCE.rglob("*.py") if p.name != "bridge.py"),
)
def test_the_qgis_side_never_imports_the_toolkit(module):
    assert not _imports(SOURCE / module) & TOOLKIT_ONLY


def test_the_toolkit_side_never_imports_qgis():
    assert not _imports(SOURCE / "bridge.py") & {"qgis", "processing", "PyQt5"}
