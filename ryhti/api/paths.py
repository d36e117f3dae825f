"""Where in the sent document a remote error points: Syke's spellings of a place → a JSON path.

The server names a failing rule (``ruleId``), a place (``instance``) and often the object's key
(``classKey``). The place comes in several spellings, all seen in real answers:
``$.planObjects[0].name`` (a JSON path), ``plan.planObjects[0].undergroundStatus`` (a DTO name
in front), ``$[0].planObjectKea`` (the list's name lost; the message names the class
``PlanObject``), ``planDto`` (the whole body) and ``Type`` (a property name alone).
:func:`resolve` turns each into a JSON path into the document that was sent, the key of the
nearest plan object, group or regulation, and that object's geometry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ryhti.api.responses import RemoteError
from ryhti.model import UNSET, Model, walk

__all__ = ["DocumentIndex", "Resolution", "normalise_rule_id", "primary_key", "resolve"]

#: Classes that link objects rather than being objects: their key fields point elsewhere.
_LINK_CLASSES = frozenset(
    {
        "PlanRegulationGroupRelations",
        "PresentationAlignment",
        "RelatedPlanObjectRegulationGroupRelation",
        "RelatedRegulationGroupPlanObjectRelation",
        "CancelledGroupRelations",
    }
)

#: Names the server puts in front of a path for the body itself.
_ROOT_ALIASES = frozenset(
    {
        "plan",
        "plandto",
        "validateplan",
        "validateplandto",
        "planmatter",
        "planmatterdto",
        "plandecision",
        "planmatterphase",
        "planmatterphasedto",
        "request",
        "body",
        "dto",
        "model",
    }
)

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_CLASS_IN_MESSAGE = re.compile(
    r"class '([A-Za-z]+)'|(?<![A-Za-z])([A-Z][A-Za-z]+)[- ]luokan|the ([A-Z][A-Za-z]+) class"
)


def normalise_rule_id(rule_id: str | None) -> str | None:
    """One spelling for Syke's rule ids: ``quality/req-geom-is-valid`` → ``quality__req_geom_is_valid``."""
    if not rule_id:
        return None
    text = rule_id.strip()
    if "/" in text:
        head, _, tail = text.partition("/")
        text = f"{head}__{tail}"
    return text.replace("-", "_").lower()


def primary_key(obj: Model) -> str | None:
    """The object's own key (``planObjectKey`` …), or ``None`` for links and plain values."""
    cls = type(obj)
    if cls.schema_name in _LINK_CLASSES:
        return None
    for spec in cls.specs():
        if spec.json.endswith("Key") and spec.fmt == "uuid" and spec.required:
            value = getattr(obj, spec.attr)
            return value if isinstance(value, str) else None
    return None


class DocumentIndex:
    """Every model of a document by path and by key, built once per answer."""

    def __init__(self, doc: Model) -> None:
        self.doc = doc
        self.by_path: dict[str, Model] = {}
        self.by_key: dict[str, str] = {}
        for path, obj in walk(doc):
            self.by_path[path] = obj
            key = primary_key(obj)
            if key is not None:
                self.by_key.setdefault(key.lower(), path)
        self.plan_roots = [p for p, o in self.by_path.items() if _is_plan(o) and p != "$"]

    def navigate(self, segments: list[str | int], base: str = "$") -> tuple[str, bool]:
        """Follow ``segments`` from ``base``; returns the path and whether it fully exists."""
        node: Any = self.by_path.get(base)
        path = base
        for i, seg in enumerate(segments):
            if isinstance(seg, int):
                if type(node) is not list or seg >= len(node):
                    return _join(path, segments[i:]), False
                node = node[seg]
                path = f"{path}[{seg}]"
                continue
            if isinstance(node, Model):
                spec = type(node).spec(seg)
                if spec is None:
                    match = _case_insensitive(type(node), seg)
                    if match is not None:
                        spec, seg = match, match.json
                value = (
                    getattr(node, spec.attr)
                    if spec is not None
                    else (node.extra or {}).get(seg, UNSET)
                )
            elif isinstance(node, dict):
                value = node.get(seg, UNSET)
            else:
                return _join(path, segments[i:]), False
            path = f"{path}.{seg}"
            if value is UNSET:
                return _join(path, segments[i + 1 :]), False
            node = value
        return path, True

    def enclosing(self, path: str) -> tuple[str, Model] | None:
        """The nearest model on ``path`` (itself or an ancestor) that has its own key."""
        current = path
        while True:
            obj = self.by_path.get(current)
            if obj is not None and primary_key(obj) is not None:
                return current, obj
            if current == "$":
                return None
            current = _parent(current)


def _is_plan(obj: Model) -> bool:
    return type(obj).schema_name in ("Plan", "ValidatePlan")


def _case_insensitive(cls: type[Model], name: str) -> Any:
    lowered = name.lower()
    for spec in cls.specs():
        if spec.json.lower() == lowered:
            return spec
    return None


def _join(path: str, rest: list[str | int]) -> str:
    for seg in rest:
        path = f"{path}[{seg}]" if isinstance(seg, int) else f"{path}.{seg}"
    return path


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    head, _, _ = path.rpartition(".")
    return head or "$"


def _segments(text: str) -> list[str | int]:
    out: list[str | int] = []
    for name, index in _SEGMENT.findall(text):
        out.append(int(index) if index else name)
    return out


@dataclass(slots=True)
class Resolution:
    """Where a remote error points: a JSON path, the enclosing keyed object, its geometry."""

    path: str = "$"
    exists: bool = False
    object_key: str | None = None
    object_path: str | None = None
    object_class: str | None = None
    geometry: Any = None
    srid: str | None = None


def resolve(error: RemoteError, index: DocumentIndex) -> Resolution:
    """Map an error's ``instance`` and ``classKey`` to a path and object of the document.

    The instance gives the path; ``classKey``, when it names an object of the document,
    decides the object unless the path already lies inside it. An instance that cannot
    be placed (``planDto``, ``Type``) falls back to the keyed object, else the root.
    """
    path, exists = _resolve_instance(error, index)
    res = Resolution(path=path, exists=exists)
    found = index.enclosing(path)
    key_path = index.by_key.get(error.class_key.lower()) if error.class_key else None
    if key_path is not None and not (exists and _within(key_path, path)):
        found = (key_path, index.by_path[key_path])
        if not exists:
            res.path = key_path
    if found is None:
        res.object_key = error.class_key
        return res
    obj_path, obj = found
    res.object_path = obj_path
    res.object_key = primary_key(obj)
    res.object_class = type(obj).schema_name
    geometry = getattr(obj, "geometry", None) or getattr(obj, "geographical_area", None)
    if isinstance(geometry, Model) and geometry.is_set("geometry"):
        geo = geometry.get("geometry")
        res.geometry = geo.to_json() if isinstance(geo, Model) else geo
        srid = geometry.get("srid")
        res.srid = srid if isinstance(srid, str) else None
    return res


def _within(outer: str, inner: str) -> bool:
    return inner == outer or inner.startswith(outer + ".") or inner.startswith(outer + "[")


def _resolve_instance(error: RemoteError, index: DocumentIndex) -> tuple[str, bool]:
    text = (error.instance or "").strip()
    if not text:
        return "$", False
    leading_index = False
    explicit = text.startswith("$")
    if explicit:
        text = text[1:]
        leading_index = text.startswith("[")
        text = text.lstrip(".")
    segments = _segments(text)
    if not segments:
        return "$", True
    root = index.doc
    first = segments[0]
    if (
        isinstance(first, str)
        and type(root).spec(first) is None
        and _case_insensitive(type(root), first) is None
    ):
        if first.lower() in _ROOT_ALIASES:
            # ``plan.…`` inside a plan matter means the plan in the decision
            if first.lower() == "plan" and index.plan_roots:
                for base in index.plan_roots:
                    path, ok = index.navigate(segments[1:], base)
                    if ok:
                        return path, True
            segments = segments[1:]
        elif len(segments) == 1 and not explicit:
            # a bare property name (``Type``) or a server-side name (``planDto``)
            return "$", False
    if leading_index:
        return _resolve_lost_list(segments, error, index)
    path, ok = index.navigate(list(segments))
    if not ok and index.plan_roots:
        for base in index.plan_roots:
            alt, alt_ok = index.navigate(list(segments), base)
            if alt_ok:
                return alt, True
    return path, ok or _parent_exists(path, index)


def _parent_exists(path: str, index: DocumentIndex) -> bool:
    """An unknown property (``$.planKea``) still lies in an object that exists."""
    return False if path == "$" else _parent(path) in index.by_path


def _resolve_lost_list(
    segments: list[str | int], error: RemoteError, index: DocumentIndex
) -> tuple[str, bool]:
    """``$[0].planObjectKea``: find the list item the rest of the path fits.

    Items of the class the message names (``class 'PlanObject'``) are tried first; the
    class named may also be a nested one (``LanguageString`` for ``$[0].name.fun``),
    so then any item at that index whose object holds the rest of the path, shallowest
    first.
    """
    wanted = _class_named(error)
    position = segments[0]
    items = sorted(
        (p for p in index.by_path if p.endswith(f"[{position}]")),
        key=lambda p: (p.count("."), p),
    )
    preferred = [p for p in items if type(index.by_path[p]).schema_name == wanted]
    for candidates in (preferred, items):
        for base in candidates:
            path, ok = index.navigate(list(segments[1:]), base)
            if ok or _parent_exists(path, index):
                return path, True
    return "$", False


def _class_named(error: RemoteError) -> str | None:
    for text in (error.message, error.localized.get("en"), error.localized.get("fi")):
        if text:
            match = _CLASS_IN_MESSAGE.search(text)
            if match:
                return next(g for g in match.groups() if g)
    return None
