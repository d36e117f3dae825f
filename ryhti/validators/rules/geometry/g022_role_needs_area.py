"""G022: main use and sub-area only on area objects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class RoleNeedsArea(PlanRule):
    """``paakayttotarkoitus`` and ``osaAlue`` go only on objects whose geometry is an area.

    Anti-pattern: a point object related to an AK group with ``paakayttotarkoitus``.

    Best practice: draw area reservations and sub-areas as polygons.
    """

    id = "G022"
    name = "role-needs-area"
    official_ids = ("quality__req_geom_codelist_additionalinfotype_mainuseclass_section_area",)
    references = ("R-G07",)
    spatial = True
    title = "Main use or sub-area on a point or line"
    why = "An area reservation or sub-area without area geometry has no extent; Syke refuses it."
    fix = "Draw the object as a polygon, or remove paakayttotarkoitus / osaAlue."
    messages = texts(
        en="The object has {info} but its geometry is a {gtype}, not an area.",
        fi="Kaavakohteella on lisätieto {info}, mutta sen geometria on {gtype} eikä alue.",
        sv="Objektet har {info} men dess geometri är en {gtype}, inte en yta.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        geoms = pc.geoms
        for row, infos in enumerate(pc.object_info_types):
            role = infos & {"paakayttotarkoitus", "osaAlue"}
            if not role or pc.polygonal[row] or geoms[row] is None:
                continue
            rec = pc.objects[row]
            yield self.finding(
                ctx,
                path=rec.geometry_path,
                object_key=rec.key,
                geometry=geoms[row],
                info=" / ".join(sorted(role)),
                gtype=geoms[row].geom_type,
            )
        _ = np  # numpy kept for symmetry with G021
