"""G012: presentation alignments are points or lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts
from ryhti.validators.rules.geometry._geom import geojson_type

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class AlignmentGeometry(PlanRule):
    """A presentation alignment (where a label or symbol is drawn) is a Point or a LineString.

    Anti-pattern: a polygon as the label position.

    Best practice: a point for a label, a line for text along a street.
    """

    id = "G012"
    name = "alignment-geometry"
    official_ids = ("quality__req_presentationalignment_allowed_geomety_types",)
    references = ("R-C13",)
    spatial = True
    title = "Presentation alignment not a point or a line"
    why = "Syke accepts only points and lines as presentation alignments."
    fix = "Use a point (or a line for text along a line)."
    messages = texts(
        en="A presentation alignment must be a Point or LineString, not a {gtype}.",
        fi="Esitystavan kohdistuksen tulee olla Point tai LineString, ei {gtype}.",
        sv="En presentationsplacering ska vara Point eller LineString, inte {gtype}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        prefix = f"{pc.path}.presentationAlignments["
        for node in ctx.scan.geometries:
            if not node.path.startswith(prefix):
                continue
            gtype = geojson_type(node)
            if gtype and gtype not in ("Point", "LineString"):
                yield self.finding(
                    ctx, path=f"{node.path}.geometry.type", object_key=node.owner_key, gtype=gtype
                )
