"""``ryhti lahtotiedot``: gather the background data of a plan area into one GeoPackage.

Exit codes: 0 every source gathered, 1 some source failed (the GeoPackage holds the
others and marks the failed ones), 2 bad input or usage.
"""

from __future__ import annotations

import sys

import click

from ryhti.errors import EXIT_FINDINGS, UsageError


@click.command("lahtotiedot")
@click.argument("area", type=click.Path(dir_okay=False))
@click.option("--buffer", default=200.0, show_default=True, help="Metres gathered around the area.")
@click.option(
    "--sources",
    "sources_file",
    type=click.Path(dir_okay=False),
    help="TOML source file ([sources.NAME] tables, presets = [...]).",
)
@click.option(
    "--source",
    "extra",
    multiple=True,
    metavar="NAME=PATH_OR_URL[@LAYER][:CODE]",
    help="Add one source (e.g. natura=natura.gpkg:08, WFS:https://… for a service).",
)
@click.option(
    "--preset",
    "presets",
    multiple=True,
    help="Add a national preset or group (luonto, vesi, kulttuuriymparisto, kaavat, kaikki).",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="GeoPackage to write."
)
@click.option("--offline", is_flag=True, help="Read only the cache of earlier runs.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    help="Cache folder (default: $RYHTI_CACHE_DIR or ~/.cache/ryhti/lahtotiedot).",
)
@click.option(
    "--timeout", default=60.0, show_default=True, help="Seconds before a service is given up."
)
@click.option("--list-presets", is_flag=True, help="List the presets and exit.")
def lahtotiedot(
    area: str,
    buffer: float,
    sources_file: str | None,
    extra: tuple[str, ...],
    presets: tuple[str, ...],
    output: str,
    offline: bool,
    cache_dir: str | None,
    timeout: float,
    list_presets: bool,
) -> None:
    """Gather background data (lähtötiedot) for AREA: a plan JSON or a GeoJSON polygon."""
    from ryhti.lahtotiedot.area import read_area
    from ryhti.lahtotiedot.gather import gather
    from ryhti.lahtotiedot.output import RESERVED, format_summary, summary_rows, write_gpkg
    from ryhti.lahtotiedot.presets import preset, preset_names
    from ryhti.lahtotiedot.sources import parse_source_option, read_source_file

    if buffer < 0:
        raise UsageError("--buffer must not be negative")
    specs = read_source_file(sources_file) if sources_file else []
    for name in presets:
        try:
            specs.extend(preset(one) for one in preset_names(name))
        except KeyError as exc:
            raise UsageError(f"--preset: {exc.args[0]}") from None
    specs.extend(parse_source_option(text) for text in extra)
    if not specs:
        raise UsageError("no sources: give --sources FILE, --source NAME=… or --preset NAME")
    names = [s.name for s in specs]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UsageError(f"source {twice[0]!r} is given twice; each source names its own layer")
    reserved = sorted(set(names) & RESERVED)
    if reserved:
        raise UsageError(f"{reserved[0]!r} is the name of the summary table; rename the source")
    plan_area = read_area(area)

    def say(result: object) -> None:
        from ryhti.lahtotiedot.gather import SourceResult

        assert isinstance(result, SourceResult)
        if not result.ok:
            click.echo(f"ryhti: {result.spec.name}: {result.message}", err=True)

    result = gather(
        plan_area,
        specs,
        buffer=buffer,
        offline=offline,
        cache_dir=cache_dir,
        timeout=timeout,
        progress=say,
    )
    write_gpkg(result, output)
    click.echo(format_summary(summary_rows(result)))
    failed = len(result.failed)
    click.echo(
        f"ryhti: wrote {output}: {len(specs) - failed} of {len(specs)} sources"
        + (f"; {failed} failed and are marked failed in its summary table" if failed else ""),
        err=True,
    )
    if failed:
        sys.exit(EXIT_FINDINGS)
