"""Render the plan description: template -> Markdown -> Markdown, HTML or DOCX.

The content template ``selostus.<lang>.md.j2`` writes Markdown; that Markdown is the
``.md`` output and, parsed into blocks (:mod:`ryhti.generators.markdown`), the body of
the HTML page (``selostus.html.j2``) and of the Word document
(:mod:`ryhti.generators.word`). A municipality overrides any of these by putting a file
of the same name in a folder given with ``--template DIR`` (and may add a
``reference.docx`` whose styles the Word document then uses).

Template variables (see :func:`ryhti.generators.content.build_context`): ``name``,
``permanent_id``, ``producer_id``, ``plan_type``, ``plan_level``, ``municipalities``,
``lifecycle``, ``planners``, ``scale``, ``description`` (paragraphs), ``dates_rows``,
``figures`` (:class:`~ryhti.generators.figures.PlanFigures`), ``classes``,
``top_classes``, ``main_by_floor``, ``syke_rows``, ``blocks``, ``blocks_rest``,
``groups``, ``quantity_table`` (block- and object-specific quantities, or ``None``),
``identifiers``, ``general``, ``events``, ``cancellations``, ``map``.
Filters: ``num(d)``, ``ha(d)`` (m² → ha), ``pct(d)``, ``km2`` (k-m² / m²vy), ``eff``.
Functions: ``ph(text)`` (placeholder), ``join_and(list)``, ``lower_first``,
``methods(counter)``, ``cancel_parts(c)``. Every ``{{ … }}`` is escaped for Markdown
unless it is already Markdown (``ph`` results), so plan texts cannot break the layout.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ryhti.errors import UsageError
from ryhti.findings import Finding
from ryhti.generators.content import build_context
from ryhti.generators.figures import Block as FigureBlock
from ryhti.generators.figures import PlanFigures, compute_figures
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


def _environment(template_dir: Path | None, lang: str, *, markdown: bool) -> jinja2.Environment:
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

    def ha(value: Any, decimals: int = 2) -> str:
        return fmt_number(None if value is None else value / 10_000, decimals)

    def km2(value: Any) -> str:
        return f"{fmt_number(value, 0)}{NBSP}{fmt_unit('k-m2', lang)}"

    def eff(value: Any, decimals: int = 2) -> str:
        return fmt_number(value, decimals)

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

    env.filters.update(num=num, ha=ha, pct=num, km2=km2, eff=eff)
    env.globals.update(
        ph=lambda text: Md(placeholder(lang, str(text))),
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
) -> Description:
    """Render the plan description of ``plan`` (and its ``matter``) in ``lang`` and ``fmt``.

    ``figure_name`` is the file stem of the map figure a Markdown document refers to
    (``<figure_name>.png`` and ``.svg`` come back in ``attachments``).
    """
    if lang not in LANGS:
        raise UsageError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    if fmt not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
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
            plan, figures, matter=matter, lang=lang, registry=registry, warn=warn
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

    attachments: dict[str, bytes] = {}
    context["map"] = None
    if figure:
        from ryhti.generators.mapfig import render_figure

        names = {c["key"]: c["name"] for c in context["classes"]}
        title = context["name"]
        formats = ("png", "svg") if fmt == "md" else ("png",)
        pictures = render_figure(plan, figures, names, lang=lang, title=title, formats=formats)
        png_name, svg_name = f"{figure_name}.png", f"{figure_name}.svg"
        attachments = {f"{figure_name}.{k}": v for k, v in pictures.items()}
        caption = f"{words['map']} – {title}" if title else words["map"]
        context["map"] = {"src": png_name, "svg": svg_name, "caption": caption}

    env = _environment(folder, lang, markdown=True)
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
            {"lang": lang, "title": title, "body": jinja2.utils.markupsafe.Markup(body)},
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
