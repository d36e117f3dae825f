"""A :class:`~ryhti.archive.diff.PlanDiff` as Markdown, an HTML page with a map, JSON, GeoJSON.

The Markdown is the report (and the text ``ryhti diff`` prints); the HTML page is the same
report with a map of the changes above it — added objects green, removed red, reshaped
orange, re-regulated blue, the rest grey — drawn as inline SVG, so the page is one file
that opens offline. GeoJSON gives every changed object with what changed, for QGIS.
"""

from __future__ import annotations

import html
import json
from typing import Any

import numpy as np
import shapely

from ryhti.archive.diff import PlanDiff

__all__ = ["to_geojson", "to_html", "to_markdown"]

#: Most objects drawn on the HTML map (changes first); beyond it the map says so.
MAP_LIMIT = 20_000
COLOURS = {
    "added": "#1a9850",
    "removed": "#d73027",
    "reshaped": "#f46d43",
    "reregulated": "#4575b4",
    "changed": "#4575b4",
}
KIND_FI = {
    "added": "lisätty",
    "removed": "poistettu",
    "reshaped": "muoto muuttunut",
    "reregulated": "määräykset muuttuneet",
    "changed": "tiedot muuttuneet",
}


def _num(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return text


def _signed(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + _num(value, decimals)


def _esc(text: Any) -> str:
    from ryhti.generators.markdown import escape

    return escape(text)


def to_markdown(diff: PlanDiff) -> str:
    """The change report as Markdown (Finnish)."""
    c = diff.counts()
    out = [f"# Kaavamuutokset: {_esc(diff.old_name)} → {_esc(diff.new_name)}", ""]
    if diff.empty:
        out += ["Versiot ovat samat: ei muutoksia.", ""]
        return "\n".join(out)
    out += [
        f"- lisättyjä kohteita {c['added']}, poistettuja {c['removed']}, muodoltaan muuttuneita "
        f"{c['reshaped']}, määräyksiltään muuttuneita {c['reregulated']}, muilta tiedoiltaan "
        f"muuttuneita {c['changed']}; ennallaan {diff.unchanged}",
        "",
    ]
    if diff.plan_changes:
        out += ["## Kaavan tiedot", "", "| tieto | ennen | nyt |", "|---|---|---|"]
        for ch in diff.plan_changes:
            out.append(
                f"| {_esc(ch['field'])} | {_esc(_short(ch['old']))} | {_esc(_short(ch['new']))} |"
            )
        out.append("")
    if diff.general_added or diff.general_removed:
        out += ["## Yleismääräykset", ""]
        out += [f"- lisätty: {_esc(t)}" for t in diff.general_added]
        out += [f"- poistettu: {_esc(t)}" for t in diff.general_removed]
        out.append("")
    t = diff.totals
    out += [
        "## Mitoitus",
        "",
        "| käyttötarkoitus | merkintä | pinta-ala ennen m² | nyt m² | muutos m² | k-m² ennen | k-m² nyt | muutos k-m² |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in diff.classes:
        if not row["areaChange"] and not row["floorAreaChange"]:
            continue
        out.append(
            f"| {_esc(row['class'])} | {_esc(row['letters'])} | {_num(row['oldArea'])} | "
            f"{_num(row['newArea'])} | {_signed(row['areaChange'])} | {_num(row['oldFloorArea'])} | "
            f"{_num(row['newFloorArea'])} | {_signed(row['floorAreaChange'])} |"
        )
    out.append(
        f"| **yhteensä** | | {_num(t['oldPlanArea'])} | {_num(t['newPlanArea'])} | "
        f"{_signed(_delta(t['oldPlanArea'], t['newPlanArea']))} | {_num(t['oldFloorArea'])} | "
        f"{_num(t['newFloorArea'])} | {_signed(t['floorAreaChange'])} |"
    )
    out.append("")
    if diff.objects:
        out += ["## Kohteet", ""]
        for change in diff.objects:
            kinds = ", ".join(KIND_FI[k] for k in change.kinds)
            area = ""
            if "reshaped" in change.kinds and change.area_change is not None:
                area = f" (pinta-ala {_signed(change.area_change, 1)} m²)"
            elif change.area_change is not None and change.kinds in (["added"], ["removed"]):
                area = f" ({_num(abs(change.area_change), 1)} m²)"
            key = change.new_key or change.old_key or ""
            out.append(f"- **{_esc(change.label)}** — {kinds}{area} · {_esc(key)}")
            for text in change.regulations_added:
                out.append(f"  - uusi: {_esc(text)}")
            for text in change.regulations_removed:
                out.append(f"  - poistui: {_esc(text)}")
            if change.fields_changed:
                out.append(f"  - muuttuneet tiedot: {_esc(', '.join(change.fields_changed))}")
        out.append("")
    return "\n".join(out)


def _delta(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else b - a


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.rpartition("/code/")[2] if isinstance(value, str) and "/code/" in value else text
    return text if len(text) <= 80 else text[:77] + "…"


def _svg(diff: PlanDiff, width: int = 900) -> str:
    """An inline SVG map of the changes (north up, the plan area's outline around them)."""
    changed = [(c.kinds[0], c.new_wkb or c.old_wkb) for c in diff.objects if c.new_wkb or c.old_wkb]
    context = diff.context_wkb[: max(0, MAP_LIMIT - len(changed))]
    area = diff.new_area_wkb or diff.old_area_wkb
    geoms_all = [w for _, w in changed] + context + ([area] if area else [])
    if not geoms_all:
        return ""
    geoms = shapely.from_wkb(np.array(geoms_all, dtype=object))
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    span = max(maxx - minx, maxy - miny, 1e-9)
    height = int(width * (maxy - miny) / span) + 20 if maxx - minx >= maxy - miny else width
    scale = (width - 20) / span

    def path(geom: Any) -> str:
        parts = []
        for poly in shapely.get_parts(geom):
            rings = [poly.exterior, *poly.interiors] if poly.geom_type == "Polygon" else [poly]
            for ring in rings:
                xy = shapely.get_coordinates(ring)
                if not len(xy):
                    continue
                px = (xy[:, 0] - minx) * scale + 10
                py = (maxy - xy[:, 1]) * scale + 10
                pts = " L".join(f"{x:.1f} {y:.1f}" for x, y in zip(px, py, strict=True))
                closed = " Z" if poly.geom_type == "Polygon" else ""
                parts.append(f"M{pts}{closed}")
        return " ".join(parts)

    n_changed = len(changed)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="muutoskartta">'
    ]
    if area:
        out.append(f'<path d="{path(geoms[-1])}" fill="none" stroke="#333" stroke-width="1.5"/>')
    for geom in geoms[n_changed : n_changed + len(context)]:
        out.append(f'<path d="{path(geom)}" fill="#eee" stroke="#bbb" stroke-width="0.5"/>')
    for (kind, _), geom in zip(changed[:MAP_LIMIT], geoms[:n_changed], strict=False):
        colour = COLOURS[kind]
        dim = shapely.get_dimensions(geom)
        fill = f'fill="{colour}" fill-opacity="0.5"' if dim == 2 else 'fill="none"'
        width_px = "0.8" if dim == 2 else "2.5"
        out.append(f'<path d="{path(geom)}" {fill} stroke="{colour}" stroke-width="{width_px}"/>')
    out.append("</svg>")
    return "\n".join(out)


def to_html(diff: PlanDiff) -> str:
    """One offline HTML page: the map of changes, its legend, the report."""
    from ryhti.generators.markdown import parse
    from ryhti.generators.markdown import to_html as md_html

    legend = " ".join(
        f'<span style="color:{COLOURS[k]}">■</span> {html.escape(KIND_FI[k])}'
        for k in ("added", "removed", "reshaped", "reregulated")
    )
    title = html.escape(f"Kaavamuutokset: {diff.old_name} → {diff.new_name}")
    return (
        '<!DOCTYPE html>\n<html lang="fi"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>"
        "body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
        ".num{text-align:right}svg{border:1px solid #ddd;max-width:100%;height:auto}"
        "</style></head><body>\n"
        f"<figure>{_svg(diff)}<figcaption>{legend}</figcaption></figure>\n"
        f"{md_html(parse(to_markdown(diff)))}</body></html>\n"
    )


def to_geojson(diff: PlanDiff) -> dict[str, Any]:
    """Every changed object as a feature (a removed one with its old geometry)."""
    features = []
    for change in diff.objects:
        wkb = change.new_wkb or change.old_wkb
        geometry = json.loads(shapely.to_geojson(shapely.from_wkb(wkb))) if wkb else None
        features.append({"type": "Feature", "geometry": geometry, "properties": change.to_json()})
    out: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if diff.srid:
        out["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{diff.srid}"}}
    return out
