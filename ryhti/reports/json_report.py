"""The JSON report: versioned, documented by ``schemas/report.schema.json``.

Meant for other programs (dashboards, a municipality's own QA scripts), so the
layout is fixed by a project-written JSON Schema and carries a ``version``; a
change that could break a consumer raises the major number. Findings are
:meth:`Finding.to_json` unchanged, so ``Finding.from_json`` reads them back.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ryhti.findings import ORIGINS
from ryhti.reports.common import REPORT_VERSION, Context

__all__ = ["SCHEMA_ID", "build", "render"]

#: ``$id`` of ``schemas/report.schema.json``; written into every report as ``$schema``.
SCHEMA_ID = "https://ryhti.example/schemas/report.schema.json"


def build(ctx: Context) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    counts = ctx.counts()
    origins = Counter(f.origin for f in ctx.findings)
    per_rule = Counter(f.rule for f in ctx.findings)
    summary: dict[str, Any] = {
        "findings": len(ctx.findings),
        **counts,
        "byOrigin": {o: origins.get(o, 0) for o in ORIGINS},
        "files": ctx.file_count(),
        "objects": ctx.stats.objects,
        "seconds": round(ctx.stats.seconds, 3) if ctx.stats.seconds is not None else None,
        "passed": counts["error"] == 0,
    }
    rules = []
    for info in ctx.rules_used():
        entry = info.to_json()
        entry["count"] = per_rule[info.id]
        rules.append(entry)
    return {
        "$schema": SCHEMA_ID,
        "version": REPORT_VERSION,
        "tool": {"name": "ryhti", "version": ctx.tool_version},
        "lang": ctx.lang,
        "summary": summary,
        "files": ctx.files(),
        "rules": rules,
        "findings": [f.to_json() for f in ctx.findings],
    }


def render(ctx: Context) -> str:
    """The report as indented UTF-8 JSON text."""
    return (
        json.dumps(build(ctx), ensure_ascii=False, indent=2, allow_nan=False, default=_plain) + "\n"
    )


def _plain(value: Any) -> Any:
    """JSON for values a rule may leave in ``Finding.data`` (NumPy scalars, sets, paths)."""
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str)
    return str(value)
