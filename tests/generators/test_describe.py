"""The description: golden documents, DOCX and HTML well-formedness, placeholders, bad input."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import re
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from ryhti.errors import UsageError
from ryhti.generators import describe, describe_document
from ryhti.model import from_json
from tests.generators.conftest import GOLDEN, SAMPLE, UPDATE, golden

DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


def docx_dump(data: bytes) -> str:
    """The Word document as text: one line per paragraph (style: text), tables as rows."""
    document = Document(io.BytesIO(data))
    lines = []
    body = document.element.body
    tables = iter(document.tables)
    paragraphs = iter(document.paragraphs)
    for child in body.iterchildren():
        tag = etree.QName(child).localname
        if tag == "p":
            p = next(paragraphs)
            pictures = child.findall(".//{*}blip")
            text = p.text + (" [picture]" if pictures else "")
            if text.strip():
                lines.append(f"{p.style.name}: {text}")
        elif tag == "tbl":
            table = next(tables)
            lines.append("[table]")
            lines.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_golden_markdown_html_docx(plan, matter, lang) -> None:
    md = describe_document(plan, matter, lang=lang, fmt="md")
    golden(f"built.{lang}.md", md.content)
    assert set(md.attachments) == {
        "kaavakartta.png",
        "kaavakartta.svg",
        "kaavakartta.sijainti.png",
    }
    html = describe_document(plan, matter, lang=lang, fmt="html")
    golden(f"built.{lang}.html", DATA_URI.sub("data:image/png;base64,…", html.content))
    docx = describe_document(plan, matter, lang=lang, fmt="docx")
    golden(f"built.{lang}.docx.txt", docx_dump(docx.content))
    assert md.warnings == html.warnings == docx.warnings == []


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_golden_project_sample(sample_json, lang) -> None:
    plan = from_json(sample_json, "plan")
    doc = describe_document(plan, lang=lang, figure=False)
    # The sample is rebuilt by the converter; its golden description is tied to the
    # sample it was made from (the recomputation test checks any sample's numbers).
    digest = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()[:16]
    stamp = GOLDEN / "sample.sha256"
    if UPDATE:
        stamp.write_text(digest + "\n", encoding="utf-8")
    elif stamp.exists() and stamp.read_text(encoding="utf-8").strip() != digest:
        pytest.skip(
            f"{SAMPLE} changed since its golden description was made; "
            "review and rerun with RYHTI_UPDATE_GOLDEN=1"
        )
    golden(f"sample.{lang}.md", doc.content)
    # Without a plan matter the facts of the matter are visible placeholders, never made up.
    word = "TÄYDENNÄ" if lang == "fi" else "KOMPLETTERA"
    assert f"[{word}: " in doc.content
    assert any(w.rule == "describe.no-matter" for w in doc.warnings)


def test_docx_reopens_with_the_markdown_content(plan, matter) -> None:
    doc = describe_document(plan, matter, fmt="docx")
    document = Document(io.BytesIO(doc.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    md_headings = [
        re.sub(r"^#+ ", "", line) for line in doc.markdown.splitlines() if line.startswith("#")
    ]
    assert headings == md_headings
    assert len(document.tables) == doc.markdown.count("\n|---")
    assert len(document.inline_shapes) == 2  # the location map and the plan map
    assert document.core_properties.title.startswith("Asemakaavan selostus")
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "4\u00a0800" in cells


def test_html_is_well_formed_and_self_contained(plan, matter) -> None:
    page = describe_document(plan, matter, lang="sv", fmt="html").content
    assert page.startswith("<!DOCTYPE html>")
    root = etree.fromstring(page.split("\n", 1)[1].encode("utf-8"))  # XML-strict parse
    assert root.get("lang") == "sv"
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    assert root.find(".//meta[@charset='utf-8']", ns) is not None or 'charset="utf-8"' in page
    for element in root.iter():
        for attr in ("src", "href"):
            value = element.get(attr)
            assert value is None or value.startswith("data:"), f"external resource {value}"
    assert "<script" not in page
    images = [e for e in root.iter() if e.tag == "img"]
    assert len(images) == 2  # the location map and the plan map
    for image in images:
        png = base64.b64decode(image.get("src").split(",", 1)[1])
        assert png.startswith(b"\x89PNG")
    assert '<p class="stage">FÖRSLAG</p>' in page


def test_png_and_svg_figures_render(plan, matter, tmp_path: Path) -> None:
    doc = describe_document(plan, matter)
    png, svg = doc.attachments["kaavakartta.png"], doc.attachments["kaavakartta.svg"]
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.size[0] > 1000 and image.size[1] > 800
    colours = {c for _, c in image.convert("RGB").getcolors(1_000_000)}
    assert (0xD9, 0xA0, 0x66) in colours  # AK-1's own colorNumber
    etree.fromstring(svg)  # well-formed SVG
    again = describe_document(plan, matter)
    assert again.attachments == doc.attachments  # reproducible byte for byte


def test_placeholders_for_missing_facts(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    for drop in ("planners", "scale", "planDescription"):
        del data[drop]
    data["planRegulationGroups"][0]["titleOfPlanRegulation"] = {"fin": "Vain suomeksi"}
    text = describe(from_json(data, "plan"), lang="sv", figure=False)
    assert "[KOMPLETTERA: planens namn]" in text
    assert "[KOMPLETTERA: plankartans skala]" in text
    assert "[KOMPLETTERA: planens utarbetare (organisation)]" in text
    assert "[KOMPLETTERA: planens syfte och mål]" in text
    assert "Vain suomeksi [KOMPLETTERA: svensk översättning]" in text
    assert "[KOMPLETTERA: behandlingsskeden och växelverkan" in text
    fi = describe(from_json(data, "plan"), lang="fi", figure=False)
    assert "[TÄYDENNÄ: kaavan nimi]" in fi and "KOMPLETTERA" not in fi


def test_bad_input_gives_placeholders_and_warnings(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    data["planObjects"] = []
    del data["geographicalArea"]
    data["planRegulationGroups"][0]["planRegulations"][1]["type"] = (
        "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji/code/eiOleOlemassa"
    )
    for fmt in ("md", "html", "docx"):
        doc = describe_document(from_json(data, "plan"), fmt=fmt)
        rules = {w.rule for w in doc.warnings}
        assert {
            "describe.no-objects",
            "describe.no-plan-area",
            "describe.unknown-regulation-type",
        } <= rules
    md = describe_document(from_json(data, "plan")).markdown
    assert "[TÄYDENNÄ: tuntematon määräyslaji eiOleOlemassa] 4\u00a0800\u00a0k-m²" in md
    assert "[TÄYDENNÄ: käyttötarkoitusten pinta-alat" in md
    assert "[TÄYDENNÄ: kaava-alueen pinta-ala" in md


def test_empty_plan_does_not_crash() -> None:
    plan = from_json({"planKey": "x"}, "plan")
    doc = describe_document(plan, fmt="docx")
    assert doc.content[:2] == b"PK"
    assert "[TÄYDENNÄ: kaavan nimi]" in doc.markdown


def test_bilingual_municipality_warns_about_missing_swedish(plan, matter_json) -> None:
    data = copy.deepcopy(matter_json)
    data["name"] = {"fin": "Mäkikylän keskus"}
    doc = describe_document(plan, from_json(data, "matter"), figure=False)
    assert any(w.rule == "describe.bilingual-missing-swedish" for w in doc.warnings)
    data["administrativeAreaIdentifiers"] = ["837"]  # Tampere: Finnish only
    doc = describe_document(plan, from_json(data, "matter"), figure=False)
    assert not any(w.rule == "describe.bilingual-missing-swedish" for w in doc.warnings)


def test_plan_data_cannot_break_the_markdown(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    data["planRegulationGroups"][0]["titleOfPlanRegulation"]["fin"] = "A | B *tärkeä* # <b>x</b>"
    doc = describe_document(from_json(data, "plan"), fmt="html", figure=False)
    assert "A | B *tärkeä* # &lt;b&gt;x&lt;/b&gt;" in doc.content
    body = doc.content.split("<body>", 1)[1]
    assert "<em>" not in body.split("Kaavamerkinnät ja -määräykset", 1)[1]


def test_municipality_template_overrides(plan, matter, tmp_path: Path) -> None:
    (tmp_path / "selostus.fi.md.j2").write_text(
        "# {{ name }}\n\nKerrosala {{ figures.total_floor_area | km2 }}.\n\n"
        "{{ table(['Kortteli', 'k-m²'], blocks | map(attribute='block') | map(attribute='number') "
        "| map('list') | list, 'lr') }}\n",
        encoding="utf-8",
    )
    doc = describe_document(plan, matter, template_dir=tmp_path, fmt="docx", figure=False)
    text = docx_dump(doc.content)
    assert "Heading 1: Mäkikylän keskus" in text
    assert "Kerrosala 10\u00a0661\u00a0k-m²." in text
    # Other formats and languages fall back to the built-in templates.
    assert "Detaljplanebeskrivning" in describe(
        plan, matter, lang="sv", template_dir=tmp_path, figure=False
    )


def test_template_errors_are_usage_errors(plan, tmp_path: Path) -> None:
    (tmp_path / "selostus.fi.md.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(UsageError, match="template error"):
        describe(plan, template_dir=tmp_path, figure=False)
    (tmp_path / "selostus.fi.md.j2").write_text("{{ no_such_thing }}", encoding="utf-8")
    with pytest.raises(UsageError, match="no_such_thing"):
        describe(plan, template_dir=tmp_path, figure=False)
    with pytest.raises(UsageError, match="not found"):
        describe(plan, template_dir=tmp_path / "missing", figure=False)
    with pytest.raises(UsageError):
        describe(plan, lang="en")
    with pytest.raises(UsageError):
        describe(plan, fmt="pdf")


def test_many_blocks_are_summed_after_the_table_limit(plan_json, monkeypatch) -> None:
    from ryhti.generators import render

    monkeypatch.setattr(render, "MAX_TABLE_ROWS", 2)
    md = describe(from_json(plan_json, "plan"), figure=False)
    assert "| Muut (1) | – | 0,56 | 3\u00a0600 | 0,64 | – |" in md


def test_general_plan_gets_its_own_area_tables(matter_json) -> None:
    from tests.generators.builders import group, key, plan_object, rect, regulation

    plan = from_json(
        {
            "planKey": key("yk"),
            "lifeCycleStatus": "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/04",
            "geographicalArea": {"srid": "3879", "geometry": rect(0, 0, 1000, 500)},
            "planObjects": [
                plan_object("m", rect(0, 0, 600, 500)),
                plan_object("a", rect(600, 0, 1000, 500)),
                plan_object("r", {"type": "Point", "coordinates": [25_496_100.0, 6_673_100.0]}),
            ],
            "planRegulationGroups": [
                group(
                    "M",
                    {"fin": "Maa- ja metsätalousvaltainen alue"},
                    [regulation("M", "maaJaMetsatalousAlue", infos=["paakayttotarkoitus"])],
                    letter="M",
                ),
                group(
                    "A",
                    {"fin": "Asuntoalue"},
                    [regulation("A", "asumisenAlue", infos=["paakayttotarkoitus"])],
                    letter="A",
                ),
                group(
                    "RA",
                    {"fin": "Loma-asuntoalue"},
                    [regulation("RA", "vapaaAjanAsumisenAlue", infos=["paakayttotarkoitus"])],
                    letter="RA",
                ),
            ],
            "planRegulationGroupRelations": [
                {"planObjectKey": key("object", o), "planRegulationGroupKey": key("group", g)}
                for o, g in (("m", "M"), ("a", "A"), ("r", "RA"))
            ],
        },
        "plan",
    )
    matter_json = copy.deepcopy(matter_json)
    matter_json["planType"] = "http://uri.suomi.fi/codelist/rytj/RY_Kaavalaji/code/23"
    md = describe_document(plan, from_json(matter_json, "matter"), figure=False).markdown
    assert md.startswith("# Yleiskaavan selostus: Mäkikylän keskus")
    assert "seurantalomake" not in md and "### 5.2 Aluevaraukset\n" in md
    for heading in (
        "## 5 Yleiskaavan kuvaus",
        "### 5.3 Kaavan oikeusvaikutukset",
        "### 5.5 Suhde maakuntakaavaan ja valtakunnallisiin alueidenkäyttötavoitteisiin",
        "### 5.6 Yleiskaavan sisältövaatimusten täyttyminen",
        "#### Valtakunnalliset alueidenkäyttötavoitteet",
        "## 6 Yleiskaavan toteutus",
    ):
        assert f"\n{heading}\n" in md, heading
    assert "| Maa- ja metsätalousvaltainen alue | M | 30,0 | 60,0 | – | – | 1 |" in md
    assert "| Loma-asuntoalue (RA) | 1 | 0,00 |" in md
    assert "Kaavassa ei ole osoitettu rakennusoikeutta" not in md
    sv = describe_document(plan, from_json(matter_json, "matter"), lang="sv", figure=False)
    assert sv.markdown.startswith("# Generalplanebeskrivning: Backby centrum")
    assert "\n## 5 Redogörelse för generalplanen\n" in sv.markdown
    assert "\n### 5.3 Planens rättsverkningar\n" in sv.markdown
    # A maakuntakaava has its own chapter 5: content requirements, Natura assessment.
    matter_json["planType"] = "http://uri.suomi.fi/codelist/rytj/RY_Kaavalaji/code/11"
    matter_json["administrativeAreaIdentifiers"] = ["01"]
    mk = describe_document(plan, from_json(matter_json, "matter"), figure=False).markdown
    assert mk.startswith("# Maakuntakaavan selostus: Mäkikylän keskus")
    for heading in (
        "## 5 Maakuntakaavan kuvaus",
        "### 5.3 Maakuntakaavan sisältövaatimusten täyttyminen",
        "#### 5.4.7 Natura-arviointi",
        "### 5.5 Suhde valtakunnallisiin alueidenkäyttötavoitteisiin",
        "## 6 Maakuntakaavan toteutus",
    ):
        assert f"\n{heading}\n" in mk, heading
    assert "Rakennusjärjestys" not in mk and "seurantalomake" not in mk


def test_reference_docx_gives_the_municipality_styles(plan, matter, tmp_path: Path) -> None:
    from docx.shared import Pt

    reference = Document()
    reference.styles["Heading 1"].font.size = Pt(27)
    reference.styles["Normal"].font.name = "Kunnan Fontti"
    reference.save(str(tmp_path / "reference.docx"))
    doc = describe_document(plan, matter, fmt="docx", template_dir=tmp_path, figure=False)
    document = Document(io.BytesIO(doc.content))
    assert document.styles["Heading 1"].font.size == Pt(27)
    assert document.styles["Normal"].font.name == "Kunnan Fontti"
    assert document.paragraphs[0].text.startswith("Asemakaavan selostus")
    placeholders = [
        run for p in document.paragraphs for run in p.runs if run.text.startswith("[TÄYDENNÄ")
    ]
    # The facts of the built plan and its matter are all there: what is asked for is
    # the planner's own text (the guide's prompts), never a fact the data holds.
    asked = {run.text for run in placeholders}
    assert "[TÄYDENNÄ: kaavan nimi]" not in asked and "[TÄYDENNÄ: kunta]" not in asked
    assert "[TÄYDENNÄ: miksi kaava laaditaan]" in asked
    assert all(run.font.highlight_color == 7 for run in placeholders)  # yellow
