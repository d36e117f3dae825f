"""The plan archive as a background-data source: the plans in force around the plan area.

A municipality that keeps its plans in a ``ryhti archive`` (GeoPackage or PostGIS) has
the planning situation at hand: every plan in force, at every level, with what its
objects designate. A source ``service = "archive"`` (``url`` = the archive's path or
``postgresql://`` URL) reads the objects of the plans in force that reach the gathered
area, one feature per object, with the attributes the ``plans`` theme reads (level,
plan name and identifier, approval date, letter sign, meaning of its main use), so the
kaavaselostus chapter on the planning situation says "Yleiskaavassa alue on osoitettu
asuntoalueeksi (A)" from the municipality's own archive. A plan in force without an
object in the area is one feature with its plan area and no sign (so it is still named).

"In force" is the archive's own reading (lifecycle 10, 11 or 13 within its period of
validity, not cancelled by another plan, objects not cancelled), on the day of the run.

The gatherer sits below the archive, so it does not import this module: the reader is
registered for ``service = "archive"`` through the ``ryhti.lahtotiedot.readers`` entry-point
group (setup.cfg), which :func:`ryhti.lahtotiedot.readers.read_source` consults for a service
it does not know; a third party's source kind registers the same way.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np
import shapely

from ryhti.archive.lifecycle import IN_FORCE
from ryhti.archive.store import open_store
from ryhti.errors import RyhtiError
from ryhti.lahtotiedot.readers import SourceError
from ryhti.lahtotiedot.sources import ARCHIVE_FIELDS, SourceSpec

__all__ = ["read_archive"]

_COLUMNS = list(ARCHIVE_FIELDS.values())


def _in_force(plan: dict[str, Any], today: str) -> bool:
    if plan.get("lifecycle") not in IN_FORCE or plan.get("cancelled_by"):
        return False
    if plan.get("valid_from") and plan["valid_from"] > today:
        return False
    return not (plan.get("valid_to") and plan["valid_to"] < today)


def _main_use_labels(codes: set[str]) -> dict[str, tuple[str, str]]:
    from ryhti.codelists import registry

    out: dict[str, tuple[str, str]] = {}
    for code in codes:
        found = registry().lookup(code, "RY_Kaavamaarayslaji")
        if found is not None:
            out[code] = (found.label("fi") or "", found.label("sv") or "")
    return out


def read_archive(
    spec: SourceSpec, bbox: tuple[float, float, float, float], crs: str, timeout: float
) -> Any:
    """Objects of the archive's plans in force reaching ``bbox`` (in ``crs``), in ``crs``."""
    import geopandas as gpd
    from pyproj import CRS, Transformer

    try:
        store = open_store(spec.url)
    except RyhtiError as exc:
        raise SourceError(str(exc).splitlines()[0]) from None
    today = _dt.date.today().isoformat()
    with store:
        to_store = Transformer.from_crs(
            CRS.from_user_input(crs), CRS.from_epsg(int(store.srid)), always_xy=True
        )
        box = to_store.transform_bounds(*bbox)
        area = shapely.box(*box)
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        radius = float(np.hypot(box[2] - box[0], box[3] - box[1])) / 2
        rows: list[dict[str, Any]] = []
        geoms: list[Any] = []
        for plan in store.plans_at(cx, cy, radius):
            if not plan.get("area_wkb") or not _in_force(plan, today):
                continue
            plan_area = shapely.from_wkb(plan["area_wkb"])
            if not shapely.intersects(plan_area, area):
                continue
            base = {
                "level": plan.get("level") or "",
                "plan_name": plan.get("name") or "",
                "plan_identifier": plan.get("permanent_id") or "",
                "approved": plan.get("approval_date") or "",
            }
            objects = [
                o
                for o in store.objects_in_box(box, plan["fid"])
                if not o.get("cancelled") and o.get("lifecycle") not in ("14", "15", "16", "17")
            ]
            labels = _main_use_labels({o["main_use"] for o in objects if o.get("main_use")})
            placed = False
            for obj in objects:
                if not obj.get("main_use") and not obj.get("letters"):
                    continue  # a line, a point or a sub-area: no designation of the area
                geom = shapely.from_wkb(obj["wkb"])
                if shapely.get_dimensions(geom) != 2:
                    continue
                fi, sv = labels.get(obj.get("main_use") or "", ("", ""))
                sign = str(obj.get("letters") or "").split(",")[0].strip()
                rows.append({**base, "sign": sign, "meaning": fi, "meaning_sv": sv})
                geoms.append(geom)
                placed = True
            if not placed:
                rows.append({**base, "sign": "", "meaning": "", "meaning_sv": ""})
                geoms.append(plan_area)
    frame = gpd.GeoDataFrame(
        rows or {c: [] for c in _COLUMNS},
        geometry=gpd.GeoSeries(geoms, crs=f"EPSG:{store.srid}"),
    )
    return frame.to_crs(crs)
