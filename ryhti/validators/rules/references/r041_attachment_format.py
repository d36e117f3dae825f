"""R041: attachment not a PDF of allowed size (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class AttachmentFormat(Rule):
    """Attachment documents are PDF files whose declared and detected types agree and whose size is allowed.

    Remote only: the files are not part of the payload.
    """

    id = "R041"
    name = "attachment-format"
    official_ids = (
        "quality__req_attachment_mimetype",
        "quality__req_content_type_mismatch",
        "quality__req_content_type_is_not_allowed",
        "quality__req_file_size_too_large_for_content_type",
    )
    references = ("R-I02",)
    kinds = ALL_KINDS
    remote = True
    title = "Attachment not a PDF of allowed size"
    why = "Attachment documents are PDF files whose declared and detected types agree and whose size is allowed. The files are not part of the payload."
    fix = "Deliver attachments as PDF."
