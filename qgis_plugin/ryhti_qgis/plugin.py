"""The plugin object: registers the RYHTI Processing provider and keeps it alive.

``initProcessing`` is what ``qgis_process`` calls for plugins with
``hasProcessingProvider=yes``; the desktop calls ``initGui`` as well. The provider is
kept on the plugin object: a provider that only QGIS's registry holds is collected by
Python and its algorithms vanish (or crash) later.
"""

from __future__ import annotations

from typing import Any

from qgis.core import QgsApplication

from .provider import RyhtiProvider


class RyhtiPlugin:
    """Registers the provider once; removes it when the plugin is unloaded."""

    def __init__(self, iface: Any) -> None:
        self.iface = iface
        self.provider: RyhtiProvider | None = None

    def initProcessing(self) -> None:
        if self.provider is None:
            self.provider = RyhtiProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        self.initProcessing()

    def unload(self) -> None:
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
