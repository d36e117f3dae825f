"""The shared basics every package reads the same way: Roman numerals and bare code values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ryhti.codelists import bare_code, registry
from ryhti.numerals import NBSP, finnish_digits, parse_roman, to_roman

CODE_VALUE = st.text(
    alphabet=st.sampled_from(
        "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789_-."
    ),
    min_size=1,
    max_size=40,
)


@given(st.integers(min_value=1, max_value=39))
def test_storey_numerals_read_back(n: int) -> None:
    assert parse_roman(to_roman(n)) == n
    assert parse_roman(to_roman(n).lower()) == n
    assert parse_roman(f"  {to_roman(n)} ") == n


@given(st.text(alphabet="IVXLCDMivx ", max_size=8))
def test_only_canonical_numerals_are_read(text: str) -> None:
    value = parse_roman(text)
    if value is not None:
        assert 1 <= value <= 39
        assert to_roman(value) == text.strip().upper()


@pytest.mark.parametrize("text", ["IIII", "VX", "IL", "VV", "XXXX", "L", "DC", "", "I V", None])
def test_not_numerals(text: str | None) -> None:
    assert parse_roman(text) is None


@given(st.integers(min_value=1, max_value=3999))
def test_writing_is_canonical(n: int) -> None:
    numeral = to_roman(n)
    assert set(numeral) <= set("IVXLCDM")
    assert "IIII" not in numeral and "XXXX" not in numeral and "CCCC" not in numeral


@pytest.mark.parametrize("n", [0, -3, 4000, 2.5, True])
def test_writing_outside_the_range_gives_digits(n: object) -> None:
    assert to_roman(n) == str(n)  # type: ignore[arg-type]


@given(CODE_VALUE, st.sampled_from(["", " ", "/", " / "]))
def test_bare_code_of_a_code_uri(value: str, tail: str) -> None:
    uri = f"http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji/code/{value}"
    assert bare_code(uri + tail) == value.strip()
    assert bare_code(value) == value
    assert bare_code(bare_code(uri)) == bare_code(uri)


def test_bare_code_agrees_with_every_code_of_the_snapshot() -> None:
    reg = registry()
    for list_id in ("RY_Kaavamaarayslaji", "RY_Kaavan_elinkaaren_tila", "RY_Kunnat"):
        codelist = reg.get(list_id)
        if codelist is None:
            continue
        for code in codelist.codes:
            assert bare_code(code.uri) == code.value, code.uri


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=99))
def test_finnish_digits_group_thousands_and_read_back(whole: int, cents: int) -> None:
    from ryhti.nlp.numbers import parse_number

    text = f"{whole}.{cents:02d}"
    written = finnish_digits(text)
    assert "." not in written and written.count(",") == 1
    assert all(len(g) == 3 for g in written.lstrip("-").split(",")[0].split(NBSP)[1:])
    assert parse_number(written.replace(NBSP, " ")) == float(text)
