"""The engine: run the selected rules over a document and collect located findings.

    >>> from ryhti.validators import validate, validate_file
    >>> result = validate_file("plan.json", plan_type="31", municipality="601")
    >>> result.ok, result.counts          # no errors?  {"error": 0, "warning": 2, "info": 0}
    >>> for f in result.findings: print(f.rule, f.official_id, f.path, f.message)

Order of work: build the :class:`~ryhti.validators.context.Context`, decide the
plan level and apply its profile, pick the rules that are enabled and apply to
the document, run the one structural scan with every structural rule, then each
rule in id order, timing each. Severity overrides and suppressions are applied
to the findings afterwards, so rules stay unaware of configuration.
"""

from __future__ import annotations

import glob
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.errors import InputError, RyhtiError, UsageError
from ryhti.findings import Finding, Severity
from ryhti.io import gc_paused, read_json
from ryhti.model import KINDS, Model, from_json, kind_of
from ryhti.validators.catalogue import RuleInfo, all_rules
from ryhti.validators.config import Config, Suppression
from ryhti.validators.context import Context
from ryhti.validators.rule import DESERIALISATION_IDS, FieldRule, Rule, SummaryRule

__all__ = [
    "DESERIALISATION_IDS",
    "ValidationResult",
    "expand_paths",
    "kind_of_model",
    "syke_answer",
    "validate",
    "validate_file",
    "validate_paths",
]

#: Model class → document kind name.
_KIND_OF = {cls: name for name, cls in KINDS.items()}


def kind_of_model(doc: Model) -> str:
    """The document kind (``plan``, ``matter`` …) of a loaded model."""
    for cls in type(doc).__mro__:
        if cls in _KIND_OF:
            return _KIND_OF[cls]
    raise UsageError(f"cannot validate a {type(doc).__name__} on its own")


@dataclass
class ValidationResult:
    """Findings of one or more documents, with what reports need besides them.

    ``findings``: sorted findings (suppressed ones excluded, see ``suppressed``);
    ``documents``: source → loaded document; ``stats``: files, objects, counts by
    severity, seconds; ``rules``: catalogue entries of the rules that ran;
    ``timings``: seconds per rule id (and ``scan`` for the structural pass);
    ``input_errors``: unreadable inputs of a multi-file run (message per file).
    """

    findings: list[Finding] = field(default_factory=list)
    documents: dict[str, Model] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    rules: list[RuleInfo] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    suppressed: list[tuple[Finding, Suppression]] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity (every severity present)."""
        c = Counter(f.severity.value for f in self.findings)
        return {s.value: c.get(s.value, 0) for s in Severity}

    @property
    def errors(self) -> list[Finding]:
        """Error findings."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        """True when there is no error finding (warnings do not block delivery)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 no errors, 1 errors found, 2 some input could not be read."""
        if self.input_errors:
            return 2
        return 0 if self.ok else 1

    def by_rule(self) -> dict[str, list[Finding]]:
        """Findings grouped by rule id."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.rule, []).append(f)
        return out

    @classmethod
    def combine(cls, results: Iterable[ValidationResult]) -> ValidationResult:
        """One result for several documents (findings re-sorted, stats summed)."""
        out = cls()
        rules: dict[str, RuleInfo] = {}
        seconds = 0.0
        files: list[str] = []
        objects = 0
        for r in results:
            out.findings.extend(r.findings)
            out.documents.update(r.documents)
            out.suppressed.extend(r.suppressed)
            out.input_errors.extend(r.input_errors)
            for info in r.rules:
                rules.setdefault(info.id, info)
            for key, value in r.timings.items():
                out.timings[key] = out.timings.get(key, 0.0) + value
            seconds += r.stats.get("seconds", 0.0)
            files.extend(r.stats.get("file_names", ()))
            objects += r.stats.get("objects", 0)
        out.findings.sort(key=Finding.sort_key)
        out.rules = [rules[k] for k in sorted(rules)]
        out.stats = _stats(out.findings, files, objects, seconds)
        out.stats["input_errors"] = len(out.input_errors)
        return out

    def to_json(self) -> dict[str, Any]:
        """A JSON summary (findings, counts, stats, timings)."""
        return {
            "findings": [f.to_json() for f in self.findings],
            "counts": self.counts,
            "stats": dict(self.stats),
            "timings": {k: round(v, 6) for k, v in sorted(self.timings.items())},
            "suppressed": [
                {"finding": f.to_json(), "suppression": s.to_json()} for f, s in self.suppressed
            ],
            "inputErrors": list(self.input_errors),
        }


def _stats(
    findings: list[Finding], files: list[str], objects: int, seconds: float
) -> dict[str, Any]:
    c = Counter(f.severity.value for f in findings)
    return {
        "files": len(files),
        "file_names": list(files),
        "objects": objects,
        "errors": c.get("error", 0),
        "warnings": c.get("warning", 0),
        "infos": c.get("info", 0),
        "seconds": seconds,
    }


def validate(
    doc: Model | dict[str, Any],
    *,
    plan_type: str | None = None,
    municipality: str | Sequence[str] | None = None,
    config: Config | None = None,
    source: str | Path | None = None,
    kind: str | None = None,
    rules: Sequence[Rule] | None = None,
) -> ValidationResult:
    """Validate one document (a loaded model or parsed JSON) and return its findings.

    ``plan_type`` and ``municipality`` are the query parameters of Syke's public
    Validate API (``planType``, ``administrativeAreaIdentifiers``); a plan matter
    carries its own. ``config`` selects rules, severities, tolerances and
    suppressions; ``rules`` replaces the rule set (tests use it).
    """
    # A large plan is millions of Python objects; the cyclic garbage collector would
    # rescan them again and again while the rules allocate (quadratic in practice).
    # Nothing here creates reference cycles that need collecting during the run.
    with gc_paused():
        return _validate(doc, plan_type, municipality, config, source, kind, rules)


def _validate(
    doc: Model | dict[str, Any],
    plan_type: str | None,
    municipality: str | Sequence[str] | None,
    config: Config | None,
    source: str | Path | None,
    kind: str | None,
    rules: Sequence[Rule] | None,
) -> ValidationResult:
    started = time.perf_counter()
    source_name = str(source) if source is not None else None
    if not isinstance(doc, Model):
        doc = from_json(doc, kind, source=source_name)
    doc_kind = kind or kind_of_model(doc)
    base = config if config is not None else Config()
    ctx = Context(
        doc,
        kind=doc_kind,
        source=source_name,
        config=base,
        plan_type=plan_type,
        municipality=municipality,
    )
    level = ctx.plan_level
    cfg = base.for_level(level)
    ctx.config = cfg
    ctx.lang = cfg.lang
    candidates = list(rules) if rules is not None else list(all_rules())
    active = [r for r in candidates if cfg.enabled(r) and r.applies(ctx)]
    skipped = [
        r.id
        for r in candidates
        if cfg.enabled(r)
        and not r.remote
        and doc_kind in r.kinds
        and r.plan_levels is not None
        and level is None
    ]
    ctx.field_rules = [r for r in active if isinstance(r, FieldRule)]
    timings: dict[str, float] = {}
    findings: list[Finding] = []
    debug = bool(os.environ.get("RYHTI_DEBUG"))
    t0 = time.perf_counter()
    try:
        _ = ctx.scan
    except Exception as exc:  # a bug in a structural checker must not stop the other rules
        if debug:
            raise
        from ryhti.validators.scan import Scan

        ctx.__dict__["scan"] = Scan()
        findings.append(_internal_error("scan", exc, source_name))
    timings["scan"] = time.perf_counter() - t0
    summaries = [r for r in active if isinstance(r, SummaryRule)]
    for rule in [r for r in active if not isinstance(r, SummaryRule)] + summaries:
        t0 = time.perf_counter()
        try:
            if isinstance(rule, SummaryRule):
                produced = list(rule.summarise(ctx, list(findings)))
            else:
                produced = list(rule.check(ctx))
        except RyhtiError:
            raise
        except Exception as exc:  # a bug in one rule must not hide the others
            if debug:
                raise
            produced = [_internal_error(rule.id, exc, source_name)]
        timings[rule.id] = timings.get(rule.id, 0.0) + time.perf_counter() - t0
        if cfg.overridden(rule):
            severity = cfg.severity_for(rule)
            for f in produced:
                f.severity = severity
        findings.extend(produced)
    kept, suppressed = _suppress(findings, cfg, {r.id: r for r in candidates})
    kept.sort(key=Finding.sort_key)
    names = [source_name] if source_name else []
    result = ValidationResult(
        findings=kept,
        documents={source_name or "<document>": doc},
        rules=[RuleInfo.of(r, cfg.severity_for(r)) for r in active],
        timings=timings,
        suppressed=suppressed,
    )
    result.stats = _stats(kept, names, ctx.object_count, time.perf_counter() - started)
    result.stats.update(
        kind=doc_kind,
        plan_level=level,
        rules_run=len(active),
        skipped_level_rules=skipped,
        nodes=ctx.scan.nodes,
        syke=syke_answer(findings, {r.id: r for r in candidates}),
    )
    return result


def syke_answer(
    findings: Iterable[Finding], rules: dict[str, Rule] | None = None
) -> dict[str, Any]:
    """What Syke's Validate API would answer, predicted from the local findings.

    Syke works in two stages, as its recorded answers show: its JSON reader refuses an
    unknown property or a value of the wrong type with HTTP 400, naming only those faults
    and the whole body (``planDto``); only a body it could read gets the rule checks
    (HTTP 422 with their ids, or 200). ``{"status": …, "ruleIds": [...]}``; local-only
    rules (no Syke id) and warnings are not part of it. A severity changed by the local
    configuration does not change Syke's answer: ``rules`` (id → rule) gives the rules'
    own severities.
    """
    rules = rules or {}

    def severity(f: Finding) -> Severity:
        rule = rules.get(f.rule)
        return rule.severity if rule is not None else f.severity

    errors = [f for f in findings if f.official_id and severity(f) is Severity.ERROR]
    reading = {f.official_id for f in errors if f.official_id in DESERIALISATION_IDS}
    if reading:
        ids = reading | {"quality__req_json_deserialization_failure"}
        return {"status": 400, "ruleIds": sorted(i for i in ids if i)}
    ids = {f.official_id for f in errors if f.official_id}
    return {"status": 422 if ids else 200, "ruleIds": sorted(i for i in ids if i)}


def _internal_error(rule_id: str, exc: Exception, source: str | None) -> Finding:
    return Finding(
        rule=rule_id,
        severity=Severity.ERROR,
        message=(
            f"internal error in {'the structural scan' if rule_id == 'scan' else 'rule ' + rule_id}"
            f" ({type(exc).__name__}: {exc}); this is a bug in ryhti, please report it"
        ),
        source=source,
        data={"internalError": True},
    )


def _suppress(
    findings: list[Finding], cfg: Config, rules: dict[str, Rule]
) -> tuple[list[Finding], list[tuple[Finding, Suppression]]]:
    if not cfg.suppress:
        return findings, []
    kept: list[Finding] = []
    dropped: list[tuple[Finding, Suppression]] = []
    for f in findings:
        rule = rules.get(f.rule)
        hit = next((s for s in cfg.suppress if s.matches(f, rule)), None)
        if hit is None:
            kept.append(f)
        else:
            dropped.append((f, hit))
    return kept, dropped


def validate_file(
    path: str | Path,
    *,
    kind: str | None = None,
    max_bytes: int | None = None,
    keep_document: bool = True,
    **kwargs: Any,
) -> ValidationResult:
    """Read and validate one JSON file (bad input raises :class:`~ryhti.errors.InputError`).

    A JSON object that is recognisably nothing (``{}``, or only unknown properties) is
    validated as a plan, so its missing properties are reported as findings.
    """
    data = read_json(path, max_bytes)
    if kind is None and isinstance(data, dict):
        kind = kind_of(data) or "plan"
    doc = from_json(data, kind, source=str(path))
    result = validate(doc, source=str(path), kind=kind, **kwargs)
    if not keep_document:
        result.documents = {}
    return result


# -- many files --------------------------------------------------------------------------------

_GLOB_CHARS = set("*?[")


def expand_paths(items: Iterable[str | Path]) -> list[Path]:
    """Files named, ``*.json`` files under folders (recursively), and glob matches, in order.

    A name that is neither an existing path nor a glob matching something raises
    :class:`~ryhti.errors.InputError` naming it.
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)

    for item in items:
        text = str(item)
        p = Path(text)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*.json") if q.is_file())
            if not found:
                raise InputError("folder holds no .json files", source=p)
            for q in found:
                add(q)
        elif p.exists():
            add(p)
        elif _GLOB_CHARS & set(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            files = [m for m in matches if m.is_file()]
            for m in matches:
                if m.is_dir():
                    files.extend(sorted(q for q in m.rglob("*.json") if q.is_file()))
            if not files:
                raise InputError("no files match this pattern", source=text)
            for m in files:
                add(m)
        else:
            raise InputError("no such file", source=p)
    return out


def _validate_one(args: tuple[str, dict[str, Any]]) -> ValidationResult:
    path, kwargs = args
    try:
        return validate_file(path, **kwargs)
    except InputError as exc:
        # an unreadable file is not one of the files checked: it is counted apart
        return ValidationResult(
            input_errors=[str(exc)], stats={"file_names": [], "input_errors": 1}
        )


def validate_paths(
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
    keep_documents: bool = True,
    **kwargs: Any,
) -> ValidationResult:
    """Validate files, folders and globs; ``jobs`` > 1 runs files in parallel processes.

    An unreadable file does not stop the others: its message goes to
    ``result.input_errors`` (exit code 2). ``progress(done, total, path)`` is
    called after each file.
    """
    files = [str(p) for p in expand_paths(paths)]
    kwargs = {**kwargs, "keep_document": keep_documents}
    results: list[ValidationResult] = []
    total = len(files)
    if jobs > 1 and total > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for done, (path, result) in enumerate(
                zip(files, pool.map(_validate_one, [(f, kwargs) for f in files]), strict=True),
                1,
            ):
                results.append(result)
                if progress:
                    progress(done, total, path)
    else:
        for done, path in enumerate(files, 1):
            results.append(_validate_one((path, kwargs)))
            if progress:
                progress(done, total, path)
    return ValidationResult.combine(results)
