"""G001: coordinate systems are ETRS-TM35FIN or ETRS-GK19…31."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import ALLOWED_SRIDS
from ryhti.validators.rule import ALL_KINDS, Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class SridAllowed(Rule):
    """``srid`` is ``"3067"`` (ETRS-TM35FIN) or ``"3873"``…``"3885"`` (ETRS-GK19FIN…GK31FIN).

    Anti-pattern: ``"srid": "4326"`` (WGS84 longitude/latitude; in the API's enum, but not
    accepted for delivery) or ``"srid": "2393"`` (KKJ).

    Best practice: deliver in the plan's own ETRS-GK zone or in ETRS-TM35FIN.

    Stricter than the schema on purpose: ``4326`` is in the API's enum (and the
    project's schema), but Syke's rule texts and error catalogue do not allow it.
    """

    id = "G001"
    name = "srid-allowed"
    official_ids = ("quality__req_geom_coord_system_not_allowed",)
    references = ("R-C01",)
    kinds = ALL_KINDS
    schema = True
    spatial = True
    title = "Coordinate system not allowed"
    why = "RYHTI accepts ETRS-TM35FIN and the ETRS-GK zones 19–31 only."
    fix = "Transform the geometry to EPSG:3067 or the plan's ETRS-GK zone (3873–3885)."
    messages = texts(
        en="srid {value!r} is not allowed; use 3067 or 3873–3885.",
        fi="Koordinaattijärjestelmä {value!r} ei ole sallittu; käytä 3067 tai 3873–3885.",
        sv="srid {value!r} är inte tillåtet; använd 3067 eller 3873–3885.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for node in ctx.scan.geometries:
            srid = node.geom.srid
            if isinstance(srid, str) and srid not in ALLOWED_SRIDS:
                yield self.finding(
                    ctx, path=f"{node.path}.srid", object_key=node.owner_key, value=srid
                )
