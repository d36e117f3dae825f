"""Legend entries that only modify what other entries draw: attached in a conversion, or reported.

A yleiskaava change class ("Uudet ja olennaisesti muuttuvat alueet") or a modifier line
("Uusi seudullinen pääväylä") gives additional information and no regulation of its own
(LABELLING.md 7). Before, a conversion kept such a text as a verbal regulation (or lost the
class); now the class is additional information of the feature's own regulations, and a
feature with none to carry it gets a CV026 finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.parsers import convert
from ryhti.parsers.interpret import RegSpec, verbal
from ryhti.parsers.modifiers import attach
from ryhti.parsers.rules import RULES

from .test_groups_and_swedish import _template

_CLASS = "Uudet ja olennaisesti muuttuvat alueet"


def _regs(plan: dict[str, Any]) -> dict[str | None, list[tuple[str, list[str]]]]:
    """letterIdentifier → (type, additional types) of its group's regulations."""
    out: dict[str | None, list[tuple[str, list[str]]]] = {}
    for g in plan["planRegulationGroups"]:
        out[g.get("letterIdentifier")] = [
            (
                r["type"].rsplit("/", 1)[-1],
                [a["type"].rsplit("/", 1)[-1] for a in r.get("additionalInformations", [])],
            )
            for r in g["planRegulations"]
        ]
    return out


def test_a_change_class_goes_to_the_main_use_of_its_feature(tmp_path: Path) -> None:
    gpkg = _template(
        tmp_path,
        [
            {"tunnus": "1", "kaavamerkinta": "AK", "maaraysteksti": _CLASS},
            {"tunnus": "2", "maaraysteksti": "Nykyisellään säilyvät alueet"},
        ],
    )
    result = convert(gpkg, use_extractor=True)
    regs = _regs(result.plan.to_json())
    # the class is additional information of the block's main use, not a verbal regulation
    assert regs["AK"] == [
        ("asuinkerrostaloalue", ["paakayttotarkoitus", "uusi", "olennaisestiMuuttuva"])
    ]
    titles = {
        g.get("letterIdentifier"): g["titleOfPlanRegulation"]["fin"]
        for g in result.plan.to_json()["planRegulationGroups"]
    }
    assert titles["AK"] != _CLASS  # a change class does not title the group
    decided = [d["item"] for d in result.report["decisions"] if d.get("fid") == "1"]
    assert f"modifier uusi of {_CLASS!r}" in decided
    # the second feature is only the class: nothing carries it, and the report says so
    lost = [f for f in result.findings if f.rule == "CV026"]
    assert len(lost) == 1 and lost[0].location["fid"] == "2"
    assert "olemassaOleva" in lost[0].message
    # its text is kept, not dropped (a sub-area, having no main use)
    assert [r for r, _ in regs[None]] == ["sanallinenMaarays"]
    assert not [f for f in result.findings if f.rule == "CV026" and f.location["fid"] == "1"]


def test_without_the_extractor_nothing_changes(tmp_path: Path) -> None:
    gpkg = _template(tmp_path, [{"tunnus": "1", "kaavamerkinta": "AK", "maaraysteksti": _CLASS}])
    result = convert(gpkg, use_extractor=False)
    assert not [f for f in result.findings if f.rule == "CV026"]
    assert ("sanallinenMaarays", []) in _regs(result.plan.to_json())["AK"]


def _mod(code: str) -> tuple[str, dict[str, Any]]:
    return ("text", {"type": code, "evidence": "test"})


def test_which_regulations_carry_a_modifier() -> None:
    area = RegSpec("asumisenAlue", additional=[{"type": "paakayttotarkoitus"}])
    road = RegSpec("seututie")
    floor = RegSpec("sallittuKerrosala", value={"dataType": "Decimal", "number": 1200.0})
    text = verbal("Julkisivut punatiiltä.", "test")
    # a change class: the main use, not the number or the verbal text
    out, decided, lost = attach([area, floor, text], [_mod("uusi")])
    assert [a["type"] for a in out[0].additional] == ["paakayttotarkoitus", "uusi"]
    assert out[1] is floor and out[2] is text and not lost and len(decided) == 1
    assert area.additional == [{"type": "paakayttotarkoitus"}]  # shared specs stay unchanged
    # without a main use, the line notation the feature is
    out, _, lost = attach([road, text], [_mod("uusi")])
    assert out[0].additional == [{"type": "uusi"}] and not lost
    # exactness belongs to the number
    out, _, lost = attach([area, floor], [_mod("ehdottomastiNoudatettava")])
    assert out[1].additional == [{"type": "ehdottomastiNoudatettava"}] and out[0] is area
    # nothing to carry it: a CV026 finding, and the entry's text kept verbatim (nothing lost)
    out, decided, lost = attach([text], [_mod("uusi")])
    assert out[0] is text and not decided
    assert [(r.type, r.value["text"]["fin"]) for r in out[1:]] == [("sanallinenMaarays", "text")]
    assert [rule for rule, _ in lost] == ["CV026"]
    _, _, lost = attach([area], [_mod("ehdottomastiNoudatettava")])
    assert "with a number" in lost[0][1]


def test_cv026_is_explained() -> None:
    rule = RULES["CV026"]
    assert "change class" in rule.why and rule.fix
