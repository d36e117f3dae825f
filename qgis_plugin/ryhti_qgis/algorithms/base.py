"""What every RYHTI algorithm shares: naming, help, the toolkit runner, a work folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingUtils,
)
from qgis.PyQt.QtGui import QIcon

from ..toolkit import Runner

ICON = Path(__file__).resolve().parent.parent / "icon.svg"
#: Message languages of the toolkit, in the order of the LANGUAGE parameter.
LANGUAGES = (("fi", "suomi"), ("sv", "svenska"), ("en", "English"))


class RyhtiAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set the names and implement :meth:`process`."""

    NAME = ""
    DISPLAY = ""
    GROUP = ""
    GROUP_ID = ""
    HELP = ""

    def name(self) -> str:
        return self.NAME

    def displayName(self) -> str:
        return self.DISPLAY

    def group(self) -> str:
        return self.GROUP

    def groupId(self) -> str:
        return self.GROUP_ID

    def shortHelpString(self) -> str:
        return self.HELP

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def createInstance(self) -> RyhtiAlgorithm:
        return type(self)()

    def processAlgorithm(self, parameters: Any, context: Any, feedback: Any) -> dict[str, Any]:
        workdir = tempfile.mkdtemp(
            prefix=f"ryhti-{self.NAME}-", dir=QgsProcessingUtils.tempFolder()
        )
        try:
            return self.process(parameters, context, feedback, Runner(feedback), workdir)
        finally:
            if not os.environ.get("RYHTI_QGIS_KEEP"):
                shutil.rmtree(workdir, ignore_errors=True)

    def process(
        self, parameters: Any, context: Any, feedback: Any, runner: Runner, workdir: str
    ) -> dict[str, Any]:
        raise NotImplementedError

    # -- shared parameters ------------------------------------------------------------------

    def add_language(self, *, swedish_only: bool = False, name: str = "LANGUAGE") -> None:
        options = LANGUAGES[:2] if swedish_only else LANGUAGES
        self.addParameter(
            QgsProcessingParameterEnum(
                name,
                "Language (kieli / språk)",
                options=[f"{label} ({code})" for code, label in options],
                defaultValue=0,
            )
        )

    def language(self, parameters: Any, context: Any, name: str = "LANGUAGE") -> str:
        index = self.parameterAsEnum(parameters, name, context)
        return LANGUAGES[index][0] if 0 <= index < len(LANGUAGES) else "fi"

    def input_file(self, parameters: Any, context: Any, name: str = "INPUT") -> str:
        """A required input file, checked to exist so the error names it in one line."""
        path = self.parameterAsFile(parameters, name, context)
        if not path:
            raise QgsProcessingException(f"{name}: no file given")
        if not os.path.isfile(path):
            raise QgsProcessingException(f"{name}: {path}: no such file")
        return path
