"""Warnings of the generators: findings with fi/sv/en messages, a few examples per rule.

A plan with 100,000 objects and one systematic mistake must not drown the planner in
100,000 identical lines, so each rule keeps five examples and then says how many more.
"""

from __future__ import annotations

from collections import Counter

from ryhti.findings import Finding, Severity

__all__ = ["WarningLog"]


class WarningLog:
    """Collects findings; at most a few examples per rule, then one summary line."""

    def __init__(self) -> None:
        self.items: list[Finding] = []
        self._counts: Counter[str] = Counter()

    def add(
        self,
        rule: str,
        en: str,
        fi: str,
        sv: str,
        *,
        path: str = "$",
        key: str | None = None,
        limit: int = 5,
    ) -> None:
        self._counts[rule] += 1
        if self._counts[rule] > limit:
            return
        self.items.append(
            Finding(
                rule=f"describe.{rule}",
                severity=Severity.WARNING,
                message=en,
                messages={"en": en, "fi": fi, "sv": sv},
                path=path,
                object_key=key,
            )
        )

    def finish(self, limit: int = 5) -> list[Finding]:
        for rule, count in self._counts.items():
            if count > limit:
                more = count - limit
                self.items.append(
                    Finding(
                        rule=f"describe.{rule}",
                        severity=Severity.WARNING,
                        message=f"{more} more of the same ({rule})",
                        messages={
                            "en": f"{more} more of the same ({rule})",
                            "fi": f"{more} muuta samanlaista ({rule})",
                            "sv": f"{more} till av samma slag ({rule})",
                        },
                    )
                )
        return self.items
