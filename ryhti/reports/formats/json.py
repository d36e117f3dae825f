"""The versioned JSON report other programs read (:mod:`ryhti.reports.json_report`)."""

from ryhti.reports.formats import ReportFormat

FORMAT = ReportFormat("json", "JSON report", ".json", "ryhti.reports.json_report:render", order=20)
