"""Numbers → typed regulations: which regulation a found value belongs to, and its RYHTI value.

:mod:`ryhti.nlp.values` finds the quantities of a sentence (``e=0,8``, ``III``, ``2 400 k-m²``,
``1 ap / 100 k-m²``); this step decides what each one regulates. Notations that name their type
(an efficiency, a Roman storey numeral, a parking norm) need no more; a plain number is typed by
the cue rows of :data:`ryhti.nlp.rules.NUMBER_CUES` (its unit and the words around it), and the
value object follows the code's allowed data types and canonical unit.
"""

from __future__ import annotations

import re
from typing import Any

from ryhti.nlp import rules
from ryhti.nlp.result import Regulation
from ryhti.nlp.run import RunState
from ryhti.nlp.values import Quantity

#: Attic (½ after a storey numeral, "u½") and basement (½ before it, "½k") shares of floor area.
SHARE_CODES = {
    "attic": "ullakonSallittuOsuusKerrosalasta",
    "basement": "kellarinSallittuOsuusKerrosalasta",
}
#: Words that name what an elevation is (so it is a value, even beside a flood level).
_ELEVATION_TYPE_WORDS = (
    "rakentamiskorkeus", "korkeusasema", "kosteus", "vesikatto", "maanpinta", "viemäröinti",
    "lattia", "alin", "ylin",
)  # fmt: skip
#: A height system named in a sentence ("(N2000)", "N60-järjestelmässä").
_HEIGHT_SYSTEM = re.compile(r"(?<![A-Za-z0-9])N\s?(?:2000|60|43)(?![0-9])")
#: The label of a planning directive ("Suunnittelumääräys:", "Suunnittelumääräykset:").
_DIRECTIVE_LABEL = re.compile(r"suunnittelumääräy\w*\s*:", re.IGNORECASE)
#: Where a per-area norm ends ("… 50 k-m²", "… kohden").
_NORM_END = re.compile(r"k-m\^?[2²]|kem[2²]|\bkoh(?:den|ti)\b", re.IGNORECASE)
#: The word before a number or a list of numbers ("kortteleiden 14 ja ", "tonteille 3, ").
_NUMBER_LIST_END = re.compile(
    r"(?<![^\W\d_])([^\W\d_]++)\s++(?:\d++\s*+(?:,|ja|tai|sekä|–|-)\s*+)*+$"
)
_ORDINALS = {"ensimmäinen": 1, "toinen": 2, "kolmas": 3, "neljäs": 4}
#: A regulation a quantity makes: (code, value, confidence, why).
Made = tuple[str, Any, float, str]


class QuantityStep(RunState):
    """Typing of the quantities of a sentence or sign (mixed into the extraction run)."""

    def _value(
        self,
        code: str,
        q: Quantity | None = None,
        *,
        number: float | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> dict[str, Any] | None:
        """The RYHTI value of ``code``: the data type it allows, its canonical unit."""
        allowed, _units = self.kb.value_spec(code)
        unit = rules.UNITS.get(code)
        if q is not None:
            number = q.number if number is None else number
            minimum = q.minimum if minimum is None else minimum
            maximum = q.maximum if maximum is None else maximum
        preferred = rules.DATA_TYPES.get(code)
        if minimum is not None and maximum is not None:
            dt = preferred if preferred and preferred.endswith("Range") else None
            if dt is None:
                dt = _pick(
                    allowed,
                    (
                        "PositiveNumericRange",
                        "NumericRange",
                        "PositiveDecimalRange",
                        "DecimalRange",
                    ),
                )
            integral = float(minimum).is_integer() and float(maximum).is_integer()
            if "Decimal" not in dt and not integral:
                dt = "PositiveDecimalRange"
            conv = int if "Numeric" in dt else float
            value: dict[str, Any] = {
                "dataType": dt,
                "minimumValue": conv(minimum),
                "maximumValue": conv(maximum),
            }
        elif number is not None:
            dt = preferred
            if dt is None or (allowed and dt not in allowed):
                dt = _pick(allowed, ("PositiveNumeric", "PositiveDecimal", "Decimal", "Numeric"))
            if "Numeric" in dt and not float(number).is_integer():
                dt = "PositiveDecimal" if number >= 0 else "Decimal"
            if dt.startswith("Positive") and number < 0:
                dt = dt.replace("Positive", "")
            value = {"dataType": dt, "number": int(number) if "Numeric" in dt else float(number)}
        else:
            return None
        if unit:
            value["unitOfMeasure"] = unit
        return value

    def _quantity(
        self, q: Quantity, ctx: list[str], *, notation_only: bool, offset: int | None
    ) -> bool:
        """Make the regulation(s) of one quantity; ``False`` when it is not a value."""
        span = (q.start, q.end) if offset is not None else (0, 0)
        made = []
        k = q.kind
        has = self._cues(ctx)
        if offset is not None and self._paragraph_number(q):
            return False  # "2. Tonteille on istutettava …": the number of a paragraph
        if offset is not None and self._names_a_numbered_thing(q):
            # "kortteleiden 14 ja 15 autopaikkoja": block numbers, no count; where the sentence
            # places those blocks' parking here, they are the value of that information
            if q.number and has("autopaikka") and (has("sijoittaa") or has("sijoittua")):
                info = "autopaikkojenSijoittuminenSallittu"
                self._pending_info(info, self._value(info, number=q.number), q)
            return False
        conf = rules.QUANTITY_CONFIDENCE
        if k == "per_area":
            places = q.places or (
                "bicycle" if has("pyöräpaikka") or has("pyörä") or has("pyöräily") else "car"
            )
            code = (
                "kerrosneliomaaraYhtaPyorapaikkaaKohden"
                if places == "bicycle"
                else "kerrosneliomaaraYhtaAutopaikkaaKohden"
            )
            made.append((code, self._value(code, q), conf[k], f"'{q.text}' → per-area norm"))
            # "Liiketilaa varten … yksi autopaikka 50 k-m² kohti": the use a norm is for is
            # its target, not an area type of the entry
            self._norm_targets = (
                self._per_lemmas(self._uses, self._norm_lemmas(q))
                or self._per_lemmas(self._uses, self._segment_lemmas(q))
                or [u for u in self._per_lemmas(self._uses, ctx) if u != "asumisenAlue"]
            )
        elif k == "per_dwelling":
            places = q.places or ("bicycle" if has("pyöräpaikka") or has("pyörä") else "car")
            code = (
                "pyorapaikkojenMaaraAsuntoaKohden"
                if places == "bicycle"
                else "autopaikkojenMaaraAsuntoaKohden"
            )
            made.append((code, self._value(code, q), conf[k], f"'{q.text}' → per-dwelling norm"))
        elif k == "efficiency":
            code = "vihertehokkuus" if has("vihertehokkuus") else "tehokkuusluku"
            made.append((code, self._value(code, q), conf[k], f"'{q.text}' → e= efficiency"))
        elif k in {"storeys", "storey_range"}:
            adjective = "kerroksi" in q.text.lower()  # "kaksikerroksinen", "2–3-kerroksisia"
            if not (
                adjective
                or notation_only
                or has("kerrosluku")
                or has("kerros")
                or has("kerroksinen")
            ):
                return False
            under = has("maanalainen")
            if k == "storey_range":
                code = (
                    "maanalainenKerroslukuArvovali" if under else "maanpaallinenKerroslukuArvovali"
                )
                made.append((code, self._value(code, q), conf[k], f"'{q.text}' → storey range"))
            else:
                code = "maanalainenKerroslukuLuku" if under else "maanpaallinenKerroslukuLuku"
                made.append(
                    (code, self._value(code, q), conf[k], f"'{q.text}' → Roman storey number")
                )
                for part, where in (("attic", "after"), ("basement", "before")):
                    if part in q.extra:
                        c = SHARE_CODES[part]
                        made.append(
                            (
                                c,
                                self._value(c, number=q.extra[part]),
                                conf["share"],
                                f"'{q.text}' fraction {where} numeral → {part} share",
                            )
                        )
        elif k == "sites":
            c = "rakennuspaikkojenMaara"
            made.append(
                (
                    c,
                    self._value(c, q),
                    conf[k],
                    f"'{q.text}' number after the slash → building sites",
                )
            )
        elif k in SHARE_CODES:
            c = SHARE_CODES[k]
            made.append((c, self._value(c, q), conf["share"], f"'{q.text}' → {k} share"))
        elif k == "elevation":
            if (
                has("huomio")
                and any(has(c) for c in ("merivesi", "meri", "vedenkorkeus", "tulva"))
                and not any(has(c) for c in _ELEVATION_TYPE_WORDS)
            ):
                return False  # a reference height given for attention (a flood level)
            if has("suositeltava") or has("suositus"):
                return False  # a recommended height is advice, not a regulated level
            level = self._level(q, has, notation_only)
            if level is None:
                return False
            made.append(level)
        elif k == "ratio":
            # "Kattokaltevuuden tulee olla 1:2": a ratio is no value; kattokaltevuus takes its
            # value in degrees (its description), so the sentence stays verbal text
            return False
        elif k == "period":
            value = {
                "dataType": "TimePeriodDateOnly",
                "begin": q.begin.isoformat() if q.begin else None,
                "end": q.until.isoformat() if q.until else None,
            }
            self._pending_info("valiaikainenMaarays", value, q)
            return False  # the sentence still carries the regulation text
        elif k == "number" and q.unit == "m" and q.number and self._height_system(q):
            # "… 38,0 m (N2000)": a level in a height system, typed like "+38,0"
            level = self._level(q, has, notation_only)
            if level is None:
                return False
            made.append(level)
        elif k in {"number", "count", "range"}:
            made.extend(self._typed_number(q, ctx, notation_only))
        if not made:
            return False
        targets, self._norm_targets = self._norm_targets, []
        for code, value, confidence, why in made:
            if code in self.kb.regulations or code == "paivakoti":
                reg = Regulation(code, value, confidence=confidence, span=span, evidence=why)
                for use in targets if k == "per_area" else ():
                    reg.add_info("kayttotarkoituskohdistus", self._code_value(use))
                    reg.evidence += f"; for the use '{use}'"
                self._add(reg)
            else:  # an additional-information type with a value: attach to its use regulation
                use, info_value = value
                main = next(
                    (
                        r.type
                        for r in self.title_regs
                        if r.type != use and self.kb.related(use, r.type)
                    ),
                    None,
                )
                if main is not None:
                    # "Päivittäistavarakaupan kerrosala …" in a retail area: the use is a part
                    # of the entry's main use, not another use of it; plans code such caps in
                    # different ways (LABELLING.md 2), so the planner decides
                    confidence = min(confidence, rules.PART_OF_MAIN_USE_CONFIDENCE)
                    why += f" (review: the use is part of the main use {main})"
                reg = Regulation(use, None, confidence=confidence, span=span, evidence=why)
                reg.add_info(code, info_value)
                floor = self._floor(ctx)
                if floor:
                    reg.add_info(
                        "kerroksetJotaMaaraysKoskee",
                        {"dataType": "NumericRange", "minimumValue": floor, "maximumValue": floor},
                    )
                self._add(reg)
        return True

    def _level(self, q: Quantity, has: Any, notation_only: bool) -> Made | None:
        """The regulation a level makes, (code, value, confidence, why), typed by
        :meth:`_elevation_type`; ``None`` when nothing says what the level is."""
        typed = self._elevation_type(q, has, notation_only)
        if typed is None:
            return None
        code, confidence, why = typed
        return code, self._value(code, q), confidence, f"'{q.text}' → elevation ({why})"

    def _elevation_type(
        self, q: Quantity, has: Any, notation_only: bool
    ) -> tuple[str, float, str] | None:
        """(code, confidence, why) of a level: the words for what is at it decide
        (:data:`rules.ELEVATION_CUES`); a bare lower bound ("vähintään tasolle +3,5") is the
        lowest level for structures; a height system alone (N2000) is only a guess, flagged;
        with no word at all a legend's lone "+N" is the roof top by convention."""
        conf = rules.QUANTITY_CONFIDENCE
        for cue, c in rules.ELEVATION_CUES:
            if all(has(x) for x in cue):
                return c, conf["elevation_cue"], f"cue {'+'.join(cue)}"
        if (q.bound == "min" or has("vähintään")) and has("taso"):
            return (
                rules.ELEVATION_SYSTEM_CODE,
                conf["elevation_lowest_level"],
                "a lowest level (vähintään … tasolle)",
            )
        if self._height_system(q):
            return (
                rules.ELEVATION_SYSTEM_CODE,
                conf["elevation_system"],
                "only the height system names the level (review: what is at this level?)",
            )
        if not notation_only and not has("korkeusasema"):
            return None
        return (
            "vesikatonYlimmanKohdanKorkeusasema",
            conf["elevation_alone"],
            "legend convention: +N alone = roof top",
        )

    def _height_system(self, q: Quantity) -> bool:
        """The sentence of ``q`` names a height system (N2000, N60, N43)."""
        s, e = self._current_sentence or (0, len(self.text))
        return _HEIGHT_SYSTEM.search(self.text[s:e]) is not None

    def _floor(self, ctx: list[str]) -> int | None:
        """The floor a sentence names ("ensimmäisessä kerroksessa" → 1)."""
        for i, lm in enumerate(ctx[:-1]):
            if lm in _ORDINALS and ctx[i + 1] == "kerros":
                return _ORDINALS[lm]
        return None

    def _uses(self, ctx: list[str]) -> list[str]:
        """The use codes named in a clause (for shares of floor area)."""
        out = []
        for lm in ctx:
            code = rules.USE_CUES.get(lm)
            if code and code not in out:
                out.append(code)
        return out

    def _typed_number(self, q: Quantity, ctx: list[str], notation_only: bool) -> list[Made]:
        """A plain number, range or count typed by the first matching row of
        :data:`ryhti.nlp.rules.NUMBER_CUES`."""
        has = self._cues(ctx)
        seg = self._segment_lemmas(q)
        n = q.number
        if q.kind != "range" and n is None:
            return []
        words: frozenset[str] | None = None
        nxt: str | None = None
        nxt_read = False
        for cue in rules.NUMBER_CUES:
            if q.kind not in cue.kinds:
                continue
            if cue.units is not None and q.unit not in cue.units:
                continue
            if cue.notation and not notation_only:
                continue
            if cue.levels is not None and self.level not in cue.levels:
                continue
            if n is not None:
                if cue.integral and not float(n).is_integer():
                    continue
                if cue.above is not None and not n > cue.above:
                    continue
                if cue.below is not None and not n < cue.below:
                    continue
                if cue.at_most is not None and not n <= cue.at_most:
                    continue
            if not all(any(has(c) for c in group) for group in cue.any_of):
                continue
            if any(has(c) for c in cue.none_of):
                continue
            if cue.exact or cue.underground:
                words = words if words is not None else self._per_lemmas(frozenset, ctx)
                if cue.exact and not any(w in words for w in cue.exact):
                    continue
            if cue.no_floor and self._per_lemmas(self._floor, ctx):
                continue
            if cue.named_place and not self._named_place_before(q):
                continue
            if cue.directive and not _DIRECTIVE_LABEL.search(self.text, 0, q.start):
                continue
            if cue.bound is not None and q.bound != cue.bound:
                continue
            code = cue.code
            if cue.action in {"per_dwelling", "count"}:
                if not nxt_read:
                    nxt, nxt_read = self._next_lemma(q), True
                table = (
                    rules.PER_DWELLING_NOUNS if cue.action == "per_dwelling" else rules.COUNT_NOUNS
                )
                code = table.get(nxt or "")
                if code is None and nxt in rules.COUNT_ADJECTIVES:
                    # "enintään 40 uutta asuntoa": an adjective between the number and the noun
                    after = self._next_lemma(q, skip=1)
                    if table.get(after or "") is not None:
                        nxt, code = after, table[after or ""]
                if code is None:
                    continue
            elif cue.action in {"count_before", "count_before_last"}:
                if not _closes_clause(self.text, q.end):
                    continue  # "… määrä määräytyy liitteen 3 mukaan": the number is no count
                nxt = self._counted_before(q)
                code = rules.COUNT_NOUNS.get(nxt or "")
                if code is None:
                    continue
            elif cue.action == "per_dwelling_any":
                noun = next((lm for lm in ctx if lm in rules.PER_DWELLING_NOUNS), None)
                if noun is None:
                    continue
                code, nxt = rules.PER_DWELLING_NOUNS[noun], noun
            if code is None:
                return []  # the number is not a value (extra building right, a threshold …)
            why = cue.why.format(text=q.text, next=nxt)
            if cue.action == "use_share":
                base = self._share_base(q)
                if base is not None:
                    # "vähintään 1 % asuinkerrosalasta": the use after the number is what the
                    # share is taken of, not the use it is for
                    seg, ctx = _without(seg, base), _without(ctx, base)
                uses = self._per_lemmas(self._uses, seg) or self._per_lemmas(self._uses, ctx)
                if not uses:
                    continue
                val = self._value(code, number=n)
                return [(code, (u, val), cue.confidence, why) for u in uses]
            if cue.underground and words is not None and "maanalainen" in words:
                code = cue.underground
            value = self._value(code, q) if q.kind == "range" else self._value(code, number=n)
            return [(code, value, cue.confidence, why)]
        return []

    def _counted_before(self, q: Quantity) -> str | None:
        """The last counted noun (:data:`rules.COUNT_NOUNS`) of the clause before a number."""
        start = self._clause_start(q)
        keys = [t.key for t in self.ex._tokens(self.text[start : q.start]) if not t.punct]
        return next((k for k in reversed(keys) if k in rules.COUNT_NOUNS), None)

    def _paragraph_number(self, q: Quantity) -> bool:
        """A number that numbers a paragraph: first in its line, followed by "." or ")" and a
        capitalised word ("2. Tonteille …", "7) Alueella …")."""
        line_start = self.text.rfind("\n", 0, q.start) + 1
        after = self.text[q.end : q.end + 3]
        return (
            q.kind in {"number", "count"}
            and q.unit is None
            and not self.text[line_start : q.start].strip(" \t(")
            and re.match(r"[.)]\s+[A-ZÅÄÖ]", after) is not None
        )

    def _names_a_numbered_thing(self, q: Quantity) -> bool:
        """The number follows a block, plot or district word, alone or in a list ("kortteleiden
        14 ja 15 autopaikat", "tonteille 3, 4 ja 5"): it names which blocks a sentence is about
        (the thing's number, :data:`rules.NUMBERED_NAMES`), so it is no value of this entry and
        must not count the noun after it."""
        if q.kind not in {"number", "count"} or q.unit is not None:
            return False
        m = _NUMBER_LIST_END.search(self.text, max(0, q.start - 80), q.start)
        return m is not None and self.ex._word(m.group(1).lower())[0] in rules.NUMBERED_NAMES

    def _named_place_before(self, q: Quantity) -> bool:
        """A capitalised word (not the first of the sentence) in the clause before the number:
        "Suuryksikköjen enimmäismitoitus on Hervannassa 70 000 k-m²", "Lahdesjärvi 150 000
        k-m²". The number belongs to that place, not to the feature the legend entry draws."""
        start = max(self.text.rfind(ch, 0, q.start) for ch in ",;:.\n") + 1
        sentence = self._current_sentence
        first = sentence[0] if sentence is not None else 0
        words = re.findall(r"[^\W\d_][\w-]*", self.text[start : q.start])
        begins = start <= first
        return any(w[0].isupper() and not w.isupper() for w in words[1 if begins else 0 :])

    def _next_lemma(self, q: Quantity, skip: int = 0) -> str | None:
        """The lemma key of the word right after a number (the counted noun), or of the word
        ``skip`` words further on."""
        words = re.findall(r"[A-Za-zÅÄÖåäö-]+|[^\sA-Za-zÅÄÖåäö-]", self.text[q.end : q.end + 60])
        if len(words) <= skip or not re.fullmatch(r"[A-Za-zÅÄÖåäö-]+", "".join(words[: skip + 1])):
            return None
        return self.ex._word(words[skip])[1]

    def _share_base(self, q: Quantity) -> str | None:
        """The lemma key of a word in the elative right after a per cent ("1 % asuinkerrosalasta",
        "20 % asuntojen kerrosalasta" has none): what a share is taken of."""
        if q.unit != "%":
            return None
        m = re.match(r"\s*([A-Za-zÅÄÖåäö-]+(?:sta|stä))\b", self.text[q.end : q.end + 40])
        if not m:
            return None
        return self.ex._word(m.group(1))[1]

    def _norm_lemmas(self, q: Quantity) -> list[str]:
        """Lemma keys of the words before a per-area norm in its clause, from the end of any
        norm before it ("… liike- ja toimistotiloille 1 / 50 k-m² ja asunnoille 1 / 120 k-m²":
        the first norm is for the shops and offices, the second for the dwellings). The caller
        reads the whole clause when these name no use ("1 ap / 100 k-m² liiketiloja varten")."""
        start = self._clause_start(q)
        before = list(_NORM_END.finditer(self.text, start, q.start))
        if before:
            start = before[-1].end()
        return [t.key for t in self.ex._tokens(self.text[start : q.end]) if not t.punct]

    def _clause_start(self, q: Quantity) -> int:
        """Where the clause of ``q`` begins: after the last comma, semicolon, colon, full stop
        or line break before it, and not before the start of its sentence."""
        start = max(self.text.rfind(ch, 0, q.start) for ch in ",;:.\n") + 1
        sentence = self._current_sentence
        if sentence is not None and sentence[0] <= q.start < sentence[1]:
            start = max(start, sentence[0])
        return start

    def _segment_lemmas(self, q: Quantity) -> list[str]:
        """Lemma keys of the clause around a number (between commas, semicolons, colons)."""
        # A clause does not run on into the next sentence (which made a text of many
        # sentences without commas quadratic: each number read the rest).
        start = self._clause_start(q)
        end_candidates = [i for i in (self.text.find(ch, q.end) for ch in ",;\n") if i != -1]
        end = min(end_candidates) if end_candidates else len(self.text)
        sentence = self._current_sentence
        if sentence is not None and sentence[0] <= q.start < sentence[1]:
            end = min(end, sentence[1])
        # Numbers of one segment share its lemmas: computed once per segment, or a
        # line of thousands of numbers costs a pass over the line for each of them.
        keys = self._segment_cache.get((start, end))
        if keys is None:
            keys = self._segment_cache[(start, end)] = [
                t.key for t in self.ex._tokens(self.text[start:end]) if not t.punct
            ]
        return keys


def _without(keys: list[str], key: str) -> list[str]:
    """``keys`` without the first ``key``."""
    if key not in keys:
        return keys
    i = keys.index(key)
    return keys[:i] + keys[i + 1 :]


def _closes_clause(text: str, end: int) -> bool:
    """Nothing but punctuation follows ``end`` up to the end of its clause."""
    return re.match(r"\s*(?:[.,;:)]|$)", text[end:]) is not None


def _pick(allowed: tuple[str, ...] | None, preferred: tuple[str, ...]) -> str:
    if allowed:
        for p in preferred:
            if p in allowed:
                return p
    return preferred[0]
