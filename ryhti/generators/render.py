"""Render the plan description: template -> Markdown -> Markdown, HTML or DOCX.

The content template ``selostus.<lang>.md.j2`` writes Markdown; that Markdown is the
``.md`` output and, parsed into blocks (:mod:`ryhti.generators.markdown`), the body of
the HTML page (``selostus.html.j2``) and of the Word document
(:mod:`ryhti.generators.word`). A municipality overrides any of these by putting a file
of the same name in a folder given with ``--template DIR`` (and may add a
``reference.docx`` whose styles the Word document then uses).

Template variables: see :func:`ryhti.generators.content.build_context` (``name``,
``municipal_id``, ``phase``, ``stage``, ``purpose``, ``figures``, ``dims``, ``classes``,
``syke_rows``, ``blocks``, ``groups``, ``quantity_table``, ``numbers``, ``names``,
``events``, ``milestones``, ``change``, ``comparison``, ``start`` …) plus ``dates_rows``,
``blocks_rest``, ``method_summary``, ``syke`` (rows by letter), ``syke_labels``,
``km2_per_resident``, ``approval_date``, ``map`` and ``location_map``.
Filters: ``num(d)``, ``ha(d)`` (m² → ha, the document's one precision by default),
``pct``, ``km2`` (k-m² / m²vy), ``eff``, ``signed``, ``signed_num``, ``signed_ha``,
``signed_km2``. Functions: ``ph(text)`` (placeholder), ``said(lines, prompt)`` (the
lines, or a placeholder when the theme was not gathered), ``count(n, one, many)``,
``join_and(list)``, ``lower_first``, ``methods(counter)``, ``cancel_parts(c)``,
``table(header, rows, align)``. Every ``{{ … }}`` is escaped for Markdown unless it is
already Markdown (``ph`` and ``said`` results), so plan texts cannot break the layout.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ryhti.background import BackgroundData, BackgroundLayer
from ryhti.errors import UsageError
from ryhti.findings import Finding
from ryhti.generators.content import SYKE_LABELS, build_context
from ryhti.generators.dimensioning import DEFAULT_KM2_PER_RESIDENT
from ryhti.generators.figures import Block as FigureBlock
from ryhti.generators.figures import PlanFigures, compute_figures
from ryhti.generators.fmt import count, fmt_date
from ryhti.generators.locmap import Municipalities
from ryhti.generators.markdown import Md, escape, parse, table, to_html
from ryhti.generators.notes import WarningLog
from ryhti.generators.phrases import (
    LANGS,
    NBSP,
    fmt_number,
    fmt_unit,
    lower_first,
    placeholder,
)
from ryhti.io import gc_paused
from ryhti.model import PlanMatterCreate
from ryhti.model.plan import Plan

__all__ = ["FORMATS", "Description", "describe", "describe_document"]

#: Output formats.
FORMATS = ("md", "html", "docx")

#: Block-table rows shown before the rest are summed into one row.
MAX_TABLE_ROWS = 500

WORDS: dict[str, dict[str, Any]] = {
    "fi": {
        "and": "ja",
        "dates": {
            "initiation": "Kaava-asia aloitettu",
            "approval": "Hyväksymispäivä",
            "validity": "Voimassaoloaika",
        },
        "methods": {
            "kerrosala": "sallittu kerrosala",
            "kohdistettu": "kerrosala käyttötarkoituksittain",
            "tehokkuus": "tehokkuusluku × pinta-ala",
            "alakohteet": "rakennusalojen kerrosalat",
            "osuudet": "käyttötarkoitusten osuudet kerrosalasta",
        },
        "methods_long": {
            "kerrosala": "sallitusta kerrosalasta",
            "kohdistettu": "käyttötarkoituksittain annetuista kerrosaloista",
            "tehokkuus": "tehokkuusluvusta kerrottuna kohteen pinta-alalla",
            "alakohteet": "kohteen sisällä olevien rakennusalojen kerrosaloista",
            "osuudet": "käyttötarkoitusten osuuksista kerrosalasta",
        },
        "cancel": {
            "objects_whole": ("{n} kaavakohde kokonaan", "{n} kaavakohdetta kokonaan"),
            "objects_part": ("{n} kaavakohde osittain", "{n} kaavakohdetta osittain"),
            "relations": (
                "{n} kaavamääräysryhmän kohdistus",
                "{n} kaavamääräysryhmien kohdistusta",
            ),
            "general": ("{n} yleismääräysryhmä", "{n} yleismääräysryhmää"),
            "none": "kumottavat osat",
        },
        "map": "Kaavakartta",
        "map_note": "Kaavakartta on piirretty kaavakohteista, ja merkinnät ovat kaavan omat. "
        "Kuva on mittakaavassa 1:{scale}, kun se tulostetaan {width} cm leveänä. Kuva ei "
        "korvaa virallista kaavakarttaa.",
        "location": "Kaava-alueen sijainti",
        "background_map": "Kaava-alue lähtötietoaineistojen päällä",
        "location_alone": "Kaava-alue (kuntarajoja ei annettu, joten kartalla on vain kaava-alue)",
    },
    "sv": {
        "and": "och",
        "dates": {
            "initiation": "Planärendet inlett",
            "approval": "Datum för godkännande",
            "validity": "Giltighetstid",
        },
        "methods": {
            "kerrosala": "tillåten våningsyta",
            "kohdistettu": "våningsyta per användningsändamål",
            "tehokkuus": "exploateringstal × areal",
            "alakohteet": "byggnadsytornas våningsytor",
            "osuudet": "användningsändamålens andelar av våningsytan",
        },
        "methods_long": {
            "kerrosala": "av den tillåtna våningsytan",
            "kohdistettu": "av våningsytor angivna per användningsändamål",
            "tehokkuus": "av exploateringstalet multiplicerat med objektets areal",
            "alakohteet": "av våningsytorna för byggnadsytorna inom objektet",
            "osuudet": "av användningsändamålens andelar av våningsytan",
        },
        "cancel": {
            "objects_whole": ("{n} planobjekt helt", "{n} planobjekt helt"),
            "objects_part": ("{n} planobjekt delvis", "{n} planobjekt delvis"),
            "relations": ("{n} gruppkoppling", "{n} gruppkopplingar"),
            "general": ("{n} allmän bestämmelsegrupp", "{n} allmänna bestämmelsegrupper"),
            "none": "delar som upphävs",
        },
        "map": "Plankarta",
        "map_note": "Plankartan bild har ritats ur planobjekten med planens egna beteckningar. "
        "Bilden är i skala 1:{scale} när den skrivs ut {width} cm bred. Den ersätter inte "
        "den officiella plankartan.",
        "location": "Planområdets läge",
        "background_map": "Planområdet på utgångsdata",
        "location_alone": "Planområdet (inga kommungränser givna, kartan visar bara planområdet)",
    },
}


@dataclass(slots=True)
class Description:
    """A rendered plan description.

    ``content`` is text (``md``, ``html``) or bytes (``docx``); ``attachments`` are files
    the Markdown refers to (the map figure, by relative name); ``markdown`` is the text
    every format was made from.
    """

    content: str | bytes
    fmt: str
    lang: str
    markdown: str
    figures: PlanFigures
    warnings: list[Finding]
    attachments: dict[str, bytes] = field(default_factory=dict)


@functools.lru_cache(maxsize=64)
def _environment(
    template_dir: Path | None, lang: str, *, markdown: bool, area_decimals: int = 2
) -> jinja2.Environment:
    """The Jinja2 environment of one template folder, language and precision.

    Kept between calls: compiling the templates takes longer than rendering them. The
    environment checks a municipality's template files for changes (``auto_reload``), so
    an edited template is read again.
    """
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UsageError("template folder not found", source=template_dir)
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.PackageLoader("ryhti.generators", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=not markdown,
        finalize=escape if markdown else None,
    )
    words = WORDS[lang]

    def num(value: Any, decimals: int = 0) -> str:
        return fmt_number(value, decimals)

    def ha(value: Any, decimals: int | None = None) -> str:
        shown = area_decimals if decimals is None else decimals
        return fmt_number(None if value is None else value / 10_000, shown)

    def pct(value: Any, decimals: int = 1) -> str:
        return fmt_number(value, decimals)

    def km2(value: Any) -> str:
        return f"{fmt_number(value, 0)}{NBSP}{fmt_unit('k-m2', lang)}"

    def eff(value: Any, decimals: int = 2) -> str:
        return fmt_number(value, decimals)

    def signed(text: str, value: Any) -> str:
        """A change with its sign (``+1,20``, ``−0,40``, ``0``), the minus a real minus."""
        if value is None:
            return "–"
        if text.strip("0,\u00a0") == "":
            return text.lstrip("-")
        return text.replace("-", "\u2212") if text.startswith("-") else "+" + text

    def signed_num(value: Any, decimals: int = 0) -> str:
        return signed(fmt_number(value, decimals), value)

    def signed_ha(value: Any) -> str:
        return signed(ha(value), value)

    def signed_km2(value: Any) -> str:
        return f"{signed_num(value)}{NBSP}{fmt_unit('k-m2', lang)}"

    def join_and(items: list[Any]) -> str:
        items = [str(i) for i in items]
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {words['and']} {items[-1]}"

    def methods(counter: Any) -> str:
        return ", ".join(
            words["methods"][m] for m in sorted(counter or {}) if m in words["methods"]
        )

    def cancel_parts(c: dict[str, Any]) -> str:
        parts = []
        for part in ("objects_whole", "objects_part", "relations", "general"):
            n = c.get(part) or 0
            if n:
                one, many = words["cancel"][part]
                parts.append((one if n == 1 else many).format(n=fmt_number(n)))
        return ", ".join(parts) if parts else placeholder(lang, words["cancel"]["none"])

    def said(lines: list[str] | None, prompt: str) -> Md:
        if lines is None:
            return Md(placeholder(lang, str(prompt)))
        return Md(escape(" ".join(lines)))

    env.filters.update(
        num=num,
        ha=ha,
        pct=pct,
        km2=km2,
        eff=eff,
        signed=lambda v: signed_num(v),
        signed_num=signed_num,
        signed_ha=signed_ha,
        signed_km2=signed_km2,
    )

    def sentence(text: Any) -> str:
        """A text as a sentence: a full stop added unless it ends in punctuation."""
        text = str(text).rstrip()
        return text if not text or text[-1] in ".!?:;]" else text + "."

    env.globals.update(
        sentence=sentence,
        ph=lambda text: Md(placeholder(lang, str(text))),
        said=said,
        count=count,
        join_and=join_and,
        lower_first=lambda text: lower_first(str(text)),
        methods=methods,
        cancel_parts=cancel_parts,
        table=table,
    )
    return env


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(
            f"template error: {exc.message}",
            source=exc.filename or name,
            where=f"line {exc.lineno}",
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise UsageError(f"template {exc.name!r} not found") from exc
    except jinja2.UndefinedError as exc:
        raise UsageError(f"template error: {exc.message}", source=name) from exc


def _tidy(markdown: str) -> str:
    lines = [line.rstrip() for line in markdown.splitlines()]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n"


def describe_document(
    plan: Plan,
    matter: PlanMatterCreate | None = None,
    *,
    lang: str = "fi",
    fmt: str = "md",
    template_dir: str | Path | None = None,
    figure: bool = True,
    figure_name: str = "kaavakartta",
    registry: Any = None,
    background: BackgroundData | None = None,
    alternatives: Sequence[tuple[str, Plan]] = (),
    in_force: Sequence[Plan] | None = None,
    municipalities: Municipalities | None = None,
    km2_per_resident: float = DEFAULT_KM2_PER_RESIDENT,
    background_layers: Sequence[BackgroundLayer] = (),
) -> Description:
    """Render the plan description of ``plan`` (and its ``matter``) in ``lang`` and ``fmt``.

    ``figure_name`` is the file stem of the map figures a Markdown document refers to
    (``<figure_name>.png`` and ``.svg``, and the location map ``<figure_name>.sijainti.png``,
    come back in ``attachments``). ``background``: the background data chapter 3 is
    written from; ``alternatives``: (name, plan) pairs compared in chapter 4;
    ``in_force``: the plans in force on the area (the seurantalomake's change columns);
    ``municipalities``: boundaries for the location map (else
    :func:`~ryhti.generators.locmap.default_municipalities`); ``km2_per_resident``: the
    floor area per resident the resident estimate uses; ``background_layers``: the gathered
    layers' shapes, drawn under the plan in chapter 3 (``<figure_name>.lahtotiedot.png``).
    """
    if lang not in LANGS:
        raise UsageError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    if fmt not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if not (km2_per_resident > 0):
        raise UsageError(f"floor area per resident must be positive, not {km2_per_resident}")
    if registry is None:
        try:
            from ryhti.codelists import registry as default_registry

            registry = default_registry()
        except Exception:
            registry = None
    folder = Path(template_dir) if template_dir is not None else None
    warn = WarningLog()
    with gc_paused():
        figures = compute_figures(plan, registry=registry)
        context = build_context(
            plan,
            figures,
            matter=matter,
            lang=lang,
            registry=registry,
            warn=warn,
            background=background,
            alternatives=alternatives,
            in_force=in_force,
            km2_per_resident=km2_per_resident,
        )
    words = WORDS[lang]
    context["dates_rows"] = [[words["dates"][k], v] for k, v in context["dates"]]
    blocks = context["blocks"]
    context["blocks"] = blocks[:MAX_TABLE_ROWS]
    context["blocks_rest"] = _rest([b["block"] for b in blocks[MAX_TABLE_ROWS:]])
    used = sorted(figures.methods)
    context["method_summary"] = _join(
        [words["methods_long"][m] for m in used if m in words["methods_long"]], words["and"]
    )
    context["syke"] = {r["letter"]: r for r in context["syke_rows"]}
    context["syke_labels"] = SYKE_LABELS[lang]
    context["km2_per_resident"] = km2_per_resident
    context["approval_date"] = fmt_date(plan.approval_date)

    attachments: dict[str, bytes] = {}
    widths: dict[str, float] = {}
    context["map"] = None
    context["location_map"] = None
    context["background_map"] = None
    if figure:
        from ryhti.generators.locmap import default_municipalities, render_location_map
        from ryhti.generators.mapfig import render_map_figure

        names = {c["key"]: f"{c['letters'] or c['short']} {c['label']}" for c in context["classes"]}
        title = context["name"]
        formats = ("png", "svg") if fmt == "md" else ("png",)
        drawn = render_map_figure(
            plan,
            figures,
            names,
            lang=lang,
            title=title,
            formats=formats,
            block_texts=_block_texts(context),
        )
        png_name, svg_name = f"{figure_name}.png", f"{figure_name}.svg"
        attachments = {f"{figure_name}.{k}": v for k, v in drawn.data.items()}
        widths[png_name] = drawn.width_cm
        caption = f"{words['map']} – {title}" if title else words["map"]
        note = words["map_note"].format(
            scale=fmt_number(drawn.scale or 0), width=fmt_number(drawn.width_cm, None)
        )
        context["map"] = {"src": png_name, "svg": svg_name, "caption": caption, "note": note}
        boundaries = municipalities if municipalities is not None else default_municipalities()
        codes = matter.get("administrative_area_identifiers", []) if matter is not None else []
        located = render_location_map(
            plan, boundaries, lang=lang, codes=[c for c in codes if isinstance(c, str)]
        )
        if located is not None:
            loc_name = f"{figure_name}.sijainti.png"
            attachments[loc_name] = located
            widths[loc_name] = 12.0
            key = "location" if boundaries is not None else "location_alone"
            context["location_map"] = {"src": loc_name, "caption": words[key]}
        if background_layers:
            from ryhti.generators.background_map import render_background_map

            drawn_bg = render_background_map(plan, background_layers, lang=lang)
            if drawn_bg is not None:
                bg_name = f"{figure_name}.lahtotiedot.png"
                attachments[bg_name] = drawn_bg
                widths[bg_name] = 16.0
                context["background_map"] = {"src": bg_name, "caption": words["background_map"]}

    env = _environment(folder, lang, markdown=True, area_decimals=context["area_decimals"])
    markdown = _tidy(_render(env, f"selostus.{lang}.md.j2", context))
    title = _title(markdown)
    content: str | bytes
    if fmt == "md":
        content = markdown
    elif fmt == "html":
        images = {
            name: "data:image/png;base64," + base64.b64encode(data).decode("ascii")
            for name, data in attachments.items()
            if name.endswith(".png")
        }
        body = to_html(parse(markdown), images)
        page_env = _environment(folder, lang, markdown=False)
        content = _render(
            page_env,
            "selostus.html.j2",
            {
                "lang": lang,
                "title": title,
                "stage": context["stage"],
                "body": jinja2.utils.markupsafe.Markup(body),
            },
        )
        attachments = {}
    else:
        from ryhti.generators.word import to_docx

        reference = folder / "reference.docx" if folder is not None else None
        content = to_docx(
            parse(markdown),
            images=attachments,
            title=title,
            lang=lang,
            reference=reference if reference is not None and reference.is_file() else None,
            header=_header(context, lang),
            image_widths=widths,
        )
        attachments = {}
    return Description(
        content=content,
        fmt=fmt,
        lang=lang,
        markdown=markdown,
        figures=figures,
        warnings=[*figures.warnings, *warn.finish()],
        attachments=attachments,
    )


def _block_texts(context: dict[str, Any]) -> dict[str, list[str]]:
    """The lines under each block number on the map: the letters of its own land uses,
    building right (as a plan map prints it, ``4800``), efficiency and storeys, from the
    quantity table."""
    out: dict[str, list[str]] = {}
    figures = context["figures"]
    letters: dict[str, dict[str, None]] = {}
    for number, cls, own in zip(
        figures.object_blocks, figures.object_classes, figures.object_letters, strict=False
    ):
        if number is not None and cls is not None:
            for letter in own:
                letters.setdefault(number, {})[letter] = None
    for b in context["blocks"]:
        block = b["block"]
        if block.number is None:
            continue
        own_letters = ", ".join(letters.get(block.number, {})) or b["classes"]
        if own_letters:
            out[block.number] = [own_letters]
    table = context.get("quantity_table")
    if table:
        for row in table["rows"]:
            if not row["block"]:
                continue
            lines = out.setdefault(row["name"], [])
            for cell in row["cells"]:
                if cell:
                    lines.append(
                        cell.replace(NBSP + "k-m²", "").replace(NBSP + "m²vy", "").replace(NBSP, "")
                    )
    return out


def _header(context: dict[str, Any], lang: str) -> str:
    """The page header's text: the plan's name and its stage (``… – EHDOTUS``)."""
    name = context["name"] or placeholder(lang, "kaavan nimi" if lang == "fi" else "planens namn")
    return f"{name} – {context['stage']}" if context["stage"] else name


def describe(
    plan: Plan,
    matter: PlanMatterCreate | None = None,
    lang: str = "fi",
    fmt: str = "md",
    **options: Any,
) -> str | bytes:
    """The plan description as text (``md``, ``html``) or bytes (``docx``).

    Shortcut for :func:`describe_document` when the warnings and the map files are not
    needed (a Markdown document then refers to a ``kaavakartta.png`` it does not write).
    """
    return describe_document(plan, matter, lang=lang, fmt=fmt, **options).content


def _title(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return re.sub(r"\\(.)", r"\1", line[2:]).strip()
    return ""


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _rest(blocks: list[FigureBlock]) -> dict[str, Any] | None:
    if not blocks:
        return None
    area = sum(b.area_m2 for b in blocks)
    floors = [b.floor_area for b in blocks if b.floor_area is not None]
    floor = sum(floors) if floors else None
    return {
        "count": len(blocks),
        "area_m2": area,
        "floor_area": floor,
        "efficiency": floor / area if floor and area > 0 else None,
    }
