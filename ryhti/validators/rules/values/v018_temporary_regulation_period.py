"""V018: temporary restrictions say how long they last."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

TEMPORARY = frozenset(
    {"maaraAikainenRakentamisrajoitus", "maaraAikainenKieltoRakennuksenRakentamiseksi"}
)


class TemporaryRegulationPeriod(PlanRule):
    """A fixed-term building restriction or prohibition has additional information
    ``valiaikainenMaarays`` with its period.

    Anti-pattern: ``maaraAikainenKieltoRakennuksenRakentamiseksi`` with only ``osaAlue``.

    Best practice: add ``{"type": ".../valiaikainenMaarays", "value": {"dataType":
    "TimePeriodDateOnly", "begin": "2025-01-01", "end": "2027-12-31"}}``.
    """

    id = "V018"
    name = "temporary-regulation-period"
    official_ids = (
        "quality__additionalinfotype_temporaryregulation",
        "quality__req_missing_additionalinfo_sub_area",
    )
    references = ("R-F17",)
    title = "Temporary restriction without its period"
    why = "A fixed-term restriction must say when it ends; Syke requires valiaikainenMaarays."
    fix = "Add the additional information valiaikainenMaarays with the period."
    messages = texts(
        en="{code} needs the additional information valiaikainenMaarays.",
        fi="Kaavamääräyslaji {code} edellyttää lisätietoa valiaikainenMaarays.",
        sv="{code} kräver tilläggsinformationen valiaikainenMaarays.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for r in pc.all_regs():
            if r.type in TEMPORARY and "valiaikainenMaarays" not in r.info_types:
                yield self.finding(ctx, path=r.path, object_key=r.key, code=r.type)
