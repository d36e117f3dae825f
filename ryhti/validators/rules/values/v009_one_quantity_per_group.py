"""V009: at most one quantity regulation per group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.knowledge import quantity_codes
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class OneQuantityPerGroup(PlanRule):
    """A regulation group holds at most one quantity regulation.

    Anti-pattern: one group "AK-1" with ``asuinkerrostaloalue``, ``tehokkuusluku`` 0.8 and
    ``maanpaallinenKerroslukuLuku`` 4.

    Best practice: one group per quantity, each related to the same object (as Spatineo's
    accepted examples do), and the land use in its own group.
    """

    id = "V009"
    name = "one-quantity-per-group"
    official_ids = ("quality__req_planregulationgroup_only_one_quantity_planregulation_is_valid",)
    references = ("R-F05",)
    title = "Several quantity regulations in one group"
    why = "Syke refuses a regulation group with more than one quantity regulation (the 'suure' extension)."
    fix = "Put each quantity regulation in a group of its own and relate every group to the object."
    approximation = "Quantities are the numeric regulation types of the value-type table."
    messages = texts(
        en="The group has {count} quantity regulations ({codes}); at most one is allowed.",
        fi="Ryhmässä on {count} suuremääräystä ({codes}); enintään yksi on sallittu.",
        sv="Gruppen har {count} storhetsbestämmelser ({codes}); högst en är tillåten.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        quantities = quantity_codes(ctx.registry)
        for grec in pc.groups:
            found = [r for r in grec.regs if r.type in quantities]
            if len(found) > 1:
                yield self.finding(
                    ctx,
                    path=found[1].path,
                    object_key=grec.key,
                    count=len(found),
                    codes=[r.type for r in found],
                )
