"""Configuration: files, selectors, severities, profiles and suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from ryhti.errors import InputError, UsageError
from ryhti.findings import Severity
from ryhti.validators import Config, all_rules, find_config, find_rule, load_config, validate
from ryhti.validators.config import config_from_mapping, selector_matches
from tests.validators.bases import plan


def rule(rule_id: str):
    found = find_rule(rule_id)
    assert found is not None
    return found


def faulty() -> dict:
    doc = plan()
    doc["planRegulationGroupRelations"].pop(1)  # R006, R007, G015
    return doc


def test_selectors() -> None:
    g015 = rule("G015")
    for sel in (
        "G015",
        "g015",
        "G",
        "G01",
        "reservation-cover",
        "ALL",
        "quality__req_geom_spatialplan_area_reservation_cover",
    ):
        assert selector_matches(sel, g015), sel
    for sel in ("G02", "R", "cover", ""):
        assert not selector_matches(sel, g015), sel


def test_select_ignore_severity() -> None:
    cfg = Config(select=("R",), ignore=("R007",), severity={"R006": Severity.WARNING})
    result = validate(faulty(), config=cfg, plan_type="31")
    assert {(f.rule, f.severity.value) for f in result.findings} == {("R006", "warning")}
    assert result.ok


def test_most_specific_severity_wins() -> None:
    cfg = Config(severity={"R": Severity.INFO, "R006": Severity.WARNING})
    assert cfg.severity_for(rule("R006")) is Severity.WARNING
    assert cfg.severity_for(rule("R007")) is Severity.INFO
    assert cfg.severity_for(rule("G015")) is Severity.ERROR


def test_severity_off_disables() -> None:
    cfg = config_from_mapping({"severity": {"G015": "off"}})
    assert not cfg.enabled(rule("G015"))


def test_profiles_apply_by_plan_level() -> None:
    cfg = config_from_mapping({"profiles": {"asemakaava": {"ignore": ["G015", "R"]}}})
    ak = validate(faulty(), config=cfg, plan_type="31")
    yk = validate(faulty(), config=cfg, plan_type="23")
    assert not ak.findings
    assert {"R006", "G015"} <= {f.rule for f in yk.findings}


def test_forced_profile() -> None:
    cfg = config_from_mapping({"plan-level": "MK"})
    result = validate(plan(), config=cfg)
    assert result.stats["plan_level"] == "maakuntakaava"


def test_suppressions_need_a_reason() -> None:
    with pytest.raises(UsageError, match="has no reason"):
        config_from_mapping({"suppress": [{"rule": "G015"}]})
    with pytest.raises(UsageError, match="has no reason"):
        config_from_mapping({"suppress": [{"rule": "G015", "reason": "  "}]})


def test_suppression_matches_rule_path_and_key() -> None:
    cfg = config_from_mapping(
        {
            "suppress": [
                {"rule": "R006", "path": "$.planObjects[1]", "reason": "regulated elsewhere"},
                {
                    "rule": "quality__req_spatialplanregulationgroup_spatialplanobject_not_empty",
                    "object-key": "aaaaaaaa-0000-4000-8000-*",
                    "reason": "kept for the next phase",
                },
            ]
        }
    )
    result = validate(faulty(), config=cfg, plan_type="31")
    assert {f.rule for f in result.findings} == {"G015"}
    assert sorted(f.rule for f, _ in result.suppressed) == ["R006", "R007"]
    assert result.to_json()["suppressed"][0]["suppression"]["reason"]


def test_unknown_settings_and_selectors_are_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown setting"):
        config_from_mapping({"selct": ["G"]})
    with pytest.raises(UsageError, match="no rule matches"):
        Config(ignore=("G999",)).check_selectors(all_rules())
    with pytest.raises(UsageError, match="lang"):
        config_from_mapping({"lang": "de"})
    bad = tmp_path / "ryhti.toml"
    bad.write_text("select = [", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        load_config(bad)


def test_config_files_are_found_upwards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    monkeypatch.chdir(deep)
    assert find_config() is None
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ryhti]\nignore = ["X"]\ntolerance = 0.001\n', encoding="utf-8"
    )
    assert find_config() == tmp_path / "pyproject.toml"
    cfg = load_config()
    assert cfg.ignore == ("X",) and cfg.tolerance == 0.001
    (tmp_path / "a" / "ryhti.toml").write_text('lang = "sv"\n', encoding="utf-8")
    assert load_config().lang == "sv"


def test_tolerances_change_verdicts() -> None:
    doc = plan()
    # the VL area stops 1 mm short of the block: a gap of 0.1 m² and 1 mm wide
    for pos in doc["planObjects"][1]["geometry"]["geometry"]["coordinates"][0]:
        if pos[0] == 385060.0:
            pos[0] = 385060.001
    strict = validate(doc, plan_type="31", config=Config(tolerance=0.0005))
    loose = validate(doc, plan_type="31", config=Config(tolerance=0.002))
    assert "G015" in {f.rule for f in strict.findings}
    assert "G015" not in {f.rule for f in loose.findings}
