"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Each rule that has findings is described once in ``tool.driver.rules`` (title,
why, how to fix, default level, Syke's official ids as properties); each finding
is a result pointing at the plan file (or, after a conversion, at the source file
and line) with the JSON path and object key as logical locations. Every result
carries a partial fingerprint built from rule, file, JSON path and object key, so
code scanning keeps the same alert across runs instead of guessing from line text.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ryhti.findings import Finding, Severity
from ryhti.reports.common import (
    Context,
    RuleInfo,
    column_of,
    feature_of,
    line_of,
    location_file,
    location_int,
)
from ryhti.reports.json_report import PRETTY_LIMIT

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "build", "render"]

SARIF_VERSION = "2.1.0"
#: The OASIS schema URI (a name only: nothing is fetched).
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

#: Severity -> SARIF level.
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def build(ctx: Context) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict (one run)."""
    rules = ctx.rules_used()
    index = {r.id: i for i, r in enumerate(rules)}
    artifacts: dict[str, dict[str, Any]] = {}
    results = [_result(f, ctx, index[f.rule], artifacts) for f in ctx.findings]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "ryhti",
                "version": ctx.tool_version,
                "semanticVersion": ctx.tool_version,
                "rules": [_rule(r) for r in rules],
            }
        },
        "originalUriBaseIds": {
            "%SRCROOT%": {
                "description": {"text": "The folder the validated files are relative to."}
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"summary": ctx.counts(), "files": ctx.file_count()},
    }
    if ctx.stats.objects is not None:
        run["properties"]["objects"] = ctx.stats.objects
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(ctx: Context) -> str:
    """The SARIF log as JSON text (on one line past ``PRETTY_LIMIT`` findings)."""
    indent = 2 if len(ctx.findings) <= PRETTY_LIMIT else None
    return (
        json.dumps(build(ctx), ensure_ascii=False, indent=indent, allow_nan=False, default=str)
        + "\n"
    )


def _rule(info: RuleInfo) -> dict[str, Any]:
    title = info.title or info.id
    help_text = info.help or info.fix or info.why or title
    markdown = _help_markdown(info)
    rule: dict[str, Any] = {
        "id": info.id,
        "name": _pascal(info.name or info.id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": info.why or title},
        "help": {"text": help_text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "properties": {
            "officialIds": list(info.official_ids),
            "tags": ["ryhti", "land-use-plan", *info.official_ids],
        },
    }
    if info.help_uri:
        rule["helpUri"] = info.help_uri
    return rule


def _help_markdown(info: RuleInfo) -> str:
    parts = [f"**{info.title or info.id}**"]
    if info.why and info.why not in info.help:
        parts.append(f"Why: {info.why}")
    if info.fix and info.fix not in info.help:
        parts.append(f"How to fix: {info.fix}")
    if info.help:
        parts.append(info.help)
    if info.official_ids:
        parts.append("Syke rule ids: " + ", ".join(f"`{o}`" for o in info.official_ids))
    return "\n\n".join(parts)


def _result(
    f: Finding, ctx: Context, rule_index: int, artifacts: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": ctx.message(f) or f.rule},
    }
    location: dict[str, Any] = {}
    file = location_file(f)
    if file:
        if file not in artifacts:
            artifacts[file] = _artifact(ctx.relative(file))
        physical: dict[str, Any] = {"artifactLocation": dict(artifacts[file])}
        region = _region(f)
        if region:
            physical["region"] = region
        location["physicalLocation"] = physical
    logical = [{"name": _last_step(f.path), "fullyQualifiedName": f.path, "kind": "property"}]
    if f.object_key:
        logical.append({"name": f.object_key, "kind": "object"})
    feature = feature_of(f)
    if feature:
        logical.append({"name": feature, "fullyQualifiedName": feature, "kind": "element"})
    location["logicalLocations"] = logical
    result["locations"] = [location]
    result["partialFingerprints"] = {"ryhtiFinding/v1": _fingerprint(f)}
    props: dict[str, Any] = {"origin": f.origin, "jsonPath": f.path}
    if f.official_id:
        props["officialId"] = f.official_id
    if f.object_key:
        props["objectKey"] = f.object_key
    if f.messages:
        props["messages"] = dict(f.messages)
    if f.source and file != f.source:
        props["plan"] = ctx.relative(f.source)
    if f.location:
        props["location"] = dict(f.location)
    if f.srid:
        props["srid"] = f.srid
    if f.data:
        props["data"] = f.data
    result["properties"] = props
    return result


def _artifact(uri: str) -> dict[str, Any]:
    if "://" in uri:
        return {"uri": uri}
    if uri.startswith("/"):
        return {"uri": "file://" + _quote(uri)}
    return {"uri": _quote(uri), "uriBaseId": "%SRCROOT%"}


def _region(f: Finding) -> dict[str, int] | None:
    line = line_of(f)
    if line is None:
        return None
    region = {"startLine": line}
    column = column_of(f)
    if column:
        region["startColumn"] = column
    end_line = location_int(f, "endLine", "end_line")
    if end_line and end_line >= line:
        region["endLine"] = end_line
    end_column = location_int(f, "endColumn", "end_column")
    if end_column and column and (end_line or line) == line and end_column > column:
        region["endColumn"] = end_column
    return region


def _fingerprint(f: Finding) -> str:
    key = "\x1f".join((f.rule, f.source or "", f.path, f.object_key or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _last_step(path: str) -> str:
    for sep in (".", "["):
        pos = path.rfind(sep)
        if pos > 0:
            tail = path[pos:].lstrip(".")
            if tail:
                return tail
    return path


def _pascal(rule_id: str) -> str:
    words = [w for w in _split(rule_id) if w]
    return "".join(w[:1].upper() + w[1:] for w in words) or rule_id


def _split(text: str) -> list[str]:
    out, word = [], []
    for ch in text:
        if ch.isalnum():
            word.append(ch)
        else:
            out.append("".join(word))
            word = []
    out.append("".join(word))
    return out


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/:@-._~!$&'()*+,;=")
