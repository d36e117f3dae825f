"""X007: building rights sit on building areas or area reservations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

RIGHTS = frozenset({"sallittuKerrosala", "sallittuRakennustilavuus"})


class FloorAreaTarget(PlanRule):
    """``sallittuKerrosala`` and ``sallittuRakennustilavuus`` are attached to objects with
    ``rakennusala`` or to area reservations.

    Anti-pattern: floor area on a sub-area that is neither (e.g. a noise zone).

    Best practice: on the block (area reservation) or on its building areas.
    """

    id = "X007"
    name = "floor-area-target"
    references = ("R-J04",)
    severity = Severity.WARNING
    plan_levels = ("asemakaava",)
    title = "Building right on an object that is no building area or reservation"
    why = "The asemakaava profile draft allows building rights on building areas and reservations only."
    fix = "Move the building right to the block or its building areas."
    messages = texts(
        en="{code} is attached to an object that is neither a building area nor an area reservation.",
        fi="{code} on liitetty kohteeseen, joka ei ole rakennusala eikä aluevaraus.",
        sv="{code} är kopplat till ett objekt som varken är en byggnadsyta eller en områdesreservering.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for row, types in enumerate(pc.object_types):
            hits = types & RIGHTS
            if hits and "rakennusala" not in types and not pc.main_use[row]:
                rec = pc.objects[row]
                yield self.finding(ctx, path=rec.path, object_key=rec.key, code=sorted(hits)[0])
