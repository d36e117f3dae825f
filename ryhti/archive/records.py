"""One plan (and its matter) → the rows the archive stores, whatever the backend.

Everything slow happens here, before a store is touched: reading and hashing the plan,
building its geometries in bulk (reprojected into the archive's coordinate system),
rendering each regulation in plain Finnish and Swedish, and turning every text into index
terms (:mod:`ryhti.archive.terms`). A :class:`PreparedPlan` holds only plain values, so it
can be made in a worker process and written by the one process that holds the archive's
write lock, and a backend writes it without knowing anything about the RYHTI model.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ryhti.archive.lifecycle import (
    IN_FORCE,
    RANK,
    code_tail,
    infer_level,
    lifecycle_of,
    municipality_code,
    normalise_level,
)
from ryhti.archive.regulations import GroupRow, RegulationRow, regulation_rows
from ryhti.errors import InputError
from ryhti.model import PlanMatterCreate, RyhtiGeometry, from_json
from ryhti.model.geometry import to_shapely

__all__ = [
    "AddOptions",
    "CancellationRow",
    "ObjectRows",
    "PlanInput",
    "PreparedPlan",
    "ewkb",
    "prepare",
    "reproject",
]

#: Findings kept with an archived plan (the counts are always complete).
KEPT_FINDINGS = 50


@dataclass(slots=True)
class AddOptions:
    """What ``ryhti archive add`` was told besides the files."""

    srid: int = 3067
    plan_type: str | None = None
    municipality: str | None = None
    permanent_id: str | None = None
    name: str | None = None
    validate: bool = True


@dataclass(slots=True)
class PlanInput:
    """One plan to add: its parsed JSON, the matter it belongs to, where it came from."""

    data: dict[str, Any]
    matter: dict[str, Any] | None
    source: str
    stat: tuple[int, int] | None = None  # (size, mtime_ns) of the source file
    part: str = ""  # which plan of a matter file (``phase 2``), else ""
    raw: bytes | None = None  # the file's bytes when it holds just this plan (stored as is)


@dataclass(slots=True)
class ObjectRows:
    """The plan objects, column by column, in plan order."""

    keys: list[str | None]
    names: list[str | None]
    numbers: list[int | None]
    letters: list[str | None]
    main_uses: list[str | None]
    lifecycles: list[str | None]
    underground: list[int]
    types: list[str | None]
    wkb: list[bytes | None]
    bounds: np.ndarray  # (n, 4): minx, miny, maxx, maxy; NaN where there is no geometry

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(slots=True)
class CancellationRow:
    """One thing this plan cancels: a whole plan, an object, a group or a group relation."""

    target: str  # planKey or permanent plan identifier (the tail of cancelledPlanUri)
    entire_plan: bool
    kind: str  # "plan", "object", "general_group", "group_relation"
    object_key: str | None = None
    group_key: str | None = None
    entire_object: bool = True
    validity_wkb: bytes | None = None


@dataclass(slots=True)
class PreparedPlan:
    """A plan ready to be written: metadata, rows, links, cancellations, documents."""

    source: str
    stat: tuple[int, int] | None
    plan_key: str
    lifecycle: str | None
    content_hash: str
    meta: dict[str, Any]
    area_wkb: bytes | None
    area_bounds: tuple[float, float, float, float] | None
    objects: ObjectRows
    groups: list[GroupRow]
    regulations: list[RegulationRow]
    links: list[tuple[int, int]]  # (group index, object index)
    cancellations: list[CancellationRow]
    validation: dict[str, Any] | None
    plan_document: bytes  # zlib-compressed plan JSON
    matter_document: bytes | None
    warnings: list[str] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return RANK.get(self.lifecycle or "", 0)

    @property
    def in_force_lifecycle(self) -> bool:
        return self.lifecycle in IN_FORCE


def _dumps(data: Any) -> bytes:
    try:
        import orjson

        return orjson.dumps(data)
    except (TypeError, ValueError, ImportError):  # an integer past 64 bits, …
        import json

        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _srid_of(geometry: Any) -> int | None:
    if isinstance(geometry, RyhtiGeometry) and isinstance(geometry.srid, str):
        text = geometry.srid.strip()
        return int(text) if text.isdigit() else None
    return None


def reproject(geoms: np.ndarray, src: int, dst: int) -> np.ndarray:
    """Reproject a shapely array between EPSG codes in one vectorised call."""
    if src == dst or not len(geoms):
        return geoms
    from pyproj import Transformer

    transformer = Transformer.from_crs(f"EPSG:{src}", f"EPSG:{dst}", always_xy=True)

    def fn(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, fn)


def ewkb(wkb: bytes, srid: int) -> bytes:
    """ISO/OGC WKB → PostGIS EWKB with ``srid`` (the SRID flag on the outer geometry only)."""
    order = "<" if wkb[0] == 1 else ">"
    gtype = int.from_bytes(wkb[1:5], "little" if order == "<" else "big")
    head = (gtype | 0x20000000).to_bytes(4, "little" if order == "<" else "big")
    return wkb[:1] + head + srid.to_bytes(4, "little" if order == "<" else "big") + wkb[5:]


def _raw_srid(item: Any) -> int | None:
    srid = item.get("srid") if isinstance(item, dict) else None
    if isinstance(srid, str):
        return _srid_text(srid)
    return srid if isinstance(srid, int) and not isinstance(srid, bool) else None


@functools.lru_cache(maxsize=64)
def _srid_text(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _geometries(items: list[Any], default_srid: int | None, target: int) -> np.ndarray:
    """Shapely geometries of ``items`` (RyhtiGeometry models or their JSON) in EPSG ``target``."""
    if items and isinstance(items[0], dict):
        geoms = to_shapely([i.get("geometry") if isinstance(i, dict) else None for i in items])
        srids = np.array([_raw_srid(i) or default_srid or 0 for i in items], dtype=np.int64)
    else:
        geoms = to_shapely(items)
        srids = np.array([_srid_of(g) or default_srid or 0 for g in items], dtype=np.int64)
    for src in np.unique(srids).tolist():
        if src == target:
            continue
        mask = (srids == src) & np.array([g is not None for g in geoms], dtype=bool)
        if not mask.any():
            continue
        if src == 0:
            geoms[mask] = None  # no coordinate system: cannot be placed on the map
            continue
        try:
            geoms[mask] = reproject(geoms[mask], src, target)
        except Exception:
            geoms[mask] = None
    return geoms


def _area(plan: Any, target: int) -> tuple[Any, int | None]:
    area = plan.geographical_area
    srid = _srid_of(area)
    geom = _geometries([area], srid, target)[0] if isinstance(area, RyhtiGeometry) else None
    if geom is None or shapely.is_empty(geom):
        return None, srid
    if not shapely.is_valid(geom):
        geom = shapely.make_valid(geom)
    polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    if not polys:
        return None, srid
    return shapely.MultiPolygon(polys), srid


def _language(value: Any, lang: str) -> str | None:
    text = getattr(value, lang, None)
    return text.strip() if isinstance(text, str) and text.strip() else None


def _matter_meta(matter: PlanMatterCreate | None) -> dict[str, Any]:
    if matter is None:
        return {}
    areas = matter.administrative_area_identifiers
    return {
        "permanent_id": matter.get("permanent_plan_identifier"),
        "plan_type": code_tail(matter.get("plan_type")),
        "name": _language(matter.name, "fin") or _language(matter.name, "swe"),
        "municipality": areas[0] if isinstance(areas, list) and areas else None,
        "producer_id": matter.get("producer_plan_identifier"),
    }


def _meta(plan: Any, matter: PlanMatterCreate | None, item: PlanInput, opts: AddOptions) -> dict:
    from_matter = _matter_meta(matter)
    plan_type = opts.plan_type or from_matter.get("plan_type")
    level = normalise_level(plan_type) if plan_type else None
    description = plan.get("plan_description")
    name = opts.name or from_matter.get("name")
    if not name and isinstance(description, str) and description.strip():
        name = " ".join(description.split())[:120]
    if not name:
        path = Path(item.source)
        generic = path.stem.lower() in ("plan", "kaava", "plan-json", "kaava-json", "out")
        name = (path.parent.name if generic and path.parent.name else path.stem) + (
            f" ({item.part})" if item.part else ""
        )
    period = plan.get("period_of_validity")
    return {
        "name": name,
        "description": description if isinstance(description, str) else None,
        "level": level or infer_level(plan),
        "plan_type": code_tail(plan_type) if plan_type else None,
        "municipality": municipality_code(opts.municipality) or from_matter.get("municipality"),
        "permanent_id": opts.permanent_id or from_matter.get("permanent_id"),
        "producer_id": from_matter.get("producer_id"),
        "approval_date": plan.get("approval_date")
        if isinstance(plan.get("approval_date"), str)
        else None,
        "valid_from": _date(getattr(period, "begin", None)),
        "valid_to": _date(getattr(period, "end", None)),
    }


def _date(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and value.strip() else None


def _cancellations(plan: Any, target: int, plan_srid: int | None) -> list[CancellationRow]:
    out: list[CancellationRow] = []
    infos = plan.get("plan_cancellation_infos", [])
    for info in infos if isinstance(infos, list) else []:
        ref = _uri_tail(getattr(info, "cancelled_plan_uri", None))
        if ref is None:
            continue
        entire = getattr(info, "cancels_entire_plan", False) is True
        out.append(CancellationRow(ref, entire, "plan"))
        objects = info.get("plan_object_cancellation_infos", [])
        objects = [o for o in objects if hasattr(o, "cancelled_plan_object_uri")]
        geoms = _geometries([o.get("validity_geometry") for o in objects], plan_srid, target)
        for obj, geom in zip(objects, geoms, strict=True):
            whole = obj.get("cancels_entire_plan_object") is True
            out.append(
                CancellationRow(
                    ref,
                    entire,
                    "object",
                    object_key=_uri_tail(obj.cancelled_plan_object_uri),
                    entire_object=whole,
                    validity_wkb=None if whole or geom is None else shapely.to_wkb(geom),
                )
            )
        for uri in info.get("cancelled_general_regulation_group_uris", []) or []:
            out.append(CancellationRow(ref, entire, "general_group", group_key=_uri_tail(uri)))
        for rel in info.get("cancelled_group_relations", []) or []:
            out.append(
                CancellationRow(
                    ref,
                    entire,
                    "group_relation",
                    object_key=_uri_tail(getattr(rel, "plan_object_uri", None)),
                    group_key=_uri_tail(getattr(rel, "plan_regulation_group_uri", None)),
                )
            )
    return out


def _uri_tail(uri: Any) -> str | None:
    if not isinstance(uri, str) or not uri.strip():
        return None
    return uri.strip().rstrip("/").rpartition("/")[2] or None


def _text_of(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    for lang in ("fin", "swe"):
        text = value.get(lang)
        if isinstance(text, str) and text.strip():
            return text.strip()
    return None


def _objects(
    data: dict[str, Any], target: int, plan_srid: int | None, groups: list[GroupRow]
) -> tuple:
    """Object rows and group links straight from the plan JSON.

    The objects are most of a plan and need only a few plain fields here, so they are read
    from the JSON rather than built as models (the typed model of a 200-object plan costs
    more than everything else the archive does with it); anything of the wrong type reads
    as absent, as the model would keep it aside.
    """
    raw = data.get("planObjects")
    objects = [o for o in raw if isinstance(o, dict)] if isinstance(raw, list) else []
    geoms = (
        _geometries([o.get("geometry") for o in objects], plan_srid, target)
        if objects
        else np.empty(0, dtype=object)
    )
    index_of_group = {g.key: i for i, g in enumerate(groups) if g.kind == "plan"}
    keys = [
        o.get("planObjectKey") if isinstance(o.get("planObjectKey"), str) else None for o in objects
    ]
    index_of_object: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k is not None:
            index_of_object.setdefault(k, i)
    links: list[tuple[int, int]] = []
    letters: list[list[str]] = [[] for _ in objects]
    uses: list[list[str]] = [[] for _ in objects]
    relations = data.get("planRegulationGroupRelations")
    for rel in relations if isinstance(relations, list) else ():
        if not isinstance(rel, dict):
            continue
        gi = index_of_group.get(rel.get("planRegulationGroupKey"))  # type: ignore[arg-type]
        oi = index_of_object.get(rel.get("planObjectKey"))  # type: ignore[arg-type]
        if gi is None or oi is None:
            continue
        links.append((gi, oi))
        group = groups[gi]
        if group.letter and group.letter not in letters[oi]:
            letters[oi].append(group.letter)
        for use in group.main_uses:
            if use not in uses[oi]:
                uses[oi].append(use)
    bounds = shapely.bounds(geoms) if len(geoms) else np.empty((0, 4))
    wkb = shapely.to_wkb(geoms).tolist() if len(geoms) else []
    numbers = [o.get("objectNumber") for o in objects]
    rows = ObjectRows(
        keys=keys,
        names=[_text_of(o.get("name")) for o in objects],
        numbers=[n if isinstance(n, int) and not isinstance(n, bool) else None for n in numbers],
        letters=[", ".join(x) if x else None for x in letters],
        main_uses=[" ".join(x) if x else None for x in uses],
        lifecycles=[lifecycle_of(o.get("lifeCycleStatus")) for o in objects],
        underground=[1 if code_tail(o.get("undergroundStatus")) == "01" else 0 for o in objects],
        types=[g.geom_type if g is not None else None for g in geoms],
        wkb=wkb,
        bounds=np.asarray(bounds, dtype=float).reshape(-1, 4),
    )
    return rows, links


def _validate(plan: Any, meta: dict[str, Any], source: str) -> dict[str, Any]:
    """The validator's verdict on the whole plan (``plan``: its JSON), findings capped."""
    from ryhti.validators import validate

    result = validate(
        plan,
        plan_type=meta.get("plan_type"),
        municipality=meta.get("municipality"),
        source=source,
    )
    kept = [
        {
            "rule": f.rule,
            "severity": f.severity.value,
            "path": f.path,
            "message": f.text("fi") if hasattr(f, "text") else f.message,
        }
        for f in result.findings[:KEPT_FINDINGS]
    ]
    counts = result.counts
    return {
        "valid": result.ok,
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
        "findings": kept,
    }


def prepare(item: PlanInput, opts: AddOptions) -> PreparedPlan:
    """Everything the archive stores about one plan, computed without touching a store."""
    data = item.data
    if not isinstance(data, dict) or "planKey" not in data:
        raise InputError("not a RYHTI plan (no planKey)", source=item.source, where="$")
    # The plan without its objects as a typed model (groups, general regulations,
    # cancellations, dates); the objects are read from the JSON by _objects().
    shell = {
        k: v for k, v in data.items() if k not in ("planObjects", "planRegulationGroupRelations")
    }
    plan = from_json(shell, "plan", source=item.source)
    key = plan.plan_key
    if not isinstance(key, str) or not key.strip():
        raise InputError("planKey is not a string", source=item.source, where="$.planKey")
    matter = None
    if item.matter is not None:
        loaded = from_json(item.matter, "matter", source=item.source)
        matter = loaded if isinstance(loaded, PlanMatterCreate) else None
    meta = _meta(plan, matter, item, opts)
    plan_bytes = item.raw if item.raw is not None else _dumps(data)
    matter_bytes = _dumps(item.matter) if item.matter is not None else None
    digest = hashlib.sha256(plan_bytes)
    digest.update(_dumps(sorted((k, str(v)) for k, v in meta.items())))
    if matter_bytes:
        digest.update(matter_bytes)
    area, plan_srid = _area(plan, opts.srid)
    groups, regulations = regulation_rows(plan)
    objects, links = _objects(data, opts.srid, plan_srid, groups)
    meta["srid_source"] = plan_srid
    validation = _validate(data, meta, item.source) if opts.validate else None
    warnings = []
    if area is None:
        warnings.append("the plan area (geographicalArea) cannot be built; the plan has no area")
    missing = sum(1 for w in objects.wkb if w is None)
    if missing:
        warnings.append(f"{missing} plan objects have no usable geometry (stored without one)")
    return PreparedPlan(
        source=item.source,
        stat=item.stat,
        plan_key=key.strip(),
        lifecycle=lifecycle_of(plan.life_cycle_status),
        content_hash=digest.hexdigest(),
        meta=meta,
        area_wkb=shapely.to_wkb(area) if area is not None else None,
        area_bounds=tuple(shapely.bounds(area).tolist()) if area is not None else None,
        objects=objects,
        groups=groups,
        regulations=regulations,
        links=links,
        cancellations=_cancellations(plan, opts.srid, plan_srid),
        validation=validation,
        plan_document=zlib.compress(plan_bytes, 1),
        matter_document=zlib.compress(matter_bytes, 6) if matter_bytes else None,
        warnings=warnings,
    )
