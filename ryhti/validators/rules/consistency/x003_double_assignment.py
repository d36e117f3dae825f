"""X003: overlapping objects do not give one quantity two values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.findings import Finding, Severity
from ryhti.model import Model
from ryhti.validators.helpers import numbers_of
from ryhti.validators.knowledge import quantity_codes
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.geometry._geom import width

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


def _quantities(pc: Any, quantities: frozenset[str]) -> list[dict[str, Any]]:
    """Per object row: quantity type → value tuple, for regulations without use targeting."""
    out: list[dict[str, Any]] = []
    for rec in pc.objects:
        found: dict[str, Any] = {}
        for r in pc.regs_of(rec):
            if r.type not in quantities or not isinstance(r.reg.value, Model):
                continue
            if any(i.type and i.type.startswith("kayttotarkoitus") for i in r.infos):
                continue
            nums = tuple(v for _, v in numbers_of(r.reg.value))
            if nums:
                found[r.type] = nums
        out.append(found)
    return out


class DoubleAssignment(PlanRule):
    """Where two plan objects overlap, they do not give the same quantity different values.

    Anti-pattern: a block with ``tehokkuusluku`` 0.8 and a sub-area over part of it with
    ``tehokkuusluku`` 1.0 — which applies where they overlap?

    Best practice: give each quantity once per place (on the block, or on non-overlapping
    sub-areas). Quantities targeted at a use (``kayttotarkoituskohdistus``) are not compared.
    """

    id = "X003"
    name = "double-assignment"
    severity = Severity.WARNING
    spatial = True
    title = "Conflicting values for one quantity on overlapping objects"
    why = "Two values for the same quantity on the same ground make the plan ambiguous."
    fix = "Keep one value per place: remove one regulation or reshape the objects."
    messages = texts(
        en="{code} is {value} here but {other_value} on the overlapping object {other}.",
        fi="{code} on tässä {value}, mutta päällekkäisellä kohteella {other} {other_value}.",
        sv="{code} är {value} här men {other_value} på det överlappande objektet {other}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        quantities = quantity_codes(ctx.registry)
        values = _quantities(pc, quantities)
        rows = np.array(
            [r for r, v in enumerate(values) if v and pc.usable[r] and pc.polygonal[r]],
            dtype=np.int64,
        )
        if len(rows) < 2:
            return
        geoms = pc.geoms[rows].astype(object)
        tree = shapely.STRtree(geoms)
        left, right = tree.query(geoms, predicate="intersects")
        keep = left < right
        tol = ctx.config.tolerance
        for a, b in zip(rows[left[keep]], rows[right[keep]], strict=True):
            common = set(values[a]) & set(values[b])
            conflicts = [c for c in sorted(common) if values[a][c] != values[b][c]]
            if not conflicts:
                continue
            inter = shapely.intersection(pc.geoms[a], pc.geoms[b])
            if shapely.area(inter) <= 0 or width([inter])[0] <= tol:
                continue
            ra, rb = pc.objects[a], pc.objects[b]
            for code in conflicts:
                yield self.finding(
                    ctx,
                    path=ra.path,
                    object_key=ra.key,
                    geometry=inter,
                    code=code,
                    value=_fmt(values[a][code]),
                    other_value=_fmt(values[b][code]),
                    other=rb.key or rb.path,
                )


def _fmt(nums: tuple[Any, ...]) -> str:
    return "–".join(f"{n:g}" if isinstance(n, float) else str(n) for n in nums)
