"""V001: a regulation's value has a dataType allowed for its type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import Model
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class RegulationDataType(PlanRule):
    """The value of a regulation has a dataType its regulation type allows.

    Anti-pattern: ``sallittuKerrosala`` with ``{"dataType": "LocalizedText", "text": {"fin": "2400 k-m²"}}``,
    or ``tehokkuusluku`` with ``PositiveNumeric``.

    Best practice: ``sallittuKerrosala`` → ``PositiveNumeric`` (k-m2), ``tehokkuusluku`` →
    ``PositiveDecimal``, ``sanallinenMaarays`` → ``LocalizedText``. The allowed types come from
    the value-type table of the code-list snapshot (Syke's validation-rule PDF plus what
    Syke's validator accepted in Spatineo's examples); types the table does not know are
    not checked.
    """

    id = "V001"
    name = "regulation-data-type"
    official_ids = ("quality__req_codelist_spatialplanregulationtype_allowed_datatypes",)
    references = ("R-F07", "R-J10")
    title = "Regulation value of a wrong dataType"
    why = (
        "Syke accepts only certain value types per regulation type: numbers for quantities, "
        "text for verbal regulations and names."
    )
    fix = "Write the value with one of the allowed dataTypes named in the message."
    approximation = (
        "The allowed dataTypes per regulation type are not published as a table; the project's "
        "value-type table combines Syke's validation-rule PDF with the dataTypes Syke's "
        "validator accepted in Spatineo's examples."
    )
    messages = texts(
        en="Regulation type {code} takes a value of type {allowed}, not {data_type}.",
        fi="Kaavamääräyslajin {code} arvon tietotyypin tulee olla {allowed}, ei {data_type}.",
        sv="Planbestämmelsetypen {code} tar ett värde av typen {allowed}, inte {data_type}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        vt = ctx.registry.value_types
        for r in pc.all_regs():
            value = r.reg.value
            if not isinstance(value, Model) or r.type is None:
                continue
            allowed = vt.allowed_data_types(r.type)
            if not allowed or value.data_type in allowed:
                continue
            yield self.finding(
                ctx,
                path=f"{r.path}.value.dataType",
                object_key=r.key,
                code=r.type,
                allowed=" / ".join(allowed),
                data_type=value.data_type,
            )
