"""The plan archive: search across plans, what applies here, versions and alternatives.

Planners work against all the plans around theirs; this package keeps them in one
archive and answers the questions of tiedonhaku and kaavaskenaariointi::

    ryhti archive init kaavat.gpkg --srid 3879          # or a postgresql:// URL
    ryhti archive add plans/ --municipality Espoo
    ryhti search hulevesien viivytys --in-force         # finds "hulevedet on viivytettävä"
    ryhti here 25496500,6672500                          # what applies at this point
    ryhti diff ehdotus.json hyvaksytty.json -o muutokset.html
    ryhti compare ve-a.json ve-b.json -o vertailu.docx
    ryhti scenario plan.json --set "AK:e=1.2" -o ve-c.json

Modules, one job each: :mod:`~ryhti.archive.store` (the interface, finding the archive),
:mod:`~ryhti.archive.gpkg` and :mod:`~ryhti.archive.gpkg_format` (GeoPackage: R*Tree,
FTS5), :mod:`~ryhti.archive.postgis` (PostgreSQL + PostGIS), :mod:`~ryhti.archive.sqlbase`
(versions, cancellations) and :mod:`~ryhti.archive.sqlreads` (shared reads),
:mod:`~ryhti.archive.records` and :mod:`~ryhti.archive.regulations` (a plan → rows),
:mod:`~ryhti.archive.batch` (a write batch's rows, gathered across plans),
:mod:`~ryhti.archive.terms` (Finnish lemmas for the index), :mod:`~ryhti.archive.lifecycle`
(in force?), :mod:`~ryhti.archive.ingest` (``archive add``), :mod:`~ryhti.archive.search`,
:mod:`~ryhti.archive.here`, :mod:`~ryhti.archive.diff` (with
:mod:`~ryhti.archive.forked`: work done meanwhile in a forked child),
:mod:`~ryhti.archive.compare`,
:mod:`~ryhti.archive.scenario`, and the commands in :mod:`~ryhti.archive.cli` and
:mod:`~ryhti.archive.cli_plans`.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "HereRequest",
    "SearchRequest",
    "add_files",
    "apply_scenario",
    "compare_plans",
    "create_store",
    "diff_plans",
    "find_location",
    "open_store",
    "run_here",
    "run_search",
]

_LAZY = {
    "HereRequest": "ryhti.archive.here",
    "run_here": "ryhti.archive.here",
    "SearchRequest": "ryhti.archive.search",
    "run_search": "ryhti.archive.search",
    "add_files": "ryhti.archive.ingest",
    "create_store": "ryhti.archive.store",
    "open_store": "ryhti.archive.store",
    "find_location": "ryhti.archive.store",
    "diff_plans": "ryhti.archive.diff",
    "compare_plans": "ryhti.archive.compare",
    "apply_scenario": "ryhti.archive.scenario",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
