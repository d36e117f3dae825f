"""R026: partial cancellation that cancels everything (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class CancelAllObjects(Rule):
    """Cancelling every object of a plan, or covering it completely, must be written as cancelsEntirePlan = true.

    Remote only: needs the objects and area of the stored target plan.
    """

    id = "R026"
    name = "cancel-all-objects"
    official_ids = (
        "quality__req_plan_cancellation_info_must_have_at_least_one_plan_object_cancelled",
        "quality__req_cancels_entire_plan_when_underlying_plan_is_covered_completely",
    )
    references = ("R-H04",)
    kinds = ALL_KINDS
    remote = True
    title = "Partial cancellation that cancels everything"
    why = "Cancelling every object of a plan, or covering it completely, must be written as cancelsEntirePlan = true. Needs the objects and area of the stored target plan."
    fix = "Set cancelsEntirePlan to true."
