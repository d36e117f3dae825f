"""R045: more than one file per upload (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class OneFilePerUpload(Rule):
    """Each upload request carries exactly one file as multipart/form-data.

    Remote only: concerns the upload request, not the plan.
    """

    id = "R045"
    name = "one-file-per-upload"
    official_ids = ("quality__req_only_one_file_per_request_is_allowed",)
    references = ("R-I06",)
    kinds = ALL_KINDS
    remote = True
    title = "More than one file per upload"
    why = "Each upload request carries exactly one file as multipart/form-data. Concerns the upload request, not the plan."
    fix = "Upload files one at a time (ryhti.api does)."
