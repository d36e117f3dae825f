"""GitHub Actions workflow commands: one annotation per finding.

``::error file=plan.json,line=3,title=rule::message`` lines make GitHub show
findings on the pull request's files and in the run summary. Property values and
messages are escaped exactly as the Actions toolkit does (``%``, CR, LF, and in
properties also ``:`` and ``,``), so a Finnish message with a comma or a
multi-line API error cannot break the command. GitHub shows a limited number of
annotations per step; the SARIF upload (see ``docs/ci.md``) keeps all of them.
"""

from __future__ import annotations

from ryhti.findings import Finding, Severity
from ryhti.reports.common import (
    Context,
    column_of,
    feature_of,
    label,
    line_of,
    location_file,
    summary_line,
)

__all__ = ["escape_data", "escape_property", "render"]

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=…``, ``title=…``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(ctx: Context) -> str:
    """Workflow commands, one per line, then a plain summary line for the log."""
    lines = [_command(f, ctx) for f in ctx.findings]
    lines.append(f"ryhti: {summary_line(ctx)}")
    return "\n".join(lines) + "\n"


def _command(f: Finding, ctx: Context) -> str:
    props: list[tuple[str, str]] = []
    file = location_file(f)
    if file:
        props.append(("file", ctx.relative(file)))
        line = line_of(f)
        if line:
            props.append(("line", str(line)))
            column = column_of(f)
            if column:
                props.append(("col", str(column)))
    title = f.rule if f.official_id in (None, f.rule) else f"{f.rule} ({f.official_id})"
    props.append(("title", title))
    message = ctx.message(f) or f.rule
    where = [f.path]
    if f.object_key:
        where.append(f"{label('object', ctx.lang)} {f.object_key}")
    feature = feature_of(f)
    if feature:
        where.append(f"{label('source', ctx.lang)} {feature}")
    if f.origin != "local":
        where.append(label(f.origin, ctx.lang))
    message = f"{message}\n{'; '.join(where)}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity]} {head}::{escape_data(message)}"
