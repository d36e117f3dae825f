"""The answer cache: what each source gave for an area, so ``--offline`` can run again.

An entry is keyed by the source's request (service, URL, layer, filter, attributes)
and the area (its buffered geometry and CRS): the same source for another area, or
another filter, is another entry. The features are kept as a GeoPackage and a small
JSON beside it says when they were fetched; the JSON is written last, so an entry
without it (a run killed half-way) is never read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ryhti.errors import InputError
from ryhti.io import atomic_path, read_json, write_json
from ryhti.lahtotiedot.sources import SourceSpec

__all__ = ["Cache", "CachedAnswer", "default_cache_dir"]

FORMAT = "ryhti-lahtotiedot-cache/1"


def default_cache_dir() -> Path:
    """``$RYHTI_CACHE_DIR``, else ``$XDG_CACHE_HOME/ryhti/lahtotiedot`` (``~/.cache``)."""
    explicit = os.environ.get("RYHTI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ryhti" / "lahtotiedot"


@dataclass(frozen=True)
class CachedAnswer:
    frame: Any
    fetched: str


class Cache:
    """Answers stored under ``folder``, one GeoPackage and one JSON per source and area."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def key(self, spec: SourceSpec, area_wkb: bytes, crs: str) -> str:
        identity = json.dumps(spec.identity(), sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256()
        digest.update(identity.encode("utf-8"))
        digest.update(crs.encode("ascii"))
        digest.update(area_wkb)
        return f"{spec.name}-{digest.hexdigest()[:24]}"

    def load(self, key: str) -> CachedAnswer | None:
        """The cached answer, or ``None`` when there is none (or only half of one)."""
        meta_path = self.folder / f"{key}.json"
        if not meta_path.is_file():
            return None
        try:
            meta = read_json(meta_path)
        except InputError:
            return None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            return None
        import pyogrio

        data_path = self.folder / f"{key}.gpkg"
        if not data_path.is_file():
            return None
        frame = pyogrio.read_dataframe(data_path, layer="features")
        return CachedAnswer(frame, str(meta.get("fetched", "")))

    def store(self, key: str, frame: Any, fetched: str, spec: SourceSpec) -> None:
        import pyogrio

        with atomic_path(self.folder / f"{key}.gpkg", ".gpkg") as tmp:
            pyogrio.write_dataframe(
                frame, tmp, layer="features", driver="GPKG", geometry_type="Unknown"
            )
        write_json(
            self.folder / f"{key}.json",
            {
                "format": FORMAT,
                "source": spec.name,
                "request": spec.identity(),
                "fetched": fetched,
                "features": len(frame),
                "stored": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            },
        )
