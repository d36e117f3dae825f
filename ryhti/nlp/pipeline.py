"""Finnish regulation text → RYHTI regulations, each with its evidence.

The pipeline, for one legend entry or general regulation:

1. spaCy's Finnish tokenizer and the Voikko lemmatizer component give every token a
   lemma key; hyphenated coordinations are completed ("Asuin-, liike- ja
   toimistorakennusten" → asuinrakennus, liikerakennus, toimistorakennus;
   :mod:`ryhti.nlp.tokens`).
2. The **sign** (letter code) is looked up in the notation table for the plan level, and the
   **title** (the first sentence when it has no finite verb, or an all-caps heading) is matched
   against the phrase table (every code-list label and notation meaning as lemma keys,
   precomputed; :mod:`ryhti.nlp.tables`), longest match first (:mod:`ryhti.nlp.titles`).
3. **Values** are found by :mod:`ryhti.nlp.values` and typed by the cue tables of
   :mod:`ryhti.nlp.rules` ("e=" → tehokkuusluku, "ap / k-m²" → parking norm …;
   :mod:`ryhti.nlp.quantities`).
4. Every other regulating sentence becomes a ``sanallinenMaarays`` whose topics
   (RY_Sanallisen_Kaavamaarayksen_Laji, :mod:`ryhti.nlp.topics`) come from cue lemmas;
   modality (must / may / must not) and exceptions are kept (:mod:`ryhti.nlp.sentences`,
   :mod:`ryhti.nlp.modality`).

This module holds the :class:`Extractor` (loading, tokens, phrase matching) and the run that
puts the steps in order. Each result carries a confidence; results under the review threshold
are marked ``review: true``. Nothing is dropped silently: text that yields nothing is reported.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ryhti.io import gc_paused
from ryhti.nlp import rules
from ryhti.nlp._spacy import import_spacy
from ryhti.nlp.explain import ExplainStep
from ryhti.nlp.knowledge import (
    ADDITIONAL_LIST,
    Knowledge,
    Phrase,
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
from ryhti.nlp.lexicon import Lexicon
from ryhti.nlp.lexicon import apply as apply_lexicon
from ryhti.nlp.lexicon import apply_modifiers as lexicon_modifiers
from ryhti.nlp.lexicon import load_lexicon as _load_lexicon
from ryhti.nlp.matching import PhraseIndex, variants
from ryhti.nlp.modifiers import ModifierStep
from ryhti.nlp.quantities import QuantityStep
from ryhti.nlp.result import Extraction, Modifier, Regulation
from ryhti.nlp.sentences import EXPLAIN_HEADS, SentenceStep
from ryhti.nlp.signs import sign_in_text
from ryhti.nlp.statements import StatementStep
from ryhti.nlp.tables import load_phrase_table
from ryhti.nlp.titles import TitleReading
from ryhti.nlp.tokens import Tok, expand_coordination, sentence_spans
from ryhti.nlp.values import Quantity, find_quantities

DEFAULT_THRESHOLD = 0.8
PLAN_TYPES = ("asemakaava", "yleiskaava", "maakuntakaava")

_ALNUM = re.compile(r"[^\W_]")  # str.isalnum: a letter or a digit
#: Longer runs without a space are one opaque token (see ``Extractor._raw_tokens``).
_LONG_RUN = 100
_LONG_RUN_RE = re.compile(rf"\S{{{_LONG_RUN + 1},}}")
#: Words that open a relative clause: a finite verb inside one does not end a title.
_RELATIVE = {"joka", "mikä", "jossa", "jolla", "jolle", "jonka", "jota", "kuin"}


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
        lexicon: Lexicon | str | Path | None = None,
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
        #: the municipality's legend library (:mod:`ryhti.nlp.lexicon`), when one is given
        self.lexicon: Lexicon | None = None
        if lexicon is not None:
            self.lexicon = (
                lexicon
                if isinstance(lexicon, Lexicon)
                else _load_lexicon(lexicon, self.kb, self._pattern_keys)
            )
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
        self._tok_cache: dict[str, list[Tok]] = {}
        #: word form → (lemma, key, finite verb): Voikko's reading, from the lemma table or asked once
        self._words: dict[str, tuple[str, str, bool]] = {}
        #: lemma key → the verb of a necessive participle (:func:`verb_of_participle`)
        self._verbs: dict[str, str | None] = {}
        self._lemma_table = load_lemma_table() if lemma_table else None
        self.lemma_table = self._lemma_table is not None
        if self._lemma_table is not None:
            self._verbs.update(self._lemma_table.participles)
        table = load_phrase_table(self.kb) if phrase_table else None
        self.phrase_table = table is not None
        self._text_keys: dict[str, tuple[str, ...]] = {}
        pairs = (
            [(keys, self.kb.phrases[index]) for index, keys in table]
            if table is not None
            else self._phrase_keys()
        )
        #: the phrase table and its lookups (exact, closest, distinctive words)
        self.index = PhraseIndex(self.kb, pairs, self._usable)
        self._text_keys = self.index.text_keys

    def _usable(self, code: str) -> bool:
        """A code the extractor may give (not a header-level code of the list)."""
        info = self.kb.regulations.get(code)
        return info is None or info.usable

    def _phrase_keys(self) -> list[tuple[tuple[str, ...], Phrase]]:
        """Lemma-key variants of every phrase (what :mod:`ryhti.nlp.build_tables` precomputes)."""
        out = []
        for phrase in self.kb.phrases:
            for keys in variants(self._keys(phrase.text)):
                if keys:
                    out.append((keys, phrase))
        return out

    # -- tokens and keys ----------------------------------------------------------------
    def _tokens(self, text: str) -> list[Tok]:
        """Tokens with lemma keys; cached, because one entry asks for the same spans several times."""
        cached = self._tok_cache.get(text)
        if cached is not None:
            return cached
        toks = self._tokenize(text)
        if len(self._tok_cache) > 50_000:
            self._tok_cache.clear()
        self._tok_cache[text] = toks
        return toks

    def _tokenize(self, text: str) -> list[Tok]:
        toks: list[Tok] = []
        words = self._words
        for word, start, is_punct in self._raw_tokens(text):
            if is_punct:
                toks.append(Tok(word, start, start + len(word), word, word, False, True))
                continue
            found = words.get(word)
            if found is None:
                found = self._word(word)
            toks.append(Tok(word, start, start + len(word), found[0], found[1], found[2], False))
        expand_coordination(toks)
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

    # -- matching ------------------------------------------------------------------------
    def _match(self, toks: list[Tok], level: str | None) -> list[tuple[int, int, Phrase]]:
        """Longest non-overlapping phrase matches over ``toks`` (see :meth:`PhraseIndex.match`)."""
        return self.index.match([t.key if t.key else t.text for t in toks], level)

    def _pattern_keys(self, words: str) -> list[str]:
        """Lemma keys of a lexicon pattern's words (the tokens of an entry are keyed alike)."""
        return [t.key for t in self._tokens(words) if not t.punct]

    def load_lexicon(self, path: str | Path) -> Lexicon:
        """Read a lexicon file against this extractor's code lists and lemmatiser."""
        return _load_lexicon(path, self.kb, self._pattern_keys)

    # -- the public entry point ----------------------------------------------------------
    def extract(
        self,
        text: str,
        sign: str | None = None,
        plan_type: str | None = None,
        *,
        lexicon: Lexicon | None = None,
    ) -> list[Regulation]:
        """Regulations of one legend entry (``sign`` + ``text``) or general regulation.

        ``lexicon`` (else the extractor's own) decides the entries it knows: its codes win
        over the rules, with confidence 0.99 and the lexicon entry in the evidence. The
        additional information an entry gives without a regulation (a change class, a
        modifier line) is in :meth:`extract_entry`.
        """
        return self.extract_entry(text, sign, plan_type, lexicon=lexicon).regulations

    def extract_entry(
        self,
        text: str,
        sign: str | None = None,
        plan_type: str | None = None,
        *,
        lexicon: Lexicon | None = None,
    ) -> Extraction:
        """Everything one entry gives: its regulations and its entry-level modifiers
        (:mod:`ryhti.nlp.modifiers`), which apply to what another entry draws."""
        text = text or ""
        sign = (sign or "").strip() or None
        level = plan_type if plan_type in PLAN_TYPES else None
        read_from_text = None
        if sign is None:
            sign = read_from_text = sign_in_text(text, self.kb, level)
        run = _Run(self, text, sign, level)
        regs = run.run()
        mods = run.modifiers
        if read_from_text:
            for r in [*regs, *mods]:
                r.evidence = r.evidence.replace(
                    f"sign '{sign}'", f"sign '{sign}' (read from the text)"
                )
        lex = lexicon if lexicon is not None else self.lexicon
        if lex is None:
            return Extraction(regs, mods)

        def words() -> list[frozenset[str]]:
            return [
                frozenset(k for k in (key, self._verb_of(key)) if k)
                for key in run._lemmas(0, len(text))
            ]

        entry = lex.lookup(text, sign, level, words)
        if entry is None:
            return Extraction(regs, mods)

        def make_value(code: str, v: dict[str, Any]) -> dict[str, Any] | None:
            return run._value(
                code, number=v.get("number"), minimum=v.get("min"), maximum=v.get("max")
            )

        out = apply_lexicon(entry, lex.source, regs, text, sign, make_value, self.kb.additional)
        out_mods = lexicon_modifiers(entry, lex.source, mods, text)
        for r in [*out, *out_mods]:
            r.review = r.confidence < self.threshold
        return Extraction(out, out_mods)


class _Run(ExplainStep, ModifierStep, QuantityStep, SentenceStep, StatementStep):
    """One extraction: the steps of the pipeline in order over one entry's state."""

    def run(self) -> list[Regulation]:
        text = self.text
        sents = sentence_spans(text)
        sign = self._sign()
        title_span = self._title_span(sents)
        first = sents[0] if sents else None
        title = self._read_title(title_span) if title_span else TitleReading()
        numbered = self._numbered_name()
        if numbered is not None:
            return [numbered]
        if not sign.quantities:
            self.modifiers = self._change_class(title_span or first)
            if self.modifiers:
                return []  # a yleiskaava change class: it modifies another entry (LABELLING.md 7)
            if self._is_drawing(title_span or first, title.explained):
                return []  # a boundary or drawing line: no regulation (LABELLING.md)
        if title.targets and all(t.code in rules.LABEL_TYPES for t in title.targets):
            # "Koko maakuntaa koskeva suunnittelumääräys:" labels the text that follows: the
            # text is a sanallinenMaarays of that category (LABELLING.md 10), so the label is
            # read as its first sentence, not as a title
            title, title_span = TitleReading(), None
        self._area(sign, title, title_span)
        # "Merkinnällä osoitetaan …" describes what the notation shows: not a regulation
        descriptions = {(s, e) for s, e in sents if self._is_description(s, e)}
        descriptions |= self._description_runs(sents, descriptions)
        # "Suunnittelusuositus: …" blocks recommend, they do not regulate (LABELLING.md 15)
        descriptions |= self._recommendations(sents)
        explanations = set(descriptions)
        explanations |= {
            (s, e) for s, e in sents if (s, e) not in explanations and self._explain(s, e)
        }
        claimed = False
        if sign.quantities:
            ctx = self._lemmas(0, len(text)) if text else []
            before = len(self.regs)
            for q in sign.quantities:
                if not self._fill_explained(q):
                    self._quantity(q, ctx, notation_only=True, offset=None)
            for reg in self.regs[before:]:
                for info in self._sign_infos:
                    reg.add_info(info)
            claimed = len(self.regs) > before
        # quantities in the text (title included: "Kattokaltevuus 30°."); an explanation's
        # numbers only fill the value of what it explains ("… vähintään 36 dB")
        handled: set[tuple[int, int]] = set()
        for s, e in sents:
            if (s, e) in explanations:
                if not sign.quantities and (s, e) not in descriptions:
                    self._explanation_values(s, e)
                continue
            sentence = text[s:e]
            ctx = self._lemmas(s, e)
            made = False
            self._current_sentence = (s, e)
            notation_only = _is_notation(sentence)
            for q in find_quantities(sentence):
                q.start += s
                q.end += s
                if self._quantity(q, ctx, notation_only=notation_only, offset=s):
                    made = True
            if made:
                handled.add((s, e))
        # body sentences: additional info, restrictions, verbal
        for s, e in sents:
            if (s, e) == title_span or (s, e) in handled or (s, e) in explanations:
                continue
            self._sentence(s, e)
        self._title_cues(title_span)
        self._title_modifiers_to_verbal(title_span)
        if title_span and not self.regs and not explanations:
            self._sentence(*title_span, fallback=True)
        self._review_statements()
        self.regs = [r for r in self.regs if self.ex._usable(r.type)]
        self.modifiers = self._unclaimed_marks(claimed)
        if not self.regs and not self.modifiers and not explanations:
            self.modifiers = self._modifier_line(title_span)
        threshold = self.ex.threshold
        for r in [*self.regs, *self.modifiers]:
            r.review = r.confidence < threshold
            if r.review and "review" not in r.evidence:
                r.evidence += f" (review: confidence {r.confidence:.2f} is below {threshold})"
        return self.regs

    def _fill_explained(self, q: Quantity) -> bool:
        """A plain number in the sign is the value of the one numeric type the text explains
        or names ("Sallittu rakennustilavuus kuutiometreinä." + ``3500``, "Asuntojen
        enimmäismäärä." + ``as 6``, "Korttelin numero." + ``12``), rather than a floor area by
        the legend convention for bare numbers."""
        if q.kind not in {"number", "count"} or q.number is None:
            return False
        open_ = [r for r in self.regs if r.value is None and _numeric(self.kb, r.type)]
        if len(open_) != 1:
            return False
        (reg,) = open_
        unit = rules.UNITS.get(reg.type)
        if q.unit is not None and q.unit != unit:
            return False
        value = self._value(reg.type, number=q.number)
        if value is None:
            return False
        reg.value = value
        reg.evidence += f"; the sign's number '{q.text}' is its value"
        for info in self._sign_infos:
            reg.add_info(info)
        return True

    def _numbered_name(self) -> Regulation | None:
        """ "Kortteli 12", "Tontti 3": the whole entry is a numbered thing, so it gives that
        thing's number (:data:`ryhti.nlp.rules.NUMBERED_NAMES`) and nothing else."""
        m = _NUMBERED_NAME.fullmatch(self.text.strip())
        if m is None or self.sign:
            return None
        word = self.ex._tokens(m.group("word"))
        nominative = len(word) == 1 and word[0].text.lower() == word[0].lemma
        code = rules.NUMBERED_NAMES.get(word[0].lemma) if nominative else None
        if code is None:
            return None
        value = self._value(code, number=float(m.group("n")))
        why = f"name '{self.text.strip()}' = {word[0].lemma} + its number"
        reg = Regulation(code, value, confidence=0.9, span=(0, len(self.text)), evidence=why)
        reg.review = reg.confidence < self.ex.threshold
        return reg

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
        if toks and toks[0].lemma in EXPLAIN_HEADS:
            return None
        if len([t for t in toks if not t.punct]) > 22:
            return None
        return (s, e)


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


def _numeric(kb: Knowledge, code: str) -> bool:
    """``code`` takes a number as its value (its data types are numeric or decimal)."""
    allowed, _units = kb.value_spec(code)
    return bool(allowed) and any(t.endswith(("Numeric", "Decimal")) for t in allowed or ())


def _is_notation(sentence: str) -> bool:
    """True when the sentence is only a notation (``IV``, ``e=0,8``, ``1 ap / 100 k-m²``)."""
    s = sentence.strip().rstrip(".")
    return bool(s) and bool(_NOTATION_RE.match(s))


#: A name that is a word and a number ("Kortteli 12").
_NUMBERED_NAME = re.compile(r"(?P<word>[^\W\d_]{4,30})\s+(?P<n>\d{1,5})\.?")

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


def extract(
    text: str,
    sign: str | None = None,
    plan_type: str | None = None,
    *,
    lexicon: Lexicon | None = None,
) -> list[Regulation]:
    """Shortcut: :meth:`Extractor.extract` on the default extractor (with ``lexicon``, if given:
    load it once with :func:`ryhti.nlp.load_lexicon` and pass it on every call)."""
    return default_extractor().extract(text, sign, plan_type, lexicon=lexicon)


def extract_entry(
    text: str,
    sign: str | None = None,
    plan_type: str | None = None,
    *,
    lexicon: Lexicon | None = None,
) -> Extraction:
    """Shortcut: :meth:`Extractor.extract_entry` on the default extractor."""
    return default_extractor().extract_entry(text, sign, plan_type, lexicon=lexicon)


def load_lexicon(path: str | Path) -> Lexicon:
    """A lexicon file read against the default extractor (:meth:`Extractor.load_lexicon`)."""
    return default_extractor().load_lexicon(path)


__all__ = [
    "ADDITIONAL_LIST",
    "DEFAULT_THRESHOLD",
    "Extraction",
    "Extractor",
    "Lexicon",
    "Modifier",
    "Regulation",
    "default_extractor",
    "extract",
    "extract_entry",
    "load_lexicon",
]
