"""X008: wind-turbine quantities sit on wind-power areas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

QUANTITIES = frozenset({"tuulivoimaloidenMaara", "tuulivoimalanEnimmaiskorkeus"})


class WindPower(PlanRule):
    """``tuulivoimaloidenMaara`` and ``tuulivoimalanEnimmaiskorkeus`` are on an object that
    also carries ``tuulivoimalaAlue`` (or are turbine sites inside one).

    Anti-pattern: the maximum turbine height on the forestry area around the wind farm.

    Best practice: on the tv object itself (as in Spatineo's accepted example).
    """

    id = "X008"
    name = "wind-power"
    references = ("R-J06",)
    severity = Severity.WARNING
    plan_levels = ("yleiskaava",)
    title = "Wind-turbine quantity outside a wind-power area"
    why = "The yleiskaava profile draft ties turbine numbers and heights to the wind-power area."
    fix = "Attach the quantity to the tuulivoimalaAlue object."
    messages = texts(
        en="{code} is on an object without tuulivoimalaAlue.",
        fi="{code} on kohteella, jolla ei ole tuulivoimala-aluetta.",
        sv="{code} finns på ett objekt utan tuulivoimalaAlue.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        areas = [
            pc.geoms[r]
            for r, t in enumerate(pc.object_types)
            if "tuulivoimalaAlue" in t and pc.usable[r]
        ]
        import shapely

        zone = shapely.union_all(areas) if areas else None
        for row, types in enumerate(pc.object_types):
            hits = types & QUANTITIES
            if not hits or "tuulivoimalaAlue" in types:
                continue
            if zone is not None and pc.usable[row] and shapely.covered_by(pc.geoms[row], zone):
                continue
            rec = pc.objects[row]
            yield self.finding(ctx, path=rec.path, object_key=rec.key, code=sorted(hits)[0])
