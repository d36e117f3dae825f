"""Fixtures for the converter tests: small GIS files written on the fly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "espoo-asemakaava"


def write_layer(
    path: Path,
    layer: str,
    rows: list[dict[str, Any]],
    geoms: list[Any],
    *,
    crs: str | None = "EPSG:3879",
    driver: str = "GPKG",
    **kwargs: Any,
) -> Path:
    """Write one layer of features to ``path`` with pyogrio."""
    import geopandas as gpd
    import pyogrio

    frame = gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(geoms), crs=crs)
    pyogrio.write_dataframe(frame, path, layer=layer, driver=driver, **kwargs)
    return path


@pytest.fixture
def sample() -> Path:
    """Folder of the project's sample plan."""
    return SAMPLE
