"""Change-class layers pass their class to the area reservations beneath; attribute numbers
take an underlined number's exactness.

A yleiskaava draws its change classes as hatching over the reservations; the class is
additional information of each reservation's main use (``ryhti/parsers/changeclass.py``:
a reservation takes the class covering at least half of its area), and the hatching is no
plan object of its own unless no reservation takes its class (then CV026, as before).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from ryhti.parsers import convert
from ryhti.parsers.changeclass import SHARE, assign
from ryhti.parsers.mapping import parse_mapping
from ryhti.parsers.presets import TEMPLATE
from ryhti.parsers.template import write_template

from .conftest import write_layer

X0, Y0 = 25490000, 6675000
_NEW = "Uudet ja olennaisesti muuttuvat alueet"
_KEPT = "Nykyisellään säilyvät alueet"
_EXACT = "Alleviivattu luku osoittaa ehdottomasti käytettävän rakennusoikeuden."


def _box(x1: float, x2: float) -> Any:
    return shapely.box(X0 + x1, Y0, X0 + x2, Y0 + 100)


def _plan(folder: Path, shading: list[tuple[str, Any]], layer: str = "osa_alueet") -> Path:
    """Two A reservations side by side (0–100, 100–200 m) and ``shading`` (text, polygon)."""
    gpkg = write_template(folder, srid="3879")[0]
    boxes = [_box(0, 100), _box(100, 200)]
    write_layer(gpkg, "kaava_alue", [{"tunnus": "1"}], [shapely.union_all(boxes)], append=True)
    rows = [{"tunnus": "a1", "kaavamerkinta": "A"}, {"tunnus": "a2", "kaavamerkinta": "A"}]
    write_layer(gpkg, "aluevaraukset", rows, boxes, append=True)
    if layer == "osa_alueet":
        shades = [{"tunnus": f"s{n}", "maaraysteksti": t} for n, (t, _) in enumerate(shading, 1)]
    else:
        shades = [{"tunnus": f"s{n}", "luokka": t} for n, (t, _) in enumerate(shading, 1)]
    write_layer(gpkg, layer, shades, [g for _, g in shading], append=True)
    return gpkg


def _main_use_infos(plan: dict[str, Any]) -> dict[str, list[str]]:
    """Source id of each area reservation → the additional information of its main use."""
    groups = {g["planRegulationGroupKey"]: g for g in plan["planRegulationGroups"]}
    out: dict[str, list[str]] = {}
    for rel in plan["planRegulationGroupRelations"]:
        for reg in groups[rel["planRegulationGroupKey"]]["planRegulations"]:
            infos = [a["type"].rsplit("/", 1)[-1] for a in reg.get("additionalInformations", [])]
            if "paakayttotarkoitus" in infos:
                out[rel["planObjectKey"]] = infos
    return out


def _by_fid(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Source id → report entry of the features."""
    return {
        f.get("sourceId", f["fid"]): f for f in report["features"] if f["layer"] != "kaava_alue"
    }


def _cv026(result: Any) -> list[str]:
    """Source ids of the features with a CV026 finding."""
    ids = {(f["layer"], f["fid"]): f.get("sourceId", f["fid"]) for f in result.report["features"]}
    return [
        ids[(f.location["layer"], f.location["fid"])] for f in result.findings if f.rule == "CV026"
    ]


def test_a_change_class_layer_goes_to_the_reservations_mostly_inside(tmp_path: Path) -> None:
    gpkg = _plan(
        tmp_path,
        [
            (_NEW, _box(10, 120)),  # 90 % of a1, 20 % of a2
            (_KEPT, _box(180, 190)),  # 10 % of a2 only: a2 takes nothing, so this stays
        ],
    )
    result = convert(gpkg, plan_type="21", use_extractor=True)
    plan = result.plan_json()
    feats = _by_fid(result.report)
    a1, a2 = feats["a1"]["planObjectKey"], feats["a2"]["planObjectKey"]
    infos = _main_use_infos(plan)
    assert infos[a1] == ["paakayttotarkoitus", "uusi", "olennaisestiMuuttuva"]
    assert infos[a2] == ["paakayttotarkoitus"]
    # the reservations no longer share a group; each group is used, each once
    groups = {g["planRegulationGroupKey"] for g in plan["planRegulationGroups"]}
    used = [r["planRegulationGroupKey"] for r in plan["planRegulationGroupRelations"]]
    assert set(used) == groups and feats["a1"]["planRegulationGroupKeys"][0] in groups
    # the hatch is no plan object: its report says where its class went
    s1 = feats["s1"]
    assert s1["fate"] == "changeClass" and s1["planObjectKeys"] == [a1]
    assert s1["changeClass"] == ["uusi", "olennaisestiMuuttuva"]
    decided = [
        d
        for d in result.report["decisions"]
        if (d.get("layer"), d.get("fid")) == ("osa_alueet", s1["fid"])
    ]
    assert decided and a1 in decided[0]["decision"]
    layer_note = [d for d in result.report["decisions"] if d["item"] == "change-class layer"]
    assert "1 of 2 shading features" in layer_note[0]["decision"]
    # the hatch over no reservation's half keeps its text and says so (nothing dropped)
    assert feats["s2"]["fate"] == "planObject"
    lost = [f for f in result.findings if f.rule == "CV026"]
    assert _cv026(result) == ["s2"] and "olemassaOleva" in lost[0].message
    assert len(plan["planObjects"]) == 3
    assert result.report["summary"]["features"] == 5
    assert result.report["summary"]["changeClass"] == 1


def test_a_hatch_over_nothing_keeps_cv026(tmp_path: Path) -> None:
    gpkg = _plan(tmp_path, [(_NEW, _box(300, 400))])
    result = convert(gpkg, plan_type="21", use_extractor=True)
    feats = _by_fid(result.report)
    assert feats["s1"]["fate"] == "planObject"
    assert _cv026(result) == ["s1", "s1"]
    assert all(i == ["paakayttotarkoitus"] for i in _main_use_infos(result.plan_json()).values())


def test_a_rerun_gives_the_same_keys(tmp_path: Path) -> None:
    shading = [(_NEW, _box(10, 120)), (_KEPT, _box(120, 200))]
    gpkg = _plan(tmp_path, shading)
    first = convert(gpkg, plan_type="21", use_extractor=True)
    again = convert(gpkg, plan_type="21", use_extractor=True)
    assert json.dumps(first.plan_json(), sort_keys=True) == json.dumps(
        again.plan_json(), sort_keys=True
    )
    infos = sorted(_main_use_infos(first.plan_json()).values())
    assert infos == [
        ["paakayttotarkoitus", "olemassaOleva"],
        ["paakayttotarkoitus", "uusi", "olennaisestiMuuttuva"],
    ]


def test_the_mapping_role_names_a_class_layer_with_a_class_attribute(tmp_path: Path) -> None:
    gpkg = _plan(
        tmp_path,
        [
            ("uusi", _box(0, 100)),
            ("olemassaOleva", _box(100, 150)),
            ("kehitettava", _box(300, 400)),
        ],
        "luokat",
    )
    mapping = parse_mapping(
        TEMPLATE + '\n[[layers]]\nlayer = "luokat"\nrole = "change_class"\nid = "tunnus"\n'
        'text = "luokka"\n'
    )
    result = convert(gpkg, mapping, plan_type="21", use_extractor=False)
    feats = _by_fid(result.report)
    infos = _main_use_infos(result.plan_json())
    assert infos[feats["a1"]["planObjectKey"]] == ["paakayttotarkoitus", "uusi"]
    # exactly half inside is enough
    assert infos[feats["a2"]["planObjectKey"]] == ["paakayttotarkoitus", "olemassaOleva"]
    assert feats["s1"]["fate"] == feats["s2"]["fate"] == "changeClass"
    # over nothing: a sub-area keeping its text, and CV026 says the class is not a code
    assert feats["s3"]["fate"] == "planObject" and _cv026(result) == ["s3"]


def test_a_layer_with_other_content_is_no_class_layer(tmp_path: Path) -> None:
    gpkg = _plan(
        tmp_path, [(_NEW, _box(0, 100)), ("Alueella on säilytettävä puusto.", _box(100, 200))]
    )
    result = convert(gpkg, plan_type="21", use_extractor=True)
    assert {f["fate"] for f in result.report["features"]} == {"planObject", "planBoundary"}
    assert _cv026(result) == ["s1", "s1"]


def test_an_attribute_floor_area_takes_the_underlined_numbers_exactness(tmp_path: Path) -> None:
    gpkg = write_template(tmp_path, srid="3879")[0]
    boxes = [_box(0, 100), _box(100, 200)]
    write_layer(gpkg, "kaava_alue", [{"tunnus": "1"}], [shapely.union_all(boxes)], append=True)
    rows = [
        {"tunnus": "k1", "kaavamerkinta": "AK", "maaraysteksti": _EXACT, "kerrosala": 1200},
        {"tunnus": "k2", "kaavamerkinta": "AK", "maaraysteksti": _EXACT},
    ]
    write_layer(gpkg, "aluevaraukset", rows, boxes, append=True)
    result = convert(gpkg, use_extractor=True)
    plan = result.plan_json()
    groups = {g["planRegulationGroupKey"]: g for g in plan["planRegulationGroups"]}
    feats = _by_fid(result.report)

    def regs(fid: str) -> list[tuple[str, list[str]]]:
        return [
            (
                r["type"].rsplit("/", 1)[-1],
                [a["type"].rsplit("/", 1)[-1] for a in r.get("additionalInformations", [])],
            )
            for key in feats[fid]["planRegulationGroupKeys"]
            for r in groups[key]["planRegulations"]
        ]

    assert ("sallittuKerrosala", ["ehdottomastiNoudatettava"]) in regs("k1")
    assert "sanallinenMaarays" not in [t for t, _ in regs("k1")]
    # without the number, the explanation has nothing to qualify: kept, with CV026
    assert "sanallinenMaarays" in [t for t, _ in regs("k2")]
    assert _cv026(result) == ["k2"]
    k1 = feats["k1"]["fid"]
    decided = [
        d["decision"]
        for d in result.report["decisions"]
        if (d.get("layer"), d.get("fid")) == ("aluevaraukset", k1)
    ]
    assert any("from attribute values" in d for d in decided)


# -- the overlap rule --------------------------------------------------------------------------

_coord = st.integers(min_value=0, max_value=40)


@st.composite
def _rect(draw: Any) -> tuple[int, int, int, int]:
    x1, y1 = draw(_coord), draw(_coord)
    return x1, y1, x1 + draw(st.integers(1, 30)), y1 + draw(st.integers(1, 30))


def _overlap(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0)


@settings(max_examples=150, deadline=None)
@given(st.lists(_rect(), min_size=1, max_size=6), _rect(), st.integers(1, 29))
def test_an_area_takes_the_class_covering_half_of_it(
    areas: list[tuple[int, int, int, int]], shade: tuple[int, int, int, int], cut: int
) -> None:
    geoms = np.array([shapely.box(*a) for a in areas], dtype=object)
    taken, share, pair_a, _ = assign(
        geoms, np.array([shapely.box(*shade)], dtype=object), np.zeros(1, dtype=np.int64)
    )
    for k, a in enumerate(areas):
        own = (a[2] - a[0]) * (a[3] - a[1])
        expected = _overlap(a, shade) / own
        assert (taken[k] == 0) == (expected >= SHARE)
        if taken[k] == 0:
            assert abs(share[k] - expected) < 1e-9 and k in pair_a.tolist()
    # the same hatch drawn as two overlapping pieces counts once: the same answer
    x_cut = shade[0] + cut % (shade[2] - shade[0]) if shade[2] - shade[0] > 1 else shade[2]
    left = shapely.box(shade[0], shade[1], min(x_cut + 1, shade[2]), shade[3])
    right = shapely.box(max(x_cut - 1, shade[0]), shade[1], shade[2], shade[3])
    split, split_share, _, _ = assign(
        geoms, np.array([left, right], dtype=object), np.zeros(2, dtype=np.int64)
    )
    assert split.tolist() == taken.tolist()
    assert np.allclose(split_share, share)


def test_the_larger_class_wins() -> None:
    area = np.array([shapely.box(0, 0, 10, 10)], dtype=object)
    shades = np.array([shapely.box(0, 0, 10, 6), shapely.box(0, 0, 10, 8)], dtype=object)
    taken, share, _, pair_s = assign(area, shades, np.array([0, 1], dtype=np.int64))
    assert taken.tolist() == [1] and abs(share[0] - 0.8) < 1e-12 and pair_s.tolist() == [1]
