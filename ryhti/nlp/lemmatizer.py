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
from pathlib import Path
from typing import Any

from ryhti.errors import DependencyError

INSTALL_HINT = "install it with: apt-get install libvoikko1 voikko-fi && pip install libvoikko"

#: Word classes Voikko gives for nouns and adjectives: preferred for plan vocabulary when a
#: form is ambiguous ("enintään" is an adverb, but also the partitive of "enin").
_NOMINAL = ("nimisana", "laatusana", "nimisana_laatusana", "lukusana")
_PREFER_ADVERB = {
    "enintään",
    "vähintään",
    "korkeintaan",
    "lisäksi",
    "kohden",
    "mukaan",
    "yhteensä",
    "voimassa",  # "on voimassa" (in force), not a form of *voida*
    "eli",  # the conjunction ("tehokkuusluku eli …"), not the past tense of *elää*
}
#: Forms whose first Voikko reading is a rare word: "vuotta" is the partitive of *vuosi*.
_OVERRIDES = {
    "vuotta": "vuosi",
    "vuoden": "vuosi",
    "vuodeksi": "vuosi",
    # Voikko reads these as forms of *kuka*; "kullekin asunnolle" means "for each dwelling"
    "kullekin": "kukin",
    "kunkin": "kukin",
    "kutakin": "kukin",
}

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


#: Last parts of base forms Voikko may list first that plan text never means: "kerrosta" is read
#: as *kerto*, "arvoilla" as *arpa*, "kaavakartta" as *kaavakarsi*, "kuuluvat" as *kuulupa*,
#: "tanssilavat" as *tanssilapa*, "muutosta" as *muutto*, "kirjaintunnus" as *kirjaintuntu*.
_UNLIKELY_TAILS = (
    "kerto",
    "arpa",
    "karsi",
    "kuulupa",
    "lapa",
    "muutto",
    "tuntu",
    "kehitty",
    "eritty",
    "kiinne",
    "alustapa",
)


def _closest_nominal(lower: str, best: dict[str, Any], nominal: list[dict[str, Any]]) -> dict:
    """The nominal reading plan text means when Voikko lists a less likely one first.

    Two cases, each with a reading Voikko also lists: the first reading's base form ends with
    a word plan text never means (:data:`_UNLIKELY_TAILS`), or a longer base form continues the
    first one and still begins the word ("keskustaan": *keskusta*, not *keskus*). Stem changes
    (pinta → "pinnan", johto → "johdosta") keep Voikko's order.
    """
    base = (best.get("BASEFORM") or "").lower()
    others = [r for r in nominal if r is not best and r.get("BASEFORM")]
    if base.endswith(_UNLIKELY_TAILS):
        for r in others:
            if not r["BASEFORM"].lower().endswith(_UNLIKELY_TAILS):
                return r
    for r in others:
        alt = r["BASEFORM"].lower()
        if (
            alt != lower
            and len(alt) >= len(base) + 2
            and alt.startswith(base)
            and lower.startswith(alt)
        ):
            return r
    return best


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
    if lower in _OVERRIDES:
        return Analysis(_OVERRIDES[lower], (_OVERRIDES[lower],), "nimisana", False)
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
        if best.get("SIJAMUOTO") == "tulento" and best.get("POSSESSIVE"):
            # "-kseen" is read first as a translative with a possessive suffix ("kerrokseen":
            # *kerto*, "ilmastonmuutokseen": *ilmastonmuutto*); in plan text it is the illative
            # of an -s noun (kerros, muutos, katos), which Voikko lists as well
            plain = [r for r in nominal if not r.get("POSSESSIVE")]
            if plain:
                best = plain[0]
        if lower.endswith(("pa", "pä")) and not (best.get("BASEFORM") or "").lower().endswith(
            ("pa", "pä")
        ):
            # "rakennustapa" is read first as *rakennus* + the clitic -pa ("rakennusta-pa"),
            # "rakentamistapa" as *rakentaa*; the compound noun in the nominative, which Voikko
            # also lists, is the word plans use
            noun = [r for r in nominal if (r.get("BASEFORM") or "").lower() == lower]
            if noun:
                best = noun[0]
        if best.get("CLASS") in _NOMINAL:
            best = _closest_nominal(lower, best, nominal)
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


_PARTICIPLE_ENDINGS = ("ttava", "ttävä", "tava", "tävä")


@functools.lru_cache(maxsize=4096)
def verb_of_participle(lemma_text: str) -> str | None:
    """``säilytettävä`` → ``säilyttää``: the verb of a present passive participle, or ``None``.

    Voikko gives "on säilytettävä" the participle itself as base form, while the cue rules
    speak of verbs (säilyttää, turvata, kunnostaa, maisemoida). The infinitive is found by
    trying the few endings Finnish verb types have and keeping the one Voikko reads as a verb.
    """
    for suffix in _PARTICIPLE_ENDINGS:
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


def reading(word: str) -> tuple[str, bool]:
    """``(lemma, finite verb)``: the two fields of :func:`analyse` the extractor uses."""
    a = analyse(word)
    return a.lemma, a.finite_verb


# -- the precomputed lemma table -----------------------------------------------------------
#: Bump when :func:`analyse`, :func:`verb_of_participle` or the table's layout change.
LEMMA_RECIPE = 7
#: The shipped table: package data beside this module (``setup.cfg`` ``[options.package_data]``).
LEMMA_TABLE_PATH = Path(__file__).with_name("lemma_table.tsv")
#: Rows of the shipped table checked against the Voikko at hand when it is loaded.
LEMMA_SAMPLE = 24


def lemma_fingerprint() -> str:
    """sha256 of the rules :func:`analyse` applies on top of Voikko (the table records it).

    Changes to the code of :func:`analyse` itself are caught by ``tests/nlp/test_tables.py``,
    which rebuilds the table and compares it byte for byte; :data:`LEMMA_RECIPE` is bumped with
    them so that an installed table of the old rules is not used.
    """
    import hashlib
    import json

    blob = json.dumps(
        [
            LEMMA_RECIPE,
            sorted(_NOMINAL),
            sorted(_PREFER_ADVERB),
            sorted(_COMMON_FINITE),
            sorted(_OVERRIDES.items()),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def voikko_version() -> str:
    """The libvoikko version at hand ("" when the wrapper cannot tell)."""
    try:
        return str(get_voikko().getVersion())
    except Exception:  # pragma: no cover - informative only
        return ""


def case_variants(lower: str) -> tuple[str, ...]:
    """The spellings of a lower-case form that the table answers for it: capitalised, upper case."""
    return tuple(
        dict.fromkeys(v for v in (lower[:1].upper() + lower[1:], lower.upper()) if v != lower)
    )


@dataclass(frozen=True, slots=True)
class LemmaTable:
    """Voikko's readings of the plan vocabulary, computed once by :mod:`ryhti.nlp.build_tables`.

    A first pass over new text spends much of its time in Voikko (≈50–130 µs per new word form);
    plan text keeps returning to the same few thousand words, so their readings are shipped.
    ``forms`` maps a word form to ``(lemma, finite verb)``: every lower-case form, and a
    capitalised or upper-case spelling only when its reading differs from the lower-case one (a
    sentence-initial "Rakennusta" is answered by "rakennusta"). ``participles`` holds
    :func:`verb_of_participle` for the lemmas that end like a participle. A word that is not in
    the table is analysed by Voikko as before, so results are the same with and without it.
    """

    forms: dict[str, tuple[str, bool]]
    participles: dict[str, str | None]

    def get(self, word: str) -> tuple[str, bool] | None:
        found = self.forms.get(word)
        if found is None:
            lower = word.lower()
            if lower != word and word in case_variants(lower):
                found = self.forms.get(lower)
        return found


def render_lemma_table(table: LemmaTable, fingerprint: str, voikko: str) -> str:
    """The text of ``lemma_table.tsv``; :func:`parse_lemma_table` reads it back.

    Three ``# `` comment lines, then ``fingerprint``, ``voikko``, ``forms <n>`` and
    ``participles <m>`` lines (tab-separated) each followed by their rows. ``forms`` rows are
    ``form``, ``form<TAB>lemma`` or ``form<TAB>lemma<TAB>1`` (lemma left empty when it is the
    form; ``1`` marks a finite verb); ``participles`` rows are ``lemma<TAB>verb``, or the lemma
    alone when it has no verb. Rows are sorted, so the file is reproducible; the counts let a
    truncated file be told from a complete one.
    """
    forms = []
    for form, (base, finite) in sorted(table.forms.items()):
        if finite:
            forms.append(f"{form}\t{'' if base == form else base}\t1")
        else:
            forms.append(form if base == form else f"{form}\t{base}")
    verbs = [
        base + (f"\t{verb}" if verb else "") for base, verb in sorted(table.participles.items())
    ]
    lines = [
        "# Generated by `python -m ryhti.nlp.build_tables`: do not edit by hand.",
        "# Voikko's readings of the plan vocabulary; see ryhti.nlp.lemmatizer.LemmaTable.",
        "# forms: form [TAB lemma [TAB 1 = finite verb]]; participles: lemma [TAB verb].",
        f"fingerprint\t{fingerprint}",
        f"voikko\t{voikko}",
        f"forms\t{len(forms)}",
        *forms,
        f"participles\t{len(verbs)}",
        *verbs,
    ]
    return "\n".join(lines) + "\n"


def parse_lemma_table(text: str) -> tuple[dict[str, str], LemmaTable] | None:
    """``(header, table)`` from the text of :func:`render_lemma_table`; ``None`` if malformed."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    header: dict[str, str] = {}
    for key in ("fingerprint", "voikko"):
        name, _, value = lines[i].partition("\t") if i < len(lines) else ("", "", "")
        if name != key:
            return None
        header[key] = value
        i += 1
    sections: list[list[str]] = []
    for key in ("forms", "participles"):
        name, _, count = lines[i].partition("\t") if i < len(lines) else ("", "", "")
        if name != key or not count.isdigit() or i + 1 + int(count) > len(lines):
            return None
        sections.append(lines[i + 1 : i + 1 + int(count)])
        i += 1 + int(count)
    if i != len(lines):
        return None
    forms: dict[str, tuple[str, bool]] = {}
    for line in sections[0]:
        fields = line.split("\t")
        form = fields[0]
        forms[form] = (fields[1] if len(fields) > 1 and fields[1] else form, len(fields) > 2)
    verbs: dict[str, str | None] = {}
    for line in sections[1]:
        base, _, verb = line.partition("\t")
        verbs[base] = verb or None
    return header, LemmaTable(forms, verbs)


def compute_lemma_table(words: set[str]) -> LemmaTable:
    """Live Voikko readings of ``words`` in the table's layout (what the build script ships)."""
    forms: dict[str, tuple[str, bool]] = {}
    for lower in sorted({w.lower() for w in words}):
        base = reading(lower)
        forms[lower] = base
        for variant in case_variants(lower):
            other = reading(variant)
            if other != base:
                forms[variant] = other
    for word in sorted(words):
        lower = word.lower()
        if word != lower and word not in case_variants(lower):
            forms[word] = reading(word)  # mixed case ("AK-alue"): not derivable from the lower form
    participles = {}
    for base, _ in set(forms.values()):
        for key in sorted({base, normalise_lemma(base)}):  # the pipeline asks with its keys
            if key.endswith(_PARTICIPLE_ENDINGS):
                participles[key] = verb_of_participle(key)
    return LemmaTable(forms, participles)


def read_lemma_table(path: Path = LEMMA_TABLE_PATH) -> LemmaTable | None:
    """The table in ``path`` when it fits the analysis at hand, else ``None`` (ask Voikko).

    It does not fit when it is missing or malformed, when its fingerprint differs from
    :func:`lemma_fingerprint` (the rules on top of Voikko changed), when it was made with
    another libvoikko version, or when one of :data:`LEMMA_SAMPLE` rows spread over it (and a
    participle) reads differently with the Voikko at hand (another dictionary). The sample costs
    ≈2 ms. A table that does not fit only makes a first pass slower; results stay the same.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    parsed = parse_lemma_table(text)
    if parsed is None:
        return None
    header, table = parsed
    if header["fingerprint"] != lemma_fingerprint() or header["voikko"] != voikko_version():
        return None
    rows = list(table.forms.items())
    step = max(1, len(rows) // LEMMA_SAMPLE)
    if any(reading(form) != expected for form, expected in rows[step // 2 :: step]):
        return None
    verbs = [(b, v) for b, v in table.participles.items() if v]
    if verbs and verb_of_participle(verbs[len(verbs) // 2][0]) != verbs[len(verbs) // 2][1]:
        return None
    return table


_lemma_table: LemmaTable | None = None
_lemma_table_checked = False
_lemma_table_lock = threading.Lock()


def load_lemma_table() -> LemmaTable | None:
    """The shipped table (:func:`read_lemma_table`), read and checked once per process."""
    global _lemma_table, _lemma_table_checked
    if _lemma_table_checked:
        return _lemma_table
    with _lemma_table_lock:
        if not _lemma_table_checked:
            _lemma_table = read_lemma_table()
            _lemma_table_checked = True
    return _lemma_table


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
