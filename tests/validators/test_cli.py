"""``ryhti validate`` and ``ryhti rules`` end to end: inputs, selection, configuration,
suppressions, exit codes and bad input (one clear line, exit 2, never a traceback)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ryhti.cli import main
from tests.validators.bases import plan

FAULTY = {"remove": "planRegulationGroupRelations"}


def write(path: Path, doc: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def faulty_plan() -> dict[str, Any]:
    """The base plan with its VL area's group relation removed: R006, R007 and G015 (errors)."""
    doc = plan()
    doc["planRegulationGroupRelations"].pop(1)
    return doc


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "good": write(tmp_path / "in" / "good.json", plan()),
        "bad": write(tmp_path / "in" / "sub" / "bad.json", faulty_plan()),
    }


@pytest.fixture(autouse=True)
def _no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from an empty folder so the repository's own configuration is not picked up."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)


def test_clean_file_exits_0(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    code, out, err = run(capsys, "validate", str(files["good"]), "--plan-type", "31")
    assert code == 0, err
    assert "no findings" in out


def test_errors_exit_1_with_json_report(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, _ = run(capsys, "validate", str(files["bad"]), "--plan-type", "31", "-f", "json")
    assert code == 1
    report = json.loads(out)
    rules = {f["rule"] for f in report["findings"]}
    assert {"R006", "G015"} <= rules
    gap = next(f for f in report["findings"] if f["rule"] == "G015")
    assert gap["geometry"]["type"] == "Polygon"
    assert gap["officialId"] == "quality__req_geom_spatialplan_area_reservation_cover"


def test_folder_and_glob_inputs(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    folder = files["good"].parent
    code, out, _ = run(capsys, "validate", str(folder), "-f", "json")
    assert code == 1
    assert len({f["source"] for f in json.loads(out)["findings"]}) == 1
    code, out, _ = run(capsys, "validate", str(folder / "**" / "*.json"), "-f", "json")
    assert code == 1
    code, _, err = run(capsys, "validate", str(folder / "*.nothing"))
    assert code == 2 and "no files match" in err


def test_select_ignore_and_severity(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    bad = str(files["bad"])
    code, out, _ = run(capsys, "validate", bad, "--select", "S,C", "-f", "json")
    assert code == 0 and not json.loads(out)["findings"]
    code, _, _ = run(capsys, "validate", bad, "--ignore", "R006,R007,G015")
    assert code == 0
    code, out, _ = run(
        capsys, "validate", bad, "--severity", "R=warning", "--severity", "G=warning", "-f", "json"
    )
    assert code == 0
    assert {f["severity"] for f in json.loads(out)["findings"]} == {"warning"}
    code, _, err = run(capsys, "validate", bad, "--severity", "R006=fatal")
    assert code == 2 and "unknown severity" in err
    code, _, err = run(capsys, "validate", bad, "--select", "Z999")
    assert code == 2 and "no rule matches" in err


def test_select_by_syke_id(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    code, out, _ = run(
        capsys,
        "validate",
        str(files["bad"]),
        "--select",
        "quality__req_spatialplanobject_spatialplanregulationgroup_not_empty",
        "-f",
        "json",
    )
    assert code == 1
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"R006"}


def test_config_file_and_suppressions(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    Path("ryhti.toml").write_text(
        """
lang = "fi"
ignore = ["G015"]

[severity]
R007 = "warning"

[[suppress]]
rule = "R006"
path = "$.planObjects[1]"
reason = "The park is regulated by the neighbouring plan."
""",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(files["bad"]), "-f", "json")
    assert code == 0, out
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["R007"]
    Path("ryhti.toml").unlink()
    Path("pyproject.toml").write_text(
        '[tool.ryhti]\nlang = "fi"\n[tool.ryhti.severity]\nR006 = "warning"\nR007 = "info"\n'
        'G015 = "info"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(files["bad"]), "-f", "json")
    assert code == 0
    r006 = next(f for f in json.loads(out)["findings"] if f["rule"] == "R006")
    assert r006["severity"] == "warning"
    assert "Kaavakohteeseen" in r006["message"]
    code, _, _ = run(capsys, "validate", str(files["bad"]), "--no-config")
    assert code == 1


def test_suppression_without_reason_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    Path("ryhti.toml").write_text('[[suppress]]\nrule = "R006"\n', encoding="utf-8")
    code, _, err = run(capsys, "validate", str(files["bad"]))
    assert code == 2
    assert "has no reason" in err and "Traceback" not in err


def test_explicit_config_and_profiles(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    cfg = tmp_path / "strict.toml"
    cfg.write_text('[profiles.AK]\nseverity = { R = "info", G015 = "info" }\n', encoding="utf-8")
    code, _, _ = run(
        capsys, "validate", str(files["bad"]), "--config", str(cfg), "--plan-type", "31"
    )
    assert code == 0  # the asemakaava profile applies
    code, _, _ = run(
        capsys, "validate", str(files["bad"]), "--config", str(cfg), "--plan-type", "23"
    )
    assert code == 1  # a yleiskaava: the profile does not


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "line 1, column 2"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "input.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert message in err and str(path) in err
    assert "Traceback" not in err


def test_too_large_input(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RYHTI_MAX_INPUT_BYTES", "100")
    code, _, err = run(capsys, "validate", str(files["good"]))
    assert code == 2
    assert "over the limit" in err


def test_one_bad_file_among_good_ones_exits_2_but_reports_the_others(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    broken = files["good"].parent / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(files["good"].parent), "-f", "json")
    assert code == 2
    assert "broken.json" in err
    assert any(f["rule"] == "R006" for f in json.loads(out)["findings"])


def test_parallel_jobs_give_the_same_findings(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    folder = str(files["good"].parent)
    _, serial, _ = run(capsys, "validate", folder, "-f", "json")
    _, parallel, _ = run(capsys, "validate", folder, "-f", "json", "--jobs", "2", "--progress")
    assert json.loads(serial)["findings"] == json.loads(parallel)["findings"]


def test_every_report_format(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    from ryhti.reports import FORMATS

    for fmt in FORMATS:
        out_file = tmp_path / f"report.{fmt}"
        code, _, err = run(capsys, "validate", str(files["bad"]), "-f", fmt, "-o", str(out_file))
        assert code == 1, (fmt, err)
        assert out_file.read_text(encoding="utf-8").strip(), fmt


def test_rules_table_json_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "G015" in out and "remote only" in out
    code, out, _ = run(capsys, "rules", "-f", "json", "--select", "G")
    entries = json.loads(out)
    assert code == 0 and entries and all(e["id"].startswith("G") for e in entries)
    code, out, _ = run(
        capsys, "rules", "--explain", "quality__req_geom_spatialplan_area_reservation_cover"
    )
    assert code == 0 and out.startswith("G015 reservation-cover")
    code, out, _ = run(capsys, "rules", "--explain", "g014")
    assert code == 0 and "Anti-pattern" in out
    code, _, err = run(capsys, "rules", "--explain", "nope")
    assert code == 2 and "no rule" in err
    code, out, _ = run(capsys, "rules", "--remote", "-f", "json")
    assert all(e["status"] == "remote only" for e in json.loads(out))


def test_conversion_findings_are_explained_too(capsys: pytest.CaptureFixture[str]) -> None:
    from ryhti.parsers.rules import RULES

    for rule_id, rule in RULES.items():
        code, out, _ = run(capsys, "rules", "--explain", rule_id.lower())
        assert code == 0 and out.startswith(f"{rule_id} — {rule.title}")
        assert rule.why in out and rule.fix in out and "conversion" in out
