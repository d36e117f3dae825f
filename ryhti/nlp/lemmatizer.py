"""Finnish lemmas from Voikko, as a spaCy pipeline component.

Plan language is compound-heavy and inflected ("asuinkerrostalojen korttelialueella"), so
matching code-list labels needs real morphology: Voikko's analysis gives the base form
(``asuinkerrostalo``, ``korttelialue``) and the compound parts (``asuin+kerros+talo``).
Analyses are cached per word form: a legend repeats the same few hundred words, so after a
few entries almost every lookup is a dict hit (this is what makes ≥1,000 entries/s possible).

Voikko is a native library (Debian ``libvoikko1`` + ``voikko-fi``) with a tiny Python wrapper
(PyPI ``libvoikko``). When either part is missing, :func:`get_voikko` raises
:class:`~ryhti.errors.DependencyError` with the command that installs it.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import Any

from ryhti.errors import DependencyError

INSTALL_HINT = "install it with: apt-get install libvoikko1 voikko-fi && pip install libvoikko"

#: Word classes Voikko gives for nouns and adjectives: preferred for plan vocabulary when a
#: form is ambiguous ("enintään" is an adverb, but also the partitive of "enin").
_NOMINAL = ("nimisana", "laatusana", "nimisana_laatusana", "lukusana")
_PREFER_ADVERB = {"enintään", "vähintään", "korkeintaan", "lisäksi", "kohden", "mukaan", "yhteensä"}

_lock = threading.Lock()
_voikko: Any = None


def get_voikko() -> Any:
    """The shared Voikko instance for Finnish, created on first use."""
    global _voikko
    if _voikko is not None:
        return _voikko
    with _lock:
        if _voikko is None:
            try:
                import libvoikko  # type: ignore[import-untyped]
            except ImportError as exc:
                raise DependencyError(
                    "the Python package 'libvoikko' is missing: Finnish text needs Voikko",
                    hint=INSTALL_HINT,
                ) from exc
            try:
                _voikko = libvoikko.Voikko("fi")
            except (OSError, Exception) as exc:
                raise DependencyError(
                    f"Voikko could not be started for Finnish ({exc})",
                    hint=INSTALL_HINT,
                ) from exc
    return _voikko


@dataclass(frozen=True, slots=True)
class Analysis:
    """The reading of one word form used by the matchers."""

    lemma: str
    parts: tuple[str, ...]  # compound parts as base forms ("asuin", "kerros", "talo")
    word_class: str | None
    finite_verb: bool


def _parts_from_wordbases(wordbases: str | None) -> tuple[str, ...]:
    """``+asuin+kerros(kerros)+talo(talo)`` → ``("asuin", "kerros", "talo")``."""
    if not wordbases:
        return ()
    out = []
    for piece in wordbases.split("+"):
        if not piece:
            continue
        if "(" in piece and piece.endswith(")"):
            base = piece[piece.index("(") + 1 : -1]
            out.append(base or piece[: piece.index("(")])
        else:
            out.append(piece)
    return tuple(p.lower() for p in out if p and p != "-")


@functools.lru_cache(maxsize=200_000)
def analyse(word: str) -> Analysis:
    """Voikko's best reading of ``word`` (lower-cased lemma); unknown words stay as they are."""
    lower = word.lower()
    if not any(ch.isalpha() for ch in word):
        return Analysis(lower, (), None, False)
    readings = get_voikko().analyze(word) or (get_voikko().analyze(lower) if word != lower else [])
    if not readings:
        return Analysis(lower, (lower,), None, False)
    best = readings[0]
    if lower in _PREFER_ADVERB:
        adverbs = [r for r in readings if r.get("CLASS") == "seikkasana"]
        if adverbs:
            best = adverbs[0]
        else:
            # Voikko reads "lisäksi" as the translative of *lisä*; the rules mean the adverb.
            return Analysis(lower, (lower,), "seikkasana", False)
    else:
        nominal = [r for r in readings if r.get("CLASS") in _NOMINAL]
        if nominal and best.get("CLASS") not in _NOMINAL and best.get("CLASS") != "teonsana":
            best = nominal[0]
    lemma = (best.get("BASEFORM") or lower).lower()
    mood = best.get("MOOD")
    finite = best.get("CLASS") == "teonsana" and mood in {
        "indicative",
        "conditional",
        "imperative",
        "potential",
    }
    if not finite:
        # "saa"/"on" in a sentence are finite even when Voikko lists a nominal reading first.
        finite = (
            any(
                r.get("CLASS") == "teonsana"
                and r.get("MOOD") in {"indicative", "conditional", "imperative"}
                for r in readings
            )
            and lower in _COMMON_FINITE
        )
    return Analysis(
        lemma, _parts_from_wordbases(best.get("WORDBASES")) or (lemma,), best.get("CLASS"), finite
    )


#: Finite verb forms frequent in regulations whose first Voikko reading may be nominal.
_COMMON_FINITE = frozenset(
    {
        "on",
        "ovat",
        "saa",
        "saavat",
        "tulee",
        "tulevat",
        "voi",
        "voidaan",
        "ei",
        "eivät",
        "osoittaa",
        "sijaitsee",
        "varataan",
        "kehitetään",
        "sallitaan",
        "laaditaan",
        "määrätään",
        "säilytetään",
    }
)


@functools.lru_cache(maxsize=4096)
def verb_of_participle(lemma_text: str) -> str | None:
    """``säilytettävä`` → ``säilyttää``: the verb of a present passive participle, or ``None``.

    Voikko gives "on säilytettävä" the participle itself as base form, while the cue rules
    speak of verbs (säilyttää, turvata, kunnostaa, maisemoida). The infinitive is found by
    trying the few endings Finnish verb types have and keeping the one Voikko reads as a verb.
    """
    for suffix in ("ttava", "ttävä", "tava", "tävä"):
        if lemma_text.endswith(suffix) and len(lemma_text) > len(suffix) + 2:
            stem = lemma_text[: -len(suffix)]
            break
    else:
        return None
    a = "a" if lemma_text.endswith("a") else "ä"
    head = stem[:-1]
    candidates = (
        f"{stem}t{a}",  # turvattava → turvata
        f"{head}{a}{a}",  # kunnostettava → kunnostaa, edistettävä → edistää
        f"{head}t{a}{a}",  # säilytettävä → säilyttää
        f"{head}{head[-1:]}{a}{a}",  # otettava → ottaa
        f"{stem}d{a}",  # maisemoitava → maisemoida
        f"{stem}l{a}",  # suunniteltava → suunnitella
        f"{stem}n{a}",
        f"{stem}r{a}",
        f"{head[:-2]}nt{a}{a}" if head.endswith("nn") else "",  # rakennettava → rakentaa
        f"{stem[:-2]}t{stem[-1:]}{a}" if stem[-2:-1] == "d" else "",  # laadittava → laatia
    )
    try:
        voikko = get_voikko()
        for cand in filter(None, candidates):
            for reading in voikko.analyze(cand) or []:
                if reading.get("CLASS") == "teonsana" and reading.get("BASEFORM") == cand:
                    return cand
    except Exception:  # pragma: no cover - Voikko errors mean no verb, not a crash
        return None
    return None


def lemma(word: str) -> str:
    """The lower-cased base form of ``word``."""
    return analyse(word).lemma


class VoikkoLemmatizer:
    """spaCy component: sets ``token.lemma_`` from Voikko and ``token._.parts`` (compound parts)."""

    name = "voikko_lemmatizer"

    def __init__(self) -> None:
        get_voikko()  # fail early and clearly when Voikko is missing

    def __call__(self, doc: Any) -> Any:
        for token in doc:
            text = token.text
            if token.is_punct or token.is_space:
                token.lemma_ = text
                continue
            a = analyse(text)
            token.lemma_ = a.lemma
            token.norm_ = normalise_lemma(a.lemma)
        return doc


#: Lemma rewrites that make legend wording and code-list labels meet: a "korttelialue" in
#: an asemakaava is the plan's "alue" (AK = "Asuinkerrostalojen korttelialue" = asuinkerrostaloalue).
LEMMA_NORMS: dict[str, str] = {
    "korttelialue": "alue",
    "kortteli": "alue",
    "polkupyöräily": "pyöräily",
    "polkupyörä": "pyörä",
    "polkupyöräpaikka": "pyöräpaikka",
}


def normalise_lemma(lemma_text: str) -> str:
    """The matching key of a lemma (see :data:`LEMMA_NORMS`)."""
    if lemma_text == "kerto":
        return "kerros"  # "kerrosta" (partitive of *kerros*) read as *kerto*
    if lemma_text.endswith("kerto") and len(lemma_text) > 5:
        # Voikko reads "kellarikerrokseen" as *kellarikerto*; plan text means storeys.
        lemma_text = lemma_text[:-5] + "kerros"
    return LEMMA_NORMS.get(lemma_text, lemma_text)
