"""The project's JSON Schema files: the model's schema with the snapshot's codes as enums.

:func:`ryhti.model.schema.build_schema` turns the model's field declarations into a schema and
takes the codes of each code list from its caller, because the model sits below the code lists
and must not read them. Here the two meet: ``python -m ryhti.codelists.schema`` rewrites
``schemas/ValidatePlan.schema.json`` and ``schemas/PlanMatterCreate.schema.json`` from the
model and the installed snapshot; a test checks the committed files are current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ryhti.codelists.codes import registry
from ryhti.io import write_atomic
from ryhti.model import KINDS, Model
from ryhti.model.schema import SCHEMA_FILES
from ryhti.model.schema import build_schema as _build_schema

__all__ = ["build_schema", "schemas_dir", "snapshot_codes", "write_schemas"]


def snapshot_codes(list_id: str) -> list[str] | None:
    """Code URIs of a list in the installed snapshot, or None when the list is not there."""
    codelist = registry().get(list_id)
    return None if codelist is None else [code.uri for code in codelist.codes]


def build_schema(root: type[Model]) -> dict[str, Any]:
    """The project's JSON Schema for documents whose top level is ``root``."""
    return _build_schema(root, snapshot_codes)


def schemas_dir() -> Path:
    """The ``schemas/`` folder of a source checkout (where the generated files live)."""
    return Path(__file__).resolve().parents[2] / "schemas"


def write_schemas(folder: Path | None = None) -> list[Path]:
    """Regenerate the committed schema files; returns the paths written."""
    folder = folder or schemas_dir()
    written = []
    by_name = {cls.schema_name: cls for cls in KINDS.values()}
    for name, filename in SCHEMA_FILES.items():
        path = folder / filename
        write_atomic(
            path, json.dumps(build_schema(by_name[name]), ensure_ascii=False, indent=2) + "\n"
        )
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for written_path in write_schemas():
        print(written_path)
