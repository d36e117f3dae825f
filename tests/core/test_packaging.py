"""The package installs completely: every subpackage listed, schemas inside the wheel."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _listed_packages() -> set[str]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    return {line.strip() for line in cfg["options"]["packages"].splitlines() if line.strip()}


def test_every_subpackage_is_listed_in_setup_cfg() -> None:
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "ryhti").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    missing = found - _listed_packages()
    assert not missing, f"add to [options] packages in setup.cfg: {sorted(missing)}"


def test_wheel_carries_schemas_and_code_lists(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {proc.stderr.strip()[-300:]}")
    (wheel,) = tmp_path.glob("ryhti-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ryhti/schemas/ValidatePlan.schema.json" in names
    assert "ryhti/schemas/PlanMatterCreate.schema.json" in names
    assert any(n.startswith("ryhti/schemas/codelists/") and n.endswith(".json") for n in names)
    assert "ryhti/cli.py" in names and "ryhti/model/plan.py" in names
    assert "ryhti/nlp/lemma_table.tsv" in names  # package data read by the extractor


def test_import_ryhti_is_light() -> None:
    code = "import sys, ryhti; print(sorted(m for m in ('spacy', 'geopandas', 'matplotlib', 'shapely') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_python_api_mirrors_the_cli(tmp_path: Path) -> None:
    import ryhti

    assert ryhti.__version__
    assert callable(ryhti.load_plan) and callable(ryhti.from_json)
    assert ryhti.model.ValidatePlan.schema_name == "ValidatePlan"
    with pytest.raises(AttributeError):
        _ = ryhti.no_such_thing


def test_readme_python_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python API block, run on a freshly converted sample."""
    import json
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Python API\n\n```python\n(.*?)```", readme, re.S)
    assert block, "README lost its Python API example"
    import ryhti

    converted = ryhti.convert(
        ROOT / "samples/espoo-asemakaava/asemakaava.gpkg",
        regulations=ROOT / "samples/espoo-asemakaava/kaavamerkinnat.md",
    )
    (tmp_path / "out").mkdir()
    (tmp_path / "out/plan.json").write_text(json.dumps(converted.plan_json()), encoding="utf-8")
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"json": json}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    assert isinstance(namespace["markdown"], str) and namespace["markdown"].startswith("#")


#: Import names of install_requires that the ``validate`` extra leaves out.
HEAVY = (
    "geopandas",
    "pyogrio",
    "spacy",
    "libvoikko",
    "docx",
    "matplotlib",
    "rasterio",
    "pypdf",
    "psycopg",
    "orjson",
)


def test_the_light_install_validates_and_reports(tmp_path: Path) -> None:
    """``ryhti validate`` and every report format run with only the ``validate`` extra of
    setup.cfg importable (the GitHub Action's light install): the others are blocked."""
    import json

    from ryhti.reports import FORMATS
    from tests.validators.bases import plan

    (tmp_path / "plan.json").write_text(json.dumps(plan()), encoding="utf-8")
    blocker = (
        "import sys\n"
        f"HEAVY = {HEAVY!r}\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in HEAVY:\n"
        "            raise ModuleNotFoundError(f'blocked in the light install: {name}')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from ryhti.cli import main\n"
        "import sys as s\n"
        "main(s.argv[1:])\n"
    )

    def ryhti(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", blocker, *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )

    proc = ryhti("validate", "plan.json", "--format", "json", "-o", "report.json")
    assert proc.returncode == 0, proc.stderr
    for fmt in FORMATS:
        proc = ryhti(
            "report", "report.json", "--format", fmt, "--plan", "plan.json", "-o", f"r.{fmt}"
        )
        assert proc.returncode == 0, (fmt, proc.stderr)
        assert (tmp_path / f"r.{fmt}").stat().st_size > 0
