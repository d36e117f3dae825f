"""R013: permanent identifier not reserved (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class IdentifierReserved(Rule):
    """The permanent plan identifier was reserved (POST …/PermanentPlanIdentifier) before the matter is created.

    Remote only: reservations live in RYHTI.
    """

    id = "R013"
    name = "identifier-reserved"
    official_ids = ("quality__req_permanent_planidentifier_not_found",)
    references = ("R-B12",)
    kinds = ALL_KINDS
    remote = True
    title = "Permanent identifier not reserved"
    why = "The permanent plan identifier was reserved (POST …/PermanentPlanIdentifier) before the matter is created. Reservations live in RYHTI."
    fix = "Reserve the identifier first and use the one returned."
