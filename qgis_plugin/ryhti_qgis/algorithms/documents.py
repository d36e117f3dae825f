"""Describe (``ryhti:describe``) and Plan map GeoTIFF (``ryhti:planmap``): documents of a plan."""

from __future__ import annotations

import os
from typing import Any

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
)

from .base import RyhtiAlgorithm


class Describe(RyhtiAlgorithm):
    NAME = "describe"
    DISPLAY = "Describe plan (kaavaselostus, DOCX/HTML)"
    GROUP = "Documents"
    GROUP_ID = "documents"
    HELP = (
        "Drafts the plan description (kaavaselostus) of a RYHTI plan in Finnish or Swedish, "
        "as <code>ryhti describe</code> does: every number (areas, building rights, "
        "efficiencies per land-use class, the regulations in plain language) is computed "
        "from the plan; what the data lacks is a visible [TÄYDENNÄ: …] placeholder. The "
        "output's suffix picks the format: .docx (Word), .html or .md. With the plan "
        "matter JSON the draft also names the plan, its ids and its process."
    )

    INPUT = "INPUT"
    MATTER = "MATTER"
    LANGUAGE = "LANGUAGE"
    TEMPLATE = "TEMPLATE"
    NO_MAP = "NO_MAP"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config: Any = None) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, "Plan JSON", extension="json", fileFilter="RYHTI plan (*.json)"
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.MATTER, "Plan matter JSON", fileFilter="Plan matter (*.json)", optional=True
            )
        )
        self.add_language(swedish_only=True)
        self.addParameter(
            QgsProcessingParameterFile(
                self.TEMPLATE,
                "Municipality's template folder",
                behavior=QgsProcessingParameterFile.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.NO_MAP, "Leave the plan map figure out", False)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                "Plan description",
                "Word document (*.docx);;HTML (*.html);;Markdown (*.md)",
            )
        )

    def process(self, parameters, context, feedback, runner, workdir):  # type: ignore[no-untyped-def]
        plan = self.input_file(parameters, context)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if os.path.splitext(output)[1].lower() not in (".docx", ".html", ".htm", ".md"):
            raise QgsProcessingException(
                f"{self.OUTPUT}: {output}: the suffix picks the format; use .docx, .html or .md"
            )
        args = ["describe", plan, "-o", output, "--lang", self.language(parameters, context)]
        matter = self.parameterAsFile(parameters, self.MATTER, context)
        if matter:
            args += ["--matter", matter]
        template = self.parameterAsFile(parameters, self.TEMPLATE, context)
        if template:
            args += ["--template", template]
        if self.parameterAsBoolean(parameters, self.NO_MAP, context):
            args.append("--no-map")
        runner.ryhti(args, progress=(0, 100))
        if not os.path.exists(output):
            raise QgsProcessingException(f"ryhti describe wrote nothing to {output}")
        return {self.OUTPUT: output}


class PlanMap(RyhtiAlgorithm):
    NAME = "planmap"
    DISPLAY = "Plan map GeoTIFF"
    GROUP = "Documents"
    GROUP_ID = "documents"
    HELP = (
        "Renders the plan map of a RYHTI plan as the GeoTIFF that RYHTI's PlanMap expects "
        "(EPSG:3067, a power-of-two pixel size), as <code>ryhti map</code> does, and "
        "checks the written file against RYHTI's plan-map rules. Areas are filled in the "
        "colours of the Finnish plan notation."
    )

    INPUT = "INPUT"
    PIXEL_SIZE = "PIXEL_SIZE"
    MAX_PIXELS = "MAX_PIXELS"
    LANGUAGE = "LANGUAGE"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config: Any = None) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, "Plan JSON", extension="json", fileFilter="RYHTI plan (*.json)"
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.PIXEL_SIZE,
                "Metres per pixel (a power of two, 0.015625–256; empty: automatic)",
                QgsProcessingParameterNumber.Double,
                optional=True,
                minValue=0.015625,
                maxValue=256,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_PIXELS,
                "Longest side in pixels",
                QgsProcessingParameterNumber.Integer,
                defaultValue=4096,
                minValue=16,
            )
        )
        self.add_language(swedish_only=True)
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, "Plan map"))

    def process(self, parameters, context, feedback, runner, workdir):  # type: ignore[no-untyped-def]
        plan = self.input_file(parameters, context)
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        if os.path.splitext(output)[1].lower() not in (".tif", ".tiff"):
            raise QgsProcessingException(
                f"{self.OUTPUT}: {output}: the plan map is a GeoTIFF (.tif)"
            )
        args = ["map", plan, "-o", output, "--lang", self.language(parameters, context)]
        if parameters.get(self.PIXEL_SIZE) not in (None, ""):
            size = self.parameterAsDouble(parameters, self.PIXEL_SIZE, context)
            args += ["--pixel-size", f"{size:g}"]
        args += ["--max-pixels", str(self.parameterAsInt(parameters, self.MAX_PIXELS, context))]
        runner.ryhti(args, progress=(0, 85))
        runner.ryhti(["map", "--check", output, plan], progress=(85, 100))
        return {self.OUTPUT: output}
