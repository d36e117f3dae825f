"""``ryhti extract``: regulation text → RYHTI regulations (JSONL, a table, or regulation groups).

Modes (the output contract is stable; evaluation scripts depend on it):

* ``ryhti extract INPUT.jsonl --format jsonl [-o OUT]`` – one output line per input line
  ``{"id", "regulations": [...]}`` in input order; a line that cannot be read gets an
  ``error`` field and the run goes on;
* ``ryhti extract --text "…" [--sign AK] [--plan-type asemakaava]`` – a readable table;
* ``ryhti extract LEGEND.(txt|md|docx|pdf)`` – the whole legend as RYHTI regulation groups;
* ``ryhti extract --evaluate GOLD.jsonl`` – precision/recall/F1 per type, values, review.

Results under ``--threshold`` (default 0.8) are marked ``"review": true`` and listed; nothing
is accepted silently.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

import click

from ryhti.errors import InputError, UsageError
from ryhti.io import parse_json

#: Namespace of the uuid5 keys of regulation groups made from legend documents.
KEY_NAMESPACE = uuid.UUID("6f0c1d2e-5b7a-5c1e-9d0a-52a7c3e1b0e5")
DEFAULT_LIFECYCLE = "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/03"
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
    "--lifecycle",
    default=DEFAULT_LIFECYCLE,
    show_default=True,
    help="lifeCycleStatus of regulations built from a document.",
)
def extract(
    input_path: Path | None,
    fmt: str | None,
    output: Path | None,
    text: str | None,
    sign: str | None,
    plan_type: str | None,
    threshold: float | None,
    gold: Path | None,
    lifecycle: str,
) -> None:
    """Turn Finnish plan regulation text into RYHTI regulation codes and typed values."""
    modes = sum(x is not None for x in (input_path, text, gold))
    if modes != 1:
        raise UsageError("give exactly one of INPUT, --text or --evaluate")
    from ryhti.nlp.pipeline import DEFAULT_THRESHOLD, default_extractor

    thr = DEFAULT_THRESHOLD if threshold is None else threshold
    ex = default_extractor(thr)
    if gold is not None:
        from ryhti.nlp.evaluate import format_report, read_gold, score

        rows = read_gold(gold)
        rep = score(rows, lambda t, s, p: [r.to_json() for r in ex.extract(t, s, p)], thr)
        out = (
            json.dumps(rep.summary(), ensure_ascii=False, indent=2)
            if fmt == "json"
            else format_report(rep, f"{gold} (threshold {thr})")
        )
        _emit(out + "\n", output)
        return
    if text is not None:
        regs = [r.to_json() for r in ex.extract(text, sign, plan_type)]
        if fmt in ("json", "jsonl"):
            _emit(
                json.dumps({"id": "text", "regulations": regs}, ensure_ascii=False) + "\n", output
            )
        else:
            _emit(format_table(text, regs), output)
        return
    assert input_path is not None
    suffix = input_path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        _emit_lines(_run_jsonl(input_path, ex), output)
        return
    if suffix in DOCUMENT_SUFFIXES:
        result = extract_document(input_path, ex, plan_type, lifecycle)
        if fmt == "table":
            _emit(_document_table(result), output)
        else:
            _emit(json.dumps(result, ensure_ascii=False, indent=2) + "\n", output)
        n = len(result["review"])
        if n:
            click.echo(
                f"ryhti extract: {n} result(s) below confidence {thr} are marked for review",
                err=True,
            )
        return
    raise InputError(
        f"unsupported input {suffix!r}",
        source=input_path,
        hint="use .jsonl, .txt, .md, .docx or .pdf",
    )


def _run_jsonl(path: Path, ex: Any):
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
                regs = [
                    r.to_json()
                    for r in ex.extract(
                        row.get("text") or "", row.get("sign"), row.get("plan_type")
                    )
                ]
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
            yield {"id": rid, "regulations": regs}
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


def extract_document(
    path: Path, ex: Any, plan_type: str | None, lifecycle: str = DEFAULT_LIFECYCLE
) -> dict[str, Any]:
    """A legend document → ``planRegulationGroups`` and ``generalRegulationGroups`` (official field names).

    Every legend entry (a sign and its text) becomes one PlanRegulationGroup. The general
    regulations become **one GeneralRegulationGroup per section** — titled by the section's
    heading ("Yleismääräykset") — with one or more regulations per paragraph, numbered by
    paragraph in ``regulationNumber`` ("1", "2", …), as plans print and number them. When the
    section has sub-headings ("Pysäköinti", "Hulevedet"), each sub-heading is its own group
    titled by it; ``groupNumber`` follows the document order.
    """
    from ryhti.parsers.legend import read_legend

    legend = read_legend(path)
    identity = path.name
    groups: list[dict[str, Any]] = []
    review: list[dict[str, Any]] = []
    seen: dict[str, int] = {}

    def note_review(key: str, entry: Any, regs: list[Any]) -> None:
        for r in regs:
            if r.review:
                review.append(
                    {
                        "group": key,
                        "sign": entry.sign,
                        "line": entry.line,
                        "page": entry.page,
                        "type": r.type,
                        "confidence": round(r.confidence, 3),
                        "evidence": r.evidence,
                    }
                )
        if not regs:
            review.append(
                {
                    "group": key,
                    "sign": entry.sign,
                    "line": entry.line,
                    "page": entry.page,
                    "type": None,
                    "confidence": 0.0,
                    "evidence": "no regulation recognised",
                }
            )

    for entry in legend.entries:
        base = f"{identity}|entry|{entry.sign or ''}|{entry.text[:60]}"
        seen[base] = seen.get(base, 0) + 1
        key = str(uuid.uuid5(KEY_NAMESPACE, f"{base}|{seen[base]}"))
        regs = ex.extract(entry.text, entry.sign, plan_type)
        note_review(key, entry, regs)
        title = {"fin": _title_of(entry.text) or entry.sign or ""}
        if entry.swe:
            title["swe"] = _title_of(entry.swe)
        group: dict[str, Any] = {
            "planRegulationGroupKey": key,
            "titleOfPlanRegulation": title,
            "planRegulations": [
                _plan_regulation(r, ex, f"{key}|{i}", lifecycle, entry) for i, r in enumerate(regs)
            ],
            "planRecommendations": [],
        }
        if entry.sign:
            group["letterIdentifier"] = entry.sign
        groups.append(_through_model("PlanRegulationGroup", group))

    general: list[dict[str, Any]] = []
    sections: dict[tuple[str, str | None], list[Any]] = {}
    for entry in legend.general:
        section = (entry.heading or "Yleismääräykset", getattr(entry, "subheading", None))
        sections.setdefault(section, []).append(entry)
    for number, ((heading, sub), paragraphs) in enumerate(sections.items(), 1):
        key = str(uuid.uuid5(KEY_NAMESPACE, f"{identity}|general|{heading}|{sub or ''}"))
        plan_regs = []
        for ordinal, entry in enumerate(paragraphs, 1):
            regs = ex.extract(entry.text, entry.sign, plan_type)
            note_review(key, entry, regs)
            for i, r in enumerate(regs):
                reg = _plan_regulation(r, ex, f"{key}|{ordinal}|{i}", lifecycle, entry)
                reg["regulationNumber"] = str(ordinal)
                plan_regs.append(reg)
        group = {
            "generalRegulationGroupKey": key,
            "titleOfPlanRegulation": _bilingual_title(_sentence_case(sub or heading)),
            "groupNumber": number,
            "planRegulations": plan_regs,
            "planRecommendations": [],
        }
        general.append(_through_model("GeneralRegulationGroup", group))
    return {
        "source": str(path),
        "notes": legend.notes,
        "planRegulationGroups": groups,
        "generalRegulationGroups": general,
        "review": review,
    }


def _sentence_case(title: str) -> str:
    """ "YLEISMÄÄRÄYKSET" → "Yleismääräykset" (a heading typed in capitals is not a title)."""
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return title[:1] + title[1:].lower()
    return title


def _title_of(text: str) -> str:
    first = text.split(". ")[0].strip().rstrip(".")
    return first[:200]


def _plan_regulation(
    reg: Any, ex: Any, seed: str, lifecycle: str, entry: Any = None
) -> dict[str, Any]:
    kb = ex.kb
    out: dict[str, Any] = {
        "planRegulationKey": str(uuid.uuid5(KEY_NAMESPACE, seed)),
        "lifeCycleStatus": lifecycle,
        "type": kb.uri("RY_Kaavamaarayslaji", reg.type),
    }
    if reg.value is not None:
        out["value"] = _with_swedish(reg, entry)
    if reg.additional:
        out["additionalInformations"] = [
            {
                "type": kb.uri("RY_Kaavamaarayksen_Lisatiedonlaji", a["type"]),
                **({"value": a["value"]} if a.get("value") else {}),
            }
            for a in reg.additional
        ]
    if reg.verbal:
        out["verbalRegulations"] = [
            kb.uri("RY_Sanallisen_Kaavamaarayksen_Laji", v) for v in reg.verbal
        ]
    return out


def _bilingual_title(title: str) -> dict[str, str]:
    """``Yleiset määräykset – Allmänna bestämmelser`` → fin and swe (bilingual headings,
    either language first)."""
    from ryhti.nlp.language import is_swedish

    for dash in (" – ", " - ", " / "):
        first, sep, second = (part.strip() for part in title.partition(dash))
        if not (sep and first and second) or is_swedish(first) == is_swedish(second):
            continue
        fin, swe = (second, first) if is_swedish(first) else (first, second)
        return {"fin": fin[:1].upper() + fin[1:], "swe": swe[:1].upper() + swe[1:]}
    return {"fin": title}


def _with_swedish(reg: Any, entry: Any) -> Any:
    """A verbal regulation's text with the Swedish of a bilingual legend entry added where
    it pairs with the Finnish (:func:`ryhti.nlp.language.swedish_for`)."""
    value = reg.value
    swe = getattr(entry, "swe", None)
    text = value.get("text") if isinstance(value, dict) else None
    if not swe or not isinstance(text, dict) or not isinstance(text.get("fin"), str):
        return value
    from ryhti.nlp.language import swedish_for

    translated = swedish_for(text["fin"], entry.text, swe, span=getattr(reg, "span", None))
    if translated is None:
        return value
    return {**value, "text": {**text, "swe": translated}}


def _through_model(name: str, group: dict[str, Any]) -> dict[str, Any]:
    """Round-trip through :mod:`ryhti.model` when it offers the class (checks field names and shapes)."""
    try:
        import ryhti.model as model

        cls = getattr(model, name)
    except (ImportError, AttributeError):
        return group
    try:
        return cls.from_json(group).to_json()
    except InputError:
        raise
    except (
        TypeError,
        ValueError,
        KeyError,
    ) as exc:  # a shape the model refuses is a bug here, say so
        raise InputError(f"internal: {name} rejected by ryhti.model: {exc}") from exc


def format_table(text: str, regs: list[dict[str, Any]]) -> str:
    """A readable table of one extraction (for ``--text``)."""
    lines = [f"text: {text}", ""]
    if not regs:
        lines.append("(no regulation recognised — nothing to accept)")
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


def _document_table(result: dict[str, Any]) -> str:
    lines = [f"source: {result['source']}"]
    for g in result["planRegulationGroups"] + result["generalRegulationGroups"]:
        lines.append(
            f"{g.get('letterIdentifier') or '-':10} {g['titleOfPlanRegulation']['fin'][:70]}"
        )
        for r in g.get("planRegulations", []):
            lines.append(
                f"{'':10}   {r['type'].rsplit('/', 1)[-1]}  {json.dumps(r.get('value'), ensure_ascii=False)[:60] if r.get('value') else ''}"
            )
    if result["review"]:
        lines.append("")
        lines.append(f"marked for review: {len(result['review'])}")
        for x in result["review"]:
            lines.append(
                f"  {x['sign'] or '-'} line {x['line']}: {x['type']} ({x['confidence']}) {x['evidence'][:80]}"
            )
    return "\n".join(lines) + "\n"


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
