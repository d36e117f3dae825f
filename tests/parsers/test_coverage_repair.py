"""``ryhti convert --repair-coverage``: slivers closed, everything wider left alone, every change said.

On plan JSON (the fixture base plan: an AK block and a VL area sharing an edge, a
building area inside the block) and through the real command line on a GeoPackage made
from the ``ryhti init`` template:

* an overlap, a gap and a non-matching vertex narrower than the tolerance are repaired:
  the validator then finds no G014/G015/G016, and each change is a CV030 finding with its
  area, width and location, and an entry of the report's ``coverageRepair``;
* an overlap wider than the tolerance, a duplicate and an invalid reservation are left
  exactly as they are, each with the reason;
* a part outside the plan area and a gap along its boundary narrower than the tolerance
  are cut off and filled.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import shapely

from ryhti.cli import main
from ryhti.errors import UsageError
from ryhti.findings import Severity
from ryhti.parsers.coverage_repair import repair_coverage, repair_result
from ryhti.parsers.template import write_template
from ryhti.validators import Config, validate
from tests.validators.bases import BASES, TODAY

from .conftest import write_layer

AK, VL = 0, 1


def _set(plan: dict[str, Any], row: int, ring: list[list[float]]) -> None:
    plan["planObjects"][row]["geometry"]["geometry"] = {"type": "Polygon", "coordinates": [ring]}


def _box(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def _coverage_findings(plan: dict[str, Any]) -> list[str]:
    result = validate(plan, plan_type="31", config=Config(today=TODAY))
    return [f.rule for f in result.findings if f.rule in ("G013", "G014", "G015", "G016")]


class _Result:
    def __init__(self) -> None:
        self.findings: list[Any] = []
        self.report: dict[str, Any] = {"summary": {"findings": {"warning": 0}}}


def test_a_narrow_overlap_is_closed_and_said() -> None:
    plan = BASES["plan"]()
    _set(plan, VL, _box(385059.997, 6672000.0, 385100.0, 6672100.0))  # 3 mm into the block
    assert "G014" in _coverage_findings(plan)
    result = _Result()
    findings = repair_result(result, plan, 0.01)
    assert _coverage_findings(plan) == []
    (change,) = [f for f in findings if f.data["change"] == "removed"]
    assert change.rule == "CV030" and change.severity is Severity.WARNING
    assert change.data["area"] == pytest.approx(0.3, abs=1e-6)
    assert change.data["width"] == pytest.approx(0.003, rel=0.02)
    assert change.geometry.geom_type == "Polygon" and change.srid == "3067"
    x, y = change.data["location"]
    assert 385059.99 < x < 385060.01 and 6672000 < y < 6672100
    assert result.report["coverageRepair"]["objectsChanged"] == 1
    assert result.report["summary"]["findings"]["warning"] == len(findings)


def test_a_narrow_gap_and_a_t_junction_are_closed() -> None:
    plan = BASES["plan"]()
    _set(plan, VL, _box(385060.004, 6672000.0, 385100.0, 6672100.0))  # a 4 mm gap
    assert "G015" in _coverage_findings(plan)
    changes, kept, problem = repair_coverage(plan, 0.01)
    assert problem is None and kept == []
    assert _coverage_findings(plan) == []
    assert sum(c.area for c in changes if c.kind == "added") == pytest.approx(0.4, abs=1e-6)
    plan = BASES["plan"]()
    ring = _box(385060.0, 6672000.0, 385100.0, 6672100.0)
    ring.insert(4, [385060.0, 6672050.0])  # a vertex on the block's edge the block lacks
    _set(plan, VL, ring)
    assert "G016" in _coverage_findings(plan)
    changes, _, _ = repair_coverage(plan, 0.01)
    assert _coverage_findings(plan) == []
    assert [c.kind for c in changes] == ["vertices"]
    assert changes[0].geometry.geom_type in ("Point", "MultiPoint")


def test_what_is_wider_than_the_tolerance_is_left_alone() -> None:
    plan = BASES["plan"]()
    _set(plan, VL, _box(385050.0, 6672000.0, 385100.0, 6672100.0))  # 10 m into the block
    before = copy.deepcopy(plan)
    changes, kept, _ = repair_coverage(plan, 0.01)
    assert changes == [] and plan == before
    assert sorted(c.row for c in kept) == [AK, VL]
    assert all("more widely than the tolerance" in c.reason for c in kept)
    # a duplicate is a planning question too
    plan = BASES["plan"]()
    twin = copy.deepcopy(plan["planObjects"][AK])
    twin["planObjectKey"] = "aaaaaaaa-0000-4000-8000-000000009999"
    plan["planObjects"].append(twin)
    plan["planRegulationGroupRelations"].append(
        {**plan["planRegulationGroupRelations"][0], "planObjectKey": twin["planObjectKey"]}
    )
    before = copy.deepcopy(plan)
    changes, kept, _ = repair_coverage(plan, 0.5)
    assert changes == [] and plan == before and len(kept) == 2


def test_an_invalid_reservation_is_left_with_its_reason() -> None:
    plan = BASES["plan"]()
    _set(
        plan,
        AK,
        [
            [385000.0, 6672000.0],
            [385060.0, 6672100.0],
            [385060.0, 6672000.0],
            [385000.0, 6672100.0],
            [385000.0, 6672000.0],
        ],
    )
    _, kept, _ = repair_coverage(plan, 0.01)
    assert [(c.row, c.reason) for c in kept] == [(AK, "invalid or unreadable geometry (G004/G008)")]


def test_narrow_parts_outside_the_plan_area_and_boundary_gaps_are_repaired() -> None:
    plan = BASES["plan"]()
    _set(plan, AK, _box(384999.996, 6672000.0, 385060.0, 6672100.0))  # 4 mm out of the area
    _set(plan, VL, _box(385060.0, 6672000.0, 385099.995, 6672100.0))  # 5 mm short of it
    found = _coverage_findings(plan)
    assert "G015" in found
    changes, _, _ = repair_coverage(plan, 0.01)
    assert _coverage_findings(plan) == []
    assert {(c.row, c.kind) for c in changes} == {(AK, "removed"), (VL, "added")}


def test_the_tolerance_is_checked() -> None:
    with pytest.raises(UsageError):
        repair_coverage(BASES["plan"](), 0.0)
    with pytest.raises(UsageError):
        repair_coverage(BASES["plan"](), 50.0)


def test_convert_repair_coverage_through_the_command_line(tmp_path: Path, capsys: Any) -> None:
    gpkg = write_template(tmp_path, srid="3879")[0]
    x0, y0 = 25490000.0, 6675000.0
    write_layer(
        gpkg,
        "kaava_alue",
        [{"tunnus": "1"}],
        [shapely.box(x0, y0, x0 + 200, y0 + 100)],
        append=True,
    )
    blocks = [
        shapely.box(x0, y0, x0 + 100.002, y0 + 100),  # 2 mm over its neighbour
        shapely.box(x0 + 100, y0, x0 + 200, y0 + 100),
    ]
    rows = [{"tunnus": "1", "kaavamerkinta": "AK"}, {"tunnus": "2", "kaavamerkinta": "VL"}]
    write_layer(gpkg, "aluevaraukset", rows, blocks, append=True)
    plain, fixed, report = tmp_path / "plain.json", tmp_path / "fixed.json", tmp_path / "r.json"
    with pytest.raises(SystemExit) as unrepaired:  # the overlap is an error: exit 1
        main(["convert", str(gpkg), "--no-extract", "-o", str(plain), "-q"])
    assert unrepaired.value.code == 1
    assert "G014" in _coverage_findings(json.loads(plain.read_text(encoding="utf-8")))
    capsys.readouterr()
    main(
        [
            "convert",
            str(gpkg),
            "--no-extract",
            "--repair-coverage",
            "0.01",
            "-o",
            str(fixed),
            "--report",
            str(report),
        ]
    )
    err = capsys.readouterr().err
    assert "CV030" in err and "--repair-coverage 0.01: 0.2" in err
    assert _coverage_findings(json.loads(fixed.read_text(encoding="utf-8"))) == []
    section = json.loads(report.read_text(encoding="utf-8"))["coverageRepair"]
    assert section["tolerance"] == 0.01 and section["objectsChanged"] == 1
    (change,) = section["changes"]
    assert change["change"] == "removed" and change["area"] == pytest.approx(0.2, abs=1e-6)
    with pytest.raises(SystemExit) as exc:
        main(["convert", str(gpkg), "--repair-coverage", "0", "-o", str(tmp_path / "x.json")])
    assert exc.value.code == 2
