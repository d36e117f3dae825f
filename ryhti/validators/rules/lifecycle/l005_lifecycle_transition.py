"""L005: lifecycle transitions between phases (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class LifecycleTransition(Rule):
    """A new phase follows the previous one by an allowed transition (13 → 04 is not).

    Remote only: needs the stored previous phase, and the transition matrix is not published.
    """

    id = "L005"
    name = "lifecycle-transition"
    official_ids = (
        "lifecycle__req_codelist_lifecycle_transitions_not_allowed",
        "lifecycle__req_change_not_allowed",
    )
    references = ("R-E05",)
    kinds = ALL_KINDS
    remote = True
    title = "Lifecycle transition not allowed"
    why = "The planning process moves forward in a fixed order; RYHTI refuses jumps back."
    fix = "Add the phases in their legal order."
