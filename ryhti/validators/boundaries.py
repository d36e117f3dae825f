"""Municipality and region boundaries shipped with the package, so G019 works out of the box.

Syke's validator checks that a plan lies in the municipality (or, for a regional plan, the
region) its ``administrativeAreaIdentifiers`` name. Without boundary data the local check
could not run, and a plan filed under the wrong municipality passed with exit 0. The
package therefore carries a dated snapshot, ``ryhti/schemas/boundaries.json``: every
municipality (309) and region (19) of the 2024 municipal division, generalised, in
EPSG:3067, with codes and Finnish and Swedish names. It is a GeoJSON FeatureCollection
(``kind`` = ``municipality`` or ``region`` per feature) with the snapshot's metadata in
a ``ryhti`` member, so QGIS opens it as it is.

**Source and licence.** The boundaries are the National Land Survey of Finland's
(Maanmittauslaitos) municipal division, published as open data under CC BY 4.0 (also by
Statistics Finland as its statistical units, ``tilastointialueet:kunta1000k_<year>`` and
``maakunta1000k_<year>``, CC BY 4.0). They are generalised at the source (a municipality
has tens to hundreds of vertices) and simplified further here with GEOS coverage
simplification (``shapely.coverage_simplify``, tolerance :data:`TOLERANCE`), which keeps
neighbours sharing their edges; coordinates are rounded to 1 m. A boundary may therefore
lie up to about 170 m from the generalised source and further from the 1:10 000 one
Syke checks against, which is why G019 reports only parts beyond ``boundary-tolerance``
(500 m). See ``docs/boundaries.md``.

**Refresh** (like ``ryhti codelists update``; the file is written atomically, only when
complete, and keeps its date when nothing changed)::

    python -m ryhti.validators.boundaries                       # Statistics Finland WFS, this year
    python -m ryhti.validators.boundaries --year 2025
    python -m ryhti.validators.boundaries --municipalities kunnat.geojson --regions maakunnat.geojson
    python -m ryhti.validators.boundaries --check ...           # exit 1 if the snapshot differs

Any GeoJSON FeatureCollection in EPSG:3067 with a code property (``code``, ``kunta``,
``maakunta``, ``natcode``) serves as a source, local or by URL.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import functools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.codelists import bare_code
from ryhti.errors import InputError, RyhtiError
from ryhti.io import dump_json, parse_json, read_json, write_atomic

__all__ = [
    "FORMAT",
    "TOLERANCE",
    "Area",
    "Boundaries",
    "build",
    "load",
    "main",
    "shipped",
    "snapshot_path",
]

FORMAT = "ryhti-boundaries/1"
#: GEOS coverage-simplification tolerance (m, about the square root of the largest
#: triangle area removed): ≈ 0.9 MB for the whole country, boundaries within ≈ 170 m of
#: the generalised source.
TOLERANCE = 100.0
SRID = "3067"
LICENCE = "CC BY 4.0"
ATTRIBUTION = (
    "Contains data from the National Land Survey of Finland, municipal division "
    "(Kuntajako), {year}, CC BY 4.0"
)
#: Statistics Finland's open WFS of statistical units (no key; CC BY 4.0).
STAT_FI_WFS = (
    "https://geo.stat.fi/geoserver/tilastointialueet/wfs?service=WFS&version=2.0.0"
    "&request=GetFeature&typeName=tilastointialueet:{layer}&outputFormat=application/json"
    "&srsName=EPSG:3067"
)
_CODE_KEYS = ("code", "kunta", "maakunta", "natcode", "tunnus")
_KINDS = {"municipality": 3, "region": 2}  # code lengths


def snapshot_path() -> Path:
    """Where the shipped snapshot lives (``ryhti/schemas/boundaries.json`` once installed)."""
    from ryhti.schemas import path

    return Path(str(path("boundaries.json")))


@dataclass(frozen=True)
class Area:
    """One municipality or region: code, kind, names, and its geometry (built on demand)."""

    code: str
    kind: str
    names: dict[str, str]
    coordinates: Any = field(repr=False)
    gtype: str = "MultiPolygon"

    @functools.cached_property
    def geometry(self) -> Any:
        """The shapely geometry (EPSG:3067 in the shipped snapshot)."""
        import shapely

        from ryhti.model.geometry import to_shapely

        geom = to_shapely([{"type": self.gtype, "coordinates": self.coordinates}])[0]
        return geom if geom is not None else shapely.MultiPolygon()


@dataclass(frozen=True)
class Boundaries:
    """A set of boundaries: the shipped snapshot or a file the user configured."""

    areas: dict[str, Area]
    srid: str = SRID
    meta: dict[str, Any] = field(default_factory=dict)

    def get(self, code: str) -> Area | None:
        """The area with this code (``091``, ``01``; a code URI's last part also works)."""
        return self.areas.get(bare_code(str(code)))

    @property
    def description(self) -> str:
        """One line for messages and ``rules --explain``: what, when, from where."""
        meta = self.meta
        if not meta:
            return "boundaries file"
        return (
            f"generalised boundaries {meta.get('vintage', '?')} "
            f"(snapshot {meta.get('snapshot_date', '?')}, {meta.get('licence', '')})"
        )


def _kind_of(code: str, given: str | None) -> str:
    if given in _KINDS:
        return given
    return "region" if len(code) == 2 else "municipality"


def _from_collection(data: Any, source: str) -> Boundaries:
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise InputError("not a GeoJSON FeatureCollection", source=source)
    meta: dict[str, Any] = data["ryhti"] if isinstance(data.get("ryhti"), dict) else {}
    srid = meta.get("srid") if meta else None
    if srid is None:
        crs = ((data.get("crs") or {}).get("properties") or {}).get("name", "")
        srid = str(crs).rsplit(":", 1)[-1] if crs else SRID
    areas: dict[str, Area] = {}
    for n, feature in enumerate(data["features"]):
        where = f"$.features[{n}]"
        if not isinstance(feature, dict):
            raise InputError("a feature is not a GeoJSON object", source=source, where=where)
        props = feature.get("properties")
        if not isinstance(props, dict):
            raise InputError(
                "the feature has no properties object", source=source, where=f"{where}.properties"
            )
        code = _code(props)
        if code is None:
            raise InputError(
                "the feature has no area code",
                source=source,
                where=f"{where}.properties",
                hint=f"give each feature one of the properties {', '.join(_CODE_KEYS)}",
            )
        geom = feature.get("geometry")
        if (
            not isinstance(geom, dict)
            or geom.get("type") not in ("Polygon", "MultiPolygon")
            or not isinstance(geom.get("coordinates"), list)
        ):
            raise InputError(
                f"the boundary of {code} is not a Polygon or MultiPolygon with coordinates",
                source=source,
                where=f"{where}.geometry",
            )
        areas[code] = Area(
            code,
            _kind_of(code, props.get("kind")),
            _names(props),
            geom["coordinates"],
            geom["type"],
        )
    return Boundaries(areas, str(srid), dict(meta))


@functools.cache
def shipped() -> Boundaries:
    """The snapshot shipped with the package."""
    path = snapshot_path()
    return _from_collection(read_json(path), str(path))


@functools.cache
def load(path: str) -> Boundaries:
    """Boundaries from a GeoJSON file (a snapshot of this module, or any FeatureCollection
    with a ``code``/``kunta``/``natcode`` property per feature)."""
    return _from_collection(read_json(path), path)


# -- building a snapshot ---------------------------------------------------------------------


def _code(props: dict[str, Any]) -> str | None:
    for key in _CODE_KEYS:
        value = props.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _names(props: dict[str, Any]) -> dict[str, str]:
    name = props.get("name")
    out: dict[str, str] = {}
    if isinstance(name, dict):
        for lang, key in (("fi", "fin"), ("sv", "swe"), ("en", "eng")):
            value = name.get(key) or name.get(lang)
            if isinstance(value, str) and value:
                out[lang] = value
    for lang, key in (("fi", "nimi"), ("sv", "namn")):
        value = props.get(key)
        if isinstance(value, str) and value and lang not in out:
            out[lang] = value
    if isinstance(name, str) and name and "fi" not in out:
        out["fi"] = name
    names = props.get("names")
    if isinstance(names, dict):
        out.update({k: v for k, v in names.items() if isinstance(v, str) and v})
    return out


def _features(data: Any, kind: str, source: str) -> list[tuple[str, dict[str, str], Any]]:
    """``(code, names, shapely geometry)`` of every polygonal feature, codes zero-padded."""
    import shapely

    from ryhti.model.geometry import to_shapely

    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise InputError("not a GeoJSON FeatureCollection", source=source)
    crs = ((data.get("crs") or {}).get("properties") or {}).get("name", "")
    if crs and not str(crs).endswith(("3067", "EPSG::3067")):
        raise InputError(f"the boundaries must be in EPSG:3067, not {crs}", source=source)
    width = _KINDS[kind]
    out = []
    for i, feature in enumerate(data["features"]):
        props = (feature or {}).get("properties") or {}
        code = _code(props)
        if code is None:
            raise InputError(
                f"feature {i} has no code property ({', '.join(_CODE_KEYS)})", source=source
            )
        geom = to_shapely([(feature or {}).get("geometry") or {}])[0]
        if geom is None or shapely.get_type_id(geom) not in (3, 6):
            raise InputError(f"feature {i} ({code}) has no polygon geometry", source=source)
        out.append((code.zfill(width), _names(props), geom))
    if not out:
        raise InputError("the FeatureCollection holds no features", source=source)
    return out


def _simplified(geoms: list[Any], tolerance: float) -> list[Any]:
    """Coverage-simplified (neighbours keep sharing their edges), rounded to 1 m, valid."""
    import numpy as np
    import shapely

    arr = np.array(geoms, dtype=object)
    if tolerance > 0:
        arr = shapely.coverage_simplify(arr, tolerance)
    arr = shapely.set_precision(arr, 1.0)
    bad = ~shapely.is_valid(arr)
    if bad.any():
        arr[bad] = shapely.make_valid(arr[bad])
    return list(shapely.force_2d(arr))


def _coordinates(geom: Any) -> list[Any]:
    """MultiPolygon coordinates as integers (metres)."""
    import shapely

    polys = shapely.get_parts(geom)
    out = []
    for poly in polys:
        if shapely.get_type_id(poly) != 3:
            continue
        oriented = shapely.orient_polygons(poly)
        rings = shapely.get_rings(oriented)  # the exterior first, then the holes
        out.append(
            [[[round(x), round(y)] for x, y in shapely.get_coordinates(r).tolist()] for r in rings]
        )
    return out


def build(
    municipalities: Any,
    regions: Any,
    *,
    sources: dict[str, str],
    origin: str | None = None,
    vintage: str,
    snapshot_date: str,
    tolerance: float = TOLERANCE,
) -> dict[str, Any]:
    """The snapshot document from two FeatureCollections (municipalities, regions).

    Deterministic: the same input gives the same document (features by kind and code).
    """
    features: list[dict[str, Any]] = []
    for kind, data in (("municipality", municipalities), ("region", regions)):
        found = _features(data, kind, sources.get(kind, kind))
        found.sort(key=lambda item: item[0])
        codes = [code for code, _, _ in found]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise InputError(f"{kind} codes occur twice: {', '.join(dupes)}", source=sources[kind])
        simple = _simplified([g for _, _, g in found], tolerance)
        for (code, names, _), geom in zip(found, simple, strict=True):
            features.append(
                {
                    "type": "Feature",
                    "properties": {"kind": kind, "code": code, "names": names},
                    "geometry": {"type": "MultiPolygon", "coordinates": _coordinates(geom)},
                }
            )
    return {
        "type": "FeatureCollection",
        "ryhti": {
            "format": FORMAT,
            "snapshot_date": snapshot_date,
            "vintage": vintage,
            "srid": SRID,
            "generator": "python -m ryhti.validators.boundaries",
            "sources": sources,
            **({"origin": origin} if origin else {}),
            "licence": LICENCE,
            "attribution": ATTRIBUTION.format(year=vintage),
            "simplification": {
                "method": "shapely.coverage_simplify (GEOS coverage simplification)",
                "tolerance_m": tolerance,
                "grid_m": 1.0,
            },
            "counts": {
                kind: sum(1 for f in features if f["properties"]["kind"] == kind) for kind in _KINDS
            },
        },
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3067"}},
        "features": features,
    }


def render(doc: dict[str, Any]) -> str:
    """The snapshot as written: one feature per line, compact, stable."""
    head = {k: v for k, v in doc.items() if k != "features"}
    lines = [dump_json(f, indent=None).rstrip("\n") for f in doc["features"]]
    body = dump_json(head, indent=1).rstrip("\n").rstrip("}").rstrip()
    return body + ',\n "features": [\n' + ",\n".join(lines) + "\n ]\n}\n"


def _read_source(location: str) -> Any:
    """A FeatureCollection from a file or an http(s) URL."""
    if re.match(r"https?://", location):
        import httpx

        try:
            response = httpx.get(location, timeout=120, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise InputError(f"cannot fetch the boundaries: {exc}", source=location) from exc
        return parse_json(response.text, location)
    return read_json(location)


def _same_features(path: Path, doc: dict[str, Any]) -> str | None:
    """The existing snapshot's date when its features and sources equal ``doc``'s."""
    if not path.exists():
        return None
    try:
        old = read_json(path)
    except RyhtiError:
        return None
    old_meta, new_meta = old.get("ryhti") or {}, doc["ryhti"]
    same = old.get("features") == doc["features"] and all(
        old_meta.get(k) == new_meta.get(k)
        for k in ("sources", "origin", "vintage", "simplification")
    )
    return old_meta.get("snapshot_date") if same else None


def main(argv: Sequence[str] | None = None) -> int:
    """Refresh (or ``--check``) the shipped boundaries snapshot."""
    parser = argparse.ArgumentParser(
        prog="python -m ryhti.validators.boundaries", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--year", help="vintage of the Statistics Finland layers (default: this year)"
    )
    parser.add_argument(
        "--municipalities", help="GeoJSON file or URL (default: Statistics Finland)"
    )
    parser.add_argument("--regions", help="GeoJSON file or URL (default: Statistics Finland)")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="simplification (m)")
    parser.add_argument("--date", help="snapshot date (default: today, kept when nothing changed)")
    parser.add_argument("-o", "--output", type=Path, help="where to write (default: the package)")
    parser.add_argument("--origin", help="where the source files come from (recorded as is)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the snapshot differs")
    args = parser.parse_args(argv)
    year = args.year or str(_dt.date.today().year)
    municipalities = args.municipalities or STAT_FI_WFS.format(layer=f"kunta1000k_{year}")
    regions = args.regions or STAT_FI_WFS.format(layer=f"maakunta1000k_{year}")
    vintage = args.year or _year_in(municipalities) or year
    target = args.output or snapshot_path()
    try:
        doc = build(
            _read_source(municipalities),
            _read_source(regions),
            sources={"municipality": _public(municipalities), "region": _public(regions)},
            origin=args.origin,
            vintage=vintage,
            snapshot_date=args.date or _dt.date.today().isoformat(),
            tolerance=args.tolerance,
        )
    except RyhtiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    kept = _same_features(target, doc)
    if kept and not args.date:
        doc["ryhti"]["snapshot_date"] = kept
    text = render(doc)
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current == text:
            print(f"{target}: up to date")
            return 0
        print(f"{target}: differs from what the sources give now; refresh it", file=sys.stderr)
        return 1
    if current != text:
        write_atomic(target, text)
    counts = doc["ryhti"]["counts"]
    size = len(text.encode("utf-8")) / 1e6
    print(
        f"{target}: {counts['municipality']} municipalities, {counts['region']} regions, "
        f"{size:.2f} MB, snapshot {doc['ryhti']['snapshot_date']}"
        + ("" if current != text else " (unchanged)")
    )
    return 0


def _year_in(location: str) -> str | None:
    m = re.search(r"(?<!\d)(20\d\d)(?!\d)", location)
    return m.group(1) if m else None


def _public(location: str) -> str:
    """How a source is recorded: a URL as it is, a file by its name only (no local paths)."""
    return location if re.match(r"https?://", location) else Path(location).name


if __name__ == "__main__":
    sys.exit(main())
