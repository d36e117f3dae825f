"""R028: overlapped plans not cancelled (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class OverlapsNeedCancellation(Rule):
    """A plan that overlaps stored plans in force says what of them it cancels.

    Remote only: needs the stored plans under the new plan.
    """

    id = "R028"
    name = "overlaps-need-cancellation"
    official_ids = ("quality__req_plan_overlaps_underlying_plans_must_provide_cancellation_infos",)
    references = ("R-H08",)
    kinds = ALL_KINDS
    remote = True
    title = "Overlapped plans not cancelled"
    why = "A plan that overlaps stored plans in force says what of them it cancels. Needs the stored plans under the new plan."
    fix = "Add cancellation information for every plan underneath."
