"""The project tables derived from the code lists and third-party inputs, one module each.

koodistot publishes codes, not how they are used; the toolkit needs three more facts, each
kept as a table in the snapshot with its provenance: :mod:`.notation` (letter codes → codes),
:mod:`.lifecycle` (decisions and events per lifecycle status) and :mod:`.value_types`
(``dataType`` and unit per code). A builder takes the parsed input file, the lists built in
the same run and the run's ``problems``, and returns the table and its provenance.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ryhti.codelists.derived.lifecycle import build_lifecycle_relations
from ryhti.codelists.derived.notation import build_notation
from ryhti.codelists.derived.value_types import build_value_types
from ryhti.codelists.sources import BuiltList

Builder = Callable[
    [Any, dict[str, BuiltList], list[str], Path], tuple[dict[str, Any], dict[str, Any]]
]

#: Project tables: name → (file in the snapshot, builder).
TABLES: dict[str, tuple[str, Builder]] = {
    "notation": ("tables/notation.json", build_notation),
    "lifecycle_relations": ("tables/lifecycle_relations.json", build_lifecycle_relations),
    "value_types": ("tables/value_types.json", build_value_types),
}

__all__ = ["TABLES", "Builder", "build_lifecycle_relations", "build_notation", "build_value_types"]
