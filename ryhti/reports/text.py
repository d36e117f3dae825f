"""Readable text: findings grouped by file, then a summary line.

Written for a planner reading a terminal or a CI log: one heading per file, per
finding a line with severity, rule and JSON path, the message on its own line
(so long Finnish sentences are not cut), and where known the object key, Syke's
rule id and the place in the original source. Colour only on a terminal and never
when ``NO_COLOR`` is set.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ryhti.findings import Finding
from ryhti.reports.common import (
    Context,
    env_no_color,
    feature_of,
    label,
    line_of,
    summary_line,
)

__all__ = ["render"]

_COLOURS = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "cyan"},
}


def render(ctx: Context) -> str:
    """The text report."""
    color = ctx.options.get("color")
    if color is None:
        color = _stdout_is_tty() and not env_no_color()
    style = _styler(bool(color))
    lang = ctx.lang
    lines: list[str] = []
    for source, items in ctx.by_file().items():
        lines.append(style(source or label("no_file", lang), bold=True))
        for f in items:
            lines.extend(_finding_lines(f, ctx, style))
        lines.append("")
    lines.append(_summary(ctx, style))
    return "\n".join(lines) + "\n"


def _finding_lines(f: Finding, ctx: Context, style: Any) -> list[str]:
    lang = ctx.lang
    sev = f.severity.value
    head = f"  {style(f'{sev:<7}', **_COLOURS[sev])} {f.rule}  {f.path}"
    if f.origin in ("remote", "conversion"):
        head += f"  ({label(f.origin, lang)})"
    out = [head, "      " + _indent(ctx.message(f))]
    details = []
    if f.object_key:
        details.append(f"{label('object', lang)} {f.object_key}")
    if f.official_id and f.official_id != f.rule:
        details.append(f"{label('official', lang)} {f.official_id}")
    where = _source_place(f, lang)
    if where:
        details.append(where)
    if details:
        out.append("      " + style("; ".join(details), dim=True))
    return out


def _source_place(f: Finding, lang: str) -> str | None:
    loc = f.location or {}
    parts = []
    file = loc.get("file")
    if file and file != f.source:
        parts.append(str(file))
    feature = feature_of(f)
    if feature:
        parts.append(feature)
    line = line_of(f)
    if line:
        parts.append(f"{label('line', lang)} {line}")
    if not parts:
        return None
    return f"{label('source', lang)} " + " ".join(parts)


def _summary(ctx: Context, style: Any) -> str:
    lang = ctx.lang
    text = summary_line(ctx)
    extra = []
    if ctx.stats.objects is not None:
        extra.append(f"{ctx.stats.objects:,} {label('objects', lang)}".replace(",", "\u00a0"))
    if ctx.stats.seconds is not None:
        seconds = f"{ctx.stats.seconds:.1f}"
        if lang != "en":
            seconds = seconds.replace(".", ",")
        extra.append(f"{seconds} {label('seconds', lang)}")
    if extra:
        text += f" ({', '.join(extra)})"
    counts = ctx.counts()
    if counts["error"]:
        return style(text, fg="red", bold=True)
    if counts["warning"]:
        return style(text, fg="yellow", bold=True)
    return style(text, fg="green", bold=True)


def _indent(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\n      ")


def _styler(enabled: bool) -> Any:
    def style(text: str, **kwargs: Any) -> str:
        return click.style(text, **kwargs) if enabled else text

    return style


def _stdout_is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
