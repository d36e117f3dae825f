"""B004: the main use of an area agrees with the yleiskaava in force covering it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from ryhti.codelists import bare_code
from ryhti.findings import Finding, Severity
from ryhti.validators.rule import Localized, PlanRule, texts
from ryhti.validators.rules.context._gpkg import layers_of
from ryhti.validators.rules.context._uses import family

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: Yleiskaava use class → asemakaava use classes that contradict it. Only clear
#: contradictions: streets, parks and public buildings fit almost any designation.
INCOMPATIBLE: dict[str, frozenset[str]] = {
    "A": frozenset("T"),
    "C": frozenset("T"),
    "K": frozenset("A"),
    "P": frozenset("AT"),
    "Y": frozenset("T"),
    "T": frozenset("AR"),
    "R": frozenset("T"),
    "V": frozenset("ATRCK"),
    "M": frozenset("ATCK"),
    "S": frozenset("ATCKR"),
    "W": frozenset("ATCKR"),
    "L": frozenset("AR"),
    "E": frozenset("AR"),
}
NAMES = {
    "A": ("housing", "asuminen", "boende"),
    "C": ("centre", "keskustatoiminnot", "centrumfunktioner"),
    "K": ("workplaces", "työpaikat", "arbetsplatser"),
    "P": ("services", "palvelut", "service"),
    "Y": ("public buildings", "julkiset palvelut", "offentliga byggnader"),
    "T": ("industry", "teollisuus", "industri"),
    "R": ("holiday homes and tourism", "loma-asuminen ja matkailu", "fritidsboende och turism"),
    "V": ("recreation", "virkistys", "rekreation"),
    "M": ("agriculture and forestry", "maa- ja metsätalous", "jord- och skogsbruk"),
    "S": ("protection", "suojelu", "skydd"),
    "W": ("water", "vesialue", "vattenområde"),
    "L": ("traffic", "liikenne", "trafik"),
    "E": ("special use", "erityisalue", "specialområde"),
}


def sign_family(sign: str) -> str | None:
    """The use class of a yleiskaava sign: through the notation table, else its letter."""
    from ryhti.codelists import registry

    for entry in registry().notation.by_letter(sign, "yleiskaava"):
        found = family(entry.regulation_codes)
        if found:
            return found
    letter = sign.strip()[:1].upper()
    return letter if letter in INCOMPATIBLE else None


class ContradictsMasterPlan(PlanRule):
    """The main use of each area reservation agrees with the designation of the yleiskaava in
    force that covers most of it (from the gathered background data).

    Anti-pattern: an industrial block (T) where the yleiskaava shows a housing area (A).

    Best practice: follow the yleiskaava, or say in the description why the plan departs
    from it (MRL 42 §).
    """

    id = "B004"
    name = "contradicts-master-plan"
    severity = Severity.WARNING
    spatial = True
    plan_levels = ("asemakaava",)
    title = "Main use contradicts the yleiskaava in force"
    why = (
        "An asemakaava must take the legally binding yleiskaava into account (MRL 42 §); "
        "a contradiction needs a reason, or an update of the yleiskaava."
    )
    fix = "Change the main use, or justify the departure in the kaavaselostus."
    approximation = (
        "Runs only with --context holding sources of theme plans whose features carry a "
        "yleiskaava sign (fields.sign); use classes come from the code-list tree and the "
        "notation table; only the clear contradictions of a fixed table are reported, "
        "and a designation must cover over half of the area."
    )
    messages = texts(
        en="The main use ({use}) contradicts the yleiskaava designation {sign} ({designation}) of {plan}.",
        fi="Pääkäyttötarkoitus ({use}) on ristiriidassa yleiskaavan {plan} merkinnän {sign} ({designation}) kanssa.",
        sv="Huvudanvändningen ({use}) strider mot generalplanens {plan} beteckning {sign} ({designation}).",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        layers = [
            layer
            for layer in layers_of(ctx, pc, ("plans",))
            if any(layer.signs) and (layer.level in ("", "yleiskaava"))
        ]
        if not layers:
            return
        for row in np.flatnonzero(pc.main_use & pc.usable & pc.polygonal):
            rec = pc.objects[row]
            main = [
                bare_code(r.reg.type)
                for r in pc.regs_of(rec)
                if isinstance(r.reg.type, str)
                and any(
                    isinstance(i.type, str) and i.type.endswith("/paakayttotarkoitus")
                    for i in (r.reg.additional_informations or [])
                    if hasattr(i, "type")
                )
            ]
            use = family(main or sorted(pc.object_types[row]))
            if use is None:
                continue
            geom = pc.geoms[row]
            own = float(shapely.area(geom)) or 1.0
            best: tuple[float, Any, int] | None = None
            for layer in layers:
                for hit in shapely.STRtree(layer.geoms).query(geom, predicate="intersects"):
                    if layer.levels[hit] not in ("", "yleiskaava") or not layer.signs[hit]:
                        continue
                    share = float(shapely.area(shapely.intersection(geom, layer.geoms[hit]))) / own
                    if best is None or share > best[0]:
                        best = (share, layer, int(hit))
            if best is None or best[0] <= 0.5:
                continue
            _, layer, hit = best
            sign = layer.signs[hit]
            designated = sign_family(sign)
            if designated is None or use not in INCOMPATIBLE.get(designated, frozenset()):
                continue
            yield self.finding(
                ctx,
                path=rec.geometry_path,
                object_key=rec.key,
                use=Localized(en=NAMES[use][0], fi=NAMES[use][1], sv=NAMES[use][2]),
                sign=sign,
                designation=Localized(
                    en=NAMES[designated][0], fi=NAMES[designated][1], sv=NAMES[designated][2]
                ),
                plan=layer.plan_names[hit] or layer.title,
            )
