"""Shared shape of the format rules (uuid, date, date-time): check a string or each item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ryhti.validators.rule import value_checker


def format_checker(spec: Any, fmt: str, ok: Callable[[Any], bool]) -> Any:
    """A field checker applying ``ok`` to string values (or string items) of ``fmt`` fields."""
    if spec.fmt != fmt or spec.kind not in ("array", "string"):
        return None

    def problem(value: Any) -> dict[str, Any] | None:
        return {"value": value} if isinstance(value, str) and not ok(value) else None

    return value_checker(problem, items=spec.kind == "array")
