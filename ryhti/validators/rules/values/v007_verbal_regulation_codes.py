"""V007: a verbal regulation says what kind of verbal regulation it is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class VerbalRegulationCodes(PlanRule):
    """A regulation of type ``sanallinenMaarays`` lists at least one code in ``verbalRegulations``.

    Anti-pattern: ``{"type": ".../sanallinenMaarays", "value": {…}}`` without ``verbalRegulations``.

    Best practice: ``"verbalRegulations": [".../RY_Sanallisen_Kaavamaarayksen_Laji/code/tontinKaytto"]``.
    """

    id = "V007"
    name = "verbal-regulation-codes"
    official_ids = ("quality__req_codelist_spatialplanregulation_verbal_regulation_codevalue",)
    references = ("R-F08",)
    title = "Verbal regulation without its kind"
    why = "Syke classifies every verbal regulation by RY_Sanallisen_Kaavamaarayksen_Laji."
    fix = "Add the code(s) that say what the verbal regulation is about."
    messages = texts(
        en="A verbal regulation (sanallinenMaarays) must list at least one code in verbalRegulations.",
        fi="Sanallisella määräyksellä tulee olla vähintään yksi sanallisen määräyksen laji (verbalRegulations).",
        sv="En verbal bestämmelse (sanallinenMaarays) ska ange minst en kod i verbalRegulations.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for r in pc.all_regs():
            if r.type != "sanallinenMaarays":
                continue
            codes = r.reg.verbal_regulations
            if not isinstance(codes, list) or not codes:
                yield self.finding(ctx, path=f"{r.path}.verbalRegulations", object_key=r.key)
