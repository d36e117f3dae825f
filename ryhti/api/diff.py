"""Local versus remote: what the project's rules and Ryhti's validator each found.

:func:`compare` sets local findings against remote ones by Syke rule id, so
``ryhti validate --remote`` can say what each side found that the other did not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ryhti.api.paths import normalise_rule_id
from ryhti.findings import Finding

__all__ = ["Diff", "compare"]


@dataclass(slots=True)
class Diff:
    """What the local engine and Ryhti found, set side by side by Syke rule id.

    ``missed_locally``: remote findings whose rule the local engine did not report for
    the same object; ``missed_remotely``: local findings with a Syke rule id that Ryhti
    did not report; ``agreed``: pairs found by both; ``local_only_rules``: local findings
    with no Syke rule id (project rules that cannot be compared).
    """

    missed_locally: list[Finding] = field(default_factory=list)
    missed_remotely: list[Finding] = field(default_factory=list)
    agreed: list[tuple[Finding, Finding]] = field(default_factory=list)
    local_only_rules: list[Finding] = field(default_factory=list)

    @property
    def rules_missed_locally(self) -> list[str]:
        return sorted({f.official_id or f.rule for f in self.missed_locally})

    @property
    def rules_missed_remotely(self) -> list[str]:
        return sorted({f.official_id or f.rule for f in self.missed_remotely})

    @property
    def identical(self) -> bool:
        return not self.missed_locally and not self.missed_remotely

    def to_json(self) -> dict[str, Any]:
        return {
            "missedLocally": [f.to_json() for f in self.missed_locally],
            "missedRemotely": [f.to_json() for f in self.missed_remotely],
            "agreed": len(self.agreed),
            "localOnlyRules": len(self.local_only_rules),
            "rulesMissedLocally": self.rules_missed_locally,
            "rulesMissedRemotely": self.rules_missed_remotely,
        }

    def text(self) -> str:
        """A short human summary for the terminal."""
        lines = [
            f"Local and remote validation: {len(self.agreed)} finding(s) agreed, "
            f"{len(self.missed_locally)} found only by Ryhti, "
            f"{len(self.missed_remotely)} found only locally"
            + (
                f" ({len(self.local_only_rules)} local finding(s) of project rules without a Syke id not compared)"
                if self.local_only_rules
                else ""
            )
        ]
        if self.missed_locally:
            lines.append("Found by Ryhti, missed by the local engine:")
            lines += [_line(f) for f in self.missed_locally]
        if self.missed_remotely:
            lines.append("Found by the local engine, not reported by Ryhti:")
            lines += [_line(f) for f in self.missed_remotely]
        return "\n".join(lines)


def _line(f: Finding) -> str:
    where = f.path
    if f.object_key:
        where += f" (object {f.object_key})"
    if f.location:
        where += " ← " + ", ".join(f"{k} {v}" for k, v in f.location.items())
    return f"  {f.severity.value:<7} {f.official_id or f.rule}  {where}: {f.message}"


def compare(local: Iterable[Finding], remote: Iterable[Finding]) -> Diff:
    """Match findings by normalised Syke rule id, then by object (or path) where both know it.

    A remote finding matches a local one of the same rule on the same object; when
    either side does not know the object (the server often says only ``planDto``),
    the rule alone decides.
    """
    diff = Diff()
    local_by_rule: dict[str, list[Finding]] = {}
    for f in local:
        norm = normalise_rule_id(f.official_id)
        if norm is None:
            diff.local_only_rules.append(f)
            continue
        local_by_rule.setdefault(norm, []).append(f)
    used: set[int] = set()
    remote_list = [f for f in remote]
    remote_rules = {normalise_rule_id(f.official_id) for f in remote_list}
    for r in remote_list:
        norm = normalise_rule_id(r.official_id)
        candidates = local_by_rule.get(norm or "", [])
        match = None
        for f in candidates:
            if id(f) in used:
                continue
            if _same_place(f, r):
                match = f
                break
        if match is None:
            # same rule, place unknown on one side: count as agreed with any unused one
            for f in candidates:
                if id(f) not in used and not (_knows_place(f) and _knows_place(r)):
                    match = f
                    break
        if match is None:
            diff.missed_locally.append(r)
        else:
            used.add(id(match))
            diff.agreed.append((match, r))
    for norm, fs in local_by_rule.items():
        for f in fs:
            if id(f) in used:
                continue
            if norm in remote_rules and not _knows_place(f):
                continue
            diff.missed_remotely.append(f)
    return diff


def _knows_place(f: Finding) -> bool:
    return bool(f.object_key) or f.path not in ("$", "")


def _same_place(a: Finding, b: Finding) -> bool:
    if a.object_key and b.object_key:
        return a.object_key.lower() == b.object_key.lower()
    return a.path == b.path
