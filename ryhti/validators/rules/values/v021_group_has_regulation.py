"""V021: a regulation group holds at least one regulation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class GroupHasRegulation(PlanRule):
    """Every plan regulation group has at least one regulation with a type.

    Anti-pattern: ``{"planRegulationGroupKey": "…", "titleOfPlanRegulation": {…}, "planRegulations": []}``.

    Best practice: a group exists for its regulations; an empty one is left out.
    """

    id = "V021"
    name = "group-has-regulation"
    official_ids = ("quality__req_generalregulationgroup_spatialplanregulation_not_empty",)
    references = ("R-F01",)
    title = "Regulation group without regulations"
    why = "Syke refuses regulation groups that regulate nothing."
    fix = "Add the group's regulations, or remove the group and its relations."
    messages = texts(
        en="The regulation group has no regulation with a type.",
        fi="Kaavamääräysryhmässä ei ole yhtään kaavamääräystä.",
        sv="Bestämmelsegruppen har ingen bestämmelse med typ.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for grec in pc.groups:
            if not isinstance(grec.group.plan_regulations, list):
                continue  # missing or wrong type: S002/S004
            if not any(isinstance(r.reg.type, str) for r in grec.regs):
                yield self.finding(ctx, path=f"{grec.path}.planRegulations", object_key=grec.key)
