"""The phrase table and its lookups: exact n-gram matches, and the closest phrase when none fits.

Every phrase the extractor knows (code-list labels, Katja and traditional notation meanings,
the project's vocabulary; :mod:`ryhti.nlp.knowledge`) is kept as sequences of lemma keys. A title
is read by :meth:`PhraseIndex.match` (longest non-overlapping n-grams, a dict lookup each); what
no phrase covers exactly can still be recognised by :meth:`PhraseIndex.closest`, which scores the
phrases sharing words with it (Dice over content words) — "Rakennusten ja laitteiden ylin
korkeusasema" is the label "Rakennusten, rakenteiden ja laitteiden ylin korkeusasema" with one
word missing — and by a word that, in the whole table, points to one code only ("rivitalojen
korttelialue" → the one code whose phrases say *rivitalo*). Both are weaker evidence than an
exact match, and the callers say so in the confidence and the evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from ryhti.nlp import rules
from ryhti.nlp.knowledge import Knowledge, Phrase, Target
from ryhti.nlp.vocabulary import TERM_EQUIVALENTS

#: Words that say nothing about which code is meant (function words, auxiliaries, generic
#: nouns of every legend): left out when phrases are compared by their words.
STOP = frozenset(
    {
        "ja", "tai", "sekä", "eli", "joka", "jolla", "jolle", "jossa", "jonka", "jota", "mikä",
        "olla", "tulla", "saada", "voida", "se", "tämä", "muu", "kuin", "/", "-", ",", ".", ":",
        "alue", "osa", "varata", "varattu", "merkintä", "osoittaa", "kohde", "suojeltava",
    }
) | frozenset(w for cue, _ in rules.MODIFIERS for w in cue)  # fmt: skip


def rules_priority(phrase: Phrase, level: str | None) -> int:
    """Lower is better: the project's words, then the plan level's library, then labels."""
    same = phrase.plan_level == (level or "asemakaava")
    if phrase.source in ("synonym", "vocabulary"):
        return 0
    if phrase.source.startswith("katja"):
        return 1 if same else 5
    if phrase.source == "label":
        return 2
    if phrase.source == "traditional":
        return 3 if same else 6
    return 7


def variants(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The keys of a phrase and the forms legends also write it in.

    A compound ending in *-alue* is also matched split ("asuinkerrostaloalue" → "asuinkerrostalo
    alue"), and a current word is also matched with the older word the notation guide used
    for it (:data:`ryhti.nlp.vocabulary.TERM_EQUIVALENTS`: "maantie" ← "yleinen tie").
    """
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
    for current, older in TERM_EQUIVALENTS.items():
        for base in list(out):
            if current in base:
                i = base.index(current)
                out.append((*base[:i], *older, *base[i + 1 :]))
    return out


def content(keys: Iterable[str]) -> frozenset[str]:
    """The words of ``keys`` that tell codes apart (see :data:`STOP`)."""
    return frozenset(k for k in keys if k not in STOP and any(ch.isalnum() for ch in k))


#: Head words a one-word compound title may glue its modifier to ("erillispientaloalue").
_COMPOUND_HEADS = ("alue",)


class PhraseIndex:
    """Lemma-key sequences → phrases, with the indexes the matcher and the fallbacks need."""

    def __init__(
        self,
        kb: Knowledge,
        pairs: Iterable[tuple[tuple[str, ...], Phrase]],
        usable: Callable[[str], bool],
    ) -> None:
        self.kb = kb
        #: lemma-key sequence → the phrases it stands for
        self.keyset: dict[tuple[str, ...], list[Phrase]] = {}
        #: phrase text → its lemma keys (the first, unsplit variant)
        self.text_keys: dict[str, tuple[str, ...]] = {}
        #: content word → (content words, phrase) of the phrases that have it
        self._by_word: dict[str, list[tuple[frozenset[str], Phrase]]] = defaultdict(list)
        #: content word → the codes of every phrase that has it
        self._codes_of_word: dict[str, set[str]] = defaultdict(set)
        for keys, phrase in pairs:
            if not all(usable(t.code) for t in phrase.targets):
                continue  # a header-level code is never a result
            self.keyset.setdefault(keys, []).append(phrase)
            self.text_keys.setdefault(phrase.text, keys)
            words = content(keys)
            for w in words:
                self._by_word[w].append((words, phrase))
                self._codes_of_word[w].update(t.code for t in phrase.targets)
        self.lengths = sorted({len(k) for k in self.keyset}, reverse=True)
        #: every code's label in lower case (usable or not)
        self._labels = frozenset(i.label.lower() for i in kb.regulations.values() if i.label)

    def match(self, words: list[str], level: str | None) -> list[tuple[int, int, Phrase]]:
        """Longest non-overlapping phrase matches over ``words`` (indexes into it).

        The phrase table maps lemma-key sequences to phrases, so matching is a dict lookup of
        every n-gram whose length some phrase has (what spaCy's PhraseMatcher on NORM would find,
        without building a Doc per phrase at start-up and per entry).
        """
        if not words:
            return []
        cands = []
        keyset = self.keyset
        n = len(words)
        for s in range(n):
            for length in self.lengths:
                e = s + length
                if e > n:
                    continue
                phrases = keyset.get(tuple(words[s:e]))
                if phrases is None:
                    continue
                phrase = self.best_phrase(phrases, level)
                if phrase is None:
                    continue
                cands.append((e - s, -rules_priority(phrase, level), s, e, phrase))
        cands.sort(key=lambda c: (-c[0], -c[1], c[2]))
        taken = [False] * n
        out = []
        for _, _, s, e, phrase in cands:
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            out.append((s, e, phrase))
        out.sort(key=lambda m: m[0])
        return out

    def compound(self, key: str, level: str | None) -> tuple[Phrase, str] | None:
        """A one-word title that is a compound of a phrase's words: "erillispientaloalue" is
        "Erillispientalojen alue" (the modifier glued to the head *alue*), "kerrostaloalue" the end
        of the one-word phrase "Asuinkerrostaloalue" when no other one-word phrase with a
        different meaning ends so. Returns the phrase and how it was found."""
        for head in _COMPOUND_HEADS:
            if key.endswith(head) and len(key) > len(head) + 3:
                phrase = self.lookup((key[: -len(head)], head), level)
                if phrase is not None:
                    return phrase, "split"
        if len(key) < 8 or key in self._labels:
            return None  # a code's own label (a header-level "Viheralue") is not another's end
        found = [
            phrases
            for keys, phrases in self.keyset.items()
            if len(keys) == 1 and keys[0] != key and keys[0].endswith(key)
        ]
        codes = {tuple(t.code for t in p.targets) for phrases in found for p in phrases}
        if len(codes) != 1:
            return None
        phrase = self.best_phrase([p for phrases in found for p in phrases], level)
        return (phrase, "suffix") if phrase is not None else None

    def knows(self, word: str) -> bool:
        """``word`` is a content word of some phrase (or a one-word phrase)."""
        return word in self._by_word or (word,) in self.keyset

    def lookup(self, keys: tuple[str, ...], level: str | None) -> Phrase | None:
        """The phrase whose keys are exactly ``keys``, or ``None``."""
        phrases = self.keyset.get(keys)
        return self.best_phrase(phrases, level) if phrases else None

    def best_phrase(self, phrases: list[Phrase], level: str | None) -> Phrase | None:
        best = None
        best_score = None
        for p in phrases:
            score = rules_priority(p, level)
            if best_score is None or score < best_score:
                best, best_score = p, score
        if best is not None and best.source in ("synonym", "vocabulary") and level is not None:
            # the plan level's library names the same codes: its additional information is
            # the level's convention (a yleiskaava street is a line, not a main use)
            codes = {t.code for t in best.targets}
            for p in phrases:
                if (
                    p.source == "katja"
                    and p.plan_level == level
                    and {t.code for t in p.targets} == codes
                ):
                    return p
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

    def closest(
        self, keys: Iterable[str], level: str | None, minimum: float
    ) -> tuple[Phrase, float, bool] | None:
        """(phrase, Dice, substituted) of the phrase sharing most content words with ``keys``.

        At least two shared words unless ``keys`` has one; ``substituted`` is true when each
        side has a word the other lacks ("ylittävä" for "alittava": perhaps a different
        thing, not a shortened name).
        """
        words = content(keys)
        if not words:
            return None
        best: tuple[float, int, int, Phrase] | None = None
        seen: set[int] = set()
        for w in words:
            for pwords, phrase in self._by_word.get(w, ()):
                if id(phrase) in seen:
                    continue
                seen.add(id(phrase))
                shared = len(words & pwords)
                if shared < 2 and len(words) > 1:
                    continue
                dice = 2 * shared / (len(words) + len(pwords))
                if dice < minimum:
                    continue
                rank = (dice, -rules_priority(phrase, level), -len(phrase.text))
                if best is None or rank > best[:3]:
                    best = (*rank, phrase)
        if best is None:
            return None
        pwords = content(self.text_keys.get(best[3].text, ()))
        return best[3], best[0], bool(words - pwords) and bool(pwords - words)

    def distinctive(self, keys: Iterable[str]) -> tuple[str, str] | None:
        """(word, code) when one of ``keys`` occurs only in phrases of one code, else ``None``.

        Long words only (≥ 6 letters): a short word is too often part of another's meaning.
        """
        found: tuple[str, str] | None = None
        for w in content(keys):
            codes = self._codes_of_word.get(w)
            if len(w) >= 6 and codes is not None and len(codes) == 1:
                code = next(iter(codes))
                if found is not None and found[1] != code:
                    return None  # two words point two ways
                found = (w, code)
        return found
