"""L020: the participation and assessment scheme (OAS)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.model import Model
from ryhti.validators.rule import Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

FROM_03 = frozenset({"03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13"})
FROM_04 = FROM_03 - {"03"}


class ParticipationScheme(Rule):
    """A plan matter has ``participationAndAssessmentScheme``: for an asemakaava Syke only
    warns (from 03), for a yleiskaava or maakuntakaava it is required from 04.

    Anti-pattern: a yleiskaava proposal without its OAS.

    Best practice: attach the OAS when the matter is initiated.
    """

    id = "L020"
    name = "participation-scheme"
    official_ids = ("lifecycle__req_paas_mandatory", "lifecycle__rec_paas_not_empty")
    references = ("R-E25",)
    kinds = ("matter", "matter-update")
    title = "Participation and assessment scheme missing"
    why = "The OAS is a statutory document of the planning process (MRL 63 §)."
    fix = "Add participationAndAssessmentScheme with its document."
    messages = texts(
        en="The participation and assessment scheme is missing in lifecycle status {status}.",
        fi="Osallistumis- ja arviointisuunnitelma puuttuu elinkaaritilassa {status}.",
        sv="Program för deltagande och bedömning saknas i livscykelstatus {status}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        matter = ctx.matter
        if matter is None:
            return
        if isinstance(matter.participation_and_assessment_scheme, Model):
            return
        statuses = [ctx.code_value(p.life_cycle_status, "kaavaelinkaari") for _, p in ctx.phases]
        level = ctx.plan_level
        if level == "asemakaava" or level is None:
            hit = next((s for s in statuses if s in FROM_03), None)
            if hit:
                yield self.finding(
                    ctx,
                    path="$.participationAndAssessmentScheme",
                    official_id=self.official_ids[1],
                    severity=Severity.WARNING,
                    status=hit,
                )
            return
        hit = next((s for s in statuses if s in FROM_04), None)
        if hit:
            yield self.finding(ctx, path="$.participationAndAssessmentScheme", status=hit)
