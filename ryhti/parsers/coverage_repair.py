"""``ryhti convert --repair-coverage TOLERANCE``: close the slivers of the area reservations.

Digitised plans rarely meet Syke's coverage rule exactly: neighbouring blocks overlap by
a millimetre, leave hair-thin gaps, or share an edge whose vertices do not match. This
step repairs what is *narrower than the tolerance* the planner gives, and nothing else,
with GEOS's coverage cleaning (``shapely.coverage_clean``, GEOS ≥ 3.14):

* vertices closer than the tolerance are snapped together, so shared edges match;
* an overlap narrower than the tolerance goes to the reservation sharing the longest
  border with it; a gap narrower than the tolerance is merged into its neighbour;
* a part of a reservation reaching out of the plan area by less than the tolerance is
  cut off, and a gap along the plan boundary narrower than it is given to the
  reservation it borders most.

Anything wider is a planning question, not a digitising slip: reservations with an overlap
or an outside part wider than the tolerance are left exactly as they are (and the
validator reports them, G013/G014). Invalid geometries are left too (G008).

**Never silent.** Every change is a finding (``CV030``, a warning, so it is printed and
``--strict`` makes it an error) with the object, the area and width of the part added or
removed and where it is, and the conversion report lists them all under
``coverageRepair``. Reservations are found as the validator finds them: objects whose
regulation groups carry a regulation with additional information ``paakayttotarkoitus``;
underground ones (undergroundStatus 01) form their own layer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.errors import GEOSException

from ryhti.errors import UsageError
from ryhti.findings import Finding, Severity
from ryhti.model.geometry import geojson_of, to_shapely
from ryhti.parsers.rules import RULES

__all__ = ["MAX_TOLERANCE", "RULE", "Change", "repair_coverage", "repair_result"]

#: Largest tolerance accepted (m): a wider "repair" would redraw the plan.
MAX_TOLERANCE = 5.0
#: Parts smaller than this (m²) are floating-point crumbs of the overlay, not changes.
CRUMB = 1e-9

#: The conversion rule of the findings (catalogued in :mod:`ryhti.parsers.rules`).
RULE = RULES["CV030"]

_INFO = "/RY_Kaavamaarayksen_Lisatiedonlaji/code/paakayttotarkoitus"
_UNDERGROUND = "/RY_MaanalaisuudenLaji/code/01"


@dataclass
class Change:
    """One part added to or removed from a reservation (or its vertices moved)."""

    row: int
    key: str | None
    kind: str  # added, removed, vertices, kept
    reason: str
    geometry: Any = None
    area: float = 0.0
    width: float = 0.0

    def to_json(self) -> dict[str, Any]:
        where = None
        if self.geometry is not None and not shapely.is_empty(self.geometry):
            pt = shapely.point_on_surface(self.geometry)
            where = [round(pt.x, 3), round(pt.y, 3)]
        return {
            "objectKey": self.key,
            "path": f"$.planObjects[{self.row}].geometry",
            "change": self.kind,
            "reason": self.reason,
            "area": round(self.area, 6),
            "width": round(self.width, 6),
            "location": where,
        }


@dataclass
class _Layer:
    name: str
    rows: list[int] = field(default_factory=list)
    geoms: list[Any] = field(default_factory=list)


def _width(geoms: Any) -> np.ndarray:
    area = shapely.area(geoms)
    length = shapely.length(geoms)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(np.where(length > 0, 2.0 * area / length, 0.0), dtype=float)


def _polygonal(geom: Any) -> Any:
    """The polygonal part of a geometry (empty when there is none)."""
    parts = shapely.get_parts(geom)
    parts = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    return shapely.union_all(parts) if len(parts) else shapely.Polygon()


def _reservation_groups(data: dict[str, Any]) -> set[str]:
    out = set()
    for group in data.get("planRegulationGroups") or []:
        if not isinstance(group, dict):
            continue
        for reg in group.get("planRegulations") or []:
            infos = reg.get("additionalInformations") if isinstance(reg, dict) else None
            for info in infos or []:
                if isinstance(info, dict) and str(info.get("type", "")).endswith(_INFO):
                    key = group.get("planRegulationGroupKey")
                    if isinstance(key, str):
                        out.add(key)
    return out


def repair_coverage(
    data: dict[str, Any], tolerance: float
) -> tuple[list[Change], list[Change], str | None]:
    """Repair the area reservations of plan JSON ``data`` in place.

    Returns ``(changes, kept, problem)``: the changes made, the reservations left as they
    are with the reason, and why nothing could be done at all (or None).
    """
    if not 0 < tolerance <= MAX_TOLERANCE:
        raise UsageError(
            f"--repair-coverage takes a tolerance above 0 and at most {MAX_TOLERANCE} m"
        )
    area_json = data.get("geographicalArea") if isinstance(data, dict) else None
    srid = area_json.get("srid") if isinstance(area_json, dict) else None
    area = to_shapely([area_json.get("geometry")])[0] if isinstance(area_json, dict) else None
    if area is None or not shapely.is_valid(area) or shapely.get_type_id(area) not in (3, 6):
        return [], [], "the plan area is missing or invalid"
    objects = data.get("planObjects") or []
    groups = _reservation_groups(data)
    related: dict[str, bool] = {}
    for rel in data.get("planRegulationGroupRelations") or []:
        if isinstance(rel, dict) and rel.get("planRegulationGroupKey") in groups:
            related[str(rel.get("planObjectKey"))] = True
    layers = {"ground": _Layer("ground"), "underground": _Layer("underground")}
    kept: list[Change] = []
    for row, obj in enumerate(objects):
        if not isinstance(obj, dict) or not related.get(str(obj.get("planObjectKey"))):
            continue
        geom_json = obj.get("geometry")
        parsed = geojson_of(geom_json.get("geometry")) if isinstance(geom_json, dict) else None
        if parsed is None or parsed[0] not in ("Polygon", "MultiPolygon"):
            continue
        geom = to_shapely([geom_json.get("geometry")])[0]
        key = obj.get("planObjectKey") if isinstance(obj.get("planObjectKey"), str) else None
        if geom is None or not shapely.is_valid(geom) or shapely.is_empty(geom):
            kept.append(Change(row, key, "kept", "invalid or unreadable geometry (G004/G008)"))
            continue
        if geom_json.get("srid") != srid:
            kept.append(Change(row, key, "kept", "another coordinate system than the plan area"))
            continue
        under = str(obj.get("undergroundStatus", "")).endswith(_UNDERGROUND)
        layer = layers["underground" if under else "ground"]
        layer.rows.append(row)
        layer.geoms.append(geom)
    changes: list[Change] = []
    for layer in layers.values():
        if layer.rows:
            changes.extend(
                _repair_layer(layer, area, tolerance, objects, kept, layer.name == "ground")
            )
    return changes, kept, None


def _repair_layer(
    layer: _Layer,
    area: Any,
    tol: float,
    objects: list[Any],
    kept: list[Change],
    cover: bool,
) -> list[Change]:
    geoms = np.array(layer.geoms, dtype=object)
    rows = np.array(layer.rows)
    keys = [objects[r].get("planObjectKey") for r in rows.tolist()]
    n = len(geoms)
    held = np.zeros(n, dtype=bool)
    why: dict[int, str] = {}
    # wide overlaps and wide outside parts are planning questions: leave those reservations
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = np.unique(np.sort(np.stack([left, right], axis=1), axis=1), axis=0)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    if len(pairs):
        inter = shapely.intersection(geoms[pairs[:, 0]], geoms[pairs[:, 1]])
        for (a, b), part in zip(pairs.tolist(), inter, strict=True):
            poly = _polygonal(part)
            if not shapely.is_empty(poly) and (_width(shapely.get_parts(poly)) > tol).any():
                for i, j in ((a, b), (b, a)):
                    held[i] = True
                    why.setdefault(
                        i,
                        f"overlaps {keys[j] or 'another reservation'} more widely than the tolerance (G014)",
                    )
    outside = shapely.difference(geoms, area)
    for i, part in enumerate(outside):
        poly = _polygonal(part)
        if not shapely.is_empty(poly) and (_width(shapely.get_parts(poly)) > tol).any():
            held[i] = True
            why.setdefault(i, "reaches out of the plan area more widely than the tolerance (G013)")
    for i in np.flatnonzero(held).tolist():
        kept.append(Change(int(rows[i]), keys[i], "kept", why[i]))
    todo = np.flatnonzero(~held)
    if not len(todo):
        return []
    try:
        cleaned = shapely.coverage_clean(
            geoms[todo], gap_width=tol, snapping_distance=tol, merge_strategy="longest_border"
        )
    except GEOSException as exc:
        for i in todo.tolist():
            kept.append(
                Change(int(rows[i]), keys[i], "kept", f"GEOS could not clean the layer ({exc})")
            )
        return []
    new = geoms.copy()
    new[todo] = cleaned
    # narrow parts outside the plan area go; narrow gaps along its boundary are filled
    new[todo] = shapely.intersection(new[todo], area)
    if cover:
        _fill_boundary_gaps(new, todo, held, area, tol)
    changes: list[Change] = []
    for i in todo.tolist():
        before, after = geoms[i], _polygonal(shapely.make_valid(new[i]))
        if shapely.is_empty(after):
            kept.append(Change(int(rows[i]), keys[i], "kept", "cleaning left nothing of it"))
            continue
        found = _diff(int(rows[i]), keys[i], before, after)
        if not found:
            continue
        changes.extend(found)
        _write(objects[int(rows[i])], after)
    return changes


def _fill_boundary_gaps(
    new: np.ndarray, todo: np.ndarray, held: np.ndarray, area: Any, tol: float
) -> None:
    """Give each gap narrower than ``tol`` between the reservations and the plan boundary
    to the repaired reservation sharing the longest border with it."""
    union = shapely.union_all(new)
    gaps = shapely.get_parts(_polygonal(shapely.difference(area, union)))
    if not len(gaps):
        return
    narrow = gaps[_width(gaps) <= tol]
    if not len(narrow):
        return
    tree = shapely.STRtree(new)
    zone = max(tol, 1e-6)
    for gap in narrow:
        near = [
            i for i in tree.query(gap, predicate="dwithin", distance=zone).tolist() if not held[i]
        ]
        if not near:
            continue
        ring = shapely.boundary(gap)
        shared = [
            shapely.length(shapely.intersection(ring, shapely.buffer(new[i], zone))) for i in near
        ]
        best = near[int(np.argmax(shared))]
        new[best] = shapely.union(new[best], gap)


def _diff(row: int, key: str | None, before: Any, after: Any) -> list[Change]:
    """The parts added and removed, each with its area and width; or the vertex edits."""
    out: list[Change] = []
    for kind, geom in (
        ("removed", shapely.difference(before, after)),
        ("added", shapely.difference(after, before)),
    ):
        parts = shapely.get_parts(_polygonal(geom))
        for part in parts:
            a = float(shapely.area(part))
            if a <= CRUMB:
                continue
            reason = "overlap or outside part" if kind == "removed" else "gap"
            out.append(Change(row, key, kind, reason, part, a, float(_width([part])[0])))
    if not out:
        old = {tuple(p) for p in shapely.get_coordinates(before).tolist()}
        moved = [p for p in shapely.get_coordinates(after).tolist() if tuple(p) not in old]
        gone = {tuple(p) for p in shapely.get_coordinates(after).tolist()}
        lost = [p for p in old if p not in gone]
        if moved or lost:
            where = shapely.multipoints(moved or lost)
            out.append(
                Change(
                    row,
                    key,
                    "vertices",
                    f"{len(moved)} vertices added or moved, {len(lost)} removed",
                    where,
                )
            )
    return out


def _write(obj: dict[str, Any], geom: Any) -> None:
    """Write the repaired geometry back (exteriors counter-clockwise, as RFC 7946 wants)."""
    geom = shapely.orient_polygons(geom)
    polys = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) == 3]

    def rings(poly: Any) -> list[Any]:
        return [shapely.get_coordinates(r).tolist() for r in shapely.get_rings(poly)]

    old_type = obj["geometry"]["geometry"].get("type")
    if len(polys) == 1 and old_type == "Polygon":
        obj["geometry"]["geometry"] = {"type": "Polygon", "coordinates": rings(polys[0])}
    else:
        obj["geometry"]["geometry"] = {
            "type": "MultiPolygon",
            "coordinates": [rings(p) for p in polys],
        }


def _finding(change: Change, srid: str | None, tol: float) -> Finding:
    if change.kind == "kept":
        message = f"Area reservation not repaired: {change.reason}."
        severity = Severity.INFO
    elif change.kind == "vertices":
        message = f"--repair-coverage {tol:g}: edge matched with its neighbours ({change.reason})."
        severity = RULE.severity
    else:
        message = (
            f"--repair-coverage {tol:g}: {change.area:.6f} m² "
            f"(about {change.width:.4f} m wide, {change.reason}) {change.kind} "
            f"{'to' if change.kind == 'added' else 'from'} the area reservation."
        )
        severity = RULE.severity
    return Finding(
        rule=RULE.id,
        severity=severity,
        message=message,
        path=f"$.planObjects[{change.row}].geometry",
        object_key=change.key,
        geometry=change.geometry,
        srid=srid if change.geometry is not None else None,
        origin="conversion",
        data=change.to_json(),
    )


def repair_result(
    result: Any, data: dict[str, Any], tolerance: float, *, strict: bool = False
) -> list[Finding]:
    """Repair ``data`` (the plan JSON about to be written) and account for every change in
    the conversion ``result``: findings, and a ``coverageRepair`` section of its report.
    ``strict`` (``convert --strict``) makes each change an error, like every warning."""
    changes, kept, problem = repair_coverage(data, tolerance)
    srid = (data.get("geographicalArea") or {}).get("srid") if isinstance(data, dict) else None
    findings = [_finding(c, srid, tolerance) for c in (*changes, *kept)]
    if strict:
        for f in findings:
            if f.severity is Severity.WARNING:
                f.severity = Severity.ERROR
    if problem:
        findings.append(
            Finding(
                rule=RULE.id,
                severity=Severity.WARNING,
                message=f"--repair-coverage: nothing repaired, {problem}.",
                path="$.geographicalArea",
                origin="conversion",
            )
        )
    result.findings.extend(findings)
    report = getattr(result, "report", None)
    if isinstance(report, dict):
        report["coverageRepair"] = {
            "tolerance": tolerance,
            "method": "shapely.coverage_clean (GEOS coverage cleaning), merge by longest border",
            "objectsChanged": len({c.row for c in changes}),
            "changes": [c.to_json() for c in changes],
            "notRepaired": [c.to_json() for c in kept],
            **({"problem": problem} if problem else {}),
        }
        counts = (report.get("summary") or {}).get("findings")
        if isinstance(counts, dict):
            for f in findings:
                counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
    return findings


def describe(changes: Iterable[Change]) -> str:
    """One line: how much changed (for logs and tests)."""
    changes = list(changes)
    area = sum(c.area for c in changes)
    return f"{len({c.row for c in changes})} reservations, {len(changes)} changes, {area:.6f} m²"
