"""B002: an ancient monument inside the plan area is protected on the object covering it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.codelists import bare_code
from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.context._gpkg import layers_of
from ryhti.validators.rules.context._uses import is_under

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: Regulation types that protect an ancient monument on the object carrying them.
PROTECTING = ("muinaismuistoAlue",)
#: Verbal regulation types that do (a protection regulation written out).
PROTECTING_VERBAL = ("suojelumaarays",)


def protects(pc: Any, row: int) -> bool:
    if any(is_under(v, PROTECTING) for v in pc.object_types[row]):
        return True
    for reg in pc.regs_of(pc.objects[row]):
        verbal = getattr(reg.reg, "verbal_regulations", None)
        if isinstance(verbal, list) and any(
            isinstance(v, str) and bare_code(v) in PROTECTING_VERBAL for v in verbal
        ):
            return True
    return False


class AncientMonumentUnprotected(PlanRule):
    """An ancient monument (muinaisjäännös) of the gathered background data that lies inside
    the plan area is covered by a plan object carrying a protection regulation (sm /
    muinaismuistoAlue, or a verbal protection regulation).

    Anti-pattern: a registered Iron Age cairn inside an AO block with no sm marking.

    Best practice: an sm area or point on the monument, with the Antiquities Act
    (muinaismuistolaki) reminder in its regulation.
    """

    id = "B002"
    name = "ancient-monument-unprotected"
    spatial = True
    title = "Ancient monument without protection in the plan"
    why = (
        "Fixed ancient monuments are protected by law; the plan must show them so that "
        "nobody builds on them by mistake (Museovirasto asks for the sm marking)."
    )
    fix = "Add an sm (muinaismuistoAlue) object or regulation on the monument."
    approximation = (
        "Runs only with --context holding sources of theme muinaisjaannos; the monument "
        "counts as covered by objects it intersects."
    )
    messages = texts(
        en="Ancient monument {site} ({identifier}) lies in the plan area with no protection regulation on it.",
        fi="Muinaisjäännös {site} ({identifier}) on kaava-alueella ilman suojelumääräystä.",
        sv="Fornlämningen {site} ({identifier}) ligger inom planområdet utan skyddsbestämmelse.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        layers = layers_of(ctx, pc, ("muinaisjaannos",))
        area = pc.area
        if not layers or area is None:
            return
        rows = pc.tree_rows
        for layer in layers:
            if not len(layer.geoms):
                continue
            inside = shapely.intersects(layer.geoms, area) & ~shapely.touches(layer.geoms, area)
            for i in np.flatnonzero(inside):
                site = layer.geoms[i]
                covering = [int(rows[j]) for j in pc.tree.query(site, predicate="intersects")]
                if any(protects(pc, row) for row in covering):
                    continue
                main = [r for r in covering if pc.polygonal[r]]
                rec = pc.objects[main[0]] if main else None
                yield self.finding(
                    ctx,
                    path=rec.geometry_path if rec else f"{pc.path}.geographicalArea",
                    object_key=rec.key if rec else None,
                    geometry=site,
                    site=layer.names[i] or layer.title,
                    identifier=layer.identifiers[i] or "-",
                )
