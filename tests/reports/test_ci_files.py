"""action.yml and .pre-commit-hooks.yaml: well-formed, and the action's scripts work.

The action's shell steps are run here as GitHub would run them (bash -eo pipefail,
GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), with a stand-in for ``ryhti validate``
that writes a known JSON report, and the real ``ryhti report`` for the rest.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ryhti.reports import write
from tests.reports import sample

ROOT = Path(__file__).resolve().parents[2]
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_is_a_composite_with_the_promised_inputs(action: dict) -> None:
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    for name in ("paths", "format", "select", "ignore", "fail-on", "upload-sarif", "lang"):
        assert name in inputs and "description" in inputs[name]
    text = ACTION.read_text(encoding="utf-8")
    for used in re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", text):
        assert used in inputs, f"inputs.{used} is used but not declared"
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash", step["name"]
    uses = [s["uses"] for s in action["runs"]["steps"] if "uses" in s]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)


def _run_steps() -> list[dict]:
    data = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return [s for s in data["runs"]["steps"] if "run" in s]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not available")
@pytest.mark.parametrize("step", _run_steps(), ids=lambda s: s["name"])
def test_action_scripts_are_valid_bash(step: dict) -> None:
    proc = subprocess.run(["bash", "-n"], input=step["run"], text=True, capture_output=True)
    assert proc.returncode == 0, proc.stderr


def _stub_ryhti(bin_dir: Path, report: Path, log: Path) -> None:
    """A ``ryhti`` whose ``validate`` writes ``report`` and exits 1; other commands are real."""
    script = bin_dir / "ryhti"
    script.write_text(
        "#!/usr/bin/env bash\n"
        'if [ "$1" = validate ]; then\n'
        f'  printf "%s\\n" "$@" > "{log}"\n'
        '  while [ $# -gt 0 ]; do [ "$1" = -o ] && cp "' + str(report) + '" "$2"; shift; done\n'
        "  exit 1\n"
        "fi\n"
        f'exec "{sys.executable}" -m ryhti.cli "$@"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def _run_action(action: dict, tmp_path: Path, **inputs: str) -> dict:
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    work = tmp_path / "work"
    (work / "plans").mkdir(parents=True)
    (work / "plans" / "a.json").write_text("{}", encoding="utf-8")
    (work / "plans" / "b.json").write_text("{}", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    report = write(sample.findings(), "json", tmp_path / "saved.json", rules=sample.RULES)
    log = tmp_path / "validate-args.txt"
    _stub_ryhti(bin_dir, report, log)
    out_file, summary_file = tmp_path / "github_output", tmp_path / "step_summary"
    out_file.touch()
    summary_file.touch()
    outputs: dict[str, str] = {}
    results = []
    for step in action["runs"]["steps"]:
        if "run" not in step or step["name"] == "Install ryhti":
            continue
        if "if" in step and not _condition(step["if"], values):
            continue
        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        env.update(
            {
                "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}",
                "GITHUB_OUTPUT": str(out_file),
                "GITHUB_STEP_SUMMARY": str(summary_file),
                "PYTHONPATH": str(ROOT),
            }
        )
        for key, raw in (step.get("env") or {}).items():
            env[key] = _expand(str(raw), values, outputs)
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        results.append((step["name"], proc))
        for line in out_file.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            outputs[f"{step.get('id')}.{key}"] = value
        if proc.returncode != 0:
            break
    return {
        "steps": results,
        "outputs": outputs,
        "work": work,
        "summary": summary_file.read_text(encoding="utf-8"),
        "args": log.read_text(encoding="utf-8").splitlines() if log.exists() else [],
    }


def _condition(expr: str, values: dict[str, str]) -> bool:
    m = re.fullmatch(r"inputs\.([\w-]+)\s*(==|!=)\s*'([^']*)'", expr.strip())
    assert m, f"test does not understand condition {expr!r}"
    equal = values[m.group(1)] == m.group(3)
    return equal if m.group(2) == "==" else not equal


def _expand(text: str, values: dict[str, str], outputs: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return values[expr[len("inputs.") :]]
        if expr.startswith("steps."):
            _, step_id, _, key = expr.split(".")
            return outputs.get(f"{step_id}.{key}", "")
        if expr == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"unknown expression {expr}")

    return re.sub(r"\$\{\{(.*?)\}\}", sub, text)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not available")
def test_action_runs_end_to_end(action: dict, tmp_path: Path) -> None:
    run = _run_action(
        action,
        tmp_path,
        paths="plans/*.json\nother.json",
        select="G,S",
        format="html,junit,bogus",
        lang="fi",
    )
    names = [name for name, _ in run["steps"]]
    assert names == ["Validate", "Write reports", "Annotate", "Summary", "Check findings"]
    *ok, (_, last) = run["steps"]
    for name, proc in ok:
        assert proc.returncode == 0, f"{name}: {proc.stderr}"
    assert last.returncode == 1, "errors in the report fail the step with fail-on: error"
    assert run["args"][:4] == ["validate", "plans/a.json", "plans/b.json", "other.json"]
    assert run["args"][4:] == [
        "--format",
        "json",
        "-o",
        "ryhti-report/ryhti.json",
        "--select",
        "G,S",
    ]
    out = run["work"] / "ryhti-report"
    assert sorted(p.name for p in out.iterdir()) == [
        "ryhti.html",
        "ryhti.json",
        "ryhti.sarif",
        "ryhti.xml",
    ]
    assert run["outputs"]["validate.sarif"] == "ryhti-report/ryhti.sarif"
    assert run["outputs"]["summary.errors"] == "2"
    assert run["outputs"]["summary.warnings"] == "2"
    annotate = dict(run["steps"])["Annotate"].stdout
    assert annotate.count("::error ") == 2 and "::warning " in annotate
    assert "unknown report format 'bogus'" in dict(run["steps"])["Write reports"].stdout
    assert "### ryhti validate" in run["summary"] and "2 virhettä" in run["summary"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not available")
def test_action_passes_with_fail_on_never(action: dict, tmp_path: Path) -> None:
    run = _run_action(action, tmp_path, **{"fail-on": "never", "annotations": "false"})
    assert [name for name, _ in run["steps"]] == [
        "Validate",
        "Write reports",
        "Summary",
        "Check findings",
    ]
    assert all(proc.returncode == 0 for _, proc in run["steps"])
    assert run["args"][:2] == ["validate", "."]


def test_pre_commit_hooks_manifest() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"ryhti-validate", "ryhti-validate-system"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["entry"].startswith("ryhti validate")
        assert hook["types"] == ["json"]
    assert by_id["ryhti-validate"]["language"] == "python"
    assert by_id["ryhti-validate-system"]["language"] == "system"


def test_action_names_exactly_the_registered_formats(action: dict) -> None:
    """action.yml cannot import the registry (ryhti.reports.formats): it must copy it exactly."""
    from ryhti.reports.formats import all_formats

    registered = {f.name: f.extension.lstrip(".") for f in all_formats()}
    step = next(s for s in action["runs"]["steps"] if s["name"] == "Write reports")
    table = re.search(r"declare -A ext=\((.*?)\)\n", step["run"])
    assert table, "the Write reports step lost its table of formats"
    listed = dict(re.findall(r"\[(\w+)\]=(\w+)", table.group(1)))
    assert listed == registered
    described = re.findall(r"\b(\w+)\b", action["inputs"]["format"]["description"])
    named = [w for w in described if w in registered]
    assert named == list(registered), "the format input's description lists other formats"


def test_ci_doc_names_exactly_the_registered_formats() -> None:
    from ryhti.reports import FORMATS

    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    section = doc.split("## Report formats", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \|", section, re.M)
    assert rows == list(FORMATS)


def test_light_install_reads_the_validate_extra(action: dict) -> None:
    """The install step's snippet prints exactly setup.cfg's ``validate`` extra."""
    import configparser

    step = next(s for s in action["runs"]["steps"] if s["name"] == "Install ryhti")
    snippet = re.search(r"<<'PY'\n(.*?)\nPY\n", step["run"], re.S)
    assert snippet, "the install step lost its requirement snippet"
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    extras = cfg["options.extras_require"]
    light = [line.strip() for line in extras["validate"].splitlines() if line.strip()]
    dev = [line.strip() for line in extras["dev"].splitlines() if line.strip()]
    base = [
        line.strip() for line in cfg["options"]["install_requires"].splitlines() if line.strip()
    ]
    assert set(light) <= set(base), "the light install must be a part of the full one"
    # as setuptools writes Requires-Dist (single or double quotes, with or without spaces)
    metadata = [
        *base,
        *(f'{r}; extra == "validate"' for r in light),
        *(f"{r} ; extra=='dev'" for r in dev),
    ]
    code = "import importlib.metadata as m\nm.requires = lambda name: METADATA\n" + snippet.group(
        1
    ).replace("from importlib.metadata import requires", "requires = m.requires")
    proc = subprocess.run(
        [sys.executable, "-c", f"METADATA = {metadata!r}\n{code}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.split() == light
