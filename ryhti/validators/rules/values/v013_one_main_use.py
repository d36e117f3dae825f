"""V013: one paakayttotarkoitus per regulation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class OneMainUse(PlanRule):
    """A regulation carries ``paakayttotarkoitus`` at most once.

    Anti-pattern: ``"additionalInformations": [{"type": ".../paakayttotarkoitus"},
    {"type": ".../paakayttotarkoitus"}]``.

    Best practice: once; combined main uses are separate regulations in the group, each
    with its own ``paakayttotarkoitus`` (as in an AL block).
    """

    id = "V013"
    name = "one-main-use"
    official_ids = (
        "quality__req_codelist_spatialplanregulation_additionalinfotype_only_one_mainuseclass",
    )
    references = ("R-F11",)
    title = "Main use given twice on one regulation"
    why = "Syke refuses a regulation with more than one paakayttotarkoitus."
    fix = "Remove the duplicate additional information."
    messages = texts(
        en="The regulation has paakayttotarkoitus {count} times; at most once is allowed.",
        fi="Määräyksellä on pääkäyttötarkoitus {count} kertaa; sallittu on enintään yksi.",
        sv="Bestämmelsen har paakayttotarkoitus {count} gånger; högst en gång är tillåten.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for r in pc.all_regs():
            main = [i for i in r.infos if i.type == "paakayttotarkoitus"]
            if len(main) > 1:
                yield self.finding(ctx, path=main[1].path, object_key=r.key, count=len(main))
