"""One offline HTML page with a map of each plan (:mod:`ryhti.reports.html_report`)."""

from ryhti.reports.formats import ReportFormat

FORMAT = ReportFormat(
    "html", "HTML page", ".html", "ryhti.reports.html_report:render", order=70, needs_documents=True
)
