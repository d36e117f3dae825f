"""What a rule is: metadata, messages in three languages, and the check itself.

Rules are small classes, one per file under :mod:`ryhti.validators.rules`, in the
style of sqlfluff: the class carries everything the catalogue, the reports and
``ryhti rules --explain`` need (id, Syke's rule ids, severity, plan levels, title,
why, how to fix, messages), its docstring shows the anti-pattern and the best
practice, and :meth:`Rule.check` yields findings. A rule never walks the whole
document itself when the :class:`~ryhti.validators.context.Context` already has
what it needs (indexes, geometry arrays, code values): that is what keeps a
100,000-object plan under a few seconds.

Two special kinds:

* :class:`FieldRule` — a structural rule driven by the model's ``FieldSpec``s. It
  compiles a small checker per (class, field) once; the context runs all of them
  in one pass over the document tree.
* ``remote = True`` — a rule Syke's server decides from its own state (stored
  plans, uploaded files, municipality borders). It is listed in the catalogue as
  "remote only" and never runs locally.
"""

from __future__ import annotations

import os
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from ryhti.findings import Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model.base import FieldSpec, Model
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

__all__ = [
    "ALL_KINDS",
    "DESERIALISATION_IDS",
    "FAMILIES",
    "MATTER_KINDS",
    "PHASE_KINDS",
    "PLAN_KINDS",
    "FieldRule",
    "Localized",
    "MessageError",
    "PlanRule",
    "Rule",
    "SummaryRule",
    "format_message",
    "texts",
]

#: Rule families: the first letter of a rule id.
FAMILIES: dict[str, str] = {
    "S": "Structure",
    "C": "Code lists",
    "V": "Values",
    "R": "References",
    "G": "Geometry",
    "L": "Lifecycle and dates",
    "X": "Consistency",
    "B": "Background data (--context)",
}

#: Document kinds (see ``ryhti.model.KINDS``) a rule can apply to.
ALL_KINDS: tuple[str, ...] = (
    "plan",
    "service-plan",
    "matter",
    "matter-update",
    "phase",
    "decision",
    "geometry",
    "plot-division-matter",
    "plot-division-matter-update",
)
#: Kinds that contain plans: a ValidatePlan body, a stored plan, or plans inside decisions.
PLAN_KINDS: tuple[str, ...] = ("plan", "service-plan", "matter", "phase", "decision")
#: Kinds that are plan matters.
MATTER_KINDS: tuple[str, ...] = ("matter", "matter-update")
#: Kinds that contain phases.
PHASE_KINDS: tuple[str, ...] = ("matter", "phase")
#: Kinds where a plan travels inside a plan decision (a save, not the public validation).
SAVE_KINDS: tuple[str, ...] = ("service-plan", "matter", "phase", "decision")


#: Syke rule ids its Validate API gives while *reading* the body (JSON to its data
#: objects): any of them and the answer is HTTP 400 with only these, plus one
#: ``quality__req_json_deserialization_failure`` for the whole body (``planDto``).
DESERIALISATION_IDS = frozenset(
    {"quality__req_json_unknown_property", "quality__req_json_deserialization_failure"}
)


def texts(**by_language: str) -> Mapping[str, str]:
    """A rule's message templates by language (``en=…, fi=…, sv=…``), read-only."""
    return MappingProxyType(by_language)


class Localized:
    """A message parameter worded in each language: ``Localized(en=…, fi=…, sv=…)``.

    A Swedish template filled with an English ``{problem}`` is English in a Swedish report;
    a parameter that is words (what is wrong, a code's label) is therefore given in every
    language, and each language's template is filled with its own. The finding's ``data``
    keeps the English one under the parameter's name (machine readers see one stable key).
    """

    __slots__ = ("en", "fi", "sv")

    def __init__(self, *, en: str, fi: str, sv: str) -> None:
        self.en = en
        self.fi = fi
        self.sv = sv

    def get(self, lang: str) -> str:
        """The wording in ``lang`` (English for a language it lacks)."""
        return getattr(self, lang, self.en) if lang in self.__slots__ else self.en

    def __repr__(self) -> str:
        return f"Localized(en={self.en!r}, fi={self.fi!r}, sv={self.sv!r})"


class MessageError(Exception):
    """A message template names a parameter the finding does not give (raised only when
    :data:`STRICT`: in production the placeholder stays visible instead)."""


#: ``RYHTI_STRICT_MESSAGES=1`` (set by the test suite's conftest): a placeholder without a
#: parameter raises :class:`MessageError` instead of being left in the message.
STRICT = os.environ.get("RYHTI_STRICT_MESSAGES") == "1"


class _Formatter(string.Formatter):
    """``str.format`` that leaves unknown placeholders as they are and joins lists."""

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str):
            if key in kwargs:
                return kwargs[key]
            if STRICT:
                raise MessageError(f"placeholder {{{key}}} has no parameter")
            return "{" + key + "}"
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, list | tuple | set | frozenset):
            value = ", ".join(str(v) for v in value)
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)


_FORMATTER = _Formatter()


class _Visible(dict[str, Any]):
    """Parameters for ``str.format_map`` that leave an unknown placeholder as it is."""

    def __missing__(self, key: str) -> str:
        if STRICT:
            raise MessageError(f"placeholder {{{key}}} has no parameter")
        return "{" + key + "}"


_JOINED = (list, tuple, set, frozenset)


def format_message(template: str, params: dict[str, Any]) -> str:
    """Fill a message template; unknown placeholders stay visible instead of failing
    (under :data:`STRICT` they raise :class:`MessageError` naming the template).

    Plain parameters go through ``str.format_map`` (C, ten times faster than a
    ``string.Formatter``: it matters when a plan has 100,000 findings); lists, and
    anything ``format_map`` refuses, through the formatter that joins and forgives.
    """
    try:
        if not any(isinstance(v, _JOINED) for v in params.values()):
            try:
                return template.format_map(_Visible(params))
            except (IndexError, KeyError, ValueError, AttributeError, TypeError):
                pass
        try:
            return _FORMATTER.vformat(template, (), params)
        except (IndexError, KeyError, ValueError, AttributeError):
            return template
    except MessageError as exc:
        raise MessageError(f"{exc} in {template!r}") from None


class Rule:
    """Base class of every rule. Subclasses set the class attributes and :meth:`check`.

    ``id``: stable project id, family letter + three digits (``G015``).
    ``name``: short kebab-case name (``area-reservation-overlap``), usable in ``--select``.
    ``official_ids``: Syke's rule ids this rule reproduces (first = the usual one).
    ``severity``: default severity (``warning`` for Syke's ``rec`` rules and drafts).
    ``plan_levels``: ``None`` for all levels, else a tuple of ``asemakaava``,
    ``yleiskaava``, ``maakuntakaava``; level-specific rules run only when the level is known.
    ``kinds``: document kinds the rule applies to.
    ``references``: ids of the checklist ``ryhti-rules.md`` (``R-G02``) the rule implements.
    ``messages``: templates by language (``en``, ``fi``, ``sv``) filled with the finding's parameters.
    ``approximation``: for rules the server decides with data the project lacks, how
    the local check approximates it.
    ``schema``: the rule checks a constraint the project's JSON Schema also expresses
    (a test keeps the two in agreement).
    ``remote``: listed only; decided by Syke's server from its own state.
    """

    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    official_ids: ClassVar[tuple[str, ...]] = ()
    severity: ClassVar[Severity] = Severity.ERROR
    plan_levels: ClassVar[tuple[str, ...] | None] = None
    kinds: ClassVar[tuple[str, ...]] = PLAN_KINDS
    references: ClassVar[tuple[str, ...]] = ()
    title: ClassVar[str] = ""
    why: ClassVar[str] = ""
    fix: ClassVar[str] = ""
    messages: ClassVar[Mapping[str, str]] = MappingProxyType({})
    approximation: ClassVar[str] = ""
    schema: ClassVar[bool] = False
    remote: ClassVar[bool] = False
    #: Whether the rule needs geometry (used by ``ryhti rules`` and profiles).
    spatial: ClassVar[bool] = False

    @property
    def family(self) -> str:
        """The family letter (``S``, ``C``, ``V``, ``R``, ``G``, ``L``, ``X``)."""
        return self.id[:1]

    def applies(self, ctx: Context) -> bool:
        """Whether the rule runs on this document (kind and plan level)."""
        if self.remote or ctx.kind not in self.kinds:
            return False
        if self.plan_levels is not None:
            return ctx.plan_level is not None and ctx.plan_level in self.plan_levels
        return True

    def check(self, ctx: Context) -> Iterable[Finding]:
        """Yield the findings of this rule for the document in ``ctx``."""
        return ()

    # -- building findings -----------------------------------------------------------------
    def finding(
        self,
        ctx: Context,
        *,
        path: str = "$",
        object_key: Any = None,
        geometry: Any = None,
        srid: str | None = None,
        official_id: str | None = None,
        severity: Severity | None = None,
        data: dict[str, Any] | None = None,
        **params: Any,
    ) -> Finding:
        """A finding of this rule with its messages filled in every language.

        ``params`` fill the message templates (and are kept in ``data`` when they are
        plain JSON values, so machine readers need not parse messages).
        """
        if any(type(v) is Localized for v in params.values()):
            messages = {
                lang: format_message(
                    template,
                    {k: v.get(lang) if type(v) is Localized else v for k, v in params.items()},
                )
                for lang, template in self.messages.items()
            }
            params = {k: v.en if type(v) is Localized else v for k, v in params.items()}
        else:
            messages = {
                lang: format_message(template, params) for lang, template in self.messages.items()
            }
        message = messages.get(ctx.lang) or messages.get("en") or self.title
        extra = {k: v for k, v in params.items() if _jsonable(v)}
        if data:
            extra.update(data)
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message=message,
            path=path,
            object_key=object_key if isinstance(object_key, str) else None,
            official_id=official_id if official_id is not None else self.official_id,
            messages=messages,
            geometry=geometry,
            srid=srid if srid is not None else (ctx.srid if geometry is not None else None),
            source=ctx.source,
            data=extra,
        )

    @property
    def official_id(self) -> str | None:
        """The usual Syke rule id of this rule's findings."""
        return self.official_ids[0] if self.official_ids else None

    def __repr__(self) -> str:
        return f"<Rule {self.id} {self.name}>"


class SummaryRule(Rule):
    """A rule about what the other rules found: :meth:`summarise` is called once, after
    every other rule, with their findings (before suppressions, which Syke knows nothing
    of). Its :meth:`check` yields nothing."""

    def summarise(self, ctx: Context, findings: list[Finding]) -> Iterable[Finding]:
        """Yield the findings this rule draws from the others'."""
        return ()


class PlanRule(Rule):
    """A rule over each plan of the document: ``check_plan`` is called once per plan."""

    def check(self, ctx: Context) -> Iterator[Finding]:
        for pc in ctx.plans:
            yield from self.check_plan(ctx, pc)

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterable[Finding]:
        """Yield the findings of this rule for one plan."""
        return ()


#: A compiled field checker: ``value -> None`` when fine, else an iterable of
#: ``(path suffix, parameters)`` (suffix ``""`` for the field itself, ``"[3]"`` for an item).
FieldChecker = Callable[[Any], "Iterable[tuple[str, dict[str, Any]]] | None"]


def value_checker(
    problem: Callable[[Any], dict[str, Any] | None], *, items: bool = False
) -> FieldChecker:
    """A field checker applying ``problem`` to the value, or (``items``) to each list item.

    ``problem(value)`` returns the message parameters of what is wrong, or ``None``.
    A list field whose value is not a list is left to the type rule (S003).
    """
    if items:

        def check_items(value: Any) -> Any:
            if type(value) is not list:
                return None
            return [(f"[{i}]", p) for i, v in enumerate(value) if (p := problem(v))] or None

        return check_items
    return lambda value: [("", p)] if (p := problem(value)) else None


#: A compiled node checker: ``model -> iterable of (path suffix, parameters)``.
NodeChecker = Callable[["Model"], "Iterable[tuple[str, dict[str, Any]]] | None"]


class FieldRule(Rule):
    """A structural rule checked in the context's single pass over the document tree.

    Subclasses implement :meth:`compile_field` (and/or :meth:`compile_node`); the
    returned checkers are built once per model class and cached, and the scan calls
    them for every node. ``sees_unset``: the field checker must also be called for
    absent fields (the required-property rule); all others only see present values.
    """

    kinds = ALL_KINDS
    sees_unset: ClassVar[bool] = False

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        """A checker for one declared field of ``cls``, or ``None`` if the rule ignores it."""
        return None

    def compile_node(self, cls: type[Model], ctx: Context) -> NodeChecker | None:
        """A checker for whole nodes of ``cls``, or ``None``."""
        return None

    def fast_node_ok(self, cls: type[Model], ctx: Context) -> str | None:
        """Optional: an expression over ``obj`` that is true when the node checker would
        find nothing (inlined like :meth:`fast_ok`; it may use only builtins)."""
        return None

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        """Optional: a Python expression over ``v`` that is true when the field checker
        would find nothing, with the names it uses.

        The scan inlines it in front of the checker call, so the common case (a correct
        value) costs no function call. It must never be true for a value the checker
        would report (the fixture tests run both paths).
        """
        return None

    def check(self, ctx: Context) -> Iterator[Finding]:
        for issue in ctx.scan.issues.get(self.id, ()):
            yield self.finding(
                ctx,
                path=issue.path,
                object_key=issue.owner_key,
                **{"class": issue.cls_name, "field": issue.field, **issue.params},
            )


def _jsonable(value: Any) -> bool:
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list | tuple):
        return all(_jsonable(v) for v in value)
    return False
