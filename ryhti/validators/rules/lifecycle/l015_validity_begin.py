"""L015: the period of validity begins exactly when the plan is in force."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.findings import Finding
from ryhti.model import UNSET, TimePeriodDateOnly
from ryhti.validators.rule import Localized, PlanRule, texts
from ryhti.validators.rules.lifecycle._phases import UP_TO_APPROVED

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


def _period(obj: Any) -> tuple[Any, Any]:
    period = getattr(obj, "period_of_validity", None)
    if not isinstance(period, TimePeriodDateOnly):
        return None, None
    begin = period.begin if period.begin is not UNSET else None
    end = period.end if period.end is not UNSET else None
    return begin, end


class ValidityBegin(PlanRule):
    """A plan in 13 Voimassa has ``periodOfValidity.begin`` and no ``end``; before approval
    (01–06) neither the plan nor its parts have a begin date.

    Anti-pattern: a proposal (04) with ``periodOfValidity.begin``; a valid plan without it.

    Best practice: fill ``periodOfValidity.begin`` when the plan enters into force.
    """

    id = "L015"
    name = "validity-begin"
    official_ids = (
        "lifecycle__req_period_of_validity_begin_mandatory",
        "lifecycle__req_period_of_validity_begin_not_allowed",
    )
    references = ("R-E20",)
    title = "Period of validity does not fit the lifecycle status"
    why = "The period of validity is set when the plan enters into force, not before."
    fix = "Give the begin date in 13 (with no end); remove it before approval."
    messages = texts(
        en="{cls}: {problem}.",
        fi="{cls}: {problem}.",
        sv="{cls}: {problem}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        begin, end = _period(pc.plan)
        path = f"{pc.path}.periodOfValidity"
        if pc.lifecycle == "13":
            if begin is None:
                yield self.finding(
                    ctx,
                    path=path,
                    cls="Plan",
                    problem=Localized(
                        en="periodOfValidity.begin is required in lifecycle status 13",
                        fi="voimassaolon alku on pakollinen elinkaaritilassa 13",
                        sv="giltighetstidens början (periodOfValidity.begin) är obligatorisk "
                        "i livscykelstatus 13",
                    ),
                )
            if end is not None:
                yield self.finding(
                    ctx,
                    path=f"{path}.end",
                    official_id=self.official_ids[1],
                    cls="Plan",
                    problem=Localized(
                        en="a plan in force has no end of validity",
                        fi="voimassa olevalla kaavalla ei ole voimassaolon loppua",
                        sv="en gällande plan har inget slut på giltighetstiden",
                    ),
                )
            return
        if pc.lifecycle not in UP_TO_APPROVED:
            return
        parts: list[tuple[str, Any, str]] = [(path, pc.plan, "Plan")]
        parts += [(f"{r.path}.periodOfValidity", r.obj, "PlanObject") for r in pc.objects]
        parts += [(f"{r.path}.periodOfValidity", r.reg, "PlanRegulation") for r in pc.all_regs()]
        for p, obj, cls in parts:
            if _period(obj)[0] is not None:
                yield self.finding(
                    ctx,
                    path=f"{p}.begin",
                    official_id=self.official_ids[1],
                    cls=cls,
                    problem=Localized(
                        en=f"a begin of validity is not allowed in lifecycle status {pc.lifecycle}",
                        fi=f"voimassaolon alku ei ole sallittu elinkaaritilassa {pc.lifecycle}",
                        sv=f"giltighetstidens början är inte tillåten i livscykelstatus "
                        f"{pc.lifecycle}",
                    ),
                )
