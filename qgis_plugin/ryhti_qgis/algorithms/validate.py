"""Validate plan (``ryhti:validateplan``): plan JSON in, findings on the map out."""

from __future__ import annotations

import os
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .. import layers, styles
from .base import RyhtiAlgorithm


class ValidatePlan(RyhtiAlgorithm):
    NAME = "validateplan"
    DISPLAY = "Validate plan"
    GROUP = "Check"
    GROUP_ID = "check"
    HELP = (
        "Checks a RYHTI plan JSON (or plan matter) offline against every rule of the ryhti "
        "toolkit (structure, code lists, values, references, geometry, lifecycle, "
        "consistency), as <code>ryhti validate</code> does.<br><br>"
        "<b>Findings</b> holds every finding once: rule, Syke's rule id, severity, message "
        "in the chosen language, object key and JSON path. Its geometry is the fault's own "
        "area, else the area of the plan object concerned, and findings about the plan as a "
        "whole carry the plan boundary. Faults along a line or at a point (a self-"
        "intersection, a line object) are also drawn in <b>Findings along lines</b> and "
        "<b>Findings at points</b>.<br><br>"
        "The run succeeds even when the plan has errors; the counts are outputs. ryhti.toml "
        "beside the plan (rule selection, severities) applies as on the command line."
    )

    INPUT = "INPUT"
    PLAN_TYPE = "PLAN_TYPE"
    MUNICIPALITY = "MUNICIPALITY"
    LANGUAGE = "LANGUAGE"
    OUTPUT = "OUTPUT"
    OUTPUT_LINES = "OUTPUT_LINES"
    OUTPUT_POINTS = "OUTPUT_POINTS"

    def initAlgorithm(self, config: Any = None) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, "Plan JSON", extension="json", fileFilter="RYHTI plan (*.json)"
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PLAN_TYPE,
                "Plan type (RY_Kaavalaji code, e.g. 31 asemakaava; empty: from the plan)",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.MUNICIPALITY,
                "Municipality code(s) (e.g. 049; comma-separated)",
                optional=True,
            )
        )
        self.add_language()
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, "Findings", QgsProcessing.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_LINES,
                "Findings along lines",
                QgsProcessing.TypeVectorLine,
                optional=True,
                createByDefault=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_POINTS,
                "Findings at points",
                QgsProcessing.TypeVectorPoint,
                optional=True,
                createByDefault=True,
            )
        )
        for name, text in (
            ("ERRORS", "Errors"),
            ("WARNINGS", "Warnings"),
            ("INFOS", "Notes"),
            ("FINDINGS", "Findings in all"),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, text))

    def process(self, parameters, context, feedback, runner, workdir):  # type: ignore[no-untyped-def]
        plan = os.path.abspath(self.input_file(parameters, context))
        lang = self.language(parameters, context)
        extra = []
        plan_type = self.parameterAsString(parameters, self.PLAN_TYPE, context).strip()
        if plan_type:
            extra += ["--plan-type", plan_type]
        municipality = self.parameterAsString(parameters, self.MUNICIPALITY, context).strip()
        if municipality:
            extra += ["--municipality", municipality]
        runner.bridge(
            ["findings", plan, workdir, "--lang", lang, "--", *extra],
            ok=(0, 1),
            progress=(0, 80),
            workdir=os.path.dirname(plan),  # ryhti.toml beside the plan applies
        )
        summary = layers.read_json(os.path.join(workdir, "summary.json"))
        crs = layers.crs_of(summary.get("srid"))
        fields = layers.finding_fields()
        results: dict[str, Any] = {}
        sinks = {}
        for name, kind in (
            (self.OUTPUT, QgsWkbTypes.MultiPolygon),
            (self.OUTPUT_LINES, QgsWkbTypes.MultiLineString),
            (self.OUTPUT_POINTS, QgsWkbTypes.MultiPoint),
        ):
            sink, dest = self.parameterAsSink(parameters, name, context, fields, kind, crs)
            sinks[name] = sink
            if sink is not None:
                results[name] = dest
                styles.style_on_load(context, dest, styles.style_findings)
        table = layers.open_vector(os.path.join(workdir, "findings.geojson"), "findings")
        severities = [f["severity"] for f in table.getFeatures()]
        layers.copy_rows(table, sinks[self.OUTPUT], fields, "Findings", feedback)
        for name, file, what in (
            (self.OUTPUT_LINES, "findings_lines.geojson", "Findings along lines"),
            (self.OUTPUT_POINTS, "findings_points.geojson", "Findings at points"),
        ):
            part = layers.open_vector(os.path.join(workdir, file), what)
            layers.copy_rows(part, sinks[name], fields, what, feedback)
            if sinks[name] is None and part.featureCount() > 0:
                feedback.pushInfo(
                    f"{part.featureCount()} finding(s) lie {what.split(' ', 1)[1]}: they are rows "
                    f"of Findings without geometry ({what} was skipped)"
                )
        feedback.setProgress(100)
        counts = layers.counts(severities)
        results.update(
            ERRORS=counts["error"],
            WARNINGS=counts["warning"],
            INFOS=counts["info"],
            FINDINGS=len(severities),
        )
        text = (
            f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s) "
            f"in {os.path.basename(plan)}"
        )
        if summary.get("onBoundary"):
            text += f"; {summary['onBoundary']} about the plan as a whole, on its boundary"
        if counts["error"]:
            feedback.reportError(text, False)
        else:
            feedback.pushInfo(text)
        return results
