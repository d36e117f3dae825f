"""R030: object cancellation of a boundary-only plan (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class DigitisedTarget(Rule):
    """A target plan digitised as a boundary only (digital origin 04) has no objects to cancel.

    Remote only: needs the digital origin of the stored target plan.
    """

    id = "R030"
    name = "digitised-target"
    official_ids = (
        "quality__req_plan_object_cancellation_infos_must_be_empty_when_underlying_plan_is_delimitation_digitized",
    )
    references = ("R-H10",)
    kinds = ALL_KINDS
    remote = True
    title = "Object cancellation of a boundary-only plan"
    why = "A target plan digitised as a boundary only (digital origin 04) has no objects to cancel. Needs the digital origin of the stored target plan."
    fix = "Cancel the whole plan or name no objects."
