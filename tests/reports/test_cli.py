"""``ryhti report``: a saved JSON report converts to every format without loss."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ryhti.cli import cli
from ryhti.reports import FORMATS, render, write
from tests.reports import sample

VERSION = "0.0.0-test"


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    return write(
        sample.findings(),
        "json",
        tmp_path / "report.json",
        rules=sample.RULES,
        stats=sample.STATS,
        tool_version=VERSION,
    )


def _direct(fmt: str, **kwargs: object) -> str:
    return render(
        sample.findings(),
        fmt,
        rules=sample.RULES,
        stats=sample.STATS,
        tool_version=VERSION,
        color=False,
        **kwargs,
    )


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "html"])
def test_report_reproduces_direct_rendering(saved: Path, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["report", str(saved), "--format", fmt, "--no-color"])
    assert result.exit_code == 0, result.output
    assert result.output == _direct(fmt)


def test_report_writes_file_with_language_and_html_map(saved: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(sample.plan_json()), encoding="utf-8")
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(
        cli,
        [
            "report",
            str(saved),
            "--format",
            "html",
            "-o",
            str(out),
            "--lang",
            "fi",
            "--plan",
            str(plan),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Tarkistusraportti" in text
    assert 'class="o a kA"' in text or "kA" in text  # the plan's AK block drawn


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("error", 1), ("info", 1)])
def test_fail_on_sets_the_exit_code(saved: Path, fail_on: str, code: int) -> None:
    result = CliRunner().invoke(
        cli, ["report", str(saved), "--format", "github", "--fail-on", fail_on]
    )
    assert result.exit_code == code


def test_not_a_report_is_exit_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text(json.dumps({"planKey": "x"}), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "ryhti", "report", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "not a ryhti JSON report" in proc.stderr
    newer = tmp_path / "v2.json"
    newer.write_text(json.dumps({"version": "2.0", "findings": []}), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "ryhti", "report", str(newer)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "not supported" in proc.stderr
