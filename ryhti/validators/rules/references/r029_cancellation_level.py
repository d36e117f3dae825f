"""R029: cancelled plan of an incompatible level (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class CancellationLevel(Rule):
    """An asemakaava cancels asemakaavas, a yleiskaava yleiskaavas (or asemakaavas, with a warning), a maakuntakaava maakuntakaavas.

    Remote only: needs the level of the stored target plan.
    """

    id = "R029"
    name = "cancellation-level"
    official_ids = (
        "quality__req_cancelled_plan_type_must_be_detailed",
        "quality__req_cancelled_plan_type_must_be_detailed_or_master",
        "quality__req_cancelled_plan_type_must_be_regional",
        "quality__rec_master_plan_cancelling_detailed_plan",
    )
    references = ("R-H09",)
    kinds = ALL_KINDS
    remote = True
    title = "Cancelled plan of an incompatible level"
    why = "An asemakaava cancels asemakaavas, a yleiskaava yleiskaavas (or asemakaavas, with a warning), a maakuntakaava maakuntakaavas. Needs the level of the stored target plan."
    fix = "Cancel only plans of a compatible level."
