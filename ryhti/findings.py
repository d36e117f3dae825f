"""Findings: the one type every report format serves.

A finding is something a reviewer should know about a plan: a rule of the local
validator that failed, an error the national Ryhti API returned, or a problem met
while converting a source. All three share this type so that text, JSON, SARIF,
JUnit, GitHub, GeoJSON and HTML reports need to know nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["ORIGINS", "Finding", "Severity"]

#: Where a finding comes from.
ORIGINS = ("local", "remote", "conversion")


class Severity(StrEnum):
    """How serious a finding is. Only errors block delivery (exit code 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort key: errors first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    def __str__(self) -> str:
        return self.value


@dataclass(slots=True)
class Finding:
    """One located problem.

    ``rule``: the project's rule id; ``official_id``: Syke's rule id
    (``quality__req_…``) where one matches; ``path``: JSON path of the property
    concerned (``$.planObjects[3].geometry``); ``object_key``: key of the plan
    object, group or regulation concerned; ``geometry``: where on the map (a
    shapely geometry or GeoJSON dict in the plan's ``srid``); ``source``: the file;
    ``location``: a place in a *source* file (line, layer, feature id) when the
    finding was traced back through a conversion report; ``messages``: the
    message by language (``fi``, ``sv``, ``en``), ``message`` the one to show.
    """

    rule: str
    severity: Severity
    message: str
    path: str = "$"
    object_key: str | None = None
    official_id: str | None = None
    messages: dict[str, str] = field(default_factory=dict)
    geometry: Any = None
    srid: str | None = None
    source: str | None = None
    location: dict[str, Any] | None = None
    origin: str = "local"
    data: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` when known, else the default message."""
        return self.messages.get(lang) or self.message

    def sort_key(self) -> tuple[Any, ...]:
        """Stable order for reports: file, severity, path, rule."""
        return (self.source or "", self.severity.rank, self.path, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; geometry as GeoJSON."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "officialId": self.official_id,
            "severity": self.severity.value,
            "message": self.message,
            "messages": dict(self.messages),
            "path": self.path,
            "objectKey": self.object_key,
            "source": self.source,
            "origin": self.origin,
        }
        if self.location:
            out["location"] = dict(self.location)
        if self.geometry is not None:
            out["geometry"] = geometry_to_geojson(self.geometry)
            out["srid"] = self.srid
        if self.data:
            out["data"] = self.data
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        """Inverse of :meth:`to_json` (geometry stays GeoJSON)."""
        return cls(
            rule=data["rule"],
            severity=Severity(data["severity"]),
            message=data["message"],
            path=data.get("path", "$"),
            object_key=data.get("objectKey"),
            official_id=data.get("officialId"),
            messages=dict(data.get("messages") or {}),
            geometry=data.get("geometry"),
            srid=data.get("srid"),
            source=data.get("source"),
            location=data.get("location"),
            origin=data.get("origin", "local"),
            data=dict(data.get("data") or {}),
        )


def geometry_to_geojson(geometry: Any) -> dict[str, Any] | None:
    """GeoJSON dict for a shapely geometry (or a GeoJSON dict passed through)."""
    if geometry is None or isinstance(geometry, dict):
        return geometry
    import json

    import shapely

    return json.loads(shapely.to_geojson(geometry))
