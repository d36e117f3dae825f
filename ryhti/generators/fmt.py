"""Numbers, dates, units and counts as Finnish and Finland-Swedish documents print them.

Numbers: a no-break space groups thousands, a comma marks decimals (``12 345,6``), per
cent takes a space (``40 %``). Dates are the *Helsinki* calendar date: a timestamp such
as ``2026-10-25T22:00:00Z`` is 26.10.2026 in Finland, and a date a planner reads in the
description must be the one in the decision. Counts agree with their number the way
each language wants (``1 kortteli``, ``2 korttelia``, ``0 virhettä``).
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any
from zoneinfo import ZoneInfo

from ryhti.numerals import NBSP, finnish_digits

__all__ = [
    "HELSINKI",
    "NBSP",
    "count",
    "fmt_date",
    "fmt_number",
    "fmt_period",
    "fmt_quantity",
    "fmt_scale",
    "fmt_unit",
    "helsinki_date",
    "lower_first",
    "placeholder",
    "upper_first",
]


#: The time zone every date of a Finnish plan is read in.
HELSINKI = ZoneInfo("Europe/Helsinki")

_PLACEHOLDER = {"fi": "[TÄYDENNÄ: {}]", "sv": "[KOMPLETTERA: {}]"}


def placeholder(lang: str, what: str) -> str:
    """A visible gap for the planner to fill: ``[TÄYDENNÄ: what]`` / ``[KOMPLETTERA: what]``."""
    return _PLACEHOLDER.get(lang, _PLACEHOLDER["fi"]).format(what)


def fmt_number(value: float | int | None, decimals: int | None = 0) -> str:
    """``2400`` -> ``2 400``; ``0.35, 2`` -> ``0,35``; ``decimals=None`` keeps the given digits."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            text = f"{round(value):d}"
        else:
            text = repr(float(value))
            if "e" in text or "E" in text:
                text = f"{float(value):.6f}".rstrip("0")
    else:
        text = f"{value:.{decimals}f}"
    out = finnish_digits(text)
    if out.startswith("-") and not out.strip("-0,"):
        out = out[1:]  # no "-0"
    return out


def helsinki_date(value: Any) -> _dt.date | None:
    """The calendar date in Helsinki of an ISO date or timestamp, else ``None``.

    ``2025-03-17`` is that day; ``2026-10-25T22:00:00Z`` is 26 October in Helsinki; a
    timestamp without a zone is read as Helsinki time already.
    """
    if not isinstance(value, str) or len(value) < 10:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return _dt.date.fromisoformat(text)
        moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(HELSINKI).date()


def fmt_date(value: Any, lang: str = "fi") -> str | None:
    """``2025-03-17`` -> ``17.3.2025``; a timestamp gives its Helsinki date (both languages)."""
    day = helsinki_date(value)
    return f"{day.day}.{day.month}.{day.year}" if day is not None else None


def fmt_period(begin: Any, end: Any, lang: str = "fi") -> str | None:
    """``1.1.2025–31.12.2026``; an open end gives ``1.1.2025–``."""
    b, e = fmt_date(begin, lang), fmt_date(end, lang)
    if b is None and e is None:
        return None
    if e is None:
        return f"{b}–"
    if b is None:
        return f"–{e}"
    return b if b == e else f"{b}–{e}"


def fmt_scale(scale: Any) -> str | None:
    """``2000`` -> ``1:2 000``."""
    if isinstance(scale, bool) or not isinstance(scale, int) or scale <= 0:
        return None
    return f"1:{fmt_number(scale)}"


#: Units as printed, per language (a unit not listed is printed as given).
UNITS: dict[str, dict[str, str]] = {
    "k-m2": {"fi": "k-m²", "sv": "m²vy"},
    "k-m²": {"fi": "k-m²", "sv": "m²vy"},
    "k-m3": {"fi": "k-m³", "sv": "m³vy"},
    "m2": {"fi": "m²", "sv": "m²"},
    "m3": {"fi": "m³", "sv": "m³"},
    "k-m2/m2": {"fi": "", "sv": ""},
    "m2/k-m2": {"fi": "", "sv": ""},
    "m2/m2": {"fi": "", "sv": ""},
    "kpl": {"fi": "kpl", "sv": "st."},
    "ha": {"fi": "ha", "sv": "ha"},
    "km": {"fi": "km", "sv": "km"},
}


def fmt_unit(unit: Any, lang: str = "fi") -> str:
    """The printed unit: ``k-m2`` -> ``k-m²`` (fi) / ``m²vy`` (sv); unknown units as given."""
    if not isinstance(unit, str) or not unit.strip():
        return ""
    unit = unit.strip()
    return UNITS.get(unit, {}).get(lang, unit)


def fmt_quantity(number: float | int | None, unit: Any, lang: str = "fi") -> str:
    """``2400, "k-m2"`` -> ``2 400 k-m²``; numbers keep the digits they were given."""
    text = fmt_number(number, None)
    printed = fmt_unit(unit, lang)
    if not printed:
        return text
    if printed == "°":
        return text + printed
    return f"{text}{NBSP}{printed}"


def count(n: int | float, one: str, many: str, *, decimals: int = 0) -> str:
    """``n`` with the word form its number takes: ``count(1, "tiedosto", "tiedostoa")``.

    Finnish takes the singular nominative after 1 and the partitive after any other
    number (``0 virhettä``, ``0,2 sekuntia``); Swedish the singular after 1 only.
    """
    text = fmt_number(n, decimals)
    word = one if text == "1" else many
    return f"{text}{NBSP}{word}"


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the word is an abbreviation (``AK``, ``UNESCO``)."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
