"""V010: every object has a regulation that is not a quantity."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.knowledge import quantity_codes
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class ObjectNeedsNonQuantity(PlanRule):
    """A plan object is more than a number: one of its regulations is not a quantity.

    Anti-pattern: an object related only to a group with ``sallittuKerrosala``.

    Best practice: relate it also to the group saying what it is (``rakennusala``, a land use).
    """

    id = "V010"
    name = "object-needs-non-quantity"
    official_ids = ("quality__req_spatialplanregulationtype_one_without_quantity_mandatory",)
    references = ("R-F04",)
    title = "Object with quantities only"
    why = "Syke requires at least one non-quantity regulation type on every plan object."
    fix = "Relate the object to a group with a regulation saying what the object is."
    approximation = "Quantities are the numeric regulation types of the value-type table."
    messages = texts(
        en="The object has only quantity regulations ({codes}); it needs one that says what it is.",
        fi="Kaavakohteella on vain suuremääräyksiä ({codes}); siltä puuttuu sen lajia kuvaava määräys.",
        sv="Objektet har bara storhetsbestämmelser ({codes}); det behöver en som säger vad det är.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        quantities = quantity_codes(ctx.registry)
        for rec, types in zip(pc.objects, pc.object_types, strict=True):
            if types and types <= quantities:
                yield self.finding(ctx, path=rec.path, object_key=rec.key, codes=sorted(types))
