"""Attribute columns read as plain Python values, the same whatever the reader.

GDAL gives NaN for an empty number and pandas may hold ``numpy`` scalars; PostGIS gives
``Decimal``; KuntaGML gives text. The engine reads every mapped column through these
helpers, so the same plan drawn in a GeoPackage and in PostGIS gives the same groups.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from ryhti.parsers.interpret import is_empty

__all__ = ["as_list", "clean", "empty_mask", "plain", "truthy"]

_TRUE = {"1", "true", "t", "kyllä", "k", "yes", "y", "ja", "maanalainen", "01"}


def empty_mask(series: Any) -> np.ndarray:
    """True where a column has no value: null, NaN or blank text (vectorised)."""
    mask = series.isna().to_numpy()
    if series.dtype == object or str(series.dtype) == "string":
        text = series.astype(str).str.strip()
        mask = mask | (text == "").to_numpy()
    return mask


def clean(series: Any) -> list[Any]:
    """Column values as Python objects, with None for every empty value."""
    mask = empty_mask(series)
    values = series.astype(object).tolist()
    if not mask.any():
        return values
    return [None if m else v for v, m in zip(values, mask.tolist(), strict=True)]


def truthy(value: Any) -> bool:
    """An attribute value read as yes/no (``1``, ``true``, ``kyllä``, ``maanalainen`` …)."""
    if value is None or is_empty(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return str(value).strip().casefold() in _TRUE


def plain(value: Any) -> Any:
    """A value as plain JSON data, whole floats as ints: ``4800.0`` from a GeoPackage
    integer column with nulls and ``4800`` from PostGIS must key the same group."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def as_list(value: Any) -> list[str]:
    """A list of ids from a list value or comma-separated text."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, list | tuple | np.ndarray):
        return [str(v) for v in value]
    text = str(value).strip()
    if not text:
        return []
    return [v.strip() for v in text.split(",") if v.strip()]
