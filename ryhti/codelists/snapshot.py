"""Writing the snapshot: every file rendered in memory, then written atomically.

A :class:`Snapshot` is complete before anything touches the disk; :func:`write_snapshot`
then writes only the files whose text changed, each atomically, ``index.json`` last, so a
failed update never leaves a half-written snapshot, and removes snapshot files the new
snapshot no longer has (only files carrying one of the project's format tags). Output is
deterministic (fixed key order, codes in official order, lists sorted by id): writing the
same snapshot again changes nothing, not even the date.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.codelists.codes import default_root
from ryhti.codelists.formats import INDEX_FORMAT, SNAPSHOT_FORMATS
from ryhti.codelists.sources import BuiltList
from ryhti.errors import InputError, UsageError
from ryhti.io import dump_json, read_json, write_atomic

GENERATOR = "ryhti codelists update"


@dataclass
class Snapshot:
    """A complete snapshot in memory. A table whose doc is ``None`` is kept from before."""

    lists: dict[str, BuiltList]
    source: dict[str, Any]
    tables: dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]] = field(
        default_factory=dict
    )
    problems: list[str] = field(default_factory=list)


@dataclass
class UpdateResult:
    """What an update did, for the CLI summary."""

    out: Path
    date: str
    written: list[str]
    removed: list[str]
    snapshot: Snapshot

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None


def _previous_index(out: Path) -> dict[str, Any] | None:
    text = _read_text(out / "index.json")
    if text is None:
        return None
    try:
        index = read_json(out / "index.json")
    except InputError:
        return None
    return index if isinstance(index, dict) else None


def render(snapshot: Snapshot, date: str, out: Path) -> dict[str, str]:
    """Every file of the snapshot as text, keyed by path relative to ``out``.

    Tables the source did not provide are carried over unchanged, from ``out`` if it has
    them, else from the installed snapshot, together with their provenance.
    """
    files: dict[str, str] = {}
    for list_id in sorted(snapshot.lists):
        built = snapshot.lists[list_id]
        files[built.entry["file"]] = dump_json(built.doc)
    previous = _previous_index(out) or {}
    installed = Path(str(default_root()))
    installed_index = _previous_index(installed) or {}
    tables: dict[str, Any] = {}
    for name in sorted(snapshot.tables):
        doc, entry = snapshot.tables[name]
        if doc is not None and entry is not None:
            files[entry["file"]] = dump_json(doc)
            tables[name] = entry
            continue
        for folder, index in ((out, previous), (installed, installed_index)):
            old = index.get("tables", {}).get(name)
            text = _read_text(folder / old["file"]) if old else None
            if old and text is not None:
                files[old["file"]] = text
                tables[name] = old
                break
    index = {
        "format": INDEX_FORMAT,
        "snapshot_date": date,
        "generator": GENERATOR,
        "source": snapshot.source,
        "lists": {list_id: snapshot.lists[list_id].entry for list_id in sorted(snapshot.lists)},
        "tables": tables,
        "problems": sorted(snapshot.problems),
    }
    files["index.json"] = dump_json(index)
    return files


def write_snapshot(
    snapshot: Snapshot, out: str | Path, date: str | None = None, *, today: str | None = None
) -> UpdateResult:
    """Write ``snapshot`` into ``out``: changed files only, ``index.json`` last.

    Without ``date``, an unchanged snapshot keeps its old date (so re-running gives no diff)
    and a changed one gets ``today``.
    """
    folder = Path(out)
    if date is None:
        previous = _previous_index(folder)
        old_date = previous.get("snapshot_date") if previous else None
        if isinstance(old_date, str):
            candidate = render(snapshot, old_date, folder)
            if all(_read_text(folder / name) == text for name, text in candidate.items()):
                date = old_date
        if date is None:
            date = today or _dt.datetime.now(_dt.UTC).date().isoformat()
    files = render(snapshot, date, folder)
    written: list[str] = []
    for name in sorted(files, key=lambda n: (n == "index.json", n)):
        if _read_text(folder / name) != files[name]:
            write_atomic(folder / name, files[name])
            written.append(name)
    removed: list[str] = []
    for name in _stale_files(folder, files):
        target = folder / name
        if target.is_file():
            target.unlink()
            removed.append(name)
    return UpdateResult(out=folder, date=date, written=written, removed=removed, snapshot=snapshot)


def _stale_files(folder: Path, current: dict[str, str]) -> list[str]:
    """Snapshot files in ``folder`` that the new snapshot no longer has.

    Only files carrying one of the project's snapshot ``format`` markers are candidates, so
    the update never deletes anything it did not write.
    """
    stale: list[str] = []
    for path in sorted(folder.glob("*.json")):
        if path.name not in current and _is_snapshot_file(path):
            stale.append(path.name)
    tables_dir = folder / "tables"
    if tables_dir.is_dir():
        for path in sorted(tables_dir.glob("*.json")):
            name = f"tables/{path.name}"
            if name not in current and _is_snapshot_file(path):
                stale.append(name)
    return stale


def _is_snapshot_file(path: Path) -> bool:
    head = _read_text(path)
    if head is None:
        return False
    return any(f'"format": "{fmt}"' in head[:200] for fmt in SNAPSHOT_FORMATS)


def validate_date(text: str) -> str:
    """``YYYY-MM-DD`` or a :class:`UsageError`."""
    try:
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise UsageError(f"--date must be YYYY-MM-DD, not {text!r}") from exc
