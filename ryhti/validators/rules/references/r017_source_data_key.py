"""R017: plan objects refer to source data of the matter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import PlanSourceData
from ryhti.validators.rule import Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class SourceDataKey(Rule):
    """Every ``relatedPlanSourceDataKeys`` entry is the key of a ``sourceDatas`` item of the matter.

    Anti-pattern: an object referring to a source-data key that the matter does not list.

    Best practice: list the source data in ``sourceDatas`` and refer to their keys.
    """

    id = "R017"
    name = "source-data-key"
    official_ids = ("quality__req_key_reference_not_exists",)
    references = ("R-B03",)
    kinds = ("matter",)
    title = "Source-data key not in the matter"
    why = "Syke refuses references to keys that are not in the message."
    fix = "Correct the key or add the source data to the matter."
    messages = texts(
        en="Source data {key} is not among the matter's sourceDatas.",
        fi="Lähtötietoaineistoa {key} ei ole kaava-asian lähtötietoaineistoissa.",
        sv="Underlagsdata {key} finns inte bland ärendets sourceDatas.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        matter = ctx.matter
        if matter is None:
            return
        items = matter.source_datas
        known = (
            {
                s.plan_source_data_key
                for s in items
                if isinstance(s, PlanSourceData) and isinstance(s.plan_source_data_key, str)
            }
            if isinstance(items, list)
            else set()
        )
        for pc in ctx.plans:
            for rec in pc.objects:
                keys = rec.obj.related_plan_source_data_keys
                if not isinstance(keys, list):
                    continue
                for i, key in enumerate(keys):
                    if isinstance(key, str) and key not in known:
                        yield self.finding(
                            ctx,
                            path=f"{rec.path}.relatedPlanSourceDataKeys[{i}]",
                            object_key=rec.key,
                            key=key,
                        )
