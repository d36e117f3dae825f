"""Attachment documents and plan maps of a plan matter, and the files to upload.

Each document or map names a local file; it gets a placeholder file key (uuid5 of its
content) that ``ryhti submit`` replaces with the server's key after uploading, so the
matter can be built and checked offline.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from ryhti.matter.codes import CodeChoiceError, choose
from ryhti.matter.keys import MATTER_NAMESPACE
from ryhti.matter.keys import key as _key
from ryhti.matter.keys import lang as _lang
from ryhti.matter.toml_input import MatterToml, dotted

__all__ = ["ATTACH_TO", "PLAN_MAP_CRS", "Attachments"]

PLAN_MAP_CRS = "http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067"

#: Where a document may be attached, and what it becomes.
ATTACH_TO = {
    "matter": "matterAnnexes (kaava-asian liite)",
    "oas": "participationAndAssessmentScheme (osallistumis- ja arviointisuunnitelma)",
    "decision": "planDecision.decisionDocuments (päätösasiakirja)",
    "handling": "handlingEvent.relatedDocuments (käsittelytapahtuman asiakirja)",
    "report": "plan.planReport (kaavaselostus)",
    "annex": "plan.planAnnexes (kaavan liite)",
}


class Attachments(MatterToml):
    """The ``[[documents]]`` and ``[[plan_maps]]`` tables (``files``: what to upload)."""

    files: list[dict[str, Any]]
    base: Path

    # -- files ---------------------------------------------------------------------------------
    def _file(self, path: tuple[str | int, ...], kind: str) -> str:
        """The file key for the file named at ``path``: given, or a placeholder to upload."""
        given = self.text((*path, "file_key"))
        name = self.text((*path, "file"))
        if given:
            try:
                return str(uuid.UUID(given))
            except ValueError:
                raise self.error((*path, "file_key"), f"must be a UUID, not {given!r}") from None
        if not name:
            raise self.error(
                (*path, "file"), "is required (or file_key of a file already uploaded)"
            )
        file = (self.base / name).resolve()
        if not file.is_file():
            raise self.error((*path, "file"), f"no such file: {file}")
        suffix = file.suffix.lower()
        if kind == "pdf" and suffix != ".pdf":
            raise self.error((*path, "file"), "attachment documents must be PDF files")
        if kind == "geotiff" and suffix not in (".tif", ".tiff"):
            raise self.error((*path, "file"), "plan maps must be GeoTIFF files (.tif)")
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        placeholder = str(uuid.uuid5(MATTER_NAMESPACE, f"file/{digest}"))
        if not any(f["fileKey"] == placeholder for f in self.files):
            self.files.append(
                {
                    "fileKey": placeholder,
                    "file": str(file),
                    "sha256": digest,
                    "contentType": "application/pdf" if kind == "pdf" else "image/tiff",
                    "key": dotted(path),
                }
            )
        return placeholder

    def _documents(
        self, seed: str, matter: dict[str, Any], phase: dict[str, Any], plan: dict[str, Any] | None
    ) -> None:
        docs = self.get(("documents",))
        if docs is None:
            return
        if not isinstance(docs, list):
            raise self.error(("documents",), "write documents as [[documents]] tables")
        for i, _ in enumerate(docs):
            path: tuple[str | int, ...] = ("documents", i)
            target = self.text((*path, "attach_to")) or "matter"
            if target not in ATTACH_TO:
                raise self.error(
                    (*path, "attach_to"),
                    f"unknown target {target!r}; one of: "
                    + ", ".join(f"{k} = {v}" for k, v in ATTACH_TO.items()),
                )
            document = self._document(seed, path)
            if target == "matter":
                matter.setdefault("matterAnnexes", []).append(document)
            elif target == "oas":
                scheme = matter.setdefault(
                    "participationAndAssessmentScheme",
                    {
                        "participationAndAssessmentSchemeKey": _key(seed, "oas"),
                        "attachmentDocuments": [],
                    },
                )
                scheme["attachmentDocuments"].append(document)
            elif target == "decision":
                if "planDecision" not in phase:
                    raise self.error((*path, "attach_to"), "the phase has no [phase.decision]")
                phase["planDecision"].setdefault("decisionDocuments", []).append(document)
            elif target == "handling":
                if "handlingEvent" not in phase:
                    raise self.error((*path, "attach_to"), "the phase has no [phase.handling]")
                phase["handlingEvent"].setdefault("relatedDocuments", []).append(document)
            else:
                if plan is None:
                    raise self.error(
                        (*path, "attach_to"),
                        f"{target!r} documents belong to the plan, which is not in the decision",
                    )
                if target == "report":
                    report = plan.setdefault(
                        "planReport",
                        {
                            "planReportKey": _key(str(plan.get("planKey")), "report"),
                            "attachmentDocuments": [],
                        },
                    )
                    report.setdefault("attachmentDocuments", []).append(document)
                else:
                    plan.setdefault("planAnnexes", []).append(document)

    def _document(self, seed: str, path: tuple[str | int, ...]) -> dict[str, Any]:
        file_key = self._file(path, "pdf")
        file_name = self.text((*path, "file"))
        name = self.text((*path, "name"), required=True)
        assert name is not None
        kind = self.code((*path, "type"), "RY_AsiakirjanLaji_YKAK", required=True)
        assert kind is not None
        identifier = self.text((*path, "identifier")) or (
            Path(file_name).name if file_name else name
        )
        date = self.date((*path, "date"), required=True)
        publicity = self._code_or_default((*path, "publicity"), "julkisuus", "Julkinen asiakirja")
        personal = self._code_or_default(
            (*path, "personal_data"), "henkilotietosisalto", "Ei sisällä henkilötietoja"
        )
        retention = self._code_or_default(
            (*path, "retention"), "sailytysaika", "Säilytetään pysyvästi"
        )
        languages = self.get((*path, "languages")) or ["suomi"]
        if not isinstance(languages, list) or not languages:
            raise self.error((*path, "languages"), 'must be a list such as ["suomi", "ruotsi"]')
        language_uris = []
        for j, lang in enumerate(languages):
            try:
                language_uris.append(choose("ryhtikielet", lang).uri)
            except CodeChoiceError as exc:
                raise self.error((*path, "languages"), f"item {j + 1}: {exc}") from None
        accessible = self.get((*path, "accessibility"))
        if accessible is not None and not isinstance(accessible, bool):
            raise self.error((*path, "accessibility"), "must be true or false")
        document: dict[str, Any] = {
            "attachmentDocumentKey": _key(seed, f"document/{identifier}/{file_key}"),
            "documentIdentifier": identifier,
            "name": _lang(name),
            "personalDataContent": personal.uri,
            "categoryOfPublicity": publicity.uri,
            "accessibility": True if accessible is None else accessible,
            "retentionTime": retention.uri,
            "languages": language_uris,
            "fileKey": file_key,
            "documentDate": date,
            "typeOfAttachment": kind.uri,
        }
        for key, json_name in (
            ("arrived_date", "arrivedDate"),
            ("confirmation_date", "confirmationDate"),
        ):
            value = self.date((*path, key))
            if value:
                document[json_name] = value
        return document

    def _plan_maps(self, seed: str, plan: dict[str, Any] | None) -> None:
        maps = self.get(("plan_maps",))
        if maps is None:
            return
        if not isinstance(maps, list):
            raise self.error(("plan_maps",), "write plan maps as [[plan_maps]] tables")
        if plan is None:
            raise self.error(
                ("plan_maps",), "plan maps belong to the plan, which is not in the decision"
            )
        for i, _ in enumerate(maps):
            path: tuple[str | int, ...] = ("plan_maps", i)
            file_key = self._file(path, "geotiff")
            name = self.text((*path, "name")) or "Kaavakartta"
            plan.setdefault("planMaps", []).append(
                {
                    "planMapKey": _key(str(plan.get("planKey")), f"map/{file_key}"),
                    "name": _lang(name),
                    "fileKey": file_key,
                    "coordinateSystem": PLAN_MAP_CRS,
                }
            )
