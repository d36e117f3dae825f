"""L003: under appeal, parts of the plan are under appeal or in force."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.lifecycle.l002_sub_lifecycle import sub_lifecycles

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class AppealSubLifecycle(PlanRule):
    """A plan in 08 Valituksen alainen has objects, regulations and recommendations in 08 or
    13 (asemakaava, yleiskaava) — 08 or 11 in a maakuntakaava.

    Anti-pattern: a plan under appeal whose undisputed parts are marked 06.

    Best practice: 13 for parts declared in force before the appeal is decided, 08 for the rest.
    """

    id = "L003"
    name = "appeal-sub-lifecycle"
    official_ids = (
        "lifecycle__req_plan_08_planobject_planregulationgrouprelations_planrecommendation_planregulation_08_or_13",
        "lifecycle__req_plan_08_plantype_11_or_12_planobject_planregulationgrouprelations_planrecommendation_planregulation_08_or_11",
    )
    references = ("R-E03",)
    title = "Part of a plan under appeal in a wrong status"
    why = "Under appeal, each part is either still under appeal or declared in force."
    fix = "Use 08 or 13 (maakuntakaava: 08 or 11)."
    messages = texts(
        en="{cls} is in lifecycle status {value}; under appeal only {allowed} is allowed.",
        fi="{cls} on elinkaaritilassa {value}; valituksen alaisena sallittuja ovat {allowed}.",
        sv="{cls} har livscykelstatus {value}; under besvär är bara {allowed} tillåtna.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        if pc.lifecycle != "08":
            return
        level = ctx.plan_level
        if level == "maakuntakaava":
            allowed, official = {"08", "11"}, self.official_ids[1]
        elif level is None:
            allowed, official = {"08", "11", "13"}, self.official_ids[0]
        else:
            allowed, official = {"08", "13"}, self.official_ids[0]
        for path, value, key, cls in sub_lifecycles(ctx, pc):
            if value is not None and value not in allowed:
                yield self.finding(
                    ctx,
                    path=path,
                    object_key=key,
                    official_id=official,
                    cls=cls,
                    value=value,
                    allowed=" / ".join(sorted(allowed)),
                )
