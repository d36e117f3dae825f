"""G019: the plan lies in its municipality (the shipped boundaries, or a file given)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.codelists import bare_code
from ryhti.findings import Finding
from ryhti.model import RyhtiGeometry
from ryhti.validators.boundaries import Boundaries, load, shipped
from ryhti.validators.rule import Localized, Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


def boundaries_for(path: str | None) -> Boundaries:
    """The configured boundaries file, else the snapshot shipped with the package."""
    return load(str(path)) if path else shipped()


class WithinMunicipality(Rule):
    """The plan area (and the phase boundary) lie within the municipality named by
    ``administrativeAreaIdentifiers`` (``--municipality`` for a plan).

    Anti-pattern: ``--municipality 091`` for a plan in Vantaa (092).

    Best practice: the code of the municipality the plan is in (several only for a joint
    yleiskaava, planType 24).
    """

    id = "G019"
    name = "within-municipality"
    official_ids = ("quality__req_geom_location_administrativearea",)
    references = ("R-G05",)
    kinds = ("plan", "matter", "phase")
    spatial = True
    title = "Plan outside its municipality"
    why = (
        "Syke checks the boundary against the municipality's borders (NLS 1:10 000, 10 cm buffer)."
    )
    fix = "Give the right municipality code, or correct the boundary."
    approximation = (
        "Checked against the generalised municipality and region boundaries shipped with "
        "the package (National Land Survey of Finland 2024, CC BY 4.0, simplified to about "
        "100 m; ``python -m ryhti.validators.boundaries`` refreshes them) or a file set with "
        "``boundaries`` in [tool.ryhti] / --boundaries (GeoJSON with a ``code`` property). "
        "Syke uses the 1:10 000 boundaries with a 10 cm buffer; generalised boundaries lie "
        "up to a few hundred metres off, so parts outside are reported only beyond "
        "``boundary-tolerance`` (500 m): a plan in the wrong municipality is found, a plan "
        "crossing the border by less than that is left to Syke."
    )
    messages = texts(
        en="{area} m² of the {what} lies outside {codes} (more than {tolerance} m beyond the border).",
        fi="{area} m² {what} on alueen {codes} ulkopuolella (yli {tolerance} m rajasta).",
        sv="{area} m² av {what} ligger utanför {codes} (mer än {tolerance} m från gränsen).",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        codes = ctx.municipality
        if ctx.matter is not None and isinstance(ctx.matter.administrative_area_identifiers, list):
            codes = [str(c) for c in ctx.matter.administrative_area_identifiers]
        if not codes:
            return
        bare = [bare_code(c) for c in codes]
        data = boundaries_for(ctx.config.boundaries)
        known = [data.get(c) for c in bare]
        if any(a is None for a in known):
            return  # an unknown code is C010's / L028's business
        region = shapely.union_all([a.geometry for a in known if a is not None])
        plan_area = Localized(en="plan area", fi="kaava-alueesta", sv="planområdet")
        phase_area = Localized(en="phase boundary", fi="vaiheen rajauksesta", sv="fasens gräns")
        targets: list[tuple[str, Any, Localized]] = []
        for pc in ctx.plans:
            targets.append((f"{pc.path}.geographicalArea", pc.plan.geographical_area, plan_area))
        for p, phase in ctx.phases:
            targets.append((f"{p}.geographicalArea", phase.geographical_area, phase_area))
        tol = ctx.config.boundary_tolerance
        zones: dict[str, Any] = {}
        for p, geom, what in targets:
            if not isinstance(geom, RyhtiGeometry) or not isinstance(geom.srid, str):
                continue
            i = ctx.shape_index(geom)
            shape = ctx.shape_of(geom)
            if shape is None or (i is not None and not ctx.shape_valid[i]):
                continue  # G004 / G008 report it
            if geom.srid not in zones:
                zone = _in_srid(region, data.srid, geom.srid)
                zones[geom.srid] = None if zone is None else shapely.buffer(zone, tol)
            zone = zones[geom.srid]
            if zone is None:
                continue
            outside = shapely.difference(shape, zone)
            if shapely.is_empty(outside) or shapely.area(outside) <= 0:
                continue
            yield self.finding(
                ctx,
                path=p,
                geometry=outside,
                srid=geom.srid,
                area=round(float(shapely.area(outside)), 1),
                what=what,
                codes=", ".join(bare),
                tolerance=tol,
                data={"boundaries": data.description},
            )


def _in_srid(geom: Any, source: str, target: str) -> Any:
    if source == target:
        return geom
    try:
        from pyproj import Transformer

        tr = Transformer.from_crs(f"EPSG:{source}", f"EPSG:{target}", always_xy=True)
    except Exception:
        return None
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
