"""Validator configuration: rule selection, severities, tolerances, profiles, suppressions.

Read from ``ryhti.toml`` (keys at the top level, or under ``[tool.ryhti]``) or from
``[tool.ryhti]`` in ``pyproject.toml``, found by walking up from the working
folder like other linters do; command-line flags override the file::

    [tool.ryhti]
    select = ["S", "C", "G"]          # ids, id prefixes, names or Syke ids
    ignore = ["X004"]
    lang = "fi"
    tolerance = 0.0005                 # metres: Syke's 0.5 mm
    sliver-area = 1.0                  # m²
    sliver-width = 0.5                 # m
    [tool.ryhti.severity]
    R007 = "warning"
    [tool.ryhti.profiles.asemakaava]   # applies when the plan is an asemakaava
    severity = { G017 = "error" }
    [[tool.ryhti.suppress]]
    rule = "G016"
    path = "$.planObjects[12]*"        # JSON path, fnmatch pattern allowed
    reason = "the road area belongs to the neighbouring plan"

A suppression must say why: one without a ``reason`` is a configuration error,
so nobody silences a rule without leaving a trace for the next reviewer. The file is the
one every command reads (:mod:`ryhti.settings`): its ``[api]``, ``[extract]`` and
``[archive]`` sections belong to the other commands and are skipped here.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ryhti.errors import UsageError
from ryhti.findings import Finding, Severity
from ryhti.settings import SECTIONS, SETTINGS_FILES, read_settings
from ryhti.settings import find_settings as find_config

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.rule import Rule

__all__ = [
    "CONFIG_FILES",
    "Config",
    "Profile",
    "Suppression",
    "find_config",
    "load_config",
    "parse_severity",
]

#: Files searched for configuration, in order, in each folder from the working folder up.
CONFIG_FILES = SETTINGS_FILES

LANGS = ("en", "fi", "sv")
OFF = "off"


def parse_severity(text: Any, *, where: str = "severity") -> Severity | None:
    """``error``/``warning``/``info`` → Severity; ``off``/``ignore`` → None (rule disabled)."""
    value = str(text).strip().lower()
    if value in ("off", "ignore", "none", "disable", "disabled"):
        return None
    aliases = {"e": "error", "err": "error", "w": "warning", "warn": "warning", "i": "info"}
    value = aliases.get(value, value)
    try:
        return Severity(value)
    except ValueError:
        raise UsageError(
            f"{where}: unknown severity {text!r}; use error, warning, info or off"
        ) from None


@dataclass(frozen=True, slots=True)
class Suppression:
    """Silence one rule where a reviewer has decided the finding is acceptable.

    ``rule`` is a rule selector (id, name, Syke id or prefix); ``path``, ``object_key``
    and ``source`` narrow it (fnmatch patterns; ``path`` also matches everything
    below the given path). ``reason`` is required.
    """

    rule: str
    reason: str
    path: str | None = None
    object_key: str | None = None
    source: str | None = None

    def matches(self, finding: Finding, rule: Rule | None) -> bool:
        """True if this suppression covers ``finding`` (of ``rule``)."""
        if rule is not None:
            if not selector_matches(self.rule, rule):
                return False
        elif self.rule not in (finding.rule, finding.official_id):
            return False
        if self.path is not None:
            path = finding.path or "$"
            if not (
                fnmatch.fnmatchcase(path, self.path)
                or path == self.path
                or path.startswith(self.path + ".")
                or path.startswith(self.path + "[")
            ):
                return False
        if self.object_key is not None and not fnmatch.fnmatchcase(
            finding.object_key or "", self.object_key
        ):
            return False
        if self.source is not None:
            source = finding.source or ""
            if not (
                fnmatch.fnmatchcase(source, self.source)
                or fnmatch.fnmatchcase(Path(source).name, self.source)
            ):
                return False
        return True

    def to_json(self) -> dict[str, Any]:
        out = {"rule": self.rule, "reason": self.reason}
        for key in ("path", "object_key", "source"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True, slots=True)
class Profile:
    """Settings that apply only at one plan level (``[tool.ryhti.profiles.<level>]``)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that changes what the validator reports. Immutable; derive with ``replace``.

    Tolerances are in the units of the plan's coordinate system (metres for every
    srid RYHTI allows).
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)
    lang: str = "en"
    #: Gaps and overlaps not wider than this are ignored (Syke: 0.5 mm).
    tolerance: float = 0.0005
    #: A vertex this close to a neighbour's edge without being one of its vertices is a
    #: non-matching (T-junction) vertex.
    junction_distance: float = 0.01
    #: Polygon parts smaller than this area (m²) are slivers.
    sliver_area: float = 1.0
    #: Polygon parts narrower than this (m, estimated 2·area/perimeter) are slivers.
    sliver_width: float = 0.5
    #: Plan objects may stick out of the plan area by this much (m) before it is reported.
    containment_tolerance: float = 0.0005
    #: Longest text per language in a LanguageString (Syke's documented limit).
    max_text_length: int = 2048
    #: The date "today" for rules about future dates (``None``: the real date).
    today: _dt.date | None = None
    #: Force a plan level (``asemakaava``/``yleiskaava``/``maakuntakaava`` or AK/YK/MK).
    plan_level: str | None = None
    #: GeoJSON of municipality (or region) boundaries with a ``code`` property, for the
    #: local approximation of "the plan lies in its municipality" (G019); ``None``: the
    #: generalised boundaries shipped with the package (``ryhti.validators.boundaries``).
    boundaries: str | None = None
    #: How far (m) a plan may reach outside the given boundaries before it is reported;
    #: generous because freely available boundaries are generalised.
    boundary_tolerance: float = 500.0
    #: GeoPackage of gathered background data (``ryhti lahtotiedot``) for the context
    #: rules B001…; ``None``: they do not run.
    context: str | None = None
    profiles: Mapping[str, Profile] = field(default_factory=dict)
    suppress: tuple[Suppression, ...] = ()
    #: The file this configuration came from.
    path: str | None = None

    # -- selection --------------------------------------------------------------------------
    def enabled(self, rule: Rule) -> bool:
        """Whether ``rule`` runs: selected, not ignored, and not switched off by severity."""
        if self.select is not None and not any(selector_matches(s, rule) for s in self.select):
            return False
        if any(selector_matches(s, rule) for s in self.ignore):
            return False
        return not any(
            value is None and selector_matches(sel, rule) for sel, value in self.severity.items()
        )

    def severity_for(self, rule: Rule) -> Severity:
        """The severity of ``rule``'s findings: the most specific override, else its default."""
        best: tuple[int, Severity] | None = None
        for sel, value in self.severity.items():
            if value is None or not selector_matches(sel, rule):
                continue
            rank = _specificity(sel, rule)
            if best is None or rank > best[0]:
                best = (rank, value)
        return best[1] if best else rule.severity

    def overridden(self, rule: Rule) -> bool:
        """True if a severity override applies to ``rule``."""
        return any(
            value is not None and selector_matches(sel, rule)
            for sel, value in self.severity.items()
        )

    def for_level(self, level: str | None) -> Config:
        """This configuration with the profile of ``level`` applied on top."""
        if level is None or level not in self.profiles:
            return self
        prof = self.profiles[level]
        return replace(
            self,
            select=prof.select if prof.select is not None else self.select,
            ignore=(*self.ignore, *prof.ignore),
            severity={**self.severity, **prof.severity},
        )

    def merged(
        self,
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        severity: Mapping[str, Severity | None] | None = None,
        **settings: Any,
    ) -> Config:
        """This configuration with command-line overrides (select replaces, ignore adds)."""
        out = self
        if select is not None:
            out = replace(out, select=tuple(select))
        if extend_select:
            out = replace(out, select=(*(out.select or ()), *extend_select))
        if ignore:
            out = replace(out, ignore=(*out.ignore, *ignore))
        if severity:
            out = replace(out, severity={**out.severity, **severity})
        settings = {k: v for k, v in settings.items() if v is not None}
        if settings:
            out = replace(out, **settings)
        return out

    def check_selectors(self, rules: Iterable[Rule]) -> None:
        """Raise UsageError for selectors that match no rule (typos must not silently pass)."""
        rules = list(rules)
        where = self.path or "configuration"
        sources: list[tuple[str, Iterable[str]]] = [
            ("select", self.select or ()),
            ("ignore", self.ignore),
            ("severity", self.severity.keys()),
            ("suppress", (s.rule for s in self.suppress)),
        ]
        for level, prof in self.profiles.items():
            sources.append((f"profiles.{level}.select", prof.select or ()))
            sources.append((f"profiles.{level}.ignore", prof.ignore))
            sources.append((f"profiles.{level}.severity", prof.severity.keys()))
        for name, selectors in sources:
            for sel in selectors:
                if not any(selector_matches(sel, r) for r in rules):
                    raise UsageError(
                        f"{name}: no rule matches {sel!r}",
                        source=where if self.path else None,
                        hint="see `ryhti rules` for ids, names and Syke ids",
                    )


def selector_matches(selector: str, rule: Rule) -> bool:
    """A selector is ``ALL``, a rule id or id prefix (``G``, ``G01``), a name, or a Syke id."""
    sel = selector.strip()
    if not sel:
        return False
    up = sel.upper()
    if up == "ALL":
        return True
    if up == rule.id or (up[0] in "SCVRGLX" and up[1:].isdigit() and rule.id.startswith(up)):
        return True
    if len(up) == 1 and rule.id.startswith(up):
        return True
    return sel == rule.name or sel in rule.official_ids


def _specificity(selector: str, rule: Rule) -> int:
    up = selector.strip().upper()
    if up == "ALL":
        return 0
    if up == rule.id or selector == rule.name or selector in rule.official_ids:
        return 100
    return len(up)


# -- reading files --------------------------------------------------------------------------

_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "severity",
    "lang",
    "tolerance",
    "junction-distance",
    "sliver-area",
    "sliver-width",
    "containment-tolerance",
    "max-text-length",
    "today",
    "plan-level",
    "profile",
    "boundaries",
    "boundary-tolerance",
    "context",
    "profiles",
    "suppress",
}
_FLOATS = (
    "tolerance",
    "junction-distance",
    "sliver-area",
    "sliver-width",
    "containment-tolerance",
    "boundary-tolerance",
)


def load_config(path: str | Path | None = None, *, search: bool = True) -> Config:
    """Read a configuration file (or the nearest one when ``path`` is None and ``search``)."""
    if path is None:
        found = find_config() if search else None
        if found is None:
            return Config()
        path = found
    p = Path(path)
    return config_from_mapping(read_settings(p), source=str(p))


def config_from_mapping(data: Mapping[str, Any], *, source: str | None = None) -> Config:
    """Build a Config from the parsed ``[tool.ryhti]`` table (keys in kebab or snake case).

    The other commands' sections (``[api]``, ``[extract]``, ``[archive]``:
    :data:`ryhti.settings.SECTIONS`) share the file and are theirs to read: they are skipped.
    """
    norm = {str(k).replace("_", "-"): v for k, v in data.items() if k not in SECTIONS}
    unknown = sorted(set(norm) - _KEYS)
    if unknown:
        raise UsageError(
            f"unknown setting {unknown[0]!r} in [tool.ryhti]",
            source=source,
            hint=f"known settings: {', '.join(sorted(_KEYS))}",
        )
    kwargs: dict[str, Any] = {"path": source}
    if "select" in norm:
        kwargs["select"] = _strings(norm["select"], "select", source)
    if "extend-select" in norm:
        kwargs["select"] = (
            *(kwargs.get("select") or ()),
            *_strings(norm["extend-select"], "extend-select", source),
        )
    if "ignore" in norm:
        kwargs["ignore"] = _strings(norm["ignore"], "ignore", source)
    if "severity" in norm:
        kwargs["severity"] = _severities(norm["severity"], "severity", source)
    if "lang" in norm:
        lang = str(norm["lang"])
        if lang not in LANGS:
            raise UsageError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}", source=source)
        kwargs["lang"] = lang
    for key in _FLOATS:
        if key in norm:
            value = norm[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise UsageError(f"{key} must be a non-negative number", source=source)
            kwargs[key.replace("-", "_")] = float(value)
    if "max-text-length" in norm:
        value = norm["max-text-length"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise UsageError("max-text-length must be a positive whole number", source=source)
        kwargs["max_text_length"] = value
    if "today" in norm:
        kwargs["today"] = parse_date(norm["today"], source)
    for key in ("plan-level", "profile"):
        if key in norm:
            kwargs["plan_level"] = normalise_level(str(norm[key]), source)
    if "boundaries" in norm:
        value = Path(str(norm["boundaries"]))
        if source and not value.is_absolute():
            value = Path(source).parent / value
        kwargs["boundaries"] = str(value)
    if "context" in norm:
        value = Path(str(norm["context"]))
        if source and not value.is_absolute():
            value = Path(source).parent / value
        kwargs["context"] = str(value)
    if "profiles" in norm:
        kwargs["profiles"] = _profiles(norm["profiles"], source)
    if "suppress" in norm:
        kwargs["suppress"] = _suppressions(norm["suppress"], source)
    return Config(**kwargs)


def parse_date(value: Any, source: str | None = None) -> _dt.date:
    """A ``YYYY-MM-DD`` value (TOML date or string) as a date."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"not a date (YYYY-MM-DD): {value!r}", source=source) from None


def normalise_level(value: str, source: str | None = None) -> str:
    """``AK``/``asemakaava``/a RY_Kaavalaji code → ``asemakaava`` (UsageError if unknown)."""
    from ryhti.codelists.tables import plan_level

    try:
        level = plan_level(value)
    except ValueError as exc:
        raise UsageError(str(exc), source=source) from None
    assert level is not None
    return level


def _strings(value: Any, key: str, source: str | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{key} must be a list of rule selectors", source=source)
    return tuple(v.strip() for v in value if v.strip())


def _severities(value: Any, key: str, source: str | None) -> dict[str, Severity | None]:
    if not isinstance(value, dict):
        raise UsageError(f"{key} must be a table of RULE = severity", source=source)
    try:
        return {str(k): parse_severity(v, where=f"{key}.{k}") for k, v in value.items()}
    except UsageError as exc:
        raise UsageError(exc.message, source=source) from None


def _profiles(value: Any, source: str | None) -> dict[str, Profile]:
    if not isinstance(value, dict):
        raise UsageError("profiles must be a table of plan levels", source=source)
    out: dict[str, Profile] = {}
    for level, body in value.items():
        if not isinstance(body, dict):
            raise UsageError(f"profiles.{level} must be a table", source=source)
        norm = {str(k).replace("_", "-"): v for k, v in body.items()}
        unknown = sorted(set(norm) - {"select", "ignore", "severity"})
        if unknown:
            raise UsageError(
                f"unknown setting {unknown[0]!r} in profiles.{level} (select, ignore, severity)",
                source=source,
            )
        out[normalise_level(str(level), source)] = Profile(
            select=_strings(norm["select"], f"profiles.{level}.select", source)
            if "select" in norm
            else None,
            ignore=_strings(norm.get("ignore", []), f"profiles.{level}.ignore", source),
            severity=_severities(norm.get("severity", {}), f"profiles.{level}.severity", source),
        )
    return out


def _suppressions(value: Any, source: str | None) -> tuple[Suppression, ...]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise UsageError(
            "suppress must be an array of tables ([[tool.ryhti.suppress]])", source=source
        )
    out = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise UsageError(f"suppress #{n} must be a table", source=source)
        norm = {str(k).replace("-", "_"): v for k, v in item.items()}
        unknown = sorted(set(norm) - {"rule", "reason", "path", "object_key", "source"})
        if unknown:
            raise UsageError(
                f"suppress #{n}: unknown key {unknown[0]!r} (rule, path, object-key, source, reason)",
                source=source,
            )
        rule = norm.get("rule")
        if not isinstance(rule, str) or not rule.strip():
            raise UsageError(f"suppress #{n} names no rule", source=source)
        reason = norm.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise UsageError(
                f"suppress #{n} ({rule}) has no reason; every suppression must say why",
                source=source,
                hint='add reason = "…" so the next reviewer knows why the finding is accepted',
            )
        out.append(
            Suppression(
                rule=rule.strip(),
                reason=reason.strip(),
                path=_opt_str(norm.get("path"), n, "path", source),
                object_key=_opt_str(norm.get("object_key"), n, "object-key", source),
                source=_opt_str(norm.get("source"), n, "source", source),
            )
        )
    return tuple(out)


def _opt_str(value: Any, n: int, key: str, source: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"suppress #{n}: {key} must be a string", source=source)
    return value
