"""``ryhti codelists``: list, show and update the dated code-list snapshot.

Every mistake a user can make (an unknown list or code, an ambiguous letter code, a bad
date, an unreachable server) is a :class:`~ryhti.errors.UsageError` or
:class:`~ryhti.errors.InputError` with close matches suggested, which the main CLI prints
as one line with exit code 2.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from pathlib import Path
from typing import Any

import click

from ryhti.codelists.codes import Code, CodeList, Registry, default_root, registry
from ryhti.errors import UsageError

FORMATS = click.Choice(["text", "json"])
LANGS = click.Choice(["fi", "sv", "en"])


@click.group("codelists")
def codelists() -> None:
    """Browse and update the dated RYHTI code-list snapshot."""


# ------------------------------------------------------------------------------------------
# list
# ------------------------------------------------------------------------------------------


@codelists.command("list")
@click.option(
    "--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format."
)
def list_command(fmt: str) -> None:
    """Every code list in the snapshot with its URI, code count and snapshot date."""
    reg = registry()
    date = reg.snapshot_info["date"]
    rows = [
        {
            "id": list_id,
            "uri": entry["uri"],
            "name": entry.get("names", {}).get("fi"),
            "count": entry["count"],
            "snapshot_date": date,
            "unknown_codes": len(entry.get("unknown_codes", ())),
        }
        for list_id, entry in sorted(reg.index["lists"].items())
    ]
    if fmt == "json":
        click.echo(json.dumps({"snapshot_date": date, "lists": rows}, ensure_ascii=False, indent=2))
        return
    click.echo(f"Code-list snapshot of {date}: {len(rows)} lists")
    width = max(len(row["id"]) for row in rows)
    click.echo(f"{'LIST':<{width}}  {'CODES':>5}  URI")
    for row in rows:
        note = f"  ({row['unknown_codes']} with unknown fields)" if row["unknown_codes"] else ""
        click.echo(f"{row['id']:<{width}}  {row['count']:>5}  {row['uri']}{note}")


# ------------------------------------------------------------------------------------------
# show
# ------------------------------------------------------------------------------------------


def resolve_list(reg: Registry, name: str) -> CodeList:
    """The list named by id, alias or URI, or a UsageError suggesting close names."""
    code_list = reg.get(name)
    if code_list is None:
        matches = reg.suggest(name)
        hint = f"did you mean {', '.join(matches)}?" if matches else "see `ryhti codelists list`"
        raise UsageError(f"no code list {name!r} in the snapshot", hint=hint)
    return code_list


def resolve_code(code_list: CodeList, text: str) -> Code:
    """A code by value, URI, letter code (short name) or exact label; else a helpful error."""
    code = code_list.get(text)
    if code is not None:
        return code
    wanted = text.strip().casefold()
    for finder in (
        lambda c: c.value.casefold() == wanted,
        lambda c: c.short_name == text.strip(),
        lambda c: c.short_name is not None and c.short_name.casefold() == wanted,
        lambda c: any(label.casefold() == wanted for label in c.labels.values()),
    ):
        found = [c for c in code_list.codes if finder(c)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            choices = ", ".join(f"{c.value} ({c.label() or 'no label'})" for c in found)
            raise UsageError(
                f"{text!r} is ambiguous in {code_list.id}: {choices}", hint="give the code value"
            )
    candidates: dict[str, str] = {}
    for c in code_list.codes:
        candidates[c.value] = c.value
        if c.short_name:
            candidates[c.short_name] = c.value
        for label in c.labels.values():
            candidates[label] = c.value
    close = difflib.get_close_matches(text, list(candidates), n=4, cutoff=0.6)
    hint = (
        "did you mean " + ", ".join(dict.fromkeys(close)) + "?"
        if close
        else f"see `ryhti codelists show {code_list.id}`"
    )
    raise UsageError(f"no code {text!r} in {code_list.id}", hint=hint)


def _brief(code: Code | None, lang: str) -> str:
    if code is None:
        return "(none)"
    label = code.label(lang)
    return f"{code.value} — {label}" if label else code.value


def code_details(code_list: CodeList, code: Code, lang: str = "fi") -> dict[str, Any]:
    """Everything known about one code, as plain data (the JSON output of ``show``)."""
    return {
        "list": code_list.id,
        "list_uri": code_list.uri,
        "value": code.value,
        "uri": code.uri,
        "labels": dict(code.labels),
        "short_name": code.short_name,
        "status": code.status,
        "usable": code.usable,
        "header": code.header,
        "assignable": code.assignable,
        "level": code.level,
        "order": code.order,
        "parent": code.parent,
        "ancestors": [
            {"value": c.value, "label": c.label(lang)} for c in code_list.ancestors(code)
        ],
        "children": [{"value": c.value, "label": c.label(lang)} for c in code_list.children(code)],
        "descriptions": dict(code.descriptions),
        "unknown": list(code.unknown),
    }


def _print_code(code_list: CodeList, code: Code, lang: str) -> None:
    label = code.label(lang)
    click.echo(f"{code.value} — {label}" if label else code.value)
    rows: list[tuple[str, str]] = [
        ("list", f"{code_list.id} ({code_list.name(lang)})"),
        ("URI", code.uri),
    ]
    for language in ("fi", "sv", "en"):
        rows.append((f"label {language}", code.labels.get(language) or "(none in the snapshot)"))
    rows.append(("letter code", code.short_name or "(none)"))
    status = code.status or "unknown"
    rows.append(("status", status if code.usable else f"{status} (not for new data)"))
    if code.header:
        rows.append(("header", "yes: structures the list, not used in plans; use a code below it"))
    if code.level is not None:
        rows.append(("level", str(code.level)))
    rows.append(("parent", _brief(code_list.parent(code), lang)))
    ancestors = code_list.ancestors(code)
    rows.append(
        ("ancestors", " › ".join(_brief(c, lang) for c in ancestors) if ancestors else "(none)")
    )
    children = code_list.children(code)
    rows.append(
        ("children", ", ".join(_brief(c, lang) for c in children) if children else "(none)")
    )
    if code.unknown:
        rows.append(("unknown", ", ".join(code.unknown) + " (not in the snapshot's source)"))
    for key, value in rows:
        click.echo(f"  {key:<12} {value}")
    description = code.descriptions.get(lang) or code.description
    if description:
        click.echo("  description")
        for paragraph in description.splitlines():
            click.echo(
                textwrap.fill(paragraph, width=100, initial_indent="    ", subsequent_indent="    ")
                or ""
            )


def _print_list(code_list: CodeList, lang: str, date: str | None) -> None:
    click.echo(f"{code_list.id} — {code_list.name(lang)}")
    click.echo(f"URI: {code_list.uri}")
    click.echo(f"{len(code_list)} codes, snapshot of {date}, order: {code_list.ordering}")
    depth: dict[str, int] = {}
    for code in code_list.codes:
        parent = code_list.parent(code)
        depth[code.value] = depth.get(parent.value, 0) + 1 if parent is not None else 0
    width = min(48, max((len(c.value) + 2 * depth[c.value] for c in code_list.codes), default=5))
    letters = any(c.short_name for c in code_list.codes)
    header = f"{'CODE':<{width}}  " + ("LETTER  " if letters else "") + f"{'STATUS':<10}  LABEL"
    click.echo(header)
    for code in code_list.codes:
        value = "  " * depth[code.value] + code.value
        letter = f"{code.short_name or '':<6}  " if letters else ""
        click.echo(
            f"{value:<{width}}  {letter}{code.status or 'unknown':<10}  {code.label(lang) or '(no label)'}"
        )


@codelists.command("show")
@click.argument("list_name", metavar="LIST")
@click.argument("code", required=False)
@click.option(
    "--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format."
)
@click.option("--lang", type=LANGS, default="fi", show_default=True, help="Language of labels.")
def show_command(list_name: str, code: str | None, fmt: str, lang: str) -> None:
    """Show a list's codes, or one CODE (by value, URI, letter code or label) in detail.

    LIST is an id (RY_Kaavamaarayslaji), an alias (municipalities) or the list URI.
    """
    reg = registry()
    code_list = resolve_list(reg, list_name)
    if code is None:
        if fmt == "json":
            payload = {
                "id": code_list.id,
                "uri": code_list.uri,
                "names": code_list.names,
                "snapshot_date": reg.snapshot_info["date"],
                "ordering": code_list.ordering,
                "codes": [
                    {
                        "value": c.value,
                        "uri": c.uri,
                        "labels": c.labels,
                        "parent": c.parent,
                        "short_name": c.short_name,
                        "status": c.status,
                    }
                    for c in code_list.codes
                ],
            }
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            _print_list(code_list, lang, reg.snapshot_info["date"])
        return
    found = resolve_code(code_list, code)
    if fmt == "json":
        click.echo(json.dumps(code_details(code_list, found, lang), ensure_ascii=False, indent=2))
    else:
        _print_code(code_list, found, lang)


# ------------------------------------------------------------------------------------------
# update
# ------------------------------------------------------------------------------------------


@codelists.command("update")
@click.option(
    "--from",
    "source_dir",
    type=click.Path(path_type=Path),
    help="Offline: a directory with one JSON per code list (reference layout).",
)
@click.option(
    "--url", "base_url", help="Base URL of the koodistot codelist API (default: the public one)."
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Snapshot folder to write (default: the installed one).",
)
@click.option(
    "--date", "date", help="Snapshot date YYYY-MM-DD (default: keep if unchanged, else today)."
)
@click.option(
    "--timeout",
    type=float,
    default=30.0,
    show_default=True,
    help="Seconds to wait for each request.",
)
def update_command(
    source_dir: Path | None,
    base_url: str | None,
    out: Path | None,
    date: str | None,
    timeout: float,
) -> None:
    """Rebuild the snapshot from koodistot.suomi.fi, or offline with --from DIR."""
    from ryhti.codelists import update as updater
    from ryhti.codelists.snapshot import validate_date, write_snapshot

    if source_dir is not None and base_url is not None:
        raise UsageError("give either --from DIR or --url BASE, not both")
    if date is not None:
        date = validate_date(date)
    if timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    target = out if out is not None else _default_out()

    def progress(message: str) -> None:
        click.echo(f"  {message}", err=True)

    if source_dir is not None:
        click.echo(f"Reading code lists from {source_dir}", err=True)
        snapshot = updater.build_from_directory(source_dir, progress=progress)
    else:
        click.echo(f"Fetching code lists from {base_url or 'koodistot.suomi.fi'}", err=True)
        snapshot = updater.build_from_url(base_url, timeout=timeout, progress=progress)
    result = write_snapshot(snapshot, target, date)
    registry.cache_clear()
    for problem in sorted(snapshot.problems):
        click.echo(f"warning: {problem}", err=True)
    kept = [name for name, (doc, _entry) in sorted(snapshot.tables.items()) if doc is None]
    if kept:
        click.echo(
            f"kept as they were: {', '.join(kept)} (the source has no input for them)", err=True
        )
    if result.changed:
        click.echo(
            f"wrote {len(result.written)} file(s) to {result.out}"
            + (f", removed {len(result.removed)}" if result.removed else "")
            + f"; snapshot date {result.date}"
        )
    else:
        click.echo(f"{result.out} is up to date (snapshot date {result.date})")


def _default_out() -> Path:
    root = default_root()
    path = Path(str(root))
    if not path.is_dir():
        raise UsageError(
            f"the installed snapshot {root} is not a writable folder", hint="give --out DIR"
        )
    return path
