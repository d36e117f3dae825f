"""``ryhti submit``, ``ryhti api …`` and ``ryhti matter …``.

Exit codes as everywhere: 0 done (warnings allowed), 1 Ryhti reported errors,
2 bad input, configuration or an unreachable service. Secrets never reach the
terminal: the client redacts everything it prints, and ``ryhti api config`` shows
only whether a secret is set.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ryhti.errors import EXIT_FINDINGS, InputError, UsageError
from ryhti.findings import Finding, Severity
from ryhti.reports import FORMATS, render

LANGS = click.Choice(["fi", "sv", "en"])


# ------------------------------------------------------------------------------------------
# shared helpers
# ------------------------------------------------------------------------------------------


def config_option(f: Any) -> Any:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Config file with an [api] table (default: ryhti.toml, pyproject.toml).",
    )(f)


def _client(config_path: str | None, dry_run: bool = False, **overrides: Any) -> Any:
    from ryhti.api.client import RyhtiClient
    from ryhti.api.config import load_config

    config = load_config(config_path, **overrides)
    return RyhtiClient(config, dry_run=dry_run, out=sys.stdout)


def render_findings(findings: list[Finding], fmt: str, lang: str = "en") -> str:
    """Findings in a report format (:mod:`ryhti.reports`)."""
    return render(findings, fmt, lang=lang)


def _emit(text: str, output: str | None) -> None:
    if output:
        from ryhti.io import write_atomic

        write_atomic(output, text if text.endswith("\n") else text + "\n")
    elif text:
        click.echo(text)


def _conversion(path: str | None) -> Any:
    if not path:
        return None
    from ryhti.api.sources import load_conversion_report

    index = load_conversion_report(path)
    if not len(index):
        click.echo(f"ryhti: warning: {path}: no object keys with source locations found", err=True)
    return index


# ------------------------------------------------------------------------------------------
# ryhti submit
# ------------------------------------------------------------------------------------------


@click.command("submit")
@click.argument("plan", type=click.Path(dir_okay=False), required=False)
@click.option(
    "--matter",
    "matter_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="PlanMatterCreate JSON from `ryhti matter build`.",
)
@click.option(
    "--phase",
    "phase_mode",
    type=click.Choice(["auto", "new", "update"]),
    default="auto",
    show_default=True,
    help="For a stored matter: add the phase (new), replace it (update), or decide by its key.",
)
@click.option("--validate-only", is_flag=True, help="Validate with Ryhti; store nothing.")
@click.option(
    "--no-matter-update", is_flag=True, help="Do not PUT the matter's own data of a stored matter."
)
@click.option("--dry-run", is_flag=True, help="Print the requests instead of sending them.")
@click.option(
    "--conversion-report",
    type=click.Path(dir_okay=False),
    help="Conversion report, to trace findings back to source features and lines.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Message language.")
@config_option
def submit(
    plan: str | None,
    matter_path: str,
    phase_mode: str,
    validate_only: bool,
    no_matter_update: bool,
    dry_run: bool,
    conversion_report: str | None,
    fmt: str,
    output: str | None,
    lang: str,
    config_path: str | None,
) -> None:
    """Deliver PLAN in its plan matter to Ryhti over X-Road.

    Reserves the permanent identifier if needed, uploads attachments, then creates
    the matter or adds/replaces its phase, validating first. Ryhti's errors and
    warnings are mapped to the plan's objects (and, with --conversion-report, to the
    source features) and shown in the chosen report format.
    """
    from ryhti.api.submit import submit as run_submit
    from ryhti.io import read_json
    from ryhti.matter import manifest_path

    matter = read_json(matter_path)
    if not isinstance(matter, dict):
        raise InputError("not a plan matter (expected a JSON object)", source=matter_path)
    plan_json = None
    if plan:
        from ryhti.model import load_plan

        plan_json = load_plan(plan).to_json()
    conversion = _conversion(conversion_report)

    def say(message: str) -> None:
        click.echo(f"ryhti: {message}", err=True)

    with _client(config_path, dry_run=dry_run) as client:
        result = run_submit(
            client,
            matter,
            plan=plan_json,
            manifest_file=manifest_path(matter_path),
            phase_mode=phase_mode,
            validate_only=validate_only,
            update_matter=not no_matter_update,
            conversion=conversion,
            source=plan or matter_path,
            lang=lang,
            say=lambda m: say(client.redact(m)),
        )
        if fmt == "json" and not result.findings:
            text = json.dumps(result.to_json(), ensure_ascii=False, indent=2)
        else:
            text = render_findings(result.findings, fmt, lang) if result.findings else ""
        _emit(client.redact(text), output)
        summary = f"{result.identifier}: {result.action}"
        if result.findings:
            errors = sum(f.severity is Severity.ERROR for f in result.findings)
            summary += f" ({errors} error(s), {len(result.findings) - errors} warning(s))"
        say(client.redact(summary + (" [dry run: nothing was sent]" if dry_run else "")))
    if not result.ok:
        sys.exit(EXIT_FINDINGS)


# ------------------------------------------------------------------------------------------
# ryhti api
# ------------------------------------------------------------------------------------------


@click.group("api")
def api() -> None:
    """Talk to the national Ryhti API: health, configuration, validation, identifiers."""


@api.command("health")
@config_option
@click.option("--dry-run", is_flag=True, help="Print the request instead of sending it.")
def health(config_path: str | None, dry_run: bool) -> None:
    """Health of the X-Road plan service (exit 1 unless Healthy)."""
    with _client(config_path, dry_run=dry_run) as client:
        report = client.health()
        click.echo(f"plan service: {report.status}")
        for name, entry in sorted(report.entries.items()):
            click.echo(f"  {name}: {entry.get('status', '?')} ({entry.get('duration', '?')})")
        if client.config.subscription_key:
            click.echo("public Validate API: subscription key set")
        else:
            click.echo("public Validate API: no subscription key (RYHTI_SUBSCRIPTION_KEY)")
    if not dry_run and not report.healthy:
        sys.exit(EXIT_FINDINGS)


@api.command("config")
@config_option
def show_config(config_path: str | None) -> None:
    """The settings in use and where each comes from (secrets only as set/not set)."""
    from ryhti.api.config import ENV, load_config

    config = load_config(config_path)
    for name, shown, origin in config.describe():
        env = ENV.get(name, "")
        click.echo(f"{name:<17} {shown:<45} {origin}{'' if not env else f'  [{env}]'}")


@api.command("validate")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--plan-type", required=True, help="Kaavalaji: name (Asemakaava), code (31) or URI.")
@click.option(
    "--area",
    "--municipality",
    "areas",
    multiple=True,
    required=True,
    help="Municipality or region: name or code (repeat for several).",
)
@click.option("--conversion-report", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@click.option("--lang", type=LANGS, default="en", show_default=True)
@click.option("--dry-run", is_flag=True, help="Print the request instead of sending it.")
@click.option(
    "--compare",
    is_flag=True,
    help="Also run the local validator and show what each side found that the other did not.",
)
@config_option
def validate_remote(
    plan: str,
    plan_type: str,
    areas: tuple[str, ...],
    conversion_report: str | None,
    fmt: str,
    output: str | None,
    lang: str,
    dry_run: bool,
    compare: bool,
    config_path: str | None,
) -> None:
    """Validate PLAN with the public Validate API (nothing is stored)."""
    from ryhti.api.remote import remote_validate
    from ryhti.matter.codes import CodeChoiceError
    from ryhti.model import load_plan

    doc = load_plan(plan)
    with _client(config_path, dry_run=dry_run) as client:
        try:
            findings = remote_validate(
                doc,
                plan_type,
                list(areas),
                client,
                lang=lang,
                source=plan,
                conversion=_conversion(conversion_report),
            )
        except CodeChoiceError as exc:
            raise UsageError(str(exc)) from None
        _emit(client.redact(render_findings(findings, fmt, lang)), output)
        if compare and not dry_run:
            from ryhti.api.diff import compare as compare_findings
            from ryhti.matter.codes import administrative_area, plan_type_code
            from ryhti.validators import validate

            local = validate(
                doc,
                plan_type=plan_type_code(plan_type),
                municipality=[administrative_area(a) for a in areas],
                source=plan,
            ).findings
            click.echo(compare_findings(local, findings).text(), err=True)
        errors = sum(f.severity is Severity.ERROR for f in findings)
        if not dry_run:
            click.echo(
                f"ryhti: Ryhti found {errors} error(s), {len(findings) - errors} warning(s)",
                err=True,
            )
    if errors:
        sys.exit(EXIT_FINDINGS)


@api.command("reserve")
@click.option("--level", required=True, help="asemakaava, yleiskaava, maakuntakaava (or AK/YK/MK).")
@click.option("--area", required=True, help="Municipality or region: name or code.")
@click.option("--name", "project_name", required=True, help="The project's permanent name.")
@click.option("--dry-run", is_flag=True)
@config_option
def reserve(
    level: str, area: str, project_name: str, dry_run: bool, config_path: str | None
) -> None:
    """Reserve (or look up) the permanent identifier for a project name."""
    from ryhti.matter.codes import CodeChoiceError, administrative_area

    try:
        code = administrative_area(area)
    except CodeChoiceError as exc:
        raise UsageError(str(exc)) from None
    with _client(config_path, dry_run=dry_run) as client:
        click.echo(client.reserve_identifier(level, code, project_name))


@api.command("get")
@click.argument("identifier")
@click.option("--phase", "phase_key", help="A phase key: show that phase instead.")
@click.option("--level", help="Plan level, if the identifier's prefix does not tell it.")
@config_option
def get(identifier: str, phase_key: str | None, level: str | None, config_path: str | None) -> None:
    """Show a stored plan matter (or one of its phases) as JSON."""
    from ryhti.api.client import level_of_identifier

    level = level or level_of_identifier(identifier)
    if level is None:
        raise UsageError(f"cannot tell the plan level of {identifier!r}; give --level")
    with _client(config_path) as client:
        if phase_key:
            data = client.get_phase(level, identifier, phase_key)
        else:
            data = client.get_matter(level, identifier)
        click.echo(client.redact(json.dumps(data, ensure_ascii=False, indent=2)))


@api.command("upload")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--municipality", help="Municipality code, when the client has rights to several.")
@click.option("--region", help="Region code, when the client has rights to several.")
@click.option("--dry-run", is_flag=True)
@config_option
def upload(
    files: tuple[str, ...],
    municipality: str | None,
    region: str | None,
    dry_run: bool,
    config_path: str | None,
) -> None:
    """Upload PDF attachments or GeoTIFF plan maps; prints each file key."""
    with _client(config_path, dry_run=dry_run) as client:
        for name in files:
            key = client.upload_file(name, municipality_id=municipality, region_id=region)
            click.echo(f"{key}  {name}")
