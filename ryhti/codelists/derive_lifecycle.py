"""The lifecycle-relations table: decisions and events allowed per lifecycle status.

Built from Arho's encoding of Syke's code-list relation table (``relations_lifecycle_events.json``
of a ``--from`` directory), refined per plan level by the rules of the RYHTI rule checklist §E
transcribed in :mod:`ryhti.codelists.catalogue`; every place where the two disagree is kept
in ``cross_check``. See ``docs/codelists.md`` for the table's layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ryhti.codelists import catalogue
from ryhti.codelists.formats import LIFECYCLE_FORMAT
from ryhti.codelists.sources import BuiltList, clean, codes_of, provenance_of
from ryhti.codelists.tables import PLAN_LEVELS
from ryhti.errors import InputError

_RELATION_KEYS = {
    "decisions": "decisions",
    "processing_events": "handling",
    "interaction_events": "interaction",
}
RELATION_LISTS = {
    "lifecycle": "kaavaelinkaari",
    "decisions": "kaavpaatnimi",
    "handling": "kaavakastap",
    "interaction": "RY_KaavanVuorovaikutustapahtumanLaji",
}
ARHO = "arho-ryhti"


def _leading_code(text: Any) -> str | None:
    value = clean(text)
    return value.split(" ")[0] if value else None


def _decision_handling(lists: dict[str, BuiltList]) -> dict[str, str]:
    """Decision name → handling event type with the same Finnish label (R-E16 correspondence)."""
    handling_by_label: dict[str, list[str]] = {}
    for value, code in codes_of(lists, RELATION_LISTS["handling"]).items():
        label = (code["labels"].get("fi") or "").casefold()
        if label:
            handling_by_label.setdefault(label, []).append(value)
    out: dict[str, str] = {}
    for value, code in codes_of(lists, RELATION_LISTS["decisions"]).items():
        matches = handling_by_label.get((code["labels"].get("fi") or "").casefold(), [])
        if len(matches) == 1:
            out[value] = matches[0]
    return out


def build_lifecycle_relations(
    data: Any, lists: dict[str, BuiltList], problems: list[str], path: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Allowed decisions/events per lifecycle status and plan level.

    Arho's relation table applies to every plan level unless a rule of the checklist §E
    says what is allowed at a level; then the rule decides and every difference is kept in
    ``cross_check``. Rules of the "at least one of" kind become ``required_one_of``.
    """
    if not isinstance(data, dict) or not isinstance(data.get("relations"), dict):
        raise InputError("not a lifecycle relations file: no 'relations'", source=path)
    known = {kind: codes_of(lists, list_id) for kind, list_id in RELATION_LISTS.items()}
    arho: dict[str, dict[str, list[str]]] = {}
    unstated: list[dict[str, str]] = []
    for key, relation in data["relations"].items():
        status = _leading_code(key)
        if status not in known["lifecycle"]:
            problems.append(f"lifecycle relations: unknown lifecycle status {key!r}")
            continue
        arho[status] = {}
        for raw_key, kind in _RELATION_KEYS.items():
            values = []
            for item in relation.get(raw_key) or ():
                value = _leading_code(item)
                if value not in known[kind]:
                    problems.append(f"lifecycle relations: {status}: unknown {kind} code {item!r}")
                    continue
                values.append(value)
            if values:
                arho[status][kind] = values
            else:
                # An empty cell of the relation grid is not a prohibition: Arho lists no
                # decision for 13 although rule R-E12 requires one there. Read it as unknown.
                unstated.append({"status": status, "kind": kind})
    decision_handling = _decision_handling(lists)
    statuses = sorted(set(arho) | {rule.status for rule in catalogue.RELATION_RULES})
    out_statuses: dict[str, Any] = {}
    cross_check: list[dict[str, Any]] = []
    for status in statuses:
        block_for_status: dict[str, Any] = {}
        decisions_at: dict[str, set[str] | None] = {}
        for kind in ("decisions", "handling", "interaction"):
            per_level: dict[str, dict[str, list[str]] | None] = {}
            required_rows: list[dict[str, Any]] = []
            for level in PLAN_LEVELS:
                followed = None
                if kind == "handling" and status in catalogue.DECISION_FOLLOWS_STATUS:
                    followed = _handling_following(
                        decisions_at.get(level),
                        decision_handling,
                        catalogue.DECISION_FOLLOWS_STATUS[status],
                    )
                allowed, required = _allowed_at_level(
                    kind, status, level, arho.get(status, {}).get(kind), followed, cross_check
                )
                per_level[level] = allowed
                required_rows.extend(required)
                if kind == "decisions":
                    decisions_at[level] = set(allowed) if allowed is not None else None
            block = _relation_block(per_level, required_rows, known[kind])
            if block is not None:
                block_for_status[kind] = block
        if block_for_status:
            out_statuses[status] = block_for_status
    cross_check = [dict(item) for item in _merge_levels(cross_check)]
    doc = {
        "format": LIFECYCLE_FORMAT,
        "plan_levels": list(PLAN_LEVELS),
        "lists": RELATION_LISTS,
        "sources": {
            ARHO: provenance_of(data.get("source")),
            "rules": dict(catalogue.RULES_SOURCE),
        },
        "statuses": out_statuses,
        "decision_handling": decision_handling,
        "cross_check": cross_check,
        "arho_ryhti_empty": unstated,
    }
    return doc, {
        "upstream": provenance_of(data.get("source")),
        "rules": dict(catalogue.RULES_SOURCE),
    }


def _handling_following(
    decisions: set[str] | None, decision_handling: dict[str, str], rule: str
) -> dict[str, list[str]] | None:
    """Handling events that correspond to the allowed decisions (a phase where they follow)."""
    if decisions is None:
        return None
    out: dict[str, list[str]] = {}
    for decision in sorted(decisions):
        handling = decision_handling.get(decision)
        if handling:
            out.setdefault(handling, []).append(rule)
    return out


def _allowed_at_level(
    kind: str,
    status: str,
    level: str,
    arho_codes: list[str] | None,
    followed: dict[str, list[str]] | None,
    cross_check: list[dict[str, Any]],
) -> tuple[dict[str, list[str]] | None, list[dict[str, Any]]]:
    """Allowed codes (code → sources) at one level, ``None`` if unknown, and required rows.

    A "one of" rule (or a decision the handling event must follow) decides what is allowed;
    without one, Arho's table does. Disagreements go to ``cross_check``.
    """
    rules = [
        r
        for r in catalogue.RELATION_RULES
        if r.kind == kind
        and r.status == status
        and (r.plan_levels is None or level in r.plan_levels)
    ]
    one_of_rules = [r for r in rules if r.mode == "one_of"]
    allowed: dict[str, list[str]] | None
    if one_of_rules or followed is not None:
        allowed = {}
        for rule in one_of_rules:
            for code in rule.codes:
                allowed.setdefault(code, []).append(rule.rule)
        for code, ids in (followed or {}).items():
            allowed.setdefault(code, []).extend(ids)
        deciders = sorted(
            {i for ids in allowed.values() for i in ids} | {r.rule for r in one_of_rules}
        )
        if arho_codes is not None:
            for code in allowed:
                if code in arho_codes:
                    allowed[code].append(ARHO)
                else:
                    cross_check.append(
                        _difference(status, kind, code, level, "added", allowed[code])
                    )
            for code in arho_codes:
                if code not in allowed:
                    cross_check.append(_difference(status, kind, code, level, "excluded", deciders))
    elif arho_codes is not None:
        allowed = {code: [ARHO] for code in arho_codes}
    else:
        allowed = None
    required: list[dict[str, Any]] = []
    for rule in rules:
        if rule.mode != "at_least_one":
            continue
        required.append({"codes": list(rule.codes), "level": level, "rule": rule.rule})
        if allowed is not None:
            for code in rule.codes:
                allowed.setdefault(code, []).append(rule.rule)
    if allowed is not None:
        allowed = {code: sorted(set(ids)) for code, ids in allowed.items()}
    return allowed, required


def _difference(
    status: str, kind: str, code: str, level: str, outcome: str, rules: list[str]
) -> dict[str, Any]:
    """A place where Arho's table and the checklist rules disagree, and which rule decided."""
    return {
        "status": status,
        "kind": kind,
        "code": code,
        "plan_level": level,
        "outcome": outcome,
        "arho_ryhti": "listed" if outcome == "excluded" else "not listed",
        "decided_by": [rule for rule in rules if rule != ARHO],
    }


def _levels_or_none(levels: Iterable[str]) -> list[str] | None:
    chosen = [level for level in PLAN_LEVELS if level in set(levels)]
    return None if len(chosen) == len(PLAN_LEVELS) else chosen


def _relation_block(
    per_level: dict[str, dict[str, list[str]] | None],
    required_rows: list[dict[str, Any]],
    known_codes: dict[str, Any],
) -> dict[str, Any] | None:
    known_levels = [level for level, allowed in per_level.items() if allowed is not None]
    if not known_levels and not required_rows:
        return None
    order = list(known_codes)
    rows: list[dict[str, Any]] = []
    all_codes = sorted(
        {code for allowed in per_level.values() if allowed for code in allowed},
        key=lambda c: order.index(c) if c in order else len(order),
    )
    for code in all_codes:
        levels = [
            level for level in PLAN_LEVELS if per_level.get(level) and code in per_level[level]
        ]  # type: ignore[operator]
        sources = sorted({s for level in levels for s in per_level[level][code]})  # type: ignore[index]
        rows.append({"code": code, "plan_levels": _levels_or_none(levels), "sources": sources})
    required: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for row in required_rows:
        required.setdefault((tuple(row["codes"]), row["rule"]), []).append(row["level"])
    return {
        "plan_levels": _levels_or_none(known_levels),
        "allowed": rows,
        "required_one_of": [
            {"codes": list(codes), "plan_levels": _levels_or_none(levels), "sources": [rule]}
            for (codes, rule), levels in required.items()
        ],
    }


def _merge_levels(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for item in items:
        key = (
            item["status"],
            item["kind"],
            item["code"],
            item["outcome"],
            tuple(item["decided_by"]),
        )
        if key not in merged:
            merged[key] = {k: v for k, v in item.items() if k != "plan_level"} | {"plan_levels": []}
        merged[key]["plan_levels"].append(item["plan_level"])
    out = []
    for item in merged.values():
        levels = _levels_or_none(item.pop("plan_levels"))
        out.append(item | {"plan_levels": levels})
    return out
