"""R040: file key not uploaded or not released (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class FileUploaded(Rule):
    """Every fileKey refers to a file uploaded to /api/File and released by the malware scan.

    Remote only: uploads live in RYHTI.
    """

    id = "R040"
    name = "file-uploaded"
    official_ids = (
        "quality__req_filekey_not_found",
        "quality__req_file_not_declared_as_clean",
        "quality__req_file_declared_as_malware",
    )
    references = ("R-I01",)
    kinds = ALL_KINDS
    remote = True
    title = "File key not uploaded or not released"
    why = "Every fileKey refers to a file uploaded to /api/File and released by the malware scan. Uploads live in RYHTI."
    fix = "Upload the file and wait for the scan before sending the plan."
