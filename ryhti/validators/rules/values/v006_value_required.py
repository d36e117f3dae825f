"""V006: quantity, naming and verbal regulations carry a value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import Model
from ryhti.validators.knowledge import value_required_codes
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class ValueRequired(PlanRule):
    """A quantity regulation has its number; a naming or verbal regulation its text.

    Anti-pattern: ``{"type": ".../sallittuKerrosala"}`` with no ``value``.

    Best practice: ``{"type": ".../sallittuKerrosala", "value": {"dataType": "PositiveNumeric",
    "number": 2400, "unitOfMeasure": "k-m2"}}``.
    """

    id = "V006"
    name = "value-required"
    official_ids = ("quality__req_codelist_spatialplanregulationtype_quantity_value_not_null",)
    references = ("R-F06", "R-F08")
    title = "Regulation without its value"
    why = "A quantity without a number, or a name without text, regulates nothing; Syke refuses it."
    fix = "Add the value (number with unit, or text)."
    approximation = (
        "Quantity types (the 'suure' extension) are approximated by the regulation types whose "
        "value is a number in the value-type table; see ryhti.validators.knowledge."
    )
    messages = texts(
        en="Regulation type {code} needs a value.",
        fi="Kaavamääräyslajille {code} tulee antaa arvo.",
        sv="Planbestämmelsetypen {code} behöver ett värde.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        required = value_required_codes(ctx.registry)
        for r in pc.all_regs():
            if r.type in required and not isinstance(r.reg.value, Model | dict):
                yield self.finding(ctx, path=f"{r.path}.value", object_key=r.key, code=r.type)
