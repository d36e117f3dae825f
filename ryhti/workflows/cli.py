"""``ryhti convert``: convert a source, write the plan, validate it, say whether it is valid.

The plan JSON is written first (atomically), then validated with the same rules as
``ryhti validate`` (``--plan-type`` from the source or the mapping); the conversion
report, written last, carries the validation findings traced back to the source layer
and feature. Exit codes: 0 the plan has no errors (conversion or validation), 1 it has
(``--strict`` makes conversion warnings errors), 2 the input could not be read or the
options are wrong (one line, no traceback). ``--no-validate`` skips the validation.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import click

from ryhti.errors import EXIT_FINDINGS, UsageError
from ryhti.findings import Severity
from ryhti.parsers.cli import LARGE_PLAN
from ryhti.parsers.formats import describe

__all__ = ["convert"]

#: A conversion that runs longer than this on a terminal shows its stage.
PROGRESS_AFTER = 2.0

_STAGES = {
    "reading": "reading the source",
    "typing": "typing the features",
    "checking": "checking the plan",
    "writing": "writing",
}


class _Progress:
    """The stage of a long conversion on one stderr line, redrawn twice a second once the
    conversion has run for :data:`PROGRESS_AFTER` seconds; nothing for a short one."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.stage = "reading"
        self.started = time.monotonic()
        self.shown = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def __call__(self, stage: str) -> None:
        self.stage = stage

    def _run(self) -> None:
        if self._stop.wait(PROGRESS_AFTER):
            return
        while not self._stop.is_set():
            elapsed = time.monotonic() - self.started
            label = _STAGES.get(self.stage, self.stage)
            sys.stderr.write(f"\rryhti convert: {label} … {elapsed:4.0f} s ")
            sys.stderr.flush()
            self.shown = True
            self._stop.wait(0.5)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _where(f: dict[str, Any]) -> str:
    place = f.get("source") or {}
    if "fid" in place:
        parts = [place.get("file"), place.get("layer"), place.get("fid"), place.get("line")]
        return ":".join(str(p) for p in parts if p is not None)
    if "features" in place:
        count = place.get("featureCount", 0)
        shown = ",".join(str(x) for x in place["features"][:3])
        more = f" and {count - 3} more" if count > 3 else ""
        return f"{place.get('file')}:{place.get('layer')}:{shown}{more}"
    return f"{place.get('file')}:{f.get('path')}"


@click.command("convert")
@click.argument("source")
@click.option(
    "--mapping",
    "mapping",
    help="Mapping file (TOML) or preset: template, qaava, kuntagml, kuntagml-yleiskaava, "
    "national-gml, kaatio, pilot-wfs.",
)
@click.option(
    "--regulations",
    "regulations",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Regulation document (kaavamerkinnät ja -määräykset): .md, .txt, .docx, .pdf. Repeatable.",
)
@click.option("--plan-type", help="RY_Kaavalaji code or name (31 asemakaava, 21 yleiskaava …).")
@click.option(
    "--lifecycle",
    help="kaavaelinkaari code of the plan (default: the source's, else the mapping's, else 04).",
)
@click.option(
    "--srid",
    help="Output EPSG code: 3067 or 3873–3885 (default: the source's ETRS-GK zone, else 3067).",
)
@click.option(
    "--source-crs",
    help="CRS of a source that does not declare one, e.g. EPSG:3879 (default: the one its "
    "coordinates fit).",
)
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
@click.option(
    "--lexicon",
    type=click.Path(dir_okay=False),
    help="The municipality's legend library (TOML, see `ryhti extract`): its entries decide "
    "the texts they match (default: lexicon of [extract] in ryhti.toml).",
)
@click.option("--strict", is_flag=True, help="Unmapped or uninterpreted content is an error.")
@click.option(
    "--no-validate", is_flag=True, help="Do not validate the converted plan (exit 0 if converted)."
)
@click.option(
    "--municipality",
    multiple=True,
    help="Municipality code(s) for the validation (administrativeAreaIdentifiers), e.g. 049.",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Plan JSON to write."
)
@click.option(
    "--report", "report", type=click.Path(dir_okay=False), help="Conversion report JSON to write."
)
@click.option(
    "--compact",
    is_flag=True,
    help=f"Write JSON without indentation (always above {LARGE_PLAN:,} objects).",
)
@click.option(
    "--repair-coverage",
    "repair_coverage",
    type=click.FloatRange(0, 5, min_open=True),
    metavar="TOLERANCE",
    help="Snap and close overlaps and gaps of the area reservations narrower than TOLERANCE m "
    "(shapely.coverage_clean); every change is a CV030 finding and in the report.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show the stage of a long conversion (default: on a terminal).",
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
    lexicon: str | None,
    strict: bool,
    no_validate: bool,
    municipality: tuple[str, ...],
    output: str,
    report: str | None,
    compact: bool,
    repair_coverage: float | None,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Convert SOURCE to plan JSON and validate it."""
    from ryhti.io import write_json
    from ryhti.nlp.lexicon import configured_lexicon
    from ryhti.workflows.convert import convert_and_validate

    if lexicon and no_extract:
        raise UsageError("--lexicon needs the extractor; leave out --no-extract")
    if lexicon is None and not no_extract:
        found = configured_lexicon()
        lexicon = str(found) if found is not None else None
    show = progress if progress is not None else (not quiet and sys.stderr.isatty())
    stages = _Progress(show)
    try:
        outcome = convert_and_validate(
            source,
            validate_plan=not no_validate,
            municipality=[m for v in municipality for m in v.split(",") if m.strip()] or None,
            progress=stages,
            repair_coverage=repair_coverage,
            mapping=mapping,
            regulations=list(regulations) or None,
            plan_type=plan_type,
            srid=srid,
            strict=strict,
            lifecycle=lifecycle,
            snap=snap,
            source_crs=source_crs,
            use_extractor=not no_extract,
            lexicon=lexicon,
            plan_id=plan_id,
            encoding=encoding,
            arc_tolerance=arc_tolerance,
        )
        stages("writing")
        result = outcome.result
        # Python's json indents only in its pure-Python encoder (20 s for 100,000 objects);
        # large plans are written compact with the C encoder, small ones readable.
        data = result.plan_json()
        objects = len(data.get("planObjects") or [])
        indent = None if compact or objects > LARGE_PLAN else 2
        write_json(output, data, indent=indent)
        if report:
            write_json(report, result.report, indent=indent)
    finally:
        stages.close()
    _print(outcome, output, report, quiet)
    if outcome.exit_code:
        sys.exit(EXIT_FINDINGS)


convert.help = (
    "Convert SOURCE to plan JSON and validate it.\n\nSOURCE: "
    + describe()
    + ". Exit 0 when the plan has no errors, 1 when the conversion or the validation "
    "found some, 2 when the input cannot be read."
)


def _print(outcome: Any, output: str, report: str | None, quiet: bool) -> None:
    result = outcome.result
    summary = result.report.get("summary", {})
    counts = summary.get("findings", {})
    traced = outcome.traced
    if quiet:
        for f in result.errors:
            click.echo(f"error: {f.rule}: {f.message}", err=True)
        for t in traced:
            if t["severity"] == "error":
                click.echo(f"error: {t['rule']} {_where(t)}: {t['message']}", err=True)
        return
    for f in result.findings:
        if f.severity is Severity.INFO:
            continue
        loc = f.location or {}
        where = ":".join(str(loc[k]) for k in ("file", "layer", "fid", "line") if k in loc)
        click.echo(f"{f.severity}: {f.rule} {where}: {f.message}", err=True)
    for t in traced:
        if t["severity"] == "info":
            continue
        click.echo(f"{t['severity']}: {t['rule']} {_where(t)}: {t['message']}", err=True)
    click.echo(
        f"converted {summary.get('features', 0)} source features into "
        f"{summary.get('planObjects', 0)} plan objects and "
        f"{summary.get('regulationGroups', 0)} regulation groups → {output} "
        f"({counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
        f"{counts.get('info', 0)} notes{'; report ' + report if report else ''})",
        err=True,
    )
    if outcome.validation is None:
        click.echo("not validated (--no-validate)", err=True)
        return
    v = outcome.validation.counts
    verdict = "the plan is valid" if not v["error"] else "the plan is NOT valid"
    click.echo(
        f"validated: {v['error']} errors, {v['warning']} warnings, {v['info']} notes — {verdict}",
        err=True,
    )
