"""C006: the decision's name fits the phase's lifecycle status."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Rule, texts
from ryhti.validators.rules.codes._lifecycle import label, labels, phase_facts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

#: Syke's rule id per lifecycle status (AK/YK; MK has its own in 04/05).
OFFICIAL = {
    "02": "lifecycle__req_codelist_plandecision_name_codevalue_pending",
    "03": "lifecycle__req_codelist_plandecision_name_codevalue_preparation",
    "04": "lifecycle__req_codelist_plandecision_name_codevalue_lifecycle",
    "05": "lifecycle__req_codelist_plandecision_name_codevalue_changed_proposal_reversed",
    "06": "lifecycle__req_codelist_plandecision_name_alternative_codevalues_approved_spatialplan",
    "08": "lifecycle__req_planmatterdecision_name_subject_appeal_lifecycle",
}
OFFICIAL_MK = {
    "04": "lifecycle__req_codelist_regionalplan_spatialplandecisionname_lifecycle",
    "05": "lifecycle__req_codelist_regionalplan_decisionname_lifecycle_05",
}


class DecisionName(Rule):
    """Each lifecycle status has its decisions: 02 → 01/02/03, 03 → 04/05/06, 04 → 08,
    05 → 09, 06 → 11A/11B/12, 08 → 12/13/15 (maakuntakaava: 04 → 07/08, 05 → 07/09).

    Anti-pattern: a phase in 04 Kaavaehdotus whose decision is 11A Kaavan hyväksyminen.

    Best practice: approval goes in its own phase, 06 Hyväksytty kaava.
    """

    id = "C006"
    name = "decision-name"
    official_ids = (*OFFICIAL.values(), *OFFICIAL_MK.values())
    references = ("R-E13", "R-E14")
    kinds = PHASE_KINDS
    title = "Decision name does not fit the lifecycle status"
    why = (
        "Syke checks the phase's decision against the lifecycle status, following its table of "
        "relations between code lists (Koodistojen väliset suhteet)."
    )
    fix = "Use a decision name allowed in the phase's lifecycle status, or fix the status."
    messages = texts(
        en="In lifecycle status {status} the decision must be {allowed}, not {value}.",
        fi="Elinkaaritilassa {status} päätöksen nimen tulee olla {allowed}, ei {value}.",
        sv="I livscykelstatus {status} ska beslutet vara {allowed}, inte {value}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        relations = ctx.registry.lifecycle_relations
        for path, phase in ctx.phases:
            facts = phase_facts(ctx, path, phase)
            status, name = facts["status"], facts["decision_name"]
            if status is None or name is None:
                continue
            allowed = relations.allowed("decisions", status, ctx.plan_level)
            if not allowed or name in {c.value for c in allowed}:
                continue  # nothing known, or allowed; "no decision allowed" is L012
            mk = ctx.plan_level == "maakuntakaava"
            official = (OFFICIAL_MK if mk else {}).get(status) or OFFICIAL.get(status)
            yield self.finding(
                ctx,
                path=f"{path}.planDecision.name",
                object_key=facts["decision"].plan_decision_key,
                official_id=official or self.official_ids[0],
                status=label(ctx, "kaavaelinkaari", status),
                allowed=labels(ctx, "kaavpaatnimi", allowed),
                value=label(ctx, "kaavpaatnimi", name),
            )
