"""G023: block, sauna and outbuilding areas are areas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: regulation type → Syke rule id
AREA_ONLY = {
    "korttelialueTaiKorttelialueenOsa": "quality__req_geom_block_not_allowed",
    "rakennusalaJolleSaaSijoittaaSaunan": "quality__req_geom_block_sauna_not_allowed",
    "rakennusalaJolleSaaSijoittaaTalousrakennuksen": "quality__req_geom_footprint_utility_building_notallowed",
}


class AreaOnlyTypes(PlanRule):
    """``korttelialueTaiKorttelialueenOsa``, ``rakennusalaJolleSaaSijoittaaSaunan`` and
    ``rakennusalaJolleSaaSijoittaaTalousrakennuksen`` are attached only to area objects.

    Anti-pattern: a sauna building area drawn as a point.

    Best practice: draw the building area as a polygon.
    """

    id = "G023"
    name = "area-only-types"
    official_ids = tuple(AREA_ONLY.values())
    references = ("R-G08",)
    spatial = True
    title = "Area-only regulation on a point or line"
    why = "Syke allows these regulation types only on objects with area geometry."
    fix = "Draw the object as a polygon."
    messages = texts(
        en="Regulation type {code} may be attached only to an area object, not a {gtype}.",
        fi="Kaavamääräyslajin {code} voi liittää vain aluemaiseen kaavakohteeseen, ei geometriaan {gtype}.",
        sv="Planbestämmelsetypen {code} får bara kopplas till ett ytobjekt, inte en {gtype}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        geoms = pc.geoms
        for row, types in enumerate(pc.object_types):
            hits = types & AREA_ONLY.keys()
            if not hits or pc.polygonal[row] or geoms[row] is None:
                continue
            rec = pc.objects[row]
            for code in sorted(hits):
                yield self.finding(
                    ctx,
                    path=rec.geometry_path,
                    object_key=rec.key,
                    geometry=geoms[row],
                    official_id=AREA_ONLY[code],
                    code=code,
                    gtype=geoms[row].geom_type,
                )
