"""What the engine asks of a regulation spec, worked out once per spec.

A plan of 100,000 features shares a few hundred regulation specs; whether a spec is a
quantity, its signature, the notes every group holding it repeats, its JSON and its
report entry are computed on first use and kept here, by spec identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ryhti.parsers.interpret import RegSpec, verbal_text

__all__ = ["NUMERIC_TYPES", "Facts", "FactsBook"]

#: Value data types that make a regulation a quantity (one per group, says Syke).
NUMERIC_TYPES = {
    "Numeric",
    "PositiveNumeric",
    "NumericRange",
    "PositiveNumericRange",
    "Decimal",
    "PositiveDecimal",
    "DecimalRange",
    "PositiveDecimalRange",
    "SpotElevation",
}


@dataclass(eq=False)
class Facts:
    """What the engine asks of one regulation spec, worked out once."""

    spec: RegSpec
    sig: tuple[Any, ...]
    quantity: bool
    #: CV011/CV018/CV012 (rule, message) that every group holding it repeats
    notes: list[tuple[str, str]]
    #: key of the quantity group holding it (quantities, on first use)
    qkey: str | None = None
    #: its PlanRegulation JSON without the key, and its entry in the report (on first use)
    template: dict[str, Any] | None = None
    report: dict[str, Any] | None = None
    #: keys of the groups whose findings already carry its notes
    noted_in: set[str] = field(default_factory=set)


class FactsBook:
    """The facts of every spec of one conversion (the facts keep the spec alive, so ids
    stay unique)."""

    def __init__(self, value_types: Any) -> None:
        self.value_types = value_types
        #: id of a spec → its facts
        self.cache: dict[int, Facts] = {}

    def of(self, spec: RegSpec) -> Facts:
        """The facts of ``spec`` (after any folding into it by
        :func:`~ryhti.parsers.interpret.merge`)."""
        facts = self.cache.get(id(spec))
        if facts is None:
            notes: list[tuple[str, str]] = []
            if spec.review:
                notes.append(("CV011", f"{spec.type} ({spec.confidence}) from: {spec.evidence}"))
            if spec.type == "sanallinenMaarays" and not spec.verbal:
                notes.append(("CV018", f"no topic for: {verbal_text(spec)[:120]!r}"))
            if spec.origin == "leftover":
                text = spec.value["text"]["fin"]  # type: ignore[index]
                notes.append(("CV012", f"kept as verbal text: {text[:120]!r}"))
            facts = Facts(
                spec=spec,
                sig=spec.signature(),
                quantity=self.is_quantity(spec),
                notes=notes,
            )
            self.cache[id(spec)] = facts
        return facts

    def is_quantity(self, spec: RegSpec) -> bool:
        """A regulation of a numeric type (the value-type table), or with a numeric value."""
        allowed = self.value_types.allowed_data_types(spec.type) or ()
        if any(t in NUMERIC_TYPES for t in allowed):
            return True
        return isinstance(spec.value, dict) and spec.value.get("dataType") in NUMERIC_TYPES

    def report(self, spec: RegSpec) -> dict[str, Any]:
        """The report's entry for a regulation: its type and where it came from."""
        facts = self.of(spec)
        if facts.report is None:
            facts.report = {
                "type": spec.type,
                "origin": spec.origin,
                "evidence": spec.evidence,
                **({"confidence": spec.confidence} if spec.confidence is not None else {}),
                **({"span": list(spec.span)} if spec.span else {}),
            }
        return facts.report
