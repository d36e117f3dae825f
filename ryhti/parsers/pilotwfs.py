"""The 2019 pilot's WFS examples (``spatial-planning`` 0.7 over ``built-environment/common``).

The pilot published plans as land-use objects: ``PlanningArea`` (an area: a block with
its land-use kinds, a building area, a planted area, a shore building area) and
``PlanningDetail`` (a point: a building site, a tree), each with ``PlanningRegulation``
properties — a land-use kind (a category of the pilot's code list) or a measured value
(storeys, permitted building amount, attic share). A presentation holds the objects of a
plan; a change set holds them inside ``newObject``/``modifiedObject``; both are read.
A development need (``SpatialPlanDevelopmentNeed``) announces a planning need and its
target area, not a plan: reading one is an error that says so.

The pilot's codes are read through :mod:`ryhti.parsers.sourcecodes` (every code its
examples use): land-use kinds and object types become the RYHTI code list's own labels,
which the conversion types by label; the level of detail gives the plan type and the
process phase the lifecycle. The examples carry no plan boundary (the plan area is then
derived, CV008) and write EPSG:3879 coordinates northing first, as the URN's axis order
says (the engine swaps them, CV020).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.codelists import bare_code
from ryhti.errors import InputError
from ryhti.parsers.geometry import DEFAULT_ARC_TOLERANCE
from ryhti.parsers.gmlgeom import GeometryReader, local
from ryhti.parsers.source import Source, feature_layer
from ryhti.parsers.sourcecodes import (
    PILOT_LAND_USE,
    PILOT_LEVELS,
    PILOT_OBJECT_TYPES,
    PILOT_PARAMETERS,
    PILOT_PHASES,
)

__all__ = ["read_xml"]

_HREF = "{http://www.w3.org/1999/xlink}href"
_TITLE = "{http://www.w3.org/1999/xlink}title"
_FEATURES = ("PlanningArea", "PlanningDetail")


def _tail(el: Any) -> str | None:
    href = el.get(_HREF) if el is not None else None
    return bare_code(href) if href else None


def _child(el: Any, name: str) -> Any:
    return next((c for c in el if isinstance(c.tag, str) and local(c.tag) == name), None)


def read_xml(path: str | Path, root: Any, options: Any) -> Source:
    """Read a parsed pilot WFS document into a Source."""
    file = Path(path).name
    found = [el for el in root.iter() if isinstance(el.tag, str) and local(el.tag) in _FEATURES]
    if not found:
        kinds = sorted(
            {
                local(el.tag)
                for el in root.iter()
                if isinstance(el.tag, str) and local(el.tag).startswith("SpatialPlan")
            }
        )
        what = ", ".join(kinds) or "no land-use objects"
        raise InputError(
            f"a 2019 pilot document (spatial-planning 0.7) holding {what}: it announces a "
            "planning need and its target area, not a plan; there is nothing to convert",
            source=path,
            hint="convert the plan's presentation or change set (PlanningArea, PlanningDetail)",
        )
    geo = GeometryReader(tolerance=options.arc_tolerance or DEFAULT_ARC_TOLERANCE, source=str(path))
    rows: dict[str, list[dict[str, Any]]] = {}
    geoms: dict[str, list[Any]] = {}
    lines: dict[str, list[int | None]] = {}
    facts: dict[str, Any] = {}
    for feature in found:
        name = local(feature.tag)
        row = _row(feature, name, facts)
        geometry = _child(feature, "geometry")
        rows.setdefault(name, []).append(row)
        geoms.setdefault(name, []).append(
            geo.first_geometry(geometry) if geometry is not None else None
        )
        lines.setdefault(name, []).append(feature.sourceline)
    crs = geo.crs()
    layers = [
        feature_layer(name, items, geoms[name], lines[name], crs) for name, items in rows.items()
    ]
    return Source(
        path=str(path),
        kind="pilot-wfs",
        layers=layers,
        crs=crs,
        plan=facts,
        preset="pilot-wfs",
        check_axes=True,
        unrepresentable=[
            {
                "file": file,
                "layer": "plan boundary",
                "reason": "the pilot's land-use objects carry no plan boundary",
                "cartographic": True,
            }
        ],
    )


def _row(feature: Any, name: str, facts: dict[str, Any]) -> dict[str, Any]:
    gid = next((v for k, v in feature.attrib.items() if local(k) == "id"), None)
    row: dict[str, Any] = {"gml_id": gid or f"line{feature.sourceline}"}
    kind_el = _child(feature, "objectType")
    code = _tail(kind_el)
    row["object_type"] = kind_el.get(_TITLE) if kind_el is not None else None
    row["object_type_code"] = code
    uses: list[str] = []
    for child in feature:
        if not isinstance(child.tag, str):
            continue
        cname = local(child.tag)
        if cname == "identifier":
            row["identifier"] = (child.text or "").strip()
        elif cname == "name" and child.get("codeSpace") == "korttelinumero":
            row["block_number"] = (child.text or "").strip()
        elif cname == "localizedName":
            row["name"] = (child.text or "").strip()
        elif cname in ("levelOfDetail", "processPhase", "legalStatus", "partOf"):
            row[_snake(cname)] = _tail(child)
        elif cname == "property":
            _property(child, row, uses)
    row["land_use"] = ". ".join(uses) or None
    legal = row.get("legal_status")
    meaning = PILOT_OBJECT_TYPES.get(code or "", (None, None))[1]
    if meaning == "Rakennuspaikka" and legal == "ohjeellinen":
        meaning = "Ohjeellinen rakennuspaikka"
    row["object_meaning"] = meaning
    if name == "PlanningArea":
        row["kind"] = "paakayttotarkoitus" if uses and not row.get("part_of") else "osaAlue"
    level = PILOT_LEVELS.get(str(row.get("level_of_detail")))
    if level and "plan_type" not in facts:
        facts.update(plan_type=level, plan_type_text=f"levelOfDetail {row['level_of_detail']}")
    phase = PILOT_PHASES.get(str(row.get("process_phase")))
    if phase and "lifecycle" not in facts:
        facts.update(lifecycle=phase, lifecycle_text=f"processPhase {row['process_phase']}")
    return row


def _property(prop: Any, row: dict[str, Any], uses: list[str]) -> None:
    """One PlanningRegulation: a land-use kind, or a measured value in a column of its own."""
    for reg in prop:
        if not isinstance(reg.tag, str):
            continue
        param = _tail(_child(reg, "parameterName"))
        value = _child(reg, "value")
        if value is None or param is None:
            continue
        for kind in value:
            if not isinstance(kind.tag, str):
                continue
            vname = local(kind.tag)
            inner = _child(kind, "value")
            if vname == "CategoryPropertyValue" and inner is not None:
                category = _tail(inner)
                if param == "landUseKind":
                    label = PILOT_LAND_USE.get(category or "")
                    uses.append(label or inner.get(_TITLE) or str(category))
                else:
                    row[_snake(param)] = inner.get(_TITLE) or category
            elif inner is not None:
                column = PILOT_PARAMETERS.get(param, f"numeric_{_snake(param)}")
                row[column] = _measure(inner)


def _measure(value: Any) -> str | None:
    """A measured value as text: ``16700``, a range ``4-5``, or its one bound."""
    low = _child(value, "minimumValue")
    high = _child(value, "maximumValue")
    if low is None and high is None:
        return (value.text or "").strip() or None
    lo = (low.text or "").strip() if low is not None else ""
    hi = (high.text or "").strip() if high is not None else ""
    if lo and hi and lo != hi:
        return f"{lo}-{hi}"
    return hi or lo or None


def _snake(name: str) -> str:
    out = []
    for ch in name.replace("-", "_"):
        if ch.isupper():
            out.append("_" + ch.lower())
        else:
            out.append(ch)
    return "".join(out).lstrip("_")
