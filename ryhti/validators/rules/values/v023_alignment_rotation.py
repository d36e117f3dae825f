"""V023: presentation alignments rotate by −360…360 degrees."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import PresentationAlignment
from ryhti.validators.helpers import is_number
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class AlignmentRotation(PlanRule):
    """``rotation`` of a presentation alignment is between −360 and 360.

    Anti-pattern: ``"rotation": 450``.

    Best practice: ``"rotation": 90``.
    """

    id = "V023"
    name = "alignment-rotation"
    official_ids = ("quality__req_presentationalignment_rotation",)
    references = ("R-C13",)
    title = "Rotation out of range"
    why = "Syke accepts rotations of −360…360 degrees only."
    fix = "Reduce the angle modulo 360."
    messages = texts(
        en="rotation {value} is outside −360…360 degrees.",
        fi="Kierto {value} ei ole välillä −360…360 astetta.",
        sv="rotation {value} ligger utanför −360…360 grader.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        items = pc.plan.presentation_alignments
        if not isinstance(items, list):
            return
        for i, item in enumerate(items):
            if (
                isinstance(item, PresentationAlignment)
                and is_number(item.rotation)
                and not -360 <= item.rotation <= 360
            ):
                yield self.finding(
                    ctx, path=f"{pc.path}.presentationAlignments[{i}].rotation", value=item.rotation
                )
