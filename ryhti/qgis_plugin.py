"""``ryhti qgis-plugin``: the QGIS plugin (``qgis_plugin/ryhti_qgis``) as an installable zip.

The plugin runs inside QGIS and never imports ``ryhti``; it starts this toolkit's own
Python for every job. So the zip is built from the same checkout as the toolkit (its
``metadata.txt`` carries the toolkit's version) and the command ends by printing the
interpreter to give QGIS as ``RYHTI_PYTHON``.

The zip is reproducible: files in sorted order, fixed timestamps and modes, no
``__pycache__``; the same sources give the same bytes.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path

import click

from ryhti import __version__
from ryhti.errors import UsageError
from ryhti.io import write_atomic

__all__ = ["PLUGIN_NAME", "build_zip", "plugin_source", "qgis_plugin"]

PLUGIN_NAME = "ryhti_qgis"
#: Date written into every zip entry (the earliest a zip can hold) for reproducible bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
SKIPPED_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache"}
SKIPPED_SUFFIXES = {".pyc", ".pyo", ".orig", ".rej", ".tmp"}


def plugin_source() -> Path:
    """The plugin's source folder: beside the ``ryhti`` package in a source checkout,
    else an installed ``ryhti_qgis`` package (found, not imported)."""
    folder = Path(__file__).resolve().parent.parent / "qgis_plugin" / PLUGIN_NAME
    if not (folder / "metadata.txt").is_file():
        spec = importlib.util.find_spec(PLUGIN_NAME)
        for location in (spec.submodule_search_locations or []) if spec else []:
            if (Path(location) / "metadata.txt").is_file():
                return Path(location)
        raise UsageError(
            "the QGIS plugin sources are not part of this installation",
            source=folder,
            hint="build the zip from a source checkout of ryhti (qgis_plugin/ryhti_qgis)",
        )
    return folder


def _files(folder: Path) -> list[Path]:
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or any(p in SKIPPED_PARTS or p.startswith(".") for p in rel.parts):
            continue
        if path.suffix in SKIPPED_SUFFIXES:
            continue
        out.append(path)
    return out


def stamp_version(metadata: str, version: str) -> str:
    """``metadata.txt`` with its ``version=`` line set to the toolkit's version."""
    text, count = re.subn(r"(?m)^version=.*$", f"version={version}", metadata)
    if count != 1:
        raise UsageError("metadata.txt must hold exactly one version= line", source="metadata.txt")
    return text


def build_zip(folder: Path | None = None, version: str = __version__) -> bytes:
    """The plugin zip: ``ryhti_qgis/…`` with metadata stamped with ``version``."""
    folder = folder or plugin_source()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in _files(folder):
            rel = path.relative_to(folder).as_posix()
            data = path.read_bytes()
            if rel == "metadata.txt":
                data = stamp_version(data.decode("utf-8"), version).encode("utf-8")
            info = zipfile.ZipInfo(f"{PLUGIN_NAME}/{rel}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buffer.getvalue()


@click.command("qgis-plugin")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Zip to write, e.g. ryhti_qgis.zip.",
)
def qgis_plugin(output: Path) -> None:
    """Build the QGIS plugin zip (Processing provider "RYHTI", QGIS 3.22 or newer)."""
    if output.suffix.lower() != ".zip":
        raise UsageError("the plugin must be written as a .zip", source=output)
    write_atomic(output, build_zip())
    click.echo(f"wrote {output}: QGIS plugin {PLUGIN_NAME} {__version__}")
    click.echo(
        "Install it in QGIS with Plugins ▸ Manage and Install Plugins ▸ Install from ZIP, then "
        "set Processing ▸ Options ▸ Providers ▸ RYHTI ▸ ryhti Python (or RYHTI_PYTHON) to "
        f"{sys.executable}"
    )
