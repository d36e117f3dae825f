"""R014: phase key in the URL differs from the body (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class PhaseKeyInUrl(Rule):
    """The phase key of the request URL equals planMatterPhaseKey in the body.

    Remote only: the URL is not part of the payload; the API client (ryhti.api) builds it from the body.
    """

    id = "R014"
    name = "phase-key-in-url"
    official_ids = ("quality__req_phase_key_mismatch",)
    references = ("R-B13",)
    kinds = ALL_KINDS
    remote = True
    title = "Phase key in the URL differs from the body"
    why = "The phase key of the request URL equals planMatterPhaseKey in the body. The URL is not part of the payload; the API client (ryhti.api) builds it from the body."
    fix = "Send the phase to the URL built from its own key."
