"""``ryhti codelists update``: build the dated code-list snapshot from one source.

The update reads every list of the catalogue from a source (:mod:`.sources`: the
koodistot.suomi.fi API, or a directory laid out like the project's reference copy),
derives the project tables from the inputs the directory has (one module per table, see
:data:`TABLES`) and hands the complete :class:`~ryhti.codelists.snapshot.Snapshot` to
:func:`~ryhti.codelists.snapshot.write_snapshot`, which writes it atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ryhti.codelists.derive_lifecycle import build_lifecycle_relations
from ryhti.codelists.derive_notation import build_notation
from ryhti.codelists.derive_value_types import build_value_types
from ryhti.codelists.snapshot import Snapshot
from ryhti.codelists.sources import (
    BuiltList,
    Progress,
    fetch_lists,
    read_directory_lists,
    table_input,
)
from ryhti.errors import UsageError
from ryhti.io import read_json

#: A table builder: (parsed input file, lists of the same run, the run's problems, input
#: path) → (the table, its provenance).
Builder = Callable[
    [Any, dict[str, BuiltList], list[str], Path], tuple[dict[str, Any], dict[str, Any]]
]

#: The project tables derived from the code lists and third-party inputs. koodistot publishes
#: codes, not how they are used; the toolkit needs three more facts: letter codes → codes
#: (:mod:`.derive_notation`), decisions and events per lifecycle status
#: (:mod:`.derive_lifecycle`) and ``dataType`` and unit per code (:mod:`.derive_value_types`).
#: Name → (file in the snapshot, builder).
TABLES: dict[str, tuple[str, Builder]] = {
    "notation": ("tables/notation.json", build_notation),
    "lifecycle_relations": ("tables/lifecycle_relations.json", build_lifecycle_relations),
    "value_types": ("tables/value_types.json", build_value_types),
}


def build_from_directory(directory: str | Path, progress: Progress | None = None) -> Snapshot:
    """Build a snapshot from a directory laid out like the reference copy of koodistot."""
    folder = Path(directory)
    if not folder.is_dir():
        raise UsageError("--from must be an existing directory", source=folder)
    problems: list[str] = []
    lists = read_directory_lists(folder, problems, progress)
    snapshot = Snapshot(
        lists=lists, source={"kind": "directory", "directory": folder.name}, problems=problems
    )
    for name, (target, builder) in TABLES.items():
        path = table_input(folder, name)
        if path is None:
            snapshot.tables[name] = (None, None)
            continue
        doc, provenance = builder(read_json(path), lists, problems, path)
        entry = {
            "file": target,
            "source": {
                "kind": "directory",
                "directory": folder.name,
                "file": path.name,
                **provenance,
            },
        }
        snapshot.tables[name] = (doc, entry)
    return snapshot


def build_from_url(
    base_url: str | None = None,
    *,
    timeout: float | None = None,
    retries: int = 2,
    page_size: int | None = None,
    transport: Any = None,
    progress: Progress | None = None,
) -> Snapshot:
    """Build a snapshot from the koodistot codelist API (tables are kept from before)."""
    from ryhti.codelists.koodistot import DEFAULT_BASE_URL

    base = (base_url or DEFAULT_BASE_URL).rstrip("/")
    problems: list[str] = []
    lists = fetch_lists(
        base,
        timeout=timeout,
        retries=retries,
        page_size=page_size,
        transport=transport,
        problems=problems,
        progress=progress,
    )
    snapshot = Snapshot(lists=lists, source={"kind": "url", "url": base}, problems=problems)
    for name in TABLES:
        snapshot.tables[name] = (None, None)
    return snapshot
