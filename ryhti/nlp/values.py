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
from dataclasses import dataclass, field
from typing import Any

from ryhti.nlp.numbers import (
    DASH,
    NUMBER_PATTERN,
    NUMBER_WORDS,
    SPACE,
    UNIT_PATTERN,
    normalize_text,
    normalize_unit,
    parse_date,
    parse_fraction,
    parse_number,
)
from ryhti.numerals import parse_roman

__all__ = [
    "Quantity",
    "find_quantities",
    "normalize_text",
    "normalize_unit",
    "parse_date",
    "parse_fraction",
    "parse_number",
    "parse_roman",
]


@dataclass
class Quantity:
    """A value found in text, before it is given a regulation type.

    ``kind`` is one of ``number`` (a plain number with an optional unit), ``range``,
    ``storeys`` (Roman numeral), ``storey_range``, ``attic``/``basement`` (fraction of the
    largest storey, as a percentage), ``efficiency`` (e=…), ``elevation`` (+23.5),
    ``per_area`` (N places per M k-m²), ``per_dwelling`` (N places per dwelling), ``count``
    (a number word or digits before a counted noun), ``ratio`` ("1:2", ``minimum`` : ``maximum``)
    and ``period`` (dates).
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

#: Units of the floor area in a per-area norm.
_AREA_UNIT = (
    r"k-m\^?[2²]|kem[2²]|(?:asuin)?kerrosneliömetri[äa]?|(?:asuin)?kerrosalaneliömetri[äa]?"
)
_RE_PER_AREA = re.compile(
    rf"{_WB}(?P<n>{_N}){SPACE}*(?P<what>{_CAR}|{_BIKE}|kpl){SPACE}*(?:/|per|jokaista|kutakin){SPACE}*"
    rf"(?P<area>{_N}){SPACE}*(?P<unit>k-m\^?[2²]|kem[2²]|kerrosneliömetri[äa]?|m[2²])(?:{SPACE}*:n)?"
    rf"(?:{SPACE}+(?:kerrosalaa{SPACE}+)?kohden)?",
    re.IGNORECASE,
)
_RE_PER_AREA_WORDS = re.compile(
    rf"{_WB}(?P<n>{_N}|yksi|yhtä)(?:{SPACE}+(?P<what>autopaikka|autopaikkaa|pyöräpaikka|pyöräpaikkaa|"
    rf"polkupyöräpaikka|polkupyöräpaikkaa|kpl))?{SPACE}+(?:jokaista{SPACE}+|kutakin{SPACE}+)?"
    rf"(?P<area>{_N}){SPACE}*(?P<unit>{_AREA_UNIT})"
    rf"(?::n)?{SPACE}+(?:kerrosalaa{SPACE}+)?(?:kohden|kohti)",
    re.IGNORECASE,
)
#: "… 70 kerrosneliömetriä kohden …" wherever the counted places and their number stand
#: ("Kutakin 70 k-m² kohden on rakennettava yksi autopaikka", "Autopaikkoja on osoitettava
#: yksi 90 kerrosalaneliömetriä kohti"): the area part of a per-area norm.
_RE_AREA_EACH = re.compile(
    rf"{_WB}(?:(?:jokaista|kutakin|kunkin){SPACE}+)?(?P<area>{_N}){SPACE}*(?P<unit>{_AREA_UNIT})"
    rf"(?::n)?{SPACE}+(?:kerrosalaa{SPACE}+)?(?:kohden|kohti){_WE}",
    re.IGNORECASE,
)
#: The counted places of a norm, as words ("autopaikkaa", "polkupyöräpaikkoja", "ap", "pp").
_RE_PLACES = re.compile(
    r"(?<![A-Za-zÅÄÖåäö])(?P<what>(?:auto|polkupyörä|pyörä|pysäköinti)paik\w*|ap|pp)"
    r"(?![A-Za-zÅÄÖåäö])",
    re.IGNORECASE,
)
#: "… liiketiloille 1 / 50 k-m² ja asunnoille 1 / 120 k-m²": a norm written as a fraction of
#: floor area, the counted places named elsewhere in the sentence ("Pysäköintipaikkoja …").
_RE_PER_AREA_FRACTION = re.compile(
    rf"{_WB}(?P<n>\d{{1,2}}(?:[,.]\d+)?){SPACE}*/{SPACE}*(?P<area>{_N}){SPACE}*"
    rf"(?P<unit>k-m\^?[2²]|kem[2²]){_WE}",
    re.IGNORECASE,
)
_COUNT = rf"(?:\d+(?:[,.]\d+)?|{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})"
#: A number right before the area part ("yksi 90 k-m² kohden") …
_RE_COUNT_BEFORE = re.compile(rf"(?<![\w,.])(?P<n>{_COUNT}){SPACE}+$", re.IGNORECASE)
#: … or before the counted places, an adjective between ("yksi autopaikka", "1 polkupyöräpaikka").
_RE_COUNT_PLACES = re.compile(
    rf"(?<![\w,.])(?P<n>{_COUNT}){SPACE}+(?:[a-zåäö]+{SPACE}+)?"
    r"(?P<what>(?:auto|polkupyörä|pyörä)paik\w*|ap|pp)(?![A-Za-zÅÄÖåäö])",
    re.IGNORECASE,
)
_RE_PER_AREA_PREFIX = re.compile(
    rf"{_WB}(?P<what>ap|pp)\.?{SPACE}*(?P<n>{_N}){SPACE}*/{SPACE}*(?P<area>{_N}){SPACE}*"
    rf"(?P<unit>k-m\^?[2²]|kem[2²]|m[2²])",
    re.IGNORECASE,
)
_RE_PER_DWELLING = re.compile(
    rf"{_WB}(?P<n>{_N}|yksi|kaksi|kolme){SPACE}*(?P<what>{_CAR}|{_BIKE}|kpl){SPACE}*"
    rf"(?:/{SPACE}*(?:asunto|as|asuntoa|asuinhuoneisto|ash)\.?|(?:per{SPACE}+)?asuntoa{SPACE}+kohden|"
    rf"jokaista{SPACE}+asuntoa{SPACE}+kohden){_WE}",
    re.IGNORECASE,
)
_RE_EFFICIENCY = re.compile(
    rf"{_WB}e[ta]?{SPACE}*(?:=|{SPACE}){SPACE}*(?P<n>\d+(?:[,.]\d+)?){_WE}"
)  # e= (efficiency), et= (of the plot, tonttitehokkuus), ea= (of the area, aluetehokkuus)
_RE_STOREY_RANGE = re.compile(rf"{_WB}(?P<a>{_ROMAN}){SPACE}*{DASH}{SPACE}*(?P<b>{_ROMAN}){_WE}")
_RE_STOREY_BOUNDS = re.compile(
    rf"vähintään{SPACE}+(?P<a>{_ROMAN}){SPACE}+ja{SPACE}+enintään{SPACE}+(?P<b>{_ROMAN}){_WE}",
    re.IGNORECASE,
)
_RE_STOREYS = re.compile(
    rf"{_WB}(?:(?P<bfrac>{_FRAC}){SPACE}*k{SPACE}*)?(?P<r>{_ROMAN})"
    rf"(?:{SPACE}*(?P<u>u)?{SPACE}*(?P<afrac>{_FRAC}))?(?:{SPACE}*k{SPACE}*(?P<kfrac>{_FRAC}))?{_WE}"
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
    rf"{_WB}(?:(?P<a>\d{{1,2}}){SPACE}*{DASH}{SPACE}*)?(?P<n>\d{{1,2}}|"
    + "|".join(_STOREY_WORDS)
    + rf")-?kerroksi(?:nen|sen|sta|set|sia|siksi|sina|seksi|siin|seen)?{_WE}",
    re.IGNORECASE,
)
_RE_ATTIC_ALONE = re.compile(rf"{_WB}u{SPACE}*(?P<f>{_FRAC}){_WE}")
_RE_BASEMENT_ALONE = re.compile(rf"{_WB}(?:(?P<f1>{_FRAC}){SPACE}*k|k{SPACE}*(?P<f2>{_FRAC})){_WE}")
_RE_ELEVATION = re.compile(
    rf"(?:(?<=[\s(])|^)(?P<sign>[+]){SPACE}*(?P<n>\d+(?:[,.]\d+)?)(?:{SPACE}*m)?{_WE}"
)
_RE_DATE = r"(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})"
_RE_PERIOD = re.compile(
    rf"(?P<a>{_RE_DATE}){SPACE}*(?:{DASH}|–|asti|saakka){SPACE}*(?P<b>{_RE_DATE})?"
)
_RE_UNTIL = re.compile(
    rf"(?P<b>{_RE_DATE}){SPACE}+(?:asti|saakka|mennessä)|(?:asti|saakka|ajalle){SPACE}+(?P<b2>{_RE_DATE})",
    re.IGNORECASE,
)
_RE_NUMBER_RANGE = re.compile(
    rf"{_WB}(?P<a>{_N}){SPACE}*(?:{DASH}|\.\.\.?){SPACE}*(?P<b>{_N}){SPACE}*(?P<unit>{UNIT_PATTERN})?",
    re.IGNORECASE,
)
#: A ratio of two small numbers ("1:2", a roof pitch as rise to run); not a time ("12:30").
_RE_RATIO = re.compile(r"(?<![\d.,:])(?P<a>\d{1,2})\s?:\s?(?P<b>\d{1,2})(?![\d:.,]\d)")
_RE_UNIT_FIRST = re.compile(
    rf"{_WB}(?P<unit>k-m\^?[2²]|kem[2²]|m[2²³3]){SPACE}*(?P<n>{_N}){_WE}", re.IGNORECASE
)
_RE_NUMBER = re.compile(
    rf"(?<![A-Za-zÅÄÖåäö0-9,.+/=-])(?P<n>{_N})(?:{SPACE}*(?P<unit>{UNIT_PATTERN}))?",
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


def _at(m: re.Match[str], kind: str, **values: Any) -> Quantity:
    """A quantity of ``kind`` where ``m`` matched, with its values."""
    return Quantity(kind, m.start(), m.end(), m.group(0), **values)


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


def _per_area_any_order(text: str, places: re.Match[str]) -> list[Quantity]:
    """Per-area norms whose parts stand apart: the area part "(jokaista) N k-m² kohden/kohti",
    the counted ``places`` anywhere in the sentence, and their number right before the area part
    or right before the places. Without a number for the places it is no norm."""
    out = []
    for m in _RE_AREA_EACH.finditer(text):
        area = parse_number(m.group("area"))
        if not area:
            continue
        before = _RE_COUNT_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
        if before is not None:
            n = _num(before.group("n"))
            start, end = m.start() - len(before.group(0)), m.end()
        else:
            counted = next(
                (
                    c
                    for c in _RE_COUNT_PLACES.finditer(text)
                    if not m.start() <= c.start() < m.end()
                ),
                None,
            )
            if counted is None:
                continue
            n = _num(counted.group("n"))
            start, end = min(m.start(), counted.start()), max(m.end(), counted.end())
        if not n or n <= 0:
            continue
        q = Quantity(
            "per_area",
            start,
            end,
            text[start:end],
            number=area / n,
            unit="k-m2",
            places=_places(places.group("what")),
            bound=_bound_before(text, start),
        )
        out.append(q)
    return out


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
                _at(
                    m,
                    "per_area",
                    number=area / n,
                    unit="k-m2",
                    places=_places(what) if what and what.lower() != "kpl" else None,
                    bound=_bound_before(text, m.start()),
                )
            )
    # the counted places of a norm written in parts: without them no such norm
    places = _RE_PLACES.search(text) if digits else None
    if places is not None:
        for q in _per_area_any_order(text, places):
            add(q)
        for m in _RE_PER_AREA_FRACTION.finditer(text):
            n, area = parse_number(m.group("n")), parse_number(m.group("area"))
            if n and area and n > 0:
                add(
                    _at(
                        m,
                        "per_area",
                        number=area / n,
                        unit="k-m2",
                        places=_places(places.group("what")),
                        bound=_bound_before(text, m.start()),
                    )
                )
    for m in _RE_PER_AREA_PREFIX.finditer(digits):
        n, area = parse_number(m.group("n")), parse_number(m.group("area"))
        if n and area:
            add(
                _at(
                    m,
                    "per_area",
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
            _at(
                m,
                "per_dwelling",
                number=n,
                places=places,
                bound=_bound_before(text, m.start()),
            )
        )
    for m in _RE_EFFICIENCY.finditer(digits):
        n = parse_number(m.group("n"))
        if n is not None:
            add(
                _at(
                    m,
                    "efficiency",
                    number=n,
                    unit="k-m2/m2",
                    bound=_bound_before(text, m.start()),
                )
            )
    for m in _RE_PERIOD.finditer(digits):
        a, b = parse_date(m.group("a")), parse_date(m.group("b") or "")
        if a and (b or re.search(r"asti|saakka", m.group(0))):
            if b:
                add(_at(m, "period", begin=a, until=b))
            else:
                add(_at(m, "period", until=a))
    for m in _RE_UNTIL.finditer(digits):
        b = parse_date(m.group("b") or m.group("b2") or "")
        if b:
            add(_at(m, "period", until=b))
    for rx in (_RE_STOREY_BOUNDS, _RE_STOREY_RANGE):
        for m in rx.finditer(text):
            a, b = parse_roman(m.group("a")), parse_roman(m.group("b"))
            if a and b and a < b:
                add(_at(m, "storey_range", minimum=a, maximum=b))
    for m in _RE_STOREY_ADJ.finditer(text):
        word = m.group("n").lower()
        b = _STOREY_WORDS.get(word) or int(word)
        a = int(m.group("a")) if m.group("a") else None
        if a is not None and 0 < a < b:
            add(_at(m, "storey_range", minimum=a, maximum=b))
        elif a is None and b > 0:
            q = _at(m, "storeys", number=b)
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
            add(_at(m, "attic", number=round(f * 100), unit="%"))
    for m in _RE_BASEMENT_ALONE.finditer(text):
        f = parse_fraction(m.group("f1") or m.group("f2") or "")
        if f:
            add(_at(m, "basement", number=round(f * 100), unit="%"))
    for m in _RE_ELEVATION.finditer(digits):
        n = parse_number(m.group("n").replace(",", "."))
        if n is not None:
            add(
                _at(
                    m,
                    "elevation",
                    number=n,
                    unit="m",
                    bound=_bound_before(text, m.start()),
                )
            )
    for m in _RE_RATIO.finditer(digits):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a and b:
            add(_at(m, "ratio", number=a / b, minimum=a, maximum=b))
    for m in _RE_NUMBER_RANGE.finditer(digits):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is not None and b is not None and a < b:
            add(
                _at(
                    m,
                    "range",
                    minimum=a,
                    maximum=b,
                    unit=normalize_unit(m.group("unit")),
                )
            )
    for m in _RE_UNIT_FIRST.finditer(digits):
        n = parse_number(m.group("n"))
        if n is not None:
            add(
                _at(
                    m,
                    "number",
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
            _at(
                m,
                "count",
                number=float(NUMBER_WORDS[m.group("w").lower()]),
                bound=_bound_before(text, m.start()),
            )
        )
    found.sort(key=lambda q: q.start)
    return found
