"""Reading ``matter.toml``: values by key path, with the TOML line in every error.

The builder asks for ``("phase", "decision", "date")`` and gets a checked value or an
:class:`~ryhti.errors.InputError` naming the file, line and dotted key; unknown keys
are refused with the closest known one, so a typo never silently drops a value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from ryhti.codelists import Code
from ryhti.errors import InputError
from ryhti.io import parse_toml
from ryhti.matter.codes import CodeChoiceError, choose

__all__ = ["MatterToml", "TomlLocator", "dotted", "labels"]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")


class TomlLocator:
    """Finds the line of a key such as ``phase.interaction[1].type`` in the TOML text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        table, key = path[:-1], path[-1]
        current: tuple[str | int, ...] = ()
        counts: dict[tuple[str, ...], int] = {}
        header_line = None
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header:
                names = tuple(part.strip().strip('"') for part in header.group(2).split("."))
                if header.group(1) == "[[":
                    index = counts.get(names, -1) + 1
                    counts[names] = index
                    current = (*names, index)
                else:
                    current = names
                if _same_table(current, table):
                    header_line = number
                elif _same_table(current, path):
                    return number
                continue
            match = _KEY.match(line)
            if match and _same_table(current, table) and match.group(1).strip('"') == key:
                return number
        return header_line


def _same_table(a: tuple[str | int, ...], b: tuple[str | int, ...]) -> bool:
    return tuple(str(x) for x in a) == tuple(str(x) for x in b)


def dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


_KNOWN: dict[tuple[str, ...], set[str]] = {
    (): {"matter", "phase", "documents", "plan_maps"},
    ("matter",): {
        "name",
        "name_sv",
        "plan_type",
        "municipality",
        "region",
        "permanent_plan_identifier",
        "producer_plan_identifier",
        "initiation_date",
        "digital_origin",
        "description",
        "case_identifiers",
        "record_numbers",
        "responsible",
        "related_plan_matters",
        "key_seed",
    },
    ("matter", "responsible"): {"organization", "business_id", "first_name", "last_name", "title"},
    ("phase",): {"lifecycle", "key", "decision", "handling", "interaction"},
    ("phase", "decision"): {
        "name",
        "date",
        "date_of_decision",
        "decision_maker",
        "identifier",
        "include_plan",
        "date_of_validity",
        "text",
    },
    ("phase", "handling"): {"type", "date", "name", "description", "link"},
    ("phase", "interaction"): {"type", "begin", "end", "name", "description", "link"},
    ("documents",): {
        "file",
        "file_key",
        "name",
        "type",
        "attach_to",
        "identifier",
        "date",
        "publicity",
        "personal_data",
        "retention",
        "languages",
        "accessibility",
        "arrived_date",
        "confirmation_date",
    },
    ("plan_maps",): {"file", "file_key", "name"},
}


class MatterToml:
    """The parsed ``matter.toml`` and typed access to its values."""

    def __init__(self, text: str, source: str) -> None:
        self.raw = text
        self.source = source
        self.locator = TomlLocator(text)
        self.data = parse_toml(text, source)
        self._check_keys(self.data, ())

    # -- errors ------------------------------------------------------------------------------
    def error(
        self, path: tuple[str | int, ...], message: str, hint: str | None = None
    ) -> InputError:
        line = self.locator.line_of(path)
        where = f"line {line}, {dotted(path)}" if line else dotted(path)
        return InputError(message, source=self.source, where=where, hint=hint)

    def _check_allowed(
        self,
        path: tuple[str | int, ...],
        what: str,
        code: Code,
        allowed: list[Code] | None,
        lifecycle: str,
        level: str,
        none_allowed: str,
    ) -> None:
        """Refuse ``code`` when the lifecycle ↔ event relations do not allow it (``None``: any)."""
        if allowed is None or code in allowed:
            return
        raise self.error(
            path,
            f"{what} {code.label('fi')!r} does not belong to lifecycle {lifecycle!r} of a "
            f"{level}; " + (f"allowed: {labels(allowed)}" if allowed else none_allowed),
        )

    def _check_keys(self, node: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                self._check_keys(item, (*path, i))
            return
        if not isinstance(node, dict):
            return
        shape = tuple(p for p in path if isinstance(p, str))
        known = _KNOWN.get(shape)
        if known is None:
            return
        for key, value in node.items():
            if key not in known:
                close = difflib.get_close_matches(key, sorted(known), n=1)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else f"known keys: {', '.join(sorted(known))}"
                )
                raise self.error((*path, key), f"unknown key {key!r}", hint)
            self._check_keys(value, (*path, key))

    # -- values ------------------------------------------------------------------------------
    def get(self, path: tuple[str | int, ...], required: bool = False) -> Any:
        node: Any = self.data
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                node = None
            if node is None:
                break
        if isinstance(node, str) and not node.strip():
            node = None
        if node is None and required:
            raise self.error(path, "is required but missing or empty")
        return node

    def text(self, path: tuple[str | int, ...], required: bool = False) -> str | None:
        value = self.get(path, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(path, f"must be text in quotes, not {value!r}")
        return value.strip()

    def texts(self, path: tuple[str | int, ...]) -> list[str] | None:
        value = self.get(path)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(path, 'must be a list of texts, e.g. ["a", "b"]')
        return [v.strip() for v in value if v.strip()] or None

    def date(self, path: tuple[str | int, ...], required: bool = False) -> str | None:
        value = self.get(path, required)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            parsed = _parse_date(value)
            if parsed is not None:
                return parsed.isoformat()
        raise self.error(path, f"must be a date such as 2024-05-02, not {value!r}")

    def instant(
        self, path: tuple[str | int, ...], *, end: bool, required: bool = False
    ) -> str | None:
        """A date-time in UTC (``…Z``); a date means the start (or end) of that day in Finland."""
        value = self.get(path, required)
        if value is None:
            return None
        if isinstance(value, str):
            parsed = _parse_date(value)
            if parsed is None:
                try:
                    value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
                except ValueError:
                    raise self.error(
                        path, f"must be a date or a date-time, not {value!r}"
                    ) from None
            else:
                value = parsed
        if isinstance(value, dt.datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=_helsinki())
        elif isinstance(value, dt.date):
            clock = dt.time(23, 59, 59) if end else dt.time(0, 0)
            moment = dt.datetime.combine(value, clock, tzinfo=_helsinki())
        else:
            raise self.error(path, f"must be a date or a date-time, not {value!r}")
        return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def code(
        self, path: tuple[str | int, ...], list_id: str, required: bool = False
    ) -> Code | None:
        value = self.get(path, required)
        if value is None:
            return None
        try:
            return choose(list_id, value)
        except CodeChoiceError as exc:
            raise self.error(path, str(exc)) from None

    def _code_or_default(self, path: tuple[str | int, ...], list_id: str, default: str) -> Code:
        code = self.code(path, list_id)
        return code if code is not None else choose(list_id, default)


_FINNISH_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def labels(codes: list[Code], sep: str = ", ") -> str:
    """The Finnish labels of ``codes``, quoted, for a message."""
    return sep.join(repr(c.label("fi")) for c in codes)


def _parse_date(text: str) -> dt.date | None:
    """``2024-05-02`` or the Finnish ``2.5.2024``."""
    match = _FINNISH_DATE.match(text)
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _helsinki() -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Helsinki")
    except Exception:  # no tz database: Finnish winter time is close enough for a date
        return dt.timezone(dt.timedelta(hours=2))
