"""R011: phase updates carry no relatedPlanSourceDataKeys."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class SourceDataKeysInUpdate(PlanRule):
    """When a phase is sent on its own (``POST …/PlanMatterPhase``), plan objects do not
    refer to source data by key: the source data live in the matter.

    Anti-pattern: a phase document whose plan objects list ``relatedPlanSourceDataKeys``.

    Best practice: ``relatedPlanSourceDataUris`` to the stored source data, or nothing.
    """

    id = "R011"
    name = "source-data-keys-in-update"
    official_ids = ("quality__req_relatedsourcedatakeys_must_be_empty_or_null",)
    references = ("R-B10",)
    kinds = ("phase",)
    title = "Source-data keys in a phase update"
    why = "Syke requires relatedPlanSourceDataKeys to be empty or null in phase updates."
    fix = "Remove the keys (use relatedPlanSourceDataUris)."
    messages = texts(
        en="relatedPlanSourceDataKeys must be empty in a phase update.",
        fi="relatedPlanSourceDataKeys tulee olla tyhjä vaiheen päivityksessä.",
        sv="relatedPlanSourceDataKeys ska vara tom i en fasuppdatering.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for rec in pc.objects:
            keys = rec.obj.related_plan_source_data_keys
            if isinstance(keys, list) and keys:
                yield self.finding(
                    ctx, path=f"{rec.path}.relatedPlanSourceDataKeys", object_key=rec.key
                )
