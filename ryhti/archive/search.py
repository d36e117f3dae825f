"""``ryhti search``: ranked regulation hits across every archived plan.

A hit is one regulation (or recommendation) of one plan version: the plan, the group
(letter sign and title), the regulation (code, the code list's label, value, the sentence
a planner reads), the objects it applies to (how many, and the first few — inside the
``--within``/``--near`` area when one is given; general regulations apply to the whole
plan area) and a snippet with the words that matched marked. Ranking is BM25 in the
GeoPackage archive and PostgreSQL's ``ts_rank`` in PostGIS, the regulation's own words
weighing four times its group's title; ties go in archive order.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ryhti.archive.lifecycle import municipality_code, normalise_level, status_text
from ryhti.archive.store import ArchiveStore, SearchSpec
from ryhti.archive.terms import QueryWord, fts5_query, highlight, mark, parse_query, tsquery
from ryhti.errors import InputError, UsageError

__all__ = ["SearchRequest", "expand_codes", "read_area", "run_search"]


@dataclass(slots=True)
class SearchRequest:
    """What ``ryhti search`` was asked, before it is turned into a :class:`SearchSpec`."""

    query: str = ""
    codes: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    level: str | None = None
    municipality: str | None = None
    in_force: bool = False
    history: bool = False
    within: str | None = None
    near: tuple[float, float, float] | None = None
    srid: int | None = None
    limit: int = 20
    today: str | None = None
    rank_all: bool = False


def expand_codes(codes: tuple[str, ...]) -> list[str]:
    """Regulation codes and every narrower code under them (``asumisenAlue`` → ``AK``, …)."""
    from ryhti.archive.lifecycle import code_tail
    from ryhti.codelists import registry

    code_list = registry().get("RY_Kaavamaarayslaji")
    out: list[str] = []
    for raw in codes:
        value = code_tail(raw) or raw
        found = code_list.get(value) if code_list is not None else None
        if found is None and code_list is not None:
            match = [c for c in code_list if c.value.lower() == value.lower()]
            found = match[0] if match else None
        if found is None:
            raise UsageError(
                f"{raw!r} is not a code of RY_Kaavamaarayslaji",
                hint="ryhti codelists show RY_Kaavamaarayslaji lists them",
            )
        out.append(found.value)
        out.extend(c.value for c in code_list.descendants(found))
    return list(dict.fromkeys(out))


def read_area(path: str, srid: int) -> bytes:
    """The area of ``--within FILE`` (GeoJSON, a plan JSON or any OGR source) as WKB in the
    archive's coordinate system; all its polygons (and other shapes) together."""
    import shapely

    from ryhti.archive.records import reproject

    source = Path(path)
    if not source.exists():
        raise InputError("no such file", source=source)
    geoms: list[Any] = []
    src_srid: int | None = None
    if source.suffix.lower() in (".json", ".geojson"):
        from ryhti.io import read_json
        from ryhti.model.geometry import to_shapely

        data = read_json(source)
        if isinstance(data, dict) and "planKey" in data:
            area = data.get("geographicalArea") or {}
            src_srid = int(str(area.get("srid", "0")) or 0) or None
            geoms = [g for g in to_shapely([area]) if g is not None]
        else:
            features = (
                data.get("features", [])
                if isinstance(data, dict) and data.get("type") == "FeatureCollection"
                else [data]
            )
            shapes = [f.get("geometry", f) if isinstance(f, dict) else None for f in features]
            geoms = [g for g in to_shapely(shapes) if g is not None]
            crs = data.get("crs", {}) if isinstance(data, dict) else {}
            name = (
                str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
            )
            tail = name.rpartition(":")[2]
            src_srid = int(tail) if tail.isdigit() else 4326
    else:
        import pyogrio

        try:
            frame = pyogrio.read_dataframe(source)
        except Exception as exc:
            raise InputError(f"cannot read an area from it: {exc}", source=source) from None
        geoms = [g for g in frame.geometry if g is not None]
        src_srid = frame.crs.to_epsg() if frame.crs is not None else None
    if not geoms:
        raise InputError("holds no geometry to search within", source=source)
    area = shapely.union_all(shapely.make_valid(geoms))
    if src_srid is None:
        raise InputError("its coordinate system is unknown", source=source)
    if src_srid != srid:
        area = reproject(__import__("numpy").array([area], dtype=object), src_srid, srid)[0]
    return shapely.to_wkb(area)


def _spec(store: ArchiveStore, req: SearchRequest) -> tuple[SearchSpec, list[QueryWord]]:
    words = parse_query(req.query) if req.query.strip() else []
    if not words and not (req.codes or req.signs or req.within or req.near):
        raise UsageError(
            "nothing to search for", hint="give words, or --code, --sign, --within or --near"
        )
    near = req.near
    if near is not None and req.srid and req.srid != store.srid:
        import numpy as np
        import shapely

        from ryhti.archive.records import reproject

        point = reproject(
            np.array([shapely.Point(near[0], near[1])], dtype=object), req.srid, store.srid
        )[0]
        near = (point.x, point.y, near[2])
    spec = SearchSpec(
        fts5=fts5_query(words) if words else None,
        tsquery=tsquery(words) if words else None,
        codes=expand_codes(req.codes) if req.codes else (),
        signs=req.signs,
        level=normalise_level(req.level),
        municipality=municipality_code(req.municipality),
        in_force=req.in_force,
        history=req.history,
        today=req.today or _dt.date.today().isoformat(),
        area_wkb=read_area(req.within, store.srid) if req.within else None,
        near=near,
        limit=req.limit,
    )
    spec.extra["rank_all"] = req.rank_all
    return spec, words


def _snippet(row: dict[str, Any], words: list[QueryWord]) -> dict[str, Any]:
    candidates = [
        (row.get("text_fi"), True),
        (row.get("text_sv"), False),
        (row.get("sentence_fi"), True),
        (" ".join(x for x in (row.get("letter"), row.get("title_fi")) if x), True),
        (row.get("title_sv"), False),
        (row.get("code_label"), True),
    ]
    first = None
    for text, finnish in candidates:
        if not text:
            continue
        snippet, spans = highlight(text, words, finnish)
        if first is None:
            first = (snippet, spans)
        if spans or not words:
            return {"text": snippet, "highlights": [list(s) for s in spans]}
    snippet, spans = first or ("", [])
    return {"text": snippet, "highlights": [list(s) for s in spans]}


def _object_label(obj: dict[str, Any]) -> str:
    parts = [obj.get("letters"), obj.get("name")]
    if obj.get("object_number") is not None:
        parts.append(f"#{obj['object_number']}")
    return " ".join(p for p in parts if p) or (obj.get("object_key") or "?")[:8]


def run_search(store: ArchiveStore, req: SearchRequest) -> dict[str, Any]:
    """Search the archive: the hits, best first, as plain data (see the module docstring)."""
    spec, words = _spec(store, req)
    rows = store.search(spec)
    gids = [r["gid"] for r in rows if r["group_kind"] != "general"]
    objects = store.group_objects(sorted(set(gids)), spec, per_group=5) if gids else {}
    hits = []
    for rank, row in enumerate(rows, 1):
        count, first = (
            objects.get(row["gid"], (0, [])) if row["group_kind"] != "general" else (0, [])
        )
        hits.append(
            {
                "rank": rank,
                "score": round(float(row["score"]), 6),
                "_plan_fid": row["plan_fid"],
                "plan": {
                    "planKey": row["plan_key"],
                    "name": row["plan_name"],
                    "version": row["version"],
                    "level": row["level"],
                    "municipality": row["municipality"],
                    "permanentPlanIdentifier": row["permanent_id"],
                    "lifecycle": row["lifecycle"] or None,
                    "status": status_text(row, "fi", spec.today),
                    "validates": None if row["valid"] is None else bool(row["valid"]),
                },
                "group": {
                    "key": row["group_key"],
                    "kind": row["group_kind"],
                    "letterIdentifier": row["letter"],
                    "title": row["title_fi"],
                },
                "regulation": {
                    "key": row["regulation_key"],
                    "kind": row["kind"],
                    "code": row["code"],
                    "label": row["code_label"],
                    "value": row["value_text"],
                    "number": row["number"],
                    "unit": row["unit"],
                    "text": row["sentence_fi"],
                    "text_sv": row["sentence_sv"],
                },
                "objects": {
                    "count": count,
                    "wholePlan": row["group_kind"] == "general",
                    "first": [
                        {
                            "key": o["object_key"],
                            "label": _object_label(o),
                            "geometryType": o["geometry_type"],
                            "_wkb": o.get("wkb"),
                        }
                        for o in first
                    ],
                },
                "snippet": _snippet(row, words),
            }
        )
    return {
        "query": req.query,
        "terms": [list(w.keys) for w in words],
        "filters": {
            "codes": list(spec.codes),
            "signs": list(spec.signs),
            "level": spec.level,
            "municipality": spec.municipality,
            "inForce": spec.in_force,
            "history": spec.history,
            "within": req.within,
            "near": list(spec.near) if spec.near else None,
        },
        "archive": {"kind": store.kind, "srid": store.srid},
        "matches": spec.extra.get("matches"),
        "ranked": spec.extra.get("ranked"),
        "hits": hits,
    }


def render_text(result: dict[str, Any], colour: bool = False) -> str:
    """Hits for the terminal: plan, sign and title, snippet (matches bold), objects."""
    before, after = ("\033[1m", "\033[0m") if colour else ("«", "»")
    lines = []
    if not result["hits"]:
        return "no hits\n"
    if result.get("matches") is None and result.get("ranked"):
        lines.append(
            f"more than {result['ranked']} matches: the best of the first {result['ranked']} "
            "in archive order are shown (--rank-all ranks them all)"
        )
    for hit in result["hits"]:
        plan, group, reg, objs = hit["plan"], hit["group"], hit["regulation"], hit["objects"]
        place = ", ".join(x for x in (plan["level"], plan["municipality"], plan["status"]) if x)
        lines.append(f"{hit['rank']}. {plan['name']} ({place})")
        sign = " ".join(x for x in (group["letterIdentifier"], group["title"]) if x)
        kind = "yleismääräys" if group["kind"] == "general" else "kaavamääräys"
        if reg["kind"] == "recommendation":
            kind = "kaavasuositus"
        lines.append(
            f"   {kind}: {sign} · {reg['code'] or '-'}"
            + (f" = {reg['value']}" if reg["value"] and reg["code"] != "sanallinenMaarays" else "")
        )
        snip = hit["snippet"]
        lines.append(
            "   " + mark(snip["text"], [tuple(s) for s in snip["highlights"]], before, after)
        )
        if objs["wholePlan"]:
            lines.append("   koskee koko kaava-aluetta")
        else:
            shown = ", ".join(o["label"] for o in objs["first"])
            more = (
                f" (+{objs['count'] - len(objs['first'])})"
                if objs["count"] > len(objs["first"])
                else ""
            )
            lines.append(f"   kohteet ({objs['count']}): {shown}{more}")
    return "\n".join(lines) + "\n"
