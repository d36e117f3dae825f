"""Object keys → places in the source (file, layer, feature, line), from a conversion report.

A finding Ryhti returns names an object by its key; the conversion report ``ryhti convert``
wrote says which source feature or line each key came from, so a remote finding can be traced
back to where the planner edits it. The report is read as plain JSON: this package needs
nothing from the converters.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

__all__ = ["SourceIndex", "load_conversion_report"]

_KEY_FIELDS = (
    "objectKey",
    "key",
    "planObjectKey",
    "planRegulationGroupKey",
    "planRegulationKey",
    "planRecommendationKey",
    "generalRegulationGroupKey",
    "planKey",
    "object_key",
)
_LOCATION_FIELDS = (
    "file",
    "path",
    "source",
    "layer",
    "feature",
    "featureId",
    "feature_id",
    "fid",
    "line",
    "column",
    "row",
    "page",
    "table",
    "gmlId",
    "gml_id",
    "handle",
    "attribute",
    "field",
)
_UUID_TEXT = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class SourceIndex:
    """Object key → place in the source (file, layer, feature, line), from a conversion report.

    Read as plain JSON, so this package needs nothing from the converters. Any object in
    the report that carries a key (``objectKey``, ``key``, ``planObjectKey`` …) and
    location fields (``file``, ``layer``, ``feature``/``fid``, ``line`` …, flat or under
    ``source``/``location``) is indexed; the first entry for a key wins. A map
    ``{"<key>": {location}}`` works too.
    """

    def __init__(
        self, locations: dict[str, dict[str, Any]] | None = None, source: str | None = None
    ) -> None:
        self.locations = {k.lower(): v for k, v in (locations or {}).items()}
        self.source = source

    def __len__(self) -> int:
        return len(self.locations)

    def get(self, key: str | None) -> dict[str, Any] | None:
        return self.locations.get(key.lower()) if key else None

    @classmethod
    def from_json(cls, data: Any, source: str | None = None) -> SourceIndex:
        found: dict[str, dict[str, Any]] = {}
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
                continue
            if not isinstance(node, dict):
                continue
            key = next(
                (
                    node[k]
                    for k in _KEY_FIELDS
                    if isinstance(node.get(k), str) and _UUID_TEXT.match(node[k])
                ),
                None,
            )
            location = _location(node)
            if key is not None and location:
                found.setdefault(key.lower(), location)
            for name, value in node.items():
                if isinstance(name, str) and _UUID_TEXT.match(name) and isinstance(value, dict):
                    loc = _location(value)
                    if loc:
                        found.setdefault(name.lower(), loc)
                elif isinstance(value, dict | list):
                    stack.append(value)
        return cls(found, source)


#: Location keys normalised to the names the reports read (``file``, ``layer``, ``feature``).
_LOCATION_ALIASES = {
    "path": "file",
    "fid": "feature",
    "featureId": "feature",
    "feature_id": "feature",
    "gml_id": "gmlId",
}


def _location(node: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for nested in ("source", "location", "origin", "sourceLocation", "source_location"):
        value = node.get(nested)
        if isinstance(value, dict):
            found = {k: v for k, v in value.items() if k in _LOCATION_FIELDS and v is not None}
            if found:
                break
    if not found:
        found = {
            k: v
            for k, v in node.items()
            if k in _LOCATION_FIELDS and v is not None and not isinstance(v, dict | list)
        }
    out: dict[str, Any] = {}
    for key, value in found.items():
        name = _LOCATION_ALIASES.get(key, key)
        if name == "source" and isinstance(value, str):
            name = "file"
        out.setdefault(name, value)
    return out


def load_conversion_report(path: str | Path) -> SourceIndex:
    """Read a conversion report (JSON) into a :class:`SourceIndex`."""
    from ryhti.io import read_json

    return SourceIndex.from_json(read_json(path), str(path))
