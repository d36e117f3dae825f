"""Value parser: every notation of the issue, plus property tests (never crashes, round-trips)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ryhti.nlp.numbers import (
    format_finnish,
    normalize_unit,
    parse_fraction,
    parse_number,
)
from ryhti.nlp.values import find_quantities
from ryhti.numerals import parse_roman


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 400", 2400),
        ("2\u00a0400", 2400),
        ("2400", 2400),
        ("0,8", 0.8),
        ("0.8", 0.8),
        ("35.000", 35000),
        ("+23.5", 23.5),
        ("-1,5", -1.5),
        ("12 000,5", 12000.5),
        ("abc", None),
        ("", None),
        ("1,2,3", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("unit", ["k-m²", "k-m2", "kem²", "kem2", "kerrosneliömetriä", "K-M2"])
def test_floor_area_units(unit):
    assert normalize_unit(unit) == "k-m2"


@pytest.mark.parametrize(
    ("unit", "canon"),
    [
        ("m²", "m2"),
        ("m³", "m3"),
        ("%", "%"),
        ("prosenttia", "%"),
        ("m", "m"),
        ("dB(A)", "dB"),
        ("dBA", "dB"),
        ("dB", "dB"),
        ("°", "°"),
        ("astetta", "°"),
    ],
)
def test_other_units(unit, canon):
    assert normalize_unit(unit) == canon


@pytest.mark.parametrize(
    ("text", "value"),
    [("I", 1), ("IV", 4), ("VIII", 8), ("XII", 12), ("iv", 4), ("IIII", None), ("", None)],
)
def test_roman(text, value):
    assert parse_roman(text) == value


def test_fractions():
    assert parse_fraction("½") == 0.5
    assert parse_fraction("2/3") == pytest.approx(2 / 3)
    assert parse_fraction("3/2") is None


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    ("text", "kind", "number", "unit"),
    [
        ("2 400", "number", 2400, None),
        ("12 500 k-m²", "number", 12500, "k-m2"),
        ("k-m² 850", "number", 850, "k-m2"),
        ("650 kem2", "number", 650, "k-m2"),
        ("e=0,8", "efficiency", 0.8, "k-m2/m2"),
        ("e = 1,2", "efficiency", 1.2, "k-m2/m2"),
        ("e 0,45", "efficiency", 0.45, "k-m2/m2"),
        ("+23.5", "elevation", 23.5, "m"),
        ("+52,40", "elevation", 52.4, "m"),
        ("35 dB(A)", "number", 35, "dB"),
        ("30°", "number", 30, "°"),
        ("20 %", "number", 20, "%"),
        ("12 000 m³", "number", 12000, "m3"),
        ("1 ap / 100 k-m²", "per_area", 100, "k-m2"),
        ("1 pp/30 k-m2", "per_area", 30, "k-m2"),
        ("1 ap/asunto", "per_dwelling", 1, None),
        ("0,5 ap/as", "per_dwelling", 0.5, None),
        ("1,5 autopaikkaa asuntoa kohden", "per_dwelling", 1.5, None),
        ("35.000 k-m2", "number", 35000, "k-m2"),
    ],
)
def test_notations(text, kind, number, unit):
    q = one(text)
    assert (q.kind, q.number, q.unit) == (kind, pytest.approx(number), unit)
    assert text[q.start : q.end] == q.text


def test_storeys_with_attic_and_basement():
    q = one("II½")
    assert (q.kind, q.number, q.extra) == ("storeys", 2, {"attic": 50})
    q = one("I u½")
    assert q.extra == {"attic": 50}
    q = one("½k II")
    assert (q.number, q.extra) == (2, {"basement": 50})
    assert one("u½").kind == "attic"


def test_ranges_and_bounds():
    q = one("II-IV")
    assert (q.kind, q.minimum, q.maximum) == ("storey_range", 2, 4)
    assert one("III–V").maximum == 5
    q = one("Rakennusten kerrosluku on vähintään III ja enintään V.")
    assert (q.minimum, q.maximum) == (3, 5)
    assert one("2–4 m").kind == "range"
    assert one("enintään 20 %").bound == "max"
    assert one("vähintään 35 dB").bound == "min"


def test_periods_and_words():
    q = one("Kaava on voimassa 1.1.2025–31.12.2035.")
    assert (q.begin, q.until) == (dt.date(2025, 1, 1), dt.date(2035, 12, 31))
    assert one("pysäköinti 31.12.2030 saakka").until == dt.date(2030, 12, 31)
    assert one("enintään kaksi asuntoa").number == 2


def test_section_numbers_are_not_values():
    assert all(q.number != 43 for q in find_quantities("MRL 43 §:n mukainen"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parser_never_crashes(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**9),
        st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
    )
)
def test_numbers_round_trip_through_finnish_formatting(n):
    value = float(n)
    assert parse_number(format_finnish(value)) == pytest.approx(value)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_formatted_floor_area_is_found(n):
    q = one(f"{format_finnish(n)} k-m²")
    assert (q.number, q.unit) == (n, "k-m2")
