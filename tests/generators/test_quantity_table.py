"""Section 5.6: quantity-only groups in the table of block- and object-specific regulations.

The rule that matters most: no regulation disappears. Each regulation of each group is
either said in the group list (in its group's paragraph, or by the group's own title
when it only names the group's kind), or among the numbers, or in the names table, or
in the quantity table, in the row of every object the group is attached to (rows found
by :func:`tests.generators.test_recompute.object_rows`, not by the generator's code).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ryhti.codelists import registry
from ryhti.generators import describe_document, regulation_text
from ryhti.generators.markdown import escape
from ryhti.generators.notes import WarningLog
from ryhti.generators.phrases import Phraser
from ryhti.model import from_json
from tests.generators.builders import key
from tests.generators.test_recompute import (
    QUANTITY_HEADINGS,
    QUANTITY_TITLES,
    object_rows,
    quantity_cell,
    quantity_table,
    tail,
    verify_quantity_table,
)
from tests.support.plan_generator import generate_plan

NUMBERS = {"fi": "Numerot", "sv": "Nummer"}
MAIN_USES = {"fi": "Pääasialliset käyttötarkoitukset: ", "sv": "Huvudsakliga användningsändamål: "}


def section_4(markdown: str) -> dict[str, list[str]]:
    """The regulation section (5.6): each group's bold heading -> its sentences, each
    ``####`` heading -> its lines."""
    text = markdown.split("\n### 5.6 ", 1)[1].split("\n### 5.7 ", 1)[0]
    out: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("#### "):
            current = line[5:].strip()
            out.setdefault(current, [])
        elif line.startswith("**"):
            bold, rest = line[2:].split("**", 1)
            current = bold.rstrip(".")
            out.setdefault(current, []).append(rest.strip())
        elif line.strip():
            out.setdefault(current, []).append(line)
    return out


def names_table(markdown: str) -> list[list[str]]:
    """Rows of the nimistö table (5.7): Finnish, Swedish, what is named."""
    text = markdown.split("\n### 5.7 ", 1)[1].split("\n### ", 1)[0]
    return [
        [c.strip() for c in line.strip("|").split("|")]
        for line in text.splitlines()[4:]
        if line.startswith("| ")
    ]


def _sentence(text: str) -> str:
    return text if text[-1:] in ".!?:;]" else text + "."


def unsaid(data: dict[str, Any], lang: str) -> list[str]:
    """Regulations of ``data`` its description does not say, as ``group title: regulation``."""
    plan = from_json(copy.deepcopy(data), "plan")
    markdown = describe_document(plan, lang=lang, figure=False).markdown
    sections = section_4(markdown)
    table = quantity_table(markdown, lang)
    rows = object_rows(data)
    members: dict[str, list[str]] = {}
    for rel in data["planRegulationGroupRelations"]:
        members.setdefault(rel["planRegulationGroupKey"], []).append(rel["planObjectKey"])
    raw = {g["planRegulationGroupKey"]: g for g in data["planRegulationGroups"]}
    ph = Phraser(lang, registry(), WarningLog())
    names = names_table(markdown)
    missing = []
    for group in plan.groups():
        gkey = group.plan_regulation_group_key
        letter = (group.letter_identifier or "").strip()
        title = ph.text(group.title_of_plan_regulation, what=ph.words["missing_title"])
        heading = escape(f"{letter} {title}" if letter else title).rstrip(".")
        listed = " ".join(sections.get(heading, []))
        numbers = sections.get(NUMBERS[lang], [])
        titled = bool(group.title_of_plan_regulation and group.title_of_plan_regulation.text())
        for reg, raw_reg in zip(group.plan_regulations, raw[gkey]["planRegulations"], strict=True):
            if escape(_sentence(ph.regulation(reg))) in listed:
                continue
            parts = ph.regulation_parts(reg)
            bare = (parts.main_use or parts.sub_area or parts.bare) and not parts.extras
            if bare and not parts.number:
                use = escape(parts.main.split(": ", 1)[-1]).lower()
                if titled and heading in sections:
                    continue  # the group's own title says it
                if MAIN_USES[lang] in listed and use in listed.lower():
                    continue  # one of several main uses, said together
            label = escape(ph.label("RY_Kaavamaarayslaji", reg.type))
            value = escape(ph.value(reg.value) or "")
            if any(line.startswith(f"- {label}: ") and value in line for line in numbers):
                continue
            if value and any(value in (row[0], row[1]) for row in names):
                continue
            column = QUANTITY_HEADINGS[lang].get(tail(raw_reg["type"]))
            objects = members.get(gkey, [])
            if (
                column is not None
                and objects
                and all(
                    quantity_cell(raw_reg, lang) in table.get(rows[o], {}).get(column, [])
                    for o in objects
                )
            ):
                continue
            missing.append(f"{title}: {ph.regulation(reg)}")
    return missing


@pytest.fixture(scope="module")
def generated() -> dict[str, Any]:
    return generate_plan(300, seed=3)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_regulation_of_the_sample_is_said(sample_json, lang) -> None:
    assert unsaid(sample_json, lang) == []


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_regulation_of_the_built_plan_is_said(plan_json, lang) -> None:
    assert unsaid(plan_json, lang) == []


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_regulation_of_a_generated_plan_is_said(generated, lang) -> None:
    assert unsaid(generated, lang) == []
    markdown = describe_document(from_json(generated, "plan"), lang=lang, figure=False).markdown
    table = quantity_table(markdown, lang)
    # Outside numbered blocks each building area's row is the land-use area it belongs to.
    assert len(table) == 60
    assert all("#" in name for name in table)
    verify_quantity_table(markdown, generated, lang)
    # The groups in the table are no longer listed one by one.
    assert not any(h.startswith("Rakennusoikeus ") for h in section_4(markdown))


def test_the_sample_table_reads_by_block(sample_json) -> None:
    markdown = describe_document(from_json(sample_json, "plan"), figure=False).markdown
    table = quantity_table(markdown, "fi")
    assert list(table) == ["1", "2", "3", "4", "5", "6", "7"]
    assert table["1"] == {
        "Käyttötarkoitus": ["AK"],
        "Rakennusoikeus": ["4\u00a0800\u00a0k-m²"],
        "Tehokkuus": [],
        "Kerrosluku": ["IV"],
    }
    assert table["3"]["Tehokkuus"] == ["e = 0,4"]
    sections = section_4(markdown)
    assert "Sallittu kerrosala" not in sections
    assert "AK Asuinkerrostalojen korttelialue" in sections  # the land uses stay listed
    assert ["Kuusikkotie", "Granbackavägen", "katu tai tie"] in names_table(markdown)


def test_a_wrong_cell_is_caught(sample_json) -> None:
    markdown = describe_document(from_json(sample_json, "plan"), figure=False).markdown
    wrong = markdown.replace(
        "| 1 | AK | 4\u00a0800\u00a0k-m² |", "| 1 | AK | 4\u00a0200\u00a0k-m² |"
    )
    assert wrong != markdown
    with pytest.raises(AssertionError):
        verify_quantity_table(wrong, sample_json, "fi")


def _listed(data: dict[str, Any], lang: str = "fi") -> tuple[dict[str, list[str]], dict]:
    markdown = describe_document(from_json(data, "plan"), lang=lang, figure=False).markdown
    return section_4(markdown), quantity_table(markdown, lang)


def _storeys_group(data: dict[str, Any]) -> dict[str, Any]:
    return next(
        g
        for g in data["planRegulationGroups"]
        if g["planRegulationGroupKey"] == key("group", "rak-ala 2 storeys")
    )


@pytest.mark.parametrize(
    "change",
    [
        "letter",
        "recommendation",
        "additional",
        "number",
        "title",
        "no objects",
        "unplaced object",
    ],
)
def test_groups_that_say_more_than_a_cell_stay_listed(plan_json, change) -> None:
    data = copy.deepcopy(plan_json)
    g = _storeys_group(data)
    reg = g["planRegulations"][0]
    if change == "letter":
        g["letterIdentifier"] = "III"
    elif change == "recommendation":
        g["planRecommendations"] = [
            {
                "planRecommendationKey": key("rec", "storeys"),
                "value": {"fin": "Ylin kerros vetäytettynä.", "swe": "Översta våningen indragen."},
                "lifeCycleStatus": reg["lifeCycleStatus"],
            }
        ]
    elif change == "additional":
        reg["additionalInformations"] = [
            {
                "type": "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayksen_Lisatiedonlaji"
                "/code/kerroksetJotaMaaraysKoskee",
                "value": {"dataType": "PositiveNumeric", "number": 3},
            }
        ]
    elif change == "number":
        reg["regulationNumber"] = "4"
    elif change == "title":
        g["titleOfPlanRegulation"] = {"fin": "Kerrosluku, ullakolle saa sijoittaa asuntoja"}
    elif change == "no objects":
        data["planRegulationGroupRelations"] = [
            r
            for r in data["planRegulationGroupRelations"]
            if r["planRegulationGroupKey"] != g["planRegulationGroupKey"]
        ]
    else:  # an object far outside everything: no block, no owner, no name
        data["planObjects"].append(
            {
                "planObjectKey": key("object", "lost"),
                "lifeCycleStatus": reg["lifeCycleStatus"],
                "geometry": {
                    "srid": "3879",
                    "geometry": {"type": "Point", "coordinates": [25_400_000.0, 6_600_000.0]},
                },
            }
        )
        data["planRegulationGroupRelations"].append(
            {
                "planObjectKey": key("object", "lost"),
                "planRegulationGroupKey": g["planRegulationGroupKey"],
            }
        )
    sections, table = _listed(data)
    assert any("kerrosluku III (3)" in line for lines in sections.values() for line in lines)
    assert "Kerrosluku" not in table["103"]  # not in the table as well (no such column)
    assert table["103"]["Vesikaton ylimmän kohdan korkeusasema"] == ["32,5\u00a0m", "29\u00a0m"]
    for lang in ("fi", "sv"):
        assert unsaid(data, lang) == []


def test_too_many_rows_keep_every_group_listed(plan_json, monkeypatch) -> None:
    monkeypatch.setattr(regulation_text, "MAX_QUANTITY_ROWS", 0)
    sections, table = _listed(plan_json)
    assert table == {}
    assert QUANTITY_TITLES["fi"] not in sections
    assert "Vesikaton ylimmän kohdan korkeusasema" in sections
    assert unsaid(plan_json, "fi") == []


def test_a_plan_of_quantities_only_does_not_claim_to_have_no_groups(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    keep = {
        key("group", "rak-ala 2 storeys"),
        *(key("group", f"kortteli {n}") for n in (101, 102, 103)),
    }
    data["planRegulationGroups"] = [
        g for g in data["planRegulationGroups"] if g["planRegulationGroupKey"] in keep
    ]
    data["planRegulationGroupRelations"] = [
        r for r in data["planRegulationGroupRelations"] if r["planRegulationGroupKey"] in keep
    ]
    markdown = describe_document(from_json(data, "plan"), figure=False).markdown
    assert "kaavassa ei ole kaavamääräysryhmiä" not in markdown
    assert quantity_table(markdown, "fi")["103"]["Kerrosluku"] == ["III"]
    assert unsaid(data, "fi") == []
