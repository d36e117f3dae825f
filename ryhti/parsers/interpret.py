"""Letter codes, meaning texts, numbers and free text → regulation specs.

All meaning enters a plan through this module, so every decision is made (and
recorded) in one place:

* letter codes (``AK``, ``VL-2``, ``sr-1``) through the project's notation table
  (:mod:`ryhti.codelists`), preferring the Katja-era entries;
* notation meanings as GIS layers often store them ("Asuinkerrostalojen
  korttelialue") through the same table, by meaning;
* attribute values mapped to a regulation code, typed by the code's value type;
* free text through the Finnish extractor (:mod:`ryhti.nlp`), one call per distinct
  text, cached. If the extractor cannot be loaded the text is kept verbatim as a
  verbal regulation and the report says so (rule CV017).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ryhti.nlp.language import sentences, swedish_for
from ryhti.numerals import parse_roman
from ryhti.parsers.canonical import dumps_sorted

__all__ = ["Interpreter", "RegSpec", "merge", "parse_value", "verbal_text"]

VERBAL = "sanallinenMaarays"

_RANGE_RE = re.compile(r"^\s*(\S+?)\s*[-–]\s*(\S+)\s*$")
_BRACKETED = re.compile(r"^[A-Za-zÄÖÅäöå/-]*\(([\d.,]+)\)$")


@dataclass
class RegSpec:
    """One regulation before keys are assigned: codes are code values, not URIs."""

    type: str
    value: dict[str, Any] | None = None
    additional: list[dict[str, Any]] = field(default_factory=list)
    verbal: list[str] = field(default_factory=list)
    origin: str = ""
    evidence: str = ""
    confidence: float | None = None
    review: bool = False
    span: tuple[int, int] | None = None

    def signature(self) -> tuple[Any, ...]:
        return (
            self.type,
            dumps_sorted(self.value),
            dumps_sorted(self.additional),
            tuple(self.verbal),
        )


@dataclass
class Meaning:
    """What a letter code or meaning text stands for."""

    regulations: list[RegSpec]
    title_fin: str | None
    title_swe: str | None
    evidence: str
    #: how the code list overruled the notation table (a CV022 message), if it did
    conflict: str | None = None


def _normal(text: str) -> str:
    return " ".join(text.split()).rstrip(".").casefold()


def _number(raw: Any) -> float | None:
    """The number in ``raw``, or None; NaN and ±infinity are no values (JSON cannot hold them)."""
    value = _any_number(raw)
    return value if value is not None and math.isfinite(value) else None


def _any_number(raw: Any) -> float | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return None if isinstance(raw, float) and math.isnan(raw) else float(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    text = re.sub(r"^(e|ek|et|k-m2|km2)\s*=\s*", "", text, flags=re.IGNORECASE)
    # a yleiskaava writes a building right after the letter code: "R(150)", "RA(2)"
    bracketed = _BRACKETED.match(text)
    if bracketed:
        text = bracketed.group(1)
    text = text.replace(",", ".")
    roman = parse_roman(text)
    if roman is not None:
        return float(roman)
    try:
        return float(text)
    except ValueError:
        return None


def is_empty(raw: Any) -> bool:
    """True for None, NaN and blank text: the feature has no value for the attribute."""
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and not raw.strip()


def parse_value(code: str, raw: Any, value_types: Any) -> tuple[str, dict[str, Any]] | None:
    """(regulation code, RYHTI value dict) for an attribute value, or None if not understood.

    The code's allowed data types decide how the value is read; a storey count given as
    a range (``II-IV``) switches ``…Luku`` to the matching ``…Arvovali`` code.
    """
    allowed = value_types.allowed_data_types(code) if value_types is not None else None
    units = value_types.units(code) if value_types is not None else None
    unit = units[0] if units else None
    allowed = allowed or ("Decimal",)
    text = raw if isinstance(raw, str) else None
    if text is not None and "Range" not in "".join(allowed):
        match = _RANGE_RE.match(text)
        if match and code.endswith("Luku"):
            alt = code[: -len("Luku")] + "Arvovali"
            lo, hi = _number(match.group(1)), _number(match.group(2))
            if lo is not None and hi is not None:
                return alt, _range_value("PositiveNumericRange", lo, hi, unit)
    for dtype in allowed:
        if dtype in ("LocalizedText", "Text"):
            if is_empty(raw):
                return None
            value = str(raw).strip()
            if dtype == "LocalizedText":
                return code, {"dataType": dtype, "text": {"fin": value}}
            return code, {"dataType": dtype, "text": value}
        if dtype.endswith("Range"):
            if text is None:
                continue
            match = _RANGE_RE.match(text)
            if not match:
                continue
            lo, hi = _number(match.group(1)), _number(match.group(2))
            if lo is None or hi is None:
                continue
            return code, _range_value(dtype, lo, hi, unit)
        number = _number(raw)
        if number is None:
            continue
        if dtype.startswith("Positive") and number <= 0:
            continue
        if dtype in ("Numeric", "PositiveNumeric", "SpotElevation"):
            if not float(number).is_integer():
                continue
            value: dict[str, Any] = {"dataType": dtype, "number": int(number)}
        else:
            value = {"dataType": dtype, "number": number}
        if unit:
            value["unitOfMeasure"] = unit
        return code, value
    return None


def _range_value(dtype: str, lo: float, hi: float, unit: str | None) -> dict[str, Any]:
    integral = "Numeric" in dtype
    value: dict[str, Any] = {
        "dataType": dtype,
        "minimumValue": int(lo) if integral else lo,
        "maximumValue": int(hi) if integral else hi,
    }
    if unit:
        value["unitOfMeasure"] = unit
    return value


class Interpreter:
    """Caches every lookup; one per conversion."""

    def __init__(
        self, plan_level: str | None, *, use_extractor: bool = True, lexicon: Any = None
    ) -> None:
        from ryhti.codelists import registry

        self.registry = registry()
        self.notation = self.registry.notation
        self.value_types = self.registry.value_types
        self.plan_level = plan_level
        self.use_extractor = use_extractor
        #: the municipality's lexicon (:class:`ryhti.nlp.lexicon.Lexicon`) handed to the extractor
        self.lexicon = lexicon
        self.extractor_error: str | None = None
        self._letters: dict[tuple[str, str | None], Meaning | None] = {}
        self._meanings: dict[str, Meaning | None] = {}
        self._texts: dict[tuple[str, str | None], list[RegSpec]] = {}
        #: the entry-level modifiers of a text (additional information without a regulation)
        self._modifiers: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
        self._label_index: dict[str, str] | None = None

    # -- notation --------------------------------------------------------------------
    def letter(self, code: str, role: str | None = None) -> Meaning | None:
        """Regulations a letter code stands for (None if the table has no typed entry)."""
        key = (code, role)
        if key not in self._letters:
            self._letters[key] = self._from_entries(
                self.notation.by_letter(code, self.plan_level), f"letter code {code!r}", role
            )
        return self._letters[key]

    def meaning(self, text: str, role: str | None = None) -> Meaning | None:
        """Regulations for a notation meaning text ("Lähivirkistysalue")."""
        key = f"{role}:{text}"
        if key not in self._meanings:
            wanted = text.strip().rstrip(".")
            entries = self.notation.by_meaning(wanted, self.plan_level)
            self._meanings[key] = self._from_entries(
                entries, f"meaning {wanted!r}", role, meaning=wanted
            )
        return self._meanings[key]

    def _from_entries(
        self, entries: list[Any], what: str, role: str | None, meaning: str | None = None
    ) -> Meaning | None:
        typed = [e for e in entries if e.regulations]
        if not typed:
            return None
        order = {"katja": 0, "traditional": 1, "short_name": 2}
        typed.sort(key=lambda e: order.get(e.origin, 3))
        best = typed[0]
        regs = []
        for reg in best.regulations:
            additional = []
            for info in reg.additional_information:
                info_type = info.type
                if role == "subarea" and info_type == "paakayttotarkoitus":
                    info_type = "osaAlue"
                item: dict[str, Any] = {"type": info_type}
                if info.value:
                    item["value"] = {
                        "dataType": "Code",
                        "code": info.value,
                        "codeList": info.code_list or "RY_Kaavamaarayslaji",
                    }
                additional.append(item)
            regs.append(
                RegSpec(
                    type=reg.code,
                    additional=additional,
                    origin="notation",
                    evidence=f"{what} = {best.origin} notation entry {best.meaning_fi!r}",
                )
            )
        title_fin = next((e.meaning_fi for e in typed if e.origin == "katja"), None)
        title_fin = title_fin or best.meaning_fi
        title_swe = next((e.meaning_sv for e in typed if e.meaning_sv), None)
        conflict = None
        code, why = self._code_list_says(best, meaning)
        if code is not None:
            conflict = (
                f"{what}: the notation table says {', '.join(r.type for r in regs)}, but {why}; "
                f"{code} is used"
            )
            regs = [
                RegSpec(
                    type=code,
                    additional=list(regs[0].additional) if regs else [],
                    origin="notation",
                    evidence=f"{what} = {why} (the notation table said {best.regulation_codes})",
                )
            ]
            known = self.registry["RY_Kaavamaarayslaji"].get(code)
            if known is not None and not meaning:
                title_fin = known.label("fi") or title_fin
                title_swe = known.label("sv")
        return Meaning(regs, title_fin, title_swe, f"{what} → {best.origin} entry", conflict)

    def _code_list_says(self, best: Any, meaning: str | None) -> tuple[str | None, str]:
        """The code whose label in the code list is the meaning text itself, when the
        table's entry lacks it: a label is the code list's own word (a letter code is not:
        ``pk`` is both a Katja day-care building area and the code list's short name of
        ``paakatu``, so letters are left to the table and to the texts)."""
        if meaning:
            found = self._labels().get(_normal(meaning))
            if found is not None and found not in set(best.regulation_codes):
                return found, f"the code list's label {meaning!r} is {found}"
        return None, ""

    def _labels(self) -> dict[str, str]:
        """Finnish label (normalised) → RY_Kaavamaarayslaji code, for labels used once."""
        if self._label_index is None:
            seen: dict[str, list[str]] = {}
            for code in self.registry["RY_Kaavamaarayslaji"].codes:
                text = code.label("fi")
                if text and code.usable:
                    seen.setdefault(_normal(text), []).append(code.value)
            self._label_index = {k: v[0] for k, v in seen.items() if len(v) == 1}
        return self._label_index

    # -- free text --------------------------------------------------------------------
    def text(self, text: str, sign: str | None = None) -> list[RegSpec]:
        """Regulations in a free text (extractor, or one verbal regulation as fallback)."""
        key = (text, sign)
        if key in self._texts:
            return self._texts[key]
        specs: list[RegSpec] = []
        mods: list[dict[str, Any]] = []
        extracted = self._extract(text, sign) if self.use_extractor else None
        if extracted is None:
            specs = [verbal(text, "verbatim (extractor not used)")]
        else:
            mods = [m.to_json() for m in extracted.modifiers]
            for reg in extracted.regulations:
                data = reg.to_json() if hasattr(reg, "to_json") else dict(reg)
                value = data.get("value")
                specs.append(
                    RegSpec(
                        type=data["type"],
                        value=value,
                        additional=[
                            {k: v for k, v in a.items() if not (k == "value" and v is None)}
                            for a in data.get("additionalInformations") or []
                        ],
                        verbal=list(data.get("verbalRegulations") or []),
                        origin="extractor",
                        evidence=str(data.get("evidence", "")),
                        confidence=data.get("confidence"),
                        review=bool(data.get("review")),
                        span=tuple(data["span"]) if data.get("span") else None,
                    )
                )
            spans = [s.span for s in specs if s.span]
            spans += [(m["span"][0], m["span"][1]) for m in mods if m.get("span")]
            leftover = uncovered(text, spans)
            if leftover and not specs and not mods:
                specs.append(verbal(text, "extractor found no regulation; kept verbatim"))
            elif leftover:
                specs.append(verbal(leftover, "text the extractor left uninterpreted"))
                specs[-1].origin = "leftover"
        self._texts[key] = specs
        self._modifiers[key] = mods
        return specs

    def modifiers(self, text: str, sign: str | None = None) -> list[dict[str, Any]]:
        """The additional information ``text`` gives without a regulation (a change class,
        "Uusi seudullinen pääväylä", an underlined number's explanation): the extractor's
        modifier JSON, for the caller to attach to the feature's other regulations."""
        key = (text, sign)
        if key not in self._modifiers:
            self.text(text, sign)
        return self._modifiers.get(key, [])

    def _extract(self, text: str, sign: str | None) -> Any:
        if self.extractor_error is not None:
            return None
        try:
            from ryhti.nlp.pipeline import extract_entry

            return extract_entry(text, sign, self.plan_level, lexicon=self.lexicon)
        except Exception as exc:  # the extractor is optional at run time
            self.extractor_error = f"{type(exc).__name__}: {exc}"
            return None


def verbal(text: str, evidence: str) -> RegSpec:
    """A verbal regulation (sanallinenMaarays) holding ``text`` verbatim."""
    return RegSpec(
        type=VERBAL,
        value={"dataType": "LocalizedText", "text": {"fin": text.strip()}},
        origin="verbatim",
        evidence=evidence,
    )


def verbal_swedish(text: str) -> RegSpec:
    """A verbal regulation holding a Swedish text that has no Finnish original."""
    return RegSpec(
        type=VERBAL,
        value={"dataType": "LocalizedText", "text": {"swe": text.strip()}},
        origin="verbatim",
        evidence="Swedish text without a Finnish one",
    )


def verbal_text(spec: RegSpec) -> str:
    """The Finnish text of a verbal regulation (empty when it has none)."""
    value = spec.value if isinstance(spec.value, dict) else {}
    text = value.get("text")
    return (text.get("fin") or "") if isinstance(text, dict) else str(text or "")


def merge(regs: list[RegSpec]) -> list[RegSpec]:
    """Drop exact duplicates; fold a value-less repeat of a type into the first of it."""
    out: list[RegSpec] = []
    seen: set[tuple[Any, ...]] = set()
    by_type: dict[str, int] = {}  # type → position of its first spec in ``out``
    copied: set[int] = set()
    for r in regs:
        sig = r.signature()
        if sig in seen:
            continue
        at = by_type.get(r.type)
        if at is not None and r.value is None and not r.verbal and r.type != VERBAL:
            if at not in copied:  # the interpreter shares specs between texts: fold into a copy
                out[at] = replace(out[at], additional=list(out[at].additional))
                copied.add(at)
            first = out[at]
            for info in r.additional:
                if info not in first.additional:
                    first.additional.append(info)
            continue
        seen.add(sig)
        by_type.setdefault(r.type, len(out))
        out.append(r)
    return out


def uncovered_sentences(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """The positions (in :func:`sentences`) of the sentences that no span touches.

    Spans of ``(0, 0)`` mean the extractor typed the sign, not a piece of the text.
    """
    real = [(a, b) for a, b in spans if b > a]
    if not real and spans:
        return []
    covered = [False] * len(text)
    for a, b in real:
        for i in range(max(0, a), min(len(text), b)):
            covered[i] = True
    return [n for n, (a, b, _) in enumerate(sentences(text)) if not any(covered[a:b])]


def uncovered(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentences of ``text`` that no span touches (empty when all are covered)."""
    pieces = sentences(text)
    return " ".join(pieces[n][2] for n in uncovered_sentences(text, spans))


def with_swedish(specs: list[RegSpec], fin: str, swe: str) -> tuple[list[RegSpec], bool]:
    """``specs`` of the Finnish text ``fin`` with the Swedish translation ``swe`` added to
    their verbal text, and whether every verbal text got its Swedish.

    Pairing is :func:`~ryhti.nlp.language.swedish_for`: the whole text, or the sentences a
    verbal regulation's span covers (or that the extractor left), at the same places in
    both languages. Specs are copied, never changed: the interpreter shares them between
    every feature with the same text.
    """
    out: list[RegSpec] = []
    complete = True
    for spec in specs:
        text = _fin_text(spec)
        if text is None:
            out.append(spec)
            continue
        picked = None
        if spec.origin == "leftover":
            picked = uncovered_sentences(fin, [s.span for s in specs if s.span])
        translated = swedish_for(text, fin, swe, span=spec.span, picked=picked)
        if translated is None:
            complete = False
            out.append(spec)
            continue
        value = dict(spec.value or {})
        value["text"] = {**value["text"], "swe": translated}
        out.append(replace(spec, value=value))
    return out, complete


def _fin_text(spec: RegSpec) -> str | None:
    """The Finnish text of a verbal regulation without a Swedish one, else None."""
    value = spec.value
    if spec.type != VERBAL or not isinstance(value, dict):
        return None
    text = value.get("text")
    if not isinstance(text, dict) or "swe" in text or not isinstance(text.get("fin"), str):
        return None
    return text["fin"]
