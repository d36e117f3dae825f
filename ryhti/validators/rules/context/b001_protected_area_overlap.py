"""B001: no building area or housing/industrial use on a Natura 2000 or nature conservation area."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.validators.rule import Localized, PlanRule, texts
from ryhti.validators.rules.context._gpkg import layers_of
from ryhti.validators.rules.context._uses import HOUSING, INDUSTRY, is_under

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

BUILDING = ("rakennusala",)


def built_rows(pc: Any) -> list[tuple[int, str]]:
    """Usable area objects that are built on: (row, the regulation type that says so)."""
    out = []
    for row in np.flatnonzero(pc.usable & pc.polygonal):
        for value in sorted(pc.object_types[row]):
            if is_under(value, HOUSING + INDUSTRY + BUILDING):
                out.append((int(row), value))
                break
    return out


#: Theme → its name in English, Finnish and Swedish.
THEMES = {
    "natura": ("Natura 2000", "Natura 2000 -alue", "Natura 2000-område"),
    "suojelualue": ("nature conservation area", "luonnonsuojelualue", "naturskyddsområde"),
}


class ProtectedAreaOverlap(PlanRule):
    """A building area, or an area for housing or industry, does not overlap a Natura 2000
    area or a nature conservation area of the gathered background data.

    Anti-pattern: an AP block drawn over part of a Natura 2000 site.

    Best practice: keep building out of the protected area, or show the Natura
    assessment (LSL 65–66 §) and protect the area in the plan (SL, nat).
    """

    id = "B001"
    name = "protected-area-overlap"
    spatial = True
    title = "Building on a Natura 2000 or nature conservation area"
    why = (
        "A plan may not weaken the protected values of a Natura 2000 site without an "
        "assessment, and a nature conservation area is protected by its own decision."
    )
    fix = "Move the building area or use, or designate the area for protection (SL, nat)."
    approximation = (
        "Runs only with --context (a GeoPackage from `ryhti lahtotiedot`) holding sources "
        "of theme natura or suojelualue; overlaps up to sliver-area (1 m²) are ignored."
    )
    messages = texts(
        en="The {use} object overlaps {area_name} ({theme}) by {size} m².",
        fi="Kaavakohde ({use}) on {size} m² päällekkäin alueen {area_name} ({theme}) kanssa.",
        sv="Planobjektet ({use}) överlappar {area_name} ({theme}) med {size} m².",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        layers = layers_of(ctx, pc, tuple(THEMES))
        if not layers:
            return
        rows = built_rows(pc)
        for layer in layers:
            if not len(layer.geoms) or not rows:
                continue
            tree = shapely.STRtree(layer.geoms)
            for row, use in rows:
                geom = pc.geoms[row]
                for hit in tree.query(geom, predicate="intersects"):
                    part = shapely.intersection(geom, layer.geoms[hit])
                    size = float(shapely.area(part))
                    if size <= ctx.config.sliver_area:
                        continue
                    rec = pc.objects[row]
                    en, fi, sv = THEMES[layer.theme]
                    yield self.finding(
                        ctx,
                        path=rec.geometry_path,
                        object_key=rec.key,
                        geometry=part,
                        use=use,
                        area_name=layer.names[hit] or layer.title,
                        theme=Localized(en=en, fi=fi, sv=sv),
                        size=round(size, 1),
                        identifier=layer.identifiers[hit] or None,
                    )
