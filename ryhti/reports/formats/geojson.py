"""Findings as GeoJSON features for QGIS (:mod:`ryhti.reports.geojson`)."""

from ryhti.reports.formats import ReportFormat

FORMAT = ReportFormat(
    "geojson", "GeoJSON", ".geojson", "ryhti.reports.geojson:render", order=60, needs_documents=True
)
