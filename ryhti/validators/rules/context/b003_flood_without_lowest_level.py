"""B003: housing in a flood hazard area has a lowest-building-level regulation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.codelists import bare_code
from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.context._gpkg import layers_of
from ryhti.validators.rules.context._uses import HOUSING, is_under

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: Regulation types that set how low one may build.
LOWEST = (
    "rakennustenRakenteidenJaLaitteidenAlinKorkeusasema",
    "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus",
)


def _verbal_flood(regs: Any) -> bool:
    for reg in regs:
        verbal = getattr(reg.reg, "verbal_regulations", None)
        if isinstance(verbal, list) and any(
            isinstance(v, str) and bare_code(v) == "tulva" for v in verbal
        ):
            return True
    return False


class FloodWithoutLowestLevel(PlanRule):
    """An area for housing that overlaps a flood hazard area of the gathered background
    data carries a regulation on the lowest building level (alin rakentamiskorkeus), on
    itself or as a general regulation, or a verbal flood regulation.

    Anti-pattern: an AO block on the 1/100-year flood zone with no lowest level.

    Best practice: "Alin rakentamiskorkeus N2000 +3,2 m" for the block (or the plan).
    """

    id = "B003"
    name = "flood-without-lowest-level"
    spatial = True
    title = "Housing in a flood hazard area without a lowest building level"
    why = (
        "Building in a flood hazard area is allowed only above the flood level; the plan "
        "says how low one may build (MRL 116 §: buildable land)."
    )
    fix = "Add an alin rakentamiskorkeus regulation (or a verbal flood regulation)."
    approximation = (
        "Runs only with --context holding sources of theme tulva; overlaps up to "
        "sliver-area (1 m²) are ignored."
    )
    messages = texts(
        en="The housing area lies {size} m² in flood hazard area {area_name} without a lowest-building-level regulation.",
        fi="Asumisen alueesta {size} m² on tulvavaara-alueella {area_name} ilman alimman rakentamiskorkeuden määräystä.",
        sv="Bostadsområdet ligger {size} m² inom översvämningsområdet {area_name} utan bestämmelse om lägsta byggnadshöjd.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        layers = layers_of(ctx, pc, ("tulva",))
        if not layers:
            return
        general = [reg for g in pc.general_groups for reg in g.regs]
        if any(is_under(v, LOWEST) for g in pc.general_groups for v in g.type_set):
            return
        if _verbal_flood(general):
            return
        rows = [
            int(row)
            for row in np.flatnonzero(pc.usable & pc.polygonal)
            if any(is_under(v, HOUSING) for v in pc.object_types[row])
        ]
        for row in rows:
            if any(is_under(v, LOWEST) for v in pc.object_types[row]):
                continue
            rec = pc.objects[row]
            if _verbal_flood(pc.regs_of(rec)):
                continue
            geom = pc.geoms[row]
            for layer in layers:
                if not len(layer.geoms):
                    continue
                hits = shapely.STRtree(layer.geoms).query(geom, predicate="intersects")
                if not len(hits):
                    continue
                part = shapely.intersection(geom, shapely.union_all(layer.geoms[hits]))
                size = float(shapely.area(part))
                if size <= ctx.config.sliver_area:
                    continue
                names = sorted({layer.names[h] for h in hits if layer.names[h]})
                yield self.finding(
                    ctx,
                    path=rec.geometry_path,
                    object_key=rec.key,
                    geometry=part,
                    size=round(size, 1),
                    area_name=", ".join(names) or layer.title,
                )
                break
