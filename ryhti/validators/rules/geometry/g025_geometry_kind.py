"""G025: the geometry kind fits the regulation type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.validators.knowledge import NAMING, quantity_codes
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

AREA = ("Polygon", "MultiPolygon")
LINE = ("LineString", "MultiLineString")
POINT = ("Point", "MultiPoint")

#: Regulation types with a geometry kind other than area (Syke's validation-rule PDF,
#: rule checklist R-G10 and R-J08).
SPECIAL: dict[str, tuple[str, ...]] = {
    "julkisivunEnimmaiskorkeus": LINE,
    "aaneneristavyys": LINE,
    "tuulivoimalanEnimmaiskorkeus": AREA + POINT,
}
BY_LEVEL = {
    ("yhdyskuntarakenteenLaajenemissuunta", "yleiskaava"): POINT,
    ("yhdyskuntarakenteenLaajenemissuunta", "maakuntakaava"): POINT + LINE,
}


class GeometryKind(PlanRule):
    """Quantity and naming regulations sit on the geometry kind Syke's validation rules
    give them: facade height and sound insulation on lines (the sides of a building
    area), wind-turbine height on areas or points, the other quantities and names on
    areas; the growth direction of the community structure on points (yleiskaava).

    Anti-pattern: ``aaneneristavyys`` on the building-area polygon.

    Best practice: a line object along the building-area side it concerns, related to
    the building area (as in Spatineo's accepted example).
    """

    id = "G025"
    name = "geometry-kind"
    references = ("R-G10", "R-J08")
    severity = Severity.WARNING
    spatial = True
    title = "Geometry kind unusual for the regulation type"
    why = (
        "Syke's validation-rule PDF ties each quantity to a geometry kind but says not all of "
        "these are enforced yet; a wrong kind usually means the regulation sits on the wrong object."
    )
    fix = "Attach the regulation to an object of the expected geometry kind."
    messages = texts(
        en="{code} is expected on {expected}, not on a {gtype}.",
        fi="{code} kuuluu geometriaan {expected}, ei geometriaan {gtype}.",
        sv="{code} förväntas på {expected}, inte på en {gtype}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        quantities = quantity_codes(ctx.registry) | NAMING
        level = ctx.plan_level
        geoms = pc.geoms
        for row, types in enumerate(pc.object_types):
            geom = geoms[row]
            if geom is None:
                continue
            gtype = geom.geom_type
            rec = pc.objects[row]
            for code in sorted(types):
                expected = SPECIAL.get(code) or BY_LEVEL.get((code, level or ""))
                if expected is None and code in quantities:
                    expected = AREA
                if expected is None or gtype in expected:
                    continue
                yield self.finding(
                    ctx,
                    path=rec.geometry_path,
                    object_key=rec.key,
                    code=code,
                    expected=" / ".join(expected),
                    gtype=gtype,
                )
