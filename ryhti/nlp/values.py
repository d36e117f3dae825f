"""Numbers, units and notations of Finnish plan text → typed quantities.

Plan legends write the same value in many ways: ``2 400``, ``2400``, ``2.400`` (thousands),
``0,8`` and ``0.8`` (decimals), ``k-m²``/``k-m2``/``kem²``/``kerrosneliömetriä``, Roman storey
numbers with attic and basement fractions (``II½``, ``I u½``, ``½k II``), elevations (``+23.5``),
efficiency (``e=0,8``), parking norms (``1 ap / 100 k-m²``, ``1 ap/asunto``), percentages,
ranges (``2–4``, ``III–V``, ``vähintään III ja enintään V``) and dates (``31.12.2030``).
This module finds them with regular expressions over the raw text, so every result keeps the
exact character span it came from (the explanation shown to the planner), and turns them into
:class:`Quantity` objects. Deciding *which regulation* a quantity belongs to needs the words
around it and is done by :mod:`ryhti.nlp.pipeline`.

Everything here is pure Python and never raises on odd input: the parser is fed whole
documents, and a value it cannot read is simply not a value.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

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

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_RE = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")

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
_UNIT_PATTERN = (
    r"(?:k-m\^?[2²]|kem[2²]|kerros-m2|k-m[3³]|"
    r"kerros(?:ala)?neliömetri(?:ä|n)?|kuutiometriä|neliömetriä|prosenttia|"
    r"m[2²³3]|dB\s*\(\s*A\s*\)|dBA|dB|%|°|astetta|metri(?:ä|n|llä)|m)(?![a-zåäö0-9])"
)

_SPACE = "[ \u00a0\u202f\u2009]"
#: A Finnish number: thousands in groups of three (space or dot), decimal comma or point.
NUMBER_PATTERN = (
    rf"(?:\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:[,.]\d+)?"  # 2 400 / 12 000,5
    r"|\d{1,3}(?:\.\d{3})+(?![,.]?\d)"  # 35.000 (dot thousands, three digits exactly)
    r"|\d+(?:[,.]\d+)?)"  # 2400 / 0,8 / 23.5
)

_DASH = "[-\u2010\u2011\u2012\u2013\u2014]"


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
    s = re.sub(_SPACE, "", s)
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
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = "\u00a0".join(groups)
    if frac:
        out += "," + frac
    return ("-" if negative else "") + out


def parse_roman(text: str) -> int | None:
    """``IV`` → 4. Only the storey range I…XXXIX that plans use; anything else → ``None``."""
    s = (text or "").strip().upper()
    if not s or not _ROMAN_RE.fullmatch(s):
        return None
    total = 0
    prev = 0
    for ch in reversed(s):
        value = _ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


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


@dataclass
class Quantity:
    """A value found in text, before it is given a regulation type.

    ``kind`` is one of ``number`` (a plain number with an optional unit), ``range``,
    ``storeys`` (Roman numeral), ``storey_range``, ``attic``/``basement`` (fraction of the
    largest storey, as a percentage), ``efficiency`` (e=…), ``elevation`` (+23.5),
    ``per_area`` (N places per M k-m²), ``per_dwelling`` (N places per dwelling), ``count``
    (a number word or digits before a counted noun) and ``period`` (dates).
    ``bound`` is ``min``/``max`` when the text says *vähintään*/*enintään*.
    """

    kind: str
    start: int
    end: int
    text: str
    number: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None
    bound: str | None = None
    places: str | None = None  # per_area / per_dwelling: "car" or "bicycle"
    begin: _dt.date | None = None
    until: _dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# ----------------------------------------------------------------------------------------
# Regular expressions of the notations. Each is tried over the whole text; overlapping
# matches are resolved by priority (earlier in _SCANNERS wins) and then by length.
# ----------------------------------------------------------------------------------------
_N = NUMBER_PATTERN
_ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{1,3}|V)|X{1,3})"
_FRAC = r"(?:[½⅓⅔¼¾⅕⅖⅗⅘]|[1-4]\s*/\s*[2-5])"
_WB = r"(?<![A-Za-zÅÄÖåäö0-9])"
_WE = r"(?![A-Za-zÅÄÖåäö0-9])"

_CAR = r"(?:ap|autopaikka(?:a|n)?|autopaikkoja)"
_BIKE = r"(?:pp|pyp|polkupyöräpaikka(?:a|n)?|pyöräpaikka(?:a|n)?|polkupyöräpaikkoja|pyöräpaikkoja)"

_RE_PER_AREA = re.compile(
    rf"{_WB}(?P<n>{_N}){_SPACE}*(?P<what>{_CAR}|{_BIKE}|kpl){_SPACE}*(?:/|per|jokaista|kutakin){_SPACE}*"
    rf"(?P<area>{_N}){_SPACE}*(?P<unit>k-m\^?[2²]|kem[2²]|kerrosneliömetri[äa]?|m[2²])(?:{_SPACE}*:n)?"
    rf"(?:{_SPACE}+(?:kerrosalaa{_SPACE}+)?kohden)?",
    re.IGNORECASE,
)
_RE_PER_AREA_WORDS = re.compile(
    rf"{_WB}(?P<n>{_N}|yksi|yhtä)(?:{_SPACE}+(?P<what>autopaikka|autopaikkaa|pyöräpaikka|pyöräpaikkaa|"
    rf"polkupyöräpaikka|polkupyöräpaikkaa|kpl))?{_SPACE}+(?:jokaista{_SPACE}+|kutakin{_SPACE}+)?"
    rf"(?P<area>{_N}){_SPACE}*(?P<unit>k-m\^?[2²]|kem[2²]|kerrosneliömetri[äa]?|kerrosalaneliömetri[äa]?)"
    rf"(?::n)?{_SPACE}+(?:kerrosalaa{_SPACE}+)?kohden",
    re.IGNORECASE,
)
_RE_PER_AREA_PREFIX = re.compile(
    rf"{_WB}(?P<what>ap|pp)\.?{_SPACE}*(?P<n>{_N}){_SPACE}*/{_SPACE}*(?P<area>{_N}){_SPACE}*"
    rf"(?P<unit>k-m\^?[2²]|kem[2²]|m[2²])",
    re.IGNORECASE,
)
_RE_PER_DWELLING = re.compile(
    rf"{_WB}(?P<n>{_N}|yksi|kaksi|kolme){_SPACE}*(?P<what>{_CAR}|{_BIKE}|kpl){_SPACE}*"
    rf"(?:/{_SPACE}*(?:asunto|as|asuntoa|asuinhuoneisto|ash)\.?|(?:per{_SPACE}+)?asuntoa{_SPACE}+kohden|"
    rf"jokaista{_SPACE}+asuntoa{_SPACE}+kohden){_WE}",
    re.IGNORECASE,
)
_RE_EFFICIENCY = re.compile(
    rf"{_WB}e[ta]?{_SPACE}*(?:=|{_SPACE}){_SPACE}*(?P<n>\d+(?:[,.]\d+)?){_WE}"
)  # e= (efficiency), et= (of the plot, tonttitehokkuus), ea= (of the area, aluetehokkuus)
_RE_STOREY_RANGE = re.compile(rf"{_WB}(?P<a>{_ROMAN}){_SPACE}*{_DASH}{_SPACE}*(?P<b>{_ROMAN}){_WE}")
_RE_STOREY_BOUNDS = re.compile(
    rf"vähintään{_SPACE}+(?P<a>{_ROMAN}){_SPACE}+ja{_SPACE}+enintään{_SPACE}+(?P<b>{_ROMAN}){_WE}",
    re.IGNORECASE,
)
_RE_STOREYS = re.compile(
    rf"{_WB}(?:(?P<bfrac>{_FRAC}){_SPACE}*k{_SPACE}*)?(?P<r>{_ROMAN})"
    rf"(?:{_SPACE}*(?P<u>u)?{_SPACE}*(?P<afrac>{_FRAC}))?(?:{_SPACE}*k{_SPACE}*(?P<kfrac>{_FRAC}))?{_WE}"
)
#: "kaksikerroksinen", "3-kerroksisia", "2–3-kerroksisia": storeys written into an adjective.
_STOREY_WORDS = {
    "yksi": 1,
    "kaksi": 2,
    "kolmi": 3,
    "neli": 4,
    "viisi": 5,
    "kuusi": 6,
    "seitsen": 7,
    "kahdeksan": 8,
}
_RE_STOREY_ADJ = re.compile(
    rf"{_WB}(?:(?P<a>\d{{1,2}}){_SPACE}*{_DASH}{_SPACE}*)?(?P<n>\d{{1,2}}|"
    + "|".join(_STOREY_WORDS)
    + rf")-?kerroksi(?:nen|sen|sta|set|sia|siksi|sina|seksi|siin|seen)?{_WE}",
    re.IGNORECASE,
)
_RE_ATTIC_ALONE = re.compile(rf"{_WB}u{_SPACE}*(?P<f>{_FRAC}){_WE}")
_RE_BASEMENT_ALONE = re.compile(
    rf"{_WB}(?:(?P<f1>{_FRAC}){_SPACE}*k|k{_SPACE}*(?P<f2>{_FRAC})){_WE}"
)
_RE_ELEVATION = re.compile(
    rf"(?:(?<=[\s(])|^)(?P<sign>[+]){_SPACE}*(?P<n>\d+(?:[,.]\d+)?)(?:{_SPACE}*m)?{_WE}"
)
_RE_DATE = r"(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})"
_RE_PERIOD = re.compile(
    rf"(?P<a>{_RE_DATE}){_SPACE}*(?:{_DASH}|–|asti|saakka){_SPACE}*(?P<b>{_RE_DATE})?"
)
_RE_UNTIL = re.compile(
    rf"(?P<b>{_RE_DATE}){_SPACE}+(?:asti|saakka|mennessä)|(?:asti|saakka|ajalle){_SPACE}+(?P<b2>{_RE_DATE})",
    re.IGNORECASE,
)
_RE_NUMBER_RANGE = re.compile(
    rf"{_WB}(?P<a>{_N}){_SPACE}*(?:{_DASH}|\.\.\.?){_SPACE}*(?P<b>{_N}){_SPACE}*(?P<unit>{_UNIT_PATTERN})?",
    re.IGNORECASE,
)
_RE_UNIT_FIRST = re.compile(
    rf"{_WB}(?P<unit>k-m\^?[2²]|kem[2²]|m[2²³3]){_SPACE}*(?P<n>{_N}){_WE}", re.IGNORECASE
)
_RE_NUMBER = re.compile(
    rf"(?<![A-Za-zÅÄÖåäö0-9,.+/=-])(?P<n>{_N})(?:{_SPACE}*(?P<unit>{_UNIT_PATTERN}))?",
    re.IGNORECASE,
)
_RE_COUNT_WORD = re.compile(
    r"(?<![A-Za-zÅÄÖåäö])(?P<w>"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?![a-zåäö])",
    re.IGNORECASE,
)
_RE_BOUND = re.compile(
    r"(vähintään|enintään|korkeintaan|maksimissaan|yhteensä\s+enintään|alle|yli|minimissään|"
    r"vähimmäis\w*|enimmäis\w*|suurin\s+sallittu|saa\s+olla\s+enintään)\s*$",
    re.IGNORECASE,
)


def _bound_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 40) : start]
    m = _RE_BOUND.search(window)
    if not m:
        return None
    word = m.group(1).lower()
    if word.startswith(("vähintään", "vähimmäis", "minimissään", "yli")):
        return "min"
    return "max"


def _places(what: str) -> str:
    w = what.lower()
    return "bicycle" if w.startswith(("pp", "pyp", "polkupyörä", "pyörä")) else "car"


def _num(text: str) -> float | None:
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    return parse_number(t)


def find_quantities(text: str) -> list[Quantity]:
    """Every value notation in ``text``, non-overlapping, in text order.

    Never raises: odd input gives fewer results, not an exception.
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        return _find(normalize_text(text))
    except (ValueError, IndexError, OverflowError):  # pragma: no cover - defensive
        return []


def _find(text: str) -> list[Quantity]:
    # Most sentences of a legend have no digit: the scanners that need one then see "".
    digits = text if any(ch.isdigit() for ch in text) else ""
    found: list[Quantity] = []
    # Spans taken so far, disjoint and kept sorted by start, so that a sentence of
    # thousands of numbers is not quadratic: only the neighbours can overlap.
    starts: list[int] = []
    ends: list[int] = []

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_right(starts, a)
        if i and ends[i - 1] > a:
            return False
        return i == len(starts) or starts[i] >= b

    def add(q: Quantity) -> None:
        if q.end > q.start and free(q.start, q.end):
            found.append(q)
            i = bisect.bisect_right(starts, q.start)
            starts.insert(i, q.start)
            ends.insert(i, q.end)

    for rx in (_RE_PER_AREA, _RE_PER_AREA_WORDS):
        for m in rx.finditer(digits):
            n, area = _num(m.group("n")), parse_number(m.group("area"))
            if n is None or area is None or n <= 0:
                continue
            what = m.group("what")
            if not what and not re.search(r"jokaista|kutakin", m.group(0), re.IGNORECASE):
                continue  # "yksi jokaista 40 k-m² kohden" names what is counted elsewhere
            add(
                Quantity(
                    "per_area",
                    m.start(),
                    m.end(),
                    m.group(0),
                    number=area / n,
                    unit="k-m2",
                    places=_places(what) if what and what.lower() != "kpl" else None,
                    bound=_bound_before(text, m.start()),
                )
            )
    for m in _RE_PER_AREA_PREFIX.finditer(digits):
        n, area = parse_number(m.group("n")), parse_number(m.group("area"))
        if n and area:
            add(
                Quantity(
                    "per_area",
                    m.start(),
                    m.end(),
                    m.group(0),
                    number=area / n,
                    unit="k-m2",
                    places=_places(m.group("what")),
                )
            )
    for m in _RE_PER_DWELLING.finditer(text):
        n = _num(m.group("n"))
        if n is None:
            continue
        what = m.group("what")
        places = None if what.lower() == "kpl" else _places(what)
        add(
            Quantity(
                "per_dwelling",
                m.start(),
                m.end(),
                m.group(0),
                number=n,
                places=places,
                bound=_bound_before(text, m.start()),
            )
        )
    for m in _RE_EFFICIENCY.finditer(digits):
        n = parse_number(m.group("n"))
        if n is not None:
            add(
                Quantity(
                    "efficiency",
                    m.start(),
                    m.end(),
                    m.group(0),
                    number=n,
                    unit="k-m2/m2",
                    bound=_bound_before(text, m.start()),
                )
            )
    for m in _RE_PERIOD.finditer(digits):
        a, b = parse_date(m.group("a")), parse_date(m.group("b") or "")
        if a and (b or re.search(r"asti|saakka", m.group(0))):
            if b:
                add(Quantity("period", m.start(), m.end(), m.group(0), begin=a, until=b))
            else:
                add(Quantity("period", m.start(), m.end(), m.group(0), until=a))
    for m in _RE_UNTIL.finditer(digits):
        b = parse_date(m.group("b") or m.group("b2") or "")
        if b:
            add(Quantity("period", m.start(), m.end(), m.group(0), until=b))
    for rx in (_RE_STOREY_BOUNDS, _RE_STOREY_RANGE):
        for m in rx.finditer(text):
            a, b = parse_roman(m.group("a")), parse_roman(m.group("b"))
            if a and b and a < b:
                add(Quantity("storey_range", m.start(), m.end(), m.group(0), minimum=a, maximum=b))
    for m in _RE_STOREY_ADJ.finditer(text):
        word = m.group("n").lower()
        b = _STOREY_WORDS.get(word) or int(word)
        a = int(m.group("a")) if m.group("a") else None
        if a is not None and 0 < a < b:
            add(Quantity("storey_range", m.start(), m.end(), m.group(0), minimum=a, maximum=b))
        elif a is None and b > 0:
            q = Quantity("storeys", m.start(), m.end(), m.group(0), number=b)
            q.extra["adjective"] = True
            add(q)
    for m in _RE_STOREYS.finditer(text):
        r = parse_roman(m.group("r"))
        if not r:
            continue
        raw = m.group(0)
        # A lone "I" or "V" inside prose is a word, not a storey count; require a legend-like
        # context: the whole text, a fraction, or a cue word nearby (checked by the caller).
        q = Quantity("storeys", m.start(), m.end(), raw, number=r)
        bfrac = parse_fraction(m.group("bfrac") or "") or parse_fraction(m.group("kfrac") or "")
        afrac = parse_fraction(m.group("afrac") or "")
        if bfrac:
            q.extra["basement"] = round(bfrac * 100)
        if afrac:
            q.extra["attic"] = round(afrac * 100)
        add(q)
    for m in _RE_ATTIC_ALONE.finditer(text):
        f = parse_fraction(m.group("f"))
        if f:
            add(Quantity("attic", m.start(), m.end(), m.group(0), number=round(f * 100), unit="%"))
    for m in _RE_BASEMENT_ALONE.finditer(text):
        f = parse_fraction(m.group("f1") or m.group("f2") or "")
        if f:
            add(
                Quantity(
                    "basement", m.start(), m.end(), m.group(0), number=round(f * 100), unit="%"
                )
            )
    for m in _RE_ELEVATION.finditer(digits):
        n = parse_number(m.group("n").replace(",", "."))
        if n is not None:
            add(
                Quantity(
                    "elevation",
                    m.start(),
                    m.end(),
                    m.group(0),
                    number=n,
                    unit="m",
                    bound=_bound_before(text, m.start()),
                )
            )
    for m in _RE_NUMBER_RANGE.finditer(digits):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is not None and b is not None and a < b:
            add(
                Quantity(
                    "range",
                    m.start(),
                    m.end(),
                    m.group(0),
                    minimum=a,
                    maximum=b,
                    unit=normalize_unit(m.group("unit")),
                )
            )
    for m in _RE_UNIT_FIRST.finditer(digits):
        n = parse_number(m.group("n"))
        if n is not None:
            add(
                Quantity(
                    "number",
                    m.start(),
                    m.end(),
                    m.group(0),
                    number=n,
                    unit=normalize_unit(m.group("unit")),
                    bound=_bound_before(text, m.start()),
                )
            )
    for m in _RE_NUMBER.finditer(digits):
        raw_n = m.group("n")
        unit = normalize_unit(m.group("unit"))
        n = parse_number(raw_n)
        if n is None:
            continue
        end = m.end() if unit else m.start() + len(raw_n)
        # A date or a section number ("43 §") is not a quantity.
        after = text[end : end + 3]
        if re.match(r"\s*§", after) or re.match(
            r"\.\d", text[m.start() + len(raw_n) : m.start() + len(raw_n) + 2]
        ):
            continue
        add(
            Quantity(
                "number",
                m.start(),
                end,
                text[m.start() : end],
                number=n,
                unit=unit,
                bound=_bound_before(text, m.start()),
            )
        )
    for m in _RE_COUNT_WORD.finditer(text):
        add(
            Quantity(
                "count",
                m.start(),
                m.end(),
                m.group(0),
                number=float(NUMBER_WORDS[m.group("w").lower()]),
                bound=_bound_before(text, m.start()),
            )
        )
    found.sort(key=lambda q: q.start)
    return found
