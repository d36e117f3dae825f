"""The Word document as a Finnish municipal document: page, header, language, font, tables.

Read back with python-docx and lxml: the page is A4 with SFS 2487 margins, the header
names the plan and its stage with the page number, the language is fi-FI / sv-FI, the
font is Calibri with Carlito named as its fallback, tables are sized to their content
(no column narrower than its longest word, not all columns alike), rows never split,
headings stay with what follows.
"""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from ryhti.generators import describe_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def documents(request) -> dict[str, Document]:
    from ryhti.model import from_json
    from tests.generators.builders import espoo_matter, espoo_plan

    plan, matter = from_json(espoo_plan(), "plan"), from_json(espoo_matter(), "matter")
    return {
        lang: Document(io.BytesIO(describe_document(plan, matter, lang=lang, fmt="docx").content))
        for lang in ("fi", "sv")
    }


def test_a4_page_with_municipal_margins(documents) -> None:
    section = documents["fi"].sections[0]
    assert round(section.page_width.cm, 2) == 21.0 and round(section.page_height.cm, 2) == 29.7
    assert round(section.left_margin.cm, 2) == 2.0  # SFS 2487
    assert round(section.right_margin.cm, 2) == 2.0
    assert round(section.top_margin.cm, 2) == 2.5
    assert round(section.header_distance.cm, 2) == 1.0


@pytest.mark.parametrize(
    ("lang", "tag", "stage"), [("fi", "fi-FI", "EHDOTUS"), ("sv", "sv-FI", "FÖRSLAG")]
)
def test_language_header_and_page_numbers(documents, lang, tag, stage) -> None:
    document = documents[lang]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang_el = defaults.find(f".//{W}lang")
    assert lang_el.get(qn("w:val")) == tag
    assert document.core_properties.language == tag
    header = document.sections[0].header
    text = "".join(p.text for p in header.paragraphs)
    name = "Mäkikylän keskus" if lang == "fi" else "Backby centrum"
    assert text.startswith(f"{name} – {stage}\t")
    fields = [f.get(qn("w:instr")).strip() for f in header._element.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]


def test_calibri_with_carlito_as_fallback(documents) -> None:
    document = documents["fi"]
    fonts = document.styles.element.find(qn("w:docDefaults")).find(f".//{W}rFonts")
    assert fonts.get(qn("w:ascii")) == "Calibri" and fonts.get(qn("w:hAnsi")) == "Calibri"
    part = next(
        p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"
    )
    table = etree.fromstring(part.blob)
    calibri = [f for f in table.iter(f"{W}font") if f.get(qn("w:name")) == "Calibri"]
    assert calibri and calibri[0].find(f"{W}altName").get(qn("w:val")) == "Carlito"
    for level in (1, 2, 3):
        heading = document.styles.element.xpath(f"w:style[w:name/@w:val='heading {level}']")[0]
        found = heading.find(f".//{W}rFonts")
        assert found is None or found.get(qn("w:ascii")) == "Calibri"


def _cell_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(f"{W}t")) + "-" * len(
        list(tc.iter(f"{W}noBreakHyphen"))
    )


def test_tables_are_sized_to_their_content(documents) -> None:
    body = documents["fi"].element.body
    tables = body.findall(f"{W}tbl")
    assert len(tables) >= 8
    text_width = round(17.0 * 567)
    alike = 0
    for tbl in tables:
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(qn("w:type")) == "fixed"
        widths = [int(c.get(qn("w:w"))) for c in tbl.find(f"{W}tblGrid")]
        assert sum(widths) <= text_width + 2
        alike += len(set(widths)) == 1
        rows = tbl.findall(f"{W}tr")
        size = min(int(sz.get(qn("w:val"))) / 2 for sz in tbl.iter(f"{W}sz"))  # points
        for tr in rows:
            # A row never splits across a page break.
            assert tr.find(f"{W}trPr/{W}cantSplit") is not None
            for tc, width in zip(tr.findall(f"{W}tc"), widths, strict=True):
                for word in _cell_text(tc).split(" "):
                    # A lower bound of any font's width: 0.4 em a character.
                    assert width >= len(word) * 0.4 * size * 20, (word, width)
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert alike <= 1  # columns take what their content needs, not equal shares


def test_units_do_not_break_and_headings_stay_with_what_follows(documents) -> None:
    body = documents["fi"].element.body
    xml = etree.tostring(body, encoding="unicode")
    assert '<w:t xml:space="preserve">Kerrosala (k</w:t><w:noBreakHyphen/>' in xml
    headings = [
        p
        for p in body.iter(f"{W}p")
        if (s := p.find(f"{W}pPr/{W}pStyle")) is not None
        and s.get(qn("w:val")).startswith("Heading")
    ]
    assert len(headings) > 40
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in headings)
    # The pictures keep with their captions, and each caption names its map.
    captions = [
        "".join(t.text for t in p.iter(f"{W}t"))
        for p in body.iter(f"{W}p")
        if (s := p.find(f"{W}pPr/{W}pStyle")) is not None and s.get(qn("w:val")) == "Caption"
    ]
    assert captions[0].startswith("Kaava-alue") and captions[1].startswith("Kaavakartta")
