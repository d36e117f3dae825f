"""Numbers as Finnish plans write them: Roman storey counts and digits grouped the Finnish way.

Roman numerals (``IV``, ``II½``, ``III-V``): one reading and one writing for the whole package,
so that the converter, the extractor, the validator and the plan description agree on what
``IIII`` is (not a numeral: plans and the ministry's notation guide write canonical numerals
only). Reading accepts the storey
range I–XXXIX (a 40-storey building is not in any Finnish plan, and wider readings turn
letter codes such as ``L`` or ``DC`` into numbers); writing gives the canonical numeral of
any count up to 3999.

Digits (``2 400``, ``0,8``): thousands grouped with no-break spaces and a decimal comma, as the
plan description prints them and the extractor writes them back (:func:`finnish_digits`).
"""

from __future__ import annotations

import re

__all__ = ["NBSP", "finnish_digits", "parse_roman", "to_roman"]

#: No-break space: groups thousands and keeps a number with its unit.
NBSP = "\u00a0"

#: Canonical numerals from I to XXXIX.
_CANONICAL = re.compile(r"(X{0,3})(IX|IV|V?I{0,3})")
_VALUES = {"I": 1, "V": 5, "X": 10}
_WRITING = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def parse_roman(text: str | None) -> int | None:
    """``IV`` → 4 (case and surrounding spaces do not matter); ``None`` for anything that is
    not a canonical numeral of the storey range I–XXXIX (``IIII``, ``VX``, ``L``, ``""``)."""
    numeral = (text or "").strip().upper()
    if not numeral or not _CANONICAL.fullmatch(numeral):
        return None
    total = 0
    previous = 0
    for letter in reversed(numeral):
        value = _VALUES[letter]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def to_roman(n: int) -> str:
    """The canonical numeral of ``n`` (``5`` → ``V``, ``14`` → ``XIV``); a number outside
    1–3999 (or not a whole number) is written in digits instead."""
    if not isinstance(n, int) or isinstance(n, bool) or n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in _WRITING:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def finnish_digits(text: str) -> str:
    """A number written with a decimal point (``-1234.50``) the Finnish way: thousands grouped
    with no-break spaces, a decimal comma (``-1 234,50``). The caller chooses the digits."""
    negative = text.startswith("-")
    whole, _, frac = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = NBSP.join(groups) + ("," + frac if frac else "")
    return "-" + out if negative else out
