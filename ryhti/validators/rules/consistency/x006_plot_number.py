"""X006: plot numbers sit on plots."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

PLOTS = frozenset(
    {"sitovanTonttijaonMukainenTontti", "ohjeellinenRakennuspaikka", "rakennuspaikka"}
)


class PlotNumber(PlanRule):
    """``tontinTaiRakennuspaikanNumero`` is attached to an object that is a plot or building
    site (``sitovanTonttijaonMukainenTontti``, ``ohjeellinenRakennuspaikka``, ``rakennuspaikka``).

    Anti-pattern: the plot number on the whole block.

    Best practice: one plot object per plot, carrying its number.
    """

    id = "X006"
    name = "plot-number"
    references = ("R-J02",)
    severity = Severity.WARNING
    plan_levels = ("asemakaava",)
    title = "Plot number not on a plot"
    why = "The asemakaava profile draft attaches plot numbers to plot objects."
    fix = "Attach the number to the plot's own object."
    messages = texts(
        en="tontinTaiRakennuspaikanNumero is attached to an object that is not a plot or building site.",
        fi="Tontin tai rakennuspaikan numero on liitetty kohteeseen, joka ei ole tontti tai rakennuspaikka.",
        sv="tontinTaiRakennuspaikanNumero är kopplat till ett objekt som inte är en tomt eller byggplats.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for row, types in enumerate(pc.object_types):
            if "tontinTaiRakennuspaikanNumero" in types and not types & PLOTS:
                rec = pc.objects[row]
                yield self.finding(ctx, path=rec.path, object_key=rec.key)
