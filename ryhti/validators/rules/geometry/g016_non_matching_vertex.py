"""G016: neighbouring area reservations share their vertices."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import shapely

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import Localized, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: More non-matching vertices than this between the same two objects are one finding.
GROUP = 20


class NonMatchingVertex(PlanRule):
    """Where two area reservations meet, a vertex of one lies on the other's edge only if
    the other has the same vertex (no T-junctions, no near misses).

    Anti-pattern: a block split in two without adding the split point to the neighbouring
    street area; a vertex 3 mm off the neighbour's corner.

    Best practice: topological editing (shared vertices) in the source data. Each
    non-matching vertex is reported as its own point.
    """

    id = "G016"
    name = "non-matching-vertex"
    references = ("R-G02", "R-G03")
    severity = Severity.WARNING
    spatial = True
    title = "Non-matching shared vertex (T-junction)"
    why = (
        "A vertex on a neighbour's edge that the neighbour lacks leaves a sliver gap or overlap "
        "of floating-point width, breaks topological editing and fails strict coverage checks."
    )
    fix = "Add the vertex to the neighbour's edge (or snap it to the neighbour's vertex)."
    messages = texts(
        en="Vertex ({x}, {y}) lies on the edge of {other} without being one of its vertices{more}.",
        fi="Taitepiste ({x}, {y}) on kohteen {other} reunalla olematta sen taitepiste{more}.",
        sv="Brytpunkten ({x}, {y}) ligger på kanten av {other} utan att vara en av dess brytpunkter{more}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        by_pair: dict[tuple[int, ...], list[Any]] = {}
        for problem in pc.coverage.junctions:
            by_pair.setdefault(problem.rows, []).append(problem)
        for rows, problems in by_pair.items():
            *owners, other = rows
            rec = pc.objects[owners[0]] if owners else pc.objects[other]
            neighbour = pc.objects[other]
            # an edge split into thousands of pieces the neighbour lacks is one fault:
            # beyond GROUP vertices it is one finding with all of them as a MultiPoint
            groups = [problems] if len(problems) > GROUP else [[p] for p in problems]
            for group in groups:
                first = group[0].geometry
                more = len(group) - 1
                yield self.finding(
                    ctx,
                    path=rec.geometry_path,
                    object_key=rec.key,
                    geometry=first
                    if not more
                    else shapely.multipoints([p.geometry for p in group]),
                    x=round(first.x, 3),
                    y=round(first.y, 3),
                    other=neighbour.key or neighbour.path,
                    count=len(group),
                    more=Localized(
                        en=f" (and {more} more on the same edge)",
                        fi=f" (ja {more} muuta samalla reunalla)",
                        sv=f" (och {more} till på samma kant)",
                    )
                    if more
                    else "",
                )
