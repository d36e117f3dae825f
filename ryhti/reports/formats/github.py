"""GitHub workflow commands: pull-request annotations (:mod:`ryhti.reports.github`)."""

from ryhti.reports.formats import ReportFormat

FORMAT = ReportFormat(
    "github", "GitHub annotations", ".txt", "ryhti.reports.github:render", order=50
)
