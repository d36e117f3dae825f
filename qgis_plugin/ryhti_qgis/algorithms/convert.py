"""Convert layers to RYHTI plan (``ryhti:convertlayers``): project layers → plan JSON.

The layers are written, as they are in QGIS (filters and unsaved edits included), into
one GeoPackage named like their source file, one table per layer named like its source
table, each feature under its own feature id. ``ryhti convert`` then sees what it would
see in the original file: the same layer names for the mapping, the same plan identity
(so the same stable keys as a command-line run), and feature ids that lead back to the
features in QGIS. The conversion report's findings come back as a findings layer on
those features.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import layers, styles
from .base import RyhtiAlgorithm

#: Mapping presets of ``ryhti convert --mapping`` (first: let the toolkit recognise the source).
PRESETS = (
    ("", "automatic (recognised from the source)"),
    ("template", "template (ryhti init GeoPackage)"),
    ("qaava", "qaava test GeoPackage"),
    ("kuntagml", "KuntaGML"),
    ("national-gml", "national-model GML (2019 pilot)"),
)
SOURCE_FILTER = (
    "Plan sources (*.gpkg *.shp *.zip *.geojson *.json *.dxf *.gml *.xml);;All files (*.*)"
)
REGULATION_FILTER = "Regulation documents (*.md *.txt *.docx *.pdf);;All files (*.*)"


class ConvertLayers(RyhtiAlgorithm):
    NAME = "convertlayers"
    DISPLAY = "Convert layers to RYHTI plan"
    GROUP = "Convert"
    GROUP_ID = "convert"
    HELP = (
        "Converts the plan layers of the project (boundary, areas, lines, points and a "
        "regulation text table), or a source file (GeoPackage, Shapefile, GeoJSON, DXF, "
        "KuntaGML, GML), into RYHTI plan JSON, as <code>ryhti convert</code> does.<br><br>"
        "A mapping TOML (or a preset) says which layer is which and which attribute holds "
        "the letter code, the regulation text and the values. Layers go to the toolkit as "
        "they are in QGIS, filters and unsaved edits included, under their source table "
        "names.<br><br>"
        "<b>Conversion findings</b> places every finding of the conversion report on the "
        "source feature it is about (layer and feature id are attributes); findings about "
        "a layer or the whole plan are rows without geometry."
    )

    INPUT = "INPUT"
    SOURCE = "SOURCE"
    PRESET = "PRESET"
    MAPPING = "MAPPING"
    REGULATIONS = "REGULATIONS"
    PLAN_TYPE = "PLAN_TYPE"
    SRID = "SRID"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"
    FINDINGS = "FINDINGS"
    FINDINGS_LINES = "FINDINGS_LINES"
    FINDINGS_POINTS = "FINDINGS_POINTS"

    def initAlgorithm(self, config: Any = None) -> None:
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.INPUT, "Plan layers", QgsProcessing.TypeVector, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.SOURCE, "…or a source file", fileFilter=SOURCE_FILTER, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PRESET, "Mapping preset", options=[t for _, t in PRESETS], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.MAPPING,
                "Mapping file (TOML; overrides the preset)",
                fileFilter="Mapping (*.toml)",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.REGULATIONS,
                "Regulation document (kaavamerkinnät ja -määräykset)",
                fileFilter=REGULATION_FILTER,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PLAN_TYPE, "Plan type (31 asemakaava, 21 yleiskaava …)", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SRID,
                "Output EPSG code (3067 or 3873–3885; empty: the source's zone)",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, "Plan JSON", "JSON (*.json)")
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT,
                "Conversion report",
                "JSON (*.json)",
                optional=True,
                createByDefault=False,
            )
        )
        for name, text, kind in (
            (self.FINDINGS, "Conversion findings", QgsProcessing.TypeVectorPolygon),
            (self.FINDINGS_LINES, "Conversion findings on lines", QgsProcessing.TypeVectorLine),
            (self.FINDINGS_POINTS, "Conversion findings on points", QgsProcessing.TypeVectorPoint),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSink(
                    name, text, kind, optional=name != self.FINDINGS, createByDefault=True
                )
            )
        for name, text in (
            ("OBJECTS", "Plan objects"),
            ("ERRORS", "Errors"),
            ("WARNINGS", "Warnings"),
            ("INFOS", "Notes"),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, text))

    def process(self, parameters, context, feedback, runner, workdir):  # type: ignore[no-untyped-def]
        chosen = self.parameterAsLayerList(parameters, self.INPUT, context)
        source = self.parameterAsFile(parameters, self.SOURCE, context)
        if chosen and source:
            raise QgsProcessingException("give either plan layers or a source file, not both")
        if not chosen and not source:
            raise QgsProcessingException("no plan layers and no source file given")
        tables: dict[str, QgsVectorLayer] = {}
        if chosen:
            source, tables = export_layers(chosen, workdir, feedback)
        elif not os.path.exists(source):
            raise QgsProcessingException(f"{self.SOURCE}: {source}: no such file")
        feedback.setProgress(15)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        report = self.parameterAsFileOutput(parameters, self.REPORT, context) or os.path.join(
            workdir, "report.json"
        )
        args = ["convert", source, "-o", output, "--report", report]
        mapping = self.parameterAsFile(parameters, self.MAPPING, context)
        preset = PRESETS[self.parameterAsEnum(parameters, self.PRESET, context)][0]
        if mapping or preset:
            args += ["--mapping", mapping or preset]
        regulations = self.parameterAsFile(parameters, self.REGULATIONS, context)
        if regulations:
            args += ["--regulations", regulations]
        for name, option in ((self.PLAN_TYPE, "--plan-type"), (self.SRID, "--srid")):
            value = self.parameterAsString(parameters, name, context).strip()
            if value:
                args += [option, value]
        runner.ryhti(args, ok=(0, 1), progress=(15, 80))
        if not os.path.exists(output):
            raise QgsProcessingException(f"ryhti convert wrote no plan to {output}")
        data = layers.read_json(report)
        results = self._findings(parameters, context, feedback, data, source, tables)
        summary = data.get("summary") or {}
        counts = summary.get("findings") or {}
        results.update(
            OUTPUT=output,
            OBJECTS=int(summary.get("planObjects") or 0),
            ERRORS=int(counts.get("error") or 0),
            WARNINGS=int(counts.get("warning") or 0),
            INFOS=int(counts.get("info") or 0),
        )
        if self.parameterAsFileOutput(parameters, self.REPORT, context):
            results[self.REPORT] = report
        return results

    def _findings(self, parameters, context, feedback, report, source, tables):  # type: ignore[no-untyped-def]
        """Write the report's findings onto the source features they name."""
        findings = report.get("findings") or []
        opened: dict[str, QgsVectorLayer | None] = {}

        def layer_of(name: str) -> QgsVectorLayer | None:
            if name not in opened:
                if name in tables:
                    opened[name] = tables[name]
                else:
                    candidate = QgsVectorLayer(f"{source}|layername={name}", name, "ogr")
                    if not candidate.isValid():
                        candidate = QgsVectorLayer(source, name, "ogr")
                    opened[name] = candidate if candidate.isValid() else None
            return opened[name]

        placed = []
        crs = QgsCoordinateReferenceSystem()
        for n, finding in enumerate(findings, start=1):
            loc = finding.get("location") or {}
            geometry = None
            layer = layer_of(str(loc["layer"])) if loc.get("layer") else None
            if layer is not None and loc.get("fid") not in (None, ""):
                try:
                    fid = int(loc["fid"])
                except (TypeError, ValueError):
                    fid = None
                feature = layer.getFeature(fid) if fid is not None else None
                if feature is not None and feature.isValid() and feature.hasGeometry():
                    geometry = feature.geometry()
                    if not crs.isValid() and layer.crs().isValid():
                        crs = layer.crs()
                    elif layer.crs().isValid() and layer.crs() != crs:
                        move = QgsCoordinateTransform(layer.crs(), crs, context.transformContext())
                        geometry.transform(move)
            placed.append((n, finding, loc, geometry))
        fields = layers.finding_fields()
        sinks = {}
        results: dict[str, Any] = {}
        for name, kind in (
            (self.FINDINGS, QgsWkbTypes.MultiPolygon),
            (self.FINDINGS_LINES, QgsWkbTypes.MultiLineString),
            (self.FINDINGS_POINTS, QgsWkbTypes.MultiPoint),
        ):
            sink, dest = self.parameterAsSink(parameters, name, context, fields, kind, crs)
            sinks[name] = sink
            if sink is not None:
                results[name] = dest
                styles.style_on_load(context, dest, styles.style_findings)
        for n, finding, loc, geometry in placed:
            attrs = finding_attributes(n, finding, loc)
            kind = layers.geometry_kind(geometry)
            row = QgsFeature(fields)
            row.setAttributes([attrs.get(f.name()) for f in fields])
            if kind == "polygon":
                row.setGeometry(layers.multi(geometry))
            layers.add(sinks[self.FINDINGS], row, "Conversion findings")
            target = {"line": self.FINDINGS_LINES, "point": self.FINDINGS_POINTS}.get(kind or "")
            if target and sinks[target] is not None:
                drawn = QgsFeature(fields)
                drawn.setAttributes(row.attributes())
                drawn.setGeometry(layers.multi(geometry))
                layers.add(sinks[target], drawn, target)
        feedback.pushInfo(
            f"{len(placed)} conversion finding(s), {sum(1 for p in placed if p[3] is not None)} "
            "on source features"
        )
        return results


def finding_attributes(n: int, finding: dict[str, Any], loc: dict[str, Any]) -> dict[str, Any]:
    """The findings-layer attributes of one conversion report finding."""
    messages = finding.get("messages") or {}
    fid = loc.get("fid")
    try:
        fid = int(fid) if fid not in (None, "") else None
    except (TypeError, ValueError):
        fid = None
    return {
        "finding": n,
        "severity": finding.get("severity"),
        "rule": finding.get("rule"),
        "syke_id": finding.get("officialId"),
        "message": finding.get("message"),
        "object_key": finding.get("objectKey"),
        "path": finding.get("path"),
        "file": loc.get("file") or finding.get("source"),
        "layer": loc.get("layer"),
        "fid": fid,
        "location": json.dumps(loc, ensure_ascii=False) if loc else None,
        "geometry_source": "feature" if fid is not None else None,
        "message_fi": messages.get("fi"),
        "message_sv": messages.get("sv"),
        "message_en": messages.get("en"),
    }


def source_table(layer: QgsVectorLayer) -> tuple[str, str | None]:
    """(table name, source file) of a layer: the name ``ryhti convert`` would see."""
    parts: dict[str, Any] = {}
    if layer.providerType() == "ogr":
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()) or {}
    path = parts.get("path") or None
    table = parts.get("layerName") or (Path(path).stem if path else None) or layer.name()
    return str(table), path


def export_layers(
    chosen: list[Any], workdir: str, feedback: Any
) -> tuple[str, dict[str, QgsVectorLayer]]:
    """Write the layers into one GeoPackage; (its path, table name → QGIS layer).

    The GeoPackage is named like the first layer's source file, so the toolkit derives
    the same plan identity (and keys) as for the original; every feature keeps its id.
    """
    vectors = [lyr for lyr in chosen if isinstance(lyr, QgsVectorLayer)]
    if not vectors:
        raise QgsProcessingException("the chosen layers hold no vector layer")
    first_file = next((p for p in (source_table(lyr)[1] for lyr in vectors) if p), None)
    name = Path(first_file).stem if first_file else "kaava"
    target = os.path.join(workdir, f"{name}.gpkg")
    tables: dict[str, QgsVectorLayer] = {}
    for layer in vectors:
        table, _ = source_table(layer)
        unique, k = table, 2
        while unique in tables:
            unique, k = f"{table}_{k}", k + 1
        tables[unique] = layer
        _write_table(layer, target, unique, first=len(tables) == 1, feedback=feedback)
    return target, tables


def _write_table(
    layer: QgsVectorLayer, target: str, table: str, *, first: bool, feedback: Any
) -> None:
    fields = QgsFields()
    fields.append(QgsField("fid", QVariant.LongLong))
    keep = [f for f in layer.fields() if f.name().lower() != "fid"]
    for field in keep:
        fields.append(field)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = table
    options.fileEncoding = "UTF-8"
    if not first:
        options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    writer = QgsVectorFileWriter.create(
        target, fields, layer.wkbType(), layer.crs(), QgsCoordinateTransformContext(), options
    )
    if writer.hasError():
        raise QgsProcessingException(
            f"cannot write layer {layer.name()!r}: {writer.errorMessage()}"
        )
    names = [f.name() for f in keep]
    count = 0
    for feature in layer.getFeatures(QgsFeatureRequest()):
        if feedback.isCanceled():
            break
        out = QgsFeature(fields)
        out.setAttributes([feature.id(), *[feature[n] for n in names]])
        if feature.hasGeometry():
            out.setGeometry(feature.geometry())
        if not writer.addFeature(out):
            raise QgsProcessingException(
                f"cannot write feature {feature.id()} of layer {layer.name()!r}: "
                f"{writer.errorMessage()}"
            )
        count += 1
    del writer
    feedback.pushInfo(f"layer {layer.name()!r} → table {table!r} ({count} features)")
