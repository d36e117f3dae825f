"""Section 4: quantity-only groups in the table of block- and object-specific regulations.

The rule that matters most: no regulation disappears. Each regulation of each group is
either said in the group list (under its group's heading), or among the numbers and
names, or in the table, in the row of every object the group is attached to (rows found
by :func:`tests.generators.test_recompute.object_rows`, not by the generator's code).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from benchmarks.plan_generator import generate_plan
from ryhti.codelists import registry
from ryhti.generators import content, describe_document
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

IDENTIFIERS = {"fi": "Numerot ja nimistö", "sv": "Nummer och namn"}


def section_4(markdown: str) -> dict[str, list[str]]:
    """Headings of section 4 -> their lines."""
    text = markdown.split("\n## 4 ", 1)[1].split("\n## 5 ", 1)[0]
    out: dict[str, list[str]] = {}
    for part in text.split("\n### ")[1:]:
        heading, _, body = part.partition("\n")
        out.setdefault(heading.strip(), []).extend(body.splitlines())
    return out


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
    missing = []
    for group in plan.groups():
        gkey = group.plan_regulation_group_key
        letter = (group.letter_identifier or "").strip()
        title = ph.text(group.title_of_plan_regulation, what=ph.words["missing_title"])
        heading = escape(f"{letter} {title}" if letter else title)
        listed = sections.get(heading, [])
        names = sections.get(IDENTIFIERS[lang], [])
        for reg, raw_reg in zip(group.plan_regulations, raw[gkey]["planRegulations"], strict=True):
            if f"- {escape(ph.regulation(reg))}" in listed:
                continue
            label = escape(ph.label("RY_Kaavamaarayslaji", reg.type))
            value = escape(ph.value(reg.value) or "")
            if any(line.startswith(f"- {label}: ") and value in line for line in names):
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
    monkeypatch.setattr(content, "MAX_QUANTITY_ROWS", 0)
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
