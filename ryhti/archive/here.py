"""``ryhti here X,Y``: every plan that applies at a point, top level first, in plain words.

For a point the answer lists the plans whose area contains it — maakuntakaava, then
yleiskaava, then asemakaava — with their general regulations, the objects there and their
regulations as sentences (``Rakennusoikeus 4 800 k-m²``), and the building right of each
land-use object where it can be computed: its own ``sallittuKerrosala``, else
``tehokkuusluku`` × its area, else the floor areas of the building areas inside it.

Only what applies is shown by default: plans in force (see :mod:`ryhti.archive.lifecycle`),
objects not cancelled — an object cancelled in part applies only inside the part its
cancellation leaves valid — and groups not cancelled. ``--all`` shows proposals, cancelled
plans and cancelled objects too, each marked.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np
import shapely

from ryhti.archive.lifecycle import (
    IN_FORCE,
    LEVELS,
    lifecycle_label,
    municipality_name,
    status_text,
)
from ryhti.archive.spatial import point_hits
from ryhti.archive.store import ArchiveStore

__all__ = ["HereRequest", "run_here"]

FLOOR_AREA = "sallittuKerrosala"
EFFICIENCY = "tehokkuusluku"
TARGETED = "kayttotarkoituskohdistus"

_WORDS = {
    "fi": {
        "general": "Yleismääräykset",
        "right": "Rakennusoikeus",
        "methods": {
            "kerrosala": "kohteen sallittu kerrosala",
            "tehokkuus": "tehokkuusluku × pinta-ala",
            "alakohteet": "sisältyvien rakennusalojen kerrosalat",
        },
        "cancelled": "kumottu",
        "partly": "kumottu osittain; tämä kohta ei ole voimassa olevaa osaa",
        "none": "Kohdassa ei ole voimassa olevia kaavoja arkistossa.",
        "none_all": "Kohdassa ei ole kaavoja arkistossa.",
        "level": {
            "maakuntakaava": "Maakuntakaava",
            "yleiskaava": "Yleiskaava",
            "asemakaava": "Asemakaava",
            None: "Kaava (taso tuntematon)",
        },
        "point": "Kohta",
    },
    "sv": {
        "general": "Allmänna bestämmelser",
        "right": "Byggrätt",
        "methods": {
            "kerrosala": "objektets tillåtna våningsyta",
            "tehokkuus": "exploateringstal × areal",
            "alakohteet": "våningsytor för byggnadsytor inom objektet",
        },
        "cancelled": "upphävd",
        "partly": "delvis upphävd; denna punkt ligger inte i den gällande delen",
        "none": "Inga gällande planer i arkivet på denna punkt.",
        "none_all": "Inga planer i arkivet på denna punkt.",
        "level": {
            "maakuntakaava": "Landskapsplan",
            "yleiskaava": "Generalplan",
            "asemakaava": "Detaljplan",
            None: "Plan (nivå okänd)",
        },
        "point": "Punkt",
    },
}


class HereRequest:
    """A point query: coordinates (in ``srid``, default the archive's), options."""

    def __init__(
        self,
        x: float,
        y: float,
        srid: int | None = None,
        include_all: bool = False,
        lang: str = "fi",
        radius: float = 0.0,
        today: str | None = None,
    ) -> None:
        self.x, self.y, self.srid = x, y, srid
        self.include_all = include_all
        self.lang = lang
        self.radius = radius
        self.today = today or _dt.date.today().isoformat()


def _applies(plan: dict[str, Any], today: str) -> bool:
    if plan.get("lifecycle") not in IN_FORCE or plan.get("cancelled_by"):
        return False
    if plan.get("valid_from") and plan["valid_from"] > today:
        return False
    return not (plan.get("valid_to") and plan["valid_to"] < today)


def _object_state(obj: dict[str, Any], x: float, y: float, radius: float) -> str | None:
    """``None`` when the object applies at the point, else why not."""
    if obj.get("lifecycle") in ("14", "15", "16", "17"):
        return lifecycle_label(obj["lifecycle"]).lower()
    if obj.get("cancelled") == 1:
        return "cancelled"
    if obj.get("cancelled") == 2:
        validity = obj.get("validity_wkb")
        if validity is None or not point_hits([validity], x, y, radius)[0]:
            return "partly"
    return None


def _building_right(
    store: ArchiveStore, obj: dict[str, Any], regs: list[dict[str, Any]]
) -> dict[str, Any] | None:
    if obj.get("geometry_type") not in ("Polygon", "MultiPolygon") or obj.get("wkb") is None:
        return None
    plain = [r["number"] for r in regs if r["code"] == FLOOR_AREA and r["number"] is not None]
    if not obj.get("main_use") and not plain:
        return None  # a building area or a sub-area: its block carries the building right
    targeted = [
        r for r in regs if r["code"] == FLOOR_AREA and TARGETED in (r.get("infos") or "").split()
    ]
    own = [
        r["number"]
        for r in regs
        if r["code"] == FLOOR_AREA and r not in targeted and r["number"] is not None
    ]
    if own or plain:
        return {"kem": float(sum(own) if own else sum(plain)), "method": "kerrosala"}
    geom = shapely.from_wkb(obj["wkb"])
    efficiency = [r["number"] for r in regs if r["code"] == EFFICIENCY and r["number"] is not None]
    if efficiency:
        return {"kem": round(float(efficiency[0]) * geom.area, 1), "method": "tehokkuus"}
    inside = [
        o
        for o in store.objects_in_box(tuple(shapely.bounds(geom).tolist()), obj["plan_fid"])
        if o["fid"] != obj["fid"] and o.get("wkb") is not None and not o.get("main_use")
    ]
    if not inside:
        return None
    geoms = shapely.from_wkb(np.array([o["wkb"] for o in inside], dtype=object))
    inner = [
        o
        for o, ok in zip(inside, shapely.within(shapely.point_on_surface(geoms), geom), strict=True)
        if ok
    ]
    links = store.object_groups([o["fid"] for o in inner])
    gids = sorted({link["gid"] for link in links if not link["cancelled"]})
    total = sum(
        r["number"]
        for r in store.regulations(gids)
        if r["code"] == FLOOR_AREA and r["number"] is not None
    )
    return {"kem": float(total), "method": "alakohteet"} if total else None


def run_here(store: ArchiveStore, req: HereRequest) -> dict[str, Any]:
    """Plans, objects and regulations at the point, as plain data (see the module docstring)."""
    x, y = req.x, req.y
    if req.srid and req.srid != store.srid:
        from ryhti.archive.records import reproject

        point = reproject(np.array([shapely.Point(x, y)], dtype=object), req.srid, store.srid)[0]
        x, y = point.x, point.y
    words = _WORDS[req.lang]
    candidates = store.plans_at(x, y, req.radius)
    hits = point_hits([p["area_wkb"] for p in candidates], x, y, req.radius)
    plans = [p for p, ok in zip(candidates, hits, strict=True) if ok]
    if not req.include_all:
        plans = [p for p in plans if _applies(p, req.today)]
    order = {level: n for n, level in enumerate(LEVELS)}
    plans.sort(
        key=lambda p: (
            order.get(p["level"], len(LEVELS)),
            -(p["lifecycle_rank"] or 0),
            p["name"] or "",
        )
    )
    objects = store.objects_at(x, y, req.radius, [p["fid"] for p in plans])
    objects = [
        o
        for o, ok in zip(
            objects, point_hits([o["wkb"] for o in objects], x, y, req.radius), strict=True
        )
        if ok
    ]
    states = {o["fid"]: _object_state(o, x, y, req.radius) for o in objects}
    if not req.include_all:
        objects = [o for o in objects if states[o["fid"]] is None]
    links = store.object_groups([o["fid"] for o in objects])
    general = store.groups(plan_fids=[p["fid"] for p in plans])
    groups = {g["gid"]: g for g in store.groups(gids=sorted({link["gid"] for link in links}))}
    groups.update({g["gid"]: g for g in general})
    regs_by_group: dict[int, list[dict[str, Any]]] = {}
    for reg in store.regulations(sorted(groups)):
        regs_by_group.setdefault(reg["gid"], []).append(reg)
    sentence = "sentence_sv" if req.lang == "sv" else "sentence_fi"

    def group_out(gid: int, cancelled: bool) -> dict[str, Any]:
        g = groups[gid]
        title = g["title_sv"] if req.lang == "sv" and g["title_sv"] else g["title_fi"]
        return {
            "key": g["group_key"],
            "letterIdentifier": g["letter"],
            "title": title,
            "cancelled": bool(cancelled or g["cancelled"]),
            "main": any(
                set((r.get("infos") or "").split()) & {"paakayttotarkoitus", "osaAlue"}
                for r in regs_by_group.get(gid, [])
            ),
            "regulations": [
                {
                    "code": r["code"],
                    "kind": r["kind"],
                    "text": r[sentence],
                    "key": r["regulation_key"],
                }
                for r in regs_by_group.get(gid, [])
            ],
        }

    out_plans = []
    for plan in plans:
        mine = [o for o in objects if o["plan_fid"] == plan["fid"]]
        general_groups = [
            group_out(g["gid"], False)
            for g in general
            if g["plan_fid"] == plan["fid"] and (req.include_all or not g["cancelled"])
        ]
        out_objects = []
        for obj in mine:
            links_here = [
                link
                for link in links
                if link["object_fid"] == obj["fid"] and (req.include_all or not link["cancelled"])
            ]
            obj_groups = [
                group_out(link["gid"], bool(link["cancelled"]))
                for link in links_here
                if req.include_all or not groups[link["gid"]]["cancelled"]
            ]
            regs = [r for link in links_here for r in regs_by_group.get(link["gid"], [])]
            # building rights are an asemakaava's (a master plan's areas have none to sum)
            detailed = plan["level"] in ("asemakaava", None)
            right = _building_right(store, obj, regs) if detailed else None
            state = states[obj["fid"]]
            out_objects.append(
                {
                    "key": obj["object_key"],
                    "name": obj["name"],
                    "objectNumber": obj["object_number"],
                    "letters": obj["letters"],
                    "geometryType": obj["geometry_type"],
                    "underground": bool(obj["underground"]),
                    "status": None if state is None else words.get(state, state),
                    "groups": obj_groups,
                    "buildingRight": None
                    if right is None
                    else {**right, "explanation": words["methods"][right["method"]]},
                    "_wkb": obj["wkb"],
                }
            )
        out_plans.append(
            {
                "planKey": plan["plan_key"],
                "name": plan["name"],
                "version": plan["version"],
                "level": plan["level"],
                "levelLabel": words["level"].get(plan["level"], words["level"][None]),
                "municipality": plan["municipality"],
                "permanentPlanIdentifier": plan["permanent_id"],
                "lifecycle": plan["lifecycle"] or None,
                "status": status_text(plan, req.lang, req.today),
                "inForce": _applies(plan, req.today),
                "validates": None if plan["valid"] is None else bool(plan["valid"]),
                "generalRegulations": general_groups,
                "objects": out_objects,
                "_wkb": plan["area_wkb"],
            }
        )
    return {
        "point": {"x": req.x, "y": req.y, "srid": req.srid or store.srid},
        "archivePoint": {"x": x, "y": y, "srid": store.srid},
        "all": req.include_all,
        "lang": req.lang,
        "plans": out_plans,
    }


def render_text(result: dict[str, Any]) -> str:
    """The answer for the terminal, a plan per block, top level first."""
    words = _WORDS[result["lang"]]
    p = result["point"]
    lines = [f"{words['point']} {p['x']:.2f}, {p['y']:.2f} (EPSG:{p['srid']})", ""]
    if not result["plans"]:
        lines.append(words["none_all"] if result["all"] else words["none"])
        return "\n".join(lines) + "\n"
    for plan in result["plans"]:
        ident = f", {plan['permanentPlanIdentifier']}" if plan["permanentPlanIdentifier"] else ""
        town = municipality_name(plan["municipality"], result["lang"])
        town = f" ({town})" if town else ""
        lines.append(f"{plan['levelLabel']}: {plan['name']}{ident}{town} — {plan['status']}")
        if plan["generalRegulations"]:
            lines.append(f"  {words['general']}:")
            for group in plan["generalRegulations"]:
                for reg in group["regulations"]:
                    lines.append(f"    - {reg['text']}")
        for obj in plan["objects"]:
            label = " ".join(
                x
                for x in (
                    obj["letters"],
                    obj["name"],
                    f"#{obj['objectNumber']}" if obj["objectNumber"] is not None else None,
                )
                if x
            ) or next(
                (
                    g["title"]
                    for g in sorted(obj["groups"], key=lambda g: not g["main"])
                    if g["title"]
                ),
                (obj["key"] or "?")[:8],
            )
            state = f" [{obj['status']}]" if obj["status"] else ""
            lines.append(f"  {label} ({obj['geometryType']}){state}:")
            for group in obj["groups"]:
                mark = f" [{words['cancelled']}]" if group["cancelled"] else ""
                for reg in group["regulations"]:
                    lines.append(f"    - {reg['text']}{mark}")
            right = obj["buildingRight"]
            if right:
                from ryhti.generators.phrases import fmt_number

                lines.append(
                    f"    {words['right']}: {fmt_number(right['kem'])} k-m² ({right['explanation']})"
                )
        lines.append("")
    return "\n".join(lines)
