"""R020: cancelling a whole plan lists no parts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import Rule, texts
from ryhti.validators.rules.references._cancellations import cancellation_infos, nonempty

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

PARTS = (
    ("plan_object_cancellation_infos", "planObjectCancellationInfos"),
    ("cancelled_group_relations", "cancelledGroupRelations"),
    ("cancelled_general_regulation_group_uris", "cancelledGeneralRegulationGroupUris"),
)


class EntirePlanExclusive(Rule):
    """With ``cancelsEntirePlan: true`` the cancellation lists no objects, relations or
    general groups.

    Anti-pattern: ``{"cancelsEntirePlan": true, "planObjectCancellationInfos": [...]}``.

    Best practice: either the whole plan (``true`` and nothing else) or named parts (``false``).
    """

    id = "R020"
    name = "entire-plan-exclusive"
    official_ids = ("quality__req_must_be_empty",)
    references = ("R-H01",)
    title = "Whole-plan cancellation that also lists parts"
    why = "Syke refuses a whole-plan cancellation that also names parts to cancel."
    fix = "Remove the parts, or set cancelsEntirePlan to false."
    messages = texts(
        en="cancelsEntirePlan is true, so {field} must be empty.",
        fi="cancelsEntirePlan on tosi, joten kentän {field} tulee olla tyhjä.",
        sv="cancelsEntirePlan är sant, så {field} ska vara tom.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for path, info, _, _ in cancellation_infos(ctx):
            if info.cancels_entire_plan is not True:
                continue
            for attr, name in PARTS:
                if nonempty(getattr(info, attr)):
                    yield self.finding(
                        ctx,
                        path=f"{path}.{name}",
                        object_key=info.plan_cancellation_info_key,
                        field=name,
                    )
