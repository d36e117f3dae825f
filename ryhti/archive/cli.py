"""``ryhti archive init|add|list|show|remove``, ``ryhti search`` and ``ryhti here``.

Every command but ``archive init`` finds the archive from ``--archive PATH|URL``, else
``$RYHTI_ARCHIVE``, else ``[archive] path`` in ``ryhti.toml``. Exit codes: 0 done, 1 a
search or point query found nothing, 2 bad usage or unreadable input (including a file of
``archive add`` that could not be read — the others still go in).
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ryhti.errors import EXIT_FINDINGS, EXIT_USAGE, InputError, UsageError
from ryhti.io import write_atomic

ARCHIVE_HELP = "The archive: a .gpkg file or a postgresql:// URL (else $RYHTI_ARCHIVE, ryhti.toml)."


def _archive_option(fn: Any) -> Any:
    return click.option("--archive", "archive", metavar="PATH|URL", help=ARCHIVE_HELP)(fn)


def _answer_options(fn: Any) -> Any:
    """``--format text|json|geojson`` and ``-o``: how ``search`` and ``here`` give their answer."""
    fn = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))(fn)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json", "geojson"]),
        default="text",
        show_default=True,
    )(fn)


def _emit_answer(
    result: dict[str, Any],
    fmt: str,
    output: Path | None,
    *,
    features: Callable[[], list[dict[str, Any]]],
    srid: int,
    text: Callable[[], str],
) -> None:
    """Write a ``search``/``here`` answer as JSON, GeoJSON (``features`` in ``srid``) or text."""
    from ryhti.archive import output as out

    if fmt == "json":
        _emit(_json(out.clean(result)), output)
    elif fmt == "geojson":
        _emit(_json(out.feature_collection(features(), srid)), output)
    else:
        _emit(text(), output)


def _open(archive: str | None) -> Any:
    from ryhti.archive.store import find_location, open_store

    return open_store(find_location(archive))


def _emit(text: str, output: Path | None) -> None:
    if output is not None:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _json(data: Any) -> str:
    from ryhti.io import dump_json

    return dump_json(data) + "\n"


def _point(text: str, parts: int) -> tuple[float, ...]:
    try:
        values = tuple(float(v) for v in text.replace(";", ",").split(","))
    except ValueError:
        values = ()
    if len(values) != parts:
        shape = "X,Y" if parts == 2 else "X,Y,R"
        raise UsageError(f"expected {shape} as numbers, got {text!r}")
    return values


@click.group("archive")
def archive() -> None:
    """The plan archive: every plan, its versions and cancellations, searchable."""


@archive.command("init")
@click.argument("location", metavar="PATH|URL")
@click.option(
    "--srid",
    type=int,
    default=3067,
    show_default=True,
    help="EPSG code the archive stores geometry in (a GK zone such as 3879 for one city).",
)
def init_command(location: str, srid: int) -> None:
    """Create an empty archive: a GeoPackage file, or tables in PostgreSQL + PostGIS."""
    from ryhti.archive.store import create_store

    if srid != 3067 and not 3873 <= srid <= 3885:
        raise UsageError(f"EPSG:{srid} is not a RYHTI coordinate system (3067, 3873–3885)")
    with create_store(location, srid) as store:
        click.echo(f"created {store.kind} archive {store.location} (EPSG:{store.srid})")


@archive.command("add")
@click.argument("paths", nargs=-1, required=True, metavar="PLAN.json|MATTER.json|FOLDER|SOURCE...")
@click.option(
    "--matter", type=click.Path(dir_okay=False, path_type=Path), help="The plans' matter."
)
@click.option(
    "--plan-type", help="RY_Kaavalaji code or level (31, asemakaava) when no matter says."
)
@click.option("--municipality", help="Municipality code or name when no matter says (049, Espoo).")
@click.option(
    "--id", "permanent_id", help="Permanent plan identifier (AK-000123) when no matter says."
)
@click.option("--name", help="The plan's name when no matter says.")
@click.option(
    "--no-validate", is_flag=True, help="Do not validate (faster bulk loads; not flagged)."
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    help="Processes at work: 1 prepares and writes in one; N prepares in N-1 while one "
    "writes [default: 2 on a machine of two or more cores].",
)
@click.option(
    "--no-resume", is_flag=True, help="Read every file again, even those already archived."
)
@click.option("--mapping", help="Mapping for sources that are not plan JSON (see ryhti convert).")
@click.option(
    "--regulations", type=click.Path(path_type=Path), help="Regulation document for sources."
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress line (default: on a terminal)."
)
@_archive_option
def add_command(
    paths: tuple[str, ...],
    matter: Path | None,
    plan_type: str | None,
    municipality: str | None,
    permanent_id: str | None,
    name: str | None,
    no_validate: bool,
    jobs: int | None,
    no_resume: bool,
    mapping: str | None,
    regulations: Path | None,
    progress: bool | None,
    archive: str | None,
) -> None:
    """Add plans (and their matters); the same plan again replaces, a newer one is a version."""
    from ryhti.archive.ingest import add_files
    from ryhti.archive.lifecycle import municipality_code, normalise_level
    from ryhti.archive.records import AddOptions
    from ryhti.io import read_json

    normalise_level(plan_type)
    municipality_code(municipality)
    matter_data = read_json(matter) if matter is not None else None
    if matter_data is not None and "permanentPlanIdentifier" not in matter_data:
        raise InputError("not a plan matter (no permanentPlanIdentifier)", source=matter, where="$")
    convert = {k: v for k, v in (("mapping", mapping), ("regulations", regulations)) if v}
    with _open(archive) as store:
        opts = AddOptions(
            srid=store.srid,
            plan_type=plan_type,
            municipality=municipality,
            permanent_id=permanent_id,
            name=name,
            validate=not no_validate,
        )
        summary = add_files(
            store,
            list(paths),
            opts,
            matter=matter_data,
            convert=convert,
            jobs=jobs,
            resume=not no_resume,
            progress=progress,
        )
    counts = {k: summary.count(k) for k in ("added", "version", "replaced", "unchanged")}
    rate = summary.objects / summary.seconds if summary.seconds > 0 else 0.0
    click.echo(
        f"added {counts['added']} plans, {counts['version']} new versions, "
        f"{counts['replaced']} replaced, {counts['unchanged']} unchanged, "
        f"{summary.skipped} files skipped (already archived) · {summary.objects:,} objects in "
        f"{summary.seconds:.1f} s ({rate:,.0f} objects/s)"
    )
    for plan, source, errors in summary.flagged[:20]:
        click.echo(f"flagged: {plan} does not validate ({errors} errors) — {source}", err=True)
    if len(summary.flagged) > 20:
        click.echo(f"flagged: … {len(summary.flagged) - 20} more", err=True)
    for warning in summary.warnings[:20]:
        click.echo(f"ryhti: warning: {warning}", err=True)
    for line in summary.failed:
        click.echo(f"ryhti: error: {line}", err=True)
    if summary.failed:
        click.echo(f"ryhti: {len(summary.failed)} files could not be added", err=True)
        sys.exit(EXIT_USAGE)


def _version_rows(store: Any, plan: str, version: int | None) -> list[dict[str, Any]]:
    rows = store.plans({"ref": plan})
    if not rows and plan.isdigit():
        rows = store.plans({"fid": int(plan)})
    if not rows:
        raise UsageError(f"no plan {plan!r} in the archive", hint="ryhti archive list shows them")
    keys = {r["plan_key"] for r in rows}
    if len(keys) > 1:
        raise UsageError(
            f"{plan!r} names {len(keys)} plans ({', '.join(sorted(keys))}); give the planKey"
        )
    if version is not None:
        rows = [r for r in rows if r["version"] == version]
        if not rows:
            raise UsageError(f"plan {plan!r} has no version {version}")
    return rows


@archive.command("list")
@click.option("--level", help="asemakaava, yleiskaava or maakuntakaava.")
@click.option("--municipality", help="Municipality code or name.")
@click.option("--in-force", is_flag=True, help="Only plans in force today (or on --date).")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="The day for --in-force.")
@click.option("--versions", is_flag=True, help="Every version, not only the current ones.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@_archive_option
def list_command(
    level: str | None,
    municipality: str | None,
    in_force: bool,
    date: str | None,
    versions: bool,
    fmt: str,
    archive: str | None,
) -> None:
    """The archived plans: name, level, municipality, lifecycle, status, validation."""
    import datetime as _dt

    from ryhti.archive.lifecycle import municipality_code, normalise_level, status_text

    today = date or _dt.date.today().isoformat()
    with _open(archive) as store:
        rows = store.plans(
            {
                "current": not versions,
                "level": normalise_level(level),
                "municipality": municipality_code(municipality),
                "in_force": today if in_force else None,
            }
        )
        stats = store.stats()
    for r in rows:
        r["status"] = status_text(r, "fi", today)
        r["findings"] = json.loads(r["findings"]) if r["findings"] else None
    if fmt == "json":
        click.echo(_json({"archive": stats, "plans": rows}), nl=False)
        return
    for r in rows:
        valid = {None: "not validated", 1: "validates", 0: f"{r['error_count']} errors"}[r["valid"]]
        where = ", ".join(x for x in (r["level"], r["municipality"]) if x)
        version = f" v{r['version']}" if versions or r["version"] > 1 else ""
        click.echo(
            f"{r['plan_key']}{version}  {r['name']}  [{where}]  {r['status']}  "
            f"{r['object_count']} objects  {valid}"
        )
    click.echo(
        f"{len(rows)} shown · archive {stats['location']}: {stats['plans']} plans, "
        f"{stats['versions']} versions, {stats['objects']:,} objects, "
        f"{stats['regulations']:,} regulations",
        err=True,
    )


@archive.command("show")
@click.argument("plan", metavar="PLAN")
@click.option("--version", type=int, help="A version (default: all; the current one for -o).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the stored plan JSON.",
)
@click.option(
    "--matter-output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the stored matter.",
)
@_archive_option
def show_command(
    plan: str,
    version: int | None,
    fmt: str,
    output: Path | None,
    matter_output: Path | None,
    archive: str | None,
) -> None:
    """A plan's versions, lifecycle, validation and cancellations; -o exports a version.

    PLAN is its planKey, permanent identifier (AK-000123), the municipality's own
    identifier, or its name.
    """
    import datetime as _dt

    from ryhti.archive.lifecycle import status_text

    today = _dt.date.today().isoformat()
    with _open(archive) as store:
        rows = _version_rows(store, plan, version)
        if output is not None or matter_output is not None:
            chosen = rows[0] if version is not None else next(r for r in rows if r["is_current"])
            plan_doc, matter_doc = store.documents(chosen["fid"])
            if output is not None and plan_doc is not None:
                write_atomic(output, zlib.decompress(plan_doc))
                click.echo(f"wrote {output} (version {chosen['version']})", err=True)
            if matter_output is not None:
                if matter_doc is None:
                    raise UsageError("that version was archived without a matter")
                write_atomic(matter_output, zlib.decompress(matter_doc))
                click.echo(f"wrote {matter_output}", err=True)
            return
        refs = {r["plan_key"] for r in rows} | {
            r["permanent_id"] for r in rows if r["permanent_id"]
        }
        cancelled_by = store.cancellations(target=sorted(refs))
        details = []
        for r in rows:
            r["status"] = status_text(r, "fi", today)
            r["findings"] = json.loads(r["findings"]) if r["findings"] else None
            r["cancels"] = [_resolved(store, c) for c in store.cancellations(fid=r["fid"])]
            details.append(r)
    if fmt == "json":
        click.echo(_json({"versions": details, "cancelledBy": cancelled_by}), nl=False)
        return
    first = details[0]
    click.echo(f"{first['name']} — planKey {first['plan_key']}")
    for key, label in (
        ("permanent_id", "permanent id"),
        ("level", "level"),
        ("municipality", "municipality"),
    ):
        if first.get(key):
            click.echo(f"  {label}: {first[key]}")
    for r in details:
        current = " (current)" if r["is_current"] else ""
        valid = {
            None: "not validated",
            1: "validates",
            0: f"does not validate: {r['error_count']} errors",
        }[r["valid"]]
        click.echo(
            f"version {r['version']}{current}: {r['status']} · {r['object_count']} objects, {r['regulation_count']} regulations · {valid}"
        )
        click.echo(f"  added {r['added_at']} from {r['source']}")
        for f in (r["findings"] or [])[:5]:
            click.echo(f"  {f['severity']} {f['rule']} {f['path']}: {f['message']}")
        for c in r["cancels"]:
            if c["kind"] == "plan" and not c["entire_plan"]:
                continue
            what = (
                "the whole plan"
                if c["kind"] == "plan"
                else f"{c['kind'].replace('_', ' ')} {c['object_key'] or c['group_key'] or ''}".strip()
            )
            click.echo(f"  cancels {c['target']}: {what}{_found_note(c)}")
    for c in cancelled_by:
        if c["kind"] == "plan":
            scope = "entirely" if c["entire_plan"] else "in part"
            click.echo(
                f"cancelled {scope} by {c['by_id'] or c['by_name'] or c['by_key']} (lifecycle {c['by_lifecycle']})"
            )


def _resolved(store: Any, cancellation: dict[str, Any]) -> dict[str, Any]:
    """The cancellation with ``targetFound`` / ``objectFound``: is what it names archived?"""
    targets = store.plans({"ref": cancellation["target"], "current": True})
    found = dict(cancellation, targetFound=bool(targets), objectFound=None)
    if targets and cancellation["object_key"]:
        found["objectFound"] = store.has_object(
            [t["fid"] for t in targets], cancellation["object_key"]
        )
    return found


def _found_note(c: dict[str, Any]) -> str:
    if not c["targetFound"]:
        return " (that plan is not in the archive: the cancellation waits for it)"
    if c["objectFound"] is False:
        return " (no such object in that plan: this cancellation does nothing)"
    return ""


@archive.command("remove")
@click.argument("plan", metavar="PLAN")
@click.option("--version", type=int, help="Remove only this version.")
@_archive_option
def remove_command(plan: str, version: int | None, archive: str | None) -> None:
    """Remove a plan (every version) or one version; cancellations it made are undone."""
    with _open(archive) as store:
        rows = _version_rows(store, plan, version)
        removed = store.remove([r["fid"] for r in rows])
    click.echo(f"removed {removed} versions of {rows[0]['name']} ({rows[0]['plan_key']})")


@click.command("search")
@click.argument("query", nargs=-1)
@click.option("--code", "codes", multiple=True, help="Regulation code (and every narrower one).")
@click.option("--sign", "signs", multiple=True, help="Letter sign: AK (also AK-1, AK/s…) or AK-1.")
@click.option("--level", help="asemakaava, yleiskaava or maakuntakaava.")
@click.option("--municipality", help="Municipality code or name.")
@click.option("--in-force", is_flag=True, help="Only plans in force today (or on --date).")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="The day for --in-force.")
@click.option("--history", is_flag=True, help="Search earlier versions of plans too.")
@click.option(
    "--within",
    type=click.Path(dir_okay=False),
    help="Only inside this area (GeoJSON, plan, GPKG…).",
)
@click.option("--near", metavar="X,Y,R", help="Only within R metres of X,Y.")
@click.option("--srid", type=int, help="EPSG code of --near (default: the archive's).")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--rank-all", is_flag=True, help="Rank every match, however many (slower).")
@_answer_options
@_archive_option
def search(
    query: tuple[str, ...],
    codes: tuple[str, ...],
    signs: tuple[str, ...],
    level: str | None,
    municipality: str | None,
    in_force: bool,
    date: str | None,
    history: bool,
    within: str | None,
    near: str | None,
    srid: int | None,
    limit: int,
    rank_all: bool,
    fmt: str,
    output: Path | None,
    archive: str | None,
) -> None:
    """Search every archived plan's regulations: Finnish words in any inflected form."""
    from ryhti.archive import output as out
    from ryhti.archive.search import SearchRequest, render_text, run_search

    request = SearchRequest(
        query=" ".join(query),
        codes=codes,
        signs=signs,
        level=level,
        municipality=municipality,
        in_force=in_force,
        history=history,
        within=within,
        near=_point(near, 3) if near else None,  # type: ignore[arg-type]
        srid=srid,
        limit=limit,
        today=date,
        rank_all=rank_all,
    )
    with _open(archive) as store:
        result = run_search(store, request)
        areas = (
            store.plan_areas([h["_plan_fid"] for h in result["hits"] if h["objects"]["wholePlan"]])
            if fmt == "geojson"
            else {}
        )
    _emit_answer(
        result,
        fmt,
        output,
        features=lambda: out.search_features(result, areas),
        srid=result["archive"]["srid"],
        text=lambda: render_text(result, output is None and sys.stdout.isatty()),
    )
    if not result["hits"]:
        sys.exit(EXIT_FINDINGS)


@click.command("here")
@click.argument("point", metavar="X,Y")
@click.option("--srid", type=int, help="EPSG code of the point (default: the archive's).")
@click.option(
    "--all",
    "include_all",
    is_flag=True,
    help="Also proposals, cancelled plans and objects, marked.",
)
@click.option("--lang", type=click.Choice(["fi", "sv"]), default="fi", show_default=True)
@click.option(
    "--radius",
    type=float,
    default=0.0,
    show_default=True,
    help="Also objects within R metres (lines, points).",
)
@click.option("--date", "date", metavar="YYYY-MM-DD", help="What applied on this day.")
@_answer_options
@_archive_option
def here(
    point: str,
    srid: int | None,
    include_all: bool,
    lang: str,
    radius: float,
    date: str | None,
    fmt: str,
    output: Path | None,
    archive: str | None,
) -> None:
    """Which plans and regulations apply at X,Y, from maakuntakaava down to asemakaava."""
    from ryhti.archive import output as out
    from ryhti.archive.here import HereRequest, render_text, run_here

    x, y = _point(point, 2)
    with _open(archive) as store:
        result = run_here(store, HereRequest(x, y, srid, include_all, lang, max(0.0, radius), date))
        archive_srid = store.srid
    _emit_answer(
        result,
        fmt,
        output,
        features=lambda: out.here_features(result),
        srid=archive_srid,
        text=lambda: render_text(result),
    )
    if not result["plans"]:
        sys.exit(EXIT_FINDINGS)
