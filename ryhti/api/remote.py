"""Remote answers mapped back: Ryhti's errors as findings on the plan's own objects.

Each error of an answer is placed in the document that was sent (:mod:`ryhti.api.paths`),
given the project's rule where a local rule reproduces Syke's, and, with a conversion report
(:mod:`ryhti.api.sources`), led back to the source feature or line. How the local and the
remote findings differ is :mod:`ryhti.api.diff`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ryhti.api.paths import DocumentIndex, Resolution, normalise_rule_id, resolve
from ryhti.api.responses import Outcome, Problem, RemoteError
from ryhti.api.sources import SourceIndex
from ryhti.findings import Finding, Severity
from ryhti.model import Model

__all__ = [
    "finding_from_error",
    "findings_from_outcome",
    "findings_from_problem",
    "remote_validate",
]


def _rule_catalogue() -> dict[str, str]:
    """Syke rule id → the project's rule id, from the validator's catalogue (imported here,
    on the first answer, so that ``import ryhti.api`` does not load every rule)."""
    from ryhti.validators.catalogue import catalogue

    aliases: dict[str, str] = {}
    for rule in catalogue():
        for official in rule.official_ids:
            norm = normalise_rule_id(official)
            if norm:
                aliases.setdefault(norm, rule.id)
    return aliases


def finding_from_error(
    error: RemoteError,
    severity: Severity,
    index: DocumentIndex | None,
    *,
    lang: str = "en",
    source: str | None = None,
    conversion: SourceIndex | None = None,
    aliases: dict[str, str] | None = None,
    operation: str | None = None,
) -> Finding:
    """One remote error or warning as a :class:`Finding` with ``origin="remote"``."""
    res = resolve(error, index) if index is not None else Resolution(object_key=error.class_key)
    official = error.rule_id
    norm = normalise_rule_id(official)
    rule = (aliases or {}).get(norm or "", None) or official or "remote"
    messages = dict(error.localized)
    if error.message and "en" not in messages:
        messages.setdefault("en", error.message)
    data: dict[str, Any] = {}
    if error.instance is not None and error.instance != res.path:
        data["instance"] = error.instance
    if error.class_key:
        data["classKey"] = error.class_key
    if res.object_class:
        data["objectClass"] = res.object_class
    if operation:
        data["operation"] = operation
    location = conversion.get(res.object_key) if conversion is not None else None
    return Finding(
        rule=rule,
        severity=severity,
        message=error.text(lang),
        path=res.path,
        object_key=res.object_key,
        official_id=official,
        messages=messages,
        geometry=res.geometry,
        srid=res.srid,
        source=source,
        location=dict(location) if location else None,
        origin="remote",
        data=data,
    )


def findings_from_problem(
    problem: Problem,
    doc: Model | None = None,
    *,
    lang: str = "en",
    source: str | None = None,
    conversion: SourceIndex | None = None,
    operation: str | None = None,
) -> list[Finding]:
    """Errors and warnings of a 400/422 answer as findings on ``doc``'s objects.

    A problem without any listed error (a bare ProblemDetails) still becomes one
    finding, so a refusal is never silent.
    """
    index = DocumentIndex(doc) if doc is not None else None
    aliases = _rule_catalogue()
    kwargs = {
        "lang": lang,
        "source": source,
        "conversion": conversion,
        "aliases": aliases,
        "operation": operation,
    }
    out = [finding_from_error(e, Severity.ERROR, index, **kwargs) for e in problem.errors]
    out += [finding_from_error(w, Severity.WARNING, index, **kwargs) for w in problem.warnings]
    if not problem.errors and (problem.status or 0) >= 400:
        out.insert(
            0,
            Finding(
                rule="remote",
                severity=Severity.ERROR,
                message=f"Ryhti refused the request ({problem.status}): "
                + (problem.detail or problem.title or "no details given"),
                origin="remote",
                source=source,
                data={"operation": operation} if operation else {},
            ),
        )
    return out


def findings_from_outcome(
    outcome: Outcome,
    doc: Model | None = None,
    *,
    lang: str = "en",
    source: str | None = None,
    conversion: SourceIndex | None = None,
) -> list[Finding]:
    """Findings of any validate/store answer: the problem's, or the success's warnings."""
    if outcome.problem is not None:
        return findings_from_problem(
            outcome.problem,
            doc,
            lang=lang,
            source=source,
            conversion=conversion,
            operation=outcome.operation,
        )
    if outcome.result is not None and outcome.result.warnings:
        return findings_from_problem(
            Problem(status=outcome.status, warnings=outcome.result.warnings),
            doc,
            lang=lang,
            source=source,
            conversion=conversion,
            operation=outcome.operation,
        )
    return []


def remote_validate(
    doc: Model,
    plan_type: str,
    municipality: str | Iterable[str],
    client: Any,
    *,
    lang: str = "en",
    source: str | None = None,
    conversion: SourceIndex | None = None,
) -> list[Finding]:
    """Validate a plan with the public Validate API; the answer as findings on ``doc``.

    ``plan_type`` and ``municipality`` may be codes (``31``, ``601``), URIs or Finnish
    names (``Asemakaava``, ``Jyväskylä``).
    """
    from ryhti.matter.codes import administrative_area, plan_type_code

    areas = [municipality] if isinstance(municipality, str) else list(municipality)
    outcome = client.validate_plan(
        doc, plan_type_code(plan_type), [administrative_area(a) for a in areas]
    )
    return findings_from_outcome(outcome, doc, lang=lang, source=source, conversion=conversion)
