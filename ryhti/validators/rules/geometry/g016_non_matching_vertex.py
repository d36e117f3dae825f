"""G016: neighbouring area reservations share their vertices."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ryhti.findings import Finding, Severity
from ryhti.validators.rule import PlanRule, texts


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
        en="Vertex ({x}, {y}) lies on the edge of {other} without being one of its vertices.",
        fi="Taitepiste ({x}, {y}) on kohteen {other} reunalla olematta sen taitepiste.",
        sv="Brytpunkten ({x}, {y}) ligger på kanten av {other} utan att vara en av dess brytpunkter.",
    )

    def check_plan(self, ctx: Any, pc: Any) -> Iterator[Finding]:
        for problem in pc.coverage.junctions:
            *owners, other = problem.rows
            rec = pc.objects[owners[0]] if owners else pc.objects[other]
            neighbour = pc.objects[other]
            yield self.finding(
                ctx,
                path=rec.geometry_path,
                object_key=rec.key,
                geometry=problem.geometry,
                x=round(problem.geometry.x, 3),
                y=round(problem.geometry.y, 3),
                other=neighbour.key or neighbour.path,
            )
