"""Values read from a text go to every feature with it only when the text gives them so."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ryhti.parsers.interpret import RegSpec
from ryhti.parsers.textvalues import place_matches, withhold


def _floor_area(text: str, shown: str, number: int) -> RegSpec:
    at = text.index(shown)
    return RegSpec(
        type="sallittuKerrosala",
        value={"dataType": "PositiveNumeric", "number": number, "unitOfMeasure": "k-m2"},
        span=(at, at + len(shown)),
    )


def test_a_value_for_every_feature_stays() -> None:
    text = "Korttelissa on 5 000 k-m² liiketilaa."
    spec = _floor_area(text, "5 000 k-m²", 5000)
    assert withhold(text, [spec]) == ([spec], [])


def test_values_of_named_places_and_lists_are_withheld() -> None:
    text = (
        "Aluetta kehitetään. Enimmäismitoitus on Lielahdessa 80 000 k-m², Lakalaivassa 45 000 k-m²."
    )
    a = _floor_area(text, "80 000 k-m²", 80000)
    b = _floor_area(text, "45 000 k-m²", 45000)
    kept, withheld = withhold(text, [a, b])
    assert [w.place for w in withheld] == ["Lielahdessa", "Lakalaivassa"]
    assert [s.type for s in kept] == ["sanallinenMaarays"]
    assert kept[0].value["text"]["fin"].startswith("Enimmäismitoitus")  # type: ignore[index]


def test_an_impossible_value_is_withheld() -> None:
    text = "Ääneneristävyyden on oltava vähintään 00 dBA."
    spec = RegSpec(
        type="aaneneristavyys",
        value={"dataType": "PositiveDecimal", "number": 0.0, "unitOfMeasure": "dB"},
        span=(text.index("00"), text.index("00") + 6),
    )
    kept, withheld = withhold(text, [spec])
    assert withheld[0].reason == "impossible" and kept[0].type == "sanallinenMaarays"


def test_place_names_match_their_inflected_forms() -> None:
    pairs = [("Lielahdessa", "Lielahti"), ("Hervannassa", "Hervanta"), ("Tesomalla", "Tesoma")]
    for place, name in pairs:
        assert place_matches(place, name)
    assert not place_matches("Kalevassa", "Lielahti") and not place_matches("Tesomalla", None)


@settings(max_examples=80, deadline=None)
@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö ", min_size=3, max_size=40),
    st.integers(1, 900_000),
)
def test_lower_case_text_with_one_value_keeps_it(words: str, number: int) -> None:
    shown = f"{number} k-m²"
    text = f"Alueelle {words.strip()} {shown}."
    spec = _floor_area(text, shown, number)
    assert withhold(text, [spec]) == ([spec], [])
