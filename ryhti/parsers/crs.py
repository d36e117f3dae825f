"""Coordinate systems: detect the source's, choose the plan's, transform in bulk.

RYHTI accepts ETRS-TM35FIN (EPSG:3067) and the ETRS-GK zones (EPSG:3873–3885). A
source already in one of them keeps it (no transformation, no rounding: coordinates
stay byte-identical); anything else, notably the old KKJ zones (EPSG:2391–2394,
3386/3387) still found in plan archives, is transformed with pyproj to the chosen
output, by default EPSG:3067. The transformation used and its stated accuracy go into
the conversion report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from ryhti.errors import InputError, UsageError
from ryhti.model.common import ALLOWED_SRIDS

__all__ = ["Reprojection", "choose_srid", "epsg_of", "parse_crs", "reproject"]

#: Decimals kept after a transformation: 0.1 mm, far below any plan's accuracy.
TRANSFORMED_DECIMALS = 4


def parse_crs(value: Any, *, source: str | None = None) -> Any:
    """A pyproj CRS from an EPSG code, ``EPSG:xxxx``, WKT or pyproj CRS."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    if value is None:
        return None
    if isinstance(value, CRS):
        return value
    text = str(value).strip()
    if text.isdigit():
        text = f"EPSG:{text}"
    try:
        return CRS.from_user_input(text)
    except CRSError as exc:
        raise InputError(f"unknown coordinate system {str(value)[:80]!r}", source=source) from exc


def epsg_of(crs: Any) -> str | None:
    """EPSG code of a CRS as a string, when it has one."""
    if crs is None:
        return None
    try:
        code = crs.to_epsg(min_confidence=70)
    except Exception:
        return None
    return str(code) if code else None


def choose_srid(source_crs: Any, requested: str | int | None) -> str:
    """The plan's srid: the requested one, else the source's if RYHTI accepts it, else 3067."""
    if requested is not None and str(requested) not in ("", "source"):
        srid = str(requested).removeprefix("EPSG:")
        if srid not in ALLOWED_SRIDS:
            raise UsageError(
                f"--srid {requested} is not a coordinate system RYHTI accepts",
                hint=f"one of {', '.join(ALLOWED_SRIDS)}",
            )
        return srid
    code = epsg_of(source_crs)
    if code in ALLOWED_SRIDS:
        return code
    return "3067"


@dataclass
class Reprojection:
    """What a transformation did, for the report."""

    source: str
    target: str
    description: str
    accuracy: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "transformation": self.description,
            "accuracyMetres": self.accuracy,
        }


def reproject(
    geometries: np.ndarray, source_crs: Any, srid: str
) -> tuple[np.ndarray, Reprojection | None]:
    """Transform all geometries at once; ``None`` as the second item when nothing changed."""
    from pyproj import CRS, Transformer

    code = epsg_of(source_crs)
    if code == srid:
        return geometries, None
    target = CRS.from_epsg(int(srid))
    transformer = Transformer.from_crs(source_crs, target, always_xy=True)

    def fn(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        out = np.column_stack([x, y])
        return np.round(out, TRANSFORMED_DECIMALS)

    mask = np.array([g is not None for g in geometries], dtype=bool)
    out = geometries.copy()
    if mask.any():
        out[mask] = shapely.transform(geometries[mask], fn)
    accuracy = transformer.accuracy if transformer.accuracy not in (None, -1) else None
    return out, Reprojection(
        source=code or (source_crs.name if source_crs is not None else "?"),
        target=srid,
        description=transformer.description,
        accuracy=accuracy,
    )
