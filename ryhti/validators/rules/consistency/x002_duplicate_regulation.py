"""X002: a group does not carry the same regulation twice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.findings import Finding, Severity
from ryhti.model import Model
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


def _signature(r: Any) -> str:
    value = r.reg.value.to_json() if isinstance(r.reg.value, Model) else r.reg.value
    infos = sorted(
        json.dumps(i.info.to_json(), sort_keys=True) for i in r.infos if isinstance(i.info, Model)
    )
    verbal = r.reg.verbal_regulations if isinstance(r.reg.verbal_regulations, list) else []
    return json.dumps([r.type, value, infos, sorted(map(str, verbal))], sort_keys=True, default=str)


class DuplicateRegulation(PlanRule):
    """A regulation group does not hold two regulations with the same type, value and
    additional information.

    Anti-pattern: ``asuinkerrostaloalue`` twice in the AK group after a copy-paste.

    Best practice: each regulation once.
    """

    id = "X002"
    name = "duplicate-regulation"
    severity = Severity.WARNING
    title = "Same regulation twice in a group"
    why = "A duplicated regulation is a copy-paste slip; if one copy is later edited the group contradicts itself."
    fix = "Remove the duplicate."
    messages = texts(
        en="{code} appears twice in the group with the same value (first at {first}).",
        fi="{code} on ryhmässä kahdesti samalla arvolla (ensimmäinen: {first}).",
        sv="{code} förekommer två gånger i gruppen med samma värde (första: {first}).",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for grec in (*pc.groups, *pc.general_groups):
            seen: dict[str, str] = {}
            for r in grec.regs:
                if r.type is None:
                    continue
                sig = _signature(r)
                if sig in seen:
                    yield self.finding(
                        ctx, path=r.path, object_key=r.key, code=r.type, first=seen[sig]
                    )
                else:
                    seen[sig] = r.path
