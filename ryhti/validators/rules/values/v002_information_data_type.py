"""V002: an additional information's value has a dataType allowed for its type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import UNSET, AttributeValue
from ryhti.validators.rule import Localized, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class InformationDataType(PlanRule):
    """Additional information carries a value only when its type takes one, of an allowed type.

    Anti-pattern: ``paakayttotarkoitus`` with a value; ``kayttotarkoituksenOsuusKerrosalastaPros``
    with ``{"dataType": "Decimal", "number": 40.5}``.

    Best practice: ``paakayttotarkoitus``, ``osaAlue``, ``sitovaTonttijakoLaadittava`` and
    ``rakentamistapaohjeHuomioitava`` without a value; shares as ``PositiveNumeric``;
    ``kayttotarkoituskohdistus`` as ``Code``; ``valiaikainenMaarays`` as ``TimePeriodDateOnly``.
    """

    id = "V002"
    name = "information-data-type"
    official_ids = ("quality__req_codelist_additionalinfotype_allowed_datatypes",)
    references = ("R-F16",)
    title = "Additional-information value of a wrong dataType"
    why = (
        "Syke accepts only certain value types per additional-information type, and none for some."
    )
    fix = "Remove the value, or write it with an allowed dataType."
    approximation = (
        "As for V001: the project's value-type table stands in for Syke's unpublished one."
    )
    messages = texts(
        en="Additional information {code} {problem}.",
        fi="Lisätiedon {code} {problem}.",
        sv="Tilläggsinformationen {code} {problem}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        vt = ctx.registry.value_types
        for r in pc.all_regs():
            for info in r.infos:
                if info.type is None:
                    continue
                entry = vt.entry(
                    f"http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayksen_Lisatiedonlaji/code/{info.type}"
                )
                if entry is None:
                    continue
                value = info.info.value
                if entry.value == "none" or (not entry.data_types and entry.value != "required"):
                    if value is not UNSET and value is not None:
                        yield self.finding(
                            ctx,
                            path=f"{info.path}.value",
                            object_key=r.key,
                            code=info.type,
                            problem=Localized(
                                en="takes no value",
                                fi="arvoa ei anneta",
                                sv="tar inget värde",
                            ),
                        )
                    continue
                if (
                    isinstance(value, AttributeValue)
                    and entry.data_types
                    and value.data_type not in entry.data_types
                ):
                    allowed = " / ".join(entry.data_types)
                    yield self.finding(
                        ctx,
                        path=f"{info.path}.value.dataType",
                        object_key=r.key,
                        code=info.type,
                        problem=Localized(
                            en=f"takes a value of type {allowed}, not {value.data_type}",
                            fi=f"arvon tietotyypin tulee olla {allowed}, ei {value.data_type}",
                            sv=f"tar ett värde av typen {allowed}, inte {value.data_type}",
                        ),
                    )
