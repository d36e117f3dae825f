"""Numbers, units and regulations in plain Finnish and Swedish."""

from __future__ import annotations

import pytest

from ryhti.codelists import registry
from ryhti.generators.notes import WarningLog
from ryhti.generators.phrases import (
    NBSP,
    Phraser,
    fmt_date,
    fmt_number,
    fmt_period,
    fmt_quantity,
    fmt_scale,
    lower_first,
    placeholder,
)
from ryhti.model import PlanRegulation
from ryhti.model.plan import PlanRecommendation
from tests.generators.builders import numeric, regulation, text


def reg(code: str, value=None, infos=(), **extra) -> PlanRegulation:
    return PlanRegulation.from_json(regulation(code, code, value, list(infos), **extra))


def phrase(lang: str, r: PlanRegulation) -> tuple[str, WarningLog]:
    warn = WarningLog()
    return Phraser(lang, registry(), warn).regulation(r), warn


def test_numbers_follow_finnish_typography() -> None:
    assert fmt_number(2400) == f"2{NBSP}400"
    assert fmt_number(1234567.891, 2) == f"1{NBSP}234{NBSP}567,89"
    assert fmt_number(0.35, None) == "0,35"
    assert fmt_number(5.0, None) == "5"
    assert fmt_number(-12.5, 1) == "-12,5"
    assert fmt_number(None) == "–"
    assert fmt_number(float("nan")) == "–"
    assert fmt_scale(2000) == f"1:2{NBSP}000"
    assert fmt_scale(True) is None and fmt_scale(-1) is None
    assert fmt_date("2025-03-17") == "17.3.2025"
    assert fmt_date("2025-03-17T15:00:00Z") == "17.3.2025"
    assert fmt_date("17.3.2025") is None and fmt_date(None) is None
    assert fmt_period("2025-03-17", "2025-04-15") == "17.3.2025–15.4.2025"
    assert fmt_period("2025-03-17", None) == "17.3.2025–"
    assert lower_first("Asuinkerrostaloalue") == "asuinkerrostaloalue"
    assert lower_first("UNESCO:n kohde") == "UNESCO:n kohde"
    assert (
        placeholder("fi", "x") == "[TÄYDENNÄ: x]" and placeholder("sv", "x") == "[KOMPLETTERA: x]"
    )


def test_units() -> None:
    assert fmt_quantity(2400, "k-m2", "fi") == f"2{NBSP}400{NBSP}k-m²"
    assert fmt_quantity(2400, "k-m2", "sv") == f"2{NBSP}400{NBSP}m²vy"
    assert fmt_quantity(33, "%", "fi") == f"33{NBSP}%"
    assert fmt_quantity(30, "°", "fi") == "30°"
    assert fmt_quantity(0.3, "k-m2/m2", "fi") == "0,3"
    assert fmt_quantity(7, "furlong", "fi") == f"7{NBSP}furlong"


@pytest.mark.parametrize(
    ("code", "value", "fi", "sv"),
    [
        (
            "sallittuKerrosala",
            numeric(2400, "k-m2"),
            "Rakennusoikeus 2 400 k-m²",
            "Byggrätt 2 400 m²vy",
        ),
        (
            "tehokkuusluku",
            numeric(0.35, "k-m2/m2", "PositiveDecimal"),
            "Tehokkuusluku e = 0,35",
            "Exploateringstal e = 0,35",
        ),
        (
            "maanpaallinenKerroslukuLuku",
            numeric(4),
            "Suurin sallittu maanpäällinen kerrosluku IV (4)",
            "Högsta tillåtna antal våningar ovan jord IV (4)",
        ),
        (
            "maanpaallinenKerroslukuArvovali",
            {"dataType": "PositiveNumericRange", "minimumValue": 2, "maximumValue": 3},
            "Maanpäällinen kerrosluku II–III (2–3)",
            "Antal våningar ovan jord II–III (2–3)",
        ),
        (
            "kerrosneliomaaraYhtaAutopaikkaaKohden",
            numeric(85, "k-m2"),
            "Yksi autopaikka kutakin 85 k-m² kohden",
            "En bilplats per 85 m²vy",
        ),
        (
            "ullakonSallittuOsuusKerrosalasta",
            numeric(33, "%"),
            "Ullakon sallittu osuus kerrosalasta 33 %",
            "Vindens tillåtna andel av våningsytan 33 %",
        ),
        (
            "vesikatonYlimmanKohdanKorkeusasema",
            numeric(66.3, "m", "Decimal"),
            "Vesikaton ylimmän kohdan korkeusasema 66,3 m",
            "Vattentakets högsta höjd 66,3 m",
        ),
        ("rakennusala", None, "Rakennusala", "Byggnadsyta"),
        (
            "sanallinenMaarays",
            text("Puusto säilytettävä.", "Trädbeståndet ska bevaras."),
            "Puusto säilytettävä.",
            "Trädbeståndet ska bevaras.",
        ),
        (
            "kadunTaiTienNimi",
            text("Mäkitie", "Backvägen"),
            "Kadun tai tien nimi: Mäkitie",
            "Namn på gata eller väg: Backvägen",
        ),
    ],
)
def test_regulation_phrases(code, value, fi, sv) -> None:
    for lang, want in (("fi", fi), ("sv", sv)):
        got, warn = phrase(lang, reg(code, value))
        assert got.replace(NBSP, " ") == want
        assert warn.finish() == []


def test_additional_information_and_validity() -> None:
    r = reg(
        "asumisenAlue",
        infos=[
            "paakayttotarkoitus",
            ("kayttotarkoituksenOsuusKerrosalastaK-m2", numeric(6000, "k-m2")),
            (
                "poisluettavaKayttotarkoitus",
                {
                    "dataType": "Code",
                    "code": "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji/code/maatilanTalouskeskuksenAlue",
                },
            ),
            (
                "valiaikainenMaarays",
                {"dataType": "TimePeriodDateOnly", "begin": "2024-10-08", "end": "2026-10-08"},
            ),
        ],
        regulationNumber="3",
    )
    fi, _ = phrase("fi", r)
    assert fi.replace(NBSP, " ") == (
        "3. Pääasiallinen käyttötarkoitus: asumisen alue (käyttötarkoituksen osuus kerrosalasta "
        "6 000 k-m²; poisluettava käyttötarkoitus: maatilan talouskeskuksen alue; "
        "väliaikainen määräys 8.10.2024–8.10.2026)"
    )
    sv, _ = phrase("sv", r)
    assert sv.startswith("3. Huvudsakligt användningsändamål: område för boende (användnings")
    assert (
        "användningsändamål som ska utelämnas: område för en lantbrukslägenhets driftscentrum" in sv
    )


def test_unknown_codes_and_missing_texts_give_placeholders() -> None:
    got, warn = phrase("fi", reg("eiTallaista", numeric(5)))
    assert got == "[TÄYDENNÄ: tuntematon määräyslaji eiTallaista] 5"
    assert [w.rule for w in warn.finish()] == ["describe.unknown-regulation-type"]
    got, warn = phrase("sv", reg("sanallinenMaarays", text("Vain suomeksi.")))
    assert got == "Vain suomeksi. [KOMPLETTERA: svensk översättning]"
    assert [w.rule for w in warn.finish()] == ["describe.missing-translation"]
    got, warn = phrase("fi", reg("sanallinenMaarays", {"dataType": "LocalizedText", "text": {}}))
    assert got == "[TÄYDENNÄ: määräyksen teksti]"
    got, warn = phrase("fi", reg("sallittuKerrosala", {"dataType": "PositiveNumeric"}))
    assert got == "Sallittu kerrosala [TÄYDENNÄ: arvo puuttuu (sallittu kerrosala)]"
    got, warn = phrase(
        "fi",
        reg(
            "asumisenAlue",
            infos=[
                (
                    "kayttotarkoituskohdistus",
                    {"dataType": "Code", "code": "http://example.org/code/x"},
                )
            ],
        ),
    )
    assert "[TÄYDENNÄ: tuntematon koodi x]" in got
    rec = PlanRecommendation.from_json(
        {"value": {"swe": "Endast svenska."}, "recommendationNumber": 2}
    )
    assert Phraser("fi", registry(), WarningLog()).recommendation(rec) == (
        "2. Endast svenska. [TÄYDENNÄ: ruotsinkielinen teksti]"
    )


def test_phraser_rejects_other_languages() -> None:
    with pytest.raises(ValueError, match="language"):
        Phraser("en", registry(), WarningLog())
