"""The coordinate system a source's coordinates are in, when the source does not say.

Finnish plan coordinates give themselves away: northings lie between 6.6 and 7.8
million metres in every Finnish system, and the easting tells the system apart:

* six digits (50,000–760,000): ETRS-TM35FIN, EPSG:3067;
* eight digits whose two leading digits are 19–31: that ETRS-GK zone (GK25 = EPSG:3879);
* seven digits led by 1–4: that KKJ zone (EPSG:2391–2394; zone 3 is the uniform
  coordinate system YKJ, EPSG:2393);
* degrees between 19–32 east and 59–71 north: WGS 84 / ETRS89 longitude and latitude.

A reading fits only when every coordinate of the source fits it. The same tests tell
when a declared system's coordinates are written northing first (as GML does for
``urn:ogc:def:crs:EPSG::3879``): they fit with the axes swapped and not as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

__all__ = ["Fit", "Guess", "fits", "guess", "swap_axes", "swapped"]

#: Northings of Finland in every Finnish projected system (metres), with a margin.
_NORTH = (6_550_000.0, 7_850_000.0)
#: Eastings of ETRS-TM35FIN over Finland and its sea areas.
_TM35 = (20_000.0, 800_000.0)
#: Eastings within a GK or KKJ zone: the zone's false easting of 500 km ± 400 km.
_IN_ZONE = (100_000.0, 900_000.0)
_LON = (19.0, 32.0)
_LAT = (59.0, 71.0)


@dataclass(frozen=True)
class Fit:
    """A coordinate system the coordinates fit."""

    code: str
    name: str


def _within(lo: float, hi: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= lo and hi <= bounds[1]


def fits(xmin: float, xmax: float, ymin: float, ymax: float) -> list[Fit]:
    """Every system whose range holds all coordinates (x as written first, y second)."""
    out: list[Fit] = []
    if _within(ymin, ymax, _NORTH):
        if _within(xmin, xmax, _TM35):
            out.append(Fit("3067", "ETRS-TM35FIN"))
        for zone in range(19, 32):
            base = zone * 1_000_000.0
            if _within(xmin - base, xmax - base, _IN_ZONE):
                out.append(Fit(str(3873 + zone - 19), f"ETRS-GK{zone}"))
        for zone, code in ((1, "2391"), (2, "2392"), (3, "2393"), (4, "2394")):
            base = zone * 1_000_000.0
            if _within(xmin - base, xmax - base, _IN_ZONE):
                name = "KKJ zone 3 (YKJ)" if zone == 3 else f"KKJ zone {zone}"
                out.append(Fit(code, name))
    if _within(xmin, xmax, _LON) and _within(ymin, ymax, _LAT):
        out.append(Fit("4326", "WGS 84 longitude/latitude"))
    return out


def _bounds(geometries: Any) -> tuple[float, float, float, float] | None:
    geoms = np.asarray([g for g in geometries if g is not None], dtype=object)
    if not len(geoms):
        return None
    coords = shapely.get_coordinates(geoms)
    coords = coords[np.isfinite(coords).all(axis=1)]
    if not len(coords):
        return None
    xmin, ymin = coords.min(axis=0)
    xmax, ymax = coords.max(axis=0)
    return float(xmin), float(xmax), float(ymin), float(ymax)


@dataclass(frozen=True)
class Guess:
    """What the coordinates say: the systems they fit as written, and with axes swapped."""

    bounds: tuple[float, float, float, float] | None
    straight: list[Fit]
    crossed: list[Fit]

    def single(self) -> tuple[Fit, bool] | None:
        """The one system the coordinates fit and whether their axes are swapped (None when
        they fit none, or more than one)."""
        if len(self.straight) + len(self.crossed) != 1:
            return None
        if self.straight:
            return self.straight[0], False
        return self.crossed[0], True

    def describe(self) -> str:
        """The fitting systems for a hint (``EPSG:3067 (ETRS-TM35FIN)``, …)."""
        parts = [f"EPSG:{f.code} ({f.name})" for f in self.straight]
        parts += [f"EPSG:{f.code} ({f.name}, northing first)" for f in self.crossed]
        return ", ".join(parts)


def guess(geometries: Any) -> Guess:
    """The systems the coordinates of ``geometries`` fit."""
    bounds = _bounds(geometries)
    if bounds is None:
        return Guess(None, [], [])
    xmin, xmax, ymin, ymax = bounds
    return Guess(bounds, fits(xmin, xmax, ymin, ymax), fits(ymin, ymax, xmin, xmax))


def swapped(geometries: Any, code: str | None) -> bool:
    """True when the coordinates fit system ``code`` only with their axes swapped."""
    if code is None:
        return False
    found = guess(geometries)
    straight = {f.code for f in found.straight}
    crossed = {f.code for f in found.crossed}
    return code in crossed and code not in straight


def swap_axes(geometries: np.ndarray) -> np.ndarray:
    """The geometries with x and y exchanged (None stays None)."""
    mask = np.array([g is not None for g in geometries], dtype=bool)
    out = geometries.copy()
    if mask.any():
        out[mask] = shapely.transform(geometries[mask], lambda c: c[:, ::-1].copy())
    return out
