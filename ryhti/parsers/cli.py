"""``ryhti init`` and ``ryhti export``.

``ryhti convert`` lives in :mod:`ryhti.workflows.cli`: it validates what it converts, and
the parsers never import the validators.
"""

from __future__ import annotations

from pathlib import Path

import click

from ryhti.errors import UsageError

__all__ = ["LARGE_PLAN", "export", "init"]

#: Plans with more objects than this are written without indentation.
LARGE_PLAN = 10_000


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
