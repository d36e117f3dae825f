"""KAATIO spatial plan XML (``splan`` 1.2, the national model that preceded RYHTI).

A KAATIO collection holds the plan (``SpatialPlan``: boundary, type, lifecycle, approval
time, its general orders), plan objects (``PlanObject``: geometry, bindingness) and plan
orders (``PlanOrder``: a type from the old ``RY_KaavamaaraysLaji_AK`` list, a text value,
and the object it targets). Orders become text entries linked from their objects; an
order without a text of its own is read by its type's title ("Ajoyhteys"), which the
notation table and the code list's labels know. The plan's own orders and those of type
"Yleismääräys" are general regulations.

Participation plans, planners and other features without geometry belong to the plan
matter; they are reported as not representable, each with its content. KAATIO writes
EPSG:4326 latitude first, as the URN's axis order says; the engine reads the axes in the
order the coordinates fit (:mod:`ryhti.parsers.crsguess`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.codelists import registry
from ryhti.parsers.geometry import DEFAULT_ARC_TOLERANCE
from ryhti.parsers.gmlgeom import GeometryReader, local
from ryhti.parsers.source import Source, TextEntry, feature_layer
from ryhti.parsers.sourcecodes import lifecycle_of, plan_type_of

__all__ = ["read_xml"]

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_GENERAL = "yleismääräys"


def _gml_id(el: Any) -> str | None:
    for key, value in el.attrib.items():
        if local(key) == "id":
            return value
    return None


def _ref(el: Any) -> str | None:
    href = el.get(_XLINK_HREF)
    return href.lstrip("#") if href else None


def _child(el: Any, name: str) -> Any:
    return next((c for c in el if isinstance(c.tag, str) and local(c.tag) == name), None)


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if isinstance(c.tag, str) and local(c.tag) == name]


def _texts_by_lang(el: Any, name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in el.iter():
        if isinstance(node.tag, str) and local(node.tag) == name and len(node) == 0:
            text = " ".join((node.text or "").split())
            if text:
                out.setdefault((node.get(_LANG) or "fin")[:3], text)
    return out


def _time(el: Any) -> str | None:
    for node in el.iter():
        if isinstance(node.tag, str) and local(node.tag) in ("timePosition", "beginPosition"):
            text = (node.text or "").strip()
            if text:
                return text[:10]
    return None


def read_xml(path: str | Path, root: Any, options: Any) -> Source:
    """Read a parsed KAATIO collection into a Source."""
    geo = GeometryReader(tolerance=options.arc_tolerance or DEFAULT_ARC_TOLERANCE, source=str(path))
    file = Path(path).name
    features = [
        f for m in root if local(m.tag) == "featureMember" for f in m if isinstance(f.tag, str)
    ]
    orders: dict[str, Any] = {}
    objects: list[Any] = []
    plans: list[Any] = []
    unrepresentable: list[dict[str, Any]] = []
    for feature in features:
        name = local(feature.tag)
        if name == "PlanOrder":
            orders[_gml_id(feature) or f"line{feature.sourceline}"] = feature
        elif name == "PlanObject":
            objects.append(feature)
        elif name == "SpatialPlan":
            plans.append(feature)
        else:
            content = {
                local(c.tag): " ".join(c.itertext()).strip()[:200]
                for c in feature
                if isinstance(c.tag, str) and " ".join(c.itertext()).strip()
            }
            unrepresentable.append(
                {
                    "file": file,
                    "layer": name,
                    "fid": _gml_id(feature),
                    "line": feature.sourceline,
                    "what": f"{name} {_gml_id(feature)}",
                    "reason": "plan-matter content (participation plan, planner, document), "
                    "not part of the plan",
                    "content": content,
                }
            )
    texts, targets, general_ids = _orders(orders, plans, file)
    plan_rows, plan_geoms, plan_lines, facts = _plans(plans, geo)
    rows, geoms, lines = [], [], []
    for feature in objects:
        gid = _gml_id(feature) or f"line{feature.sourceline}"
        geometry = _child(feature, "geometry")
        bindingness = _child(feature, "bindingnessOfLocation")
        linked = targets.get(gid, [])
        producer = _child(feature, "producerSpecificIdentifier")
        rows.append(
            {
                "gml_id": gid,
                "producer_id": (producer.text or "").strip() if producer is not None else None,
                "regulations": ",".join(linked) or None,
                "bindingness": bindingness.get(_XLINK_TITLE) if bindingness is not None else None,
            }
        )
        geoms.append(geo.first_geometry(geometry) if geometry is not None else None)
        lines.append(feature.sourceline)
    crs = geo.crs()
    layers = [
        feature_layer("SpatialPlan", plan_rows, plan_geoms, plan_lines, crs),
        feature_layer("PlanObject", rows, geoms, lines, crs),
    ]
    for text in texts:
        text.general = text.id in general_ids
    return Source(
        path=str(path),
        kind="kaatio",
        layers=[layer for layer in layers if len(layer)],
        crs=crs,
        texts=texts,
        plan=facts,
        preset="kaatio",
        unrepresentable=unrepresentable,
        check_axes=True,
    )


def _orders(
    orders: dict[str, Any], plans: list[Any], file: str
) -> tuple[list[TextEntry], dict[str, list[str]], set[str]]:
    """Text entries of the plan orders, the orders of each object, the general orders."""
    general_ids = {
        ref for plan in plans for el in _children(plan, "generalOrder") if (ref := _ref(el))
    }
    texts: list[TextEntry] = []
    targets: dict[str, list[str]] = {}
    for gid, order in orders.items():
        kind = _child(order, "type")
        title = kind.get(_XLINK_TITLE) if kind is not None else None
        value = _child(order, "value")
        said = _texts_by_lang(value, "value") if value is not None else {}
        if title and title.casefold() == _GENERAL:
            general_ids.add(gid)
        text = said.get("fin") or title or ""
        if not text:
            continue
        texts.append(
            TextEntry(
                id=gid,
                text=text,
                swe=said.get("swe"),
                code=title,
                file=file,
                line=order.sourceline,
            )
        )
        for target in _children(order, "target"):
            ref = _ref(target)
            if ref:
                targets.setdefault(ref, []).append(gid)
    return texts, targets, general_ids


def _plans(
    plans: list[Any], geo: GeometryReader
) -> tuple[list[dict[str, Any]], list[Any], list[int | None], dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    geoms: list[Any] = []
    lines: list[int | None] = []
    facts: dict[str, Any] = {}
    for plan in plans:
        names = _texts_by_lang(plan, "loc_name")
        kind = _child(plan, "type")
        status = _child(plan, "lifecycleStatus")
        identifier = _child(plan, "planIdentifier")
        row = {
            "gml_id": _gml_id(plan),
            "name": names.get("fin"),
            "name_sv": names.get("swe"),
            "plan_identifier": (identifier.text or "").strip() if identifier is not None else None,
            "plan_type": kind.get(_XLINK_TITLE) if kind is not None else None,
            "lifecycle": status.get(_XLINK_TITLE) if status is not None else None,
        }
        rows.append(row)
        boundary = _child(plan, "boundary")
        geoms.append(geo.first_geometry(boundary) if boundary is not None else None)
        lines.append(plan.sourceline)
        facts["id"] = row["plan_identifier"] or row["gml_id"]
        plan_type = plan_type_of(row["plan_type"])
        if plan_type:
            facts.update(plan_type=plan_type, plan_type_text=f"type {row['plan_type']!r}")
        lifecycle = lifecycle_of(row["lifecycle"], registry())
        if lifecycle:
            facts.update(
                lifecycle=lifecycle, lifecycle_text=f"lifecycleStatus {row['lifecycle']!r}"
            )
        approval = _child(plan, "approvalTime")
        if approval is not None and _time(approval):
            facts.update(approval_date=_time(approval), approval_date_text="approvalTime")
        validity = _child(plan, "validityTime")
        if validity is not None and _time(validity):
            facts.update(validity_begin=_time(validity), validity_begin_text="validityTime")
        description = _texts_by_lang(plan, "loc_description").get("fin")
        if description:
            facts["description"] = description
    return rows, geoms, lines, facts
