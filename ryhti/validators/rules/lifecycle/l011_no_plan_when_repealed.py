"""L011: no plan in a repealed phase or a partial repeal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Localized, Rule, texts
from ryhti.validators.rules.lifecycle._phases import has_cancellations, phases

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class NoPlanWhenRepealed(Rule):
    """A phase in 14 Kumoutunut carries no plan, nor does a valid phase (13) whose decision
    repeals the plan partly (has cancellation information).

    Anti-pattern: the repealed plan attached again to the repeal decision.

    Best practice: the repeal decision carries only its cancellation information.
    """

    id = "L011"
    name = "no-plan-when-repealed"
    official_ids = (
        "lifecycle__req_plan_cannot_be_present_if_repealed_lifecycle",
        "quality__req_plan_object_cannot_be_present_plandecision_has_plancancellations_valid_lifecycle",
    )
    references = ("R-E11",)
    kinds = PHASE_KINDS
    title = "Plan attached to a repeal"
    why = "A repeal removes (part of) the plan; Syke refuses a plan carried with it."
    fix = "Remove the plan from the decision."
    messages = texts(
        en="No plan is allowed{when}.",
        fi="Kaavaa ei sallita{when}.",
        sv="Ingen plan är tillåten{when}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ph in phases(ctx):
            if not ph["plans"]:
                continue
            path = f"{ph['path']}.planDecision.plans"
            if ph["status"] == "14":
                yield self.finding(
                    ctx,
                    path=path,
                    when=Localized(
                        en=" in lifecycle status 14",
                        fi=" elinkaaritilassa 14",
                        sv=" i livscykelstatus 14",
                    ),
                )
            elif ph["status"] == "13" and has_cancellations(ph["decision"]):
                yield self.finding(
                    ctx,
                    path=path,
                    official_id=self.official_ids[1],
                    when=Localized(
                        en=" when the decision of a valid phase repeals the plan partly",
                        fi=", kun voimassa olevan vaiheen päätös kumoaa kaavaa osittain",
                        sv=" när beslutet i en gällande fas upphäver planen delvis",
                    ),
                )
