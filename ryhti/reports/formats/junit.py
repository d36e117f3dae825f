"""JUnit XML for GitLab, Jenkins and Azure test views (:mod:`ryhti.reports.junit`)."""

from ryhti.reports.formats import ReportFormat

FORMAT = ReportFormat("junit", "JUnit XML", ".xml", "ryhti.reports.junit:render", order=40)
