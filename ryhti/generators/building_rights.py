"""Building rights (rakennusoikeus, k-m²) of every plan object, and how each was reached.

A land-use object's building right is the first found of: its own ``sallittuKerrosala``
(the largest, with a warning, when its groups give several); the sum of its
use-targeted ``sallittuKerrosala`` parts; its ``tehokkuusluku`` × its land area; the
building rights of the objects that belong to it (building areas, see
:func:`ryhti.generators.areas.object_owners`); the ``kayttotarkoituksenOsuusKerrosalastaK-m2``
shares of its main uses. Each object records which (:data:`METHODS`), so the text can
say how a figure was reached. A building right on an object that belongs to no
land-use object is counted in the plan's total only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ryhti.generators.group_facts import ObjectFacts
from ryhti.generators.notes import WarningLog
from ryhti.model import PlanObject

__all__ = ["METHODS", "BuildingRights", "building_rights"]

#: How a building-right figure was reached, by method key.
METHODS: dict[str, str] = {
    "kerrosala": "sallittuKerrosala of the object",
    "kohdistettu": "sum of use-targeted sallittuKerrosala parts of the object",
    "tehokkuus": "tehokkuusluku × land area",
    "alakohteet": "sum of sallittuKerrosala of objects inside it",
    "osuudet": "sum of kayttotarkoituksenOsuusKerrosalastaK-m2 of its main uses",
}


@dataclass(slots=True)
class BuildingRights:
    """Per object, in plan order: ``floor`` in k-m² (NaN: none) and its ``method`` key
    (``""``: none); ``unattached`` the k-m² of objects that belong to no land-use object."""

    floor: np.ndarray
    method: list[str]
    unattached: float


def building_rights(
    objects: Sequence[PlanObject],
    geoms: np.ndarray,
    facts: ObjectFacts,
    area: np.ndarray,
    land_use: np.ndarray,
    owner: np.ndarray,
    warn: WarningLog,
) -> BuildingRights:
    """The building right of every object (see the module docstring for the order)."""
    n = len(objects)
    floor = np.full(n, np.nan)
    method: list[str] = [""] * n
    for i in range(n):
        if geoms[i] is None:
            continue
        values = facts.floor_plain[i]
        if values:
            if len(set(values)) > 1:
                warn.add(
                    "several-floor-areas",
                    f"object has several sallittuKerrosala values {sorted(set(values))}; the largest is used",
                    f"kohteella on useita sallittuKerrosala-arvoja {sorted(set(values))}; suurinta käytetään",
                    f"objektet har flera värden för sallittuKerrosala {sorted(set(values))}; det största används",
                    path=f"$.planObjects[{i}]",
                    key=objects[i].plan_object_key,
                )
            floor[i] = max(values)
            method[i] = "kerrosala"
        elif facts.has_targeted[i]:
            floor[i] = facts.floor_targeted[i]
            method[i] = "kohdistettu"
        elif land_use[i] and not np.isnan(facts.efficiency[i]):
            floor[i] = facts.efficiency[i] * area[i]
            method[i] = "tehokkuus"

    # Building rights of objects that are not land-use areas (building areas) belong to
    # the land-use area they lie in: the object's owner.
    sub = np.flatnonzero(~land_use & ~np.isnan(floor))
    sub_sum = np.zeros(n)
    unattached = 0.0
    for i in sub.tolist():
        j = int(owner[i])
        if j < 0:
            unattached += float(floor[i])
            warn.add(
                "floor-area-outside-land-use",
                "building right of an object that lies in no land-use area; counted in the total only",
                "rakennusoikeus kohteella, joka ei ole millään käyttötarkoitusalueella; mukana vain kokonaismäärässä",
                "byggrätt för ett objekt som inte ligger på något användningsområde; med endast i totalen",
                path=f"$.planObjects[{i}]",
                key=objects[i].plan_object_key,
            )
        else:
            sub_sum[j] += float(floor[i])
    for j in np.flatnonzero(sub_sum > 0).tolist():
        if np.isnan(floor[j]):
            floor[j] = sub_sum[j]
            method[j] = "alakohteet"
        elif sub_sum[j] > floor[j] + 0.5:
            warn.add(
                "sub-floor-exceeds",
                f"building areas inside an object add up to {sub_sum[j]:.0f} k-m2, "
                f"more than its own {floor[j]:.0f} k-m2; its own figure is used",
                f"kohteen sisäisten alueiden kerrosalat ({sub_sum[j]:.0f} k-m2) ylittävät "
                f"kohteen oman ({floor[j]:.0f} k-m2); kohteen omaa käytetään",
                f"byggnadsytorna inom objektet har sammanlagt {sub_sum[j]:.0f} k-m2, mer än "
                f"objektets egen {floor[j]:.0f} k-m2; den egna används",
                path=f"$.planObjects[{j}]",
                key=objects[j].plan_object_key,
            )
    for i in np.flatnonzero(land_use & np.isnan(floor) & (facts.shares > 0)).tolist():
        floor[i] = facts.shares[i]
        method[i] = "osuudet"
    return BuildingRights(floor, method, unattached)
