"""Finnish regulation text → RYHTI regulations, each with its evidence.

The pipeline, for one legend entry or general regulation:

1. spaCy's Finnish tokenizer and the Voikko lemmatizer component give every token a
   lemma key; hyphenated coordinations are completed ("Asuin-, liike- ja
   toimistorakennusten" → asuinrakennus, liikerakennus, toimistorakennus).
2. The **sign** (letter code) is looked up in the notation table for the plan level.
3. The **title** (the first sentence when it has no finite verb, or an all-caps heading)
   is matched against the phrase table (every code-list label and notation meaning as
   lemma keys, precomputed by :mod:`ryhti.nlp.build_tables`), longest match first;
   coordinated titles distribute over their head ("X-, Y- ja Z-rakennusten alue").
4. **Values** are found by :mod:`ryhti.nlp.values` and typed by the cue rules of
   :mod:`ryhti.nlp.rules` ("e=" → tehokkuusluku, "ap / k-m²" → parking norm …).
5. Every other regulating sentence becomes a ``sanallinenMaarays`` whose topics
   (RY_Sanallisen_Kaavamaarayksen_Laji) come from cue lemmas; modality (must / may /
   must not) and exceptions are kept.

Each result carries a confidence; results under the review threshold are marked
``review: true``. Nothing is dropped silently: text that yields nothing is reported.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ryhti.io import gc_paused
from ryhti.nlp import rules
from ryhti.nlp._spacy import import_spacy
from ryhti.nlp.build_tables import load_phrase_table
from ryhti.nlp.knowledge import (
    ADDITIONAL_LIST,
    REGULATION_LIST,
    Knowledge,
    Phrase,
    Target,
    build_knowledge,
)
from ryhti.nlp.lemmatizer import (
    VoikkoLemmatizer,
    get_voikko,
    load_lemma_table,
    normalise_lemma,
    reading,
    verb_of_participle,
)
from ryhti.nlp.values import Quantity, find_quantities, parse_number

DEFAULT_THRESHOLD = 0.8
PLAN_TYPES = ("asemakaava", "yleiskaava", "maakuntakaava")

_ALNUM = re.compile(r"[^\W_]")  # str.isalnum: a letter or a digit
#: Longer runs without a space are one opaque token (see ``Extractor._raw_tokens``).
_LONG_RUN = 100
_LONG_RUN_RE = re.compile(rf"\S{{{_LONG_RUN + 1},}}")
_SENT_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ0-9(\"'])|\n+")
_CONJ = {"ja", "tai", "sekä", ","}
_RELATIVE = {"joka", "mikä", "jossa", "jolla", "jolle", "jonka", "jota", "kuin"}
#: First words of legend explanations ("Roomalainen numero osoittaa …"): context, not regulation.
_EXPLAIN_HEADS = {"merkintä", "roomalainen", "murtoluku", "luku", "numero", "lukusarja", "määräys"}
#: Attic (½ after a storey numeral, "u½") and basement (½ before it, "½k") shares of floor area.
_SHARE_CODES = {
    "attic": "ullakonSallittuOsuusKerrosalasta",
    "basement": "kellarinSallittuOsuusKerrosalasta",
}
_FINITE_EXCEPT = {"olla"}  # "on" inside "jolla on" relative clauses is checked by position


@dataclass
class Regulation:
    """One extracted regulation (the JSON output shape is :meth:`to_json`)."""

    type: str
    value: dict[str, Any] | None = None
    additional: list[dict[str, Any]] = field(default_factory=list)
    verbal: list[str] = field(default_factory=list)
    confidence: float = 0.0
    span: tuple[int, int] = (0, 0)
    evidence: str = ""
    modality: str | None = None
    exceptions: list[str] = field(default_factory=list)
    review: bool = False

    def add_info(self, type_: str, value: dict[str, Any] | None = None) -> None:
        for item in self.additional:
            if item["type"] == type_:
                if value is not None and item.get("value") is None:
                    item["value"] = value
                    return
                if value is None or item.get("value") == value:
                    return
        self.additional.append({"type": type_, "value": value})

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "value": self.value,
            "additionalInformations": [dict(a) for a in self.additional],
            "verbalRegulations": list(self.verbal),
            "confidence": round(self.confidence, 3),
            "span": [self.span[0], self.span[1]],
            "evidence": self.evidence,
            "modality": self.modality,
            "exceptions": list(self.exceptions),
            "review": self.review,
        }


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    lemma: str
    key: str
    finite: bool
    punct: bool


class Extractor:
    """Load once (spaCy import + precomputed phrase and lemma tables), then :meth:`extract` per entry.

    Thread-safe for reading. ``phrase_table=False`` lemmatises every code-list phrase at start-up
    instead (what :mod:`ryhti.nlp.build_tables` does to write the table); ``lemma_table=False``
    asks Voikko about every new word form instead of reading the shipped readings of the plan
    vocabulary first (the results are the same; only a first pass over new text is slower).
    """

    def __init__(
        self,
        knowledge: Knowledge | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        phrase_table: bool = True,
        lemma_table: bool = True,
    ) -> None:
        t0 = time.perf_counter()
        # Loading leaves ≈80,000 long-lived objects (spaCy, code lists, knowledge, tables). A
        # full garbage collection scans them all (50–80 ms), and one used to fall at random into
        # the first few hundred entries, a third of a first pass. gc_paused collects nothing
        # while loading (faster too) and freezes what was loaded, so later collections see only
        # the caches that extraction grows. The ≈3,000 unreachable objects that importing
        # leaves are frozen with them: a few hundred kB, once per process.
        with gc_paused():
            self._load(knowledge, threshold, phrase_table, lemma_table)
        self.load_seconds = time.perf_counter() - t0

    def _load(
        self,
        knowledge: Knowledge | None,
        threshold: float,
        phrase_table: bool,
        lemma_table: bool,
    ) -> None:
        spacy = import_spacy()
        from spacy.attrs import IS_PUNCT, IS_SPACE
        from spacy.language import Language

        get_voikko()
        if not Language.has_factory("voikko_lemmatizer"):
            Language.factory("voikko_lemmatizer")(lambda nlp, name: VoikkoLemmatizer())
        self.nlp = spacy.blank("fi")
        self.nlp.add_pipe("voikko_lemmatizer")
        # The extractor reads a token's text, offset and is_punct only. spaCy computes 23 lexical
        # attributes (shape, prefix, suffix, like_url, …) in Python for every new word form it
        # meets, ≈25 µs each; keeping the two flags used here leaves tokenization unchanged.
        getters = self.nlp.vocab.lex_attr_getters
        self.nlp.vocab.lex_attr_getters = {
            k: getters[k] for k in (IS_PUNCT, IS_SPACE) if k in getters
        }
        self.kb = knowledge or build_knowledge()
        self.threshold = threshold
        self._lock = threading.Lock()
        self._tok_cache: dict[str, list[_Tok]] = {}
        #: word form → (lemma, key, finite verb): Voikko's reading, from the lemma table or asked once
        self._words: dict[str, tuple[str, str, bool]] = {}
        #: lemma key → the verb of a necessive participle (:func:`verb_of_participle`)
        self._verbs: dict[str, str | None] = {}
        self._lemma_table = load_lemma_table() if lemma_table else None
        self.lemma_table = self._lemma_table is not None
        if self._lemma_table is not None:
            self._verbs.update(self._lemma_table.participles)
        #: lemma-key sequence → the phrases it stands for (the phrase matcher's table)
        self._keyset: dict[tuple[str, ...], list[Phrase]] = {}
        #: phrase text → its lemma keys (the first, unsplit variant), so library meanings
        #: compared with a title (:meth:`_Run._closest`) need no tokenizing
        self._text_keys: dict[str, tuple[str, ...]] = {}
        table = load_phrase_table(self.kb) if phrase_table else None
        self.phrase_table = table is not None
        pairs = (
            [(keys, self.kb.phrases[index]) for index, keys in table]
            if table is not None
            else self._phrase_keys()
        )
        for keys, phrase in pairs:
            self._keyset.setdefault(keys, []).append(phrase)
            self._text_keys.setdefault(phrase.text, keys)
        self._lengths = sorted({len(k) for k in self._keyset}, reverse=True)

    def _phrase_keys(self) -> list[tuple[tuple[str, ...], Phrase]]:
        """Lemma-key variants of every phrase (what :mod:`ryhti.nlp.build_tables` precomputes)."""
        out = []
        for phrase in self.kb.phrases:
            for keys in self._variants(self._keys(phrase.text)):
                if keys:
                    out.append((keys, phrase))
        return out

    # -- tokens and keys ----------------------------------------------------------------
    def _tokens(self, text: str) -> list[_Tok]:
        """Tokens with lemma keys; cached, because one entry asks for the same spans several times."""
        cached = self._tok_cache.get(text)
        if cached is not None:
            return cached
        toks = self._tokenize(text)
        if len(self._tok_cache) > 50_000:
            self._tok_cache.clear()
        self._tok_cache[text] = toks
        return toks

    def _tokenize(self, text: str) -> list[_Tok]:
        toks: list[_Tok] = []
        words = self._words
        for word, start, is_punct in self._raw_tokens(text):
            if is_punct:
                toks.append(_Tok(word, start, start + len(word), word, word, False, True))
                continue
            found = words.get(word)
            if found is None:
                found = self._word(word)
            toks.append(_Tok(word, start, start + len(word), found[0], found[1], found[2], False))
        _expand_coordination(toks)
        return toks

    def _raw_tokens(self, text: str) -> Iterator[tuple[str, int, bool]]:
        """(text, offset, punctuation or no letter/digit) of spaCy's tokens.

        spaCy's affix search is quadratic in the length of a word, so a run of
        over :data:`_LONG_RUN` characters without a space (no Finnish word is that
        long; a line of brackets or a pasted hash is) is one opaque token and
        spaCy reads only the text around it: 10,000 brackets took 8 s before.
        """
        pos = 0
        for run in _LONG_RUN_RE.finditer(text):
            yield from self._spacy_tokens(text[pos : run.start()], pos)
            yield run.group(), run.start(), True
            pos = run.end()
        yield from self._spacy_tokens(text[pos:] if pos else text, pos)

    def _spacy_tokens(self, text: str, offset: int) -> Iterator[tuple[str, int, bool]]:
        if not text:
            return
        for t in self.nlp.make_doc(text):
            word = t.text
            yield word, offset + t.idx, t.is_punct or not _ALNUM.search(word)

    def _word(self, word: str) -> tuple[str, str, bool]:
        """(lemma, key, finite verb) of a word form: the lemma table's reading, else Voikko's."""
        found = self._words.get(word)
        if found is not None:
            return found
        shipped = self._lemma_table.get(word) if self._lemma_table is not None else None
        base, finite = shipped if shipped is not None else reading(word)
        found = (base, normalise_lemma(base), finite)
        if len(self._words) > 200_000:  # a stream of ever new words: start over
            self._words.clear()
        self._words[word] = found
        return found

    def _verb_of(self, key: str) -> str | None:
        """:func:`verb_of_participle`, answered by the lemma table when it knows the lemma."""
        try:
            return self._verbs[key]
        except KeyError:
            verb = self._verbs[key] = verb_of_participle(key)
            return verb

    def _keys(self, text: str) -> tuple[str, ...]:
        known = self._text_keys.get(text)
        if known is not None:
            return known
        return tuple(t.key for t in self._tokens(text) if t.key not in {".", ":"})

    @staticmethod
    def _variants(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
        out = [keys]
        split: list[str] = []
        changed = False
        for k in keys:
            if k.endswith("alue") and len(k) > 6 and k != "alue":
                head = k[: -len("alue")].rstrip("-")
                if head:
                    split.extend([head, "alue"])
                    changed = True
                    continue
            split.append(k)
        if changed:
            out.append(tuple(split))
        return out

    # -- matching ------------------------------------------------------------------------
    def _match(self, toks: list[_Tok], level: str | None) -> list[tuple[int, int, Phrase]]:
        """Longest non-overlapping phrase matches over ``toks`` (indexes into toks).

        The phrase table maps lemma-key sequences to phrases, so matching is a dict lookup of
        every n-gram whose length some phrase has (what spaCy's PhraseMatcher on NORM would find,
        without building a Doc per phrase at start-up and per entry).
        """
        words = [t.key if t.key else t.text for t in toks]
        if not words:
            return []
        cands = []
        keyset = self._keyset
        n = len(words)
        for s in range(n):
            for length in self._lengths:
                e = s + length
                if e > n:
                    continue
                phrases = keyset.get(tuple(words[s:e]))
                if phrases is None:
                    continue
                phrase = self._best_phrase(phrases, level)
                if phrase is None:
                    continue
                cands.append((e - s, -rules_priority(phrase, level), s, e, phrase))
        cands.sort(key=lambda c: (-c[0], -c[1], c[2]))
        taken = [False] * len(toks)
        out = []
        for _, _, s, e, phrase in cands:
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            out.append((s, e, phrase))
        out.sort(key=lambda m: m[0])
        return out

    def _best_phrase(self, phrases: list[Phrase], level: str | None) -> Phrase | None:
        best = None
        best_score = None
        for p in phrases:
            score = rules_priority(p, level)
            if best_score is None or score < best_score:
                best, best_score = p, score
        if best is not None and best.source == "katja":
            # A label naming a more specific code than the library's (valtakunnallisesti
            # arvokas maisema-alue vs maisemallisesti arvokas alue) wins, keeping the
            # library's additional information.
            for p in phrases:
                if p.source != "label":
                    continue
                code = p.targets[0].code
                for t in best.targets:
                    if t.code != code and t.code in self.kb.ancestors(code):
                        merged = tuple(
                            Target(code, t.additional, t.additional_values) if x is t else x
                            for x in best.targets
                        )
                        return Phrase(best.text, "katja+label", best.plan_level, merged)
        return best

    # -- the public entry point ----------------------------------------------------------
    def extract(
        self, text: str, sign: str | None = None, plan_type: str | None = None
    ) -> list[Regulation]:
        """Regulations of one legend entry (``sign`` + ``text``) or general regulation."""
        text = text or ""
        sign = (sign or "").strip() or None
        level = plan_type if plan_type in PLAN_TYPES else None
        return _Run(self, text, sign, level).run()


def rules_priority(phrase: Phrase, level: str | None) -> int:
    """Lower is better: the project's synonyms, then the plan level's library, then labels."""
    same = phrase.plan_level == (level or "asemakaava")
    if phrase.source == "synonym":
        return 0
    if phrase.source.startswith("katja"):
        return 1 if same else 5
    if phrase.source == "label":
        return 2
    if phrase.source == "traditional":
        return 3 if same else 6
    return 7


def _expand_coordination(toks: list[_Tok]) -> None:
    """ "Asuin-, liike- ja toimistorakennusten" → keys asuinrakennus, liikerakennus, toimistorakennus."""
    for i, t in enumerate(toks):
        if t.punct or not t.text.endswith("-") or len(t.text) < 2:
            continue
        # find the completing word after a conjunction
        j = i + 1
        while j < len(toks) and (
            toks[j].key in _CONJ or toks[j].text.endswith("-") or toks[j].punct
        ):
            if toks[j].punct and toks[j].text not in {","}:
                break
            j += 1
        if j >= len(toks) or toks[j].punct:
            continue
        head_word = toks[j]
        tail = _compound_tail(head_word.text, head_word.lemma)
        if not tail:
            continue
        prefix = t.text[:-1].lower()
        t.key = t.lemma = normalise_lemma(prefix + tail)


@functools.lru_cache(maxsize=4096)
def _compound_tail(word: str, lemma: str) -> str | None:
    """The last compound part of ``word`` as a base form (toimistorakennusten → rakennus)."""
    try:
        readings = get_voikko().analyze(word) or get_voikko().analyze(word.lower())
    except Exception:
        return None
    if not readings:
        return None
    structure = readings[0].get("STRUCTURE") or ""
    positions = []
    pos = 0
    for ch in structure:
        if ch == "=":
            positions.append(pos)
        else:
            pos += 1
    if len(positions) < 2:
        return None
    cut = positions[-1]
    prefix = word[:cut].lower()
    if lemma.startswith(prefix):
        return lemma[len(prefix) :] or None
    return None


_MUST = re.compile(
    r"\b(on|ovat)\s+\w+(ttava|ttävä|tava|tävä|ava|ävä)\b|\btulee\b|\btulevat\b|\bpitää\b|\bon\s+oltava\b|\bedellyttää\b",
    re.IGNORECASE,
)
_MUST_NOT = re.compile(
    r"\bei\s+saa\b|\beivät\s+saa\b|\bei\s+sallita\b|\bon\s+kielletty|\bkielletään\b|\bei\s+tule\b|\bei\s+voi\b",
    re.IGNORECASE,
)
_MAY = re.compile(
    r"\bsaa\b|\bsaavat\b|\bvoidaan\b|\bsallitaan\b|\bon\s+sallittu|\bvoi\b", re.IGNORECASE
)
_EXCEPTION = re.compile(
    r"(?:lukuun\s+ottamatta|paitsi|poikkeuksena|kuitenkin|ellei|poislukien|pois\s+lukien)[^.;]*",
    re.IGNORECASE,
)


def modality_of(sentence: str) -> str | None:
    """``must`` / ``must_not`` / ``may`` as stated in the sentence, else ``None``."""
    if _MUST_NOT.search(sentence):
        return "must_not"
    if _MUST.search(sentence):
        return "must"
    if _MAY.search(sentence):
        return "may"
    return None


def exceptions_of(sentence: str) -> list[str]:
    return [m.group(0).strip() for m in _EXCEPTION.finditer(sentence)]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENT_SPLIT.finditer(text):
        end = m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


def _has_cue(lemmas: list[str], cue: str) -> bool:
    """``cue`` is a lemma, or ends one (compounds: liikennemelu ← melu), or starts one (≥ 6 chars)."""
    return _cue_index(tuple(lemmas))(cue)


def _cue_lemmas(lemmas: list[str]) -> Callable[[str], bool]:
    return _cue_index(tuple(lemmas))


@functools.lru_cache(maxsize=8192)
def _cue_index(lemmas: tuple[str, ...]) -> Callable[[str], bool]:
    """:func:`_has_cue` for one lemma list as set lookups: every lemma, its endings of four or
    more characters and its beginnings of six or more (a sentence is asked about ~100 cues)."""
    exact = set(lemmas)
    ends = {lm[i:] for lm in lemmas for i in range(len(lm) - 3)}
    starts = {lm[:i] for lm in lemmas for i in range(6, len(lm) + 1)}

    def has(cue: str) -> bool:
        n = len(cue)
        return cue in exact or (n >= 4 and cue in ends) or (n >= 6 and cue in starts)

    return has


class _Run:
    """State of one extraction (kept out of :class:`Extractor` so that stays reentrant)."""

    def __init__(self, ex: Extractor, text: str, sign: str | None, level: str | None) -> None:
        self.ex = ex
        self.kb = ex.kb
        self.text = text
        self.sign = sign
        self.level = level
        self.regs: list[Regulation] = []
        self.title_regs: list[Regulation] = []

    # ---------------------------------------------------------------- helpers
    def _value(
        self,
        code: str,
        q: Quantity | None = None,
        *,
        number: float | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> dict[str, Any] | None:
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

    def _code_value(self, code: str) -> dict[str, Any]:
        info = self.kb.regulations.get(code)
        return {
            "dataType": "Code",
            "code": self.kb.uri(REGULATION_LIST, code),
            "codeList": self.kb.uris[REGULATION_LIST],
            "title": {"fin": info.label} if info else None,
        }

    def _find(self, code: str) -> Regulation | None:
        for r in self.regs:
            if r.type == code:
                return r
        return None

    def _add(self, reg: Regulation) -> Regulation:
        """Add, merging a value into an earlier value-less regulation of the same type."""
        same = [r for r in self.regs if r.type == reg.type]
        for r in same:
            if r.value is None and reg.value is not None and reg.type not in rules.TEXT_TYPES:
                r.value = reg.value
                r.confidence = max(r.confidence, reg.confidence)
                r.evidence = f"{r.evidence}; {reg.evidence}"
                for a in reg.additional:
                    r.add_info(a["type"], a.get("value"))
                return r
            if reg.value is None:
                for a in reg.additional:
                    r.add_info(a["type"], a.get("value"))
                r.confidence = max(r.confidence, reg.confidence)
                return r
            if r.value == reg.value:
                return r
        self.regs.append(reg)
        return reg

    # ---------------------------------------------------------------- steps
    def run(self) -> list[Regulation]:
        text = self.text
        sents = _sentences(text)
        sign_phrases, sign_quantities = self._sign()
        title_span = self._title_span(sents)
        title_targets, title_conf, title_ev = (
            self._title(title_span) if title_span else ([], 0.0, "")
        )
        self._area(sign_phrases, title_targets, title_conf, title_ev, title_span)
        body = [s for s in sents if s != title_span]
        value_only = not text.strip() or bool(sign_quantities)
        if sign_quantities:
            ctx = self._lemmas(0, len(text)) if text else []
            for q in sign_quantities:
                self._quantity(q, ctx, notation_only=True, offset=None)
        # quantities in the text (title included: "Kattokaltevuus 30°.")
        handled: set[tuple[int, int]] = set()
        for s, e in sents:
            sentence = text[s:e]
            qs = find_quantities(sentence)
            notation_only = _is_notation(sentence)
            ctx = self._lemmas(s, e)
            made = False
            self._current_sentence = (s, e)
            for q in qs:
                q.start += s
                q.end += s
                if self._quantity(
                    q,
                    ctx,
                    notation_only=notation_only or (value_only and not sign_quantities),
                    offset=s,
                ):
                    made = True
            if made:
                handled.add((s, e))
        # body sentences: additional info, restrictions, verbal
        explained = bool(sign_quantities) or any(handled)
        for s, e in body:
            if (s, e) in handled:
                continue
            if explained and self._is_explanation(s, e):
                continue
            self._sentence(s, e)
        self._title_cues(title_span)
        if title_span and not any(r for r in self.regs) and self.text.strip():
            self._sentence(*title_span)
        for r in self.regs:
            r.review = r.confidence < self.ex.threshold
        return self.regs

    def _is_explanation(self, s: int, e: int) -> bool:
        """ "Roomalainen numero osoittaa …", "Murtoluku … osoittaa": a legend's explanation."""
        toks = [t for t in self.ex._tokens(self.text[s:e]) if not t.punct]
        if not toks:
            return True
        lemmas = [t.lemma for t in toks]
        return bool(self.sign and not self.kb.by_letter(self.sign, self.level)) or (
            lemmas[0] in _EXPLAIN_HEADS and "osoittaa" in lemmas
        )

    def _title_cues(self, span: tuple[int, int] | None) -> None:
        """Additional information stated inside the title's relative clause."""
        if not span or not self.title_regs:
            return
        lemmas = self._lemmas(*span)
        for cue, info, value in rules.TITLE_CUES:
            if all(c in lemmas for c in cue):
                for reg in self.title_regs:
                    reg.add_info(info, self._code_value(value) if value else None)

    def _lemmas(self, s: int, e: int) -> list[str]:
        return [t.key for t in self.ex._tokens(self.text[s:e]) if not t.punct]

    def _sign(self) -> tuple[list[Phrase], list[Quantity]]:
        if not self.sign:
            return [], []
        qs = find_quantities(self.sign)
        covered = sum(q.end - q.start for q in qs)
        letter = list(self.kb.by_letter(self.sign, self.level))
        if qs and covered >= len(self.sign.replace(" ", "")) * 0.6:
            roman_only = len(qs) == 1 and qs[0].kind == "storeys" and not qs[0].extra
            if not (roman_only and letter and "kerros" not in self.text.lower()):
                return [], qs
        parts = [self.sign]
        phrases = letter
        if not phrases and "/" in self.sign:
            notation = getattr(self.kb.registry, "notation", None)
            try:
                parts = (
                    notation.parts(self.sign, self.level or "asemakaava")
                    if notation
                    else [self.sign]
                )
            except (ValueError, KeyError):
                parts = [self.sign]
            for p in parts:
                phrases.extend(self.kb.by_letter(p, self.level)[:1])
        return phrases, []

    def _title_span(self, sents: list[tuple[int, int]]) -> tuple[int, int] | None:
        if not sents:
            return None
        s, e = sents[0]
        first = self.text[s:e]
        if _is_notation(first):
            return None
        letters = [c for c in first if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(first) < 120:
            return (s, e)
        toks = self.ex._tokens(first)
        chunk_rel = False
        chunk_start = True
        for t in toks:
            if t.punct and t.text in {",", ";", ":"}:
                chunk_rel = False
                chunk_start = True
                continue
            if chunk_start and t.lemma in _RELATIVE:
                chunk_rel = True
            chunk_start = False
            if t.finite and not chunk_rel:
                return None
        if toks and toks[0].lemma in _EXPLAIN_HEADS:
            return None
        if len([t for t in toks if not t.punct]) > 22:
            return None
        return (s, e)

    def _title(self, span: tuple[int, int]) -> tuple[list[Target], float, str]:
        s, e = span
        toks = self.ex._tokens(self.text[s:e])
        matches = self.ex._match(toks, self.level)
        if not matches:
            return [], 0.0, ""
        content = [i for i, t in enumerate(toks) if not t.punct]
        covered = {i for ms, me, _ in matches for i in range(ms, me)}
        full = all(i in covered for i in content)
        targets: list[Target] = []
        evidence = []
        excluded: list[str] = []
        excl_from = None
        for i, t in enumerate(toks):
            if t.lemma in {"poislukien", "poislukea"} or (
                t.lemma == "lukuun" and i + 1 < len(toks)
            ):
                excl_from = i
        for ms, me, phrase in matches:
            if excl_from is not None and ms > excl_from:
                excluded.extend(t.code for t in phrase.targets)
                continue
            # distribute over coordinated conjuncts before the match
            conj_targets = self._distribute(toks, ms, me)
            targets.extend(conj_targets)
            targets.extend(phrase.targets)
            evidence.append(
                f"'{self.text[s + toks[ms].start - 0 : s + toks[me - 1].end]}' = {phrase.source} '{phrase.text}'"
            )
        # modifiers
        lemmas = [t.lemma for t in toks]
        mods = []
        for cue, info in rules.MODIFIERS:
            if all(c in lemmas for c in cue):
                mods.append(info)
        out = []
        seen = set()
        for t in targets:
            if t.code in seen:
                continue
            seen.add(t.code)
            adds = list(t.additional)
            for m in mods:
                if m == "ohjeellinenSijainti" and t.code.startswith("ohjeellinen"):
                    continue
                if (
                    m
                    in {
                        "uusi",
                        "olemassaOleva",
                        "olennaisestiMuuttuva",
                        "reservialue",
                        "kehitettava",
                    }
                    and t.additional
                    and "paakayttotarkoitus" not in t.additional
                    and not _is_linear(t.code)
                ):
                    continue
                if m not in adds:
                    adds.append(m)
            out.append(Target(t.code, tuple(adds), t.additional_values))
        if excluded:
            out = [
                Target(
                    t.code,
                    (*t.additional, "poisluettavaKayttotarkoitus"),
                    (*t.additional_values, ("poisluettavaKayttotarkoitus", excluded[0])),
                )
                if i == 0
                else t
                for i, t in enumerate(out)
            ]
        conf = 0.92 if full else 0.72
        return out, conf, "title " + "; ".join(evidence)

    def _distribute(self, toks: list[_Tok], ms: int, me: int) -> list[Target]:
        out: list[Target] = []
        j = ms - 1
        rest = tuple(t.key for t in toks[ms + 1 : me])
        if not rest:
            return out
        while j >= 1 and toks[j].key in _CONJ:
            k = j - 1
            if toks[k].punct:
                break
            keys = (toks[k].key, *rest)
            phrases = self.ex._keyset.get(keys)
            if not phrases:
                break
            p = self.ex._best_phrase(phrases, self.level)
            if p:
                out.extend(p.targets)
            j = k - 1
        return out

    def _area(
        self,
        sign_phrases: list[Phrase],
        title_targets: list[Target],
        title_conf: float,
        title_ev: str,
        title_span: tuple[int, int] | None,
    ) -> None:
        span = title_span or (0, len(self.text))
        lower_sign = bool(self.sign) and self.sign[:1].islower()
        chosen: list[Target] = []
        conf = 0.0
        ev = ""
        if sign_phrases and title_targets:
            tcodes = {t.code for t in title_targets}
            agree = [p for p in sign_phrases if {t.code for t in p.targets} == tcodes]
            if agree:
                best = self._closest(agree, title_span)
                chosen = _merge_targets(best.targets, title_targets)
                conf, ev = 0.97, f"sign '{self.sign}' = {best.source} '{best.text}' and {title_ev}"
            elif any(
                self.kb.related(a, t.code)
                for p in sign_phrases
                for a in (x.code for x in p.targets)
                for t in title_targets
            ):
                chosen = title_targets
                conf, ev = max(title_conf, 0.85), f"sign '{self.sign}' related; {title_ev}"
            else:
                chosen = title_targets
                conf, ev = (
                    min(title_conf, 0.7),
                    f"{title_ev} (sign '{self.sign}' disagrees: {sign_phrases[0].text})",
                )
        elif sign_phrases:
            best = self._closest(sign_phrases, title_span) if title_span else sign_phrases[0]
            chosen = list(best.targets)
            conf = 0.88 if best.source == "katja" else 0.7
            if title_span and title_conf == 0.0:
                conf -= 0.08
            ev = f"sign '{self.sign}' = {best.source} '{best.text}'"
        elif title_targets:
            chosen, conf, ev = title_targets, title_conf, title_ev
        for t in chosen:
            if t.code == "sanallinenMaarays":
                continue  # a library placeholder for text the entry may or may not have
            adds = list(t.additional)
            if lower_sign and "paakayttotarkoitus" in adds:
                adds[adds.index("paakayttotarkoitus")] = "osaAlue"
            value = None
            if t.code in rules.NAME_TYPES and self.sign:
                value = {"dataType": "LocalizedText", "text": {"fin": self.sign}}
            reg = Regulation(t.code, value, confidence=conf, span=span, evidence=ev)
            vals = dict(t.additional_values)
            for a in adds:
                v = vals.get(a)
                reg.add_info(
                    a,
                    self._code_value(v)
                    if v
                    and a in {"kayttotarkoituskohdistus", "poisluettavaKayttotarkoitus"}
                    and v in self.kb.regulations
                    else None,
                )
            self.title_regs.append(self._add(reg))

    def _closest(self, phrases: list[Phrase], span: tuple[int, int] | None) -> Phrase:
        if not span:
            return phrases[0]
        keys = set(self.ex._keys(self.text[span[0] : span[1]]))
        best, best_score = phrases[0], -1.0
        for p in phrases:
            pk = set(self.ex._keys(p.text))
            score = len(keys & pk) / (len(keys | pk) or 1) - (0.01 if p.source != "katja" else 0)
            if score > best_score:
                best, best_score = p, score
        return best

    # ---------------------------------------------------------------- quantities
    def _per_lemmas(self, what: Callable[[list[str]], Any], lemmas: list[str]) -> Any:
        """``what(lemmas)`` computed once per lemma list (a sentence's or a segment's).

        Every number of a sentence asks the same questions of the same lemmas; a line
        of thousands of numbers would otherwise answer them again for each number,
        which is quadratic. Keyed by identity: the lists are not changed once made.
        """
        cache: dict[tuple[int, int], tuple[list[str], Any]] = self.__dict__.setdefault(
            "_lemma_cache", {}
        )
        key = (id(getattr(what, "__func__", what)), id(lemmas))  # a bound method is made anew
        hit = cache.get(key)
        if hit is not None and hit[0] is lemmas:
            return hit[1]
        value = what(lemmas)
        cache[key] = (lemmas, value)
        return value

    def _cues(self, ctx: list[str]) -> Callable[[str], bool]:
        """The cue index of a sentence's lemmas (see :meth:`_per_lemmas`)."""
        return self._per_lemmas(_cue_lemmas, ctx)

    def _quantity(
        self, q: Quantity, ctx: list[str], *, notation_only: bool, offset: int | None
    ) -> bool:
        span = (q.start, q.end) if offset is not None else (0, 0)
        made = []
        k = q.kind
        has = self._cues(ctx)
        if k == "per_area":
            places = q.places or (
                "bicycle" if has("pyöräpaikka") or has("pyörä") or has("pyöräily") else "car"
            )
            code = (
                "kerrosneliomaaraYhtaPyorapaikkaaKohden"
                if places == "bicycle"
                else "kerrosneliomaaraYhtaAutopaikkaaKohden"
            )
            made.append((code, self._value(code, q), 0.95, f"'{q.text}' → per-area norm"))
        elif k == "per_dwelling":
            places = q.places or ("bicycle" if has("pyöräpaikka") or has("pyörä") else "car")
            code = (
                "pyorapaikkojenMaaraAsuntoaKohden"
                if places == "bicycle"
                else "autopaikkojenMaaraAsuntoaKohden"
            )
            made.append((code, self._value(code, q), 0.95, f"'{q.text}' → per-dwelling norm"))
        elif k == "efficiency":
            code = "vihertehokkuus" if has("vihertehokkuus") else "tehokkuusluku"
            made.append((code, self._value(code, q), 0.97, f"'{q.text}' → e= efficiency"))
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
                made.append((code, self._value(code, q), 0.95, f"'{q.text}' → storey range"))
            else:
                code = "maanalainenKerroslukuLuku" if under else "maanpaallinenKerroslukuLuku"
                made.append((code, self._value(code, q), 0.95, f"'{q.text}' → Roman storey number"))
                for part, where in (("attic", "after"), ("basement", "before")):
                    if part in q.extra:
                        c = _SHARE_CODES[part]
                        made.append(
                            (
                                c,
                                self._value(c, number=q.extra[part]),
                                0.9,
                                f"'{q.text}' fraction {where} numeral → {part} share",
                            )
                        )
        elif k in _SHARE_CODES:
            c = _SHARE_CODES[k]
            made.append((c, self._value(c, q), 0.9, f"'{q.text}' → {k} share"))
        elif k == "elevation":
            code, conf, why = None, 0.0, ""
            for cue, c in rules.ELEVATION_CUES:
                if all(has(x) for x in cue):
                    code, conf, why = c, 0.92, f"cue {'+'.join(cue)}"
                    break
            if code is None:
                if not notation_only and not has("korkeusasema"):
                    return False
                code, conf, why = (
                    "vesikatonYlimmanKohdanKorkeusasema",
                    0.85,
                    "legend convention: +N alone = roof top",
                )
            made.append((code, self._value(code, q), conf, f"'{q.text}' → elevation ({why})"))
        elif k == "period":
            value = {
                "dataType": "TimePeriodDateOnly",
                "begin": q.begin.isoformat() if q.begin else None,
                "end": q.until.isoformat() if q.until else None,
            }
            self._pending_info("valiaikainenMaarays", value, q)
            return False  # the sentence still carries the regulation text
        elif k in {"number", "count", "range"}:
            made.extend(self._typed_number(q, ctx, notation_only))
        if not made:
            return False
        for code, value, conf, why in made:
            if code in self.kb.regulations or code == "paivakoti":
                reg = Regulation(code, value, confidence=conf, span=span, evidence=why)
                self._add(reg)
            else:  # an additional-information type with a value: attach to its use regulation
                use, info_value = value
                reg = Regulation(use, None, confidence=conf, span=span, evidence=why)
                reg.add_info(code, info_value)
                floor = self._floor(ctx)
                if floor:
                    reg.add_info(
                        "kerroksetJotaMaaraysKoskee",
                        {"dataType": "NumericRange", "minimumValue": floor, "maximumValue": floor},
                    )
                self._add(reg)
        return True

    def _floor(self, ctx: list[str]) -> int | None:
        ordinals = {"ensimmäinen": 1, "toinen": 2, "kolmas": 3, "neljäs": 4}
        for i, lm in enumerate(ctx[:-1]):
            if lm in ordinals and ctx[i + 1] == "kerros":
                return ordinals[lm]
        return None

    def _uses(self, ctx: list[str]) -> list[str]:
        out = []
        for lm in ctx:
            code = rules.USE_CUES.get(lm)
            if code and code not in out:
                out.append(code)
        return out

    def _typed_number(
        self, q: Quantity, ctx: list[str], notation_only: bool
    ) -> list[tuple[str, Any, float, str]]:
        has = self._cues(ctx)
        unit = q.unit
        out: list[tuple[str, Any, float, str]] = []
        seg = self._segment_lemmas(q)
        if q.kind == "range":
            if has("kerros") or has("kerrosluku"):
                c = "maanpaallinenKerroslukuArvovali"
                out.append((c, self._value(c, q), 0.9, f"'{q.text}' range + kerros"))
            elif unit == "°" or has("kattokaltevuus"):
                c = "kattokaltevuus"
                out.append((c, self._value(c, q), 0.85, f"'{q.text}' range of roof pitch"))
            return out
        n = q.number
        if n is None:
            return out
        if unit == "k-m2":
            if has("lisäksi") or has("alaraja") or has("kohden"):
                return out
            uses = self._per_lemmas(self._uses, seg) or self._per_lemmas(self._uses, ctx)
            if (
                uses
                and (
                    has("käyttää")
                    or has("saa")
                    or has("sijoittaa")
                    or has("rakentaa")
                    or has("olla")
                    or has("varten")
                )
                and not has("rakennusoikeus")
                and not has("mitoitus")
                and not has("enimmäismitoitus")
            ):
                info = "kayttotarkoituksenOsuusKerrosalastaK-m2"
                val = self._value(info, number=n)
                return [
                    (info, (u, val), 0.88, f"'{q.text}' share of floor area for a use")
                    for u in uses
                ]
            c = "sallittuKerrosala"
            return [(c, self._value(c, number=n), 0.93, f"'{q.text}' k-m² → building right")]
        if unit == "%":
            if has("lisäksi"):
                return out  # extra building right: a verbal regulation
            if has("kellari") or has("kellarikerros"):
                c = _SHARE_CODES["basement"]
                return [(c, self._value(c, number=n), 0.9, f"'{q.text}' + kellari")]
            if has("ullakko"):
                c = _SHARE_CODES["attic"]
                return [(c, self._value(c, number=n), 0.9, f"'{q.text}' + ullakko")]
            if (has("rakennusala") or has("rakennettu")) and (has("pinta-ala") or has("pinta")):
                c = "rakentamisenSuhdeAlueenPintaAlaan"
                return [(c, self._value(c, number=n), 0.88, f"'{q.text}' built share of area")]
            uses = self._per_lemmas(self._uses, seg) or self._per_lemmas(self._uses, ctx)
            if uses and (has("kerrosala") or has("rakennusoikeus")):
                info = "kayttotarkoituksenOsuusKerrosalastaPros"
                val = self._value(info, number=n)
                return [
                    (info, (u, val), 0.88, f"'{q.text}' share of floor area for a use")
                    for u in uses
                ]
            return out
        if unit == "m3":
            if has("rakennusoikeus") or has("rakennustilavuus"):
                c = "sallittuRakennustilavuus"
                return [(c, self._value(c, number=n), 0.9, f"'{q.text}' m³ building right")]
            return out
        if unit == "m":
            if has("tuulivoimala"):
                c = "tuulivoimalanEnimmaiskorkeus"
                return [(c, self._value(c, number=n), 0.92, f"'{q.text}' + tuulivoimala")]
            if has("julkisivu") and (has("korkeus") or has("enimmäiskorkeus")):
                c = "julkisivunEnimmaiskorkeus"
                return [(c, self._value(c, number=n), 0.92, f"'{q.text}' + julkisivun korkeus")]
            if has("n2000") or has("rakentamiskorkeus") or has("kosteus"):
                c = "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"
                return [(c, self._value(c, number=n), 0.85, f"'{q.text}' lowest building level")]
            return out
        if unit == "dB":
            if has("melutaso") or has("ohjearvo"):
                return out
            c = "aaneneristavyys"
            return [
                (
                    c,
                    self._value(c, number=n),
                    0.93 if has("ääneneristävyys") else 0.8,
                    f"'{q.text}' dB → sound insulation",
                )
            ]
        if unit == "°":
            c = "kattokaltevuus"
            return [(c, self._value(c, number=n), 0.93, f"'{q.text}' ° → roof pitch")]
        if unit is not None:
            return out
        # no unit: counted nouns, decimals with a cue, or a legend value
        nxt = self._next_lemma(q)
        integral = float(n).is_integer()
        per_dwelling = rules.PER_DWELLING_NOUNS.get(nxt or "")
        if per_dwelling and integral and has("asunto") and has("kohden"):
            # "Asuntoa kohden on rakennettava vähintään kaksi autopaikkaa."
            return [
                (
                    per_dwelling,
                    self._value(per_dwelling, number=n),
                    0.9,
                    f"'{q.text} {nxt}' + asuntoa kohden → per-dwelling norm",
                )
            ]
        if nxt in rules.COUNT_NOUNS and integral:
            c = rules.COUNT_NOUNS[nxt]
            return [(c, self._value(c, number=n), 0.9, f"'{q.text} {nxt}' → count")]
        words = self._per_lemmas(frozenset, ctx)
        storey_cue = "kerros" in words or "kerrosluku" in words
        if integral and 0 < n <= 30 and storey_cue and not self._per_lemmas(self._floor, ctx):
            # "enintään kaksi kerrosta", "kerrosluku on kolme", "kaksi maanalaista kerrosta"
            under = "maanalainen" in words
            c = "maanalainenKerroslukuLuku" if under else "maanpaallinenKerroslukuLuku"
            return [(c, self._value(c, number=n), 0.88, f"'{q.text}' + kerros(luku) → storeys")]
        if has("vihertehokkuus"):
            c = "vihertehokkuus"
            return [(c, self._value(c, number=n), 0.9, f"'{q.text}' + vihertehokkuus")]
        if n < 10 and (has("tehokkuusluku") or has("tehokkuus")):
            # "Tehokkuusluku on 0,35", "Aluetehokkuus 0,2" (e= notations are found by the parser)
            c = "tehokkuusluku"
            return [(c, self._value(c, number=n), 0.9, f"'{q.text}' + tehokkuusluku")]
        if q.kind == "count":
            return out
        if notation_only and float(n).is_integer():
            for c, cue in (
                ("korttelinNumero", ("kortteli", "numero")),
                ("kaupunginTaiKunnanosanNumero", ("kaupunginosa", "numero")),
                ("kaupunginTaiKunnanosanNumero", ("kunnanosa", "numero")),
                ("tontinTaiRakennuspaikanNumero", ("tontti", "numero")),
                ("tontinTaiRakennuspaikanNumero", ("rakennuspaikka", "numero")),
            ):
                if all(has(x) for x in cue):
                    return [(c, self._value(c, number=n), 0.93, f"'{q.text}' + {' '.join(cue)}")]
            if has("numero"):
                return out
            c = "sallittuKerrosala"
            conf = (
                0.93
                if (has("rakennusoikeus") or has("kerrosneliömetri") or has("kerrosalaneliömetri"))
                else 0.82
            )
            return [
                (
                    c,
                    self._value(c, number=n),
                    conf,
                    f"'{q.text}' legend number → building right (k-m²)",
                )
            ]
        return out

    def _next_lemma(self, q: Quantity) -> str | None:
        rest = self.text[q.end : q.end + 40]
        m = re.match(r"\s*([A-Za-zÅÄÖåäö-]+)", rest)
        if not m:
            return None
        return self.ex._word(m.group(1))[1]

    def _segment_lemmas(self, q: Quantity) -> list[str]:
        start = max(self.text.rfind(ch, 0, q.start) for ch in ",;:.\n") + 1
        end_candidates = [i for i in (self.text.find(ch, q.end) for ch in ",;\n") if i != -1]
        end = min(end_candidates) if end_candidates else len(self.text)
        sentence = self.__dict__.get("_current_sentence")
        if sentence is not None and sentence[0] <= q.start < sentence[1]:
            # A clause does not run on into the next sentence (which made a text of
            # many sentences without commas quadratic: each number read the rest).
            start, end = max(start, sentence[0]), min(end, sentence[1])
        # Numbers of one segment share its lemmas: computed once per segment, or a
        # line of thousands of numbers costs a pass over the line for each of them.
        cache = self.__dict__.setdefault("_segment_cache", {})
        keys = cache.get((start, end))
        if keys is None:
            keys = cache[(start, end)] = [
                t.key for t in self.ex._tokens(self.text[start:end]) if not t.punct
            ]
        return keys

    def _pending_info(self, info: str, value: dict[str, Any] | None, q: Quantity | None) -> None:
        self._infos = getattr(self, "_infos", [])
        self._infos.append((info, value, q))

    # ---------------------------------------------------------------- sentences
    def _sentence(self, s: int, e: int) -> None:
        sentence = self.text[s:e]
        toks = self.ex._tokens(sentence)
        lemmas = [t.key for t in toks if not t.punct]
        infos = [
            (i, v) for i, v, q in getattr(self, "_infos", []) if q is not None and s <= q.start < e
        ]
        for cue, info in rules.ADDITIONAL_CUES:
            if all(_has_cue(lemmas, c) for c in cue):
                infos.append((info, None))
        if (
            any(lm in {"määräaikainen", "väliaikainen", "tilapäinen"} for lm in lemmas)
            or ("voimassa" in lemmas and any(lm in {"vuosi", "kuukausi"} for lm in lemmas))
        ) and not any(i == "valiaikainenMaarays" for i, _ in infos):
            infos.append(("valiaikainenMaarays", None))
        restriction = None
        for lm in lemmas:
            for cue, code in rules.RESTRICTION_CUES.items():
                if lm.endswith(cue):
                    restriction = code
        if restriction == "rakentamisrajoitus":
            restriction = (
                "rakentamisrajoitusMaakuntakaava"
                if self.level == "maakuntakaava"
                else "rakentamisrajoitusYleiskaava"
            )
        modality = modality_of(sentence)
        exceptions = exceptions_of(sentence)
        text_value = {"dataType": "LocalizedText", "text": {"fin": sentence}}
        # a text-type title (restriction, ban) absorbs the sentence as its text
        text_title = next((r for r in self.title_regs if r.type in rules.TEXT_TYPES), None)
        explained = _verbal_topics_explained(lemmas, self.level, self.ex._verb_of)
        verbal = [code for code, _ in explained]
        topics_why = ", ".join(f"{code} ← {why}" for code, why in explained)
        if restriction and not text_title:
            reg = Regulation(
                restriction,
                text_value,
                confidence=0.9,
                span=(s, e),
                evidence=f"cue '{restriction}'",
                modality=modality,
                exceptions=exceptions,
            )
            for info, v in infos:
                reg.add_info(info, v)
            self._add(reg)
            return
        if text_title is not None:
            _append_text(text_title, sentence, (s, e))
            for info, v in infos:
                text_title.add_info(info, v)
            return
        only_info = bool(infos) and _only_info_sentence(lemmas)
        if infos and self.title_regs:
            target = self.title_regs[0]
            for info, v in infos:
                target.add_info(info, v)
            if only_info or len(lemmas) <= 12:
                return
        existing = self._find("sanallinenMaarays")
        if existing is not None:
            _append_text(existing, sentence, (s, e))
            added = [(v, why) for v, why in explained if v not in existing.verbal]
            for v, _ in added:
                existing.verbal.append(v)
            if added:
                existing.evidence += "; topics: " + ", ".join(f"{v} ← {w}" for v, w in added)
            existing.exceptions.extend(exceptions)
            if modality and existing.modality != modality:
                existing.modality = existing.modality or modality
            for info, v in infos:
                if not self.title_regs:
                    existing.add_info(info, v)
            return
        reg = Regulation(
            "sanallinenMaarays",
            text_value,
            verbal=verbal,
            confidence=0.85 if verbal else 0.8,
            span=(s, e),
            evidence="regulating sentence without a coded value"
            + (f"; topics: {topics_why}" if verbal else ""),
            modality=modality,
            exceptions=exceptions,
        )
        if not self.title_regs:
            for info, v in infos:
                reg.add_info(info, v)
        self.regs.append(reg)


def _append_text(reg: Regulation, sentence: str, span: tuple[int, int]) -> None:
    if reg.value and reg.value.get("dataType") == "LocalizedText":
        old = reg.value["text"].get("fin", "")
        if sentence not in old:
            reg.value["text"]["fin"] = (old + " " + sentence).strip()
    else:
        reg.value = {"dataType": "LocalizedText", "text": {"fin": sentence}}
    reg.span = (
        min(reg.span[0], span[0]) if reg.span != (0, 0) else span[0],
        max(reg.span[1], span[1]),
    )


def _only_info_sentence(lemmas: list[str]) -> bool:
    informative = {
        "sitova",
        "sitoa",
        "tonttijako",
        "laatia",
        "erikseen",
        "rakentamistapaohje",
        "noudattaa",
        "rakentaminen",
        "kaava",
        "liite",
        "olla",
        "erillinen",
        "voimassa",
        "määräaikainen",
    }
    return sum(1 for lm in lemmas if lm not in informative) <= 3


def _verbal_topics(lemmas: list[str], level: str | None = None) -> list[str]:
    """Topic codes (RY_Sanallisen_Kaavamaarayksen_Laji) of a regulating sentence."""
    return [code for code, _ in _verbal_topics_explained(lemmas, level)]


def _verbal_topics_explained(
    lemmas: list[str],
    level: str | None = None,
    verb_of: Callable[[str], str | None] = verb_of_participle,
) -> list[tuple[str, str]]:
    """(topic code, the cue that gave it) for a regulating sentence, from its lemmas.

    Necessive participles ("on säilytettävä", "on turvattava") count as their verbs, and in
    yleiskaava and maakuntakaava a sentence about *suunnittelu* directs later planning.
    """
    lemmas = lemmas + [v for lm in lemmas if (v := verb_of(lm))]
    # compounds that contain a cue of another topic: hulevesiviemäri is storm water, not
    # water supply; tonttijako is plot division, not the use of a plot
    shadow = {"hulevesiviemäri": "hulevesi", "tonttijako": "jako"}
    lemmas = [shadow.get(lm, lm) for lm in lemmas]
    has = _cue_index(tuple(lemmas))
    out: list[tuple[str, str]] = []
    for code, cues in rules.VERBAL_CUES.items():
        if code == "lisarakennusoikeus":
            if (
                "lisäksi" in lemmas
                and any(lm.endswith(("kerrosala", "rakennusoikeus")) for lm in lemmas)
            ) or any(lm in {"lisärakennusoikeus", "lisäkerrosala"} for lm in lemmas):
                out.append((code, "'lisäksi' + kerrosala/rakennusoikeus"))
            continue
        if code == "suojelumaarays":
            if (
                ("purkaa" in lemmas and any(lm in {"ei", "saa", "saada"} for lm in lemmas))
                or any(lm in {"suojella", "suojeltu"} for lm in lemmas)
                or (
                    any(lm in {"säilyttää", "säilyä"} for lm in lemmas)
                    and any(
                        lm.endswith(("rakennus", "rakenne", "luonne", "aita", "muuri"))
                        for lm in lemmas
                    )
                )
            ):
                out.append((code, "purkaa/suojella/säilyttää + rakennus"))
            continue
        if code == "suunnittelumaarays":
            if (
                any(lm in {"asemakaavoitus", "kaavoitus", "asemakaavoituksessa"} for lm in lemmas)
                or (
                    any(
                        lm in {"tarkka", "yksityiskohtainen", "yksityiskohtaisempi", "tarkempi"}
                        for lm in lemmas
                    )
                    and any(lm in {"suunnittelu", "suunnitella"} for lm in lemmas)
                )
                or (
                    "suunnittelu" in lemmas
                    and any(lm in {"alue", "alueiden"} for lm in lemmas)
                    and any(lm in {"turvata", "varmistaa", "ottaa", "edistää"} for lm in lemmas)
                )
                or (
                    level in {"yleiskaava", "maakuntakaava"}
                    and any(lm in {"suunnittelu", "suunnitella"} for lm in lemmas)
                )
            ):
                out.append((code, "directs later planning (kaavoitus/suunnittelu)"))
            continue
        if code == "kevytLiikenne":
            if "kevyt" in lemmas and "liikenne" in lemmas:
                out.append((code, "'kevyt liikenne'"))
            continue
        if code == "tontinKaytto" and out:
            continue
        cue = next((c for c in cues if has(c)), None)
        if cue is not None:
            out.append((code, f"'{cue}'"))
    if len(out) > 1:
        out = [x for x in out if x[0] != "tontinKaytto"]
    return out


def _merge_targets(a: tuple[Target, ...], b: list[Target]) -> list[Target]:
    out = []
    bmap = {t.code: t for t in b}
    for t in a:
        extra = bmap.get(t.code)
        adds = list(t.additional)
        vals = list(t.additional_values)
        if extra:
            adds.extend(x for x in extra.additional if x not in adds)
            vals.extend(x for x in extra.additional_values if x not in vals)
        out.append(Target(t.code, tuple(adds), tuple(vals)))
    return out


def _is_linear(code: str) -> bool:
    return code in {
        "tie",
        "valtatie",
        "kantatie",
        "seututie",
        "yhdystie",
        "sahkolinja",
        "kaasulinja",
        "vesijohtoTaiViemari",
        "ulkoiluTaiVirkistysReitti",
        "raideliikenteenAlue",
        "viheryhteys",
        "jalankulkualue",
        "pyorailyalue",
    }


#: A sentence that is only notation: a sequence of the tokens below. Every token is
#: unambiguous where it starts (a number takes its whole run of digits, spaces and
#: separators; "m2" is "m" and the number 2; "e=" keeps one digit and lets the number
#: token take the rest), so the repetition is possessive and the match is linear.
#: The nested, overlapping form it replaces backtracked exponentially on a run of
#: spaced numbers followed by anything else ("1 " * 16 + "x" took 24 s).
_NOTATION_RE = re.compile(
    r"^[\s(]*+(?:[+]?\d[\d \u00a0.,]*+|[IVXL]++(?:[½⅓⅔¼¾](?!k(?!em[²2])))?|e\s*+=?\s*+\d[,.]?|[½⅓⅔¼¾]k"
    r"|u[½⅓⅔¼¾]|k-m[²2]|kem[²2]|m[²³]|ap|pp|/|-|–|\s|asunto|as|%|°|dB\(A\)|dB|db|m)++[\s.)]*+$"
)


def _is_notation(sentence: str) -> bool:
    """True when the sentence is only a notation (``IV``, ``e=0,8``, ``1 ap / 100 k-m²``)."""
    s = sentence.strip().rstrip(".")
    return bool(s) and bool(_NOTATION_RE.match(s))


def _pick(allowed: tuple[str, ...] | None, preferred: tuple[str, ...]) -> str:
    if allowed:
        for p in preferred:
            if p in allowed:
                return p
    return preferred[0]


_default: Extractor | None = None
_default_lock = threading.Lock()


def default_extractor(threshold: float | None = None) -> Extractor:
    """The process-wide extractor (loaded on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Extractor()
    if threshold is not None:
        _default.threshold = threshold
    return _default


def extract(text: str, sign: str | None = None, plan_type: str | None = None) -> list[Regulation]:
    """Shortcut: :meth:`Extractor.extract` on the default extractor."""
    return default_extractor().extract(text, sign, plan_type)


def parse_value_text(text: str) -> float | None:
    """Re-exported for callers that only need a Finnish number."""
    return parse_number(text)


__all__ = [
    "ADDITIONAL_LIST",
    "DEFAULT_THRESHOLD",
    "Extractor",
    "Regulation",
    "default_extractor",
    "extract",
]
