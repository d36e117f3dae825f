"""X001: a group's letter code agrees with its regulation types."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.model import PlanRegulationGroup
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class LetterIdentifier(PlanRule):
    """The group's ``letterIdentifier`` names what its regulations say: an ``AK`` group
    carries ``asuinkerrostaloalue`` (or a code under or above it), a ``VL`` group
    ``lahivirkistysalue``.

    Anti-pattern: a group lettered ``AK-2`` whose regulation is ``erillistenAsuinpientalojenAlue`` (AO).

    Best practice: letter and codes from the same notation entry. Letters are resolved
    with the notation table of the code-list snapshot (Katja libraries, traditional
    notation lists, koodistot short names) at the plan's level; unknown letters are not
    judged.
    """

    id = "X001"
    name = "letter-identifier"
    severity = Severity.WARNING
    title = "Letter code disagrees with the regulation types"
    why = (
        "Planners and map readers go by the letter code; a group whose letter says one use and "
        "whose codes say another is read two ways."
    )
    fix = "Correct the letter code or the regulation type."
    messages = texts(
        en="Letter code {letter!r} stands for {expected}, but the group carries {actual}.",
        fi="Kirjaintunnus {letter!r} tarkoittaa lajia {expected}, mutta ryhmän määräykset ovat {actual}.",
        sv="Bokstavskoden {letter!r} står för {expected}, men gruppen har {actual}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        reg = ctx.registry
        notation = reg.notation
        codes = reg["RY_Kaavamaarayslaji"]
        level = ctx.plan_level
        related_cache: dict[str, set[str]] = {}

        def family(code: str) -> set[str]:
            if code not in related_cache:
                related_cache[code] = {
                    code,
                    *(c.value for c in codes.ancestors(code)),
                    *(c.value for c in codes.descendants(code)),
                }
            return related_cache[code]

        for grec in pc.groups:
            if not isinstance(grec.group, PlanRegulationGroup):
                continue
            letter = grec.group.letter_identifier
            types = set(grec.types)
            if not isinstance(letter, str) or not letter.strip() or not types:
                continue
            head = notation.parts(letter, level)[0] if notation.parts(letter, level) else letter
            entries = [e for e in notation.by_letter(head, level) if e.regulation_codes]
            if not entries:
                continue
            expected = {c for e in entries for c in e.regulation_codes}
            if any(types & family(code) for code in expected):
                continue
            yield self.finding(
                ctx,
                path=f"{grec.path}.letterIdentifier",
                object_key=grec.key,
                letter=letter,
                expected=sorted(expected),
                actual=sorted(types),
            )
