"""The letter code of a main-use group whose source gave none (qaava's land-use layer holds
only the notation's names: "Asuin-, liike- ja toimistorakennusten korttelialue" is AL in the
legend, not the A the code list's short name of its first main use would give)."""

from __future__ import annotations

import pytest

from ryhti.codelists import registry
from ryhti.parsers.codes import main_use_letter


@pytest.mark.parametrize(
    ("title", "codes", "letter"),
    [
        (
            "Asuin-, liike- ja toimistorakennusten korttelialue",
            ["asumisenAlue", "liikerakennustenAlue", "toimistorakennustenAlue"],
            "AL",
        ),
        (
            "Teollisuusrakennusten korttelialue, jolla ympäristö asettaa toiminnan laadulle "
            "erityisiä vaatimuksia",
            ["teollisuusalue"],
            "TY",
        ),
        ("Julkisten lähipalvelurakennusten korttelialue", ["palvelujenAlue"], "YL"),
        # a title the notation table does not know: the code list's short name
        ("Kortteli 7", ["asuinkerrostaloalue"], "AK"),
        # a title whose sign means other codes: not taken
        ("Teollisuusrakennusten korttelialue", ["asuinkerrostaloalue"], "AK"),
    ],
)
def test_the_sign_of_the_title_comes_first(title: str, codes: list[str], letter: str) -> None:
    reg = registry()
    found = main_use_letter(reg, reg.notation, codes, title, "asemakaava")
    assert found is not None and found[0] == letter


def test_no_letter_without_a_main_use() -> None:
    reg = registry()
    # a building area (rakennusala) has a sign in the table but is no main use
    assert main_use_letter(reg, reg.notation, [], "Rakennusala", "asemakaava") is None
