"""How RYHTI layers look in QGIS: findings by severity, plans in Finnish notation colours.

The colours of plan areas are not chosen here: the toolkit gives every area the fill
``ryhti map`` paints it with (the group's ``colorNumber``, else the traditional hue of
its seurantalomake class: A yellow-brown, P/Y red, K violet, V green, L grey …), so the
map in QGIS and the delivery GeoTIFF agree. Outlines, dashes and the boundary follow
the same drawing rules as ``ryhti map``.

Processing hands styles to layers through post-processors, which QGIS calls after the
algorithm, on the main thread; Python must keep a reference to each one until then,
or it is collected and QGIS crashes. :func:`style_on_load` does both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

SEVERITY_COLOURS = {"error": "#D7191C", "warning": "#F28E2B", "info": "#2C7BB6"}
SEVERITY_LABELS = {
    "error": "virhe / fel / error",
    "warning": "varoitus / varning / warning",
    "info": "huomio / notering / note",
}
#: Drawing order: notes first, errors last, so errors stay on top.
SEVERITY_ORDER = "CASE \"severity\" WHEN 'error' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END"

AREA_OUTLINE = "#333333"
OTHER_OUTLINE = "#555555"
LINE_COLOUR = "#7A4B1E"
POINT_COLOUR = "#2E7D32"


def _rgba(hex_colour: str, alpha: int = 255) -> str:
    colour = QColor(hex_colour)
    return f"{colour.red()},{colour.green()},{colour.blue()},{alpha}"


def severity_symbol(geometry_type: int, severity: str) -> Any:
    """The symbol of one severity for a polygon, line or point findings layer."""
    colour = SEVERITY_COLOURS.get(severity, "#777777")
    if geometry_type == QgsWkbTypes.PolygonGeometry:
        return QgsFillSymbol.createSimple(
            {
                "color": _rgba(colour, 60),
                "outline_color": _rgba(colour),
                "outline_width": "0.9",
                "outline_width_unit": "MM",
            }
        )
    if geometry_type == QgsWkbTypes.LineGeometry:
        return QgsLineSymbol.createSimple(
            {"line_color": _rgba(colour), "line_width": "1.2", "line_width_unit": "MM"}
        )
    return QgsMarkerSymbol.createSimple(
        {
            "name": "circle",
            "color": _rgba(colour),
            "size": "3.6",
            "size_unit": "MM",
            "outline_color": "255,255,255,255",
            "outline_width": "0.4",
        }
    )


def style_findings(layer: QgsVectorLayer) -> None:
    """Colour findings by severity (errors drawn last, on top) with map tips."""
    kind = layer.geometryType()
    if kind not in (
        QgsWkbTypes.PolygonGeometry,
        QgsWkbTypes.LineGeometry,
        QgsWkbTypes.PointGeometry,
    ):
        return
    categories = [
        QgsRendererCategory(sev, severity_symbol(kind, sev), SEVERITY_LABELS[sev])
        for sev in ("error", "warning", "info")
    ]
    renderer = QgsCategorizedSymbolRenderer("severity", categories)
    renderer.setOrderBy(
        QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause(SEVERITY_ORDER)])
    )
    renderer.setOrderByEnabled(True)
    layer.setRenderer(renderer)
    layer.setDisplayExpression("\"rule\" || ' ' || coalesce(\"message\", '')")
    layer.setMapTipTemplate(
        '<b>[% "severity" %] [% "rule" %]</b> [% "syke_id" %]<br>[% "message" %]'
    )
    layer.triggerRepaint()


def style_areas(
    classes: list[dict[str, Any]], other_colour: str
) -> Callable[[QgsVectorLayer], None]:
    """A styler for plan areas: one category per land-use class, in the toolkit's colours."""

    def apply(layer: QgsVectorLayer) -> None:
        categories = []
        for cls in classes:
            fill = cls.get("colour") or other_colour
            symbol = QgsFillSymbol.createSimple(
                {
                    "color": _rgba(fill),
                    "outline_color": _rgba(AREA_OUTLINE),
                    "outline_width": "0.2",
                    "outline_width_unit": "MM",
                }
            )
            categories.append(
                QgsRendererCategory(cls["key"], symbol, cls.get("label") or cls["key"])
            )
        other = QgsFillSymbol.createSimple(
            {
                "style": "no",
                "outline_color": _rgba(OTHER_OUTLINE),
                "outline_width": "0.25",
                "outline_width_unit": "MM",
                "outline_style": "dash",
            }
        )
        categories.append(
            QgsRendererCategory(None, other, "Muu kaavakohde (osa-alue, rakennusala …)")
        )
        renderer = QgsCategorizedSymbolRenderer("luokka", categories)
        # land-use areas first, then the sub-areas (building areas …) over them
        renderer.setOrderBy(
            QgsFeatureRequest.OrderBy(
                [QgsFeatureRequest.OrderByClause('"luokka" IS NULL', True, False)]
            )
        )
        renderer.setOrderByEnabled(True)
        layer.setRenderer(renderer)
        _label(layer, "kaavamerkinta")
        layer.setMapTipTemplate(
            '<b>[% "kaavamerkinta" %]</b> [% "luokan_nimi" %]<br>[% replace("maaraykset", \'\n\', \'<br>\') %]'
        )
        layer.triggerRepaint()

    return apply


def style_lines(layer: QgsVectorLayer) -> None:
    """Line objects as ``ryhti map`` draws them: a dashed brown line."""
    symbol = QgsLineSymbol.createSimple(
        {
            "line_color": _rgba(LINE_COLOUR),
            "line_width": "0.5",
            "line_width_unit": "MM",
            "use_custom_dash": "1",
            "customdash": "2;1.5",
            "customdash_unit": "MM",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.setMapTipTemplate("[% replace(\"maaraykset\", '\n', '<br>') %]")
    layer.triggerRepaint()


def style_points(layer: QgsVectorLayer) -> None:
    """Point objects as green dots with a black rim."""
    symbol = QgsMarkerSymbol.createSimple(
        {
            "name": "circle",
            "color": _rgba(POINT_COLOUR),
            "size": "2.4",
            "outline_color": "0,0,0,255",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.setMapTipTemplate("[% replace(\"maaraykset\", '\n', '<br>') %]")
    layer.triggerRepaint()


def style_boundary(layer: QgsVectorLayer) -> None:
    """The plan boundary (kaava-alueen raja): a thick black dash-dot line, no fill."""
    symbol = QgsFillSymbol.createSimple(
        {
            "style": "no",
            "outline_color": "0,0,0,255",
            "outline_width": "0.7",
            "outline_width_unit": "MM",
            "outline_style": "dash dot",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.setMapTipTemplate("[% replace(\"yleismaaraykset\", '\n', '<br>') %]")
    layer.triggerRepaint()


def _label(layer: QgsVectorLayer, field: str) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.placement = QgsPalLayerSettings.OverPoint
    text = QgsTextFormat()
    text.setSize(8)
    text.setColor(QColor("#111111"))
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


class Styler(QgsProcessingLayerPostProcessorInterface):
    """Applies a style to an output layer once QGIS has loaded it."""

    def __init__(self, apply: Callable[[QgsVectorLayer], None]) -> None:
        super().__init__()
        self.apply = apply

    def postProcessLayer(self, layer: Any, context: Any, feedback: Any) -> None:
        if isinstance(layer, QgsVectorLayer):
            self.apply(layer)


#: Post-processors waiting for QGIS (see the module docstring); the newest few are kept.
_PENDING: list[Styler] = []


def style_on_load(
    context: QgsProcessingContext, dest_id: str | None, apply: Callable[[QgsVectorLayer], None]
) -> None:
    """Style output ``dest_id`` when QGIS loads it (the toolbox, models, runAndLoadResults)."""
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return
    styler = Styler(apply)
    _PENDING.append(styler)
    del _PENDING[:-64]
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(styler)
