"""``ryhti report``: turn a saved JSON report into any other report format.

CI validates once and writes the JSON report; this command then makes the SARIF
file for code scanning, the workflow annotations and an HTML page from it,
without validating again. It also lets a reviewer make an HTML map from a JSON
report someone attached to a ticket. Pass ``--plan`` to draw the plan's objects
on the HTML map and to place findings without a geometry on their objects.

    ryhti validate plans/ --format json -o ryhti.json
    ryhti report ryhti.json --format sarif -o ryhti.sarif
    ryhti report ryhti.json --format github --fail-on error
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ryhti.errors import EXIT_FINDINGS, InputError
from ryhti.findings import Finding, Severity
from ryhti.reports import FORMATS, render, write
from ryhti.reports.common import LANGS

__all__ = ["load_report", "report"]

FAIL_ON = ("error", "warning", "info", "never")


def load_report(path: str | Path) -> dict[str, Any]:
    """Read a JSON report and check it is one this version understands (major version 1)."""
    from ryhti.io import read_json

    data = read_json(path)
    if not isinstance(data, dict) or "findings" not in data or "version" not in data:
        raise InputError(
            "not a ryhti JSON report (no version and findings)",
            source=path,
            hint="make one with: ryhti validate … --format json -o report.json",
        )
    version = str(data["version"])
    if version.split(".")[0] != "1":
        raise InputError(f"report version {version} is not supported (1.x expected)", source=path)
    if not isinstance(data["findings"], list):
        raise InputError("findings is not a list", source=path, where="$.findings")
    return data


def findings_of(data: dict[str, Any], source: str | Path) -> list[Finding]:
    """The findings of a loaded report; a malformed entry names its index."""
    out = []
    for i, item in enumerate(data["findings"]):
        try:
            out.append(Finding.from_json(item))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(
                f"finding is not valid: {exc!r}", source=source, where=f"$.findings[{i}]"
            ) from exc
    return out


def _catalogue(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rules that ran: described ones from ``rules``, the rest by id from ``checked``."""
    described = {r["id"]: r for r in data.get("rules") or () if isinstance(r, dict) and r.get("id")}
    checked = [str(i) for i in data.get("checked") or ()]
    return [described.get(rule_id, {"id": rule_id}) for rule_id in checked]


def failing(findings: list[Finding], fail_on: str) -> bool:
    """Whether any finding is at or above the ``fail_on`` severity (never for ``never``)."""
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank <= threshold for f in findings)


@click.command("report")
@click.argument("report_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format to write.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Message language (default: the report's own, else en).",
)
@click.option(
    "--plan",
    "plans",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Plan JSON file the report is about, for the HTML map (repeatable).",
)
@click.option("--to-wgs84", is_flag=True, help="geojson: WGS84 lon/lat instead of the plan CRS.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="never",
    show_default=True,
    help="Exit with 1 when a finding of this severity or worse is in the report.",
)
@click.option("--color/--no-color", default=None, help="text: colour (default: on a terminal).")
def report(
    report_file: Path,
    fmt: str,
    output: Path | None,
    lang: str | None,
    plans: tuple[Path, ...],
    to_wgs84: bool,
    fail_on: str,
    color: bool | None,
) -> None:
    """Convert a JSON report (from ryhti validate --format json) to another format."""
    data = load_report(report_file)
    findings = findings_of(data, report_file)
    documents: dict[str, Any] = {}
    if plans:
        from ryhti.model import load

        known = {f.source for f in findings if f.source} | set(data.get("files") or ())
        for plan in plans:
            # key the plan by the name the report uses for it, so findings find their map
            name = next((k for k in known if Path(k).resolve() == plan.resolve()), str(plan))
            documents[name] = load(plan)
    summary = data.get("summary") or {}
    stats = {
        "files": summary.get("files"),
        "file_names": data.get("files") or (),
        "objects": summary.get("objects"),
        "seconds": summary.get("seconds"),
    }
    tool = data.get("tool") or {}
    kwargs: dict[str, Any] = {
        "documents": documents,
        "rules": _catalogue(data),
        "stats": stats,
        "tool_version": tool.get("version"),
        "lang": lang or data.get("lang"),
        "to_wgs84": to_wgs84,
        "color": color,
    }
    if output is not None:
        write(findings, fmt, output, **kwargs)
    else:
        click.echo(render(findings, fmt, **kwargs), nl=False)
    if failing(findings, fail_on):
        sys.exit(EXIT_FINDINGS)
