"""What a feature may be: its layer's role and its geometry decide, the typing follows.

Syke's rules tie the additional information ``paakayttotarkoitus`` (an area
reservation) and ``osaAlue`` (a sub-area) to area geometry, and require every area
object to have one of them. So, whatever the notation table or the extractor said:

* a polygon of an ``area`` layer is an area reservation when its regulations carry a main
  use; without one it gets ``osaAlue`` and a CV024 finding (for review);
* a polygon of a ``subarea`` layer (or of a line or point layer) is a sub-area: a main use
  becomes ``osaAlue``, and a sub-area with only verbal regulations gets ``osaAlue`` too;
* a polygon of a ``mixed`` layer is whatever its regulations say: a reservation with a
  main use, else a sub-area;
* a polygon the source itself marks as a main-use area (the mapping's ``kind``, e.g. the
  2019 pilot's zoning element type 1) is an area reservation: its regulation gets
  ``paakayttotarkoitus`` when the notation did not give one (a street, ``katu``);
* a line or a point is never an area reservation or a sub-area: both are removed, with a
  CV024 finding when a main use was removed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import shapely

from ryhti.parsers.interpret import VERBAL, RegSpec

__all__ = ["MAIN_USE", "SUB_AREA", "Fitted", "fit", "kinds"]

MAIN_USE = "paakayttotarkoitus"
SUB_AREA = "osaAlue"
_ROLE_INFOS = (MAIN_USE, SUB_AREA)

#: shapely type ids → geometry kind
_POLYGONAL = {3, 6}
_LINEAR = {1, 2, 5}
_PUNCTUAL = {0, 4}


def kinds(role: str, geometries: np.ndarray, declared: list[Any] | None = None) -> list[str]:
    """The kind of each feature of a layer: ``area``, ``subarea``, ``mixed`` (a polygon whose
    typing decides), ``line`` or ``point``; the layer's role where the geometry fits it.
    ``declared`` is what the source says a feature is (``paakayttotarkoitus`` or
    ``osaAlue``, the mapping's ``kind``): a polygon so marked is a ``reservation`` (an area
    reservation even when its code says nothing of a main use) or a ``subarea``."""
    present = np.array([g is not None for g in geometries], dtype=bool)
    ids = np.full(len(geometries), -1, dtype=int)
    if present.any():
        ids[present] = shapely.get_type_id(geometries[present])
    polygon_kind = role if role in ("area", "subarea", "mixed") else "subarea"
    out = []
    for i, tid in enumerate(ids.tolist()):
        if tid in _POLYGONAL:
            said = declared[i] if declared is not None else None
            if said == MAIN_USE:
                out.append("reservation")
            elif said == SUB_AREA:
                out.append("subarea")
            else:
                out.append(polygon_kind)
        elif tid in _LINEAR:
            out.append("line")
        elif tid in _PUNCTUAL:
            out.append("point")
        else:  # no geometry (the feature is dropped) or a collection: keep the role
            out.append(role)
    return out


class Fitted:
    """Regulations fitted to a kind, what the feature is then, and what was changed."""

    def __init__(self, regs: list[RegSpec], kind: str) -> None:
        self.regs = regs
        #: ``area`` (a reservation), ``subarea``, ``line`` or ``point``
        self.kind = kind
        self.decisions: list[tuple[str, str]] = []
        self.findings: list[tuple[str, str]] = []


def _infos(spec: RegSpec) -> set[str]:
    return {str(a.get("type")) for a in spec.additional}


def _with_info(spec: RegSpec, info: str) -> RegSpec:
    return replace(spec, additional=[*spec.additional, {"type": info}])


def _renamed(spec: RegSpec, old: str, new: str) -> RegSpec:
    additional = []
    for a in spec.additional:
        if a.get("type") == old:
            if any(b.get("type") == new for b in spec.additional):
                continue
            a = {**a, "type": new}
        additional.append(a)
    return replace(spec, additional=additional)


def _without_roles(spec: RegSpec) -> RegSpec:
    return replace(
        spec, additional=[a for a in spec.additional if a.get("type") not in _ROLE_INFOS]
    )


def fit(regs: list[RegSpec], kind: str, what: str) -> Fitted:
    """``regs`` fitted to a feature of ``kind`` (``what`` names it in messages). Specs are
    copied where changed: the interpreter shares them between features."""
    if kind in ("line", "point"):
        return _fit_line_or_point(regs, kind, what)
    main = [r for r in regs if MAIN_USE in _infos(r)]
    main_ids = {id(r) for r in main}
    sub = [r for r in regs if SUB_AREA in _infos(r)]
    if kind in ("area", "mixed", "reservation") and main:
        return Fitted(regs, "area")
    if kind == "reservation" and regs:
        target = next((i for i, r in enumerate(regs) if r.type != VERBAL), 0)
        out = Fitted(list(regs), "area")
        out.regs[target] = _renamed(_with_info(regs[target], MAIN_USE), SUB_AREA, MAIN_USE)
        out.decisions.append(
            (
                what,
                f"the source marks it a main-use area (pääkäyttötarkoitusalue): "
                f"{regs[target].type} gets paakayttotarkoitus",
            )
        )
        return out
    out = Fitted(list(regs), "subarea")
    if kind == "subarea" and main:
        out.regs = [_renamed(r, MAIN_USE, SUB_AREA) if id(r) in main_ids else r for r in regs]
        out.decisions.append(
            (
                what,
                f"a sub-area: main use of {', '.join(r.type for r in main)} made osaAlue "
                "(a sub-area is never an area reservation)",
            )
        )
        return out
    if sub or not regs:
        return out
    target = next((i for i, r in enumerate(regs) if r.type != VERBAL), 0)
    out.regs[target] = _with_info(regs[target], SUB_AREA)
    how = f"{regs[target].type} gets osaAlue"
    if kind == "area":
        out.findings.append(
            (
                "CV024",
                f"{what}: an area of an area-reservation layer without a main use; typed as a "
                f"sub-area ({how}). Check whether it is an area reservation",
            )
        )
    else:
        out.decisions.append((what, f"a sub-area without a sub-area type: {how}"))
    return out


def _fit_line_or_point(regs: list[RegSpec], kind: str, what: str) -> Fitted:
    out = Fitted(list(regs), kind)
    stripped = [r for r in regs if _infos(r) & set(_ROLE_INFOS)]
    if not stripped:
        return out
    stripped_ids = {id(r) for r in stripped}
    out.regs = [_without_roles(r) if id(r) in stripped_ids else r for r in regs]
    mains = [r.type for r in stripped if MAIN_USE in _infos(r)]
    if mains:
        out.findings.append(
            (
                "CV024",
                f"{what}: a {kind} is never an area reservation; {', '.join(mains)} kept "
                f"without paakayttotarkoitus. Check the {kind}'s type",
            )
        )
    else:
        out.decisions.append((what, f"a {kind}: osaAlue removed (sub-areas are areas)"))
    return out
