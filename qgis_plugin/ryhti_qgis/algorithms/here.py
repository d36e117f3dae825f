"""What applies here (``ryhti:whatapplieshere``): the plan archive asked about one point.

``ryhti here X,Y --srid N --format geojson`` answers with every plan whose area holds
the point, from maakuntakaava down to asemakaava, the objects there and their
regulations in plain language. The answer's features become the output layer as the
toolkit wrote them (its fields, its coordinate system); areas are drawn, anything
else is a row without geometry. Toolkits without the plan archive say so in one line.
"""

from __future__ import annotations

import json
import os
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterPoint,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import layers
from ..toolkit import ToolkitError, error_line
from .base import RyhtiAlgorithm

PLAIN_TYPES = (
    QVariant.String,
    QVariant.Int,
    QVariant.LongLong,
    QVariant.Double,
    QVariant.Bool,
    QVariant.Date,
    QVariant.DateTime,
)
WGS84 = "EPSG:4326"
NATIONAL = "EPSG:3067"


class WhatAppliesHere(RyhtiAlgorithm):
    NAME = "whatapplieshere"
    DISPLAY = "What applies here (plan archive)"
    GROUP = "Plan data"
    GROUP_ID = "plandata"
    HELP = (
        "Asks the plan archive which plans and regulations apply at a point, as "
        "<code>ryhti here X,Y</code> does: every plan whose area holds the point, from "
        "maakuntakaava down to asemakaava, the objects there and their regulations in plain "
        "language; plans in force unless <b>Include cancelled plans and proposals</b> is "
        "ticked. The archive is the one given, else RYHTI_ARCHIVE, else [archive] path in "
        "ryhti.toml. Needs a ryhti toolkit with the plan archive."
    )

    POINT = "POINT"
    ARCHIVE = "ARCHIVE"
    LANGUAGE = "LANGUAGE"
    ALL = "ALL"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config: Any = None) -> None:
        self.addParameter(QgsProcessingParameterPoint(self.POINT, "Point"))
        self.addParameter(
            QgsProcessingParameterString(
                self.ARCHIVE,
                "Plan archive (GeoPackage path or postgresql:// URL; empty: RYHTI_ARCHIVE)",
                optional=True,
            )
        )
        self.add_language(swedish_only=True)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.ALL, "Include cancelled plans and proposals", defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, "What applies here", QgsProcessing.TypeVectorPolygon
            )
        )
        self.addOutput(QgsProcessingOutputNumber("FEATURES", "Plans and objects found"))

    def process(self, parameters, context, feedback, runner, workdir):  # type: ignore[no-untyped-def]
        point = self.parameterAsPoint(parameters, self.POINT, context)
        crs = self.parameterAsPointCrs(parameters, self.POINT, context)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem(NATIONAL)
        if not crs.authid().upper().startswith("EPSG:"):
            target = QgsCoordinateReferenceSystem(NATIONAL)
            point = QgsCoordinateTransform(crs, target, context.transformContext()).transform(point)
            crs = target
        srid = crs.authid().split(":", 1)[1]
        args = ["here", f"{point.x():.3f},{point.y():.3f}", "--srid", srid, "--format", "geojson"]
        args += ["--lang", self.language(parameters, context)]
        if self.parameterAsBoolean(parameters, self.ALL, context):
            args.append("--all")
        archive = self.parameterAsString(parameters, self.ARCHIVE, context).strip()
        if archive:
            args += ["--archive", archive]
        answer = os.path.join(workdir, "here.geojson")
        # exit code 1: nothing applies here (an empty answer, not a failure)
        done = runner.ryhti(args, ok=(0, 1, 2), stdout_file=answer, progress=(0, 80))
        if done.code == 2:
            line = error_line(done.stderr, done.code)
            if "No such command" in line and "here" in line:
                raise ToolkitError(
                    f"the ryhti toolkit at {runner.toolkit.python} (ryhti {runner.toolkit.version}) "
                    "has no 'here' command: update it to a ryhti with the plan archive"
                )
            raise ToolkitError(line)
        if not os.path.getsize(answer):  # nothing printed: an empty answer
            with open(answer, "w", encoding="utf-8") as fh:
                fh.write('{"type": "FeatureCollection", "features": []}')
        source = layers.open_vector(answer, "here")
        fields = QgsFields()
        for field in source.fields():
            kind = field.type() if field.type() in PLAIN_TYPES else QVariant.String
            fields.append(QgsField(field.name(), kind))
        if not fields.count():
            fields.append(QgsField("plan", QVariant.String))
        out_crs = source.crs() if source.crs().isValid() else QgsCoordinateReferenceSystem(WGS84)
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.MultiPolygon, out_crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        count = 0
        names = [f.name() for f in fields]
        present = {f.name() for f in source.fields()}
        for feature in source.getFeatures():
            out = QgsFeature(fields)
            out.setAttributes([_plain(feature[n]) if n in present else None for n in names])
            if layers.geometry_kind(feature.geometry()) == "polygon":
                out.setGeometry(layers.multi(feature.geometry()))
            if not sink.addFeature(out, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
            count += 1
        feedback.pushInfo(
            f"{count} plan(s) and object(s) at {point.x():.1f}, {point.y():.1f} (EPSG:{srid})"
        )
        return {self.OUTPUT: dest, "FEATURES": count}


def _plain(value: Any) -> Any:
    """Nested JSON (lists, objects) as text; the sink's fields are plain."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value
