"""General regulations (yleismääräykset): one group per section, one numbered regulation per paragraph."""

from __future__ import annotations

import json

import pytest

from ryhti.cli import main
from ryhti.nlp.legend import read_legend

PLAIN = """KAAVAMERKINNÄT JA -MÄÄRÄYKSET

AK-1 Asuinkerrostalojen korttelialue.

YLEISMÄÄRÄYKSET
1. Hulevedet on imeytettävä tai viivytettävä tontilla.
2. Autopaikkoja on rakennettava vähintään 1 ap / 100 k-m². Autopaikat on sijoitettava
   pihakannen alle.
3. Rakentamistapaohjetta on noudatettava
"""

SUBHEADINGS_MD = """# Kaavamerkinnät

| merkintä | selitys |
|---|---|
| AK-1 | Asuinkerrostalojen korttelialue. |

## Yleismääräykset

### Pysäköinti
Autopaikkoja on rakennettava vähintään 1 ap / 100 k-m².
Polkupyöräpaikkoja on rakennettava 1 pp / 30 k-m².

### Hulevedet
Hulevedet on viivytettävä tontilla.

# Kaavasuositukset
Pihoilla suositellaan käytettäväksi läpäiseviä pintoja.
"""

SUBHEADINGS_TXT = """YLEISMÄÄRÄYKSET
Pysäköinti:
Autopaikkoja on rakennettava vähintään 1 ap / 100 k-m².
Autopaikat on sijoitettava pihakannen alle.
HULEVEDET
Hulevedet on viivytettävä tontilla.

KAAVAMERKINNÄT
AK Asuinkerrostalojen korttelialue.
"""


def _document(tmp_path, capsys, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    assert main(["extract", str(p), "--plan-type", "asemakaava"]) in (0, None)
    return json.loads(capsys.readouterr().out)


def _summary(doc):
    return [
        (
            g["titleOfPlanRegulation"]["fin"],
            g["groupNumber"],
            [(r["type"].rsplit("/", 1)[1], r["regulationNumber"]) for r in g["planRegulations"]],
        )
        for g in doc["generalRegulationGroups"]
    ]


def test_section_without_subheadings_is_one_group(tmp_path, capsys):
    doc = _document(tmp_path, capsys, "plain.txt", PLAIN)
    assert _summary(doc) == [
        (
            "Yleismääräykset",
            1,
            [
                ("sanallinenMaarays", "1"),
                ("kerrosneliomaaraYhtaAutopaikkaaKohden", "2"),
                ("sanallinenMaarays", "2"),
                ("sanallinenMaarays", "3"),
            ],
        )
    ]
    keys = [r["planRegulationKey"] for r in doc["generalRegulationGroups"][0]["planRegulations"]]
    assert len(set(keys)) == len(keys)
    again = _document(tmp_path, capsys, "plain.txt", PLAIN)
    assert again == doc  # stable keys


def test_markdown_subheadings_make_groups(tmp_path, capsys):
    doc = _document(tmp_path, capsys, "legend.md", SUBHEADINGS_MD)
    assert _summary(doc) == [
        (
            "Pysäköinti",
            1,
            [
                ("kerrosneliomaaraYhtaAutopaikkaaKohden", "1"),
                ("kerrosneliomaaraYhtaPyorapaikkaaKohden", "2"),
            ],
        ),
        ("Hulevedet", 2, [("sanallinenMaarays", "1")]),
    ]
    # the next top-level heading ends the general section
    assert all("suositellaan" not in json.dumps(g) for g in doc["generalRegulationGroups"])


def test_text_subheadings_and_section_end(tmp_path):
    p = tmp_path / "legend.txt"
    p.write_text(SUBHEADINGS_TXT, encoding="utf-8")
    legend = read_legend(p)
    assert [(g.subheading, g.text.split()[0]) for g in legend.general] == [
        ("Pysäköinti", "Autopaikkoja"),
        ("Pysäköinti", "Autopaikat"),
        ("HULEVEDET", "Hulevedet"),
    ]
    assert [e.sign for e in legend.entries] == ["AK"]


def test_short_regulation_line_is_not_a_subheading(tmp_path):
    p = tmp_path / "legend.txt"
    p.write_text(PLAIN, encoding="utf-8")
    legend = read_legend(p)
    assert [g.subheading for g in legend.general] == [None, None, None]
    assert legend.general[-1].text == "Rakentamistapaohjetta on noudatettava"


def test_docx_heading_styles_give_subheadings(tmp_path):

    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Yleismääräykset", level=1)
    d.add_heading("Pysäköinti", level=2)
    d.add_paragraph("Autopaikkoja on rakennettava vähintään 1 ap / 100 k-m².")
    d.add_heading("Hulevedet", level=2)
    d.add_paragraph("Hulevedet on viivytettävä tontilla.")
    p = tmp_path / "legend.docx"
    d.save(p)
    legend = read_legend(p)
    assert [(g.heading, g.subheading) for g in legend.general] == [
        ("Yleismääräykset", "Pysäköinti"),
        ("Yleismääräykset", "Hulevedet"),
    ]
