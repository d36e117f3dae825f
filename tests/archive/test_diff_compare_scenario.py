"""``ryhti diff``, ``compare`` and ``scenario`` on the sample and real example plans."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import shapely
from docx import Document

from ryhti.archive.compare import compare_plans
from ryhti.archive.diff import diff_plans
from ryhti.archive.scenario import apply_scenario, parse_change
from ryhti.errors import UsageError
from ryhti.generators import compute_figures
from ryhti.model import from_json
from tests.archive.conftest import run

REG = "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji/code/"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _plan(data: dict):
    return from_json(data, "plan")


def _change_by_hand(data: dict) -> tuple[dict, dict]:
    """A copy with one object removed, one added, one reshaped, one re-regulated, and what
    the diff must list for them."""
    new = copy.deepcopy(data)
    objects = new["planObjects"]
    removed = objects.pop(5)
    new["planRegulationGroupRelations"] = [
        r
        for r in new["planRegulationGroupRelations"]
        if r["planObjectKey"] != removed["planObjectKey"]
    ]
    reshaped = objects[0]
    ring = reshaped["geometry"]["geometry"]["coordinates"][0]
    ring[1][0] += 5.0  # move one corner 5 m east
    added = copy.deepcopy(objects[1])
    added["planObjectKey"] = "11111111-2222-5333-8444-555555555555"
    added["geometry"]["geometry"]["coordinates"] = [
        [
            [25486000.0, 6672000.0],
            [25486010.0, 6672000.0],
            [25486010.0, 6672010.0],
            [25486000.0, 6672010.0],
            [25486000.0, 6672000.0],
        ]
    ]
    objects.append(added)
    new["planRegulationGroupRelations"].append(
        {
            "planObjectKey": added["planObjectKey"],
            "planRegulationGroupKey": new["planRegulationGroups"][0]["planRegulationGroupKey"],
        }
    )
    floor = next(
        g
        for g in new["planRegulationGroups"]
        if g["planRegulations"][0]["type"].endswith("/sallittuKerrosala")
    )
    floor["planRegulations"][0]["value"]["number"] += 200
    holders = {
        r["planObjectKey"]
        for r in new["planRegulationGroupRelations"]
        if r["planRegulationGroupKey"] == floor["planRegulationGroupKey"]
    }
    expected = {
        removed["planObjectKey"]: ["removed"],
        reshaped["planObjectKey"]: ["reshaped"]
        + (["reregulated"] if reshaped["planObjectKey"] in holders else []),
        added["planObjectKey"]: ["added"],
        **{key: ["reregulated"] for key in holders if key != reshaped["planObjectKey"]},
    }
    return new, expected


def test_diff_of_a_plan_with_itself_is_empty(sample_plan: Path, capsys) -> None:
    data = _load(sample_plan)
    result = diff_plans(_plan(data), _plan(copy.deepcopy(data)))
    assert result.empty and result.objects == [] and result.unchanged == len(data["planObjects"])
    code, out, _ = run(["diff", str(sample_plan), str(sample_plan)], capsys)
    assert code == 0 and "ei muutoksia" in out


def test_diff_of_a_hand_changed_copy_lists_exactly_the_changes(
    sample_plan: Path, tmp_path: Path, capsys
) -> None:
    data = _load(sample_plan)
    new, expected = _change_by_hand(data)
    result = diff_plans(_plan(data), _plan(new))
    found = {(c.new_key or c.old_key): c.kinds for c in result.objects}
    assert found == expected
    reshaped = next(c for c in result.objects if "reshaped" in c.kinds)
    old_geom = shapely.geometry.shape(data["planObjects"][0]["geometry"]["geometry"])
    new_geom = shapely.geometry.shape(new["planObjects"][0]["geometry"]["geometry"])
    assert reshaped.area_change == pytest.approx(new_geom.area - old_geom.area)
    regs = next(c for c in result.objects if "reregulated" in c.kinds)
    assert len(regs.regulations_added) == len(regs.regulations_removed) == 1
    assert regs.regulations_added[0].startswith("Rakennusoikeus")
    assert result.plan_changes == [] and not result.general_added and not result.general_removed
    totals = [compute_figures(_plan(d)).total_floor_area for d in (data, new)]
    assert result.totals["floorAreaChange"] == pytest.approx(totals[1] - totals[0])
    path = tmp_path / "uusi.json"
    path.write_text(json.dumps(new), encoding="utf-8")
    for suffix in (".md", ".html", ".json", ".geojson"):
        out_file = tmp_path / f"muutokset{suffix}"
        code, _, err = run(["diff", str(sample_plan), str(path), "-o", str(out_file)], capsys)
        assert code == 1, err
        text = out_file.read_text(encoding="utf-8")
        if suffix == ".html":
            assert "<svg" in text and "poistettu" in text
        elif suffix == ".json":
            assert json.loads(text)["counts"]["removed"] == 1
        elif suffix == ".geojson":
            assert len(json.loads(text)["features"]) == len(expected)


def test_diff_matches_by_geometry_when_keys_change(sample_plan: Path) -> None:
    data = _load(sample_plan)
    new = copy.deepcopy(data)
    renamed = {}
    for i, obj in enumerate(new["planObjects"]):
        renamed[obj["planObjectKey"]] = f"00000000-0000-5000-9000-{i:012d}"
        obj["planObjectKey"] = renamed[obj["planObjectKey"]]
    for rel in new["planRegulationGroupRelations"]:
        rel["planObjectKey"] = renamed[rel["planObjectKey"]]
    result = diff_plans(_plan(data), _plan(new))
    assert result.empty and result.unchanged == len(data["planObjects"])


def test_diff_between_real_versions_of_a_change(kaavamuutos) -> None:
    """A real plan against the change plan that replaces part of it: nothing matches by key."""
    old = _load(kaavamuutos["SpatialPlan-asemakaava-kumottava-001741"])
    new = _load(kaavamuutos["SpatialPlan-asemakaavamuutos"])
    result = diff_plans(_plan(old), _plan(new))
    kinds = sorted(k for c in result.objects for k in c.kinds)
    assert kinds.count("added") + kinds.count("removed") + kinds.count("reshaped") >= 2
    assert {c["field"] for c in result.plan_changes} >= {"approvalDate", "geographicalArea"}


def test_compare_gives_the_figures_of_the_plan_description(
    sample_plan: Path, tmp_path: Path, capsys
) -> None:
    data = _load(sample_plan)
    alt = copy.deepcopy(data)
    for group in alt["planRegulationGroups"]:
        for reg in group["planRegulations"]:
            if reg["type"] == REG + "sallittuKerrosala":
                reg["value"]["number"] *= 2
    figures = [compute_figures(_plan(d)) for d in (data, alt)]
    result = compare_plans([_plan(data), _plan(alt)], ["VE A", "VE B"])
    total = next(r for r in result.rows if r["label"] == "Rakennusoikeus yhteensä")["values"]
    assert total == [figures[0].total_floor_area, figures[1].total_floor_area]
    assert total[1] > total[0]
    green = next(r for r in result.rows if r["label"] == "Viheralueiden osuus")["values"]
    assert green[0] == pytest.approx(
        sum(c.share_pct for c in figures[0].classes if c.syke_class == "V")
    )
    path = tmp_path / "ve-b.json"
    path.write_text(json.dumps(alt), encoding="utf-8")
    docx = tmp_path / "vertailu.docx"
    code, _, err = run(
        ["compare", str(sample_plan), str(path), "--names", "VE A,VE B", "-o", str(docx)], capsys
    )
    assert code == 0, err
    table = Document(str(docx)).tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Mitoitus",
        "yks.",
        "VE A",
        "VE B",
        "ero VE A:een",
    ]
    code, out, _ = run(["compare", str(sample_plan), str(path)], capsys)
    assert "| Rakennusoikeus yhteensä | k-m² |" in out


def test_scenario_changes_values_validates_and_is_repeatable(
    sample_plan: Path, tmp_path: Path, capsys
) -> None:
    data = _load(sample_plan)
    changes = [parse_change("AK:e=1.2"), parse_change("block 2:sallittuKerrosala=+10%")]
    result = apply_scenario(data, changes, plan_type="31", municipality="049")
    assert result.new_errors == [] and result.inherited_errors == []
    again = apply_scenario(data, changes, plan_type="31", municipality="049")
    assert again.plan == result.plan  # keys are uuid5 over the plan and the changes
    assert result.plan["planKey"] != data["planKey"]
    assert "Skenaario: AK:e=1.2" in result.plan["planDescription"]
    before = compute_figures(_plan(data))
    after = compute_figures(_plan(result.plan))
    block_2 = next(b for b in before.blocks if b.number == "2")
    assert after.total_floor_area == pytest.approx(
        before.total_floor_area + 0.1 * block_2.floor_area
    )
    ak_objects = [
        o
        for o, letters in zip(_plan(result.plan).objects(), after.object_letters, strict=True)
        if "AK" in letters
    ]
    groups = _plan(result.plan).groups_by_object()
    for obj in ak_objects:
        values = [
            r.value.number
            for g in groups[obj.plan_object_key]
            for r in g.plan_regulations
            if r.type == REG + "tehokkuusluku"
        ]
        assert values == [1.2]
    assert data == _load(sample_plan)  # the input is untouched
    out = tmp_path / "ve-c.json"
    code, stdout, err = run(
        [
            "scenario",
            str(sample_plan),
            "--set",
            "AK:e=1.2",
            "--set",
            "block 2:sallittuKerrosala=+10%",
            "-o",
            str(out),
            "--plan-type",
            "31",
            "--municipality",
            "049",
        ],
        capsys,
    )
    assert code == 0, err
    assert _load(out) == result.plan
    assert "Rakennusoikeus yhteensä" in stdout and "(validates)" in err


def test_scenario_shared_groups_are_copied_not_changed_for_everyone(sample_plan: Path) -> None:
    data = _load(sample_plan)
    result = apply_scenario(data, [parse_change("block 1:kerrosluku=6")])
    before = compute_figures(_plan(data))
    in_block = {
        o.plan_object_key
        for o, b in zip(_plan(data).objects(), before.object_blocks, strict=True)
        if b == "1"
    }

    def storeys(data: dict) -> dict[str, int]:
        out = {}
        for key, groups in _plan(data).groups_by_object().items():
            for g in groups:
                for r in g.plan_regulations:
                    if r.type == REG + "maanpaallinenKerroslukuLuku":
                        out[key] = r.value.number
        return out

    old, new = storeys(data), storeys(result.plan)
    assert old.keys() == new.keys()
    changed = {k for k in old if in_block & {k}}
    assert changed and all(new[k] == 6 for k in changed)
    assert all(new[k] == old[k] for k in old if k not in in_block)
    assert any(old[k] != 6 for k in old if k not in in_block)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("AK e=1.2", "TARGET:PROPERTY=VALUE"),
        ("AK:ei-tallaista=1", "unknown property"),
        ("AK:e=paljon", "cannot read the value"),
    ],
)
def test_scenario_bad_changes_are_usage_errors(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_change(text)


def test_scenario_relative_change_without_a_value_is_refused(
    sample_plan: Path, tmp_path: Path, capsys
) -> None:
    data = _load(sample_plan)
    with pytest.raises(UsageError, match="no tehokkuusluku"):
        apply_scenario(data, [parse_change("VL:e=+10%")])
    with pytest.raises(UsageError, match="no plan object matches"):
        apply_scenario(data, [parse_change("XYZ:e=1")])
    out = tmp_path / "x.json"
    code, _, err = run(["scenario", str(sample_plan), "--set", "VL:e=+10%", "-o", str(out)], capsys)
    assert code == 2 and not out.exists() and "Traceback" not in err
