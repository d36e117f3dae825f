"""The rule catalogue: data built from the rule classes, and its renderings.

Every rule module under :mod:`ryhti.validators.rules` is imported once and its
rule class registered; the catalogue is the list of their metadata. ``ryhti
rules`` prints it as a table or JSON, ``ryhti rules --explain ID`` one entry in
full, and ``python -m ryhti.validators.catalogue`` writes ``docs/rules.md`` (a
test checks the committed page is current).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import pkgutil
import textwrap
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ryhti.findings import Severity
from ryhti.validators.rule import FAMILIES, Rule

__all__ = [
    "RuleInfo",
    "all_rules",
    "catalogue",
    "explain",
    "find_rule",
    "render_markdown",
    "render_table",
    "rule_classes",
]

PACKAGE = "ryhti.validators.rules"


@functools.cache
def rule_classes() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by id (imports each module of the rules package once)."""
    package = importlib.import_module(PACKAGE)
    found: dict[str, type[Rule]] = {}
    names: dict[str, str] = {}
    for info in pkgutil.walk_packages(package.__path__, PACKAGE + "."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, Rule)
                and obj.__module__ == module.__name__
                and obj.id
            ):
                if obj.id in found and found[obj.id] is not obj:
                    raise RuntimeError(f"rule id {obj.id} defined twice ({module.__name__})")
                if obj.name in names and names[obj.name] != obj.id:
                    raise RuntimeError(
                        f"rule name {obj.name} used by {names[obj.name]} and {obj.id}"
                    )
                found[obj.id] = obj
                names[obj.name] = obj.id
    return tuple(found[k] for k in sorted(found))


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """One instance of every rule, sorted by id."""
    return tuple(cls() for cls in rule_classes())


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One catalogue entry: everything known about a rule except its code.

    ``severity`` is the severity in effect (after configuration), ``default_severity``
    the rule's own. Reports read ``id``, ``title``, ``official_ids``, ``why``, ``fix``,
    ``default_severity`` and ``help``.
    """

    id: str
    name: str
    family: str
    official_ids: tuple[str, ...]
    severity: Severity
    default_severity: Severity
    plan_levels: tuple[str, ...] | None
    kinds: tuple[str, ...]
    title: str
    why: str
    fix: str
    messages: dict[str, str]
    references: tuple[str, ...]
    approximation: str
    remote: bool
    schema: bool
    spatial: bool
    doc: str

    @classmethod
    def of(cls, rule: Rule | type[Rule], severity: Severity | None = None) -> RuleInfo:
        """The entry of a rule (class or instance)."""
        doc = textwrap.dedent(inspect.getdoc(rule) or "").strip()
        return cls(
            id=rule.id,
            name=rule.name,
            family=rule.id[:1],
            official_ids=tuple(rule.official_ids),
            severity=severity or rule.severity,
            default_severity=rule.severity,
            plan_levels=rule.plan_levels,
            kinds=tuple(rule.kinds),
            title=rule.title,
            why=rule.why,
            fix=rule.fix,
            messages=dict(rule.messages),
            references=tuple(rule.references),
            approximation=rule.approximation,
            remote=rule.remote,
            schema=rule.schema,
            spatial=rule.spatial,
            doc=doc,
        )

    @property
    def status(self) -> str:
        """``local``, ``approximation`` or ``remote only``."""
        if self.remote:
            return "remote only"
        return "approximation" if self.approximation else "local"

    @property
    def levels(self) -> str:
        """Plan levels as text (``all`` when not restricted)."""
        return ", ".join(self.plan_levels) if self.plan_levels else "all"

    @property
    def help(self) -> str:
        """Markdown help: why, how to fix, the approximation, and the docstring's examples."""
        parts = [self.why]
        if self.fix:
            parts.append(f"**How to fix:** {self.fix}")
        if self.approximation:
            parts.append(f"**Local approximation:** {self.approximation}")
        if self.remote:
            parts.append("**Remote only:** decided by Syke's server from data it holds.")
        if self.doc:
            parts.append(self.doc)
        return "\n\n".join(p for p in parts if p)

    def to_json(self) -> dict[str, Any]:
        """JSON form of the entry (``ryhti rules --format json``)."""
        return {
            "id": self.id,
            "name": self.name,
            "family": self.family,
            "familyName": FAMILIES.get(self.family, self.family),
            "officialIds": list(self.official_ids),
            "severity": self.severity.value,
            "defaultSeverity": self.default_severity.value,
            "planLevels": list(self.plan_levels) if self.plan_levels else None,
            "kinds": list(self.kinds),
            "status": self.status,
            "title": self.title,
            "why": self.why,
            "fix": self.fix,
            "approximation": self.approximation or None,
            "messages": dict(self.messages),
            "references": list(self.references),
            "schema": self.schema,
            "spatial": self.spatial,
            "doc": self.doc,
        }


def catalogue(config: Any = None) -> list[RuleInfo]:
    """The catalogue entries of every rule (severities as configured when ``config`` is given)."""
    out = []
    for rule in all_rules():
        severity = config.severity_for(rule) if config is not None else None
        out.append(RuleInfo.of(rule, severity))
    return out


def find_rule(key: str) -> Rule | None:
    """A rule by project id (any case), name or Syke id; ``None`` if there is none."""
    key = key.strip()
    for rule in all_rules():
        if key.upper() == rule.id or key == rule.name:
            return rule
    for rule in all_rules():
        if key in rule.official_ids:
            return rule
    bare = key.removeprefix("quality__").removeprefix("lifecycle__")
    for rule in all_rules():
        if any(o.split("__", 1)[-1] == bare for o in rule.official_ids):
            return rule
    return None


def rules_for_official(key: str) -> list[Rule]:
    """Every rule that reproduces the Syke rule ``key``."""
    return [r for r in all_rules() if key in r.official_ids]


def explain(key: str) -> str:
    """A full text description of one rule (``ryhti rules --explain``)."""
    rule = find_rule(key)
    if rule is None:
        from ryhti.errors import UsageError

        raise UsageError(f"no rule {key!r}", hint="list them with `ryhti rules`")
    info = RuleInfo.of(rule)
    others = (
        [r.id for r in rules_for_official(key) if r.id != rule.id]
        if key in rule.official_ids
        else []
    )
    lines = [
        f"{info.id} {info.name} — {info.title}",
        "",
        f"Family:        {FAMILIES.get(info.family, info.family)}",
        f"Severity:      {info.default_severity.value}",
        f"Plan levels:   {info.levels}",
        f"Status:        {info.status}",
        f"Syke rule ids: {', '.join(info.official_ids) or '—'}",
        f"Checklist:     {', '.join(info.references) or '—'}",
    ]
    if others:
        lines.append(f"Also checked by: {', '.join(others)}")
    lines += ["", "Why: " + info.why, "", "How to fix: " + info.fix]
    if info.approximation:
        lines += ["", "Local approximation: " + info.approximation]
    if info.messages:
        lines += ["", "Messages:"]
        lines += [f"  {lang}: {text}" for lang, text in info.messages.items()]
    if info.doc:
        lines += ["", info.doc]
    return "\n".join(lines) + "\n"


def count_sentence(entries: list[RuleInfo]) -> str:
    """How many rules, said the same way wherever the count appears (``ryhti rules``,
    docs/rules.md, the README): those that run offline, the background-data rules that run
    offline with ``--context``, and those only Syke's server can decide."""
    context = [e.id for e in entries if e.family == "B" and not e.remote]
    remote = sum(1 for e in entries if e.remote)
    offline = len(entries) - remote - len(context)

    def run(n: int) -> str:
        return f"{n} runs" if n == 1 else f"{n} run"

    parts = [f"{run(offline)} offline"] if offline else []
    if context:
        ids = context[0] if len(context) == 1 else f"{context[0]}–{context[-1]}"
        parts.append(f"{len(context)} ({ids}) run offline against background data with --context")
    if remote:
        parts.append(f"{run(remote)} only on Syke's server")
    if len(parts) > 2:
        listed = ", ".join(parts[:-1]) + ", and " + parts[-1]
    else:
        listed = " and ".join(parts) or "none"
    return f"{len(entries)} rules: {listed}"


def render_table(entries: list[RuleInfo], *, width: int = 100) -> str:
    """A plain-text table of the catalogue."""
    rows = [("ID", "NAME", "SEVERITY", "LEVELS", "STATUS", "SYKE ID", "TITLE")]
    for e in entries:
        official = e.official_ids[0] if e.official_ids else "—"
        if len(e.official_ids) > 1:
            official += f" (+{len(e.official_ids) - 1})"
        levels = (
            "".join(
                {"asemakaava": "AK ", "yleiskaava": "YK ", "maakuntakaava": "MK "}[lvl]
                for lvl in e.plan_levels
            ).strip()
            if e.plan_levels
            else "all"
        )
        rows.append((e.id, e.name, e.severity.value, levels, e.status, official, e.title))
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    out = []
    for r in rows:
        cells = [r[i].ljust(widths[i]) for i in range(6)]
        out.append("  ".join([*cells, r[6]]).rstrip())
    counts = Counter(e.family for e in entries)
    summary = ", ".join(f"{FAMILIES[f]} {counts[f]}" for f in FAMILIES if counts.get(f))
    out += ["", f"{count_sentence(entries)}.", f"By family: {summary}."]
    return "\n".join(out) + "\n"


def render_markdown(
    entries: list[RuleInfo] | None = None, examples: Mapping[str, Any] | None = None
) -> str:
    """The documentation page ``docs/rules.md``, generated from the catalogue.

    ``examples``: rule id → its first failing and first passing fixture case (an object with
    ``file``, ``fail_name``, ``fail``, ``pass_name``, ``passing`` and ``options``), shown as
    the JSON the two differ in, like the examples of ruff's rule pages. They come from the
    test fixtures, which only a source checkout has: ``python -m ryhti.validators.catalogue``
    reads them there (``tests/validators/fixtures.py``).
    """
    entries = entries if entries is not None else catalogue()
    examples = examples or {}
    counts = Counter(e.family for e in entries)
    lines = [
        "# Validation rules",
        "",
        "<!-- Generated by `python -m ryhti.validators.catalogue` from the rule classes; "
        "do not edit by hand. -->",
        "",
        "Every rule of `ryhti validate`, by family. **Syke id** is the rule id Syke's validator "
        "returns for the same fault (`ruleId`); **status** says whether the rule is decided "
        "locally, approximated locally, or *remote only* (listed so nothing is forgotten, "
        "decided by Syke's server from data it holds). Select rules by id, id prefix, name "
        "or Syke id (`ryhti validate --select G --ignore G017`), change severities with "
        "`--severity RULE=warning`, and read one rule in full with `ryhti rules --explain ID`.",
        "",
        f"**{count_sentence(entries)}.**",
        "",
        "| family | rules | remote only |",
        "|---|---:|---:|",
    ]
    for fam, name in FAMILIES.items():
        fam_entries = [e for e in entries if e.family == fam]
        if fam_entries:
            lines.append(
                f"| {fam} — {name} | {len(fam_entries)} | {sum(e.remote for e in fam_entries)} |"
            )
    lines.append(f"| **all** | **{len(entries)}** | **{sum(e.remote for e in entries)}** |")
    for fam, name in FAMILIES.items():
        fam_entries = [e for e in entries if e.family == fam]
        if not fam_entries:
            continue
        lines += ["", f"## {fam} — {name}", ""]
        lines += [
            "| id | name | severity | levels | status | Syke id | title |",
            "|---|---|---|---|---|---|---|",
        ]
        for e in fam_entries:
            official = "<br>".join(f"`{o}`" for o in e.official_ids) or "—"
            lines.append(
                f"| [{e.id}](#{e.id.lower()}) | `{e.name}` | {e.default_severity.value} | "
                f"{e.levels} | {e.status} | {official} | {e.title} |"
            )
        for e in fam_entries:
            lines += ["", f"### {e.id}", "", f"**{e.title}** (`{e.name}`)", ""]
            lines.append(
                f"- Severity: {e.default_severity.value}; plan levels: {e.levels}; status: {e.status}"
            )
            if e.official_ids:
                lines.append("- Syke rule ids: " + ", ".join(f"`{o}`" for o in e.official_ids))
            if e.references:
                lines.append("- Checklist: " + ", ".join(e.references))
            lines += ["", f"*Why:* {e.why}", "", f"*How to fix:* {e.fix}"]
            if e.approximation:
                lines += ["", f"*Local approximation:* {e.approximation}"]
            if e.messages.get("fi"):
                lines += ["", f"*Viesti:* {e.messages['fi']}"]
            if e.doc:
                lines += ["", e.doc]
            if e.id in examples:
                lines += _example_lines(examples[e.id])
    summary = ", ".join(f"{FAMILIES[f]} {counts[f]}" for f in FAMILIES if counts.get(f))
    lines += ["", f"_{count_sentence(entries)}. By family: {summary}._", ""]
    return "\n".join(lines)


def _example_lines(example: Any) -> list[str]:
    """A fixture's failing and passing case as two JSON blocks (``render_markdown``)."""
    lines = ["", f"*Example* (from `{example.file}`):", ""]
    for verb, name, shown, options in (
        ("Fails", example.fail_name, example.fail, example.fail_options),
        ("Passes", example.pass_name, example.passing, example.pass_options),
    ):
        given = ", ".join(
            f"`{k} = {json.dumps(v, ensure_ascii=False)}`" for k, v in options.items()
        )
        lines.append(f"{verb} — {name}" + (f" (validated with {given})" if given else "") + ":")
        if shown:
            lines += ["", "```json", json.dumps(shown, ensure_ascii=False, indent=2), "```", ""]
        else:
            lines += ["", "(the base document as it is)", ""]
    return lines[:-1]


def docs_path() -> Path:
    """Where the generated page lives in a source checkout."""
    return Path(__file__).resolve().parents[2] / "docs" / "rules.md"


if __name__ == "__main__":  # pragma: no cover
    import sys

    from ryhti.io import write_atomic

    sys.path.insert(0, str(docs_path().parents[1]))  # a source checkout: the fixtures' reader
    from tests.validators.fixtures import examples as fixture_examples

    write_atomic(docs_path(), render_markdown(examples=fixture_examples()))
    print(docs_path())
