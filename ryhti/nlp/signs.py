"""A legend sign read as what it is: letters, values, or both (``AK``, ``IV``, ``R(150)``, ``AO-1/3``).

Plan maps print a feature's letter code and its numbers together, and a legend explains them
together: ``AP II`` is a residential area of small houses with at most two storeys, ``R(150)``
an area for holiday housing whose building right is 150 k-m², ``AO-1/3`` a yleiskaava area
with three building sites, ``/3`` the building sites alone, ``2000+350`` two floor areas (of two
uses) added up, ``e=0,25`` an efficiency. :func:`read_sign` splits a sign into the letter part
(looked up in the notation table) and the values it carries (typed by the cue tables with the
legend text as context), and says how much the letters can be trusted: ``V8`` or ``SM7`` (an
index glued to letters, common on yleiskaava maps) is only weak evidence for ``V`` or ``SM``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ryhti.nlp.knowledge import Knowledge, Phrase
from ryhti.nlp.numbers import parse_number
from ryhti.nlp.values import Quantity, find_quantities

# anchored, greedy heads (stripped afterwards): linear even on a page of white space
_PAREN = re.compile(r"\A(?P<head>[^()]*)\(\s*(?P<n>\d[\d \u00a0]{0,12})\s*\)\Z")
_SLASH_COUNT = re.compile(r"\A(?P<head>(?:[^/\d][^/]*)?)/\s*(?P<n>\d{1,3})\Z")
_SUM = re.compile(r"\A(?P<a>\d[\d \u00a0]{0,9})\s*\+\s*(?P<b>\d[\d \u00a0]{0,9})\Z")
_LETTERS_THEN = re.compile(r"\A(?P<head>[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö0-9/-]*)\s+(?P<rest>\S.*)\Z")
_BARE_INDEX = re.compile(r"\A[A-Za-zÅÄÖåäö]+\d+\Z")


@dataclass
class SignReading:
    """What a sign says: letter meanings, values, and how far to trust the letters."""

    phrases: list[Phrase] = field(default_factory=list)
    #: the sign combines several codes (``A/V``, ``P/T``): every part's meaning applies
    combined: bool = False
    quantities: list[Quantity] = field(default_factory=list)
    #: letters found only after removing an index glued to them (``V8`` → ``V``)
    weak: bool = False
    #: the sign is nothing but values (``IV``, ``e=0,8``, ``2 400``)
    value_only: bool = False


def read_sign(sign: str | None, text: str, kb: Knowledge, level: str | None) -> SignReading:
    """Split ``sign`` into letters and values; ``text`` decides a Roman numeral that is also a
    letter code (``V``: a recreation area, or five storeys?)."""
    if not sign:
        return SignReading()
    qs = find_quantities(sign)
    covered = sum(q.end - q.start for q in qs)
    letter = list(kb.by_letter(sign, level))
    if qs and covered >= len(sign.replace(" ", "")) * 0.6 and not _SUM.fullmatch(sign.strip()):
        roman_only = len(qs) == 1 and qs[0].kind == "storeys" and not qs[0].extra
        if not (roman_only and letter and "kerros" not in text.lower()):
            return SignReading(quantities=qs, value_only=True)
    head, values = _split_values(sign.strip())
    reading = SignReading(quantities=values, value_only=bool(values) and not head)
    if not head:
        return reading
    found = list(kb.by_letter(head, level)) if head != sign else letter
    if found:
        reading.phrases = found
        reading.weak = bool(_BARE_INDEX.fullmatch(head)) and not kb.exact_letter(head, level)
        return reading
    if "/" in head:
        notation = getattr(kb.registry, "notation", None)
        try:
            parts = notation.parts(head, level or "asemakaava") if notation else [head]
        except (ValueError, KeyError):
            parts = [head]
        for part in parts:
            reading.phrases.extend(kb.by_letter(part, level)[:1])
        reading.combined = len(reading.phrases) > 1
    return reading


def _split_values(sign: str) -> tuple[str, list[Quantity]]:
    """(letters, values) of a sign that carries both; (sign, []) when it carries no value."""
    m = _SUM.fullmatch(sign)
    if m:
        parts = []
        for group in ("a", "b"):
            n = parse_number(m.group(group))
            if n is not None:
                q = Quantity("number", 0, 0, m.group(group).strip(), number=n, unit="k-m2")
                q.extra["sign"] = "sum"
                parts.append(q)
        return "", parts
    m = _PAREN.fullmatch(sign)
    if m:
        n = parse_number(m.group("n"))
        if n is not None:
            q = Quantity("number", 0, 0, f"({m.group('n').strip()})", number=n)
            q.extra["sign"] = "parenthesis"
            return m.group("head").strip(), [q]
    m = _SLASH_COUNT.fullmatch(sign)
    if m:
        q = Quantity("sites", 0, 0, f"/{m.group('n')}", number=float(m.group("n")))
        q.extra["sign"] = "after slash"
        return m.group("head").strip(), [q]
    m = _LETTERS_THEN.fullmatch(sign)
    if m:
        rest = m.group("rest")
        qs = find_quantities(rest)
        if qs and sum(q.end - q.start for q in qs) >= len(rest.replace(" ", "")) * 0.6:
            return m.group("head"), qs
    return sign, []


#: A letter code glued to "-alue" ("VL-alueen kaavakohde", "K/T-alueella").
_CODE_BEFORE_ALUE = re.compile(
    r"(?<![\w/-])(?P<sign>[A-ZÅÄÖ]{1,4}(?:-\d{1,2})?(?:/[A-ZÅÄÖ]{1,4}(?:-\d{1,2})?)*)-alue\w*"
)
#: A sign in parentheses ("Tuulivoimapuiston (EN) kaavakohde", "Rakennusala (XII)").
_CODE_IN_PARENTHESES = re.compile(r"(?<![^\s])\((?P<sign>[A-Za-zÅÄÖåäö]{1,4}(?:-\d{1,2})?)\)")
_ROMAN = re.compile(r"\A[IVXL]+\Z")
#: A name is short; a sign inside a long regulation is a reference, not the entry's own sign.
_NAME_WORDS = 8


def sign_in_text(text: str, kb: Knowledge, level: str | None) -> str | None:
    """The sign a short name or title carries inside itself, when no sign was given.

    Plan object names and legend titles often write the letter code into the text: "VL-alueen
    kaavakohde", "K/T-alueen kaavakohde", "Tuulivoimaloiden alueen (tv) kaavakohde", or the storeys
    as a Roman numeral in parentheses: "Rakennusalan kaavakohde (XII)". The code is taken only when
    the notation table knows it at the plan level (each part of a combined code), and only from a
    one-line text of at most :data:`_NAME_WORDS` words (in a long regulation such a code refers to
    another entry)."""
    if "\n" in text.strip() or len(text.split()) > _NAME_WORDS:
        return None
    found: list[str] = []
    for m in _CODE_BEFORE_ALUE.finditer(text):
        found.append(m.group("sign"))
    for m in _CODE_IN_PARENTHESES.finditer(text):
        found.append(m.group("sign"))
    for sign in found:
        if _ROMAN.fullmatch(sign):
            return sign
        parts = sign.split("/")
        if all(kb.by_letter(p, level) for p in parts):
            return sign
    return None
