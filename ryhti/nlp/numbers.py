"""Finnish numbers, fractions, units and dates: the primitives of the value parser.

Plan texts write ``2 400``, ``2.400`` (thousands) and ``0,8`` (decimal comma); attic and
basement shares as fractions (``½``, ``2/3``); units in a dozen spellings (storeys as Roman
numerals: :mod:`ryhti.numerals`). These functions read one such token each and never raise: :mod:`ryhti.nlp.values` finds the
tokens in running text and builds :class:`~ryhti.nlp.values.Quantity` objects from them.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from ryhti.numerals import finnish_digits

#: Unicode vulgar fractions and their values.
FRACTIONS: dict[str, float] = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
}

#: Finnish number words that appear in regulations ("enintään kaksi asuntoa").
NUMBER_WORDS: dict[str, int] = {
    "yksi": 1,
    "yhden": 1,
    "yhtä": 1,
    "kaksi": 2,
    "kahden": 2,
    "kahta": 2,
    "kolme": 3,
    "kolmen": 3,
    "kolmea": 3,
    "neljä": 4,
    "neljän": 4,
    "neljää": 4,
    "viisi": 5,
    "viiden": 5,
    "viittä": 5,
    "kuusi": 6,
    "kuuden": 6,
    "kuutta": 6,
    "seitsemän": 7,
    "seitsemää": 7,
    "kahdeksan": 8,
    "kahdeksaa": 8,
    "yhdeksän": 9,
    "yhdeksää": 9,
    "kymmenen": 10,
    "kymmentä": 10,
}


# Unit spellings → canonical RYHTI-style unit strings.
_UNIT_ALIASES: dict[str, str] = {
    "k-m2": "k-m2",
    "k-m²": "k-m2",
    "km2": "k-m2",
    "kem2": "k-m2",
    "kem²": "k-m2",
    "k-m^2": "k-m2",
    "kerros-m2": "k-m2",
    "kerrosneliömetri": "k-m2",
    "kerrosneliömetriä": "k-m2",
    "kerrosalaneliömetriä": "k-m2",
    "kerrosneliömetrin": "k-m2",
    "k-m3": "m3",
    "k-m³": "m3",
    "m3": "m3",
    "m³": "m3",
    "kuutiometriä": "m3",
    "m2": "m2",
    "m²": "m2",
    "neliömetriä": "m2",
    "%": "%",
    "prosenttia": "%",
    "prosentti": "%",
    "m": "m",
    "metriä": "m",
    "metrin": "m",
    "metrillä": "m",
    "db": "dB",
    "db(a)": "dB",
    "dba": "dB",
    "°": "°",
    "astetta": "°",
    "aste": "°",
}

#: Unit alternatives of the regular expressions, longest first so ``k-m2`` wins over ``m``.
UNIT_PATTERN = (
    r"(?:k-m\^?[2²]|kem[2²]|kerros-m2|k-m[3³]|"
    r"kerros(?:ala)?neliömetri(?:ä|n)?|kuutiometriä|neliömetriä|prosenttia|"
    r"m[2²³3]|dB\s*\(\s*A\s*\)|dBA|dB|%|°|astetta|metri(?:ä|n|llä)|m)(?![a-zåäö0-9])"
)

#: The spaces that separate thousands: plain, no-break, narrow no-break and thin.
SPACE = "[ \u00a0\u202f\u2009]"
#: A Finnish number: thousands in groups of three (space or dot), decimal comma or point.
NUMBER_PATTERN = (
    rf"(?:\d{{1,3}}(?:{SPACE}\d{{3}})+(?:[,.]\d+)?"  # 2 400 / 12 000,5
    r"|\d{1,3}(?:\.\d{3})+(?![,.]?\d)"  # 35.000 (dot thousands, three digits exactly)
    r"|\d+(?:[,.]\d+)?)"  # 2400 / 0,8 / 23.5
)

#: Hyphen and the dashes of ranges (``2–4``, ``III–V``).
DASH = "[-\u2010\u2011\u2012\u2013\u2014]"


def normalize_text(text: str) -> str:
    """NFC and the few character swaps that keep offsets: it never changes the text's length."""
    text = unicodedata.normalize("NFC", text) if not text.isascii() else text
    return text.replace("\u2212", "-")


def parse_number(text: str) -> float | None:
    """A number as Finns write it: ``2 400``, ``2400``, ``35.000``, ``0,8``, ``+23.5``, ``-1,5``.

    Returns ``None`` for anything that is not one number. A dot followed by exactly three
    digits after a 1–3 digit group (``35.000``) is a thousands separator; any other dot or
    comma is the decimal mark.
    """
    if not isinstance(text, str):
        return None
    s = text.strip().replace("\u2212", "-")
    sign = 1.0
    if s and s[0] in "+-":
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:].strip()
    if not s:
        return None
    s = re.sub(SPACE, "", s)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    if not re.fullmatch(r"\d+(?:\.\d+)?", s):
        return None
    try:
        return sign * float(s)
    except ValueError:  # pragma: no cover - guarded by the regex
        return None


def format_finnish(number: float, decimals: int | None = None) -> str:
    """Format a number the Finnish way (``2 400``, ``0,8``): the inverse of :func:`parse_number`."""
    negative = number < 0
    number = abs(number)
    if decimals is None:
        text = repr(float(number))
        if "e" in text or "E" in text:
            text = f"{number:.10f}".rstrip("0").rstrip(".")
        if text.endswith(".0"):
            text = text[:-2]
    else:
        text = f"{number:.{decimals}f}"
    return ("-" if negative else "") + finnish_digits(text)


def parse_fraction(text: str) -> float | None:
    """``½`` / ``1/2`` / ``2/3`` → a fraction between 0 and 1, else ``None``."""
    s = (text or "").strip()
    if s in FRACTIONS:
        return FRACTIONS[s]
    m = re.fullmatch(r"(\d)\s*/\s*(\d)", s)
    if m:
        num, den = int(m.group(1)), int(m.group(2))
        if den and 0 < num < den:
            return num / den
    return None


def normalize_unit(text: str | None) -> str | None:
    """Canonical unit (``k-m2``, ``m2``, ``m3``, ``%``, ``m``, ``dB``, ``°``) or ``None``."""
    if not text:
        return None
    s = unicodedata.normalize("NFC", text).strip()
    key = re.sub(r"\s+", "", s).lower()
    if key in _UNIT_ALIASES:
        return _UNIT_ALIASES[key]
    key2 = key.replace("²", "2").replace("³", "3")
    return _UNIT_ALIASES.get(key2)


def parse_date(text: str) -> _dt.date | None:
    """``31.12.2030`` / ``2030-12-31`` → a date; impossible dates → ``None``."""
    s = (text or "").strip()
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", s)
    try:
        if m:
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None
