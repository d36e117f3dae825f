"""Tokens with lemma keys, sentence spans, coordinated compounds and cue lookups.

The pieces every step of the extractor reads: a :class:`Tok` is one spaCy token with Voikko's
lemma and lemma key; :func:`expand_coordination` completes hyphenated coordinations so that
"Asuin-, liike- ja toimistorakennusten" yields three lemma keys; :func:`sentence_spans` cuts a
text into sentences; :func:`cue_index` answers "does this sentence contain cue X" as set
lookups, the question the cue rules ask hundreds of times per sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ryhti.nlp.lemmatizer import get_voikko, normalise_lemma

#: A sentence ends at ., !, ? or ; before a capital, digit or bracket, and at a line break,
#: but not at a line break inside a sentence: a hard-wrapped legend text goes on in lower case.
_SENT_SPLIT = re.compile(
    r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ0-9(\"'])|\r?\n(?:[ \t]*\r?\n)*(?![ \t]*[a-zåäö])"
)
#: A paragraph number alone ("2.") is not a sentence: it joins the sentence it numbers.
_PARAGRAPH_NUMBER = re.compile(r"\(?\d{1,3}[.)]")
#: Conjunctions (and the comma) between coordinated words.
CONJ = {"ja", "tai", "sekä", ","}


@dataclass
class Tok:
    """One token: its text and offset, Voikko's lemma and lemma key, finite verb, punctuation."""

    text: str
    start: int
    end: int
    lemma: str
    key: str
    finite: bool
    punct: bool


def expand_coordination(toks: list[Tok]) -> None:
    """ "Asuin-, liike- ja toimistorakennusten" → keys asuinrakennus, liikerakennus, toimistorakennus."""
    for i, t in enumerate(toks):
        if t.punct or not t.text.endswith("-") or len(t.text) < 2:
            continue
        # find the completing word after a conjunction
        j = i + 1
        while j < len(toks) and (
            toks[j].key in CONJ or toks[j].text.endswith("-") or toks[j].punct
        ):
            if toks[j].punct and toks[j].text not in {","}:
                break
            j += 1
        if j >= len(toks) or toks[j].punct:
            continue
        head_word = toks[j]
        tail = compound_tail(head_word.text, head_word.lemma)
        if not tail:
            continue
        prefix = t.text[:-1].lower()
        t.key = t.lemma = normalise_lemma(prefix + tail)


@functools.lru_cache(maxsize=4096)
def compound_tail(word: str, lemma: str) -> str | None:
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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, surrounding white space trimmed."""
    spans = []
    start = 0
    for m in _SENT_SPLIT.finditer(text):
        end = m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if out and _PARAGRAPH_NUMBER.fullmatch(text[out[-1][0] : out[-1][1]]):
            s = out.pop()[0]
        out.append((s, e))
    return out


def has_cue(lemmas: list[str], cue: str) -> bool:
    """``cue`` is a lemma, or ends one (compounds: liikennemelu ← melu), or starts one (≥ 6 chars)."""
    return cue_index(tuple(lemmas))(cue)


def cue_lemmas(lemmas: list[str]) -> Callable[[str], bool]:
    """:func:`cue_index` of a list of lemmas."""
    return cue_index(tuple(lemmas))


@functools.lru_cache(maxsize=8192)
def cue_index(lemmas: tuple[str, ...]) -> Callable[[str], bool]:
    """:func:`has_cue` for one lemma list as set lookups: every lemma, its endings of four or
    more characters and its beginnings of six or more (a sentence is asked about ~100 cues)."""
    exact = set(lemmas)
    ends = {lm[i:] for lm in lemmas for i in range(len(lm) - 3)}
    starts = {lm[:i] for lm in lemmas for i in range(6, len(lm) + 1)}

    def has(cue: str) -> bool:
        n = len(cue)
        return cue in exact or (n >= 4 and cue in ends) or (n >= 6 and cue in starts)

    return has
