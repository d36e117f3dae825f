"""Shared shape of the format rules (uuid, date, date-time): check a string or each item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def format_checker(spec: Any, fmt: str, ok: Callable[[Any], bool]) -> Any:
    """A field checker applying ``ok`` to string values (or string items) of ``fmt`` fields."""
    if spec.fmt != fmt:
        return None
    if spec.kind == "array":

        def check_items(value: Any) -> Any:
            if type(value) is not list:
                return None
            out = [
                (f"[{i}]", {"value": v})
                for i, v in enumerate(value)
                if isinstance(v, str) and not ok(v)
            ]
            return out or None

        return check_items
    if spec.kind != "string":
        return None

    def check(value: Any) -> Any:
        if isinstance(value, str) and not ok(value):
            return [("", {"value": value})]
        return None

    return check
