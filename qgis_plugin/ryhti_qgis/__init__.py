"""RYHTI for QGIS: the ryhti toolkit as a Processing provider.

QGIS imports this package and calls :func:`classFactory`; nothing here imports the
toolkit itself (it runs in its own Python, see :mod:`.toolkit`).
"""


def classFactory(iface):
    """The plugin object QGIS keeps for as long as the plugin is loaded."""
    from .plugin import RyhtiPlugin

    return RyhtiPlugin(iface)
