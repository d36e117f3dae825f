"""``ryhti matter init`` and ``ryhti matter build``: the plan matter, offline.

Exit codes as everywhere: 0 done, 2 bad input (the TOML line and key are named).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ryhti.errors import InputError, UsageError


@click.group("matter")
def matter() -> None:
    """Write and build the plan matter (kaava-asia) that carries a plan to Ryhti."""


@matter.command("init")
@click.option(
    "-o",
    "--output",
    default="matter.toml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where to write the template ('-' for standard output).",
)
@click.option("--name", default="", help="The plan matter's name.")
@click.option("--plan-type", default="Asemakaava", show_default=True, help="Kaavalaji by name.")
@click.option("--municipality", default="", help="Municipality name or code.")
@click.option("--region", default=None, help="Region (for a maakuntakaava).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(
    output: str, name: str, plan_type: str, municipality: str, region: str | None, force: bool
) -> None:
    """Write a short, commented matter.toml to fill in."""
    from ryhti.matter import init_template

    text = init_template(
        name=name,
        plan_type=plan_type,
        municipality=municipality,
        region=region,
        toml_name=Path(output).name if output != "-" else "matter.toml",
    )
    if output == "-":
        click.echo(text, nl=False)
        return
    if Path(output).exists() and not force:
        raise UsageError(f"{output} exists; use --force to overwrite it")
    from ryhti.io import write_atomic

    write_atomic(output, text)
    click.echo(
        f"ryhti: wrote {output}; fill it in, then `ryhti matter build {output} plan.json`", err=True
    )


@matter.command("build")
@click.argument("matter_toml", type=click.Path(dir_okay=False))
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    default="matter.json",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="PlanMatterCreate JSON to write ('-' for standard output); files go to <name>.files.json.",
)
@click.option(
    "--lahtotiedot",
    "gathered",
    type=click.Path(dir_okay=False),
    help="Background data gathered by `ryhti lahtotiedot`: recorded as the matter's sourceDatas.",
)
def build(matter_toml: str, plan: str, output: str, gathered: str | None) -> None:
    """Build the PlanMatterCreate from MATTER_TOML and PLAN, choosing codes by name."""
    from ryhti.io import dump_json, write_json
    from ryhti.matter import build_matter, manifest_path

    sources = []
    if gathered:
        from ryhti.lahtotiedot.background import load_source_records

        sources = load_source_records(gathered)
    built = build_matter(matter_toml, plan, sources)
    for note in built.notes:
        click.echo(f"ryhti: note: {note}", err=True)
    if output == "-":
        click.echo(dump_json(built.payload), nl=False)
        return
    write_json(output, built.payload)
    side = manifest_path(output)
    if built.files:
        manifest = built.manifest(relative_to=side.parent)
        _keep_uploads(manifest, side)
        write_json(side, manifest)
        click.echo(f"ryhti: {len(built.files)} file(s) to upload listed in {side}", err=True)
    elif side.exists():
        side.unlink()
    click.echo(f"ryhti: wrote {output}", err=True)


def _keep_uploads(manifest: dict[str, Any], side: Path) -> None:
    """Carry over what an earlier submit uploaded: the placeholder keys hash the content."""
    if not side.is_file():
        return
    from ryhti.matter.manifest import load_manifest

    try:
        old = load_manifest(side) or {}
    except InputError:
        return
    uploaded = {
        f.get("fileKey"): f["uploaded"]
        for f in old.get("files", [])
        if isinstance(f, dict) and isinstance(f.get("uploaded"), dict)
    }
    for entry in manifest["files"]:
        if entry["fileKey"] in uploaded:
            entry["uploaded"] = uploaded[entry["fileKey"]]
