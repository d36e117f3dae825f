"""G024: building sites, building areas and plots refer to the reservation they lie in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.findings import Finding
from ryhti.validators.rule import Localized, PlanRule, texts
from ryhti.validators.rules.geometry._geom import width

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

SITES = frozenset(
    {
        "rakennusala",
        "rakennuspaikka",
        "sitovanTonttijaonMukainenTontti",
        "ohjeellinenRakennuspaikka",
    }
)


class SiteInReservation(PlanRule):
    """An object of type ``rakennusala``, ``rakennuspaikka``, ``sitovanTonttijaonMukainenTontti``
    or ``ohjeellinenRakennuspaikka`` lists in ``relatedPlanObjectKeys`` the area reservation
    (object with ``paakayttotarkoitus``) that contains it.

    Anti-pattern: a building area without ``relatedPlanObjectKeys``, or related to the block
    next door.

    Best practice: ``"relatedPlanObjectKeys": ["<key of the AK block around it>"]``.
    References to stored objects (``relatedPlanObjectUris``) are accepted unchecked.
    """

    id = "G024"
    name = "site-in-reservation"
    official_ids = ("quality__req_spatialplanregulationtype_reference_spatialplanobject",)
    references = ("R-G09",)
    spatial = True
    title = "Building site or area not linked to its reservation"
    why = (
        "Syke links building sites and areas to the area reservation they belong to; the link "
        "is how the main use applies to them."
    )
    fix = "Add the key of the containing area reservation to relatedPlanObjectKeys."
    messages = texts(
        en="The {code} object {problem}.",
        fi="Kaavakohde ({code}) {problem}.",
        sv="Objektet ({code}) {problem}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        tol = max(ctx.config.tolerance, ctx.config.containment_tolerance)
        main = pc.main_use
        pairs_a: list[int] = []
        pairs_b: list[int] = []
        pending: dict[int, str] = {}
        for row, types in enumerate(pc.object_types):
            hits = types & SITES
            if not hits or main[row] or not pc.usable[row]:
                continue
            rec = pc.objects[row]
            uris = rec.obj.related_plan_object_uris
            if isinstance(uris, list) and uris:
                continue
            keys = rec.obj.related_plan_object_keys
            related = [
                pc.object_by_key[k]
                for k in (keys if isinstance(keys, list) else [])
                if isinstance(k, str) and k in pc.object_by_key
            ]
            reservations = [r for r in related if main[r.row] and pc.usable[r.row]]
            if any(main[r.row] and not pc.usable[r.row] for r in related):
                continue  # a reservation G004/G008/G002 reports cannot be compared: skipped
            code = sorted(hits)[0]
            if not reservations:
                yield self._f(
                    ctx,
                    pc,
                    rec,
                    code,
                    Localized(
                        en="refers to no area reservation in relatedPlanObjectKeys",
                        fi="ei viittaa aluevaraukseen (relatedPlanObjectKeys)",
                        sv="hänvisar inte till någon områdesreservering i relatedPlanObjectKeys",
                    ),
                )
                continue
            pending[row] = code
            for r in reservations:
                pairs_a.append(row)
                pairs_b.append(r.row)
        if not pairs_a:
            return
        a = np.array(pairs_a)
        b = np.array(pairs_b)
        inside = shapely.covered_by(pc.geoms[a].astype(object), pc.geoms[b].astype(object))
        maybe = np.flatnonzero(~inside)
        if len(maybe):
            diff = shapely.difference(
                pc.geoms[a[maybe]].astype(object), pc.geoms[b[maybe]].astype(object)
            )
            inside[maybe] = (shapely.area(diff) == 0) | (width(diff) <= tol)
        ok_rows = set(a[inside].tolist())
        for row, code in pending.items():
            if row not in ok_rows:
                yield self._f(
                    ctx,
                    pc,
                    pc.objects[row],
                    code,
                    Localized(
                        en="does not lie inside the area reservation it refers to",
                        fi="ei sijaitse aluevarauksessa, johon se viittaa",
                        sv="ligger inte inom den områdesreservering det hänvisar till",
                    ),
                )

    def _f(self, ctx: Context, pc: PlanContext, rec: Any, code: str, problem: Localized) -> Finding:
        return self.finding(
            ctx,
            path=f"{rec.path}.relatedPlanObjectKeys",
            object_key=rec.key,
            geometry=pc.geoms[rec.row],
            code=code,
            problem=problem,
        )
