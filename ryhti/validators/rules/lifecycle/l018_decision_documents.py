"""L018: approval and validity decisions carry their documents."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Rule, texts
from ryhti.validators.rules.lifecycle._phases import phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class DecisionDocuments(Rule):
    """The decision of a phase in 06, 12 or 13 has at least one ``decisionDocuments`` entry.

    Anti-pattern: the approval decision without the minutes.

    Best practice: attach the decision document (PDF) as uploaded to RYHTI.
    """

    id = "L018"
    name = "decision-documents"
    official_ids = ("lifecycle__req_decision_document_mandatory",)
    references = ("R-E23",)
    kinds = PHASE_KINDS
    title = "Decision without its documents"
    why = "The decision document is the legal source; Syke requires it from approval on."
    fix = "Attach the decision document."
    messages = texts(
        en="The decision in lifecycle status {status} needs a decision document.",
        fi="Elinkaaritilan {status} päätökselle tarvitaan päätösasiakirja.",
        sv="Beslutet i livscykelstatus {status} behöver ett beslutsdokument.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            decision = ph["decision"]
            if decision is None or ph["status"] not in ("06", "12", "13"):
                continue
            docs = decision.decision_documents
            if not (isinstance(docs, list) and docs):
                yield self.finding(
                    ctx, path=f"{ph['path']}.planDecision.decisionDocuments", status=ph["status"]
                )
