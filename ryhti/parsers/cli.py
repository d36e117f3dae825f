"""``ryhti convert``, ``ryhti init``, ``ryhti export``.

``convert`` writes the plan JSON (and the conversion report) atomically and prints a
one-line summary with the findings on stderr. Exit codes: 0 converted without
errors, 1 converted with error findings (``--strict`` makes warnings errors), 2 the
input could not be read or the options are wrong (one line, no traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ryhti.errors import EXIT_FINDINGS, UsageError
from ryhti.findings import Severity

__all__ = ["LARGE_PLAN", "convert", "export", "init"]

#: Plans with more objects than this are written without indentation.
LARGE_PLAN = 10_000


@click.command("convert")
@click.argument("source")
@click.option(
    "--mapping",
    "mapping",
    help="Mapping file (TOML) or preset: template, qaava, kuntagml, national-gml.",
)
@click.option(
    "--regulations",
    "regulations",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Regulation document (kaavamerkinnät ja -määräykset): .md, .txt, .docx, .pdf. Repeatable.",
)
@click.option("--plan-type", help="RY_Kaavalaji code or name (31 asemakaava, 21 yleiskaava …).")
@click.option("--lifecycle", help="kaavaelinkaari code of the plan (default 04 kaavaehdotus).")
@click.option(
    "--srid",
    help="Output EPSG code: 3067 or 3873–3885 (default: the source's ETRS-GK zone, else 3067).",
)
@click.option("--source-crs", help="CRS of a source that does not declare one, e.g. EPSG:3879.")
@click.option(
    "--encoding", help="Text encoding of a Shapefile/DXF without one declared (e.g. cp1252)."
)
@click.option(
    "--snap", type=float, help="Snap vertices to a grid of this size in metres (off by default)."
)
@click.option(
    "--arc-tolerance", type=float, help="Largest arc-to-chord distance in metres (default 0.01)."
)
@click.option(
    "--plan-id",
    help="Identity of the plan for stable keys (default: mapping plan.id or file name).",
)
@click.option("--no-extract", is_flag=True, help="Keep free texts verbatim instead of typing them.")
@click.option("--strict", is_flag=True, help="Unmapped or uninterpreted content is an error.")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Plan JSON to write."
)
@click.option(
    "--report", "report", type=click.Path(dir_okay=False), help="Conversion report JSON to write."
)
@click.option(
    "--compact",
    is_flag=True,
    help=f"Write JSON without indentation (always above {10_000:,} objects).",
)
@click.option(
    "--repair-coverage",
    "repair_coverage",
    type=click.FloatRange(0, 5, min_open=True),
    metavar="TOLERANCE",
    help="Snap and close overlaps and gaps of the area reservations narrower than TOLERANCE m "
    "(shapely.coverage_clean); every change is a CV030 finding and in the report.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def convert(
    source: str,
    mapping: str | None,
    regulations: tuple[str, ...],
    plan_type: str | None,
    lifecycle: str | None,
    srid: str | None,
    source_crs: str | None,
    encoding: str | None,
    snap: float | None,
    arc_tolerance: float | None,
    plan_id: str | None,
    no_extract: bool,
    strict: bool,
    output: str,
    report: str | None,
    compact: bool,
    repair_coverage: float | None,
    quiet: bool,
) -> None:
    """Convert SOURCE (GeoPackage, Shapefile, zip, GeoJSON, DXF, KuntaGML, GML, postgresql://…) to plan JSON."""
    from ryhti.io import write_json
    from ryhti.parsers import convert as run_convert

    result = run_convert(
        source,
        mapping=mapping,
        regulations=list(regulations) or None,
        plan_type=plan_type,
        srid=srid,
        strict=strict,
        lifecycle=lifecycle,
        snap=snap,
        source_crs=source_crs,
        use_extractor=not no_extract,
        plan_id=plan_id,
        encoding=encoding,
        arc_tolerance=arc_tolerance,
    )
    # Python's json indents only in its pure-Python encoder (20 s for 100,000 objects);
    # large plans are written compact with the C encoder, small ones readable.
    data = result.plan_json()
    if repair_coverage is not None:
        from ryhti.parsers.coverage_repair import repair_result

        repair_result(result, data, repair_coverage, strict=strict)
    objects = len(data.get("planObjects") or [])
    indent = None if compact or objects > LARGE_PLAN else 2
    write_json(output, data, indent=indent)
    if report:
        write_json(report, result.report, indent=indent)
    summary = result.report.get("summary", {})
    counts = summary.get("findings", {})
    if not quiet:
        for f in result.findings:
            if f.severity is Severity.INFO:
                continue
            loc = f.location or {}
            where = ":".join(str(loc[k]) for k in ("file", "layer", "fid", "line") if k in loc)
            click.echo(f"{f.severity}: {f.rule} {where}: {f.message}", err=True)
        click.echo(
            f"converted {summary.get('features', 0)} source features into "
            f"{summary.get('planObjects', 0)} plan objects and "
            f"{summary.get('regulationGroups', 0)} regulation groups → {output} "
            f"({counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
            f"{counts.get('info', 0)} notes{'; report ' + report if report else ''})",
            err=True,
        )
    else:
        for f in result.errors:
            click.echo(f"error: {f.rule}: {f.message}", err=True)
    if result.errors:
        sys.exit(EXIT_FINDINGS)


@click.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option(
    "--srid",
    default="3879",
    show_default=True,
    help="EPSG code of the template (3879 = ETRS-GK25, Espoo/Helsinki).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing template.")
def init(folder: str, srid: str, force: bool) -> None:
    """Write a RYHTI-ready GeoPackage template (kaava.gpkg) and its mapping into FOLDER."""
    from ryhti.parsers.template import write_template

    paths = write_template(folder, srid=srid, force=force)
    for path in paths:
        click.echo(f"wrote {path}")
    click.echo(
        "draw the plan into kaava.gpkg (QGIS), then: "
        f"ryhti convert {Path(folder) / 'kaava.gpkg'} -o plan.json --report report.json"
    )


@click.command("export")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--to", "fmt", type=click.Choice(["gpkg"]), default="gpkg", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File to write (default: PLAN with .gpkg).",
)
def export(plan: str, fmt: str, output: str | None) -> None:
    """Write a plan JSON back to a GeoPackage (converting it back gives the same plan)."""
    from ryhti.parsers.export import export_plan

    if fmt != "gpkg":  # pragma: no cover - click restricts the choice
        raise UsageError(f"unknown export format {fmt}")
    out = Path(output) if output else Path(plan).with_suffix(".gpkg")
    export_plan(plan, out)
    click.echo(f"wrote {out}")
