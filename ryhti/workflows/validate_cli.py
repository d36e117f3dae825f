"""``ryhti validate`` and ``ryhti rules``: the validator's commands.

They live among the workflows because each joins packages: ``validate`` runs the rules
(:mod:`ryhti.validators`), writes the findings in a report format (:mod:`ryhti.reports`) and,
with ``--remote``, asks Syke's Validate API too (:mod:`ryhti.api`); ``rules --explain`` reads
the conversion findings' catalogue (:mod:`ryhti.parsers.rules`) beside the rules'.

Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input (one line
per problem on stderr, never a traceback).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ryhti import reports
from ryhti.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError
from ryhti.reports import FORMATS
from ryhti.reports.formats import get as get_format

LANGS = ("en", "fi", "sv")


def _split(values: tuple[str, ...]) -> list[str]:
    """``--select S,G --select X001`` → ``['S', 'G', 'X001']``."""
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _severities(values: tuple[str, ...]) -> dict[str, Any]:
    from ryhti.validators.config import parse_severity

    out: dict[str, Any] = {}
    for item in _split(values):
        rule, sep, level = item.partition("=")
        if not sep or not rule.strip():
            raise UsageError(f"--severity expects RULE=LEVEL, not {item!r}")
        out[rule.strip()] = parse_severity(level, where=f"--severity {item}")
    return out


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, metavar="FILE|FOLDER|GLOB...")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option("--plan-type", help="RY_Kaavalaji code of the plan (planType), e.g. 31.")
@click.option(
    "--municipality",
    multiple=True,
    help="Municipality code(s) (administrativeAreaIdentifiers), e.g. 091; repeat or comma-separate.",
)
@click.option("--select", multiple=True, help="Only these rules (ids, prefixes, names, Syke ids).")
@click.option("--extend-select", multiple=True, help="Add rules to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option(
    "--severity", multiple=True, metavar="RULE=LEVEL", help="error, warning, info or off."
)
@click.option("--profile", help="Plan level whose profile applies (AK/YK/MK or a planType).")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file."
)
@click.option("--no-config", is_flag=True, help="Ignore ryhti.toml and pyproject.toml.")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the messages.")
@click.option(
    "--boundaries",
    type=click.Path(dir_okay=False),
    help="GeoJSON of municipality boundaries (property 'code') for rule G019 "
    "(default: the generalised 2024 boundaries shipped with ryhti).",
)
@click.option(
    "--context",
    type=click.Path(dir_okay=False),
    help="Background data gathered by `ryhti lahtotiedot` (GeoPackage) for rules B001…",
)
@click.option("--today", metavar="YYYY-MM-DD", help="Date used as 'today' by date rules.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Parallel processes for many files.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar (default: on a terminal with several files).",
)
@click.option("--timings", is_flag=True, help="Print the time spent per rule to stderr.")
@click.option(
    "--remote",
    is_flag=True,
    help="Also validate with Ryhti's public Validate API and print what each side found "
    "that the other did not (needs --plan-type and --municipality, and API settings).",
)
@click.option(
    "--remote-dry-run", is_flag=True, help="With --remote: print the request instead of sending it."
)
@click.option(
    "--conversion-report",
    type=click.Path(dir_okay=False),
    help="With --remote: trace Ryhti's findings back to source features through this report.",
)
def validate(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    plan_type: str | None,
    municipality: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
    profile: str | None,
    config_path: str | None,
    no_config: bool,
    lang: str | None,
    boundaries: str | None,
    context: str | None,
    today: str | None,
    jobs: int,
    progress: bool | None,
    timings: bool,
    remote: bool,
    remote_dry_run: bool,
    conversion_report: str | None,
) -> None:
    """Validate RYHTI plans and plan matters (JSON) against every rule the payload decides.

    FILE|FOLDER|GLOB: JSON files, folders (searched for *.json) or glob patterns.
    """
    from ryhti.validators.catalogue import all_rules
    from ryhti.validators.config import Config, load_config, normalise_level, parse_date
    from ryhti.validators.engine import expand_paths, validate_paths

    config = Config() if no_config else load_config(config_path)
    config = config.merged(
        select=_split(select) if select else None,
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        severity=_severities(severity),
        lang=lang,
        boundaries=boundaries,
        context=context,
        today=parse_date(today) if today else None,
        plan_level=normalise_level(profile) if profile else None,
    )
    config.check_selectors(all_rules())
    if config.boundaries and not Path(config.boundaries).is_file():
        raise UsageError("boundaries file not found", source=config.boundaries)
    if config.context and not Path(config.context).is_file():
        raise UsageError("context file not found", source=config.context)
    files = expand_paths(paths)
    show = progress if progress is not None else (len(files) > 1 and sys.stderr.isatty())
    if remote and not (plan_type and municipality):
        raise UsageError("--remote needs --plan-type and --municipality, as the Validate API does")
    keep = remote or bool((found := get_format(fmt)) and found.needs_documents)
    kwargs: dict[str, Any] = {
        "config": config,
        "plan_type": plan_type,
        "municipality": _split(municipality) or None,
    }
    if show:
        with click.progressbar(
            length=len(files), label="Validating", file=sys.stderr, show_pos=True
        ) as bar:
            result = validate_paths(
                files,
                jobs=jobs,
                keep_documents=keep,
                progress=lambda done, total, path: bar.update(1),
                **kwargs,
            )
    else:
        result = validate_paths(files, jobs=jobs, keep_documents=keep, **kwargs)
    for message in result.input_errors:
        click.echo(f"ryhti: error: {message}", err=True)
    if remote:
        _remote(
            result, plan_type, _split(municipality), remote_dry_run, conversion_report, config.lang
        )
    _emit(result, fmt, output, config.lang)
    if timings:
        for rule_id, seconds in sorted(result.timings.items(), key=lambda kv: -kv[1]):
            click.echo(f"{rule_id:6} {seconds * 1000:10.1f} ms", err=True)
    if result.input_errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)


def _remote(
    result: Any,
    plan_type: str | None,
    areas: list[str],
    dry_run: bool,
    conversion_report: str | None,
    lang: str,
) -> None:
    """Add Ryhti's own findings to ``result`` and print how they differ from the local ones
    (the API client is imported only when ``--remote`` asks for it: it brings httpx)."""
    from ryhti.api.validate import remote_check

    for source, doc in result.documents.items():
        local = [f for f in result.findings if f.source == source]
        check = remote_check(
            doc,
            local,
            plan_type=plan_type or "",
            areas=areas,
            dry_run=dry_run,
            lang=lang,
            source=source,
            conversion_report=conversion_report,
            out=sys.stderr,
        )
        result.findings.extend(check.findings)
        if not check.dry_run:
            click.echo(f"{source}: {check.diff.text()}", err=True)
    result.findings.sort(key=lambda f: f.sort_key())


def _emit(result: Any, fmt: str, output: str | None, lang: str) -> None:
    if output:
        reports.write(result, fmt, output, lang=lang)
    else:
        click.echo(reports.render(result, fmt, lang=lang), nl=False)


@click.command("rules")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
)
@click.option(
    "--explain",
    metavar="ID",
    help="Describe one rule (project id, name or Syke id; also conversion findings CV001…).",
)
@click.option("--select", multiple=True, help="Only these rules (ids, prefixes, names, Syke ids).")
@click.option("--remote/--local", "remote", default=None, help="Only remote-only (or local) rules.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
def rules(
    fmt: str, explain: str | None, select: tuple[str, ...], remote: bool | None, output: str | None
) -> None:
    """List the validation rules (the catalogue), or explain one."""
    from ryhti.validators.catalogue import (
        RuleInfo,
        all_rules,
        render_markdown,
        render_table,
    )
    from ryhti.validators.catalogue import explain as explain_rule
    from ryhti.validators.config import selector_matches

    if explain:
        # conversion findings (CV001…) come from `ryhti convert`: this command wires the two
        # catalogues together, the validators never import the parsers
        from ryhti.parsers.rules import explain as explain_conversion

        text = explain_conversion(explain) or explain_rule(explain)
    else:
        chosen = list(all_rules())
        selectors = _split(select)
        if selectors:
            unknown = [s for s in selectors if not any(selector_matches(s, r) for r in chosen)]
            if unknown:
                raise UsageError(f"--select: no rule matches {unknown[0]!r}")
            chosen = [r for r in chosen if any(selector_matches(s, r) for s in selectors)]
        if remote is not None:
            chosen = [r for r in chosen if r.remote == remote]
        entries = [RuleInfo.of(r) for r in chosen]
        if fmt == "json":
            text = json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2) + "\n"
        elif fmt == "markdown":
            text = render_markdown(entries)
        else:
            text = render_table(entries)
    if output:
        from ryhti.io import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
