"""R027: cancelled plan not valid, not overlapping or in another CRS (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class CancelledPlanValid(Rule):
    """The cancelled plan is in force (13), overlaps the new plan and uses the same srid.

    Remote only: needs the stored target plan.
    """

    id = "R027"
    name = "cancelled-plan-valid"
    official_ids = (
        "quality__req_must_be_valid_plan",
        "quality__req_plan_cancellation_info_must_overlap_the_plan_being_cancelled",
        "quality__req_plan_cancellation_info_srid_must_match",
    )
    references = ("R-H07",)
    kinds = ALL_KINDS
    remote = True
    title = "Cancelled plan not valid, not overlapping or in another CRS"
    why = "The cancelled plan is in force (13), overlaps the new plan and uses the same srid. Needs the stored target plan."
    fix = "Cancel only plans in force that the new plan overlaps."
