"""The defects a planner caught in the description (issue 17), one test each.

Each test fails on the description as it was before the fix (the old text is quoted in
its docstring) and passes on today's.
"""

from __future__ import annotations

import copy
import re

from ryhti.generators import describe_document
from ryhti.generators.phrases import fmt_date
from ryhti.model import from_json
from tests.generators.builders import AI, REG, key

NBSP = "\u00a0"


def md(plan_json, matter_json=None, lang="fi", **options):
    matter = from_json(copy.deepcopy(matter_json), "matter") if matter_json else None
    return describe_document(
        from_json(copy.deepcopy(plan_json), "plan"), matter, lang=lang, figure=False, **options
    )


def test_dates_are_helsinki_dates(plan_json, matter_json) -> None:
    """Before: 2026-10-25T22:00:00Z was printed 25.10.2026; in Finland it is 26.10.2026."""
    assert fmt_date("2026-10-25T22:00:00Z") == "26.10.2026"
    assert fmt_date("2026-06-30T21:30:00Z") == "1.7.2026"  # summer time: UTC+3
    assert fmt_date("2026-10-25T21:59:59+00:00") == "25.10.2026"
    assert fmt_date("2026-10-25") == "25.10.2026"
    data = copy.deepcopy(matter_json)
    event = data["planMatterPhases"][2]["interactionEvents"][0]
    event["eventTime"] = {"begin": "2026-10-25T22:00:00Z", "end": "2026-11-24T21:59:59Z"}
    text = md(plan_json, data).markdown
    assert "| 26.10.2026–24.11.2026 | Ehdotusvaihe | Nähtävilläolo |" in text
    assert "25.10.2026" not in text
    assert "Kaavaehdotus oli nähtävillä 26.10.2026–24.11.2026." in text


def test_a_use_reserved_for_the_public_is_counted_under_y(plan_json, matter_json) -> None:
    """Before: YL (palvelujenAlue, varattu yleiseen käyttöön) was counted under P."""
    data = copy.deepcopy(plan_json)
    yl = next(g for g in data["planRegulationGroups"] if g.get("letterIdentifier") == "AK-2")
    yl["letterIdentifier"] = "YL"
    yl["titleOfPlanRegulation"] = {
        "fin": "Julkisten lähipalvelurakennusten korttelialue",
        "swe": "Kvartersområde för byggnader för offentlig närservice",
    }
    yl["planRegulations"][0]["type"] = REG + "palvelujenAlue"
    yl["planRegulations"][0]["additionalInformations"] = [
        {"type": AI + "paakayttotarkoitus"},
        {"type": AI + "varattuYleiseenKayttoon"},
        {"type": AI + "paikallinen"},
    ]
    text = md(data, matter_json).markdown
    form = text.split("## Liite 1.", 1)[1]
    rows = {
        line.split(" | ")[0][2:]: line.split(" | ")
        for line in form.splitlines()
        if re.match(r"\| [A-Z] ", line)
    }
    assert rows["Y Yleisten rakennusten korttelialueet"][1] == "0,56"
    assert rows["P Palvelurakennusten korttelialueet"][1] == "0,00"
    # The class carries the plan's own title, not the code list's "Palvelujen alue".
    assert "| Julkisten lähipalvelurakennusten korttelialue | YL | 0,56 |" in text


def test_a_step_is_listed_once(plan_json, matter_json) -> None:
    """Before: the board's decision to put the proposal on display (kaavpaatnimi 08) and
    the display being set up (kaavakastap 07) were two rows with the same name; an
    additional information given twice was said twice."""
    text = md(plan_json, matter_json).markdown
    table = text.split("#### 4.3.3 ", 1)[1].split("\n#", 1)[0]
    steps = [line for line in table.splitlines() if "Kaavaehdotuksen nähtäville" in line]
    assert steps == [
        "| 10.3.2025 | Ehdotusvaihe | Kaavaehdotuksen nähtäville asettaminen | "
        "Kaupunkisuunnittelulautakunta 10.3.2025 § 42; toteutettu 17.3.2025 |"
    ]
    # The matter's start and its vireilletulo on the same day are one line too.
    assert table.count("| 1.2.2024 |") == 1
    data = copy.deepcopy(plan_json)
    target = {
        "type": AI + "kayttotarkoituskohdistus",
        "value": {"dataType": "Code", "code": REG + "opetusrakennustenAlue"},
    }
    data["planRegulationGroups"][0]["planRegulations"][1]["additionalInformations"] = [
        target,
        copy.deepcopy(target),
    ]
    text = md(data, matter_json).markdown
    assert text.count("käyttötarkoitus: opetusrakennusten alue") == 1


def test_facts_of_the_matter_are_shown_not_asked_for(plan_json, matter_json) -> None:
    """Before: the matter's description and responsible party were in matter.json while
    the draft asked for "kaavan tarkoitus" and "kaavan laatijat"."""
    data = copy.deepcopy(matter_json)
    data["description"] = {
        "fin": "Täydennysrakentamista ja lähivirkistysalue.",
        "swe": "Kompletteringsbyggande och ett område för närrekreation.",
    }
    data["responsibleParty"] = {
        "planOperatorKey": key("operator", "espoo"),
        "organizationName": "Espoon kaupunki, kaupunkisuunnittelukeskus",
    }
    plan = copy.deepcopy(plan_json)
    del plan["planners"], plan["planDescription"]
    text = md(plan, data).markdown
    assert "Täydennysrakentamista ja lähivirkistysalue." in text.split("### 1.4 ")[0]
    assert "| Kaavan laatija | Espoon kaupunki, kaupunkisuunnittelukeskus |" in text
    assert "[TÄYDENNÄ: kaavan tarkoitus" not in text
    assert "[TÄYDENNÄ: kaavan laatija" not in text
    sv = md(plan, data, lang="sv").markdown
    assert "Kompletteringsbyggande och ett område för närrekreation." in sv


def test_a_plan_change_that_cancels_nothing_warns(plan_json, matter_json) -> None:
    """Before: an asemakaavan muutos without cancellation info said "Kaava ei kumoa
    aiempia kaavoja" (the plan cancels nothing)."""
    plan = copy.deepcopy(plan_json)
    plan.pop("planCancellationInfos", None)
    matter = copy.deepcopy(matter_json)
    matter["name"] = {"fin": "Mäkikylän keskus, asemakaavan muutos", "swe": "Backby, ändring"}
    doc = md(plan, matter)
    assert "Kaava ei kumoa aiempia kaavoja" not in doc.markdown
    assert "[TÄYDENNÄ: kumottavat kaavat: kaava muuttaa voimassa olevaa asemakaavaa" in (
        doc.markdown
    )
    assert any(w.rule == "describe.no-cancellations" for w in doc.warnings)
    # A new plan on unplanned land may cancel nothing: that is said, without a warning.
    matter["name"] = {"fin": "Mäkikylän keskus", "swe": "Backby centrum"}
    doc = md(plan, matter)
    assert "Kaava ei kumoa aiempia kaavoja." in doc.markdown
    assert not any(w.rule == "describe.no-cancellations" for w in doc.warnings)


def test_the_data_model_stays_out_of_the_prose(plan_json, matter_json) -> None:
    """Before: "(pääkäyttötarkoitus)", "(laji: julkisivut)", "Elinkaaren tila",
    "päättäjä: monijäseninen päätöksentekoelin", "Kaavan laatijan tunnus"; in Swedish
    "Tillgänglighet" for a public display and "Exploatering (e)"."""
    fi = md(plan_json, matter_json).markdown
    for leak in (
        "(pääkäyttötarkoitus",
        "(laji:",
        "Elinkaaren tila",
        "monijäseninen päätöksentekoelin",
        "Kaavan laatijan tunnus",
        "Asuinkerrostaloalue (AK)",  # the code list's label where the plan has a title
    ):
        assert leak not in fi, leak
    assert "| Kunnan kaavatunnus | ESP-2024-017 |" in fi
    assert "| Asuinkerrostalojen korttelialue | AK-1, AK-2 |" in fi
    sv = md(plan_json, matter_json, lang="sv").markdown
    for leak in ("Tillgänglighet", "Exploatering (e)", "huvudsakligt användningsändamål)"):
        assert leak not in sv, leak
    assert "| Offentligt framläggande |" in sv
    assert "Exploateringstal (e)" in sv
    for title in (
        "## 1 Bas- och identifikationsuppgifter",
        "## 2 Sammandrag",
        "## 3 Utgångspunkter",
        "## 4 Olika skeden i planeringen av detaljplanen",
        "## 5 Redogörelse för detaljplanen",
        "## 6 Genomförande av detaljplanen",
        "### 5.6 Planbeteckningar och -bestämmelser",
    ):
        assert f"\n{title}\n" in sv, title


def test_one_precision_for_the_same_figure(plan_json, matter_json) -> None:
    """Before: 3,0000 ha in the tables and 3,00 ha in the text."""
    text = md(plan_json, matter_json).markdown
    assert "3,0000" not in text
    assert "| Kaava-alueen pinta-ala | 3,00 ha |" in text
    assert "Kaava-alueen pinta-ala on 3,00 ha." in text
    assert "| Yhteensä | 3,00 | 100,0 |" in text
    areas = re.findall(r"\| (\d+,\d+) \|", text.split("## Liite 1.", 1)[1])
    assert areas and {len(a.split(",")[1]) for a in areas} <= {1, 2}  # ha 2, % 1
