"""Load RYHTI plan (``ryhti:loadplan``): plan JSON → styled layers in Finnish notation colours."""

from __future__ import annotations

import os
from typing import Any

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import layers, styles
from .base import RyhtiAlgorithm

OBJECT_FIELDS = (
    ("plan_object_key", QVariant.String),
    ("kaavamerkinta", QVariant.String),
    ("nimi", QVariant.String),
    ("ryhmat", QVariant.String),
    ("maaraykset", QVariant.String),
    ("korttelinumero", QVariant.String),
    ("kohdenumero", QVariant.Int),
    ("maanalainen", QVariant.Bool),
    ("elinkaari", QVariant.String),
)
AREA_FIELDS = (
    *OBJECT_FIELDS,
    ("luokka", QVariant.String),
    ("luokan_nimi", QVariant.String),
    ("vari", QVariant.String),
)
BOUNDARY_FIELDS = (
    ("plan_key", QVariant.String),
    ("nimi", QVariant.String),
    ("yleismaaraykset", QVariant.String),
    ("kohteita", QVariant.Int),
)


def _fields(spec: tuple[tuple[str, Any], ...]) -> QgsFields:
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


class LoadPlan(RyhtiAlgorithm):
    NAME = "loadplan"
    DISPLAY = "Load RYHTI plan"
    GROUP = "Plan data"
    GROUP_ID = "plandata"
    HELP = (
        "Opens a RYHTI plan JSON as map layers: areas, lines, points and the plan "
        "boundary. Every object carries its letter code (kaavamerkintä), the titles of "
        "its regulation groups and each regulation in plain Finnish or Swedish "
        "(maaraykset); areas carry their land-use class and are filled in the colours "
        "of the Finnish plan notation, as <code>ryhti map</code> paints them (the "
        "group's colorNumber where the plan gives one)."
    )

    INPUT = "INPUT"
    LANGUAGE = "LANGUAGE"
    AREAS = "AREAS"
    LINES = "LINES"
    POINTS = "POINTS"
    BOUNDARY = "BOUNDARY"

    def initAlgorithm(self, config: Any = None) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, "Plan JSON", extension="json", fileFilter="RYHTI plan (*.json)"
            )
        )
        self.add_language(swedish_only=True)
        for name, text, kind in (
            (self.AREAS, "Plan areas", QgsProcessing.TypeVectorPolygon),
            (self.LINES, "Plan lines", QgsProcessing.TypeVectorLine),
            (self.POINTS, "Plan points", QgsProcessing.TypeVectorPoint),
            (self.BOUNDARY, "Plan boundary", QgsProcessing.TypeVectorPolygon),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSink(
                    name, text, kind, optional=True, createByDefault=True
                )
            )
        self.addOutput(QgsProcessingOutputNumber("OBJECTS", "Plan objects"))

    def process(self, parameters, context, feedback, runner, workdir):  # type: ignore[no-untyped-def]
        plan = self.input_file(parameters, context)
        lang = self.language(parameters, context)
        runner.bridge(["layers", plan, workdir, "--lang", lang], progress=(0, 70))
        summary = layers.read_json(os.path.join(workdir, "summary.json"))
        crs = layers.crs_of(summary.get("srid"))
        results: dict[str, Any] = {}
        spec = (
            (
                self.AREAS,
                "areas.geojson",
                AREA_FIELDS,
                QgsWkbTypes.MultiPolygon,
                styles.style_areas(
                    summary.get("classes") or [], summary.get("otherColour") or "#CFCFCF"
                ),
            ),
            (
                self.LINES,
                "lines.geojson",
                OBJECT_FIELDS,
                QgsWkbTypes.MultiLineString,
                styles.style_lines,
            ),
            (
                self.POINTS,
                "points.geojson",
                OBJECT_FIELDS,
                QgsWkbTypes.MultiPoint,
                styles.style_points,
            ),
            (
                self.BOUNDARY,
                "boundary.geojson",
                BOUNDARY_FIELDS,
                QgsWkbTypes.MultiPolygon,
                styles.style_boundary,
            ),
        )
        for name, file, field_spec, kind, style in spec:
            fields = _fields(field_spec)
            sink, dest = self.parameterAsSink(parameters, name, context, fields, kind, crs)
            if sink is None:
                continue
            results[name] = dest
            styles.style_on_load(context, dest, style)
            source = layers.open_vector(os.path.join(workdir, file), name)
            layers.copy_rows(source, sink, fields, name, feedback)
        if summary.get("withoutGeometry"):
            feedback.pushWarning(
                f"{summary['withoutGeometry']} plan object(s) have no usable geometry and are "
                "not on the map (ryhti validate names them)"
            )
        feedback.pushInfo(
            f"{summary.get('areas', 0)} areas, {summary.get('lines', 0)} lines, "
            f"{summary.get('points', 0)} points in EPSG:{summary.get('srid')}"
        )
        results["OBJECTS"] = sum(int(summary.get(k) or 0) for k in ("areas", "lines", "points"))
        return results
