"""L006: a phase update keeps the stored status (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class PhaseLifecycleKept(Rule):
    """Updating a phase (PUT) keeps the lifecycle status it was stored with.

    Remote only: needs the stored phase.
    """

    id = "L006"
    name = "phase-lifecycle-kept"
    official_ids = ("quality__req_phase_lifecyclestatus_mismatch",)
    references = ("R-E06",)
    kinds = ALL_KINDS
    remote = True
    title = "Phase update changes the lifecycle status"
    why = "A new status is a new phase; an update may not change it."
    fix = "Add a new phase instead of changing the status of a stored one."
