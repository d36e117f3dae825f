"""G010: geometries lie in Finland."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.model import ALLOWED_SRIDS
from ryhti.validators.rule import ALL_KINDS, Rule, texts
from ryhti.validators.rules.geometry._geom import built_indices

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

#: Finland's extent as EPSG lists for ETRS-TM35FIN: longitude 19.08–31.59, latitude
#: 59.45–70.09 (land and territorial waters), with a small margin for border plans.
LON = (18.9, 31.8)
LAT = (59.3, 70.2)


@functools.cache
def _to_lonlat(srid: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(f"EPSG:{srid}", "EPSG:4326", always_xy=True)


class InsideFinland(Rule):
    """Coordinates lie within Finland in the declared coordinate system.

    Anti-pattern: GK25 coordinates (``25 4xx xxx``) declared as 3067, or x and y swapped.

    Best practice: declare the srid the coordinates really are in, with easting first.
    """

    id = "G010"
    name = "inside-finland"
    official_ids = ("quality__req_geom_outofbounds_finland",)
    references = ("R-C11",)
    kinds = ALL_KINDS
    spatial = True
    title = "Geometry outside Finland"
    why = (
        "A geometry outside Finland almost always means a wrong srid or swapped axes; Syke "
        "refuses it."
    )
    fix = "Check the srid and the axis order (easting, northing)."
    approximation = (
        "Finland is approximated by the area of use of ETRS-TM35FIN (longitude 19.08–31.59°, "
        "latitude 59.45–70.09°, with a 0.1–0.2° margin); Syke checks against the border."
    )
    messages = texts(
        en="The geometry lies outside Finland in srid {crs} (around {lon}° E, {lat}° N).",
        fi="Geometria on Suomen ulkopuolella järjestelmässä {crs} (noin {lon}° E, {lat}° N).",
        sv="Geometrin ligger utanför Finland i srid {crs} (omkring {lon}° E, {lat}° N).",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        idx = built_indices(ctx)
        if len(idx):
            idx = idx[~shapely.is_empty(ctx.shapes[idx].astype(object))]  # empty: G008
        if not len(idx):
            return
        geometries = ctx.scan.geometries
        # only a string srid names a coordinate system (anything else is G001's finding)
        srids = np.array(
            [s if isinstance(s := geometries[i].geom.srid, str) else None for i in idx],
            dtype=object,
        )
        bounds = shapely.bounds(ctx.shapes[idx].astype(object))
        for srid in set(srids):
            if srid is None or (srid not in ALLOWED_SRIDS and srid != "4326"):
                continue
            sel = np.flatnonzero(srids == srid)
            b = bounds[sel]
            xs = np.concatenate([b[:, 0], b[:, 2]])
            ys = np.concatenate([b[:, 1], b[:, 3]])
            if srid == "4326":
                lon, lat = xs, ys
            else:
                with np.errstate(all="ignore"):
                    lon, lat = _to_lonlat(srid).transform(xs, ys)
            lon = np.asarray(lon).reshape(2, -1)
            lat = np.asarray(lat).reshape(2, -1)
            ok = (
                np.isfinite(lon).all(axis=0)
                & np.isfinite(lat).all(axis=0)
                & (lon.min(axis=0) >= LON[0])
                & (lon.max(axis=0) <= LON[1])
                & (lat.min(axis=0) >= LAT[0])
                & (lat.max(axis=0) <= LAT[1])
            )
            for k in np.flatnonzero(~ok):
                i = int(idx[sel[k]])
                node = geometries[i]
                clon, clat = np.nanmean(lon[:, k]), np.nanmean(lat[:, k])
                yield self.finding(
                    ctx,
                    path=f"{node.path}.geometry",
                    object_key=node.owner_key,
                    geometry=shapely.envelope(ctx.shapes[i]),
                    srid=srid,
                    crs=srid,
                    lon=round(float(clon), 2) if np.isfinite(clon) else "?",
                    lat=round(float(clat), 2) if np.isfinite(clat) else "?",
                )
