"""The single pass over the document tree that every structural rule shares.

A 100,000-object plan has some 400,000 model nodes: walking them once per rule would cost more
than all the rules together. :func:`run_scan` walks them once, running the field and node
checkers every active :class:`~ryhti.validators.rule.FieldRule` compiled for each model class,
and collects on the way what other rules need from the tree (every geometry, every key).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ryhti.model import (
    UNSET,
    Model,
    RyhtiGeometry,
)
from ryhti.model.base import FieldSpec

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.rule import FieldRule

__all__ = ["FAST_PATHS", "GeomNode", "Issue", "KeyNode", "Scan", "own_key_spec", "run_scan"]


@dataclass(slots=True)
class Issue:
    """One structural problem found in the scan: where, in which object, with what."""

    path: str
    owner_key: str | None
    cls_name: str
    field: str
    params: dict[str, Any]


@dataclass(slots=True)
class GeomNode:
    """A ``RyhtiGeometry`` somewhere in the document, with the key of the object owning it."""

    path: str
    geom: RyhtiGeometry
    owner_key: str | None

    @property
    def owner(self) -> str:
        """The property holding the geometry's owner (``planObjects``, ``geographicalArea`` …)."""
        return _owner_name(self.path)


@dataclass(slots=True)
class KeyNode:
    """An object's own key (``planObjectKey`` of a PlanObject …) at a path."""

    name: str
    value: Any
    path: str
    cls_name: str


#: Classes whose required ``…Key`` fields refer to other objects instead of naming their own.
_REFERENCE_ONLY = frozenset({"PresentationAlignment", "RelatedPlanObjectRegulationGroupRelation"})


def own_key_spec(cls: type[Model]) -> FieldSpec | None:
    """The field holding an object's own identity (``planObjectKey`` …), if the class has one."""
    if cls.schema_name in _REFERENCE_ONLY:
        return None
    for spec in cls.specs():
        if (
            spec.json.endswith("Key")
            and spec.kind == "string"
            and spec.required
            and spec.fmt == "uuid"
        ):
            return spec
    return None


@dataclass(slots=True)
class Scan:
    """Result of the one pass over the document tree."""

    issues: dict[str, list[Issue]] = field(default_factory=dict)
    geometries: list[GeomNode] = field(default_factory=list)
    keys: list[KeyNode] = field(default_factory=list)
    nodes: int = 0


#: Inline the rules' fast paths (tests switch them off to check the checkers agree).
FAST_PATHS = True


def run_scan(doc: Model, rules: Iterable[FieldRule], ctx: Context) -> Scan:
    """Walk ``doc`` once, running every field and node checker of ``rules``.

    For speed (a 100,000-object plan has some 400,000 nodes) each model class gets a
    visitor function generated once per scan, with its field checks unrolled: no
    per-field loop, no tuple unpacking, paths built only for issues and children.
    """
    rules = list(rules)
    visitors: dict[type, Callable[..., None]] = {}
    out = Scan()
    issues = out.issues
    geometries = out.geometries
    keys = out.keys

    def emit(rule_id: str, path: str, owner: Any, cls_name: str, fname: str, found: Any) -> None:
        bucket = issues.setdefault(rule_id, [])
        for suffix, params in found:
            bucket.append(Issue(path + suffix, owner, cls_name, fname, params))

    def visitor(cls: type) -> Callable[..., None]:
        fn = visitors.get(cls)
        if fn is None:
            fn = _compile_visitor(cls, rules, ctx, emit, keys, geometries)
            visitors[cls] = fn
        return fn

    stack: list[tuple[Model, str, str | None]] = [(doc, "$", None)]
    push = stack.append
    nodes = 0
    while stack:
        obj, path, owner = stack.pop()
        nodes += 1
        cls = type(obj)
        fn = visitors.get(cls) or visitor(cls)
        fn(obj, path, owner, push)
    out.nodes = nodes
    return out


def _compile_visitor(
    cls: type[Model], rules: list[FieldRule], ctx: Context, emit: Any, keys: list, geometries: list
) -> Callable[..., None]:
    """Generate ``visit(obj, path, owner, push)`` for one model class."""
    ns: dict[str, Any] = {
        "UNSET": UNSET,
        "Model": Model,
        "emit": emit,
        "keys": keys,
        "geometries": geometries,
        "KeyNode": KeyNode,
        "GeomNode": GeomNode,
        "_owner_name": _owner_name,
        "NAME": cls.schema_name,
    }
    lines = ["def visit(obj, path, owner, push):"]
    key_spec = own_key_spec(cls)
    if key_spec is not None:
        lines += [
            f"    k = obj.{key_spec.attr}",
            "    if k is not UNSET:",
            f"        keys.append(KeyNode({key_spec.json!r}, k, path, NAME))",
            "        if type(k) is str:",
            "            owner = k",
        ]
    if cls is RyhtiGeometry:
        lines.append("    geometries.append(GeomNode(path, obj, owner))")
    n = 0
    for rule in rules:
        node_fn = rule.compile_node(cls, ctx)
        if node_fn is None:
            continue
        ns[f"n{n}"] = node_fn
        call = [
            f"r = n{n}(obj)",
            "if r:",
            f"    emit({rule.id!r}, path, owner, NAME, '', r)",
        ]
        guard = rule.fast_node_ok(cls, ctx) if FAST_PATHS else None
        if guard:
            lines += [f"    if not ({guard}):", *("        " + c for c in call)]
        else:
            lines += ["    " + c for c in call]
        n += 1
    children: list[str] = []
    for j, spec in enumerate(cls.specs()):
        checks: list[tuple[str, str, bool, str | None]] = []
        for rule in rules:
            fn = rule.compile_field(cls, spec, ctx)
            if fn is None:
                continue
            name = f"f{j}_{len(checks)}"
            ns[name] = fn
            fast = rule.fast_ok(cls, spec, ctx) if FAST_PATHS else None
            expr = None
            if fast is not None:
                expr, names = fast
                for key, value in names.items():
                    ns[f"{name}_{key}"] = value
                    expr = expr.replace("{" + key + "}", f"{name}_{key}")
            checks.append((name, rule.id, rule.sees_unset, expr))
        child = None
        if spec.kind in ("object", "value"):
            child = "object"
        elif spec.kind == "array" and spec.item_kind in ("object", "value"):
            child = "list"
        if not checks and child is None:
            continue
        json_name = spec.json
        lines.append(f"    v = obj.{spec.attr}")
        unset = [c for c in checks if c[2]]
        if unset:
            lines.append("    if v is UNSET:")
            for name, rule_id, _, _ in unset:
                lines += [
                    f"        r = {name}(v)",
                    "        if r:",
                    f"            emit({rule_id!r}, path + {'.' + json_name!r}, owner, NAME, {json_name!r}, r)",
                ]
            lines.append("    else:")
        else:
            lines.append("    if v is not UNSET:")
        body = []
        for name, rule_id, _, expr in checks:
            call = [
                f"r = {name}(v)",
                "if r:",
                f"    emit({rule_id!r}, path + {'.' + json_name!r}, owner, NAME, {json_name!r}, r)",
            ]
            if expr:
                body += [f"if not ({expr}):", *("    " + c for c in call)]
            else:
                body += call
        if child == "object":
            body += [
                "if isinstance(v, Model):",
                f"    push((v, path + {'.' + json_name!r}, owner))",
            ]
        elif child == "list":
            body += [
                "if type(v) is list:",
                f"    base = path + {'.' + json_name!r}",
                "    for i, item in enumerate(v):",
                "        if isinstance(item, Model):",
                "            push((item, f'{base}[{i}]', owner))",
            ]
        if not body:
            body = ["pass"]
        lines += ["        " + b for b in body]
        children.append(json_name)
    if len(lines) == 1:
        lines.append("    return None")
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<visitor {cls.schema_name}>", "exec"), ns)
    return ns["visit"]


def _owner_name(path: str) -> str:
    """``$.planObjects[3].geometry`` → ``planObjects``; ``$.geographicalArea`` → ``geographicalArea``."""
    parts = path.split(".")
    last = parts[-1].split("[")[0]
    if last == "geometry" and len(parts) > 2:
        return parts[-2].split("[")[0]
    return last
