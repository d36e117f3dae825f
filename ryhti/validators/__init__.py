"""The local validator: every rule Syke's validator applies that the payload decides, and more.

    >>> from ryhti.validators import validate, validate_file, catalogue
    >>> result = validate_file("plan.json", plan_type="31", municipality="601")
    >>> result.ok, result.counts
    >>> [f"{f.rule} {f.path}: {f.message}" for f in result.findings]

Rules live one per file under :mod:`ryhti.validators.rules` (families S structure,
C code lists, V values, R references, G geometry, L lifecycle and dates,
X consistency); :func:`catalogue` lists them. :class:`Config` selects rules,
changes severities and tolerances and holds suppressions; it is read from
``ryhti.toml`` or ``[tool.ryhti]`` in ``pyproject.toml`` by :func:`load_config`.
"""

from __future__ import annotations

from ryhti.validators.catalogue import RuleInfo, all_rules, catalogue, explain, find_rule
from ryhti.validators.config import Config, Profile, Suppression, find_config, load_config
from ryhti.validators.engine import (
    ValidationResult,
    expand_paths,
    validate,
    validate_file,
    validate_paths,
)
from ryhti.validators.rule import FieldRule, PlanRule, Rule

__all__ = [
    "Config",
    "FieldRule",
    "PlanRule",
    "Profile",
    "Rule",
    "RuleInfo",
    "Suppression",
    "ValidationResult",
    "all_rules",
    "catalogue",
    "expand_paths",
    "explain",
    "find_config",
    "find_rule",
    "load_config",
    "validate",
    "validate_file",
    "validate_paths",
]
