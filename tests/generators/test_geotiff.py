"""The plan map GeoTIFF for RYHTI's PlanMap, and the checker on good and bad files."""

from __future__ import annotations

import copy
import math
from pathlib import Path

import numpy as np
import pytest
import rasterio
from rasterio.transform import Affine

from ryhti.errors import InputError, UsageError
from ryhti.generators.geotiff import (
    check_geotiff,
    choose_pixel_size,
    is_pixel_size,
    read_tiff_tags,
    write_geotiff,
)
from ryhti.model import from_json


def failed(checks) -> dict[str, str]:
    """The rules broken (errors); warnings (nodata, overviews) are advice, not rules."""
    return {c.rule: c.message for c in checks if not c.ok and c.severity == "error"}


def warned(checks) -> dict[str, str]:
    return {c.rule: c.message for c in checks if not c.ok and c.severity == "warning"}


def test_written_map_meets_every_rule(plan, tmp_path: Path) -> None:
    path = tmp_path / "kaavakartta.tif"
    info = write_geotiff(plan, path)
    checks = check_geotiff(path, plan=plan)
    assert failed(checks) == {}
    assert {c.rule for c in checks} >= {
        "samples",
        "bits",
        "photometric",
        "compression",
        "geokeys",
        "crs",
        "pixel-square",
        "pixel-size",
        "extent",
    }
    tags = read_tiff_tags(path)
    assert tags[258] == (8, 8, 8) and tags[259] == (5,) and tags[262] == (2,) and tags[277] == (3,)
    assert 34735 in tags  # GeoKeyDirectoryTag
    with rasterio.open(path) as src:
        assert src.crs.to_epsg() == 3067
        assert src.count == 3 and set(src.dtypes) == {"uint8"}
        assert src.res[0] == src.res[1] == info.pixel_size
        assert math.log2(info.pixel_size).is_integer()
        assert src.transform.c % info.pixel_size == 0  # grid aligned to the pixel size
        rgb = src.read()
    # The plan is drawn: the AK-1 colour is there and so is white background outside it.
    pixels = {tuple(p) for p in rgb.reshape(3, -1).T[::97]}
    assert (255, 255, 255) in pixels
    assert any(abs(r - 0xD9) < 3 and abs(g - 0xA0) < 3 and abs(b - 0x66) < 3 for r, g, b in pixels)


def test_extent_covers_the_plan_area_after_reprojection(plan, tmp_path: Path) -> None:
    from pyproj import Transformer

    path = tmp_path / "k.tif"
    write_geotiff(plan, path, pixel_size=0.5)
    to3067 = Transformer.from_crs("EPSG:3879", "EPSG:3067", always_xy=True)
    ring = plan.geographical_area.geometry.coordinates[0]
    xs, ys = to3067.transform([p[0] for p in ring], [p[1] for p in ring])
    with rasterio.open(path) as src:
        b = src.bounds
    assert b.left <= min(xs) and b.right >= max(xs) and b.bottom <= min(ys) and b.top >= max(ys)


def test_pixel_size_choice() -> None:
    assert choose_pixel_size(400, 300, scale=2000) == 0.25  # 300 dpi at 1:2 000
    assert choose_pixel_size(400, 300) == 0.125  # within 4 096 px
    assert choose_pixel_size(50_000, 40_000, max_pixels=4096) == 16
    assert choose_pixel_size(10_000_000, 1, max_pixels=10) == 256
    assert is_pixel_size(0.015625) and is_pixel_size(256) and not is_pixel_size(0.3)
    assert not is_pixel_size(512) and not is_pixel_size(0.0078125)


def test_bad_pixel_size_and_unplaceable_plans(plan, plan_json, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="power of two"):
        write_geotiff(plan, tmp_path / "x.tif", pixel_size=0.3)
    data = copy.deepcopy(plan_json)
    del data["geographicalArea"]
    data["planObjects"] = []
    with pytest.raises(InputError):
        write_geotiff(from_json(data, "plan"), tmp_path / "x.tif")


def _write(
    path: Path,
    *,
    crs="EPSG:3067",
    transform=None,
    compress="lzw",
    dtype="uint8",
    count=3,
    photometric="RGB",
    **extra,
) -> Path:
    profile = {
        "driver": "GTiff",
        "width": 64,
        "height": 64,
        "count": count,
        "dtype": dtype,
        "transform": transform or Affine(1.0, 0.0, 380000, 0.0, -1.0, 6680000),
        "compress": compress,
        **extra,
    }
    if crs:
        profile["crs"] = crs
    if photometric:
        profile["photometric"] = photometric
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(np.full((count, 64, 64), 200, dtype=dtype))
    return path


def test_check_reports_each_broken_rule(tmp_path: Path) -> None:
    assert failed(check_geotiff(_write(tmp_path / "ok.tif"))) == {}
    wrong_crs = failed(check_geotiff(_write(tmp_path / "gk.tif", crs="EPSG:3879")))
    assert (
        set(wrong_crs) == {"crs"}
        and "EPSG:3879" in wrong_crs["crs"]
        and "EPSG:3067" in wrong_crs["crs"]
    )
    jpeg = failed(
        check_geotiff(_write(tmp_path / "jpeg.tif", compress="jpeg", photometric="YCbCr"))
    )
    assert "compression" in jpeg and "JPEG" in jpeg["compression"]
    assert "photometric" in jpeg
    jpeg_rgb = failed(check_geotiff(_write(tmp_path / "jpeg2.tif", compress="jpeg")))
    assert set(jpeg_rgb) == {"compression"}
    skewed = failed(
        check_geotiff(
            _write(tmp_path / "ns.tif", transform=Affine(1.0, 0, 380000, 0, -2.0, 6680000))
        )
    )
    assert set(skewed) == {"pixel-square"} and "1 m × 2 m" in skewed["pixel-square"]
    odd = failed(
        check_geotiff(
            _write(tmp_path / "odd.tif", transform=Affine(0.3, 0.0, 380000, 0.0, -0.3, 6680000))
        )
    )
    assert set(odd) == {"pixel-size"}
    rotated = failed(
        check_geotiff(
            _write(tmp_path / "rot.tif", transform=Affine(1, 0.2, 380000, 0.2, -1, 6680000))
        )
    )
    assert "rotation" in rotated
    no_crs = failed(check_geotiff(_write(tmp_path / "plain.tif", crs=None)))
    assert "geokeys" in no_crs and "crs" in no_crs
    floats = failed(check_geotiff(_write(tmp_path / "f.tif", dtype="float32", photometric=None)))
    assert {"bits", "sample-format"} <= set(floats)
    rgba = failed(check_geotiff(_write(tmp_path / "a.tif", count=4, photometric=None)))
    assert "samples" in rgba
    deflate = failed(check_geotiff(_write(tmp_path / "d.tif", compress="deflate")))
    assert set(deflate) == {"compression"}
    banded = failed(check_geotiff(_write(tmp_path / "b.tif", interleave="band")))
    assert set(banded) == {"planar"}


def test_check_extent_against_a_plan(plan, tmp_path: Path) -> None:
    small = _write(tmp_path / "small.tif")
    result = failed(check_geotiff(small, plan=plan))
    assert set(result) == {"extent"} and "does not cover" in result["extent"]


def test_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "not.tif").write_bytes(b"hello world, not a tiff")
    with pytest.raises(InputError, match="not a TIFF"):
        check_geotiff(tmp_path / "not.tif")
    (tmp_path / "cut.tif").write_bytes(b"II*\x00\x08\x00\x00\x00\x05\x00")
    with pytest.raises(InputError):
        check_geotiff(tmp_path / "cut.tif")
    with pytest.raises(InputError):
        check_geotiff(tmp_path / "missing.tif")


def test_bigtiff_tags_are_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.tif", BIGTIFF="YES")
    assert path.read_bytes()[2] == 43
    assert failed(check_geotiff(path)) == {}


def test_outside_the_plan_area_is_nodata_and_overviews_are_internal(plan, tmp_path: Path) -> None:
    """What lies outside the plan area must not cover a base map (RGB only, so nodata 0
    rather than transparency), and GIS opens the file fast (internal overviews). Before:
    a white rectangle round the plan, one image in the file."""
    from ryhti.generators.geotiff import NODATA, read_tiff_images

    path = tmp_path / "kaavakartta.tif"
    write_geotiff(plan, path, pixel_size=0.125)
    checks = check_geotiff(path, plan=plan)
    assert failed(checks) == {} and warned(checks) == {}
    with rasterio.open(path) as src:
        assert src.nodata == NODATA
        assert src.overviews(1) == [2, 4]  # down to ≥ 256 pixels a side (1 632 → 408)
        data = src.read()
        mask = src.dataset_mask()
    assert (data[:, 0, 0] == NODATA).all() and mask[0, 0] == 0  # a corner, outside
    centre = data[:, data.shape[1] // 2, data.shape[2] // 2]
    assert mask[data.shape[1] // 2, data.shape[2] // 2] == 255 and (centre > 0).all()
    inside = mask == 255
    assert not (data[:, inside] == NODATA).all(axis=0).any()  # nothing inside reads as nodata
    images = read_tiff_images(path)
    assert len(images) == 3
    for tags in images[1:]:  # the overviews keep RYHTI's tag rules too
        assert tags[277] == (3,) and tags[258] == (8, 8, 8) and tags[259] == (5,)
        assert tags[262] == (2,) and tags[322] == tags[323]


def test_check_warns_about_a_map_without_nodata_or_overviews(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.tif", width=2048, height=2048)
    warnings = warned(check_geotiff(path))
    assert set(warnings) == {"nodata", "overviews"}
    assert failed(check_geotiff(path)) == {}
