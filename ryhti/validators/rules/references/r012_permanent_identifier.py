"""R012: the permanent plan identifier has the right form for the plan type."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import MATTER_KINDS, Localized, Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

FORM = re.compile(r"^(AK|YK|MK)-(\d{6})$")
PREFIX = {"asemakaava": "AK", "yleiskaava": "YK", "maakuntakaava": "MK"}


class PermanentIdentifier(Rule):
    """``permanentPlanIdentifier`` is ``AK-``/``YK-``/``MK-`` and six digits (not 000000),
    and the prefix matches the plan type's level.

    Anti-pattern: ``"AK-12"``, ``"AK-000000"``, or ``"YK-000012"`` with planType 31.

    Best practice: the identifier RYHTI reserved for the matter, e.g. ``"AK-000012"`` with
    planType 31.
    """

    id = "R012"
    name = "permanent-identifier"
    official_ids = (
        "quality__req_plantype_permanentplanidentifier_mismatch",
        "quality__req_permanent_plan_identifier_does_not_match_plantype_expected_for_endpoint",
    )
    references = ("R-B11",)
    kinds = MATTER_KINDS
    title = "Permanent plan identifier malformed or of the wrong level"
    why = "RYHTI reserves identifiers per plan level; a mismatch is refused."
    fix = "Use the identifier reserved for this matter (POST …/PermanentPlanIdentifier)."
    messages = texts(
        en="permanentPlanIdentifier {value!r} {problem}.",
        fi="Pysyvä kaavatunnus {value!r}: {problem}.",
        sv="permanentPlanIdentifier {value!r} {problem}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        matter = ctx.matter
        if matter is None:
            return
        value = matter.permanent_plan_identifier
        if not isinstance(value, str):
            return
        m = FORM.match(value)
        if not m or m.group(2) == "000000":
            yield self.finding(
                ctx,
                path="$.permanentPlanIdentifier",
                value=value,
                problem=Localized(
                    en="is not of the form AK-/YK-/MK- and six digits (not 000000)",
                    fi="tunnuksen tulee olla muotoa AK-/YK-/MK- ja kuusi numeroa (ei 000000)",
                    sv="har inte formen AK-/YK-/MK- och sex siffror (inte 000000)",
                ),
            )
            return
        expected = PREFIX.get(ctx.plan_level or "")
        if expected and m.group(1) != expected:
            yield self.finding(
                ctx,
                path="$.permanentPlanIdentifier",
                value=value,
                problem=Localized(
                    en=f"does not match the plan type ({ctx.plan_level}: {expected}-)",
                    fi=f"ei vastaa kaavalajia ({ctx.plan_level}: {expected}-)",
                    sv=f"motsvarar inte planens typ ({ctx.plan_level}: {expected}-)",
                ),
            )
