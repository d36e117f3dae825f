"""Small helpers shared by rules: JSON type names, formats, numbers, code values."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import Any, TypeGuard

from ryhti.codelists import bare_code
from ryhti.model import UNSET, Model

__all__ = [
    "DATETIME_RE",
    "DATE_RE",
    "INT32_MAX",
    "INT32_MIN",
    "UUID_RE",
    "document_order",
    "is_date",
    "is_datetime_utc",
    "is_number",
    "json_type",
    "last",
    "numbers_of",
    "present",
]

UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$"
)
INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1


_TOKEN = re.compile(r"\[(\d+)\]|\.([^.\[]+)")


def document_order(path: str) -> tuple[Any, ...]:
    """Sort key putting JSON paths in document order (``[10]`` after ``[9]``)."""
    return tuple((0, int(index)) if index else (1, name) for index, name in _TOKEN.findall(path))


def json_type(value: Any) -> str:
    """The JSON type of a (raw or loaded) value, for messages: ``a string``, ``an array`` …"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict | Model):
        return "an object"
    return type(value).__name__


def is_number(value: Any) -> TypeGuard[int | float]:
    """An int or float that is not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_date(value: Any) -> bool:
    """``YYYY-MM-DD`` and a real calendar date."""
    if not isinstance(value, str) or not DATE_RE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def parse_datetime(value: Any) -> _dt.datetime | None:
    """An ISO 8601 date-time (any offset) as an aware datetime; ``None`` if it is not one."""
    if not isinstance(value, str):
        return None
    m = DATETIME_RE.match(value)
    if not m:
        return None
    text = value.replace("Z", "+00:00")
    try:
        parsed = _dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.UTC)
    return parsed


def is_datetime_utc(value: Any) -> bool:
    """An ISO 8601 date-time ending in ``Z`` (UTC), as RYHTI requires."""
    return isinstance(value, str) and value.endswith("Z") and parse_datetime(value) is not None


def present(value: Any) -> bool:
    """Given and not null."""
    return value is not UNSET and value is not None


def last(uri: Any) -> str:
    """The last segment of a URI (``…/code/04`` → ``04``), for messages."""
    if not isinstance(uri, str):
        return repr(uri)
    return bare_code(uri)


def numbers_of(value: Any) -> Iterator[tuple[str, Any]]:
    """``(field json name, number)`` of a value object's numeric fields."""
    for attr, name in (
        ("number", "number"),
        ("minimum_value", "minimumValue"),
        ("maximum_value", "maximumValue"),
    ):
        v = getattr(value, attr, UNSET)
        if is_number(v):
            yield name, v


def text_of(value: Any) -> str | None:
    """The Finnish (else any) text of a LanguageString-like object."""
    if value is None or value is UNSET:
        return None
    text = getattr(value, "text", None)
    if callable(text):
        return text("fin")
    return None
