"""``ryhti diff``, ``ryhti compare`` and ``ryhti scenario``: versions and alternatives.

These work on plan files (also versions exported with ``ryhti archive show -o``) and need
no archive. Exit codes: ``diff`` 0 identical, 1 differences (like ``diff(1)``);
``compare`` 0; ``scenario`` 0 written, 1 the scenario would make the plan invalid
(nothing written unless ``--force``); 2 bad usage or unreadable input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ryhti.errors import EXIT_FINDINGS, UsageError
from ryhti.io import write_atomic

_DIFF_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".geojson": "geojson",
}


def _name(path: Path) -> str:
    return (
        path.stem
        if path.stem.lower() not in ("plan", "kaava")
        else f"{path.parent.name}/{path.stem}"
    )


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="diff.md, .html (with a map), .json or .geojson.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json", "geojson"]),
    help="Override the suffix.",
)
def diff(old: Path, new: Path, output: Path | None, fmt: str | None) -> None:
    """What changed from OLD to NEW: objects added, removed, reshaped, re-regulated; areas and k-m²."""
    from ryhti.archive import diffout
    from ryhti.archive.diff import diff_plans
    from ryhti.io import dump_json
    from ryhti.model import load_plan

    fmt = fmt or (_DIFF_FORMATS.get(output.suffix.lower()) if output is not None else "md")
    if fmt is None:
        raise UsageError(
            f"cannot tell the format from {output}", hint="use .md, .html, .json or .geojson"
        )
    result = diff_plans(load_plan(old), load_plan(new), _name(old), _name(new))
    if fmt == "json":
        text = dump_json(result.to_json()) + "\n"
    elif fmt == "geojson":
        text = dump_json(diffout.to_geojson(result)) + "\n"
    elif fmt == "html":
        text = diffout.to_html(result)
    else:
        text = diffout.to_markdown(result)
    if output is not None:
        write_atomic(output, text)
        counts = result.counts()
        click.echo(
            f"wrote {output}: "
            + (
                "no changes"
                if result.empty
                else ", ".join(f"{v} {k}" for k, v in counts.items() if v) or "plan-level changes"
            ),
            err=True,
        )
    else:
        click.echo(text, nl=False)
    if not result.empty:
        sys.exit(EXIT_FINDINGS)


@click.command("compare")
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="vertailu.md, .docx or .json.",
)
@click.option("--names", help="Names of the alternatives, comma-separated (default: file names).")
@click.option("--title", default="Vaihtoehtojen vertailu", show_default=True)
def compare(plans: tuple[Path, ...], output: Path | None, names: str | None, title: str) -> None:
    """The dimensioning of alternatives side by side, with differences from the first."""
    from ryhti.archive.compare import compare_plans, to_docx, to_markdown
    from ryhti.io import dump_json
    from ryhti.model import load_plan

    if len(plans) < 2:
        raise UsageError("compare needs at least two plans")
    labels = [n.strip() for n in names.split(",")] if names else [_name(p) for p in plans]
    if len(labels) != len(plans):
        raise UsageError(f"--names gives {len(labels)} names for {len(plans)} plans")
    result = compare_plans([load_plan(p) for p in plans], labels)
    suffix = output.suffix.lower() if output is not None else ".md"
    if suffix == ".docx":
        data: str | bytes = to_docx(result, title)
    elif suffix == ".json":
        data = dump_json(result.to_json()) + "\n"
    elif suffix in (".md", ".markdown"):
        data = to_markdown(result, title)
    else:
        raise UsageError(f"cannot tell the format from {output}", hint="use .md, .docx or .json")
    if output is None:
        click.echo(data, nl=False)
    else:
        write_atomic(output, data)
        click.echo(f"wrote {output}: {len(labels)} alternatives", err=True)
    for warning in result.warnings[:10]:
        click.echo(f"ryhti: warning: {warning}", err=True)


@click.command("scenario")
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--set",
    "sets",
    multiple=True,
    required=True,
    metavar="TARGET:PROPERTY=VALUE",
    help='e.g. "AK:e=1.2", "block 7:sallittuKerrosala=+10%".',
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The new plan JSON.",
)
@click.option("--plan-type", help="RY_Kaavalaji code for validation (e.g. 31).")
@click.option("--municipality", help="Municipality code for validation (e.g. 049).")
@click.option("--force", is_flag=True, help="Write the plan even if the scenario makes it invalid.")
def scenario(
    plan: Path,
    sets: tuple[str, ...],
    output: Path,
    plan_type: str | None,
    municipality: str | None,
    force: bool,
) -> None:
    """What-if changes to regulation values, written as a new plan, validated, dimensioned."""
    from ryhti.archive.compare import compare_plans, to_markdown
    from ryhti.archive.lifecycle import municipality_code
    from ryhti.archive.scenario import apply_scenario, parse_change
    from ryhti.io import read_json, write_json
    from ryhti.model import from_json

    data = read_json(plan)
    if not isinstance(data, dict) or "planKey" not in data:
        raise UsageError("not a plan (no planKey)", hint=str(plan))
    changes = [parse_change(text) for text in sets]
    result = apply_scenario(
        data, changes, plan_type=plan_type, municipality=municipality_code(municipality)
    )
    for note in result.notes:
        click.echo(f"changed: {note}", err=True)
    for line in result.inherited_errors[:10]:
        click.echo(f"ryhti: warning: the base plan already has: {line}", err=True)
    if result.new_errors:
        for line in result.new_errors[:20]:
            click.echo(f"ryhti: error: the scenario makes the plan invalid: {line}", err=True)
        if not force:
            click.echo("ryhti: nothing written (use --force to write it anyway)", err=True)
            sys.exit(EXIT_FINDINGS)
    write_json(output, result.plan)
    comparison = compare_plans(
        [from_json(data, "plan"), from_json(result.plan, "plan")], [_name(plan), output.stem]
    )
    click.echo(to_markdown(comparison, "Skenaarion mitoitus"), nl=False)
    state = "validates" if not result.new_errors and not result.inherited_errors else "has errors"
    click.echo(f"wrote {output} ({state})", err=True)
    if result.new_errors:
        sys.exit(EXIT_FINDINGS)
