"""Reading the rule fixtures: YAML files of passing and failing cases, applied to a base.

A fixture file ``fixtures/<RULE>.yml``::

    rule: G014
    base: plan                       # plan (default), matter or phase
    options: {plan_type: "23"}       # validate() keyword arguments; config: {...}
    pass:
      - name: neighbours share an edge
        patch: []
    fail:
      - name: the VL area reaches into the block
        patch:
          - {op: replace, path: /planObjects/1/geometry/geometry/coordinates, value: [...]}
        expect:                      # findings of the rule that must be there
          - {path: "$.planObjects[0].geometry", object_key: "…", official_id: "…"}
        count: 1                     # exact number of findings of the rule (optional)
        also: [R007]                 # other rules the change is allowed to trigger

Patch operations use JSON Pointers: ``add``, ``replace``, ``remove``, ``copy``, ``move``
(RFC 6902), plus ``set`` (add or replace), ``merge`` (deep-merge a mapping) and
``lifecycle`` (set every lifeCycleStatus under ``path``, default the whole document).
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.validators.bases import BASES, DEFAULT_OPTIONS, set_lifecycle

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Case:
    rule: str
    kind: str  # pass or fail
    name: str
    base: str
    patch: list[dict[str, Any]]
    options: dict[str, Any]
    expect: list[dict[str, Any]] = field(default_factory=list)
    count: int | None = None
    also: tuple[str, ...] = ()
    doc: Any = None

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.kind}-{self.name}"

    def document(self) -> Any:
        if self.doc is not None:
            return copy.deepcopy(self.doc)
        return apply(BASES[self.base](), self.patch)


def _tokens(pointer: str) -> list[str]:
    if pointer in ("", "/"):
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _parent(doc: Any, pointer: str) -> tuple[Any, str]:
    tokens = _tokens(pointer)
    node = doc
    for t in tokens[:-1]:
        node = node[int(t)] if isinstance(node, list) else node[t]
    return node, tokens[-1]


def _get(doc: Any, pointer: str) -> Any:
    node = doc
    for t in _tokens(pointer):
        node = node[int(t)] if isinstance(node, list) else node[t]
    return node


def _put(doc: Any, pointer: str, value: Any, insert: bool) -> None:
    parent, last = _parent(doc, pointer)
    if isinstance(parent, list):
        if last == "-":
            parent.append(value)
        elif insert:
            parent.insert(int(last), value)
        else:
            parent[int(last)] = value
    else:
        parent[last] = value


def _merge(target: Any, value: Any) -> Any:
    if isinstance(target, dict) and isinstance(value, dict):
        for k, v in value.items():
            target[k] = _merge(target.get(k), v) if k in target else copy.deepcopy(v)
        return target
    return copy.deepcopy(value)


def apply(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """Apply patch operations to ``doc`` (in place) and return it."""
    for op in ops or ():
        kind = op["op"]
        path = op.get("path", "")
        if kind in ("add", "set", "replace"):
            _put(doc, path, copy.deepcopy(op["value"]), insert=kind == "add")
        elif kind == "remove":
            parent, last = _parent(doc, path)
            if isinstance(parent, list):
                parent.pop(int(last))
            else:
                del parent[last]
        elif kind == "copy":
            _put(doc, path, copy.deepcopy(_get(doc, op["from"])), insert=True)
        elif kind == "move":
            value = _get(doc, op["from"])
            apply(doc, [{"op": "remove", "path": op["from"]}])
            _put(doc, path, value, insert=True)
        elif kind == "merge":
            target = _get(doc, path)
            _merge(target, op["value"])
        elif kind == "lifecycle":
            set_lifecycle(_get(doc, path), str(op["value"]))
        else:
            raise ValueError(f"unknown patch op {kind!r}")
    return doc


def load_cases() -> list[Case]:
    """Every case of every fixture file."""
    out: list[Case] = []
    for file in sorted(FIXTURES.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        rule = data["rule"]
        if rule != file.stem:
            raise ValueError(f"{file.name} declares rule {rule}")
        base = data.get("base", "plan")
        options = data.get("options") or {}
        for kind in ("pass", "fail"):
            for i, raw in enumerate(data.get(kind) or (), 1):
                case_base = raw.get("base", base)
                out.append(
                    Case(
                        rule=rule,
                        kind=kind,
                        name=str(raw.get("name") or i),
                        base=case_base,
                        patch=raw.get("patch") or [],
                        options={
                            **DEFAULT_OPTIONS[case_base],
                            **options,
                            **(raw.get("options") or {}),
                        },
                        expect=raw.get("expect") or [],
                        count=raw.get("count"),
                        also=tuple(raw.get("also") or data.get("also") or ()),
                        doc=raw.get("doc"),
                    )
                )
    return out


# -- examples for docs/rules.md ------------------------------------------------------------


@dataclass
class Example:
    """A rule's first failing and first passing fixture case, as the JSON they differ in."""

    rule: str
    file: str
    fail_name: str
    fail: dict[str, Any]
    pass_name: str
    passing: dict[str, Any]
    fail_options: dict[str, Any] = field(default_factory=dict)
    pass_options: dict[str, Any] = field(default_factory=dict)


def _json_path(pointer: str) -> str:
    out = "$"
    for token in _tokens(pointer):
        out += f"[{token}]" if token.isdigit() else f".{token}"
    return out


def _places(case: Case, doc: Any) -> list[tuple[str, str]]:
    """(pointer, how) of what a case's patch changes (``value``, ``removed`` or
    ``lifecycle``); an append (``/-``) is named by the index it took in ``doc``."""
    out: list[tuple[str, str]] = []
    for op in case.patch:
        kind = op["op"]
        path = op.get("path", "")
        if path.endswith("/-"):
            with contextlib.suppress(KeyError, IndexError, ValueError, TypeError):
                path = f"{path[:-2]}/{len(_get(doc, path[:-2])) - 1}"
        how = {"remove": "removed", "lifecycle": "lifecycle"}.get(kind, "value")
        if all(path != p for p, _ in out):
            out.append((path, how))
    return out[:4]


def _shorten(value: Any) -> Any:
    """Long lists (coordinates above all) cut to three items and an ellipsis, for reading."""
    if isinstance(value, list):
        items = [_shorten(v) for v in value[:3]]
        return [*items, "…"] if len(value) > 4 else [_shorten(v) for v in value]
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    return value


def _show(doc: Any, places: list[tuple[str, str]], failing: bool) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    for pointer, how in places:
        if how == "removed" and failing:
            shown[_json_path(pointer)] = "(removed)"
        elif how == "lifecycle":
            shown[_json_path(pointer) + "..lifeCycleStatus"] = _first_lifecycle(_get(doc, pointer))
        else:
            try:
                shown[_json_path(pointer)] = _shorten(_get(doc, pointer))
            except (KeyError, IndexError, ValueError, TypeError):
                shown[_json_path(pointer)] = "(absent)"
    return shown


def _first_lifecycle(node: Any) -> Any:
    if isinstance(node, dict):
        if "lifeCycleStatus" in node:
            return node["lifeCycleStatus"]
        node = list(node.values())
    if isinstance(node, list):
        for value in node:
            found = _first_lifecycle(value)
            if found is not None:
                return found
    return None


def _options(case: Case) -> dict[str, Any]:
    """What a case changes of its base's default options and settings."""
    out = {
        k: v
        for k, v in case.options.items()
        if k != "config" and DEFAULT_OPTIONS[case.base].get(k) != v
    }
    out.update(case.options.get("config") or {})
    return out


def examples() -> dict[str, Example]:
    """Rule id → its first failing and first passing case, showing in each document the
    places the failing case's patch changes (and the passing case's own)."""
    by_rule: dict[str, dict[str, Case]] = {}
    for case in load_cases():
        by_rule.setdefault(case.rule, {}).setdefault(case.kind, case)
    out: dict[str, Example] = {}
    for rule, cases in sorted(by_rule.items()):
        fail, passing = cases.get("fail"), cases.get("pass")
        if fail is None or passing is None:
            continue
        fail_doc, pass_doc = fail.document(), passing.document()
        places = _places(fail, fail_doc)
        places += [p for p in _places(passing, pass_doc) if p[0] not in {q[0] for q in places}]
        out[rule] = Example(
            rule=rule,
            file=f"tests/validators/fixtures/{rule}.yml",
            fail_name=fail.name,
            fail=_show(fail_doc, places, True),
            pass_name=passing.name,
            passing=_show(pass_doc, places, False),
            fail_options=_options(fail),
            pass_options=_options(passing),
        )
    return out
