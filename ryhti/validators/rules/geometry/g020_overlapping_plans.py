"""G020: no two plans in force overlap (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class OverlappingPlans(Rule):
    """Two stored plans of the same type do not have overlapping validity periods and
    intersecting boundaries.

    Remote only: needs the plans stored in RYHTI.
    """

    id = "G020"
    name = "overlapping-plans"
    references = ("R-G11",)
    kinds = ALL_KINDS
    remote = True
    spatial = True
    title = "Overlapping plans in force"
    why = "Two plans in force on the same ground contradict each other; RYHTI keeps one in force per place."
    fix = "Cancel the overlapped parts of the older plan."
