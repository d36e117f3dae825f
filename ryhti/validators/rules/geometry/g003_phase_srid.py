"""G003: the phase boundary and the plan area use the same coordinate system."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.model import RyhtiGeometry
from ryhti.validators.rule import PHASE_KINDS, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class PhaseSrid(PlanRule):
    """A plan's ``geographicalArea`` uses the ``srid`` of its phase's ``geographicalArea``.

    Anti-pattern: the matter's boundary in 3067 and the plan's in 3879.

    Best practice: both in the same system, so the two boundaries can be compared exactly.
    """

    id = "G003"
    name = "phase-srid"
    references = ("R-C03",)
    severity = Severity.WARNING
    kinds = PHASE_KINDS
    spatial = True
    title = "Plan area and phase boundary in different coordinate systems"
    why = "Syke's directory-update guide requires the same CRS for both boundaries."
    fix = "Deliver both boundaries in the same srid."
    messages = texts(
        en="The plan area is in {plan_srid!r} but its phase boundary in {phase_srid!r}.",
        fi="Kaavan rajaus on järjestelmässä {plan_srid!r}, mutta vaiheen rajaus järjestelmässä {phase_srid!r}.",
        sv="Planområdet är i {plan_srid!r} men fasens gräns i {phase_srid!r}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        phase = pc.phase
        if phase is None or not isinstance(phase.geographical_area, RyhtiGeometry):
            return
        phase_srid = phase.geographical_area.srid
        if isinstance(phase_srid, str) and pc.srid and phase_srid != pc.srid:
            yield self.finding(
                ctx,
                path=f"{pc.path}.geographicalArea.srid",
                plan_srid=pc.srid,
                phase_srid=phase_srid,
            )
