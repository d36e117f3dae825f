"""G021: an area object is a main use or a sub-area."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class AreaObjectNeedsRole(PlanRule):
    """A plan object with area geometry has a regulation with additional information
    ``paakayttotarkoitus`` (it is an area reservation) or ``osaAlue`` (a sub-area on top of one).

    Anti-pattern: a building-area polygon whose ``rakennusala`` regulation has no ``osaAlue``.

    Best practice: ``rakennusala`` + ``osaAlue``; ``asuinkerrostaloalue`` + ``paakayttotarkoitus``.
    """

    id = "G021"
    name = "area-object-needs-role"
    official_ids = (
        "quality__req_geom_areaobject_additionalinfo_mainuseclass_section_area_mandatory",
    )
    references = ("R-G06",)
    spatial = True
    title = "Area object neither main use nor sub-area"
    why = "Syke requires every area object to say whether it is a reservation or a sub-area."
    fix = "Add paakayttotarkoitus (area reservation) or osaAlue (sub-area) to its regulation."
    messages = texts(
        en="The area object has no regulation with paakayttotarkoitus or osaAlue.",
        fi="Aluemaisella kaavakohteella ei ole määräystä, jolla olisi lisätietona pääkäyttötarkoitus tai osa-alue.",
        sv="Ytobjektet har ingen bestämmelse med paakayttotarkoitus eller osaAlue.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        infos = pc.object_info_types
        for row in np.flatnonzero(pc.polygonal):
            rec = pc.objects[row]
            if not pc.groups_of(rec):
                continue  # R006
            if not infos[row] & {"paakayttotarkoitus", "osaAlue"}:
                yield self.finding(ctx, path=rec.path, object_key=rec.key, geometry=pc.geoms[row])
