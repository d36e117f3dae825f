"""V011: general regulations carry no main use or sub-area information."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class GeneralGroupInformation(PlanRule):
    """Regulations of a general regulation group (yleismääräykset) have no
    ``paakayttotarkoitus`` or ``osaAlue`` information: they apply to the whole plan.

    Anti-pattern: a general group's regulation with ``paakayttotarkoitus``.

    Best practice: main uses belong to the groups of area-reservation objects.
    """

    id = "V011"
    name = "general-group-information"
    official_ids = ("quality__req_codelist_generalregulationgroup_additionalinfotype_not_allowed",)
    references = ("R-F03",)
    title = "Main use or sub-area in a general regulation"
    why = "A general regulation covers the whole plan; a main use or a sub-area needs an object."
    fix = "Move the regulation into a group related to the object it concerns."
    messages = texts(
        en="A general regulation may not have the additional information {code}.",
        fi="Yleismääräyksellä ei voi olla lisätietoa {code}.",
        sv="En allmän bestämmelse får inte ha tilläggsinformationen {code}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for grec in pc.general_groups:
            for r in grec.regs:
                for info in r.infos:
                    if info.type in ("paakayttotarkoitus", "osaAlue"):
                        yield self.finding(
                            ctx, path=f"{info.path}.type", object_key=r.key, code=info.type
                        )
