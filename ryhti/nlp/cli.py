"""``ryhti extract``: regulation text → RYHTI regulations (JSONL, a table, or regulation groups).

Modes (the output contract is stable; evaluation scripts depend on it):

* ``ryhti extract INPUT.jsonl --format jsonl [-o OUT]`` – one output line per input line
  ``{"id", "regulations": [...], "modifiers": [...]}`` in input order (``modifiers``: the
  additional information an entry gives without a regulation, for what another entry draws:
  a change class, "Uusi seudullinen pääväylä"); a line that cannot be read gets an
  ``error`` field and the run goes on;
* ``ryhti extract --text "…" [--sign AK] [--plan-type asemakaava]`` – a readable table;
* ``ryhti extract LEGEND.(txt|md|docx|pdf)`` – the whole legend as RYHTI regulation groups;
* ``ryhti extract --evaluate GOLD.jsonl`` – precision/recall/F1 per type, values, the
  precision of what is auto-accepted and a calibration table (confidence bucket → precision);
  the headline figures carry a 95 % interval from a seeded bootstrap over the entries
  (``--bootstrap N`` replicates, default 1,000; ``--bootstrap 0`` leaves them out), so a QA
  reviewer can tell a figure really under its target from the noise of a small set.

Results under ``--threshold`` (default 0.8) are marked ``"review": true`` and listed; nothing
is accepted silently. ``--lexicon FILE`` (or ``lexicon`` in the ``[extract]`` table of
``ryhti.toml``, ``[tool.ryhti.extract]`` of ``pyproject.toml``) applies a municipality's legend
library (:mod:`ryhti.nlp.lexicon`); ``--review DRAFT.toml`` writes the entries marked for review
as a lexicon draft for the planner to correct and feed back.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ryhti.errors import InputError, UsageError
from ryhti.io import parse_json
from ryhti.nlp.document import DEFAULT_LIFECYCLE, document_table, extract_document
from ryhti.nlp.lexicon import configured_lexicon

DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".docx", ".pdf"}


@click.command("extract")
@click.argument("input_path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default=None,
    help="Output format (default: jsonl for .jsonl input, json for documents, table for --text).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
@click.option("--text", "text", help="Extract from this text instead of a file.")
@click.option("--sign", help="Legend sign of --text (AK-1, sr, IV, e=0,8 …).")
@click.option(
    "--plan-type",
    type=click.Choice(["asemakaava", "yleiskaava", "maakuntakaava"]),
    help="Plan level of --text / a document.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Confidence below which results are marked for review (default 0.8).",
)
@click.option(
    "--evaluate",
    "gold",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Score against gold lines and print the figures.",
)
@click.option(
    "--bootstrap",
    "bootstrap",
    type=click.IntRange(0, 100_000),
    default=None,
    help=(
        # the numbers are ryhti.nlp.bootstrap's defaults (a test holds them together); that
        # module is not imported here so that extraction does not pay for numpy
        "With --evaluate: resample the gold entries N times (with replacement, fixed seed 13) "
        "for 95% intervals of types F1, auto-accepted precision, values exact match, "
        "additional and verbal F1; 0 prints none.  [default: 1000]"
    ),
)
@click.option(
    "--lifecycle",
    default=DEFAULT_LIFECYCLE,
    show_default=True,
    help="lifeCycleStatus of regulations built from a document.",
)
@click.option(
    "--lexicon",
    "lexicon_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A municipality's legend library (TOML): its texts and signs win over the rules.",
)
@click.option(
    "--review",
    "review_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the entries marked for review here, as a TOML lexicon draft.",
)
@click.option("--no-config", is_flag=True, help="Ignore [extract] of ryhti.toml / pyproject.toml.")
def extract(
    input_path: Path | None,
    fmt: str | None,
    output: Path | None,
    text: str | None,
    sign: str | None,
    plan_type: str | None,
    threshold: float | None,
    gold: Path | None,
    bootstrap: int | None,
    lifecycle: str,
    lexicon_path: Path | None,
    review_path: Path | None,
    no_config: bool,
) -> None:
    """Turn Finnish plan regulation text into RYHTI regulation codes and typed values."""
    modes = sum(x is not None for x in (input_path, text, gold))
    if modes != 1:
        raise UsageError("give exactly one of INPUT, --text or --evaluate")
    if review_path is not None and gold is not None:
        raise UsageError("--review writes a draft from an extraction, not from --evaluate")
    if bootstrap is not None and gold is None:
        raise UsageError("--bootstrap sets the intervals of --evaluate; give --evaluate GOLD.jsonl")
    if lexicon_path is None and not no_config:
        lexicon_path = configured_lexicon()
    from ryhti.nlp.pipeline import DEFAULT_THRESHOLD, default_extractor

    thr = DEFAULT_THRESHOLD if threshold is None else threshold
    ex = default_extractor(thr)
    lex = ex.load_lexicon(lexicon_path) if lexicon_path is not None else None
    flagged: list[dict[str, Any]] = []

    def run(t: str, s: str | None, p: str | None) -> dict[str, Any]:
        found = ex.extract_entry(t, s, p, lexicon=lex).to_json()
        regs, mods = found["regulations"], found["modifiers"]
        if review_path is not None and (
            not (regs or mods) or any(r["review"] for r in [*regs, *mods])
        ):
            flagged.append(
                {"text": t, "sign": s, "plan_type": p, "regulations": regs, "modifiers": mods}
            )
        return found

    if gold is not None:
        from ryhti.nlp.bootstrap import DEFAULT_REPLICATES, DEFAULT_SEED
        from ryhti.nlp.evaluate import format_report, read_gold, score

        rows = read_gold(gold)
        rep = score(rows, run, thr)
        replicates = DEFAULT_REPLICATES if bootstrap is None else bootstrap
        out = (
            json.dumps(rep.summary(replicates, DEFAULT_SEED), ensure_ascii=False, indent=2)
            if fmt == "json"
            else format_report(rep, f"{gold} (threshold {thr})", bootstrap=replicates)
        )
        _emit(out + "\n", output)
        return
    if text is not None:
        found = run(text, sign, plan_type)
        if fmt in ("json", "jsonl"):
            _emit(json.dumps({"id": "text", **found}, ensure_ascii=False) + "\n", output)
        else:
            _emit(format_table(text, found["regulations"], found["modifiers"]), output)
        _write_review(review_path, flagged, "--text")
        return
    assert input_path is not None
    suffix = input_path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        _emit_lines(_run_jsonl(input_path, run, flagged), output)
        _write_review(review_path, flagged, str(input_path))
        return
    if suffix in DOCUMENT_SUFFIXES:
        from ryhti.nlp.legend import read_legend

        legend = read_legend(input_path)
        result = extract_document(input_path, legend, ex, plan_type, lifecycle, lexicon=lex)
        if fmt == "table":
            _emit(document_table(result), output)
        else:
            _emit(json.dumps(result, ensure_ascii=False, indent=2) + "\n", output)
        n = len(result["review"])
        if n:
            click.echo(
                f"ryhti extract: {n} result(s) below confidence {thr} are marked for review",
                err=True,
            )
        if review_path is not None:
            for entry in [*legend.entries, *legend.general]:
                run(entry.text, entry.sign, plan_type)
            _write_review(review_path, flagged, str(input_path))
        return
    raise InputError(
        f"unsupported input {suffix!r}",
        source=input_path,
        hint="use .jsonl, .txt, .md, .docx or .pdf",
    )


def _write_review(path: Path | None, flagged: list[dict[str, Any]], source: str) -> None:
    if path is None:
        return
    from ryhti.io import write_atomic
    from ryhti.nlp.lexicon import draft

    write_atomic(path, draft(flagged, source))
    click.echo(f"ryhti extract: {len(flagged)} entr(y/ies) for review drafted in {path}", err=True)


def _run_jsonl(path: Path, run: Any, flagged: list[dict[str, Any]]):
    """Yield one output line per input line; bad lines get an ``error`` and the run goes on."""
    from ryhti.io import check_readable

    check_readable(path)
    try:
        handle = path.open("r", encoding="utf-8", errors="strict", newline="")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=path) from exc
    errors = 0
    with handle:
        n = 0
        while True:
            try:
                raw = handle.readline()
            except UnicodeDecodeError as exc:
                n += 1
                errors += 1
                yield {
                    "id": f"line {n}",
                    "error": f"not valid UTF-8 ({exc.reason})",
                    "regulations": [],
                }
                handle.readline()
                continue
            if not raw:
                break
            n += 1
            if not raw.strip():
                continue
            try:
                # strict: NaN, huge numbers, deep nesting refused
                row = parse_json(raw.rstrip("\r\n"))
            except InputError as exc:
                errors += 1
                where = f" ({exc.where.replace('line 1, ', '')})" if exc.where else ""
                yield {
                    "id": f"line {n}",
                    "error": f"could not be read: {exc.message}{where}",
                    "regulations": [],
                }
                continue
            problem = _check_row(row)
            rid = row.get("id") if isinstance(row, dict) else None
            if problem:
                errors += 1
                yield {
                    "id": rid if isinstance(rid, str) else f"line {n}",
                    "error": problem,
                    "regulations": [],
                }
                continue
            try:
                before = len(flagged)
                found = run(row.get("text") or "", row.get("sign"), row.get("plan_type"))
                for item in flagged[before:]:
                    item["id"] = rid
            except (
                ValueError,
                TypeError,
                IndexError,
            ) as exc:  # one bad entry must not stop the run
                errors += 1
                yield {
                    "id": rid,
                    "error": f"extraction failed: {type(exc).__name__}: {exc}",
                    "regulations": [],
                }
                continue
            yield {"id": rid, **found}
    if errors:
        click.echo(
            f"ryhti extract: {errors} input line(s) could not be read; see their 'error' field",
            err=True,
        )


def _check_row(row: Any) -> str | None:
    if not isinstance(row, dict):
        return "a line must be a JSON object"
    if not isinstance(row.get("id"), str):
        return "'id' must be a string"
    if not isinstance(row.get("text"), str):
        return "'text' must be a string"
    if row.get("sign") is not None and not isinstance(row.get("sign"), str):
        return "'sign' must be a string or null"
    if row.get("plan_type") not in (None, "asemakaava", "yleiskaava", "maakuntakaava"):
        return "'plan_type' must be asemakaava, yleiskaava, maakuntakaava or null"
    return None


def format_table(
    text: str, regs: list[dict[str, Any]], modifiers: list[dict[str, Any]] | None = None
) -> str:
    """A readable table of one extraction (for ``--text``)."""
    lines = [f"text: {text}", ""]
    modifiers = modifiers or []
    if not regs and not modifiers:
        lines.append("(no regulation recognised — nothing to accept)")
        return "\n".join(lines) + "\n"
    if modifiers:
        lines += _modifier_lines(modifiers)
    if not regs:
        return "\n".join(lines) + "\n"
    header = f"{'type':44} {'value':30} {'conf':>5}  review  additional / verbal"
    lines += [header, "-" * len(header)]
    for r in regs:
        v = r.get("value")
        if v is None:
            vs = "-"
        elif "number" in v:
            vs = f"{v['number']} {v.get('unitOfMeasure') or ''}".strip() + f" ({v['dataType']})"
        elif "minimumValue" in v:
            vs = f"{v['minimumValue']}–{v['maximumValue']} {v.get('unitOfMeasure') or ''}".strip()
        elif v.get("dataType") == "LocalizedText":
            t = v["text"].get("fin", "")
            vs = (t[:27] + "…") if len(t) > 28 else t
        else:
            vs = v.get("dataType", "?")
        extra = ", ".join(
            [a["type"] for a in r["additionalInformations"]]
            + [f"~{x}" for x in r["verbalRegulations"]]
        )
        lines.append(
            f"{r['type'][:44]:44} {vs[:30]:30} {r['confidence']:5.2f}  {'YES' if r['review'] else 'no':6}  {extra}"
        )
        lines.append(
            f"    evidence: {r['evidence']}"
            + (f"   modality: {r['modality']}" if r.get("modality") else "")
        )
    return "\n".join(lines) + "\n"


def _modifier_lines(modifiers: list[dict[str, Any]]) -> list[str]:
    """The entry-level modifiers: additional information for what another entry draws."""
    header = f"{'modifier (no regulation of its own)':44} {'':30} {'conf':>5}  review"
    lines = [header, "-" * len(header)]
    for m in modifiers:
        lines.append(
            f"{m['type'][:44]:44} {'':30} {m['confidence']:5.2f}  {'YES' if m['review'] else 'no'}"
        )
        lines.append(f"    evidence: {m['evidence']}")
    lines.append("")
    return lines


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from ryhti.io import write_atomic

    write_atomic(output, text)


def _emit_lines(rows: Any, output: Path | None) -> None:
    if output is None:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    from ryhti.io import atomic_writer

    with atomic_writer(output) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
