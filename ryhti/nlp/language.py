"""Finnish or Swedish? Telling apart the two languages of a bilingual plan text.

Bilingual municipalities (Espoo, Helsinki, Vantaa, Kauniainen …) print each legend entry and
general regulation in Finnish followed by its Swedish translation::

    AK  Asuinkerrostalojen korttelialue. Rakennusten julkisivujen on oltava punatiiltä.
        Kvartersområde för flervåningshus. Byggnadernas fasader ska vara av rött tegel.

The Finnish extractor must read only the Finnish part, and RYHTI wants the Swedish part as
the ``swe`` text of the same regulation. :func:`split_languages` finds where the Swedish
tail starts. The decision is lexical and deliberate: function words and spelling that one
language has and the other lacks (``och``, ``för``, ``ska``, ``å``; ``ja``, ``on``, ``-ssa``,
long vowels). No model, no Voikko: a legend is read before the extractor loads, and the
outcome must be the same on every machine.
"""

from __future__ import annotations

import re

__all__ = [
    "is_swedish",
    "language_of",
    "sentences",
    "split_languages",
    "split_runs",
    "swedish_for",
]


#: Words frequent in Swedish plan regulations and (almost) absent from Finnish text.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SWEDISH = _words(
    """
    och för ska skall får bör av på med till som inte eller den det de en ett är vara
    finnas finns samt inom utanför vid från under över mot högst minst där även hela varje
    per del delen delar område området områden kvarter kvarteret kvartersområde
    kvartersområden byggnad byggnaden byggnader byggnadernas byggnadens byggnadsyta
    byggnadsrätt tomt tomten tomtens tomter våning våningar våningsyta våningsytan
    bilplats bilplatser bilplatsområde bostad bostäder bostaden affärslokaler park parken
    gata gatan gatuområde väg vägen torg skog strand vatten dagvatten fördröjas planteras
    reserverad reserverat tillåten tillåtet tillåtna fasad fasader fasaderna tak taket
    rött tegel trä träd buskar lek utevistelse avfall avfallshantering utrymme utrymmen
    skyddad skyddat rivas ändras placeras anläggas byggas förses beaktas iakttas
    allmänna bestämmelser beteckningar planbeteckningar detaljplan detaljplaneändring
    """
)

#: Words frequent in Finnish plan regulations and absent from Swedish text.
_FINNISH = _words(
    """
    ja on tai ei saa sekä tulee ovat olla oltava voi voidaan jossa jolle jonka joka
    alue alueen alueella alueelle korttelialue korttelialueen rakennus rakennuksen
    rakennusten rakennusala tontin tontilla tontille kohden vähintään enintään
    kerrosala kerrosalaa kerrosta kerros autopaikka autopaikkaa autopaikkoja puisto
    katu katualue osa varattu sallittu saa rakentaa rakennettava sijoitettava
    istutettava säilytettävä julkisivujen julkisivut julkisivun nimi numero kadun puiston
    torin kaupunginosa kaupunginosan rakennusoikeus tontti tontin tonttijaon ohjeellinen
    mukainen korkeus enimmäiskorkeus keskus alakeskus taso asunto asuntoa asuntoja
    """
)

_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")
#: Finnish inflection endings and long vowels; Swedish has neither in ordinary words.
#: The plan nouns Finnish compounds end in (``vesialue``, ``pihakatu``, ``katuaukio``), so
#: that a one-word Finnish title is evidence too.
_FINNISH_SHAPE = re.compile(
    r"(?:ssa|ssä|sta|stä|lla|llä|lta|ltä|ksi|ttava|ttävä|aa|ää|uu|yy|ii|oo|öö|ee|uo|yö|ie)$"
    r"|(?:alue|alueet|puisto|katu|tori|tie|reitti|väylä|raitti|piha|aukio|kaista|vyöhyke"
    r"|kohde|rakennus|talo|asema|kenttä|ranta|metsä|pelto|maa|inen|isen|oikeus|nä)$"
    r"|(?:aa|ää|uu|yy|ii|oo|öö)"
)
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]?")
#: A letter or digit: what makes a piece of text a sentence rather than punctuation.
_SIGNIFICANT = re.compile(r"[0-9A-Za-zÅÄÖåäö]")


def sentences(text: str) -> list[tuple[int, int, str]]:
    """The sentences of ``text`` that hold a letter or digit: (start, end, stripped text)."""
    out = []
    for match in _SENTENCE.finditer(text):
        piece = match.group(0).strip()
        if _SIGNIFICANT.search(piece):
            out.append((*match.span(), piece))
    return out


def swedish_for(
    part: str,
    fin: str,
    swe: str,
    *,
    span: tuple[int, int] | None = None,
    picked: list[int] | None = None,
) -> str | None:
    """The Swedish of ``part``, a piece of the Finnish text ``fin`` whose translation is
    ``swe``; None where it cannot be told.

    The whole text translates to the whole translation. A piece — the sentences a ``span``
    covers, or the sentences at the positions ``picked`` — translates to the Swedish
    sentences at the same places, when both texts have as many sentences (a translation
    sentence by sentence) and the piece is exactly those sentences.
    """
    if part.strip() == fin.strip():
        return swe.strip()
    fin_sentences, swe_sentences = sentences(fin), sentences(swe)
    if len(fin_sentences) != len(swe_sentences):
        return None
    if picked is None:
        if span is None:
            return None
        a, b = span
        picked = [n for n, (c, d, _) in enumerate(fin_sentences) if c < b and a < d]
    if not picked or " ".join(fin_sentences[n][2] for n in picked) != part.strip():
        return None
    return " ".join(swe_sentences[n][2] for n in picked)


def _scores(text: str) -> tuple[int, int]:
    """(Swedish evidence, Finnish evidence) of a piece of text, in word counts."""
    swedish = finnish = 0
    for word in _WORD.findall(text.lower()):
        if word in _SWEDISH or "å" in word:
            swedish += 1
        elif word in _FINNISH or _FINNISH_SHAPE.search(word) or "y" in word[1:]:
            finnish += 1
    return swedish, finnish


def is_swedish(text: str) -> bool:
    """True when ``text`` reads as Swedish: more Swedish than Finnish evidence, and some."""
    swedish, finnish = _scores(text)
    return swedish > 0 and swedish > finnish


def language_of(text: str) -> str | None:
    """``"sv"``, ``"fi"``, or None for text with no evidence either way (``IV``, ``e=0,8``)."""
    swedish, finnish = _scores(text)
    if swedish > finnish:
        return "sv"
    return "fi" if finnish else None


def split_runs(pieces: list[str]) -> tuple[list[int], list[int]] | None:
    """Positions of the Finnish and of the Swedish pieces, when the pieces are a text and
    its translation: one Finnish run and one Swedish run, in either order; None otherwise.

    Pieces without evidence either way (``Vesialue.``, ``IV``) go with the run they stand
    in. Finnish first: everything before the first Swedish piece is Finnish (it may have no
    evidence: a one-word Finnish title), nothing Finnish follows. Swedish first: a Swedish
    piece leads, the first Finnish piece starts the Finnish run and nothing Swedish follows.
    """
    langs = [language_of(p) for p in pieces]
    if "sv" not in langs:
        return None
    first_sv = langs.index("sv")
    if first_sv > 0 and "fi" not in langs[first_sv:]:
        return list(range(first_sv)), list(range(first_sv, len(pieces)))
    if "fi" in langs:
        first_fi = langs.index("fi")
        if first_fi > first_sv and "sv" not in langs[first_fi:]:
            return list(range(first_fi, len(pieces))), list(range(first_fi))
    return None


def split_languages(text: str) -> tuple[str, str | None]:
    """(Finnish part, Swedish part or None) of a bilingual text: a run of Finnish sentences
    and a run of Swedish ones, in either order (Finnish first in most bilingual
    municipalities, Swedish first where Swedish is the majority language).

    A text wholly in one language is left as it is (the caller decides what a Swedish-only
    entry means); so is one whose languages alternate, rather than guessing.
    """
    pieces = [m.group(0).strip() for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    runs = split_runs(pieces)
    if runs is None:
        return text, None
    fin, swe = runs
    return " ".join(pieces[n] for n in fin), " ".join(pieces[n] for n in swe)
