"""The format tags of the snapshot files.

Every file ``ryhti codelists update`` writes starts with a ``"format"`` tag naming what it
holds and the version of its layout; a new layout gets a new tag (``…/2``). The tags live
here, apart from the writer, so that whatever reads the snapshot uses the same names.
"""

from __future__ import annotations

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
