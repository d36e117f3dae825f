"""The gathered GeoPackage → :class:`ryhti.background.BackgroundData` (what describe reads).

Everything is measured against the plan's own area: areas overlapping it (ha, share),
sites inside it, the population of the grid cells weighed by the share of each cell
inside it, and the plans in force covering it with what they designate there. A
theme whose source failed is not in ``gathered``, so the chapter keeps its
``[TÄYDENNÄ: …]`` prompt instead of saying "none".
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ryhti.background import (
    AreaOverlap,
    BackgroundData,
    BackgroundLayer,
    PlanInForce,
    SiteInside,
    SourceRecord,
)
from ryhti.lahtotiedot.area import area_from_plan_json
from ryhti.lahtotiedot.output import AREA_TABLE, read_summary

__all__ = ["load_background", "load_source_records"]

AREA_THEMES = ("natura", "suojelualue", "pohjavesi", "tulva", "rky")
SITE_THEMES = ("muinaisjaannos", "suojeltu_rakennus")


def load_source_records(gpkg_path: str | Path) -> list[SourceRecord]:
    """The sources gathered completely, as the plan matter records them."""
    return [_record(row) for row in read_summary(gpkg_path) if row["status"] == "ok"]


def _record(row: dict[str, Any]) -> SourceRecord:
    url = row["url"] or ""
    if row["service"] in ("wfs", "oapif") and row["layer"]:
        url = f"{url} ({row['layer']})"
    return SourceRecord(
        name=row["title"] or row["source"],
        kind_code=row["code"],
        fetched=str(row["fetched"])[:10],
        licence=row["licence"] or "",
        url=url,
        features=int(row["features"] or 0),
    )


def _plan_area(gpkg_path: Path, plan: Any) -> tuple[Any, str]:
    if plan is None:
        import pyogrio

        frame = pyogrio.read_dataframe(gpkg_path, layer=AREA_TABLE)
        geom = frame.geometry[frame["kind"] == "kaava-alue"].iloc[0]
        return geom, frame.crs.to_string()
    data = plan.to_json() if hasattr(plan, "to_json") else plan
    area = area_from_plan_json(data, "plan")
    return area.geometry, area.crs


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


#: Attribute names tried when a source does not say which attribute plays a role.
USUAL_NAMES = {
    "name": ("nimi", "nimisuomi", "kohdenimi", "name", "nimi_fi"),
    "identifier": ("tunnus", "naturatunnus", "mjtunnus", "id"),
}


def _field(frame: Any, fields: dict[str, str], role: str) -> list[str]:
    column = fields.get(role)
    if not column:
        column = next((c for c in USUAL_NAMES.get(role, ()) if c in frame.columns), None)
    if not column or column not in frame.columns:
        return [""] * len(frame)
    return [_text(v) for v in frame[column]]


def load_background(gpkg_path: str | Path, plan: Any = None) -> BackgroundData:
    """What the gathered GeoPackage says about ``plan``'s area (a plan model or its JSON).

    Without ``plan`` the plan area recorded in the GeoPackage is used.
    """
    import pyogrio

    gpkg_path = Path(gpkg_path)
    rows = read_summary(gpkg_path)
    area, crs = _plan_area(gpkg_path, plan)
    shapely.prepare(area)
    area_m2 = float(shapely.area(area))
    overlaps: list[AreaOverlap] = []
    sites: list[SiteInside] = []
    plans: list[PlanInForce] = []
    population: float | None = None
    population_source: str | None = None
    gathered: set[str] = set()
    for row in rows:
        if row["status"] != "ok" or not row["theme"]:
            continue
        theme = row["theme"]
        gathered.add(theme)
        frame = pyogrio.read_dataframe(gpkg_path, layer=row["source"])
        if frame.crs is not None and len(frame) and frame.crs.to_string() != crs:
            frame = frame.to_crs(crs)
        if not len(frame):
            if theme == "vaesto":
                population = population or 0.0
            continue
        geoms = np.asarray(frame.geometry.values, dtype=object)
        fields = row["fields"]
        names = _field(frame, fields, "name")
        idents = _field(frame, fields, "identifier")
        if theme in AREA_THEMES:
            overlaps.extend(_overlaps(theme, row, geoms, names, idents, area, area_m2))
        elif theme in SITE_THEMES:
            sites.extend(_sites(theme, row, geoms, names, idents, area))
        elif theme == "vaesto":
            people = _population(frame, fields, geoms, area)
            if people is not None:
                population = (population or 0.0) + people
                population_source = f"{row['title']}, {str(row['fetched'])[:10]}"
        elif theme == "plans":
            plans.extend(_plans(row, frame, fields, geoms, area, area_m2))
    return BackgroundData(
        plans_in_force=tuple(plans),
        overlaps=tuple(sorted(overlaps, key=lambda o: (o.theme, -o.area_m2, o.name))),
        sites=tuple(sites),
        population=None if population is None else round(population),
        population_source=population_source,
        sources=tuple(_record(r) for r in rows if r["status"] == "ok"),
        gathered=frozenset(gathered),
    )


def load_background_layers(gpkg_path: str | Path, plan: Any = None) -> tuple[BackgroundLayer, ...]:
    """The gathered layers' shapes in the plan's coordinate system, for the background map
    (themes of areas and sites; population grids and plans in force are not drawn)."""
    import pyogrio

    gpkg_path = Path(gpkg_path)
    _, crs = _plan_area(gpkg_path, plan)
    srid = crs.rsplit(":", 1)[-1]
    out: list[BackgroundLayer] = []
    for row in read_summary(gpkg_path):
        theme = row["theme"]
        if row["status"] != "ok" or theme not in (*AREA_THEMES, *SITE_THEMES):
            continue
        frame = pyogrio.read_dataframe(gpkg_path, layer=row["source"])
        if not len(frame):
            continue
        if frame.crs is not None and frame.crs.to_string() != crs:
            frame = frame.to_crs(crs)
        geoms = tuple(g for g in frame.geometry.values if g is not None and not g.is_empty)
        out.append(BackgroundLayer(theme, str(row["title"] or row["source"]), srid, geoms))
    return tuple(out)


def _overlaps(
    theme: str,
    row: dict[str, Any],
    geoms: Any,
    names: list[str],
    idents: list[str],
    area: Any,
    area_m2: float,
) -> list[AreaOverlap]:
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    hits = shapely.intersects(geoms, area)
    for i in np.flatnonzero(hits):
        groups[(names[i], idents[i])].append(geoms[i])
    out = []
    for (name, ident), parts in groups.items():
        inside = float(shapely.area(shapely.intersection(shapely.union_all(parts), area)))
        if inside <= 0.0:
            continue
        out.append(
            AreaOverlap(
                theme=theme,
                name=name or row["title"],
                identifier=ident or None,
                area_m2=inside,
                share=inside / area_m2 if area_m2 else 0.0,
                kind_code=row["code"],
            )
        )
    return out


def _sites(
    theme: str, row: dict[str, Any], geoms: Any, names: list[str], idents: list[str], area: Any
) -> list[SiteInside]:
    out: list[SiteInside] = []
    seen: set[tuple[str, str]] = set()
    inside = shapely.intersects(geoms, area) & ~shapely.touches(geoms, area)
    for i in np.flatnonzero(inside):
        key = (idents[i], names[i])
        if key in seen:
            continue
        seen.add(key)
        out.append(
            SiteInside(
                theme=theme,
                name=names[i] or row["title"],
                identifier=idents[i] or None,
                kind_code=row["code"],
            )
        )
    return out


def _population(frame: Any, fields: dict[str, str], geoms: Any, area: Any) -> float | None:
    column = fields.get("population")
    if not column or column not in frame.columns:
        return None
    counts = np.asarray([float(v) if _text(v) else 0.0 for v in frame[column]], dtype=float)
    cell = shapely.area(geoms)
    part = shapely.area(shapely.intersection(geoms, area))
    share = np.divide(part, cell, out=np.zeros_like(part), where=cell > 0)
    return float((counts * share).sum())


def _plans(
    row: dict[str, Any], frame: Any, fields: dict[str, str], geoms: Any, area: Any, area_m2: float
) -> list[PlanInForce]:
    from ryhti.codelists import registry

    levels = _field(frame, fields, "level")
    plan_names = _field(frame, fields, "plan_name")
    plan_ids = _field(frame, fields, "plan_identifier")
    approved = _field(frame, fields, "approved")
    signs = _field(frame, fields, "sign")
    meanings = _field(frame, fields, "meaning")
    meanings_sv = _field(frame, fields, "meaning_sv")
    hits = shapely.intersects(geoms, area) & ~shapely.touches(geoms, area)
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    notation = registry().notation
    for i in np.flatnonzero(hits):
        level = levels[i] or row["level"] or "yleiskaava"
        name = plan_names[i] or (row["title"] if signs[i] else "")
        key = (level, name, plan_ids[i])
        entry = grouped.setdefault(
            key, {"approved": approved[i], "designations": defaultdict(float)}
        )
        if not signs[i] and not meanings[i]:
            continue
        meaning, meaning_sv = meanings[i], meanings_sv[i]
        if signs[i] and not meaning:
            known = notation.by_letter(signs[i], level)
            if known:
                meaning = known[0].meaning_fi or ""
                meaning_sv = meaning_sv or known[0].meaning_sv or ""
        part = float(shapely.area(shapely.intersection(geoms[i], area)))
        entry["designations"][(signs[i], meaning, meaning_sv)] += part
    out = []
    for (level, name, ident), entry in grouped.items():
        designations = tuple(
            (sign, meaning, meaning_sv, part / area_m2 if area_m2 else 0.0)
            for (sign, meaning, meaning_sv), part in sorted(
                entry["designations"].items(), key=lambda kv: -kv[1]
            )
        )
        out.append(
            PlanInForce(
                level=level,
                name=name or row["title"],
                identifier=ident or None,
                approved=entry["approved"] or None,
                designations=designations,
            )
        )
    return out
