"""The ``matter.files.json`` manifest: which local file each placeholder file key stands for.

``ryhti matter build`` writes it beside the matter; ``ryhti submit`` uploads the files,
puts the server's keys in place of the placeholders and remembers the uploads in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.errors import InputError
from ryhti.io import read_json

__all__ = ["MANIFEST_FORMAT", "load_manifest", "manifest_path"]

MANIFEST_FORMAT = "ryhti-matter-files/1"


def manifest_path(matter_json: str | Path) -> Path:
    """``matter.json`` → ``matter.files.json``."""
    p = Path(matter_json)
    return p.with_name(p.stem + ".files.json")


def load_manifest(path: Path) -> dict[str, Any] | None:
    """The ``.files.json`` manifest beside a matter, or ``None`` if there is none."""
    if not path.is_file():
        return None
    data = read_json(path)
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise InputError(f"not a {MANIFEST_FORMAT} manifest", source=path)
    return data
