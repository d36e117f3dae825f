"""SARIF 2.1.0 for GitHub code scanning (:mod:`ryhti.reports.sarif`)."""

from ryhti.reports.formats import ReportFormat

FORMAT = ReportFormat("sarif", "SARIF 2.1.0", ".sarif", "ryhti.reports.sarif:render", order=30)
