"""The plan map as the GeoTIFF RYHTI accepts for ``PlanMap``.

:func:`write_geotiff` renders the plan with the figure's drawing routine
(:mod:`ryhti.generators.mapdraw`), edge to edge, in EPSG:3067 on a pixel grid aligned to
the pixel size, and meets RYHTI's plan-map rules (checked by
:func:`~ryhti.generators.geotiff_check.check_geotiff`, re-exported here).

What lies outside the plan area must not cover a base map. RYHTI wants exactly three
samples per pixel (RGB, no alpha band), so the file cannot be transparent; instead the
pixels outside the plan boundary are RGB 0, 0, 0 and the file declares 0 its nodata
value (the ``GDAL_NODATA`` tag, which RYHTI's rules do not forbid: QGIS and ArcGIS then
show those pixels as transparent). Inside the plan area no channel is ever 0 (black
lines are 1, 1, 1), so nothing on the map is taken for nodata. The file carries
internal overviews (2×, 4×, … down to about 256 pixels, averaged, LZW, 256-pixel
tiles, RGB like the full image) so that a GIS opens it fast; they follow the same rules
as the main image.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ryhti.errors import InputError, UsageError
from ryhti.generators.figures import PlanFigures, compute_figures
from ryhti.generators.geotiff_check import (
    MAX_PIXEL,
    MIN_PIXEL,
    PIXEL_SIZES,
    TARGET_CRS,
    Check,
    check_geotiff,
    is_pixel_size,
    read_tiff_images,
    read_tiff_tags,
)
from ryhti.io import write_atomic
from ryhti.model.plan import Plan

__all__ = [
    "MAX_PIXEL",
    "MIN_PIXEL",
    "NODATA",
    "Check",
    "GeoTiffInfo",
    "check_geotiff",
    "choose_pixel_size",
    "is_pixel_size",
    "overview_factors",
    "read_tiff_images",
    "read_tiff_tags",
    "render_geotiff",
    "write_geotiff",
]

#: The value of every channel of a pixel outside the plan area (declared as nodata).
NODATA = 0


def choose_pixel_size(
    width_m: float, height_m: float, *, scale: int | None = None, max_pixels: int = 4096
) -> float:
    """The finest allowed pixel size that keeps the image within ``max_pixels`` a side.

    With a plan scale, no finer than 300 dpi at that scale (1:2 000 → 0.25 m), which is
    as sharp as the paper map ever was.
    """
    longest = max(width_m, height_m, 1e-9)
    floor = longest / max(max_pixels, 1)
    if scale and scale > 0:
        floor = max(floor, scale * 0.0254 / 300)
    for size in reversed(PIXEL_SIZES):
        if size >= floor:
            return size
    return MAX_PIXEL


@dataclass(slots=True)
class GeoTiffInfo:
    """What was written: size in pixels, pixel size and bounds in EPSG:3067."""

    width: int
    height: int
    pixel_size: float
    bounds: tuple[float, float, float, float]
    data: bytes = field(repr=False, default=b"")


def render_geotiff(
    plan: Plan,
    *,
    figures: PlanFigures | None = None,
    pixel_size: float | None = None,
    max_pixels: int = 4096,
    margin_px: int = 16,
) -> GeoTiffInfo:
    """Render the plan map as GeoTIFF bytes (RGB, LZW, EPSG:3067, square tiles)."""
    import matplotlib
    import rasterio
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from rasterio import features
    from rasterio.enums import Resampling
    from rasterio.io import MemoryFile
    from rasterio.transform import Affine

    from ryhti.generators.mapfig import build_layers, class_colours, draw_layers

    if pixel_size is not None and not is_pixel_size(pixel_size):
        raise UsageError(
            f"pixel size {pixel_size} m is not a power of two between {MIN_PIXEL} and {MAX_PIXEL}"
        )
    figures = figures if figures is not None else compute_figures(plan)
    srid = figures.srid
    if srid is None:
        raise InputError(
            "the plan has no coordinate system (geographicalArea.srid); cannot place the map",
            where="$.geographicalArea.srid",
        )
    layers = build_layers(plan, figures)
    try:
        layers = layers.reprojected(srid, TARGET_CRS)
    except Exception as exc:
        raise InputError(f"cannot reproject EPSG:{srid} to EPSG:3067: {exc}") from exc
    bounds = layers.bounds()
    if bounds is None:
        raise InputError(
            "the plan has neither a boundary nor plan objects to draw", where="$.geographicalArea"
        )
    minx, miny, maxx, maxy = bounds
    size = pixel_size or choose_pixel_size(
        maxx - minx,
        maxy - miny,
        scale=plan.scale if isinstance(plan.scale, int) else None,
        max_pixels=max(max_pixels - 2 * margin_px, 1),
    )
    # Grid aligned to multiples of the pixel size, with a margin, covering the plan.
    left = math.floor(minx / size) * size - margin_px * size
    bottom = math.floor(miny / size) * size - margin_px * size
    right = math.ceil(maxx / size) * size + margin_px * size
    top = math.ceil(maxy / size) * size + margin_px * size
    width = round((right - left) / size)
    height = round((top - bottom) / size)
    if width * height > 400_000_000:
        raise UsageError(
            f"a {width} × {height} pixel map is too large; choose a coarser --pixel-size"
        )
    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        fig = Figure(figsize=(width / 100, height / 100), dpi=100, facecolor="white")
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(left, right)
        ax.set_ylim(bottom, top)
        # Line widths and letters as on a paper map at the plan's scale (or one that fits A3).
        paper_scale = plan.scale if isinstance(plan.scale, int) and plan.scale > 0 else None
        paper_scale = paper_scale or max(1000.0, max(maxx - minx, maxy - miny) / 0.4)
        factor = min(max(paper_scale * 0.0254 / (100 * size), 0.5), 50.0)
        draw_layers(ax, layers, class_colours(figures), scale=factor, label_size=7.0 * factor)
        canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba())
    if rgba.shape[:2] != (height, width):  # matplotlib rounds figure sizes to whole pixels
        rgba = _fit(rgba, height, width)
    rgb = np.ascontiguousarray(np.moveaxis(rgba[:, :, :3], 2, 0))
    transform = Affine(size, 0.0, left, 0.0, -size, top)  # from_origin, without its `*`
    if layers.boundary is not None:
        # The boundary line is drawn on the boundary: keep the pixels it covers.
        edge = layers.boundary.buffer(3 * size * factor)
        inside = features.geometry_mask(
            [edge], out_shape=(height, width), transform=transform, invert=True
        )
        np.maximum(rgb, NODATA + 1, out=rgb)
        rgb[:, ~inside] = NODATA
    profile = {
        "driver": "GTiff",
        "width": width,
        "height": height,
        "count": 3,
        "dtype": "uint8",
        "crs": rasterio.crs.CRS.from_epsg(3067),
        "transform": transform,
        "nodata": NODATA if layers.boundary is not None else None,
        "compress": "lzw",
        "photometric": "RGB",
        "interleave": "pixel",
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
    }
    factors = overview_factors(width, height)
    with (
        rasterio.Env(
            COMPRESS_OVERVIEW="LZW",
            PHOTOMETRIC_OVERVIEW="RGB",
            INTERLEAVE_OVERVIEW="PIXEL",
            GDAL_TIFF_OVR_BLOCKSIZE="256",
        ),
        MemoryFile() as memory,
    ):
        with memory.open(**profile) as dst:
            dst.write(rgb)
            if factors:
                dst.build_overviews(factors, Resampling.average)
        data = memory.read()
    return GeoTiffInfo(width, height, size, (left, bottom, right, top), data)


def overview_factors(width: int, height: int, *, smallest: int = 256) -> list[int]:
    """Overview levels 2, 4, 8 … while the overview's longest side stays ≥ ``smallest``."""
    factors = []
    factor = 2
    while max(width, height) / factor >= smallest:
        factors.append(factor)
        factor *= 2
    return factors


def _fit(rgba: np.ndarray, height: int, width: int) -> np.ndarray:
    out = np.full((height, width, 4), 255, dtype=np.uint8)
    h, w = min(height, rgba.shape[0]), min(width, rgba.shape[1])
    out[:h, :w] = rgba[:h, :w]
    return out


def write_geotiff(plan: Plan, path: str | Path, **options: Any) -> GeoTiffInfo:
    """Render the plan map and write it to ``path`` atomically."""
    info = render_geotiff(plan, **options)
    write_atomic(path, info.data)
    return info
