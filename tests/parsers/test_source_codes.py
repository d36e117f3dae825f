"""Every code of the source formats' code lists, and the RYHTI code it stands for.

One test per code: the value a table gives must exist in the RYHTI code lists (or the
notation table, for letter codes), and be what the code's title says.
"""

from __future__ import annotations

import pytest

from ryhti.codelists import registry
from ryhti.parsers.interpret import Interpreter
from ryhti.parsers.sourcecodes import (
    KUNTAGML_PHASES,
    LAND_USE_KINDS,
    NUMERIC_VALUE_TYPES,
    PILOT_LAND_USE,
    PILOT_LEVELS,
    PILOT_OBJECT_TYPES,
    PILOT_PHASES,
    PLAN_TYPES,
    PLANNING_ELEMENT_TYPES,
    REGULATIVE_TEXT_TYPES,
    SPATIAL_PLAN_STATUS,
    ZONING_ELEMENT_TYPES,
    lifecycle_of,
    plan_type_of,
)

REG = registry()
KINDS = {"paakayttotarkoitus", "osaAlue"}


@pytest.mark.parametrize(("phase", "code"), sorted(KUNTAGML_PHASES.items()))
def test_kuntagml_phase(phase: str, code: str | None) -> None:
    assert lifecycle_of(phase, REG) == code
    if code is not None:
        assert code in REG["kaavaelinkaari"]


@pytest.mark.parametrize("code", [f"{n:02d}" for n in range(1, 18)])
def test_kuntagml_numbered_lifecycle(code: str) -> None:
    # KuntaGML 2.3.0's 'Elinkaaren tila (kaava)': "06 - Hyvaksytty kaava"
    label = REG["kaavaelinkaari"].get(code).label("fi")
    assert lifecycle_of(f"{code} - {label}", REG) == code
    assert lifecycle_of(label, REG) == code  # KAATIO gives the title ("Voimassa")


@pytest.mark.parametrize(("status", "entry"), sorted(SPATIAL_PLAN_STATUS.items()))
def test_pilot_plan_status(status: str, entry: tuple[str, str]) -> None:
    code, title = entry
    assert code in REG["kaavaelinkaari"]
    assert lifecycle_of(title, REG) == code


@pytest.mark.parametrize(("title", "code"), sorted(PLAN_TYPES.items()))
def test_plan_type(title: str, code: str) -> None:
    assert code in REG["RY_Kaavalaji"]
    assert plan_type_of(title.capitalize()) == code
    # the title names the code, or (maakuntakaava) the code's kind (11 kokonaismaakuntakaava)
    assert REG["RY_Kaavalaji"].get(code).label("fi").casefold().endswith(title)


@pytest.mark.parametrize(("code", "letter"), sorted(LAND_USE_KINDS.items()))
def test_pilot_land_use_kind(code: str, letter: str) -> None:
    assert Interpreter("asemakaava", use_extractor=False).letter(letter, "area") is not None


@pytest.mark.parametrize(("code", "entry"), sorted(ZONING_ELEMENT_TYPES.items()))
def test_pilot_zoning_element_type(code: str, entry: tuple[str, str]) -> None:
    assert entry[0] in KINDS and entry[0] in REG["RY_Kaavamaarayksen_Lisatiedonlaji"]


@pytest.mark.parametrize(("code", "entry"), sorted(PLANNING_ELEMENT_TYPES.items()))
def test_pilot_planning_element_type(code: str, entry: tuple[str, str]) -> None:
    assert entry == ("osaAlue", "Osa-alue")


@pytest.mark.parametrize(("code", "meaning"), sorted(REGULATIVE_TEXT_TYPES.items()))
def test_pilot_regulative_text_type(code: str, meaning: str | None) -> None:
    if meaning is None:  # a free text: typed from the text itself
        return
    interp = Interpreter("asemakaava")
    typed = interp.meaning(meaning, "subarea") or None
    regs = typed.regulations if typed else interp.text(meaning)
    assert any(r.type != "sanallinenMaarays" for r in regs), meaning


@pytest.mark.parametrize(("code", "regulation"), sorted(NUMERIC_VALUE_TYPES.items()))
def test_pilot_numeric_value_type(code: str, regulation: str) -> None:
    assert regulation in REG["RY_Kaavamaarayslaji"]


@pytest.mark.parametrize(("code", "label"), sorted(PILOT_LAND_USE.items()))
def test_pilot_wfs_land_use(code: str, label: str) -> None:
    labels = {c.label("fi") for c in REG["RY_Kaavamaarayslaji"].codes}
    assert label in labels


@pytest.mark.parametrize(("code", "entry"), sorted(PILOT_OBJECT_TYPES.items()))
def test_pilot_wfs_object_type(code: str, entry: tuple[str | None, str | None]) -> None:
    kind, label = entry
    assert kind is None or kind in KINDS
    if label is not None:
        assert label in {c.label("fi") for c in REG["RY_Kaavamaarayslaji"].codes}


@pytest.mark.parametrize(("level", "code"), sorted(PILOT_LEVELS.items()))
def test_pilot_wfs_level(level: str, code: str) -> None:
    assert code in REG["RY_Kaavalaji"]


@pytest.mark.parametrize(("phase", "code"), sorted(PILOT_PHASES.items()))
def test_pilot_wfs_phase(phase: str, code: str) -> None:
    assert code in REG["kaavaelinkaari"]


def test_unknown_values_say_nothing() -> None:
    assert lifecycle_of("hyvin vanha", REG) is None
    assert lifecycle_of(None, REG) is None and plan_type_of("kartta") is None
