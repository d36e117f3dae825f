"""L027: binding plot division identifiers with decision 11B (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class BindingPlotDivision(Rule):
    """A permanent binding plot-division identifier is given only with decision 11B (plan and
    binding plot division approved together), and then it must exist in RYHTI.

    Remote only: the identifier must be looked up in RYHTI.
    """

    id = "L027"
    name = "binding-plot-division"
    official_ids = (
        "quality__req_permanent_bindingplotdivisionidentifier_not_allowed",
        "quality__req_permanent_bindingplotdivisionidentifier_value_not_found",
    )
    references = ("R-E32",)
    kinds = ALL_KINDS
    remote = True
    title = "Binding plot division identifier without decision 11B, or unknown"
    why = "A binding plot division is approved with the plan only by decision 11B."
    fix = "Give the identifier only with decision 11B, as RYHTI reserved it."
