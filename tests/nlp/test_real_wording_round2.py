"""Kinds of real wording found by the second labelling round of issue 13 (new real entries from
the legacy notation lists, the Katja library's legend explanations, the Ryhti example plans'
object names and the Kempele GML; see ``tests/data/README.md``).

Every case is the project's own paraphrase of a kind (the real texts may not be copied), and
every one failed before this round: a question-form explanation became a confident
``sanallinenMaarays``, a name's letter code was not read, a count the code list names
"<things> määrä" fell to a closest-phrase guess, a one-word compound title gave nothing.
"""

from __future__ import annotations

import pytest


def _run(extractor, text, sign=None, plan_type="asemakaava"):
    return extractor.extract(text, sign, plan_type)


QUESTION_FORM = [
    # the legacy lists' explanations start with the question word; no head, no verb before it
    (
        "Kuinka monta autopaikkaa kutakin asuntoa kohti tulee rakentaa",
        "autopaikkojenMaaraAsuntoaKohden",
    ),
    (
        "Kuinka monta kerrosneliömetriä kohti rakennetaan yksi autopaikka",
        "kerrosneliomaaraYhtaAutopaikkaaKohden",
    ),
    (
        "Kuinka suuri osa ullakon alasta saadaan lukea kerrosalaan",
        "ullakonSallittuOsuusKerrosalasta",
    ),
    # a defective or unusual head: the verb and the question word decide
    ("Lukuarvo osoittaa, kuinka monta asuntoa tontille saa rakentaa", "asuntojenMaara"),
]


@pytest.mark.parametrize(("text", "code"), QUESTION_FORM)
def test_question_form_explanations_give_the_quantity_type(extractor, text, code):
    regs = _run(extractor, text)
    assert [r.type for r in regs] == [code]
    assert regs[0].value is None  # the line explains a sign; the number is in the sign
    assert "explains the sign" in regs[0].evidence


COUNTS = [
    (
        "Merkintä osoittaa, montako tuulivoimalaa alueelle voidaan sijoittaa",
        "tuulivoimaloidenMaara",
    ),
    ("Luku ilmoittaa alueelle rakennettavien pyöräpaikkojen määrän", "pyorapaikkojenMaara"),
    (
        "Luku osoittaa, kuinka monta rakennuspaikkaa alueelle saa muodostaa",
        "rakennuspaikkojenMaara",
    ),
    (
        "Merkintä osoittaa tuulivoimaloiden suurimman sallitun korkeuden",
        "tuulivoimalanEnimmaiskorkeus",
    ),
    (
        "Roomalainen numero osoittaa maan alle rakennettavien kerrosten suurimman luvun",
        "maanalainenKerroslukuLuku",
    ),
    ("Luku osoittaa, kuinka suuri osa tontista on jätettävä rakentamatta", "valjyysluku"),
]


@pytest.mark.parametrize(("text", "code"), COUNTS)
def test_counts_and_measures_the_code_list_names(extractor, text, code):
    assert [r.type for r in _run(extractor, text)] == [code]


def test_a_volume_for_a_use_is_a_volume_share_in_cubic_metres(extractor):
    regs = _run(
        extractor,
        "Merkintä osoittaa, montako kuutiometriä sallitusta kerrostilavuudesta saa käyttää "
        "liiketiloja varten",
    )
    infos = {a["type"] for r in regs for a in r.to_json().get("additionalInformations") or []}
    assert "kayttotarkoituksenOsuusRakennustilavuudestaK-m3" in infos
    assert "kayttotarkoituksenOsuusRakennustilavuudestaPros" not in infos


NAMES = [
    ("AP-alueen kohde", "asemakaava", {"asuinpientaloalue"}),
    ("KL-alueella sijaitseva kohde", "asemakaava", {"liikerakennustenAlue"}),
    ("Kaavakohde (VL)", "asemakaava", {"lahivirkistysalue"}),
    ("K/T-alueen kohde", "asemakaava", {"liikerakennustenAlue", "toimistorakennustenAlue",
                                         "teollisuusalue", "varastoalue"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "level", "codes"), NAMES)
def test_a_name_gives_the_sign_written_into_it(extractor, text, level, codes):
    regs = _run(extractor, text, plan_type=level)
    assert {r.type for r in regs} == codes
    assert all("read from the text" in r.evidence and not r.review for r in regs)


def test_storeys_in_parentheses_of_a_name(extractor):
    regs = _run(extractor, "Rakennusala (IV)")
    storeys = [r for r in regs if r.type == "maanpaallinenKerroslukuLuku"]
    assert storeys and storeys[0].value["number"] == 4


def test_a_unit_or_a_long_regulation_is_not_a_sign(extractor):
    # dB(A) is a unit; a code in a long sentence refers to another entry
    assert "asumisenAlue" not in {r.type for r in _run(extractor, "Melutaso saa olla 45 dB(A).")}
    long = (
        "Rakennusten julkisivujen tulee sopeutua viereisen (AK) korttelin rakennusten "
        "julkisivuihin materiaaleiltaan ja väreiltään."
    )
    assert "asuinkerrostaloalue" not in {r.type for r in _run(extractor, long)}


@pytest.mark.parametrize(
    ("text", "code", "number"),
    [("Kortteli 14", "korttelinNumero", 14), ("Tontti 7", "tontinTaiRakennuspaikanNumero", 7)],
)
def test_a_numbered_name_gives_the_number(extractor, text, code, number):
    regs = _run(extractor, text)
    assert [(r.type, r.value["number"]) for r in regs] == [(code, number)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pientaloalue", "asuinpientaloalue"),
        ("Erillispientaloalue", "erillistenAsuinpientalojenAlue"),
    ],
)
def test_a_one_word_compound_title_reads_through_its_phrase(extractor, text, code):
    regs = _run(extractor, text)
    assert [r.type for r in regs] == [code]
    assert "compound" in regs[0].evidence


def test_low_evidence_is_flagged(extractor):
    # a small bare number in a sign is no evidence of floor area
    regs = _run(extractor, "Kortteli", sign="3")
    assert all(r.review for r in regs if r.type == "sallittuKerrosala")
    # a sentence of which only the additional information was understood
    regs = _run(extractor, "Alue on varattu kunnan tarpeisiin")
    assert all(r.review for r in regs if r.type == "sanallinenMaarays")
