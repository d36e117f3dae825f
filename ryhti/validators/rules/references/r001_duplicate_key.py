"""R001: keys are unique within the message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.validators.helpers import document_order
from ryhti.validators.rule import ALL_KINDS, Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

#: Keys other parts of a plan refer to: a duplicate makes references ambiguous.
REFERENCED = frozenset({"planObjectKey", "planRegulationGroupKey", "planKey"})


class DuplicateKey(Rule):
    """Every object's own key (``planObjectKey``, ``planRegulationKey`` …) occurs once.

    Anti-pattern: two plan objects with the same ``planObjectKey`` (a copied feature).

    Best practice: one UUID per object, stable between deliveries. (The same attachment
    document attached in several places keeps its key; documents are not checked.)

    Keys that other parts of the plan refer to (``planObjectKey``,
    ``planRegulationGroupKey``) are errors when duplicated: relations become ambiguous.
    Other duplicates are warnings: Syke's public validation accepted a duplicated
    ``planRegulationKey`` in a CI-validated Spatineo example (korkeusasema), while a save
    of a key stored for another object is refused (``lifecycle__req_class_key_already_exists``).
    """

    id = "R001"
    name = "duplicate-key"
    official_ids = ("lifecycle__req_class_key_already_exists",)
    references = ("R-B01",)
    kinds = ALL_KINDS
    title = "Duplicate key"
    why = (
        "References inside the plan and updates of stored data go by key; two objects with one "
        "key make both ambiguous, and Syke refuses the second."
    )
    fix = "Give each object its own key."
    messages = texts(
        en="{name} {value} is used {count} times (first at {first}).",
        fi="{name} {value} on käytössä {count} kertaa (ensimmäinen: {first}).",
        sv="{name} {value} används {count} gånger (första: {first}).",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: dict[tuple[str, str], list[str]] = {}
        for node in ctx.scan.keys:
            if node.name == "attachmentDocumentKey" or not isinstance(node.value, str):
                continue
            seen.setdefault((node.name, node.value.lower()), []).append(node.path)
        for (name, _), paths in seen.items():
            if len(paths) < 2:
                continue
            paths.sort(key=document_order)
            value = next(n.value for n in ctx.scan.keys if n.path == paths[0] and n.name == name)
            severity = Severity.ERROR if name in REFERENCED else Severity.WARNING
            for path in paths[1:]:
                yield self.finding(
                    ctx,
                    severity=severity,
                    path=f"{path}.{name}",
                    object_key=value,
                    name=name,
                    value=value,
                    count=len(paths),
                    first=paths[0],
                )
