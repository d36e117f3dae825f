"""The conversion report: where every source feature, attribute and text went, and why.

A conversion never drops anything silently. While it runs, a :class:`Journal` collects
the findings (rules ``CV001``…), the mapping decisions, the reprojections and one entry
per source layer and feature; :func:`build_report` turns them, with the texts and
groups, into the JSON report that ``ryhti convert --report`` writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from ryhti.findings import Finding, Severity
from ryhti.parsers.rules import finding
from ryhti.parsers.source import Layer, TextEntry

__all__ = ["REPORT_VERSION", "REVIEW_RULES", "Journal", "build_report", "line_of", "review_items"]

REPORT_VERSION = 1

#: Findings that say a feature could not be typed with confidence: the report lists them,
#: with the features they concern, for a reviewer to check.
REVIEW_RULES = frozenset(
    {"CV003", "CV006", "CV011", "CV012", "CV018", "CV020", "CV021", "CV022", "CV023", "CV024"}
)
#: Features listed per review item (the count says how many there are).
_REVIEW_FEATURES = 50


def line_of(layer: Layer, i: int) -> dict[str, Any]:
    """``{"line": n}`` when the reader knows the source line of feature ``i``, else ``{}``."""
    if layer.lines is not None and layer.lines[i] is not None:
        return {"line": layer.lines[i]}
    return {}


class Journal:
    """What a conversion found and decided, in the order it happened."""

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict
        self.findings: list[Finding] = []
        self.decisions: list[dict[str, Any]] = []
        self.reprojections: list[dict[str, Any]] = []
        self.feature_reports: list[dict[str, Any]] = []
        self.layer_reports: list[dict[str, Any]] = []

    def note(self, f: Finding) -> None:
        """Record a finding (``--strict`` makes a warning an error)."""
        if self.strict and f.severity is Severity.WARNING:
            f.severity = Severity.ERROR
        self.findings.append(f)

    def decision(self, where: dict[str, Any], what: str, how: str) -> None:
        """Record how a source item was interpreted."""
        self.decisions.append({**where, "item": what, "decision": how})

    def place(
        self,
        decisions: list[tuple[str, str]],
        findings: list[tuple[str, str]],
        where: dict[str, Any],
        group_key: str,
    ) -> None:
        """Record the decisions and findings an interpretation collected (as what/how and
        rule/message), at the place ``where`` and for the group ``group_key``."""
        for what, how in decisions:
            self.decision(where, what, how)
        for rule, message in findings:
            self.note(finding(rule, message, object_key=group_key, **where))


def text_items(entries: Iterable[TextEntry], used: dict[str, set[str]]) -> list[dict[str, Any]]:
    """The report's entry for every regulation text, with the groups that use it."""
    texts = []
    for t in entries:
        item: dict[str, Any] = {
            "id": t.id,
            "sign": t.sign,
            "general": t.general,
            "text": t.text,
            **({"swe": t.swe} if t.swe else {}),
            "file": t.file,
        }
        if t.line is not None:
            item["line"] = t.line
        if t.page is not None:
            item["page"] = t.page
        groups = sorted(used.get(t.id, ()))
        item["fate"] = "regulationGroups" if groups else "unlinked"
        item["groups"] = groups
        texts.append(item)
    return texts


def group_items(
    groups: Iterable[Any], regulation_report: Callable[[Any], dict[str, Any]]
) -> list[dict[str, Any]]:
    """The report's entry for every regulation group, with where its regulations came from."""
    return [
        {
            "key": g.key,
            "letterIdentifier": g.letter,
            "title": g.title_fin,
            "layer": g.layer,
            "objects": g.objects,
            "texts": g.texts,
            "regulations": [regulation_report(r) for r in g.regs],
        }
        for g in groups
    ]


def review_items(
    findings: Iterable[Finding], feature_reports: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The warnings and errors a reviewer should check (:data:`REVIEW_RULES`), each with the
    source features of the group it concerns."""
    wanted = [f for f in findings if f.rule in REVIEW_RULES and f.severity is not Severity.INFO]
    if not wanted:
        return []
    by_group: dict[str, list[str]] = {}
    for rep in feature_reports:
        for key in rep.get("planRegulationGroupKeys", ()):
            by_group.setdefault(key, []).append(f"{rep['layer']}:{rep['fid']}")
    out = []
    for f in wanted:
        loc = f.location or {}
        item: dict[str, Any] = {
            "rule": f.rule,
            "severity": f.severity.value,
            "message": f.message,
            **{k: loc[k] for k in ("file", "layer", "fid", "line") if k in loc},
        }
        if f.object_key:
            features = by_group.get(f.object_key, [])
            item["groupKey"] = f.object_key
            item["features"] = features[:_REVIEW_FEATURES]
            item["featureCount"] = len(features)
        out.append(item)
    return out


def build_report(
    journal: Journal,
    *,
    source: dict[str, Any],
    mapping: dict[str, Any],
    plan: dict[str, Any],
    texts: list[dict[str, Any]],
    groups: list[dict[str, Any]],
    unrepresentable: list[dict[str, Any]],
) -> dict[str, Any]:
    """The conversion report (JSON-ready); ``review`` lists what a reviewer should check
    (present only when there is something)."""
    fates = Counter(r["fate"] for r in journal.feature_reports)
    severities = Counter(f.severity.value for f in journal.findings)
    review = review_items(journal.findings, journal.feature_reports)
    return {
        "reportVersion": REPORT_VERSION,
        "source": {**source, "layers": journal.layer_reports},
        "mapping": mapping,
        "plan": plan,
        "reprojections": journal.reprojections,
        "summary": {
            "features": len(journal.feature_reports),
            "planObjects": fates.get("planObject", 0),
            "planBoundary": fates.get("planBoundary", 0),
            "regulationTexts": fates.get("regulationText", 0),
            "ignored": fates.get("ignored", 0),
            "unmapped": fates.get("unmapped", 0),
            "dropped": fates.get("dropped", 0),
            "empty": fates.get("empty", 0),
            # change-class hatching passed on to the reservations beneath (only when some)
            **({"changeClass": fates["changeClass"]} if fates.get("changeClass") else {}),
            "regulationGroups": len(groups),
            "texts": len(texts),
            "textsLinked": sum(1 for t in texts if t["fate"] != "unlinked"),
            "findings": {k: severities.get(k, 0) for k in ("error", "warning", "info")},
        },
        "features": journal.feature_reports,
        "texts": texts,
        "groups": groups,
        "decisions": journal.decisions,
        "unrepresentable": unrepresentable,
        "findings": [f.to_json() for f in journal.findings],
        **({"review": review} if review else {}),
    }
