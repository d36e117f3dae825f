"""``ryhti scenario``: what-if changes to regulation values, written as a new, valid plan.

A change is ``TARGET:PROPERTY=VALUE``:

* TARGET — a letter sign (``AK`` also takes ``AK-1``, ``AK/s``…; ``AK-1`` only itself), a
  block (``block 7``, ``kortteli 7``), an object number (``#12``) or ``all``/``kaikki``;
* PROPERTY — ``e`` (tehokkuusluku), ``k-m2``/``kem``/``kerrosala`` (sallittuKerrosala),
  ``kerrosluku``/``k`` (maanpaallinenKerroslukuLuku), or any RY_Kaavamaarayslaji code;
* VALUE — ``1.2`` or ``1,2`` (set), ``+10%``/``-5%`` (scale), ``+500``/``-500`` (add),
  ``*1.1`` (multiply).

Where a target object has the regulation, its value changes; a group shared with objects
outside the target is copied for the target first, so nothing else moves. A target that
lacks the regulation gets it when the value is set outright (on its land-use objects), and
is an error for relative changes (there is nothing to scale). The new plan gets a new
``planKey`` (uuid5 over the old key and the changes, so the same scenario gives the same
plan), new keys for what changed and a note in ``planDescription``; it is validated, and a
scenario that makes the plan invalid is refused (errors the base plan already had are
reported, not blamed on the scenario).
"""

from __future__ import annotations

import copy
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from ryhti.archive.lifecycle import code_tail
from ryhti.archive.regulations import letter_base
from ryhti.errors import UsageError

__all__ = ["Change", "ScenarioResult", "apply_scenario", "parse_change"]

NAMESPACE = uuid.UUID("2d0c9f51-6a8e-5d3b-9a57-3e1c4b7f0a21")
REG = "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji/code/"
MAIN_USE = "paakayttotarkoitus"

ALIASES = {
    "e": "tehokkuusluku",
    "tehokkuus": "tehokkuusluku",
    "k-m2": "sallittuKerrosala",
    "k-m²": "sallittuKerrosala",
    "kem": "sallittuKerrosala",
    "km2": "sallittuKerrosala",
    "kerrosala": "sallittuKerrosala",
    "rakennusoikeus": "sallittuKerrosala",
    "k": "maanpaallinenKerroslukuLuku",
    "kerrosluku": "maanpaallinenKerroslukuLuku",
}

#: TARGET:PROPERTY=VALUE; each part is a run without the separator that follows it, stripped
#: afterwards (so the match stays linear on any text)
_CHANGE = re.compile(r"^(?P<target>[^:]*+):(?P<prop>[^=]*+)=(?P<value>.*+)$", re.S)
_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"


@dataclass(frozen=True)
class Change:
    """One parsed ``--set``: target, regulation code, operation (set/add/scale) and amount."""

    text: str
    target_kind: str  # sign, block, number, all
    target: str
    code: str
    op: str  # set, add, scale
    amount: float


@dataclass
class ScenarioResult:
    """The new plan (JSON), what each change did, and the validation of base and result."""

    plan: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    new_errors: list[str] = field(default_factory=list)
    inherited_errors: list[str] = field(default_factory=list)


def _code(prop: str) -> str:
    from ryhti.codelists import registry

    key = prop.strip()
    code = ALIASES.get(key.lower(), key)
    codes = registry().get("RY_Kaavamaarayslaji")
    found = codes.get(code) if codes is not None else None
    if found is None and codes is not None:
        found = next((c for c in codes if c.value.lower() == code.lower()), None)
    if found is None:
        raise UsageError(
            f"unknown property {prop!r}",
            hint="use e, k-m2, kerrosluku or an RY_Kaavamaarayslaji code such as sallittuKerrosala",
        )
    return found.value


def parse_change(text: str) -> Change:
    """``"AK:e=1.2"`` → :class:`Change`; a clear usage error for anything else."""
    m = _CHANGE.match(text)
    if not m or not all(m[part].strip() for part in ("target", "prop", "value")):
        raise UsageError(
            f"cannot read --set {text!r}", hint='write TARGET:PROPERTY=VALUE, e.g. "AK:e=1.2"'
        )
    target, value = m["target"].strip(), m["value"].strip().replace(" ", "")
    block = re.fullmatch(r"(?i)(?:block|kortteli|kvarter)\s*(\S+)", target)
    if block:
        kind, target = "block", block[1]
    elif re.fullmatch(r"#\d+", target):
        kind, target = "number", target[1:]
    elif target.lower() in ("all", "kaikki", "alla"):
        kind = "all"
    else:
        kind = "sign"
    if re.fullmatch(rf"[+-]{_NUMBER}%", value):
        op, amount = "scale", 1 + float(value[:-1].replace(",", ".")) / 100
    elif re.fullmatch(rf"\*{_NUMBER}", value):
        op, amount = "scale", float(value[1:].replace(",", "."))
    elif re.fullmatch(rf"[+-]{_NUMBER}", value):
        op, amount = "add", float(value.replace(",", "."))
    elif re.fullmatch(_NUMBER, value):
        op, amount = "set", float(value.replace(",", "."))
    else:
        raise UsageError(
            f"cannot read the value {m['value']!r} of --set {text!r}",
            hint="1.2, +10%, -500 or *1.1",
        )
    return Change(text, kind, target, _code(m["prop"].strip()), op, amount)


def _value(code: str, number: float, old: dict[str, Any] | None) -> dict[str, Any]:
    """A value object for ``code`` holding ``number``, shaped like the old one or the table."""
    from ryhti.codelists import registry

    if old is not None and isinstance(old.get("dataType"), str):
        out = dict(old)
        data_type = old["dataType"]
    else:
        entry = registry().value_types.entry(code)
        data_type = entry.data_types[0] if entry and entry.data_types else "PositiveDecimal"
        out = {"dataType": data_type}
        if entry and entry.units:
            out["unitOfMeasure"] = entry.units[0]
    if data_type.endswith("Numeric") or data_type == "SpotElevation":
        out["number"] = round(number)
    else:
        out["number"] = round(number, 4)
    return out


def _apply_op(change: Change, old: float | None) -> float:
    if change.op == "set":
        return change.amount
    if old is None:
        raise UsageError(f"--set {change.text!r}: a target has no {change.code} to change")
    return old * change.amount if change.op == "scale" else old + change.amount


class _Editor:
    """The plan JSON being changed, with its object ↔ group links kept at hand."""

    def __init__(self, data: dict[str, Any], seed: str) -> None:
        self.data = data
        self.seed = seed
        self.groups = {
            g["planRegulationGroupKey"]: g
            for g in data.get("planRegulationGroups", [])
            if isinstance(g, dict) and "planRegulationGroupKey" in g
        }
        self.relations = [
            r for r in data.get("planRegulationGroupRelations", []) if isinstance(r, dict)
        ]
        self.objects = [o for o in data.get("planObjects", []) if isinstance(o, dict)]
        self.counter = 0

    def key(self, kind: str) -> str:
        self.counter += 1
        return str(uuid.uuid5(NAMESPACE, f"{self.seed}:{kind}:{self.counter}"))

    def groups_of(self, object_key: str) -> list[str]:
        return [
            r["planRegulationGroupKey"]
            for r in self.relations
            if r.get("planObjectKey") == object_key
        ]

    def objects_of(self, group_key: str) -> set[str]:
        return {
            r["planObjectKey"]
            for r in self.relations
            if r.get("planRegulationGroupKey") == group_key
        }

    def main_use(self, object_key: str) -> bool:
        for gk in self.groups_of(object_key):
            for reg in self.groups.get(gk, {}).get("planRegulations", []):
                infos = reg.get("additionalInformations") or []
                if any(code_tail(i.get("type")) == MAIN_USE for i in infos if isinstance(i, dict)):
                    return True
        return False

    def copy_group(self, group_key: str, object_keys: set[str]) -> str:
        """A copy of the group for ``object_keys`` only (new keys), relinked."""
        group = copy.deepcopy(self.groups[group_key])
        new_key = self.key("group")
        group["planRegulationGroupKey"] = new_key
        group.pop("planRegulationGroupUri", None)
        for reg in group.get("planRegulations", []):
            reg["planRegulationKey"] = self.key("regulation")
            reg.pop("planRegulationUri", None)
        for rec in group.get("planRecommendations", []) or []:
            rec["planRecommendationKey"] = self.key("recommendation")
            rec.pop("planRecommendationUri", None)
        self.data["planRegulationGroups"].append(group)
        self.groups[new_key] = group
        for rel in self.relations:
            if (
                rel.get("planRegulationGroupKey") == group_key
                and rel.get("planObjectKey") in object_keys
            ):
                rel["planRegulationGroupKey"] = new_key
        return new_key


def _targets(editor: _Editor, change: Change, plan_model: Any) -> list[str]:
    keys = [o.get("planObjectKey") for o in editor.objects]
    if change.target_kind == "all":
        return [k for k in keys if isinstance(k, str)]
    if change.target_kind == "number":
        return [
            o["planObjectKey"]
            for o in editor.objects
            if str(o.get("objectNumber")) == change.target
        ]
    if change.target_kind == "block":
        from ryhti.generators import compute_figures

        blocks = compute_figures(plan_model).object_blocks
        objects = plan_model.objects()
        return [
            o.plan_object_key for o, b in zip(objects, blocks, strict=True) if b == change.target
        ]
    sign = change.target
    wanted = {
        gk
        for gk, g in editor.groups.items()
        if g.get("letterIdentifier") == sign
        or (sign.isalpha() and letter_base(g.get("letterIdentifier")) == sign)
    }
    return [k for k in keys if isinstance(k, str) and wanted & set(editor.groups_of(k))]


def _apply(editor: _Editor, change: Change, plan_model: Any, lifecycle: str) -> str:
    targets = _targets(editor, change, plan_model)
    if not targets:
        raise UsageError(f"--set {change.text!r}: no plan object matches {change.target!r}")
    target_set = set(targets)
    holders: dict[str, set[str]] = {}  # group key -> target objects holding the regulation
    for key in targets:
        for gk in editor.groups_of(key):
            regs = editor.groups.get(gk, {}).get("planRegulations", [])
            if any(code_tail(r.get("type")) == change.code for r in regs):
                holders.setdefault(gk, set()).add(key)
    changed, before, after = 0, [], []
    for gk, objs in holders.items():
        if editor.objects_of(gk) - target_set:
            gk = editor.copy_group(gk, objs)
        for reg in editor.groups[gk]["planRegulations"]:
            if code_tail(reg.get("type")) != change.code:
                continue
            old = reg.get("value") if isinstance(reg.get("value"), dict) else None
            number = old.get("number") if old else None
            old_number = (
                float(number)
                if isinstance(number, int | float) and not isinstance(number, bool)
                else None
            )
            new_number = _apply_op(change, old_number)
            if new_number <= 0:
                raise UsageError(f"--set {change.text!r} would make {change.code} {new_number:g}")
            reg["value"] = _value(change.code, new_number, old)
            reg["planRegulationKey"] = editor.key("regulation")
            reg.pop("planRegulationUri", None)
            before.append(old_number)
            after.append(reg["value"]["number"])
            changed += len(objs)
    held = {k for objs in holders.values() for k in objs}
    lacking: list[str] = []
    if change.op == "set":
        if change.target_kind in ("sign", "number"):
            lacking = [k for k in targets if k not in held]
        elif not holders:  # a block or the whole plan: its land-use objects carry it
            lacking = [k for k in targets if editor.main_use(k)]
    if not holders and not lacking:
        raise UsageError(
            f"--set {change.text!r}: the objects of {change.target!r} have no {change.code} "
            "to change",
            hint="set a value outright (=1.2) to add it",
        )
    added = 0
    if lacking:
        group_key = editor.key("group")
        editor.data["planRegulationGroups"].append(
            {
                "planRegulationGroupKey": group_key,
                "titleOfPlanRegulation": {"fin": _title(change.code)},
                "planRegulations": [
                    {
                        "planRegulationKey": editor.key("regulation"),
                        "lifeCycleStatus": lifecycle,
                        "type": REG + change.code,
                        "value": _value(change.code, change.amount, None),
                    }
                ],
            }
        )
        editor.groups[group_key] = editor.data["planRegulationGroups"][-1]
        for key in lacking:
            relation = {"planObjectKey": key, "planRegulationGroupKey": group_key}
            editor.relations.append(relation)
            editor.data["planRegulationGroupRelations"].append(relation)
        added = len(lacking)
    parts = []
    if changed:
        olds = sorted({b for b in before if b is not None})
        news = sorted(set(after))
        parts.append(f"{change.code} {_span(olds)} → {_span(news)} on {changed} objects")
    if added:
        parts.append(f"{change.code} = {change.amount:g} added to {added} objects")
    return f"{change.text}: " + "; ".join(parts)


def _span(values: list[float]) -> str:
    if not values:
        return "–"
    if len(values) == 1:
        return f"{values[0]:g}"
    return f"{values[0]:g}…{values[-1]:g}"


def _title(code: str) -> str:
    from ryhti.archive.regulations import phrasers

    reg = phrasers()[0]
    found = reg.lookup(code, "RY_Kaavamaarayslaji") if reg is not None else None
    return (found.labels.get("fi") if found is not None else None) or code


def apply_scenario(
    data: dict[str, Any],
    changes: list[Change],
    *,
    plan_type: str | None = None,
    municipality: str | None = None,
) -> ScenarioResult:
    """Apply ``changes`` to a copy of the plan JSON ``data``; validate base and result."""
    from ryhti.model import from_json
    from ryhti.validators import validate

    seed = f"{data.get('planKey')}|" + "|".join(c.text for c in changes)
    out = copy.deepcopy(data)
    out.setdefault("planRegulationGroups", [])
    out.setdefault("planRegulationGroupRelations", [])
    editor = _Editor(out, seed)
    lifecycle = (
        data.get("lifeCycleStatus") or "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/03"
    )
    notes = []
    for change in changes:
        model = from_json(out, "plan")
        notes.append(_apply(editor, change, model, lifecycle))
    out["planKey"] = str(uuid.uuid5(NAMESPACE, seed))
    out.pop("planUri", None)
    description = data.get("planDescription")
    note = "Skenaario: " + "; ".join(c.text for c in changes)
    out["planDescription"] = (
        f"{description} — {note}" if isinstance(description, str) and description else note
    )
    base = validate(from_json(data, "plan"), plan_type=plan_type, municipality=municipality)
    result = validate(from_json(out, "plan"), plan_type=plan_type, municipality=municipality)
    seen = {(f.rule, f.message) for f in base.errors}
    new_errors = [
        f"{f.rule} {f.path}: {f.message}" for f in result.errors if (f.rule, f.message) not in seen
    ]
    inherited = [
        f"{f.rule} {f.path}: {f.message}" for f in result.errors if (f.rule, f.message) in seen
    ]
    return ScenarioResult(out, notes, new_errors, inherited)
