"""Plain text for people at a terminal or in a CI log (:mod:`ryhti.reports.text`)."""

from ryhti.reports.formats import ReportFormat

FORMAT = ReportFormat("text", "text", ".txt", "ryhti.reports.text:render", order=10)
