"""C005: regulation types that belong to one plan level only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: regulation type → (the only level it is allowed at, Syke rule id)
RESTRICTED = {
    "rakentamisrajoitusYleiskaava": (
        "yleiskaava",
        "quality__req_regulationtype_not_allowed_localmasterplan",
    ),
    "rakentamisrajoitusMaakuntakaava": (
        "maakuntakaava",
        "quality__req_regulationtype_not_allowed_regionalplan",
    ),
}


class LevelRestrictedType(PlanRule):
    """``rakentamisrajoitusYleiskaava`` belongs to yleiskaava, ``rakentamisrajoitusMaakuntakaava``
    to maakuntakaava.

    Anti-pattern: an asemakaava (planType 31) with ``rakentamisrajoitusYleiskaava``.

    Best practice: in an asemakaava use ``toimenpiderajoitus`` or a verbal regulation.
    Decided only when the plan level is known (``--plan-type`` or the plan matter).
    """

    id = "C005"
    name = "level-restricted-type"
    official_ids = tuple(v[1] for v in RESTRICTED.values())
    references = ("R-D05",)
    title = "Regulation type not allowed at this plan level"
    why = "Syke refuses these restriction types outside their own plan level."
    fix = "Use a regulation type allowed at this plan level."
    messages = texts(
        en="Regulation type {code} is allowed only in a {allowed}, not in a {level}.",
        fi="Kaavamääräyslaji {code} on sallittu vain kaavatasolla {allowed}, ei tasolla {level}.",
        sv="Planbestämmelsetypen {code} är tillåten bara i {allowed}, inte i {level}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        level = ctx.plan_level
        if level is None:
            return
        for grec in (*pc.groups, *pc.general_groups):
            for r in grec.regs:
                rule = RESTRICTED.get(r.type or "")
                if rule and rule[0] != level:
                    yield self.finding(
                        ctx,
                        path=f"{r.path}.type",
                        object_key=r.key,
                        official_id=rule[1],
                        code=r.type,
                        allowed=rule[0],
                        level=level,
                    )
