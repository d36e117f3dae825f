"""The settings file every command reads: ``ryhti.toml``, or ``[tool.ryhti]`` of ``pyproject.toml``.

One file serves the whole toolkit, found the way linters find theirs: the nearest
``ryhti.toml`` from the working folder up, or the nearest ``pyproject.toml`` that has a
``[tool.ryhti]`` table. Inside it, the validator's settings stand at the top level (or under
``[tool.ryhti]``), and each other command has a section of its own::

    # ryhti.toml                                # pyproject.toml
    select = ["S", "C", "G"]                    # [tool.ryhti]
    lang = "fi"                                 # select = ["S", "C", "G"]
    [api]                                       # [tool.ryhti.api]
    public_url = "https://…"                    # [tool.ryhti.extract]
    [extract]                                   # [tool.ryhti.archive]
    lexicon = "espoo-lexicon.toml"
    [archive]
    path = "kaavat.gpkg"

Each command reads its own part and only its own part: the validator ignores the sections
(:data:`SECTIONS`), the other commands ignore the validator's keys. This module only finds the
file and hands out a part; what the keys mean, and the errors about them, belong to the
package that reads them. Paths in a section are taken relative to the file (:func:`resolve`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ryhti.errors import InputError, UsageError
from ryhti.io import read_toml

__all__ = [
    "SECTIONS",
    "SETTINGS_FILES",
    "Section",
    "find_settings",
    "read_section",
    "read_settings",
]

#: Files searched, in this order, in each folder from the working folder up.
SETTINGS_FILES = ("ryhti.toml", "pyproject.toml")

#: The sections of commands other than ``ryhti validate``, and who reads them.
SECTIONS: dict[str, str] = {
    "api": "ryhti submit, ryhti api, ryhti validate --remote (ryhti.api.config)",
    "extract": "ryhti extract, ryhti convert: lexicon (ryhti.nlp.lexicon)",
    "archive": "ryhti archive, search, here, diff, compare, scenario: path (ryhti.archive)",
}


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the settings file: its table (empty when absent) and the file it is in."""

    table: dict[str, Any]
    path: Path | None

    def resolve(self, value: str) -> Path:
        """A path written in the file, taken relative to the file's folder."""
        path = Path(value)
        if self.path is None or path.is_absolute():
            return path
        return self.path.parent / path

    @property
    def where(self) -> str | None:
        """The file's name for messages (``None`` when no file was read)."""
        return str(self.path) if self.path is not None else None


def find_settings(start: str | Path | None = None) -> Path | None:
    """The nearest ``ryhti.toml``, or ``pyproject.toml`` with ``[tool.ryhti]``, from ``start`` up."""
    folder = Path(start or Path.cwd()).resolve()
    if folder.is_file():
        folder = folder.parent
    for current in (folder, *folder.parents):
        candidate = current / "ryhti.toml"
        if candidate.is_file():
            return candidate
        candidate = current / "pyproject.toml"
        if candidate.is_file():
            try:
                data = read_toml(candidate)
            except InputError:
                continue
            if isinstance(data.get("tool"), dict) and "ryhti" in data["tool"]:
                return candidate
    return None


def read_settings(path: str | Path) -> dict[str, Any]:
    """The ryhti table of a settings file: the whole of a ``ryhti.toml`` (or its
    ``[tool.ryhti]`` when it has a ``[tool]`` table), ``[tool.ryhti]`` of a ``pyproject.toml``
    (empty when it has none)."""
    p = Path(path)
    if not p.is_file():
        raise UsageError("configuration file not found", source=p)
    data = read_toml(p)
    if p.name != "pyproject.toml" and "tool" not in data:
        return data
    tool = data.get("tool")
    table = tool.get("ryhti") if isinstance(tool, dict) else None
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise UsageError("[tool.ryhti] must be a table", source=p)
    return table


def read_section(
    name: str, path: str | Path | None = None, *, start: str | Path | None = None
) -> Section:
    """Section ``name`` (one of :data:`SECTIONS`) of the file at ``path``, or of the nearest
    settings file from ``start`` (default: the working folder) when ``path`` is ``None``."""
    if name not in SECTIONS:
        raise ValueError(f"unknown settings section {name!r}")
    found = Path(path) if path is not None else find_settings(start)
    if found is None:
        return Section({}, None)
    table = read_settings(found).get(name)
    if table is None:
        return Section({}, found)
    if not isinstance(table, dict):
        raise UsageError(f"[{name}] must be a table", source=found)
    return Section(table, found)
