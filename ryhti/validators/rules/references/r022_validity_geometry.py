"""R022: a partially cancelled object says which part stays."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import UNSET, PlanObjectCancellationInfo
from ryhti.validators.rule import Rule, texts
from ryhti.validators.rules.references._cancellations import cancellation_infos

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class ValidityGeometry(Rule):
    """``cancelsEntirePlanObject: false`` comes with ``validityGeometry``, the part that stays valid.

    Anti-pattern: ``{"cancelledPlanObjectUri": "…", "cancelsEntirePlanObject": false}``.

    Best practice: add ``"validityGeometry": {"srid": "3879", "geometry": {…}}``.
    """

    id = "R022"
    name = "validity-geometry"
    official_ids = (
        "quality__geom_validity_geometry_must_be_provided_when_partially_cancelling_object",
    )
    references = ("R-H03",)
    title = "Partial object cancellation without validity geometry"
    why = "Without the remaining part RYHTI cannot know what of the object stays in force."
    fix = "Give validityGeometry, or cancel the whole object."
    messages = texts(
        en="The object is cancelled partly, so validityGeometry (the part that stays) is required.",
        fi="Kaavakohde kumotaan osittain, joten voimaan jäävä osa (validityGeometry) tarvitaan.",
        sv="Objektet upphävs delvis, så validityGeometry (delen som består) krävs.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for path, info, _, _ in cancellation_infos(ctx):
            items = info.plan_object_cancellation_infos
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                if (
                    not isinstance(item, PlanObjectCancellationInfo)
                    or item.cancels_entire_plan_object is not False
                ):
                    continue
                if item.validity_geometry is UNSET or item.validity_geometry is None:
                    yield self.finding(
                        ctx,
                        path=f"{path}.planObjectCancellationInfos[{i}]",
                        object_key=item.plan_object_cancellation_info_key,
                    )
