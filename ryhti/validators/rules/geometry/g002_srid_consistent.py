"""G002: every geometry of a plan uses the plan area's coordinate system."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class SridConsistent(PlanRule):
    """Plan objects and presentation alignments use the ``srid`` of ``geographicalArea``.

    Anti-pattern: a plan area in 3879 (GK25) with objects digitised in 3067.

    Best practice: one coordinate system for the whole plan.
    """

    id = "G002"
    name = "srid-consistent"
    official_ids = ("quality__reg_geom_plansrid_mismatch",)
    references = ("R-C02",)
    spatial = True
    title = "Geometry in another coordinate system than the plan area"
    why = (
        "Syke compares geometries with the plan area; mixed coordinate systems make every "
        "spatial check meaningless and are refused."
    )
    fix = "Transform the geometry to the plan area's srid."
    messages = texts(
        en="srid {value!r} differs from the plan area's {plan_srid!r}.",
        fi="Koordinaattijärjestelmä {value!r} poikkeaa kaavan rajauksen järjestelmästä {plan_srid!r}.",
        sv="srid {value!r} skiljer sig från planområdets {plan_srid!r}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        plan_srid = pc.srid
        if plan_srid is None:
            return
        prefix = "$." if pc.path == "$" else pc.path + "."
        area_path = f"{pc.path}.geographicalArea"
        for node in ctx.scan.geometries:
            path = node.path
            if not path.startswith(prefix) or path == area_path or "CancellationInfos" in path:
                continue
            srid = node.geom.srid
            if isinstance(srid, str) and srid != plan_srid:
                yield self.finding(
                    ctx,
                    path=f"{path}.srid",
                    object_key=node.owner_key,
                    value=srid,
                    plan_srid=plan_srid,
                )
