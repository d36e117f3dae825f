"""L013: maakuntakaava phases are never 07 or 09."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PHASE_KINDS, Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class RegionalNoRectification(Rule):
    """A maakuntakaava (plan types 11, 12) has no rectification-request phases (07, 09).

    Anti-pattern: a maakuntakaava phase in 07 Oikaisukehotuksen alainen.

    Best practice: regional plans go from approval (06) to appeal (08) or validity.
    """

    id = "L013"
    name = "regional-no-rectification"
    official_ids = ("lifecycle__req_plantype_11_12_not_allowed_07_09_lifecycles",)
    references = ("R-E18",)
    kinds = PHASE_KINDS
    plan_levels = ("maakuntakaava",)
    title = "Rectification phase in a maakuntakaava"
    why = "Rectification requests do not apply to regional plans."
    fix = "Use the phase that applies to regional plans."
    messages = texts(
        en="A maakuntakaava cannot be in lifecycle status {status}.",
        fi="Maakuntakaava ei voi olla elinkaaritilassa {status}.",
        sv="En landskapsplan kan inte ha livscykelstatus {status}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for path, phase in ctx.phases:
            status = ctx.code_value(phase.life_cycle_status, "kaavaelinkaari")
            if status in ("07", "09"):
                yield self.finding(ctx, path=f"{path}.lifeCycleStatus", status=status)
