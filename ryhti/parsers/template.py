"""``ryhti init``: a RYHTI-ready GeoPackage for planners to draw into, and its mapping.

The template has one layer per role of the mapping preset ``template`` (plan
boundary, area reservations, sub-areas, lines, points, regulation texts), each with
fields named for what they hold, so a planner can draw a plan in QGIS and convert it
with ``ryhti convert kaava.gpkg`` without writing a mapping. The mapping is written
beside it for reference and as a starting point for other layouts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ryhti.errors import UsageError
from ryhti.io import atomic_path
from ryhti.model.common import ALLOWED_SRIDS
from ryhti.parsers.presets import TEMPLATE

__all__ = ["LAYERS", "write_template"]

_COMMON = {
    "tunnus": "string",
    "kaavamerkinta": "string",
    "maaraysteksti": "string",
    "maaraysteksti_sv": "string",
    "nimi": "string",
    "nimi_sv": "string",
    "maanalainen": "int32",
    "huomautus": "string",
}

#: layer -> (geometry type, {field: dtype})
LAYERS: dict[str, tuple[str | None, dict[str, str]]] = {
    "kaava_alue": ("Polygon", {"tunnus": "string", "nimi": "string", "huomautus": "string"}),
    "aluevaraukset": (
        "Polygon",
        {
            **_COMMON,
            "numero": "int32",
            "korttelinumero": "int32",
            "tonttinumero": "int32",
            "tehokkuusluku": "float64",
            "kerrosala": "int32",
            "kerrosluku": "string",
            "kadunnimi": "string",
            "kadunnimi_sv": "string",
        },
    ),
    "osa_alueet": (
        "Polygon",
        {**_COMMON, "kerrosala": "int32", "kerrosluku": "string", "tehokkuusluku": "float64"},
    ),
    "viivat": ("LineString", dict(_COMMON)),
    "pisteet": ("Point", dict(_COMMON)),
    "maaraykset": (
        None,
        {
            "merkinta": "string",
            "teksti": "string",
            "teksti_sv": "string",
            "yleismaarays": "int32",
            "otsikko": "string",
            "jarjestys": "int32",
        },
    ),
}


def write_template(folder: str | Path, *, srid: str = "3879", force: bool = False) -> list[Path]:
    """Write ``kaava.gpkg`` and ``mapping.toml`` into ``folder``; returns the paths."""
    import geopandas as gpd
    import pyogrio

    srid = str(srid).removeprefix("EPSG:")
    if srid not in ALLOWED_SRIDS:
        raise UsageError(f"--srid {srid} is not accepted by RYHTI", hint=", ".join(ALLOWED_SRIDS))
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    gpkg = out / "kaava.gpkg"
    mapping = out / "mapping.toml"
    for path in (gpkg, mapping):
        if path.exists() and not force:
            raise UsageError(f"{path} exists", hint="pass --force to overwrite")
    with atomic_path(gpkg, ".gpkg") as tmp:
        for name, (geometry_type, fields) in LAYERS.items():
            columns: dict[str, Any] = {k: pd.Series([], dtype=v) for k, v in fields.items()}
            frame = pd.DataFrame(columns)
            if geometry_type is None:
                pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", append=False)
                continue
            gdf = gpd.GeoDataFrame(
                frame, geometry=gpd.GeoSeries(np.array([], dtype=object)), crs=f"EPSG:{srid}"
            )
            pyogrio.write_dataframe(
                gdf, tmp, layer=name, driver="GPKG", geometry_type=geometry_type
            )
    from ryhti.io import write_atomic

    write_atomic(mapping, TEMPLATE)
    return [gpkg, mapping]
