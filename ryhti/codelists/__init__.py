"""RYHTI code lists: the dated snapshot, lookups, and the tables built beside it.

>>> from ryhti.codelists import assignable, is_header, lookup, registry
>>> reg = registry()
>>> code = reg["RY_Kaavamaarayslaji"]["asuinkerrostaloalue"]
>>> code.short_name, reg["RY_Kaavamaarayslaji"].parent(code).value
('AK', 'asumisenAlue')
>>> is_header("vesivayla", "RY_Kaavamaarayslaji"), assignable("laivavayla", "RY_Kaavamaarayslaji")
(True, True)

Importing this package is cheap: nothing is read until a list is asked for, the table
classes are imported on first use, and the HTTP client used by ``ryhti codelists update``
is imported only by the update itself.
"""

from __future__ import annotations

from typing import Any

from ryhti.codelists.codes import (
    SNAPSHOT_ENV,
    UNUSABLE_STATUSES,
    Code,
    CodeList,
    Registry,
    assignable,
    bare_code,
    is_header,
    lookup,
    registry,
)

#: Names served lazily from :mod:`ryhti.codelists.tables`.
_TABLE_NAMES = frozenset(
    {"PLAN_LEVELS", "LifecycleRelations", "Notation", "NotationEntry", "ValueTypes", "plan_level"}
)


def __getattr__(name: str) -> Any:
    if name in _TABLE_NAMES:
        from ryhti.codelists import tables

        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "PLAN_LEVELS",
    "SNAPSHOT_ENV",
    "UNUSABLE_STATUSES",
    "Code",
    "CodeList",
    "LifecycleRelations",
    "Notation",
    "NotationEntry",
    "Registry",
    "ValueTypes",
    "assignable",
    "bare_code",
    "is_header",
    "lookup",
    "plan_level",
    "registry",
]
