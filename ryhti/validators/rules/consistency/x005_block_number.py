"""X005: block numbers sit on area reservations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class BlockNumber(PlanRule):
    """``korttelinNumero`` is attached to an area-reservation object (one with ``paakayttotarkoitus``).

    Anti-pattern: the block number on a building area or on a separate point.

    Best practice: relate the block-number group to the block's reservation object(s).
    """

    id = "X005"
    name = "block-number"
    references = ("R-J01",)
    severity = Severity.WARNING
    plan_levels = ("asemakaava",)
    title = "Block number not on an area reservation"
    why = "The asemakaava profile draft attaches block numbers to the blocks' area reservations."
    fix = "Relate the block-number group to the block's area reservation."
    messages = texts(
        en="korttelinNumero is attached to an object that is not an area reservation.",
        fi="Korttelin numero on liitetty kaavakohteeseen, joka ei ole aluevaraus.",
        sv="korttelinNumero är kopplat till ett objekt som inte är en områdesreservering.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for row, types in enumerate(pc.object_types):
            if "korttelinNumero" in types and not pc.main_use[row]:
                rec = pc.objects[row]
                yield self.finding(ctx, path=rec.path, object_key=rec.key)
