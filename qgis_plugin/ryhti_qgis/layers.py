"""Files written by the toolkit, read with QGIS's own readers into Processing sinks.

A QGIS layer has one geometry type, while a plan's findings lie on areas, along lines
and at points. So every findings output is a trio: the first sink is the whole table
(every finding once, with an area where it has one), the line and point sinks draw
the faults that lie along a line or at a point. :func:`finding_fields` is the one
attribute layout all three share, whether the findings come from ``ryhti validate``
or from a conversion report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

#: (field, type) of every findings layer, in attribute-table order.
FINDING_FIELDS: tuple[tuple[str, Any], ...] = (
    ("finding", QVariant.Int),
    ("severity", QVariant.String),
    ("rule", QVariant.String),
    ("syke_id", QVariant.String),
    ("message", QVariant.String),
    ("object_key", QVariant.String),
    ("path", QVariant.String),
    ("file", QVariant.String),
    ("layer", QVariant.String),
    ("fid", QVariant.LongLong),
    ("location", QVariant.String),
    ("geometry_source", QVariant.String),
    ("message_fi", QVariant.String),
    ("message_sv", QVariant.String),
    ("message_en", QVariant.String),
)
SEVERITIES = ("error", "warning", "info")


def finding_fields() -> QgsFields:
    """The attribute layout of every findings layer."""
    fields = QgsFields()
    for name, kind in FINDING_FIELDS:
        fields.append(QgsField(name, kind))
    return fields


def crs_of(srid: Any) -> QgsCoordinateReferenceSystem:
    """The CRS of an EPSG code (``"3879"``); an invalid CRS when the toolkit gave none."""
    if srid in (None, ""):
        return QgsCoordinateReferenceSystem()
    return QgsCoordinateReferenceSystem(f"EPSG:{srid}")


def read_json(path: str) -> Any:
    """A small JSON file the toolkit wrote (summaries, reports)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise QgsProcessingException(f"cannot read the toolkit's output {path}: {exc}") from exc


def open_vector(path: str, name: str = "ryhti") -> QgsVectorLayer:
    """A file the toolkit wrote, opened with QGIS's OGR provider."""
    layer = QgsVectorLayer(path, name, "ogr")
    if not layer.isValid():
        raise QgsProcessingException(f"QGIS cannot open the toolkit's output {path}")
    return layer


def multi(geometry: QgsGeometry | None) -> QgsGeometry | None:
    """``geometry`` as its multi type (sinks are Multi*), None for empty geometries."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    copy = QgsGeometry(geometry)
    if not copy.isMultipart():
        copy.convertToMultiType()
    return copy


def add(sink: QgsFeatureSink, feature: QgsFeature, what: str) -> None:
    """Write one feature; a refused feature stops the run with the sink's own reason."""
    if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
        raise QgsProcessingException(f"cannot write to {what}: {sink.lastError()}")


def copy_rows(
    layer: QgsVectorLayer,
    sink: QgsFeatureSink | None,
    fields: QgsFields,
    what: str,
    feedback: Any = None,
    *,
    keep_geometry: bool = True,
) -> int:
    """Copy ``layer``'s features into ``sink`` by field name; the number copied.

    Fields the file lacks stay NULL; with ``keep_geometry=False`` the rows are written
    without geometry (a table row of a finding that is drawn in another layer).
    """
    if sink is None:
        return 0
    names = [f.name() for f in fields]
    present = {f.name() for f in layer.fields()}
    count = 0
    for source in layer.getFeatures():
        if feedback is not None and feedback.isCanceled():
            break
        feature = QgsFeature(fields)
        feature.setAttributes([source[n] if n in present else None for n in names])
        geometry = multi(source.geometry()) if keep_geometry and source.hasGeometry() else None
        if geometry is not None:
            feature.setGeometry(geometry)
        add(sink, feature, what)
        count += 1
    return count


def counts(severities: Iterable[str]) -> dict[str, int]:
    """Findings per severity, every severity present (zero where none)."""
    out = dict.fromkeys(SEVERITIES, 0)
    for severity in severities:
        out[severity] = out.get(severity, 0) + 1
    return out


def geometry_kind(geometry: QgsGeometry | None) -> str | None:
    """``"polygon"``, ``"line"``, ``"point"`` or None: which findings sink a geometry fits."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    kind = geometry.type()
    if kind == QgsWkbTypes.PolygonGeometry:
        return "polygon"
    if kind == QgsWkbTypes.LineGeometry:
        return "line"
    if kind == QgsWkbTypes.PointGeometry:
        return "point"
    return None
