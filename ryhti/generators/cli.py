"""``ryhti describe`` (draft plan description) and ``ryhti map`` (plan map, GeoTIFF check).

Exit codes: 0 written (warnings and placeholders are listed on stderr but do not fail
the run: a draft is still useful), 1 ``map --check`` found a rule broken, 2 unreadable
input or bad usage (one line on stderr, no traceback).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from ryhti.background import BackgroundLayer
from ryhti.errors import EXIT_FINDINGS, UsageError
from ryhti.findings import Finding
from ryhti.generators.dimensioning import DEFAULT_KM2_PER_RESIDENT
from ryhti.io import write_atomic

FORMAT_BY_SUFFIX = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}
MAX_WARNING_LINES = 25
_PLACEHOLDER = re.compile(r"\[(?:TÄYDENNÄ|KOMPLETTERA): ")


def _print_warnings(warnings: list[Finding], lang: str) -> None:
    for finding in warnings[:MAX_WARNING_LINES]:
        where = f"{finding.path}: " if finding.path and finding.path != "$" else ""
        click.echo(f"ryhti: warning: {where}{finding.text(lang)}", err=True)
    if len(warnings) > MAX_WARNING_LINES:
        click.echo(f"ryhti: … {len(warnings) - MAX_WARNING_LINES} more warnings", err=True)


@click.command("describe")
@click.argument("plan", type=click.Path(path_type=Path))
@click.option(
    "--matter", type=click.Path(path_type=Path), help="The plan matter JSON (name, ids, process)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="selostus.docx, selostus.md or selostus.html (the suffix picks the format).",
)
@click.option("--lang", type=click.Choice(["fi", "sv"]), default="fi", show_default=True)
@click.option(
    "--template",
    "template_dir",
    type=click.Path(path_type=Path),
    help="Folder with the municipality's templates (selostus.fi.md.j2, selostus.html.j2, reference.docx).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "docx"]), help="Override the suffix."
)
@click.option("--no-map", is_flag=True, help="Leave the plan map figure out.")
@click.option(
    "--background",
    type=click.Path(path_type=Path),
    help="Background data (lähtötiedot) as BackgroundData JSON: chapter 3 is written from it.",
)
@click.option(
    "--lahtotiedot",
    "gathered",
    type=click.Path(path_type=Path),
    help="Background data gathered by `ryhti lahtotiedot` (GeoPackage): chapter 3 is written "
    "from it for PLAN's area.",
)
@click.option(
    "--alternative",
    "alternatives",
    multiple=True,
    metavar="[NAME=]PLAN.json",
    help="An alternative plan compared with PLAN in chapter 4 (repeatable).",
)
@click.option(
    "--in-force",
    "in_force",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A plan in force on the area (plan JSON): the seurantalomake's change columns.",
)
@click.option(
    "--municipalities",
    type=click.Path(path_type=Path),
    help="Municipality boundaries (GeoJSON) for the location map.",
)
@click.option(
    "--km2-per-resident",
    type=float,
    default=DEFAULT_KM2_PER_RESIDENT,
    show_default=True,
    help="Residential floor area per resident for the resident estimate.",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not list warnings.")
def describe(
    plan: Path,
    matter: Path | None,
    output: Path,
    lang: str,
    template_dir: Path | None,
    fmt: str | None,
    no_map: bool,
    background: Path | None,
    gathered: Path | None,
    alternatives: tuple[str, ...],
    in_force: tuple[Path, ...],
    municipalities: Path | None,
    km2_per_resident: float,
    quiet: bool,
) -> None:
    """Draft the plan description (kaavaselostus) from PLAN, every number computed from it."""
    from ryhti.generators.locmap import load_municipalities
    from ryhti.generators.render import describe_document
    from ryhti.generators.starting_points import load_background
    from ryhti.model import load_matter, load_plan

    fmt = fmt or FORMAT_BY_SUFFIX.get(output.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"cannot tell the format from {output.name!r}",
            hint="use .docx, .md or .html, or --format",
        )
    if background is not None and gathered is not None:
        raise UsageError(
            "--background and --lahtotiedot both give the background data",
            hint="give one of them",
        )
    loaded_plan = load_plan(plan)
    loaded_matter = load_matter(matter) if matter is not None else None
    background_data = load_background(background) if background is not None else None
    layers: tuple[BackgroundLayer, ...] = ()
    if gathered is not None:
        from ryhti.lahtotiedot import load_background as load_gathered
        from ryhti.lahtotiedot import load_background_layers

        background_data = load_gathered(gathered, loaded_plan)
        layers = load_background_layers(gathered, loaded_plan)
    others = []
    for item in alternatives:
        name, sep, path = item.partition("=")
        if not sep:
            name, path = Path(item).stem, item
        others.append((name.strip() or Path(path).stem, load_plan(Path(path))))
    result = describe_document(
        loaded_plan,
        loaded_matter,
        lang=lang,
        fmt=fmt,
        template_dir=template_dir,
        figure=not no_map,
        figure_name=f"{output.stem}.kaavakartta",
        background=background_data,
        alternatives=others,
        in_force=[load_plan(p) for p in in_force] if in_force else None,
        municipalities=load_municipalities(municipalities) if municipalities else None,
        km2_per_resident=km2_per_resident,
        background_layers=layers,
    )
    write_atomic(output, result.content)
    for name, data in result.attachments.items():
        write_atomic(output.parent / name, data)
    if not quiet:
        _print_warnings(result.warnings, lang)
    gaps = len(_PLACEHOLDER.findall(result.markdown))
    extra = f" and {len(result.attachments)} map files" if result.attachments else ""
    click.echo(
        f"wrote {output}{extra}: {gaps} placeholders to complete, {len(result.warnings)} warnings",
        err=True,
    )


@click.command("map")
@click.argument("plan", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="kaavakartta.tif (GeoTIFF for RYHTI's PlanMap), or .png / .svg (figure with legend).",
)
@click.option(
    "--check",
    "check_file",
    type=click.Path(path_type=Path),
    help="Check an existing GeoTIFF against RYHTI's plan-map rules (with PLAN: also its extent).",
)
@click.option("--pixel-size", type=float, help="Metres per pixel: a power of two, 0.015625–256.")
@click.option(
    "--max-pixels", type=int, default=4096, show_default=True, help="Longest side in pixels."
)
@click.option("--lang", type=click.Choice(["fi", "sv"]), default="fi", show_default=True)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format of --check.",
)
@click.pass_context
def map_command(
    ctx: click.Context,
    plan: Path | None,
    output: Path | None,
    check_file: Path | None,
    pixel_size: float | None,
    max_pixels: int,
    lang: str,
    report_format: str,
) -> None:
    """Render the plan map of PLAN (-o), or check a GeoTIFF (--check FILE [PLAN])."""
    from ryhti.model import load_plan

    if check_file is None and output is None:
        raise UsageError("give -o FILE to render the map or --check FILE to check one")
    if check_file is not None and output is not None:
        raise UsageError("give either -o or --check, not both")
    if output is not None and plan is None:
        raise UsageError("give the plan JSON to render")
    loaded = load_plan(plan) if plan is not None else None

    if check_file is not None:
        _check(ctx, check_file, loaded, report_format, lang)
        return

    assert output is not None and loaded is not None
    suffix = output.suffix.lower()
    if suffix in (".tif", ".tiff"):
        from ryhti.generators.geotiff import check_geotiff, write_geotiff

        info = write_geotiff(loaded, output, pixel_size=pixel_size, max_pixels=max_pixels)
        failed = [c for c in check_geotiff(output, plan=loaded) if not c.ok]
        click.echo(
            f"wrote {output}: {info.width} × {info.height} px, {info.pixel_size:g} m/px, EPSG:3067",
            err=True,
        )
        for c in failed:  # pragma: no cover - a bug if the writer breaks its own rules
            click.echo(f"ryhti: error: {c.rule}: {c.message}", err=True)
        if failed:  # pragma: no cover
            sys.exit(EXIT_FINDINGS)
    elif suffix in (".png", ".svg"):
        from ryhti.generators.content import build_context
        from ryhti.generators.figures import compute_figures
        from ryhti.generators.mapfig import render_figure

        figures = compute_figures(loaded)
        context = build_context(loaded, figures, lang=lang)
        names = {c["key"]: f"{c['letters'] or c['short']} {c['label']}" for c in context["classes"]}
        data = render_figure(loaded, figures, names, lang=lang, formats=(suffix[1:],))
        write_atomic(output, data[suffix[1:]])
        click.echo(f"wrote {output}", err=True)
    else:
        raise UsageError(
            f"cannot tell the map format from {output.name!r}", hint="use .tif, .png or .svg"
        )


def _check(ctx: click.Context, path: Path, plan: object, report_format: str, lang: str) -> None:
    from ryhti.generators.geotiff import check_geotiff

    checks = check_geotiff(path, plan=plan)  # type: ignore[arg-type]
    errors = [c for c in checks if not c.ok and c.severity == "error"]
    if report_format == "json":
        click.echo(
            json.dumps(
                {
                    "file": str(path),
                    "ok": not errors,
                    "checks": [
                        {
                            "rule": f"geotiff.{c.rule}",
                            "ok": c.ok,
                            "severity": str(c.severity),
                            "message": c.message,
                            "messages": {"en": c.message, "fi": c.fi},
                        }
                        for c in checks
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for c in checks:
            status = "PASS" if c.ok else ("FAIL" if c.severity == "error" else "WARN")
            click.echo(f"{status}  {c.rule:<14} {c.message}")
        verdict = "meets" if not errors else "does not meet"
        click.echo(f"{path}: {verdict} RYHTI's plan-map rules ({len(errors)} failed)")
    if errors:
        sys.exit(EXIT_FINDINGS)
