"""Checking any GeoTIFF against RYHTI's plan-map rules.

RYHTI's rules for the plan-map file (Syke's error catalogue and its GeoTIFF page):
RGB, 8 bits per sample, unsigned; no compression or LZW; predictor 1 or 2; pixel-
interleaved; orientation 1; strips or square tiles; GeoKeys present; CRS EPSG:3067
whatever the plan's own ``srid``; square pixels whose size is a power of two between
0.015625 and 256 m; an extent that covers the plan area.

The TIFF tags are read from the file itself (:func:`read_tiff_tags`), not through GDAL,
so the check sees exactly what Syke's server will see; GDAL (rasterio) interprets the
coordinate system. Every image of the file is checked (the overviews too: if Syke reads
them, they must meet the same rules), and two things RYHTI does not require but a GIS
user wants are reported as warnings: a nodata value (what lies outside the plan area
then does not cover a base map) and internal overviews (the file opens fast).
"""

from __future__ import annotations

import math
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ryhti.errors import InputError
from ryhti.findings import Severity
from ryhti.generators.figures import plan_boundary, reproject
from ryhti.model.plan import Plan

__all__ = [
    "MAX_PIXEL",
    "MIN_PIXEL",
    "TARGET_CRS",
    "Check",
    "check_geotiff",
    "is_pixel_size",
    "read_tiff_images",
    "read_tiff_tags",
]

#: Allowed pixel sizes in metres: powers of two from 2⁸ down to 2⁻⁶.
MAX_PIXEL = 256.0
MIN_PIXEL = 0.015625
PIXEL_SIZES: tuple[float, ...] = tuple(2.0**k for k in range(8, -7, -1))
TARGET_CRS = "3067"

#: TIFF tag numbers the check reads.
TAG = {
    "NewSubfileType": 254,
    "ImageWidth": 256,
    "ImageLength": 257,
    "BitsPerSample": 258,
    "Compression": 259,
    "Photometric": 262,
    "Orientation": 274,
    "SamplesPerPixel": 277,
    "PlanarConfiguration": 284,
    "Predictor": 317,
    "TileWidth": 322,
    "TileLength": 323,
    "SampleFormat": 339,
    "ModelPixelScale": 33550,
    "ModelTiepoint": 33922,
    "ModelTransformation": 34264,
    "GeoKeyDirectory": 34735,
    "GdalNodata": 42113,
}
COMPRESSION_NAMES = {
    1: "none",
    5: "LZW",
    6: "old JPEG",
    7: "JPEG",
    8: "Deflate",
    32946: "Deflate",
    32773: "PackBits",
    34925: "LZMA",
    50000: "ZSTD",
    50001: "WebP",
}


def is_pixel_size(size: float) -> bool:
    """True for a power of two between 0.015625 and 256 (within float noise)."""
    if not (size > 0 and math.isfinite(size)):
        return False
    exponent = math.log2(size)
    return abs(exponent - round(exponent)) < 1e-9 and MIN_PIXEL <= size <= MAX_PIXEL


# ------------------------------------------------------------------------------------------
# Checking
# ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Check:
    """One rule applied to one file: passed or not, and why."""

    rule: str
    ok: bool
    message: str
    fi: str = ""
    severity: Severity = Severity.ERROR


_TYPES = {
    1: ("B", 1),
    2: ("s", 1),
    3: ("H", 2),
    4: ("I", 4),
    5: ("II", 8),
    6: ("b", 1),
    7: ("B", 1),
    8: ("h", 2),
    9: ("i", 4),
    10: ("ii", 8),
    11: ("f", 4),
    12: ("d", 8),
    16: ("Q", 8),
    17: ("q", 8),
    18: ("Q", 8),
}


def read_tiff_tags(path: str | Path) -> dict[int, tuple[Any, ...]]:
    """The tags of the first image of a TIFF or BigTIFF file, by tag number.

    Raises :class:`InputError` if the file is not a TIFF.
    """
    return read_tiff_images(path, limit=1)[0]


def read_tiff_images(path: str | Path, *, limit: int = 64) -> list[dict[int, tuple[Any, ...]]]:
    """The tags of every image (IFD) of a TIFF or BigTIFF file: the main image, then its
    overviews and masks, at most ``limit``.

    Raises :class:`InputError` if the file is not a TIFF.
    """
    p = Path(path)
    try:
        fh = p.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=p) from exc
    images: list[dict[int, tuple[Any, ...]]] = []
    with fh:
        head = fh.read(16)
        if len(head) < 8 or head[:2] not in (b"II", b"MM"):
            raise InputError("not a TIFF file", source=p)
        order = "<" if head[:2] == b"II" else ">"
        (magic,) = struct.unpack(order + "H", head[2:4])
        if magic == 42:
            (offset,) = struct.unpack(order + "I", head[4:8])
            count_fmt, entry_size, inline, offset_fmt = "H", 12, 4, "I"
        elif magic == 43:
            (offset,) = struct.unpack(order + "Q", head[8:16])
            count_fmt, entry_size, inline, offset_fmt = "Q", 20, 8, "Q"
        else:
            raise InputError("not a TIFF file (bad magic number)", source=p)
        seen: set[int] = set()
        try:
            while offset and offset not in seen and len(images) < limit:
                seen.add(offset)
                fh.seek(offset)
                raw = fh.read(struct.calcsize(count_fmt))
                (count,) = struct.unpack(order + count_fmt, raw)
                if count > 4096:
                    raise InputError("TIFF directory is implausibly large", source=p)
                entries = fh.read(count * entry_size)
                images.append(
                    _directory(fh, entries, count, magic, order, entry_size, inline, offset_fmt)
                )
                size = struct.calcsize(offset_fmt)
                fh.seek(offset + struct.calcsize(count_fmt) + count * entry_size)
                nxt = fh.read(size)
                offset = struct.unpack(order + offset_fmt, nxt)[0] if len(nxt) == size else 0
        except (struct.error, ValueError, OverflowError) as exc:
            # struct: a directory cut short; ValueError/OverflowError: an offset beyond
            # what a file position can be (e.g. 2**64-1 in a BigTIFF header).
            raise InputError("TIFF file is truncated or corrupt", source=p) from exc
    if not images:
        raise InputError("TIFF file is truncated or corrupt", source=p)
    return images


def _directory(
    fh: Any,
    entries: bytes,
    count: int,
    magic: int,
    order: str,
    entry_size: int,
    inline: int,
    offset_fmt: str,
) -> dict[int, tuple[Any, ...]]:
    tags: dict[int, tuple[Any, ...]] = {}
    for k in range(count):
        entry = entries[k * entry_size : (k + 1) * entry_size]
        if magic == 42:
            tag, typ, n = struct.unpack(order + "HHI", entry[:8])
            value_field = entry[8:12]
        else:
            tag, typ, n = struct.unpack(order + "HHQ", entry[:12])
            value_field = entry[12:20]
        if typ not in _TYPES:
            continue
        fmt, size = _TYPES[typ]
        total = size * n
        if total <= inline:
            data = value_field[:total]
        else:
            (where,) = struct.unpack(order + offset_fmt, value_field)
            if total > 64 * 1024 * 1024:
                continue
            here = fh.tell()
            fh.seek(where)
            data = fh.read(total)
            fh.seek(here)
        if typ == 2:
            tags[tag] = (data.rstrip(b"\0").decode("latin-1"),)
        elif len(fmt) == 2:
            values = struct.unpack(order + fmt[0] * (2 * n), data)
            tags[tag] = tuple(
                values[i] / values[i + 1] if values[i + 1] else math.nan
                for i in range(0, len(values), 2)
            )
        else:
            tags[tag] = struct.unpack(order + fmt * n, data)
    return tags


def _geokeys(tags: dict[int, tuple[Any, ...]]) -> dict[int, Any]:
    raw = tags.get(TAG["GeoKeyDirectory"])
    if not raw or len(raw) < 4:
        return {}
    out = {}
    n = raw[3]
    for i in range(n):
        base = 4 + 4 * i
        if base + 3 >= len(raw):
            break
        key, location, _count, value = raw[base : base + 4]
        if location == 0:
            out[key] = value
    return out


def _image_problems(tags: dict[int, tuple[Any, ...]]) -> list[str]:
    """What in one image breaks RYHTI's tag rules (empty: nothing)."""

    def first(name: str, default: Any) -> Any:
        value = tags.get(TAG[name])
        return value[0] if value else default

    problems = []
    if first("SamplesPerPixel", 1) != 3:
        problems.append(f"{first('SamplesPerPixel', 1)} samples")
    if tuple(tags.get(TAG["BitsPerSample"], (1,))) != (8, 8, 8):
        problems.append(f"bits {list(tags.get(TAG['BitsPerSample'], (1,)))}")
    if first("Compression", 1) not in (1, 5):
        problems.append(f"compression {first('Compression', 1)}")
    if first("Photometric", None) != 2:
        problems.append(f"photometric {first('Photometric', None)}")
    if first("PlanarConfiguration", 1) != 1:
        problems.append("planar")
    if first("Predictor", 1) not in (1, 2):
        problems.append(f"predictor {first('Predictor', 1)}")
    tile_w, tile_h = first("TileWidth", None), first("TileLength", None)
    if (tile_w is not None or tile_h is not None) and tile_w != tile_h:
        problems.append("tiles not square")
    return problems


def _other_images(images: list[dict[int, tuple[Any, ...]]], add: Any) -> None:
    """Overviews, nodata: what a GIS wants and whether the other images keep the rules."""
    main = images[0]
    bad = [(n, _image_problems(tags)) for n, tags in enumerate(images[1:], 1)]
    bad = [(n, p) for n, p in bad if p]
    listed = "; ".join(f"image {n}: {', '.join(p)}" for n, p in bad[:3])
    add(
        "other-images",
        not bad,
        f"all {len(images)} images of the file meet the tag rules",
        f"images besides the main one break RYHTI's tag rules ({listed}); "
        "Syke may reject the file if it reads them",
        f"tiedoston kaikki {len(images)} kuvaa täyttävät tunnistevaatimukset",
        f"pääkuvan lisäksi tiedostossa on kuvia, jotka eivät täytä RYHTIn vaatimuksia ({listed})",
        Severity.WARNING,
    )
    overviews = sum(1 for tags in images[1:] if tags.get(TAG["NewSubfileType"], (0,))[0] & 1)
    big = max(main.get(TAG["ImageWidth"], (0,))[0], main.get(TAG["ImageLength"], (0,))[0]) > 1024
    add(
        "overviews",
        overviews > 0 or not big,
        f"{overviews} internal overviews" if overviews else "small image: no overviews needed",
        "no internal overviews: a GIS reads the whole image to draw it small",
        f"{overviews} sisäistä yleistystasoa"
        if overviews
        else "pieni kuva: yleistystasoja ei tarvita",
        "ei sisäisiä yleistystasoja: paikkatieto-ohjelma lukee koko kuvan piirtääkseen sen pienenä",
        Severity.WARNING,
    )
    nodata = main.get(TAG["GdalNodata"])
    add(
        "nodata",
        nodata is not None,
        f"nodata value {nodata[0] if nodata else ''}: what lies outside the plan area is transparent",
        "no nodata value: what lies outside the plan area covers the base map",
        f"nodata-arvo {nodata[0] if nodata else ''}: kaava-alueen ulkopuoli on läpinäkyvä",
        "ei nodata-arvoa: kaava-alueen ulkopuolinen osa peittää taustakartan",
        Severity.WARNING,
    )


def check_geotiff(path: str | Path, *, plan: Plan | None = None) -> list[Check]:
    """Apply RYHTI's plan-map rules to a GeoTIFF; with ``plan``, also the extent rule.

    Raises :class:`InputError` when the file cannot be read as a TIFF at all.
    """
    import rasterio
    from rasterio.errors import RasterioIOError

    images = read_tiff_images(path)
    tags = images[0]
    checks: list[Check] = []

    def add(
        rule: str,
        ok: bool,
        good: str,
        bad: str,
        fi_good: str,
        fi_bad: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        checks.append(Check(rule, ok, good if ok else bad, fi_good if ok else fi_bad, severity))

    def tag(name: str, default: Any = None) -> Any:
        value = tags.get(TAG[name])
        return value if value is not None else default

    spp = tag("SamplesPerPixel", (1,))[0]
    add(
        "samples",
        spp == 3,
        "3 samples per pixel (RGB)",
        f"{spp} samples per pixel; RYHTI needs 3 (RGB, no alpha band)",
        "3 näytettä pikselissä (RGB)",
        f"{spp} näytettä pikselissä; RYHTI vaatii 3 (RGB, ei alfakanavaa)",
    )
    bits = tuple(tag("BitsPerSample", (1,)))
    add(
        "bits",
        bits == (8, 8, 8),
        "8 bits per sample",
        f"bits per sample {list(bits)}; RYHTI needs [8, 8, 8]",
        "8 bittiä näytettä kohden",
        f"bittejä näytettä kohden {list(bits)}; RYHTI vaatii [8, 8, 8]",
    )
    formats = set(tag("SampleFormat", (1,)))
    add(
        "sample-format",
        formats == {1},
        "unsigned integer samples",
        f"sample format {sorted(formats)}; RYHTI needs 1 (unsigned integer)",
        "etumerkittömät kokonaislukunäytteet",
        f"näytemuoto {sorted(formats)}; RYHTI vaatii 1 (etumerkitön kokonaisluku)",
    )
    photometric = tag("Photometric", (None,))[0]
    add(
        "photometric",
        photometric == 2,
        "photometric interpretation RGB",
        f"photometric interpretation {photometric}; RYHTI needs 2 (RGB, not YCbCr or palette)",
        "fotometrinen tulkinta RGB",
        f"fotometrinen tulkinta {photometric}; RYHTI vaatii 2 (RGB, ei YCbCr tai paletti)",
    )
    compression = tag("Compression", (1,))[0]
    name = COMPRESSION_NAMES.get(compression, str(compression))
    add(
        "compression",
        compression in (1, 5),
        f"compression {name}",
        f"compression {name} ({compression}); RYHTI accepts none (1) or LZW (5)",
        f"pakkaus {name}",
        f"pakkaus {name} ({compression}); RYHTI hyväksyy vain pakkaamattoman (1) tai LZW:n (5)",
    )
    predictor = tag("Predictor", (1,))[0]
    add(
        "predictor",
        predictor in (1, 2),
        f"predictor {predictor}",
        f"predictor {predictor}; RYHTI accepts 1 or 2",
        f"ennustin {predictor}",
        f"ennustin {predictor}; RYHTI hyväksyy 1 tai 2",
    )
    planar = tag("PlanarConfiguration", (1,))[0]
    add(
        "planar",
        planar == 1,
        "pixel-interleaved samples (planar configuration 1)",
        f"planar configuration {planar}; RYHTI needs 1 (pixel-interleaved)",
        "näytteet pikseleittäin (PlanarConfiguration 1)",
        f"PlanarConfiguration {planar}; RYHTI vaatii 1 (pikseleittäin)",
    )
    orientation = tag("Orientation", (1,))[0]
    add(
        "orientation",
        orientation == 1,
        "orientation 1 (top left)",
        f"orientation {orientation}; RYHTI needs 1 (top left)",
        "suunta 1 (vasen yläkulma)",
        f"suunta {orientation}; RYHTI vaatii 1 (vasen yläkulma)",
    )
    tile_w, tile_h = tag("TileWidth", (None,))[0], tag("TileLength", (None,))[0]
    if tile_w is not None or tile_h is not None:
        add(
            "tiles",
            tile_w == tile_h,
            f"square tiles {tile_w} × {tile_h}",
            f"tiles {tile_w} × {tile_h} are not square",
            f"neliön muotoiset tiilet {tile_w} × {tile_h}",
            f"tiilet {tile_w} × {tile_h} eivät ole neliöitä",
        )
    geokeys = _geokeys(tags)
    add(
        "geokeys",
        bool(geokeys),
        "GeoKey directory present",
        "no GeoKey directory: the file is a plain TIFF, not a GeoTIFF",
        "GeoKey-hakemisto on mukana",
        "GeoKey-hakemisto puuttuu: tiedosto on tavallinen TIFF, ei GeoTIFF",
    )
    _other_images(images, add)

    try:
        with rasterio.open(path) as src, warnings.catch_warnings():
            # rasterio computes bounds with affine's deprecated ``*`` (its own business)
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            crs = src.crs
            transform = src.transform
            bounds = src.bounds
    except RasterioIOError as exc:
        raise InputError(f"cannot read as a raster: {exc}", source=str(path)) from exc
    epsg = None
    if crs is not None:
        try:
            epsg = crs.to_epsg()
        except Exception:
            epsg = None
    projected = geokeys.get(3072)
    ok_crs = epsg == 3067 and projected in (None, 3067)
    shown = f"EPSG:{epsg}" if epsg else (crs.to_string() if crs else "none")
    add(
        "crs",
        ok_crs,
        "coordinate system EPSG:3067 (ETRS-TM35FIN)",
        f"coordinate system {shown}; RYHTI needs EPSG:3067 (ETRS-TM35FIN) whatever the plan's own",
        "koordinaattijärjestelmä EPSG:3067 (ETRS-TM35FIN)",
        f"koordinaattijärjestelmä {shown}; RYHTI vaatii EPSG:3067 (ETRS-TM35FIN)",
    )
    rotated = transform.b != 0 or transform.d != 0
    add(
        "rotation",
        not rotated,
        "north-up (no rotation)",
        "the image is rotated or sheared; RYHTI needs a north-up grid",
        "pohjoinen ylös (ei kiertoa)",
        "kuva on kierretty tai vinoutettu; RYHTI vaatii pohjoinen ylös -ruudukon",
    )
    px, py = abs(transform.a), abs(transform.e)
    square = math.isclose(px, py, rel_tol=1e-9, abs_tol=1e-12)
    add(
        "pixel-square",
        square,
        f"square pixels {px:g} m",
        f"pixels are {px:g} m × {py:g} m; RYHTI needs equal sizes in x and y",
        f"neliön muotoiset pikselit {px:g} m",
        f"pikselit ovat {px:g} m × {py:g} m; RYHTI vaatii saman koon x- ja y-suunnassa",
    )
    power = is_pixel_size(px) and (not square or is_pixel_size(py))
    add(
        "pixel-size",
        power,
        f"pixel size {px:g} m is a power of two",
        f"pixel size {px:g} m is not a power of two between {MIN_PIXEL} and {MAX_PIXEL:g} m",
        f"pikselikoko {px:g} m on kahden potenssi",
        f"pikselikoko {px:g} m ei ole kahden potenssi välillä {MIN_PIXEL}–{MAX_PIXEL:g} m",
    )
    if plan is not None:
        boundary = plan_boundary(plan)
        srid = getattr(plan.geographical_area, "srid", None)
        if boundary is None or not isinstance(srid, str):
            add(
                "extent",
                False,
                "",
                "the plan has no usable boundary to compare the extent with",
                "",
                "kaavalla ei ole rajausta, johon kattavuutta voisi verrata",
                Severity.WARNING,
            )
        elif ok_crs:
            import shapely

            dense = shapely.segmentize(boundary, 10.0)
            area = reproject(np.array([dense], dtype=object), srid.strip(), TARGET_CRS)[0]
            a_minx, a_miny, a_maxx, a_maxy = area.bounds
            tol = 1e-6
            covers = (
                bounds.left <= a_minx + tol
                and bounds.bottom <= a_miny + tol
                and bounds.right >= a_maxx - tol
                and bounds.top >= a_maxy - tol
            )
            add(
                "extent",
                covers,
                "extent covers the plan area",
                f"extent ({bounds.left:.1f}, {bounds.bottom:.1f}, {bounds.right:.1f}, {bounds.top:.1f}) "
                f"does not cover the plan area ({a_minx:.1f}, {a_miny:.1f}, {a_maxx:.1f}, {a_maxy:.1f})",
                "kattaa kaava-alueen",
                "kuva ei kata koko kaava-aluetta",
            )
    return checks
