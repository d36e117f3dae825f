"""One self-contained HTML file: summary, findings table and a map of each plan.

For the planner or QA reviewer who wants to *see* the findings: everything is
inline (CSS, JavaScript, the SVG maps, the findings as JSON), nothing is fetched,
so the file can be mailed or attached to a ticket and opened offline. The table
is drawn by a small script from the embedded JSON, a page at a time, so 100,000
findings stay responsive; sorting and filtering work on the array, not the DOM.
Clicking a row highlights and zooms to its finding on the map, clicking a finding
on the map selects its row; ``#f<n>`` links highlight without JavaScript too.
The map is built by :mod:`ryhti.reports.svgmap`, which says what it left out.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import numpy as np

from ryhti.reports.common import Context, feature_of, line_of
from ryhti.reports.geometry import finding_geometries, plan_geometry, reproject
from ryhti.reports.svgmap import KIND_COLOURS, MapLimits, draw

__all__ = ["NOSCRIPT_ROWS", "render"]

#: Rows listed for browsers without JavaScript (the scripted table has them all).
NOSCRIPT_ROWS = 1_000

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Validation report",
        "summary": "Summary",
        "errors": "errors",
        "warnings": "warnings",
        "notes": "notes",
        "files": "files",
        "objects": "objects",
        "seconds": "seconds",
        "passed": "No errors: the plan can be delivered.",
        "failed": "Errors found: fix them before delivery.",
        "findings": "Findings",
        "maps": "Maps",
        "rules": "Rules with findings",
        "filter": "Filter",
        "all_files": "all files",
        "all_rules": "all rules",
        "severity": "Severity",
        "rule": "Rule",
        "message": "Message",
        "path": "JSON path",
        "object": "Object",
        "file": "File",
        "origin": "Origin",
        "map": "Map",
        "shown": "shown",
        "of": "of",
        "prev": "Previous",
        "next": "Next",
        "reset": "Whole plan",
        "no_findings": "No findings.",
        "no_map": "No plan geometry or located findings to draw.",
        "noscript": "The interactive table needs JavaScript; the first {n} findings are listed below.",
        "why": "Why",
        "fix": "How to fix",
        "count": "Findings",
        "official": "Syke rule ids",
        "legend": "Legend",
        "boundary": "plan boundary",
        "points": "point objects",
        "sub_areas": "parts of areas (building areas, sub-areas), lines",
        "local": "validator",
        "remote": "Ryhti API",
        "conversion": "conversion",
        "no_file": "(no file)",
        "generated": "Made by ryhti {version}.",
        "findings_capped": "Only {n} of {m} findings with a place are drawn on this map.",
        "simplified": "Objects are simplified to about {px} pixels.",
        "aggregated": "{n} small objects are drawn as squares to keep the map light.",
        "dropped": "{n} of the smallest objects are not drawn.",
        "merged": "{n} objects are drawn merged by kind (no tooltips per object).",
        "outside": "{n} findings lie far outside the plan and are not drawn.",
        "help_map": "Scroll to zoom, drag to pan, click a finding to select it.",
    },
    "fi": {
        "title": "Tarkistusraportti",
        "summary": "Yhteenveto",
        "errors": "virheet",
        "warnings": "varoitukset",
        "notes": "huomautukset",
        "files": "tiedostot",
        "objects": "kohteet",
        "seconds": "sekuntia",
        "passed": "Ei virheitä: kaavan voi toimittaa.",
        "failed": "Virheitä löytyi: korjaa ne ennen toimitusta.",
        "findings": "Havainnot",
        "maps": "Kartat",
        "rules": "Säännöt, joista havaintoja",
        "filter": "Suodata",
        "all_files": "kaikki tiedostot",
        "all_rules": "kaikki säännöt",
        "severity": "Vakavuus",
        "rule": "Sääntö",
        "message": "Viesti",
        "path": "JSON-polku",
        "object": "Kohde",
        "file": "Tiedosto",
        "origin": "Lähde",
        "map": "Kartta",
        "shown": "näytetään",
        "of": "/",
        "prev": "Edellinen",
        "next": "Seuraava",
        "reset": "Koko kaava",
        "no_findings": "Ei havaintoja.",
        "no_map": "Ei piirrettävää kaavageometriaa tai paikannettuja havaintoja.",
        "noscript": "Interaktiivinen taulukko tarvitsee JavaScriptin; alla {n} ensimmäistä havaintoa.",
        "why": "Miksi",
        "fix": "Näin korjaat",
        "count": "Havaintoja",
        "official": "Syken säännöt",
        "legend": "Selite",
        "boundary": "kaavan raja",
        "points": "pistemäiset kohteet",
        "sub_areas": "alueen osat (rakennusalat, osa-alueet), viivat",
        "local": "tarkistin",
        "remote": "Ryhti-rajapinta",
        "conversion": "muunnos",
        "no_file": "(ei tiedostoa)",
        "generated": "Tehty ryhti {version} -työkalulla.",
        "findings_capped": "Kartalle on piirretty vain {n} / {m} paikannettua havaintoa.",
        "simplified": "Kohteet on yleistetty noin {px} pikselin tarkkuuteen.",
        "aggregated": "{n} pientä kohdetta on piirretty neliöinä, jotta kartta pysyy kevyenä.",
        "dropped": "{n} pienintä kohdetta on jätetty piirtämättä.",
        "merged": "{n} kohdetta on piirretty lajeittain yhdistettyinä (ei kohdekohtaisia tietoja).",
        "outside": "{n} havaintoa on kaukana kaava-alueen ulkopuolella, eikä niitä piirretä.",
        "help_map": "Vieritä zoomataksesi, vedä siirtääksesi, napsauta havaintoa valitaksesi sen.",
    },
    "sv": {
        "title": "Valideringsrapport",
        "summary": "Sammanfattning",
        "errors": "fel",
        "warnings": "varningar",
        "notes": "anmärkningar",
        "files": "filer",
        "objects": "objekt",
        "seconds": "sekunder",
        "passed": "Inga fel: planen kan levereras.",
        "failed": "Fel hittades: rätta dem före leverans.",
        "findings": "Anmärkningar",
        "maps": "Kartor",
        "rules": "Regler med anmärkningar",
        "filter": "Filtrera",
        "all_files": "alla filer",
        "all_rules": "alla regler",
        "severity": "Allvarlighet",
        "rule": "Regel",
        "message": "Meddelande",
        "path": "JSON-sökväg",
        "object": "Objekt",
        "file": "Fil",
        "origin": "Ursprung",
        "map": "Karta",
        "shown": "visas",
        "of": "av",
        "prev": "Föregående",
        "next": "Nästa",
        "reset": "Hela planen",
        "no_findings": "Inga anmärkningar.",
        "no_map": "Ingen plangeometri eller lokaliserade anmärkningar att rita.",
        "noscript": "Den interaktiva tabellen kräver JavaScript; de första {n} anmärkningarna listas nedan.",
        "why": "Varför",
        "fix": "Så rättar du",
        "count": "Anmärkningar",
        "official": "Sykes regler",
        "legend": "Teckenförklaring",
        "boundary": "planens gräns",
        "points": "punktobjekt",
        "sub_areas": "delar av områden (byggnadsytor, delområden), linjer",
        "local": "validerare",
        "remote": "Ryhti-gränssnittet",
        "conversion": "konvertering",
        "no_file": "(ingen fil)",
        "generated": "Gjord med ryhti {version}.",
        "findings_capped": "Endast {n} av {m} lokaliserade anmärkningar ritas på kartan.",
        "simplified": "Objekten är förenklade till cirka {px} pixlar.",
        "aggregated": "{n} små objekt ritas som rutor för att hålla kartan lätt.",
        "dropped": "{n} av de minsta objekten ritas inte.",
        "merged": "{n} objekt ritas sammanslagna per slag (inga uppgifter per objekt).",
        "outside": "{n} anmärkningar ligger långt utanför planen och ritas inte.",
        "help_map": "Skrolla för att zooma, dra för att panorera, klicka på en anmärkning för att välja den.",
    },
}


#: Word forms after a count, per language: (after 1, after any other number). Finnish
#: takes the partitive after any number but 1 (``0 virhettä``, ``0,2 sekuntia``).
COUNT_FORMS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "errors": ("error", "errors"),
        "warnings": ("warning", "warnings"),
        "notes": ("note", "notes"),
        "files": ("file", "files"),
        "objects": ("object", "objects"),
        "seconds": ("second", "seconds"),
    },
    "fi": {
        "errors": ("virhe", "virhettä"),
        "warnings": ("varoitus", "varoitusta"),
        "notes": ("huomautus", "huomautusta"),
        "files": ("tiedosto", "tiedostoa"),
        "objects": ("kohde", "kohdetta"),
        "seconds": ("sekunti", "sekuntia"),
    },
    "sv": {
        "errors": ("fel", "fel"),
        "warnings": ("varning", "varningar"),
        "notes": ("anmärkning", "anmärkningar"),
        "files": ("fil", "filer"),
        "objects": ("objekt", "objekt"),
        "seconds": ("sekund", "sekunder"),
    },
}

#: The browser locale the table's counts are formatted in.
LOCALES = {"en": "en-GB", "fi": "fi-FI", "sv": "sv-FI"}


def format_number(value: Any, lang: str, decimals: int = 0) -> str:
    """A number as the language writes it: ``12 345`` and ``0,2`` in Finnish and Swedish
    (a narrow no-break space groups thousands), ``12,345`` and ``0.2`` in English."""
    if value is None:
        return ""
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(value):,}"
    if lang in ("fi", "sv"):
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def count_word(value: Any, key: str, lang: str, decimals: int = 0) -> str:
    """The word that follows ``value`` of ``key`` (``errors``, ``files`` …) in ``lang``."""
    one, many = COUNT_FORMS.get(lang, COUNT_FORMS["en"])[key]
    return one if format_number(value, lang, decimals) == "1" else many


def render(ctx: Context) -> str:
    """The HTML document."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    t = LABELS[ctx.lang]
    limits = ctx.options.get("map_limits") or MapLimits()
    plans = {name: plan_geometry(doc) for name, doc in ctx.documents.items()}
    geoms, srids, _origins = finding_geometries(ctx.findings, plans)
    maps = []
    map_files = sorted(set(plans) | {f.source or "" for f in ctx.findings})
    drawn: set[int] = set()
    for n_map, name in enumerate(map_files):
        items = [
            (n, geoms[n], f.severity.value)
            for n, f in enumerate(ctx.findings)
            if (f.source or "") == name and geoms[n] is not None
        ]
        plan = plans.get(name)
        items = _in_plan_srid(items, srids, plan.srid if plan else None)
        svg = draw(plan, items, limits=limits, map_id=f"map{n_map}", labels=t, lang=ctx.lang)
        if svg is None:
            continue
        drawn |= svg.drawn
        legend = [(f"k{letter}", colour, text) for letter, colour, text in svg.kinds]
        maps.append(
            {
                "file": name or t["no_file"],
                "svg": Markup(svg.svg),
                "notes": svg.notes,
                "legend": legend,
                "sub_areas": svg.sub_areas,
                "points": svg.points,
                "id": f"map{n_map}",
                "width": svg.width,
                "height": svg.height,
            }
        )
    rows = [_row(n, f, ctx, n in drawn) for n, f in enumerate(ctx.findings)]
    counts = ctx.counts()
    per_rule = Counter(f.rule for f in ctx.findings)
    per_file = Counter(f.source or "" for f in ctx.findings)
    files = [(name, per_file.get(name, 0)) for name in ctx.files()]
    if "" in per_file:
        files.append((t["no_file"], per_file[""]))
    env = Environment(
        loader=PackageLoader("ryhti.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = lambda value, decimals=0: format_number(value, ctx.lang, decimals)
    env.globals["word"] = lambda value, key, decimals=0: count_word(value, key, ctx.lang, decimals)
    template = env.get_template("report.html.j2")
    title = ctx.options.get("title") or f"ryhti – {t['title']}"
    data = {
        "rows": rows,
        "labels": {
            **{k: t[k] for k in ("shown", "of", "local", "remote", "conversion", "no_file")},
            "locale": LOCALES.get(ctx.lang, "en-GB"),
        },
        "lang": ctx.lang,
    }
    return template.render(
        t=t,
        lang=ctx.lang,
        title=title,
        version=ctx.tool_version,
        counts=counts,
        total=len(ctx.findings),
        n_files=ctx.file_count(),
        objects=ctx.stats.objects,
        seconds=ctx.stats.seconds,
        files=files,
        rules=[(r, per_rule[r.id]) for r in ctx.rules_used()],
        maps=maps,
        kind_colours={f"k{k}": v[0] for k, v in KIND_COLOURS.items()},
        noscript_rows=rows[:NOSCRIPT_ROWS],
        noscript_n=min(len(rows), NOSCRIPT_ROWS),
        data_json=Markup(_script_json(data)),
        rule_ids=sorted(per_rule),
        file_names=sorted({f.source or "" for f in ctx.findings}),
    )


def _in_plan_srid(
    items: list[tuple[int, Any, str]], srids: list[str | None], plan_srid: str | None
) -> list[tuple[int, Any, str]]:
    """Findings whose geometry is in another zone than their plan, reprojected onto it."""
    if plan_srid is None:
        return items
    other: dict[str, list[int]] = {}
    for k, (n, _, _) in enumerate(items):
        if srids[n] and srids[n] != plan_srid:
            other.setdefault(srids[n], []).append(k)
    if not other:
        return items
    out = list(items)
    for srid, ks in other.items():
        moved = reproject(
            np.array([items[k][1] for k in ks], dtype=object), srid, int(plan_srid), None
        )
        for k, geom in zip(ks, moved, strict=True):
            out[k] = (items[k][0], geom, items[k][2])
    return out


def _row(n: int, f: Any, ctx: Context, on_map: bool) -> list[Any]:
    place = []
    loc = f.location or {}
    if loc.get("file") and loc.get("file") != f.source:
        place.append(str(loc["file"]))
    feature = feature_of(f)
    if feature:
        place.append(feature)
    line = line_of(f)
    if line:
        place.append(f"line {line}")
    return [
        n,
        f.severity.value,
        f.rule,
        f.official_id or "",
        ctx.message(f),
        f.path,
        f.object_key or "",
        f.source or "",
        f.origin,
        1 if on_map else 0,
        " ".join(place),
    ]


def _script_json(data: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, no HTML comment openers."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
