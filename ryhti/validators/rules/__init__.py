"""The rules, one per module, grouped by family.

=========  ===========================================================
package    family
=========  ===========================================================
structure  S — message structure and types (driven by the model's fields)
codes      C — code lists, plan-level restrictions, lifecycle relations
values     V — regulation and additional-information values
references R — keys, internal references, URIs, cancellations
geometry   G — CRS, validity, containment, coverage, geometry types
lifecycle  L — lifecycle status, phases, decisions and dates
consistency X — agreement between letters, titles, values and objects
=========  ===========================================================

A module defines one rule class; :func:`ryhti.validators.catalogue.rule_classes`
finds them all, so adding a rule is adding a file (and its fixture under
``tests/validators/fixtures/<ID>.yml``).
"""
