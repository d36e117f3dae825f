"""The format tags of the snapshot files, shared by the writer and the reader.

Every file ``ryhti codelists update`` writes starts with a ``"format"`` tag naming what it
holds and the version of its layout. The reader checks the tag before it uses a file, so a
snapshot written by another ryhti version (or a file that is not a snapshot file at all)
fails with one clear error naming the file, instead of a ``KeyError`` deep inside a lookup
or, worse, a wrong answer. A new layout gets a new tag (``…/2``) and the reader learns it
in the same change.
"""

from __future__ import annotations

from typing import Any

from ryhti.errors import InputError

LIST_FORMAT = "ryhti-codelist/1"
INDEX_FORMAT = "ryhti-codelists-index/1"
NOTATION_FORMAT = "ryhti-notation/1"
LIFECYCLE_FORMAT = "ryhti-lifecycle-relations/1"
VALUE_TYPES_FORMAT = "ryhti-value-types/1"

#: Every tag the writer produces; the update deletes only files that carry one of them.
SNAPSHOT_FORMATS = (LIST_FORMAT, NOTATION_FORMAT, LIFECYCLE_FORMAT, VALUE_TYPES_FORMAT)

#: The tag each project table must carry, by table name in ``index.json``.
TABLE_FORMATS = {
    "notation": NOTATION_FORMAT,
    "lifecycle_relations": LIFECYCLE_FORMAT,
    "value_types": VALUE_TYPES_FORMAT,
}


def require_format(doc: Any, expected: str, source: str) -> None:
    """Raise :class:`InputError` unless ``doc`` is a JSON object tagged ``expected``.

    ``source`` names the file in the message. Another version of the same kind says which
    version this ryhti reads; a missing or foreign tag says the file is not what the
    snapshot index claims it is.
    """
    found = doc.get("format") if isinstance(doc, dict) else None
    if found == expected:
        return
    kind = expected.rpartition("/")[0]
    hint = "re-run `ryhti codelists update`, or reinstall ryhti"
    if not isinstance(found, str):
        raise InputError(
            f"not a {kind} file: no 'format' tag (expected {expected!r})",
            source=source,
            hint=hint,
        )
    if found.rpartition("/")[0] == kind:
        raise InputError(
            f"unsupported {kind} format {found!r}: this ryhti reads {expected!r}",
            source=source,
            hint="the snapshot was written by another ryhti version; " + hint,
        )
    raise InputError(
        f"unknown format tag {found!r}: expected {expected!r}", source=source, hint=hint
    )
