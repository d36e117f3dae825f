"""V014: a group with a main use has a letter identifier."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import PlanRegulationGroup
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class LetterIdentifierRequired(PlanRule):
    """A regulation group whose regulation has ``paakayttotarkoitus`` has a ``letterIdentifier``.

    Anti-pattern: the AK group of a block with no ``letterIdentifier``.

    Best practice: ``"letterIdentifier": "AK"`` (or ``"AK-1"`` for an indexed variant).
    """

    id = "V014"
    name = "letter-identifier-required"
    official_ids = ("quality__req_planregulationgroup_letteridentifier_not_null",)
    references = ("R-F12",)
    title = "Main-use group without a letter identifier"
    why = (
        "The letter code (AK, VL …) is how a plan map shows an area reservation; Syke requires it."
    )
    fix = "Give the group its letter identifier."
    messages = texts(
        en="The group has a main-use regulation ({code}) but no letterIdentifier.",
        fi="Ryhmällä on pääkäyttötarkoitusmääräys ({code}), mutta ei kirjaintunnusta.",
        sv="Gruppen har en huvudanvändning ({code}) men ingen letterIdentifier.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for grec in pc.groups:
            main = next((r for r in grec.regs if "paakayttotarkoitus" in r.info_types), None)
            if main is None:
                continue
            if not isinstance(grec.group, PlanRegulationGroup):
                continue
            letter = grec.group.letter_identifier
            if not isinstance(letter, str) or not letter.strip():
                yield self.finding(
                    ctx, path=f"{grec.path}.letterIdentifier", object_key=grec.key, code=main.type
                )
