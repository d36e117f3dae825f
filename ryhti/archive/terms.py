"""Finnish words → index terms, queries → term alternatives, and highlighted snippets.

Plan text is inflected and compound-heavy: "hulevesien viivytys" must find "hulevedet on
viivytettävä". Neither SQLite's FTS5 tokenizers nor PostgreSQL's Finnish snowball stemmer
know Finnish morphology well enough, so the archive does the morphology itself, once, with
Voikko (through :mod:`ryhti.nlp.lemmatizer`), and hands both engines plain tokens:

* **index side** — every Finnish word contributes its surface form, its lemma (and the
  matching key the extractor uses), the base word of a derivation (*viivytys*,
  *viivytettävä* → *viivyttää*), the verb of a passive participle, and the parts of a
  compound (*hulevesi* → *hule*, *vesi*), so a search for "vesi" finds stormwater too;
* **query side** — each query word stands for its surface form, lemma, matching key,
  derivation base and participle verb, but not its compound parts (a search for
  "hulevesi" should not find every text about water). Words are ANDed, alternatives ORed.

Swedish text is indexed by word form only (Voikko is Finnish); codes and letter signs are
indexed as they are written. Every term is a run of letters and digits, so FTS5's
``unicode61`` tokenizer and PostgreSQL's ``simple`` configuration read the same tokens.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "QueryWord",
    "fts5_query",
    "highlight",
    "index_terms",
    "parse_query",
    "tsquery",
    "word_spans",
]

#: A word: letters and digits (no underscore), as both search engines tokenize.
_WORD = re.compile(r"[^\W_]+")
_TOKEN_ONLY = re.compile(r"^[^\W_]+$")
#: Compound parts shorter than this are not indexed (``a``, ``ja`` would match everything).
_MIN_PART = 3


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of every word of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _tokens(value: str) -> list[str]:
    """A lemma or part as index tokens (a lemma may hold a hyphen: ``ak-alue``)."""
    value = value.lower()
    if _TOKEN_ONLY.match(value):
        return [value]
    return _WORD.findall(value)


@functools.lru_cache(maxsize=200_000)
def _analysis_keys(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(query keys, compound parts)`` of one Finnish word (cached per word form)."""
    lower = word.lower()
    if not any(ch.isalpha() for ch in word):
        return (lower,), ()
    from ryhti.nlp.lemmatizer import analyse, normalise_lemma, verb_of_participle

    reading = analyse(word)
    keys = [lower, *_tokens(reading.lemma), *_tokens(normalise_lemma(reading.lemma))]
    parts: list[str] = []
    raw_parts = reading.parts
    if any("(" in p or ")" in p for p in raw_parts):
        # a derivation ("+viivyt(viivyttää)+ys(+ys)"): its first part is the base word
        keys.extend(_tokens(raw_parts[0]))
    else:
        for part in raw_parts:
            for piece in part.split("="):
                parts.extend(t for t in _tokens(piece) if len(t) >= _MIN_PART)
    verb = verb_of_participle(reading.lemma)
    if verb:
        keys.extend(_tokens(verb))
    keys_unique = tuple(dict.fromkeys(k for k in keys if k))
    parts_unique = tuple(p for p in dict.fromkeys(parts) if p not in keys_unique)
    return keys_unique, parts_unique


def word_keys(word: str, finnish: bool = True) -> tuple[str, ...]:
    """Every index term of one word (surface form first)."""
    word = _norm(word)
    if not finnish:
        return (word.lower(),)
    keys, parts = _analysis_keys(word)
    return keys + parts


@functools.lru_cache(maxsize=100_000)
def index_terms(text: str, finnish: bool = True) -> str:
    """The index terms of a text, space-separated, one group of terms per word in order."""
    out: list[str] = []
    for _, _, word in word_spans(_norm(text)):
        out.extend(word_keys(word, finnish))
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of a query: what it was, the terms that stand for it, prefix or not."""

    text: str
    keys: tuple[str, ...]
    prefix: bool = False

    def matches(self, word: str, finnish: bool = True) -> bool:
        """True when ``word`` of a text would match this query word."""
        keys = word_keys(word, finnish)
        if self.prefix:
            return any(k.startswith(self.keys[0]) for k in keys)
        return bool(set(keys) & set(self.keys))


def parse_query(query: str) -> list[QueryWord]:
    """The words of a query with their alternatives; ``word*`` is a prefix search.

    Punctuation separates words (``AK-1`` is ``ak`` and ``1``, as in the index).
    """
    words: list[QueryWord] = []
    for m in re.finditer(r"[^\W_]+\*?", _norm(query)):
        text = m.group()
        if text.endswith("*"):
            stem = text[:-1].lower()
            if stem:
                words.append(QueryWord(text, (stem,), prefix=True))
            continue
        keys, _ = _analysis_keys(text)
        words.append(QueryWord(text, keys))
    return words


def fts5_query(words: list[QueryWord]) -> str:
    """The FTS5 MATCH expression: words ANDed, each word's alternatives ORed."""
    parts = []
    for w in words:
        if w.prefix:
            parts.append(f'"{w.keys[0]}"*')
        else:
            parts.append("(" + " OR ".join(f'"{k}"' for k in w.keys) + ")")
    return " AND ".join(parts)


def tsquery(words: list[QueryWord]) -> str:
    """The same expression for PostgreSQL's ``to_tsquery('simple', …)``."""
    parts = []
    for w in words:
        if w.prefix:
            parts.append(f"{w.keys[0]}:*")
        else:
            parts.append("(" + " | ".join(w.keys) + ")")
    return " & ".join(parts)


def highlight(
    text: str, words: list[QueryWord], finnish: bool = True, width: int = 160
) -> tuple[str, list[tuple[int, int]]]:
    """A snippet of ``text`` around its first match and the matched spans inside it.

    Matching uses the same terms as the index, so a highlighted word is exactly a word
    that made the hit. Without a match the snippet is the start of the text.
    """
    text = " ".join(_norm(text).split())
    spans = [
        (start, end)
        for start, end, word in word_spans(text)
        if any(w.matches(word, finnish) for w in words)
    ]
    if len(text) <= width:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return prefix + text[start:end] + suffix, inside


def mark(snippet: str, spans: list[tuple[int, int]], before: str, after: str) -> str:
    """``snippet`` with each span wrapped in ``before``/``after``."""
    out, last = [], 0
    for a, b in spans:
        out += [snippet[last:a], before, snippet[a:b], after]
        last = b
    out.append(snippet[last:])
    return "".join(out)
