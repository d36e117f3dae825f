"""L024: a boundary-only plan carries nothing but its boundary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import Model
from ryhti.validators.rule import MATTER_KINDS, Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

PLAN_PARTS = (
    "planObjects",
    "otherPlanMaterials",
    "planRegulationGroups",
    "generalRegulationGroups",
)


class BoundaryOnly(Rule):
    """With ``digitalOrigin`` 04 (only the plan boundary digitised) the matter has no source
    data, OAS, handling or interaction events, and its plans no objects, other material,
    regulation groups or general regulation groups.

    Anti-pattern: a boundary-only old plan with objects digitised after all.

    Best practice: use digital origin 02/03 for digitised content, 04 for the boundary alone.
    """

    id = "L024"
    name = "boundary-only"
    official_ids = ("quality__req_digital_origin_04",)
    references = ("R-E29",)
    kinds = MATTER_KINDS
    title = "Boundary-only plan with content"
    why = "Digital origin 04 declares that only the boundary exists as data."
    fix = "Remove the content, or change the digital origin."
    messages = texts(
        en="With digitalOrigin 04 (boundary only) {field} must be empty.",
        fi="Digitaalisella alkuperällä 04 (vain rajaus) kentän {field} tulee olla tyhjä.",
        sv="Med digitalOrigin 04 (bara gränsen) ska {field} vara tom.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        doc = ctx.matter
        if doc is None:
            return
        if ctx.code_value(doc.digital_origin, "RY_DigitaalinenAlkupera") != "04":
            return
        if isinstance(doc.source_datas, list) and doc.source_datas:
            yield self.finding(ctx, path="$.sourceDatas", field="sourceDatas")
        if isinstance(doc.participation_and_assessment_scheme, Model):
            yield self.finding(
                ctx,
                path="$.participationAndAssessmentScheme",
                field="participationAndAssessmentScheme",
            )
        for path, phase in ctx.phases:
            if isinstance(phase.handling_event, Model):
                yield self.finding(ctx, path=f"{path}.handlingEvent", field="handlingEvent")
            if isinstance(phase.interaction_events, list) and phase.interaction_events:
                yield self.finding(ctx, path=f"{path}.interactionEvents", field="interactionEvents")
        for pc in ctx.plans:
            for name in PLAN_PARTS:
                attr = "".join("_" + c.lower() if c.isupper() else c for c in name)
                value = getattr(pc.plan, attr)
                if isinstance(value, list) and value:
                    yield self.finding(ctx, path=f"{pc.path}.{name}", field=name)
