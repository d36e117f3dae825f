"""The toolkit side of the QGIS plugin: run by ``RYHTI_PYTHON``, never inside QGIS.

QGIS loads Debian's GEOS, GDAL and PROJ into its process; the PyPI wheels of shapely,
pyogrio and rasterio bring their own copies and crash there (double free). So the
plugin never imports ``ryhti``: it starts the toolkit's own interpreter on the
``ryhti`` command line or, where the command line has no ready answer, on this
script, and reads back files that QGIS's own readers open.

Two jobs live here, both writing single-geometry-type GeoJSON (QGIS layers have one
geometry type) plus a ``summary.json`` the plugin reads first (the coordinate system
its outputs need before the first feature arrives):

``findings PLAN OUTDIR [--lang L] [-- VALIDATE OPTIONS]``
    ``ryhti validate --format geojson`` in this process, then every finding sorted by
    geometry: ``findings.geojson`` holds every finding once (areal faults with their own
    polygon, faults on an area object with the object, findings about the plan as a
    whole with the plan boundary, the rest without geometry), ``findings_lines`` and
    ``findings_points`` the faults that lie along a line or at a point.

``layers PLAN OUTDIR [--lang L]``
    The plan as map layers (areas, lines, points, boundary) with letter codes, group
    titles and each regulation in plain Finnish or Swedish, and the land-use class and
    fill colour ``ryhti map`` gives each area (``summary.json`` lists the classes in map
    order, for the legend).

Errors leave as one line ``ryhti: error: …`` on stderr with exit code 2, like the
``ryhti`` command; progress lines ``@progress N text`` on stderr feed QGIS's progress bar.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

#: Exit codes shared with the ``ryhti`` command.
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERNAL = 3

POLYGONAL = ("Polygon", "MultiPolygon")
LINEAL = ("LineString", "MultiLineString", "LinearRing")
PUNCTAL = ("Point", "MultiPoint")

#: Finding properties copied from ``ryhti validate --format geojson``, renamed for the layer.
FINDING_FIELDS = {
    "rule": "rule",
    "officialId": "syke_id",
    "severity": "severity",
    "message": "message",
    "objectKey": "object_key",
    "path": "path",
    "source": "file",
}


class BridgeError(Exception):
    """A problem to report to the planner in one line."""


def progress(percent: int, text: str) -> None:
    """Tell the plugin how far the job is (a line it turns into QGIS's progress bar)."""
    print(f"@progress {percent} {text}", file=sys.stderr, flush=True)


def _toolkit() -> Any:
    try:
        import shapely

        import ryhti  # noqa: F401
    except ImportError as exc:  # pragma: no cover - the plugin checks this first
        raise BridgeError(
            f"this Python ({sys.executable}) cannot import the ryhti toolkit: {exc}"
        ) from exc
    return shapely


# -- geometry helpers ----------------------------------------------------------------------


def split_geometry(geom: Any) -> tuple[Any, Any, Any]:
    """(polygons, lines, points) of ``geom`` as Multi* geometries or None each."""
    import shapely

    if geom is None or shapely.is_empty(geom):
        return None, None, None
    parts = shapely.get_parts(geom)
    # a GeometryCollection can hold multi-parts; flatten once more
    parts = shapely.get_parts(parts)
    kinds = shapely.get_type_id(parts)
    polys = parts[kinds == 3]
    lines = parts[(kinds == 1) | (kinds == 2)]
    points = parts[kinds == 0]
    lines = [shapely.LineString(g.coords) if g.geom_type == "LinearRing" else g for g in lines]
    return (
        shapely.MultiPolygon(list(polys)) if len(polys) else None,
        shapely.MultiLineString(list(lines)) if len(lines) else None,
        shapely.MultiPoint(list(points)) if len(points) else None,
    )


def _multi(geom: Any) -> Any:
    """The polygonal part of ``geom`` as a MultiPolygon (None when it has none)."""
    return split_geometry(geom)[0]


def _shape(item: Any) -> Any:
    """A shapely geometry from a GeoJSON geometry dict, or None when it is not one."""
    import shapely

    if not isinstance(item, dict):
        return None
    try:
        geom = shapely.from_geojson(json.dumps(item))
    except Exception:
        return None
    if geom is None or shapely.is_empty(geom):
        return None
    return geom


def _ryhti_geometry(value: Any) -> tuple[Any, str | None]:
    """(shapely geometry, srid) of a raw RYHTI geometry ``{"srid", "geometry"}``."""
    if not isinstance(value, dict):
        return None, None
    srid = value.get("srid")
    srid = str(srid) if isinstance(srid, str | int) and str(srid).isdigit() else None
    return _shape(value.get("geometry")), srid


def _find_plans(doc: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Plan dicts (those with ``geographicalArea``) in a plan or plan matter document."""
    if depth > 8:
        return []
    if isinstance(doc, dict):
        if "geographicalArea" in doc or "planObjects" in doc:
            return [doc]
        return [p for v in doc.values() for p in _find_plans(v, depth + 1)]
    if isinstance(doc, list):
        return [p for v in doc for p in _find_plans(v, depth + 1)]
    return []


def _feature_collection(
    name: str, srid: str | None, features: list[tuple[Any, dict[str, Any]]]
) -> str:
    """GeoJSON text: the plan's own CRS in the ``crs`` member GDAL reads (as ryhti does)."""
    import shapely

    head: dict[str, Any] = {"type": "FeatureCollection", "name": name}
    if srid:
        head["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{srid}"}}
    geoms = [g for g, _ in features]
    present = [i for i, g in enumerate(geoms) if g is not None]
    texts: list[str | None] = [None] * len(geoms)
    if present:
        import numpy as np

        arr = np.empty(len(present), dtype=object)
        arr[:] = [geoms[i] for i in present]
        for i, text in zip(present, shapely.to_geojson(arr).tolist(), strict=True):
            texts[i] = text
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=str).encode
    body = ",\n".join(
        f'{{"type": "Feature", "geometry": {text or "null"}, "properties": {encode(props)}}}'
        for text, (_, props) in zip(texts, features, strict=True)
    )
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n' + body + "\n]}\n"


def _write(path: Path, text: str) -> None:
    from ryhti.io import write_atomic

    write_atomic(path, text)


# -- findings ------------------------------------------------------------------------------


def findings_job(plan: str, outdir: Path, lang: str, validate_args: list[str]) -> int:
    """Validate ``plan`` and write the findings layers; the exit code of ``ryhti validate``."""
    _toolkit()
    from ryhti.cli import main as ryhti_main
    from ryhti.io import read_json

    outdir.mkdir(parents=True, exist_ok=True)
    report = outdir / "validate.geojson"
    progress(5, "validating")
    argv = ["validate", plan, "--format", "geojson", "-o", str(report), "--lang", lang]
    try:
        ryhti_main([*argv, *validate_args])
        code = EXIT_OK
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if code not in (0, 1):
        return code  # ryhti already printed its one-line error
    progress(70, "placing findings on the map")
    collection = read_json(report)
    doc = read_json(plan)
    plans = _find_plans(doc)
    boundary, boundary_srid = (None, None)
    objects: dict[str, Any] = {}
    if plans:
        boundary, boundary_srid = _ryhti_geometry(plans[0].get("geographicalArea"))
        for p in plans:
            for obj in p.get("planObjects") or []:
                if isinstance(obj, dict) and isinstance(obj.get("planObjectKey"), str):
                    objects[obj["planObjectKey"]] = obj.get("geometry")
    meta = collection.get("ryhti") or {}
    srid = meta.get("srid") or boundary_srid
    if boundary is not None and boundary_srid and srid and boundary_srid != srid:
        boundary = None  # findings were moved to another system (several zones): no match
    rows = place_findings(collection.get("features") or [], boundary, objects, srid)
    _write(outdir / "findings.geojson", _feature_collection("ryhti-findings", srid, rows[0]))
    _write(outdir / "findings_lines.geojson", _feature_collection("lines", srid, rows[1]))
    _write(outdir / "findings_points.geojson", _feature_collection("points", srid, rows[2]))
    summary = {
        "srid": srid,
        "counts": meta.get("summary") or {},
        "findings": len(rows[0]),
        "lines": len(rows[1]),
        "points": len(rows[2]),
        "onBoundary": sum(1 for _, p in rows[0] if p["geometry_source"] == "plan"),
        "withoutGeometry": sum(1 for g, _ in rows[0] if g is None),
        "exitCode": code,
    }
    _write(outdir / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2))
    progress(100, "findings written")
    return code


def place_findings(
    features: list[dict[str, Any]],
    boundary: Any,
    objects: dict[str, Any],
    srid: str | None,
) -> tuple[list[tuple[Any, dict[str, Any]]], ...]:
    """Sort findings into (areas and table, lines, points), each row (geometry, properties).

    Every finding is one row of the first list, so its attribute table is the whole
    report; its geometry is the fault's own area, else the area of the finding's plan
    object, else the plan boundary when the finding names no plan object (it is about
    the plan as a whole, its boundary or a regulation group), else none. Faults along a line or at a point are drawn again, with
    their own geometry, in the line and point lists.
    """
    table: list[tuple[Any, dict[str, Any]]] = []
    lines: list[tuple[Any, dict[str, Any]]] = []
    points: list[tuple[Any, dict[str, Any]]] = []
    boundary_poly = _multi(boundary)
    for n, feature in enumerate(features):
        raw = feature.get("properties") or {}
        props: dict[str, Any] = {"finding": n + 1}
        for src, dst in FINDING_FIELDS.items():
            value = raw.get(src)
            props[dst] = (
                value if value is None or isinstance(value, str | int | float) else str(value)
            )
        for lang in ("fi", "sv", "en"):
            props[f"message_{lang}"] = raw.get(f"message_{lang}")
        location = raw.get("location")
        props["location"] = json.dumps(location, ensure_ascii=False) if location else None
        origin = raw.get("geometrySource")
        geom = _shape(feature.get("geometry"))
        polys, line_part, point_part = split_geometry(geom)
        key = raw.get("objectKey")
        if polys is not None:
            table.append((polys, {**props, "geometry_source": origin}))
        elif geom is None and key not in objects and boundary_poly is not None:
            table.append((boundary_poly, {**props, "geometry_source": "plan"}))
        else:
            obj_poly = None
            if key and geom is not None and origin == "finding":
                obj_geom, obj_srid = _ryhti_geometry(objects.get(key))
                if obj_srid in (None, srid):
                    obj_poly = _multi(obj_geom)
            if obj_poly is not None:
                table.append((obj_poly, {**props, "geometry_source": "object"}))
            else:
                where = (
                    "lines"
                    if line_part is not None
                    else "points"
                    if point_part is not None
                    else None
                )
                table.append((None, {**props, "geometry_source": where}))
        if line_part is not None:
            lines.append((line_part, {**props, "geometry_source": origin}))
        if point_part is not None:
            points.append((point_part, {**props, "geometry_source": origin}))
    return table, lines, points


# -- layers --------------------------------------------------------------------------------


def layers_job(plan_path: str, outdir: Path, lang: str) -> int:
    """Write the plan's map layers with letter codes, regulations and class colours."""
    _toolkit()
    import numpy as np

    import ryhti
    from ryhti.codelists import registry as default_registry
    from ryhti.generators.areas import geometry_types, object_geometries
    from ryhti.generators.areas import plan_boundary as boundary_of
    from ryhti.generators.figures import compute_figures
    from ryhti.generators.landuse import UNDERGROUND
    from ryhti.generators.mapfig import OTHER_COLOUR, class_colours
    from ryhti.generators.notes import WarningLog
    from ryhti.generators.phrases import Phraser

    outdir.mkdir(parents=True, exist_ok=True)
    progress(5, "reading the plan")
    plan = ryhti.load_plan(plan_path)
    try:
        registry = default_registry()
    except Exception:  # a missing snapshot still gives a map, with codes instead of labels
        registry = None
    progress(30, "computing land-use classes")
    figures = compute_figures(plan, registry=registry)
    colours = class_colours(figures)
    geoms, srid = object_geometries(plan)
    types = geometry_types(geoms) if len(geoms) else np.empty(0, dtype=object)
    boundary = boundary_of(plan)
    ph = Phraser(lang, registry, WarningLog())
    model_lang = "swe" if lang == "sv" else "fin"
    labels = _class_labels(figures, ph)
    progress(50, "writing regulations")
    group_text: dict[int, tuple[str, str | None, str]] = {}

    def describe_group(group: Any) -> tuple[str, str | None, str]:
        cached = group_text.get(id(group))
        if cached is None:
            title = _text(group.title_of_plan_regulation, model_lang)
            letters = getattr(group, "letter_identifier", None)
            letters = letters.strip() if _is_text(letters) else None
            regs = [ph.regulation(r) for r in (group.plan_regulations or []) if r is not None]
            recs = [ph.recommendation(r) for r in (group.plan_recommendations or []) if r]
            head = " ".join(p for p in (letters, title) if p) or "–"
            cached = group_text[id(group)] = (
                title or "",
                letters,
                f"{head}: " + "; ".join(regs + recs),
            )
        return cached

    groups_of = plan.groups_by_object()
    areas, lines, points = [], [], []
    for i, obj in enumerate(plan.objects()):
        geom = geoms[i] if i < len(geoms) else None
        if geom is None:
            continue
        key = obj.plan_object_key if isinstance(obj.plan_object_key, str) else None
        described = [describe_group(g) for g in groups_of.get(key or "", [])]
        cls = figures.object_classes[i] if i < len(figures.object_classes) else None
        letters = figures.object_letters[i] if i < len(figures.object_letters) else ()
        block = figures.object_blocks[i] if i < len(figures.object_blocks) else None
        props = {
            "plan_object_key": key,
            "kaavamerkinta": " ".join(letters) or None,
            "nimi": _text(obj.name, model_lang),
            "ryhmat": " | ".join(t for t, _, _ in described if t) or None,
            "maaraykset": "\n".join(text for _, _, text in described) or None,
            "korttelinumero": block,
            "kohdenumero": obj.object_number if isinstance(obj.object_number, int) else None,
            "maanalainen": _code_tail(obj.underground_status) == UNDERGROUND,
            "elinkaari": _code_tail(obj.life_cycle_status),
        }
        kind = types[i]
        if kind in POLYGONAL:
            props["luokka"] = cls
            props["luokan_nimi"] = labels.get(cls) if cls else None
            props["vari"] = colours.get(cls, OTHER_COLOUR) if cls else None
            areas.append((_multi(geom), props))
        elif kind in LINEAL:
            lines.append((split_geometry(geom)[1], props))
        elif kind in PUNCTAL:
            points.append((split_geometry(geom)[2], props))
    general = [describe_group(g) for g in plan.general_groups()]
    plan_props = {
        "plan_key": plan.plan_key if _is_text(getattr(plan, "plan_key", None)) else None,
        "nimi": _text(getattr(plan, "name", None), model_lang),
        "yleismaaraykset": "\n".join(text for _, _, text in general) or None,
        "kohteita": len(plan.objects()),
    }
    progress(80, "writing layers")
    _write(outdir / "areas.geojson", _feature_collection("alueet", srid, areas))
    _write(outdir / "lines.geojson", _feature_collection("viivat", srid, lines))
    _write(outdir / "points.geojson", _feature_collection("pisteet", srid, points))
    boundary_rows = [(_multi(boundary), plan_props)] if boundary is not None else []
    _write(outdir / "boundary.geojson", _feature_collection("kaava-alue", srid, boundary_rows))
    skipped = sum(1 for g in geoms if g is None)
    summary = {
        "srid": srid,
        "areas": len(areas),
        "lines": len(lines),
        "points": len(points),
        "boundary": len(boundary_rows),
        "withoutGeometry": skipped,
        "classes": [
            {"key": c.key, "label": labels.get(c.key), "colour": colours.get(c.key)}
            for c in figures.classes
        ],
        "otherColour": OTHER_COLOUR,
    }
    _write(outdir / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2))
    progress(100, "layers written")
    return EXIT_OK


def _class_labels(figures: Any, ph: Any) -> dict[str, str]:
    """Legend text per land-use class: letter codes and the code-list label (as ryhti map)."""
    out = {}
    for cls in figures.classes:
        names = [ph.label("RY_Kaavamaarayslaji", code) for code in cls.codes]
        letters = ", ".join(cls.letter_identifiers)
        text = ", ".join(names)
        out[cls.key] = f"{letters} {text}".strip() if letters else text
    return out


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text(value: Any, lang: str) -> str | None:
    fn = getattr(value, "text", None)
    if callable(fn):
        text = fn(lang)
        return text.strip() if isinstance(text, str) and text.strip() else None
    return None


def _code_tail(uri: Any) -> str | None:
    from ryhti.codelists import bare_code

    return bare_code(uri) if isinstance(uri, str) and uri.strip() else None


# -- command line --------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ryhti_qgis.bridge", description=__doc__)
    sub = parser.add_subparsers(dest="job", required=True)
    for job in ("findings", "layers"):
        p = sub.add_parser(job)
        p.add_argument("plan")
        p.add_argument("outdir")
        p.add_argument("--lang", default="fi", choices=("fi", "sv", "en"))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one job; every failure becomes one ``ryhti: error:`` line and exit code 2 or 3."""
    args = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in args:
        cut = args.index("--")
        args, extra = args[:cut], args[cut + 1 :]
    ns = _parser().parse_args(args)
    try:
        if ns.job == "findings":
            return findings_job(ns.plan, Path(ns.outdir), ns.lang, extra)
        lang = "sv" if ns.lang == "sv" else "fi"
        return layers_job(ns.plan, Path(ns.outdir), lang)
    except BridgeError as exc:
        print(f"ryhti: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        from ryhti.errors import RyhtiError

        if isinstance(exc, RyhtiError):
            print(f"ryhti: error: {exc}", file=sys.stderr)
            return getattr(exc, "exit_code", EXIT_USAGE)
        print(
            f"ryhti: internal error: {type(exc).__name__}: {exc} "
            "(a bug in the ryhti QGIS plugin's toolkit side; please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
