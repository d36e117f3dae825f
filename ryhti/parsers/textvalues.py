"""Values read from a regulation text, and whether they belong to every feature with it.

A text's values go to every feature the text applies to, so a value the text states for
one named place must not: "Suuryksikköjen enimmäismitoitus on Lielahdessa 80 000 k-m²,
Lakalaivassa 45 000 k-m² …" gives no feature all three floor areas. A value is
*withheld* from the features when

* it is stated for a named place (a capitalised word in the inessive or adessive right
  before the value, not the sentence's first word: "… on Lielahdessa 80 000 k-m²",
  "… Kalevassa on 70 000 k-m²"); it is attached only to a feature whose name is that place
  (:func:`place_matches`);
* its text gives several different values of the same quantity (a list the conversion
  cannot share out);
* it is impossible for its type (zero or less where the code list wants a positive
  number, such as a legend's placeholder "00 dBA").

The sentence it came from then stays a verbal regulation, so nothing is lost, and a
finding lists it for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ryhti.nlp.language import sentences
from ryhti.parsers.interpret import RegSpec, verbal

__all__ = ["Withheld", "place_matches", "place_values", "withhold"]

_NUMERIC = ("Numeric", "Decimal", "SpotElevation")
#: a place name in the inessive/adessive right before a value ("Lielahdessa [on] 80 000");
#: it starts where a word starts (which also keeps the search linear on a long word)
_PLACE = re.compile(r"(?<![\w\-])([A-ZÄÖÅ][\w\-]*?(?:ssa|ssä|lla|llä))\s++(?:on\s+)?$")
_ENDINGS = ("ssa", "ssä", "lla", "llä", "sta", "stä", "lta", "ltä", "an", "en", "n")
#: a floor area written as a number ("80 000 k-m²"); the look-behind starts it at its first digit
_FLOOR_AREA = re.compile(r"(?<![\d,.])(\d{1,3}(?:[ \u00a0]\d{3})++|\d++)(?:[,.]\d++)?\s*+k-?m[²2]")


@dataclass
class Withheld:
    """A value withheld from the features of a text, and why."""

    spec: RegSpec
    #: the place the text states it for ("Lielahdessa"), if any
    place: str | None
    #: "place", "listed" or "impossible"
    reason: str
    sentence: str


def _number_value(spec: RegSpec) -> dict[str, Any] | None:
    value = spec.value
    if isinstance(value, dict) and any(t in str(value.get("dataType")) for t in _NUMERIC):
        return value
    return None


def _impossible(value: dict[str, Any]) -> bool:
    if not str(value.get("dataType", "")).startswith("Positive"):
        return False
    numbers = [value.get(k) for k in ("number", "minimumValue", "maximumValue")]
    return any(isinstance(n, int | float) and n <= 0 for n in numbers)


def withhold(text: str, specs: list[RegSpec]) -> tuple[list[RegSpec], list[Withheld]]:
    """The specs that apply to every feature of ``text`` (with a verbal regulation for each
    sentence whose values were withheld), and the withheld values."""
    pieces = sentences(text)
    valued: list[tuple[RegSpec, dict[str, Any], int]] = []
    for spec in specs:
        value = _number_value(spec)
        if value is None or not spec.span or spec.span[1] <= spec.span[0]:
            continue
        at = next((n for n, (a, b, _) in enumerate(pieces) if a <= spec.span[0] < b), None)
        if at is not None:
            valued.append((spec, value, at))
    if not valued:
        return specs, []
    by_type: dict[str, set[str]] = {}
    for spec, value, _ in valued:
        by_type.setdefault(spec.type, set()).add(repr(sorted(value.items())))
    withheld: list[Withheld] = []
    for spec, value, at in valued:
        start = pieces[at][0]
        before = text[start : spec.span[0]]
        place = _PLACE.search(before)
        if place is not None and not before[: place.start()].strip():
            place = None  # a sentence's first word is capitalised anyway ("Korttelissa on …")
        if _impossible(value):
            reason = "impossible"
        elif place is not None:
            reason = "place"
        elif len(by_type[spec.type]) > 1:
            reason = "listed"
        else:
            continue
        withheld.append(Withheld(spec, place.group(1) if place else None, reason, pieces[at][2]))
    if not withheld:
        return specs, []
    gone = {id(w.spec) for w in withheld}
    kept = [s for s in specs if id(s) not in gone]
    covered = {
        n
        for s in kept
        if s.span and s.span[1] > s.span[0]
        for n, (a, b, _) in enumerate(pieces)
        if a < s.span[1] and s.span[0] < b and s.type == "sanallinenMaarays"
    }
    done: set[int] = set()
    for w in withheld:
        at = next(n for n, (a, b, _) in enumerate(pieces) if a <= w.spec.span[0] < b)  # type: ignore[index]
        if at in covered or at in done:
            continue
        done.add(at)
        spec = verbal(
            pieces[at][2],
            "sentence whose values belong to named places or are impossible; kept verbatim",
        )
        kept.append(replace(spec, origin="withheld", span=(pieces[at][0], pieces[at][1])))
    return kept, withheld


def place_values(text: str, specs: list[RegSpec]) -> list[tuple[str, str, str]]:
    """Floor areas the text states for named places that no regulation carries, as
    (place, the value as written, sentence).

    The extractor gives no code to "Kaupan enimmäismitoitus on Lielahdessa 8 000 k-m²" (a
    cap a yleiskaava gives a named place is no value of the area its legend entry draws),
    so nothing is withheld from the features; the sentence is a verbal regulation. A
    reviewer should still see that the text holds values for places (CV021)."""
    carried = [s.span for s in specs if s.span and _number_value(s) is not None]
    out: list[tuple[str, str, str]] = []
    for a, _, sentence in sentences(text):
        for m in _FLOOR_AREA.finditer(sentence):
            start = a + m.start()
            if any(lo <= start < hi for lo, hi in carried):
                continue
            place = _PLACE.search(sentence[: m.start()])
            if place is None or not sentence[: place.start()].strip():
                continue
            out.append((place.group(1), m.group(0), sentence))
    return out


def place_matches(place: str, name: str | None) -> bool:
    """True when a feature named ``name`` is the place ``place`` (an inflected form:
    "Lielahdessa" is Lielahti, "Hervannassa" Hervanta, "Tesomalla" Tesoma)."""
    if not name:
        return False
    word = place.casefold()
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    target = " ".join(str(name).split()).casefold()
    common = 0
    for a, b in zip(word, target, strict=False):
        if a != b:
            break
        common += 1
    return common >= 4 and common >= min(len(target), len(word)) - 2
