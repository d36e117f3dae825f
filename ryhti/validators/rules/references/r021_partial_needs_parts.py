"""R021: cancelling part of a plan names the parts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import Rule, texts
from ryhti.validators.rules.references._cancellations import cancellation_infos, nonempty
from ryhti.validators.rules.references.r020_entire_plan_exclusive import PARTS

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class PartialNeedsParts(Rule):
    """With ``cancelsEntirePlan: false`` the cancellation names at least one object,
    group relation or general group.

    Anti-pattern: ``{"cancelsEntirePlan": false}`` and nothing else.

    Best practice: ``planObjectCancellationInfos`` for the objects cancelled (with
    ``validityGeometry`` for what stays).
    """

    id = "R021"
    name = "partial-needs-parts"
    official_ids = ("quality__req_must_have_at_least_one",)
    references = ("R-H02",)
    title = "Partial cancellation without parts"
    why = "A partial cancellation that names nothing cancels nothing; Syke refuses it."
    fix = "Name what is cancelled, or set cancelsEntirePlan to true."
    messages = texts(
        en="cancelsEntirePlan is false, so at least one of planObjectCancellationInfos, cancelledGroupRelations, cancelledGeneralRegulationGroupUris is needed.",
        fi="cancelsEntirePlan on epätosi, joten vähintään yksi kentistä planObjectCancellationInfos, cancelledGroupRelations, cancelledGeneralRegulationGroupUris tarvitaan.",
        sv="cancelsEntirePlan är falskt, så minst en av planObjectCancellationInfos, cancelledGroupRelations, cancelledGeneralRegulationGroupUris behövs.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for path, info, _, _ in cancellation_infos(ctx):
            if info.cancels_entire_plan is False and not any(
                nonempty(getattr(info, attr)) for attr, _ in PARTS
            ):
                yield self.finding(ctx, path=path, object_key=info.plan_cancellation_info_key)
