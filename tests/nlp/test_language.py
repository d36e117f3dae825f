"""Finnish and Swedish told apart: bilingual legends split, Finnish text never mistaken."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ryhti.nlp.language import is_swedish, split_languages
from ryhti.nlp.legend import read_legend

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "reference" / "corpus" / "regulation-corpus.jsonl"

# Espoo-style pairs: the Finnish legend text and its Swedish translation.
PAIRS = [
    ("Asuinkerrostalojen korttelialue.", "Kvartersområde för flervåningshus."),
    ("Puisto.", "Park."),
    ("Katu.", "Gata."),
    ("Lähivirkistysalue.", "Område för närrekreation."),
    ("Rakennusala, jolle saa sijoittaa päiväkodin.", "Byggnadsyta där daghem får placeras."),
    (
        "Leikki- ja oleskelualueeksi varattu alueen osa.",
        "För lek och utevistelse reserverad del av område.",
    ),
    (
        "Suojeltu rakennus, jota ei saa purkaa. Rakennuksen julkisivuja ei saa muuttaa.",
        "Skyddad byggnad som inte får rivas. Byggnadens fasader får inte ändras.",
    ),
    (
        "Asuin-, liike- ja toimistorakennusten korttelialue.",
        "Kvartersområde för bostads-, affärs- och kontorsbyggnader.",
    ),
]


@pytest.mark.parametrize(("fin", "swe"), PAIRS)
def test_bilingual_text_splits_at_the_swedish_translation(fin: str, swe: str) -> None:
    assert split_languages(f"{fin} {swe}") == (fin, swe)
    assert split_languages(fin) == (fin, None)


def test_swedish_only_text_is_left_to_the_caller() -> None:
    text = "Dagvatten ska fördröjas på tomten innan det leds till allmänt avlopp."
    assert is_swedish(text)
    assert split_languages(text) == (text, None)


def _sentences(texts: list[str]) -> list[str]:
    return [s for t in texts for s in re.findall(r"[^.!?;\n]+[.!?;]?", t) if s.strip()]


def test_no_finnish_sentence_of_the_labelled_sets_reads_as_swedish() -> None:
    texts = [
        json.loads(line)["text"]
        for path in sorted((ROOT / "tests" / "data").glob("nlp_labelled_*.jsonl"))
        for line in path.open(encoding="utf-8")
    ]
    sentences = _sentences(texts)
    assert len(sentences) > 850
    assert [s for s in sentences if is_swedish(s)] == []
    assert [t for t in texts if split_languages(t)[1] is not None] == []


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/reference corpus not present")
def test_no_sentence_of_the_reference_corpus_reads_as_swedish() -> None:
    texts = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")]
    assert [s for s in _sentences(texts) if is_swedish(s)] == []


def test_bilingual_legend_gives_finnish_text_and_swedish_translation(tmp_path: Path) -> None:
    path = tmp_path / "kaavamerkinnat.md"
    path.write_text(
        "## KAAVAMERKINNÄT JA -MÄÄRÄYKSET – PLANBETECKNINGAR OCH -BESTÄMMELSER\n\n"
        "AK Asuinkerrostalojen korttelialue.\n"
        "   Kvartersområde för flervåningshus.\n"
        "VP Puisto. Park.\n"
        "Rakennusala.\n"
        "Byggnadsyta.\n"
        "\n## YLEISET MÄÄRÄYKSET – ALLMÄNNA BESTÄMMELSER\n\n"
        "Hulevedet on viivytettävä tontilla.\n\n"
        "Dagvatten ska fördröjas på tomten.\n\n"
        "Jätehuollon tilat on sijoitettava rakennuksiin.\n",
        encoding="utf-8",
    )
    legend = read_legend(path)
    entries = [(e.sign, e.text, e.swe) for e in legend.entries]
    assert entries == [
        ("AK", "Asuinkerrostalojen korttelialue.", "Kvartersområde för flervåningshus."),
        ("VP", "Puisto.", "Park."),
        (None, "Rakennusala.", "Byggnadsyta."),  # a sign-less Swedish line is no new entry
    ]
    general = [(e.text, e.swe) for e in legend.general]
    assert general == [
        ("Hulevedet on viivytettävä tontilla.", "Dagvatten ska fördröjas på tomten."),
        ("Jätehuollon tilat on sijoitettava rakennuksiin.", None),
    ]
    assert any("Swedish general regulation" in note for note in legend.notes)


def test_extract_command_carries_the_swedish_of_a_bilingual_legend(tmp_path: Path) -> None:
    from ryhti.cli import main

    path = tmp_path / "kaavamerkinnat.md"
    path.write_text(
        "AK Asuinkerrostalojen korttelialue. Rakennusten julkisivujen on oltava punatiiltä.\n"
        "   Kvartersområde för flervåningshus. Byggnadernas fasader ska vara av rött tegel.\n"
        "\n## YLEISET MÄÄRÄYKSET – ALLMÄNNA BESTÄMMELSER\n\n"
        "Hulevedet on viivytettävä tontilla.\n\n"
        "Dagvatten ska fördröjas på tomten.\n",
        encoding="utf-8",
    )
    out = tmp_path / "groups.json"
    assert main(["extract", str(path), "--plan-type", "asemakaava", "-o", str(out)]) in (0, None)
    doc = json.loads(out.read_text(encoding="utf-8"))
    (group,) = doc["planRegulationGroups"]
    assert group["titleOfPlanRegulation"] == {
        "fin": "Asuinkerrostalojen korttelialue",
        "swe": "Kvartersområde för flervåningshus",
    }
    texts = [r["value"]["text"] for r in group["planRegulations"] if "text" in r.get("value", {})]
    assert texts == [
        {
            "fin": "Rakennusten julkisivujen on oltava punatiiltä.",
            "swe": "Byggnadernas fasader ska vara av rött tegel.",
        }
    ]
    (general,) = doc["generalRegulationGroups"]
    assert general["titleOfPlanRegulation"] == {
        "fin": "Yleiset määräykset",
        "swe": "Allmänna bestämmelser",
    }
    assert general["planRegulations"][0]["value"]["text"] == {
        "fin": "Hulevedet on viivytettävä tontilla.",
        "swe": "Dagvatten ska fördröjas på tomten.",
    }


@pytest.mark.parametrize(
    "swe",
    [
        "Kvartersområde för flervåningshus",  # no full stop: the line break is the boundary
        "Skyddad byggnad som inte får rivas. Byggnadens fasader får inte ändras.",
        "Park.",
    ],
)
def test_every_labelled_finnish_text_keeps_its_swedish_line_apart(tmp_path: Path, swe: str) -> None:
    # Every Finnish legend text the project has labelled, as an entry with a Swedish line
    # under it: the Finnish comes back whole as the text and the Swedish as swe.
    texts = [
        " ".join(json.loads(line)["text"].split())
        for path in sorted((ROOT / "tests" / "data").glob("nlp_labelled_*.jsonl"))
        for line in path.open(encoding="utf-8")
    ]
    texts = [t for t in texts if t]
    path = tmp_path / "merkinnat.txt"
    path.write_text(
        "".join(f"AK-{n} {fin}\n   {swe}\n" for n, fin in enumerate(texts, 1)), encoding="utf-8"
    )
    got = [(e.sign, e.text, e.swe) for e in read_legend(path).entries]
    assert got == [(f"AK-{n}", fin, swe) for n, fin in enumerate(texts, 1)]


@pytest.mark.parametrize(("fin", "swe"), PAIRS)
def test_swedish_first_text_splits_too(fin: str, swe: str) -> None:
    # Swedish-majority municipalities print the Swedish first
    if fin in ("Puisto.", "Katu."):
        pytest.skip("a one-word Finnish title after Swedish is no evidence of Finnish")
    assert split_languages(f"{swe} {fin}") == (fin, swe)


def test_alternating_languages_are_not_split() -> None:
    text = "Puisto. Park. Katu. Gata."
    assert split_languages(text) == (text, None)


def test_swedish_first_legend(tmp_path: Path) -> None:
    path = tmp_path / "planbeteckningar.md"
    path.write_text(
        "AK Kvartersområde för flervåningshus\n"
        "   Asuinkerrostalojen korttelialue\n"
        "VL Område för närrekreation. Lähivirkistysalue.\n"
        "\n## ALLMÄNNA BESTÄMMELSER – YLEISET MÄÄRÄYKSET\n\n"
        "Dagvatten ska fördröjas på tomten.\n\n"
        "Hulevedet on viivytettävä tontilla.\n\n"
        "Utrymmen för avfallshantering ska placeras i byggnaderna.\n\n"
        "Jätehuollon tilat on sijoitettava rakennuksiin.\n",
        encoding="utf-8",
    )
    legend = read_legend(path)
    assert [(e.sign, e.text, e.swe) for e in legend.entries] == [
        ("AK", "Asuinkerrostalojen korttelialue", "Kvartersområde för flervåningshus"),
        ("VL", "Lähivirkistysalue.", "Område för närrekreation."),
    ]
    assert [(e.text, e.swe) for e in legend.general] == [
        ("Hulevedet on viivytettävä tontilla.", "Dagvatten ska fördröjas på tomten."),
        (
            "Jätehuollon tilat on sijoitettava rakennuksiin.",
            "Utrymmen för avfallshantering ska placeras i byggnaderna.",
        ),
    ]
    assert any("paragraph after each" in note for note in legend.notes)


def test_docx_table_cells_keep_their_swedish_paragraph(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("KAAVAMERKINNÄT JA -MÄÄRÄYKSET – PLANBETECKNINGAR OCH -BESTÄMMELSER")
    table = d.add_table(rows=3, cols=3)
    rows = [
        ("AK", "Asuinkerrostalojen korttelialue\nKvartersområde för flervåningshus", ""),
        ("VP", "Puisto", "Park"),  # a column per language
        ("sr", "Suojeltu rakennus.", ""),
    ]
    for r, (sign, fin, swe) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text, table.cell(r, 2).text = sign, fin, swe
    path = tmp_path / "merkinnat.docx"
    d.save(path)
    got = [(e.sign, e.text, e.swe) for e in read_legend(path).entries]
    assert got == [
        ("AK", "Asuinkerrostalojen korttelialue", "Kvartersområde för flervåningshus"),
        ("VP", "Puisto", "Park"),
        ("sr", "Suojeltu rakennus.", None),
    ]
