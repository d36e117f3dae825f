"""Gathering: read every source for the area, clip, count and measure, one by one.

A source that times out, answers 4xx/5xx or something unreadable is recorded as
failed with one line saying why, and the other sources still complete; a failed
source contributes no layer at all, so nothing partial looks whole. ``offline``
reads only the cache, and says so per source when an answer is not there.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ryhti.lahtotiedot.area import GatherArea
from ryhti.lahtotiedot.cache import Cache, default_cache_dir
from ryhti.lahtotiedot.readers import SourceError, read_source
from ryhti.lahtotiedot.sources import SourceSpec

__all__ = ["GatherResult", "SourceResult", "gather"]

#: Themes whose features are kept whole (a population cell is weighed by its share).
KEEP_WHOLE = frozenset({"vaesto", "plans"})


@dataclass
class SourceResult:
    """What one source gave: ``status`` is ``ok`` or ``failed`` (then ``message`` says why)."""

    spec: SourceSpec
    status: str
    message: str = ""
    frame: Any = None
    fetched: str = ""
    from_cache: bool = False
    features: int = 0
    inside_count: int = 0
    inside_area_m2: float | None = None
    inside_share: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class GatherResult:
    area: GatherArea
    buffer: float
    results: list[SourceResult] = field(default_factory=list)

    @property
    def failed(self) -> list[SourceResult]:
        return [r for r in self.results if not r.ok]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _clean(frame: Any) -> Any:
    """Columns GeoPackage can hold: lists and mappings as JSON text, padding trimmed."""
    import pandas as pd

    for column in frame.columns:
        values = frame[column]
        if column == frame.geometry.name or not (
            values.dtype == object or pd.api.types.is_string_dtype(values.dtype)
        ):
            continue
        if values.map(lambda v: isinstance(v, list | dict)).any():
            frame[column] = values.map(
                lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
            )
        if values.map(lambda v: isinstance(v, str) or v is None).all():
            # Museovirasto pads its text fields with spaces ("Kissasaari      ").
            frame[column] = values.map(lambda v: v.strip() if isinstance(v, str) else v)
    return frame


def _clip(frame: Any, spec: SourceSpec, keep: Any) -> Any:
    """The features touching ``keep``, cut to it (points and whole-kept themes stay whole)."""
    geoms = np.asarray(frame.geometry.values, dtype=object)
    present = ~shapely.is_missing(geoms)
    touching = present.copy()
    touching[present] = shapely.intersects(geoms[present], keep)
    frame = frame[touching].copy()
    if spec.theme not in KEEP_WHOLE and len(frame):
        cut = shapely.intersection(np.asarray(frame.geometry.values, dtype=object), keep)
        frame = frame.set_geometry(
            shapely.make_valid(cut) if not shapely.is_valid(cut).all() else cut, crs=frame.crs
        )
        frame = frame[~shapely.is_empty(np.asarray(frame.geometry.values, dtype=object))]
    return frame.reset_index(drop=True)


def _measure(result: SourceResult, area: Any) -> None:
    frame = result.frame
    result.features = len(frame)
    if not len(frame):
        result.inside_count = 0
        return
    geoms = np.asarray(frame.geometry.values, dtype=object)
    inside = shapely.intersects(geoms, area) & ~shapely.touches(geoms, area)
    result.inside_count = int(inside.sum())
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))
    if polygonal.any():
        parts = shapely.intersection(geoms[polygonal & inside], area)
        covered = shapely.union_all(parts) if len(parts) else shapely.Polygon()
        result.inside_area_m2 = float(shapely.area(covered))
        result.inside_share = result.inside_area_m2 / float(shapely.area(area))


def gather(
    area: GatherArea,
    specs: Sequence[SourceSpec],
    *,
    buffer: float = 200.0,
    offline: bool = False,
    cache_dir: str | Path | None = None,
    timeout: float = 30.0,
    progress: Callable[[SourceResult], None] | None = None,
) -> GatherResult:
    """Read each source for ``area`` grown by ``buffer`` metres; failures stay per source."""
    keep = area.buffered(buffer)
    shapely.prepare(keep)
    cache = Cache(cache_dir or default_cache_dir())
    area_wkb = shapely.to_wkb(shapely.normalize(shapely.set_precision(keep, 0.001)))
    bbox = tuple(float(v) for v in keep.bounds)
    out = GatherResult(area, buffer)
    for spec in specs:
        key = cache.key(spec, area_wkb, area.crs)
        result = _one(spec, key, cache, bbox, keep, area, offline, timeout)
        out.results.append(result)
        if progress is not None:
            progress(result)
    return out


def _one(
    spec: SourceSpec,
    key: str,
    cache: Cache,
    bbox: tuple[float, ...],
    keep: Any,
    area: GatherArea,
    offline: bool,
    timeout: float,
) -> SourceResult:
    if offline:
        cached = cache.load(key)
        if cached is None:
            return SourceResult(
                spec, "failed", "not in the cache for this area (run once without --offline)"
            )
        result = SourceResult(spec, "ok", frame=cached.frame, fetched=cached.fetched)
        result.from_cache = True
    else:
        fetched = _now()
        try:
            frame = read_source(spec, bbox, area.crs, timeout)  # type: ignore[arg-type]
            frame = _clip(_clean(frame), spec, keep)
        except SourceError as exc:
            message = str(exc)
            if cache.load(key) is not None:
                message += " (an earlier answer is in the cache: --offline uses it)"
            return SourceResult(spec, "failed", message)
        cache.store(key, frame, fetched, spec)
        result = SourceResult(spec, "ok", frame=frame, fetched=fetched)
    _measure(result, area.geometry)
    return result
