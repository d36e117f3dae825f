"""National plan model GML (the 2019 municipal pilot, e.g. the approved Kempele plan).

Features are the children of ``featureMember``/``member``; each feature type becomes a
layer (``SpatialPlan``, ``ZoningElement``, ``PlanningElement`` …). Per feature the
reader flattens what the mapping needs into columns:

* ``gml_id``, ``identifier``, ``planning_object_identifier``, ``created``, ``name``
  (``localizedName``), ``type`` (the type's title);
* ``letter_code``: the land-use kind code (``…/FinnishLandUseKind/AK`` → ``AK``);
* ``meaning``: the zoning element type's title when there is no land use
  (``Sitova tontti``), ``plot_number`` for binding plots;
* ``regulations``: ids of the feature's ``RegulativeText`` entries, whose texts
  become the source's text entries (typed by the extractor);
* ``efficiency``, ``floor_area``, ``storeys`` from ``NumericValue``; any other
  numeric value gets a column of its own (and is reported if not mapped);
* ``planning_elements``, ``subdivisions``, ``zoning_elements``: xlink references.

Binding and indicative plots (zoning elements of type *Sitova tontti*) go to a layer
of their own, ``ZoningElement_plot``, since they lie inside the blocks.

Features without geometry (``OrdinanceProcessEvent``) have no place in a plan and are
reported as not representable, with their content. The 2019 files declare no
``srsName``; give the CRS with ``--source-crs`` (Kempele: EPSG:3067).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ryhti.codelists import bare_code
from ryhti.parsers.geometry import DEFAULT_ARC_TOLERANCE
from ryhti.parsers.gmlgeom import GeometryReader, local
from ryhti.parsers.source import Source, TextEntry, feature_layer
from ryhti.parsers.sourcecodes import (
    LAND_USE_KINDS,
    PLANNING_ELEMENT_TYPES,
    SPATIAL_PLAN_STATUS,
    ZONING_ELEMENT_TYPES,
    plan_type_of,
)

__all__ = ["read_national_gml", "read_xml"]

_NUMERIC = {
    "tehokkuusluku": "efficiency",
    "kerrosala": "floor_area",
    "rakennusoikeus": "floor_area",
    "kerrosluku": "storeys",
}
_GEOMETRY_PROPS = ("geometry", "extent", "location")
#: Zoning element types that are plots (tontit), not area reservations.
_PLOT_TYPES = {"Sitova tontti", "Ohjeellinen tontti"}
#: Type titles of the 2019 code lists → the RYHTI notation meaning they stand for.
_MEANINGS = {"Sitova tontti": "Sitovan tonttijaon mukainen tontti"}


def _href_tail(el: Any) -> str | None:
    href = el.get("{http://www.w3.org/1999/xlink}href")
    if not href:
        return None
    return bare_code(href).lstrip("#")


def _title(el: Any) -> str | None:
    return el.get("{http://www.w3.org/1999/xlink}title")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold().replace("ä", "a").replace("ö", "o")).strip(
        "_"
    )


def read_national_gml(path: str | Path, root: Any, *, arc_tolerance: float | None = None) -> Source:
    """Read a parsed national-model GML document into a Source."""
    geo = GeometryReader(tolerance=arc_tolerance or DEFAULT_ARC_TOLERANCE, source=str(path))
    file = Path(path).name
    rows: dict[str, list[dict[str, Any]]] = {}
    geoms: dict[str, list[Any]] = {}
    lines: dict[str, list[int | None]] = {}
    notes: dict[str, dict[int, list[str]]] = {}
    texts: list[TextEntry] = []
    unrepresentable: list[dict[str, Any]] = []
    plan: dict[str, Any] = {}
    events: list[dict[str, Any]] = []
    for member in root:
        if local(member.tag) not in ("featureMember", "member", "featureMembers"):
            continue
        for feature in member:
            if not isinstance(feature.tag, str):
                continue
            name = local(feature.tag)
            row, geometry, arcs, feature_texts = _feature(feature, geo, file)
            texts.extend(feature_texts)
            if geometry is None and not any(local(c.tag) in _GEOMETRY_PROPS for c in feature):
                events.append(row)
                unrepresentable.append(
                    {
                        "file": file,
                        "layer": name,
                        "fid": row["gml_id"],
                        "line": feature.sourceline,
                        "what": f"{name} {row.get('name') or row['gml_id']}",
                        "reason": _why_not(name),
                        "content": {k: v for k, v in row.items() if v not in (None, "", [])},
                    }
                )
                continue
            if name == "ZoningElement" and row.get("type") in _PLOT_TYPES:
                # binding plots lie inside the blocks: a layer of their own, so a mapping
                # can make them sub-areas that refer to their block
                name = "ZoningElement_plot"
            if name == "SpatialPlan":
                plan.update({"name": row.get("name"), "id": row.get("planning_object_identifier")})
                plan.update(_plan_facts(row))
            index = len(rows.setdefault(name, []))
            rows[name].append(row)
            geoms.setdefault(name, []).append(geometry)
            lines.setdefault(name, []).append(feature.sourceline)
            if arcs:
                notes.setdefault(name, {})[index] = [
                    f"arc linearised: {arcs} arc(s) replaced by chords within {geo.tolerance:g} m"
                ]
    plan.update(_approval(events, plan))
    crs = geo.crs()
    layers = [
        feature_layer(name, items, geoms[name], lines[name], crs, notes=notes.get(name, {}))
        for name, items in rows.items()
    ]
    return Source(
        path=str(path),
        kind="national-gml",
        layers=layers,
        crs=crs,
        texts=texts,
        plan={k: v for k, v in plan.items() if v},
        preset="national-gml",
        unrepresentable=unrepresentable,
        check_axes=True,
    )


def _plan_facts(row: dict[str, Any]) -> dict[str, Any]:
    """The plan type and lifecycle a SpatialPlan states (FinnishSpatialPlanType and
    FinnishSpatialPlanStatus of the pilot's code lists)."""
    facts: dict[str, Any] = {}
    plan_type = plan_type_of(row.get("plan_type"))
    if plan_type:
        facts["plan_type"] = plan_type
        facts["plan_type_text"] = f"FinnishSpatialPlanType {row.get('plan_type')!r}"
    status = SPATIAL_PLAN_STATUS.get(str(row.get("status_code")))
    if status is not None:
        facts["lifecycle"] = status[0]
        facts["lifecycle_text"] = f"FinnishSpatialPlanStatus {row.get('status')!r}"
    return facts


def _approval(events: list[dict[str, Any]], plan: dict[str, Any]) -> dict[str, Any]:
    """The approval date: the date of the plan's OrdinanceProcessEvent of the approval step
    (hyväksymisvaihe), when the plan is approved."""
    if plan.get("lifecycle") not in ("06", "12", "13"):
        return {}
    for event in events:
        step = str(event.get("process_step") or "").casefold()
        if step == "hyväksymisvaihe" and event.get("date"):
            return {
                "approval_date": str(event["date"])[:10],
                "approval_date_text": f"OrdinanceProcessEvent {event.get('gml_id')} "
                f"({event.get('process_step')})",
            }
    return {}


def _why_not(name: str) -> str:
    if name.endswith("ProcessEvent"):
        return "a processing event belongs to the plan matter (handling events), not to the plan"
    return "a feature without geometry has no place among plan objects"


def _feature(
    feature: Any, geo: GeometryReader, file: str
) -> tuple[dict[str, Any], Any, int, list[TextEntry]]:
    gml_id = (
        feature.get("{http://www.opengis.net/gml/3.2}id")
        or feature.get("{http://www.opengis.net/gml}id")
        or f"line{feature.sourceline}"
    )
    row: dict[str, Any] = {"gml_id": gml_id}
    geometry = None
    arcs_before = geo.arcs
    texts: list[TextEntry] = []
    regs: list[str] = []
    refs: dict[str, list[str]] = {}
    for child in feature:
        if not isinstance(child.tag, str):
            continue
        name = local(child.tag)
        if name in ("description", "descriptionReference", "boundedBy", "location") and not len(
            child
        ):
            continue
        if name == "location" and all(local(c.tag) == "Null" for c in child):
            continue
        if name in _GEOMETRY_PROPS:
            geometry = geo.first_geometry(child)
            continue
        if name == "identifier":
            row["identifier"] = (child.text or "").strip()
        elif name == "planningObjectIdentifier":
            row["planning_object_identifier"] = (child.text or "").strip()
        elif name == "localizedName":
            key = (
                "name"
                if child.get("{http://www.w3.org/XML/1998/namespace}lang", "fi") == "fi"
                else "name_sv"
            )
            row[key] = (child.text or "").strip()
        elif name in (
            "type",
            "planType",
            "planningLevel",
            "status",
            "language",
            "process",
            "processStep",
        ):
            row[_snake(name)] = _title(child) or _href_tail(child)
            if name in ("type", "status", "planType"):
                row[_snake(name) + "_code"] = _href_tail(child)
        elif name == "landUse":
            kinds = [
                _href_tail(k)
                for k in child.iter()
                if isinstance(k.tag, str) and local(k.tag) == "landUseKind"
            ]
            row["letter_code"] = ",".join(k for k in kinds if k) or None
            row["land_use_kind"] = (
                ", ".join(
                    t
                    for t in (
                        _title(k)
                        for k in child.iter()
                        if isinstance(k.tag, str) and local(k.tag) == "landUseKind"
                    )
                    if t
                )
                or None
            )
        elif name == "regulativeNote":
            for rt in child:
                if not isinstance(rt.tag, str):
                    continue
                fin = swe = None
                code = None
                for part in rt:
                    pname = local(part.tag) if isinstance(part.tag, str) else ""
                    if pname == "localizedDescription":
                        lang = part.get("{http://www.w3.org/XML/1998/namespace}lang", "fi")
                        if lang.startswith("sv"):
                            swe = (part.text or "").strip()
                        else:
                            fin = (part.text or "").strip()
                    elif pname == "type":
                        code = _title(part)
                if fin or swe:
                    tid = f"{gml_id}/rt{len(regs) + 1}"
                    regs.append(tid)
                    texts.append(
                        TextEntry(
                            id=tid,
                            text=fin or swe or "",
                            swe=swe,
                            code=code,
                            file=file,
                            line=rt.sourceline,
                        )
                    )
        elif name == "numericValue":
            for nv in child:
                if not isinstance(nv.tag, str):
                    continue
                prop = value = unit = None
                for part in nv:
                    pname = local(part.tag) if isinstance(part.tag, str) else ""
                    if pname == "propertyName":
                        prop = (_title(part) or _href_tail(part) or "").rstrip(".")
                    elif pname == "value":
                        value = (part.text or "").strip()
                        unit = part.get("uom")
                column = _NUMERIC.get((prop or "").casefold(), f"numeric_{_slug(prop or 'value')}")
                row[column] = value
                if unit and column.startswith("numeric_"):
                    row[f"{column}_uom"] = unit
        elif name in ("planningElement", "subdivision", "zoningElement", "subject"):
            tail = _href_tail(child)
            if tail:
                refs.setdefault(_snake(name) + "s", []).append(tail)
        elif len(child) == 0:
            row[_snake(name)] = (child.text or "").strip() or _title(child) or _href_tail(child)
        else:
            row[_snake(name)] = " ".join(t.strip() for t in child.itertext() if t.strip())
    if regs:
        row["regulations"] = ",".join(regs)
    for key, values in refs.items():
        row[key] = ",".join(values)
    kind = local(feature.tag)
    types = {"ZoningElement": ZONING_ELEMENT_TYPES, "PlanningElement": PLANNING_ELEMENT_TYPES}
    known = types.get(kind, {}).get(str(row.get("type_code")))
    if known is not None:
        # the pilot's element type says what the feature is (a main-use area, a part)
        row["kind"] = known[0]
    if row.get("letter_code"):
        row["letter_code"] = ",".join(
            LAND_USE_KINDS.get(code, code) for code in str(row["letter_code"]).split(",")
        )
        row["letter_code"] = _combined_sign(row["letter_code"], row.get("name"))
    if "letter_code" not in row and row.get("type") and kind == "ZoningElement":
        # FinnishZoningElementType/2 "Sitova tontti" is the RYHTI code list's binding plot
        row["meaning"] = _MEANINGS.get(row["type"], row["type"])
        if row.get("type") == "Sitova tontti" and str(row.get("name", "")).isdigit():
            row["plot_number"] = row["name"]
    if kind == "PlanningElement" and not regs and row.get("type"):
        row["meaning"] = row["type"]
    return row, geometry, geo.arcs - arcs_before, texts


def _combined_sign(letter_code: str, name: Any) -> str:
    """The feature's own sign where it combines its land-use kind with another ("AKR": the
    kind says AK, the name says AK and AR/KR), so that every member is typed; else the kind.

    The pilot model gives one land-use kind per zoning element; Kempele's approved plan
    names two of its blocks AKR, which the notation table knows as a combined sign."""
    sign = str(name or "").strip()
    if not sign or "," in letter_code or sign == letter_code or not sign.startswith(letter_code):
        return letter_code
    if not re.fullmatch(r"[A-ZÅÄÖ]{2,6}(?:-\d+)?", sign):
        return letter_code
    from ryhti.codelists import registry

    entries = registry().notation.by_letter(sign, "asemakaava")
    return sign if any(e.origin == "combined" for e in entries) else letter_code


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def read_xml(path: str | Path, root: Any, options: Any) -> Source:
    """The registry's entry point (:mod:`ryhti.parsers.formats`)."""
    return read_national_gml(path, root, arc_tolerance=options.arc_tolerance)
