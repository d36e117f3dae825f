"""The "RYHTI" Processing provider: the toolkit's jobs in the toolbox, models and qgis_process."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .algorithms import ALGORITHMS
from .toolkit import SETTING

ICON = Path(__file__).resolve().parent / "icon.svg"


class RyhtiProvider(QgsProcessingProvider):
    """Provider id ``ryhti``; its one setting is the toolkit's Python (``RYHTI_PYTHON``)."""

    def id(self) -> str:
        return "ryhti"

    def name(self) -> str:
        return "RYHTI"

    def longName(self) -> str:
        return "RYHTI – Finnish land-use plans (ryhti toolkit)"

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def load(self) -> bool:
        try:
            from processing.core.ProcessingConfig import ProcessingConfig, Setting
        except ImportError:  # pragma: no cover - Processing ships with QGIS
            self.refreshAlgorithms()
            return True
        ProcessingConfig.settingIcons[self.name()] = self.icon()
        ProcessingConfig.addSetting(
            Setting(
                self.name(),
                SETTING,
                "ryhti Python (the toolkit's interpreter; RYHTI_PYTHON overrides it)",
                "",
                valuetype=Setting.FILE,
            )
        )
        ProcessingConfig.readSettings()
        self.refreshAlgorithms()
        return True

    def unload(self) -> None:
        try:
            from processing.core.ProcessingConfig import ProcessingConfig
        except ImportError:  # pragma: no cover
            return
        ProcessingConfig.removeSetting(SETTING)

    def loadAlgorithms(self) -> None:
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
