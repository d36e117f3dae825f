"""Remote answers mapped back: Ryhti's errors as findings on the plan's own objects.

The server names a failing rule (``ruleId``), a place (``instance``) and often the
object's key (``classKey``). The place comes in several spellings, all seen in real
answers: ``$.planObjects[0].name`` (a JSON path), ``plan.planObjects[0].undergroundStatus``
(a DTO name in front), ``$[0].planObjectKea`` (the list's name lost; the message names
the class ``PlanObject``), ``planDto`` (the whole body) and ``Type`` (a property name
alone). :func:`resolve` turns each into a JSON path into the document that was sent,
the key of the nearest plan object, group or regulation, and that object's geometry.
A conversion report, when given, then leads from the key to the source feature or line.

:func:`compare` sets local findings against remote ones by Syke rule id, so
``ryhti validate --remote`` can say what each side found that the other did not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.api.responses import Outcome, Problem, RemoteError
from ryhti.findings import Finding, Severity
from ryhti.model import UNSET, Model, walk

__all__ = [
    "Diff",
    "Resolution",
    "SourceIndex",
    "compare",
    "findings_from_outcome",
    "findings_from_problem",
    "load_conversion_report",
    "normalise_rule_id",
    "remote_validate",
    "resolve",
]

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


# ------------------------------------------------------------------------------------------
# Document index and path resolution
# ------------------------------------------------------------------------------------------


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


# ------------------------------------------------------------------------------------------
# Conversion report
# ------------------------------------------------------------------------------------------

_KEY_FIELDS = (
    "objectKey",
    "key",
    "planObjectKey",
    "planRegulationGroupKey",
    "planRegulationKey",
    "planRecommendationKey",
    "generalRegulationGroupKey",
    "planKey",
    "object_key",
)
_LOCATION_FIELDS = (
    "file",
    "path",
    "source",
    "layer",
    "feature",
    "featureId",
    "feature_id",
    "fid",
    "line",
    "column",
    "row",
    "page",
    "table",
    "gmlId",
    "gml_id",
    "handle",
    "attribute",
    "field",
)
_UUID_TEXT = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class SourceIndex:
    """Object key → place in the source (file, layer, feature, line), from a conversion report.

    Read as plain JSON, so this package needs nothing from the converters. Any object in
    the report that carries a key (``objectKey``, ``key``, ``planObjectKey`` …) and
    location fields (``file``, ``layer``, ``feature``/``fid``, ``line`` …, flat or under
    ``source``/``location``) is indexed; the first entry for a key wins. A map
    ``{"<key>": {location}}`` works too.
    """

    def __init__(
        self, locations: dict[str, dict[str, Any]] | None = None, source: str | None = None
    ) -> None:
        self.locations = {k.lower(): v for k, v in (locations or {}).items()}
        self.source = source

    def __len__(self) -> int:
        return len(self.locations)

    def get(self, key: str | None) -> dict[str, Any] | None:
        return self.locations.get(key.lower()) if key else None

    @classmethod
    def from_json(cls, data: Any, source: str | None = None) -> SourceIndex:
        found: dict[str, dict[str, Any]] = {}
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
                continue
            if not isinstance(node, dict):
                continue
            key = next(
                (
                    node[k]
                    for k in _KEY_FIELDS
                    if isinstance(node.get(k), str) and _UUID_TEXT.match(node[k])
                ),
                None,
            )
            location = _location(node)
            if key is not None and location:
                found.setdefault(key.lower(), location)
            for name, value in node.items():
                if isinstance(name, str) and _UUID_TEXT.match(name) and isinstance(value, dict):
                    loc = _location(value)
                    if loc:
                        found.setdefault(name.lower(), loc)
                elif isinstance(value, dict | list):
                    stack.append(value)
        return cls(found, source)


#: Location keys normalised to the names the reports read (``file``, ``layer``, ``feature``).
_LOCATION_ALIASES = {
    "path": "file",
    "fid": "feature",
    "featureId": "feature",
    "feature_id": "feature",
    "gml_id": "gmlId",
}


def _location(node: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for nested in ("source", "location", "origin", "sourceLocation", "source_location"):
        value = node.get(nested)
        if isinstance(value, dict):
            found = {k: v for k, v in value.items() if k in _LOCATION_FIELDS and v is not None}
            if found:
                break
    if not found:
        found = {
            k: v
            for k, v in node.items()
            if k in _LOCATION_FIELDS and v is not None and not isinstance(v, dict | list)
        }
    out: dict[str, Any] = {}
    for key, value in found.items():
        name = _LOCATION_ALIASES.get(key, key)
        if name == "source" and isinstance(value, str):
            name = "file"
        out.setdefault(name, value)
    return out


def load_conversion_report(path: str | Path) -> SourceIndex:
    """Read a conversion report (JSON) into a :class:`SourceIndex`."""
    from ryhti.io import read_json

    return SourceIndex.from_json(read_json(path), str(path))


# ------------------------------------------------------------------------------------------
# Findings
# ------------------------------------------------------------------------------------------


def _rule_catalogue() -> dict[str, str]:
    """Syke rule id → the project's rule id, from the validator's catalogue when present."""
    try:
        from ryhti.validators.catalogue import catalogue
    except Exception:  # the validator is optional for the API package
        return {}
    aliases: dict[str, str] = {}
    try:
        for rule in catalogue():
            for official in getattr(rule, "official_ids", ()) or ():
                norm = normalise_rule_id(official)
                if norm:
                    aliases.setdefault(norm, rule.id)
    except Exception:  # a catalogue still being written must not break remote findings
        return {}
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


# ------------------------------------------------------------------------------------------
# Local versus remote
# ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Diff:
    """What the local engine and Ryhti found, set side by side by Syke rule id.

    ``missed_locally``: remote findings whose rule the local engine did not report for
    the same object; ``missed_remotely``: local findings with a Syke rule id that Ryhti
    did not report; ``agreed``: pairs found by both; ``local_only_rules``: local findings
    with no Syke rule id (project rules that cannot be compared).
    """

    missed_locally: list[Finding] = field(default_factory=list)
    missed_remotely: list[Finding] = field(default_factory=list)
    agreed: list[tuple[Finding, Finding]] = field(default_factory=list)
    local_only_rules: list[Finding] = field(default_factory=list)

    @property
    def rules_missed_locally(self) -> list[str]:
        return sorted({f.official_id or f.rule for f in self.missed_locally})

    @property
    def rules_missed_remotely(self) -> list[str]:
        return sorted({f.official_id or f.rule for f in self.missed_remotely})

    @property
    def identical(self) -> bool:
        return not self.missed_locally and not self.missed_remotely

    def to_json(self) -> dict[str, Any]:
        return {
            "missedLocally": [f.to_json() for f in self.missed_locally],
            "missedRemotely": [f.to_json() for f in self.missed_remotely],
            "agreed": len(self.agreed),
            "localOnlyRules": len(self.local_only_rules),
            "rulesMissedLocally": self.rules_missed_locally,
            "rulesMissedRemotely": self.rules_missed_remotely,
        }

    def text(self) -> str:
        """A short human summary for the terminal."""
        lines = [
            f"Local and remote validation: {len(self.agreed)} finding(s) agreed, "
            f"{len(self.missed_locally)} found only by Ryhti, "
            f"{len(self.missed_remotely)} found only locally"
            + (
                f" ({len(self.local_only_rules)} local finding(s) of project rules without a Syke id not compared)"
                if self.local_only_rules
                else ""
            )
        ]
        if self.missed_locally:
            lines.append("Found by Ryhti, missed by the local engine:")
            lines += [_line(f) for f in self.missed_locally]
        if self.missed_remotely:
            lines.append("Found by the local engine, not reported by Ryhti:")
            lines += [_line(f) for f in self.missed_remotely]
        return "\n".join(lines)


def _line(f: Finding) -> str:
    where = f.path
    if f.object_key:
        where += f" (object {f.object_key})"
    if f.location:
        where += " ← " + ", ".join(f"{k} {v}" for k, v in f.location.items())
    return f"  {f.severity.value:<7} {f.official_id or f.rule}  {where}: {f.message}"


def compare(local: Iterable[Finding], remote: Iterable[Finding]) -> Diff:
    """Match findings by normalised Syke rule id, then by object (or path) where both know it.

    A remote finding matches a local one of the same rule on the same object; when
    either side does not know the object (the server often says only ``planDto``),
    the rule alone decides.
    """
    diff = Diff()
    local_by_rule: dict[str, list[Finding]] = {}
    for f in local:
        norm = normalise_rule_id(f.official_id)
        if norm is None:
            diff.local_only_rules.append(f)
            continue
        local_by_rule.setdefault(norm, []).append(f)
    used: set[int] = set()
    remote_list = [f for f in remote]
    remote_rules = {normalise_rule_id(f.official_id) for f in remote_list}
    for r in remote_list:
        norm = normalise_rule_id(r.official_id)
        candidates = local_by_rule.get(norm or "", [])
        match = None
        for f in candidates:
            if id(f) in used:
                continue
            if _same_place(f, r):
                match = f
                break
        if match is None:
            # same rule, place unknown on one side: count as agreed with any unused one
            for f in candidates:
                if id(f) not in used and not (_knows_place(f) and _knows_place(r)):
                    match = f
                    break
        if match is None:
            diff.missed_locally.append(r)
        else:
            used.add(id(match))
            diff.agreed.append((match, r))
    for norm, fs in local_by_rule.items():
        for f in fs:
            if id(f) in used:
                continue
            if norm in remote_rules and not _knows_place(f):
                continue
            diff.missed_remotely.append(f)
    return diff


def _knows_place(f: Finding) -> bool:
    return bool(f.object_key) or f.path not in ("$", "")


def _same_place(a: Finding, b: Finding) -> bool:
    if a.object_key and b.object_key:
        return a.object_key.lower() == b.object_key.lower()
    return a.path == b.path
