"""One settings file for every command (:mod:`ryhti.settings`): each reads its own part and
leaves the others' parts alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ryhti.archive.store import find_location
from ryhti.cli import main
from ryhti.errors import UsageError
from ryhti.nlp.cli import configured_lexicon
from ryhti.settings import find_settings, read_section, read_settings
from ryhti.validators.config import load_config
from tests.validators.bases import plan

SHARED = """
select = ["S", "R"]
lang = "fi"

[api]
public_url = "http://127.0.0.1:9/ryhti"

[extract]
lexicon = "lexicon/espoo.toml"

[archive]
path = "kaavat.gpkg"
"""


def test_every_command_reads_its_own_part(tmp_path: Path, monkeypatch) -> None:
    from ryhti.api.config import load_config as load_api

    (tmp_path / "ryhti.toml").write_text(SHARED, encoding="utf-8")
    below = tmp_path / "plans" / "2025"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    for var in ("RYHTI_CONFIG", "RYHTI_API_URL", "RYHTI_ARCHIVE"):
        monkeypatch.delenv(var, raising=False)
    assert find_settings() == tmp_path / "ryhti.toml"
    config = load_config()
    assert config.select == ("S", "R") and config.lang == "fi"
    assert configured_lexicon() == tmp_path / "lexicon" / "espoo.toml"
    assert find_location(None) == str((tmp_path / "kaavat.gpkg").resolve())
    assert load_api().public_url == "http://127.0.0.1:9/ryhti"


def test_validate_runs_with_the_other_commands_sections(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """`[extract]` in ryhti.toml once made `ryhti validate` stop with "unknown setting"."""
    (tmp_path / "ryhti.toml").write_text(SHARED, encoding="utf-8")
    (tmp_path / "plan.json").write_text(json.dumps(plan()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(["validate", "plan.json", "--format", "json"])
    assert exc.value.code == 0, capsys.readouterr().err
    assert json.loads(capsys.readouterr().out)["summary"]["error"] == 0


def test_a_misspelt_validator_key_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "ryhti.toml").write_text('selcet = ["S"]\n[extract]\nlexicon = "x"\n')
    with pytest.raises(UsageError, match="unknown setting 'selcet'"):
        load_config(tmp_path / "ryhti.toml")


def test_pyproject_sections(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.ryhti]\nignore = ["X004"]\n'
        '[tool.ryhti.archive]\npath = "postgresql://localhost/kaavat"\n',
        encoding="utf-8",
    )
    assert find_settings(tmp_path) == tmp_path / "pyproject.toml"
    assert load_config(tmp_path / "pyproject.toml").ignore == ("X004",)
    assert find_location(None, cwd=tmp_path) == "postgresql://localhost/kaavat"
    assert read_section("extract", start=tmp_path).table == {}


def test_a_pyproject_without_tool_ryhti_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    assert find_settings(inner) in (None, *[p / "ryhti.toml" for p in tmp_path.parents])
    assert read_settings(tmp_path / "pyproject.toml") == {}


def test_a_section_that_is_not_a_table_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "ryhti.toml").write_text('archive = "kaavat.gpkg"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"\[archive\] must be a table") as exc:
        read_section("archive", start=tmp_path)
    assert "ryhti.toml" in str(exc.value)
