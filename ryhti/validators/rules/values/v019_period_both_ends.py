"""V019: period values of regulations have both ends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.findings import Finding
from ryhti.model import UNSET, TimePeriodDateOnlyValue, TimePeriodValue
from ryhti.validators.rule import Localized, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class PeriodBothEnds(PlanRule):
    """A time-period value of a regulation or additional information has a begin and an end.

    Anti-pattern: ``{"dataType": "TimePeriodDateOnly", "begin": "2025-01-01"}`` for a
    temporary regulation.

    Best practice: ``{"dataType": "TimePeriodDateOnly", "begin": "2025-01-01", "end": "2027-12-31"}``.
    """

    id = "V019"
    name = "period-both-ends"
    official_ids = ("quality__req_begin_and_end_date_not_empty",)
    references = ("R-F18",)
    title = "Period value without begin or end"
    why = "A temporary regulation without an end never ends; Syke requires both dates."
    fix = "Give both begin and end."
    messages = texts(
        en="The period has no {missing}.",
        fi="Ajanjaksolta puuttuu {missing}.",
        sv="Perioden saknar {missing}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for r in pc.all_regs():
            yield from self._check(ctx, r.reg.value, f"{r.path}.value", r.key)
            for info in r.infos:
                yield from self._check(ctx, info.info.value, f"{info.path}.value", r.key)

    def _check(self, ctx: Context, value: Any, path: str, key: Any) -> Iterator[Finding]:
        if isinstance(value, TimePeriodDateOnlyValue):
            begin, end = value.begin, value.end
        elif isinstance(value, TimePeriodValue):
            begin, end = value.begin_utc, value.end_utc
        else:
            return
        missing = [n for n, v in (("begin", begin), ("end", end)) if v is UNSET or v is None]
        if missing:
            fi = {"begin": "alku", "end": "loppu"}
            sv = {"begin": "början", "end": "slut"}
            yield self.finding(
                ctx,
                path=path,
                object_key=key,
                missing=Localized(
                    en=" and ".join(missing),
                    fi=" ja ".join(fi[m] for m in missing),
                    sv=" och ".join(sv[m] for m in missing),
                ),
            )
