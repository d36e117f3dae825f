"""V008: verbalRegulations only on verbal regulations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class VerbalCodesOnlyForVerbal(PlanRule):
    """``verbalRegulations`` is empty unless the regulation type is ``sanallinenMaarays``.

    Anti-pattern: an ``asuinkerrostaloalue`` regulation with ``verbalRegulations``.

    Best practice: add a separate ``sanallinenMaarays`` regulation to the group.

    Syke's error catalogue lists this as an error, but its public validation accepted
    ``verbalRegulations`` on ``maaraAikainenKieltoRakennuksenRakentamiseksi`` in a
    CI-validated Spatineo example, so the project reports it as a warning.
    """

    id = "V008"
    name = "verbal-codes-only-for-verbal"
    official_ids = ("quality__req_codelist_spatialplanregulation_verbal_regulation_not_allowed",)
    references = ("R-F09",)
    severity = Severity.WARNING
    title = "Verbal regulation codes on a non-verbal regulation"
    why = "Syke allows verbal-regulation kinds only on verbal regulations."
    fix = "Move the text and its kinds into a sanallinenMaarays regulation."
    messages = texts(
        en="verbalRegulations is allowed only on sanallinenMaarays, not on {code}.",
        fi="verbalRegulations on sallittu vain sanalliselle määräykselle, ei lajille {code}.",
        sv="verbalRegulations är tillåtet bara för sanallinenMaarays, inte för {code}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for r in pc.all_regs():
            codes = r.reg.verbal_regulations
            if r.type and r.type != "sanallinenMaarays" and isinstance(codes, list) and codes:
                yield self.finding(
                    ctx, path=f"{r.path}.verbalRegulations", object_key=r.key, code=r.type
                )
