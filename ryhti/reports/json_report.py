"""The JSON report: versioned, documented by ``schemas/report.schema.json``.

Meant for other programs (dashboards, a municipality's own QA scripts), so the
layout is fixed by a project-written JSON Schema and carries a ``version``; a
change that could break a consumer raises the major number. Findings are
:meth:`Finding.to_json` unchanged, so ``Finding.from_json`` reads them back.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from typing import Any

import numpy as np
import shapely

from ryhti.findings import ORIGINS
from ryhti.reports.common import REPORT_VERSION, Context

__all__ = ["PRETTY_LIMIT", "SCHEMA_ID", "build", "render"]

#: Reports with more findings than this are written on one line: indenting 100,000
#: findings doubles the size and the time for no reader.
PRETTY_LIMIT = 2_000

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
        "checked": sorted(ctx.catalogue),
        "findings": _findings_json(ctx),
    }


def render(ctx: Context) -> str:
    """The report as UTF-8 JSON text: indented, or on one line past :data:`PRETTY_LIMIT`."""
    indent = 2 if len(ctx.findings) <= PRETTY_LIMIT else None
    return (
        json.dumps(build(ctx), ensure_ascii=False, indent=indent, allow_nan=False, default=_plain)
        + "\n"
    )


def _findings_json(ctx: Context) -> list[dict[str, Any]]:
    """:meth:`Finding.to_json` of each finding, with shapely geometry converted in bulk."""
    shaped = [i for i, f in enumerate(ctx.findings) if isinstance(f.geometry, shapely.Geometry)]
    geojson: dict[int, Any] = {}
    if shaped:
        geoms = np.array([ctx.findings[i].geometry for i in shaped], dtype=object)
        texts = shapely.to_geojson(geoms).tolist()
        geojson = {i: json.loads(t) for i, t in zip(shaped, texts, strict=True)}
    return [
        (replace(f, geometry=geojson[i]) if i in geojson else f).to_json()
        for i, f in enumerate(ctx.findings)
    ]


def _plain(value: Any) -> Any:
    """JSON for values a rule may leave in ``Finding.data`` (NumPy scalars, sets, paths)."""
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str)
    return str(value)
