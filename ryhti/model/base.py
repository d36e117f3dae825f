"""Machinery behind the typed plan model: declared fields, lossless load and dump.

Why not a validating model library? A QA tool must *load* broken plans in order to
say what is wrong with them. So loading here never rejects anything: a value of the
wrong type is kept as it came, an unknown property is kept in ``extra``, a missing
property stays :data:`UNSET` (distinct from an explicit ``null``, which is
``None``). Dumping gives back the same JSON, number for number. Structural
validation is a separate step (``ryhti.validators``) driven by the same field
declarations, which also produce the project's JSON Schema (``ryhti.model.schema``;
the files are written with the snapshot's codes by ``ryhti.codelists.schema``).

A model class is a slotted dataclass whose fields are declared with :func:`f`::

    @model
    class PlanOperator(Model):
        plan_operator_key: str = f(req=True, fmt="uuid")
        first_name: str | None = f()

The JSON name is the camelCase form of the attribute name. The annotation gives the
JSON type (``str``, ``int``, ``float``, ``bool``, a model class, ``list[...]``) and
``| None`` means the property may be ``null``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar, dataclass_transform

__all__ = ["UNSET", "FieldSpec", "Model", "f", "model", "path_parts", "walk"]


class _Unset:
    """Marker for a property that is absent from the JSON (as opposed to ``null``)."""

    __slots__ = ()
    _instance: ClassVar[_Unset | None] = None

    def __new__(cls) -> _Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "UNSET"


#: The value of every field that was not present in the loaded JSON.
UNSET: Any = _Unset()


def f(
    *,
    req: bool = False,
    fmt: str | None = None,
    codelist: str | None = None,
    closed: bool = True,
    enum: tuple[str, ...] | None = None,
    min_items: int | None = None,
    max_items: int | None = None,
    min_length: int | None = None,
    read_only: bool = False,
    deprecated: bool = False,
    json: str | None = None,
    doc: str | None = None,
) -> Any:
    """Declare a model field.

    ``req``: required in the official description. ``fmt``: ``uuid``, ``date``,
    ``date-time``, ``int32`` or ``double``. ``codelist``: id of the code list whose
    code URIs the value (or each list item) must be; ``closed=False`` when the
    official description leaves the field a free string (the code list is then
    checked by the validator, not by the schema). ``enum``: literal allowed values.
    ``read_only``: assigned by the server; producers should not send it.
    """
    meta = {
        "req": req,
        "fmt": fmt,
        "codelist": codelist,
        "closed": closed,
        "enum": enum,
        "min_items": min_items,
        "max_items": max_items,
        "min_length": min_length,
        "read_only": read_only,
        "deprecated": deprecated,
        "json": json,
        "doc": doc,
    }
    return field(default=UNSET, metadata=meta)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Everything known about one property of a model class.

    ``kind`` is the JSON shape: ``string``, ``integer``, ``number``, ``boolean``,
    ``object`` (a nested model), ``value`` (a value object chosen by its
    ``dataType``) or ``array`` (then ``item_kind``/``item_model`` describe items).
    """

    attr: str
    json: str
    kind: str
    model: type[Model] | None
    item_kind: str | None
    item_model: type[Model] | None
    nullable: bool
    required: bool
    fmt: str | None
    codelist: str | None
    closed: bool
    enum: tuple[str, ...] | None
    min_items: int | None
    max_items: int | None
    min_length: int | None
    read_only: bool
    deprecated: bool
    doc: str | None


def camel(name: str) -> str:
    """``plan_object_key`` -> ``planObjectKey``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean", Any: "any"}

M = TypeVar("M", bound="Model")


@dataclass(slots=True, kw_only=True)
class Model:
    """Base of every payload class.

    ``extra`` holds properties the official description does not know, in input
    order, so nothing is dropped and the validator can report each one.
    """

    extra: dict[str, Any] | None = field(default=None, repr=False)

    #: Name of the class in the official description (``ValidatePlan``, ``PlanObject``…).
    schema_name: ClassVar[str] = ""
    #: Attributes inherited from a parent class that this class does not accept.
    EXCLUDED: ClassVar[tuple[str, ...]] = ()
    _specs: ClassVar[tuple[FieldSpec, ...]]
    _by_json: ClassVar[dict[str, FieldSpec]]
    _loaders: ClassVar[dict[str, Callable[[Any], Any]]]
    _load: ClassVar[Callable[[dict[str, Any]], Any]]
    _children: ClassVar[tuple[FieldSpec, ...]]

    # -- declared fields -------------------------------------------------------------
    @classmethod
    def specs(cls) -> tuple[FieldSpec, ...]:
        """The declared fields, in official order."""
        if "_specs" not in cls.__dict__:
            _compile(cls)
        return cls._specs

    @classmethod
    def spec(cls, json_name: str) -> FieldSpec | None:
        """The field with JSON name ``json_name``, if declared."""
        if "_specs" not in cls.__dict__:
            _compile(cls)
        return cls._by_json.get(json_name)

    # -- load / dump -------------------------------------------------------------------
    @classmethod
    def from_json(cls: type[M], data: dict[str, Any]) -> M:
        """Build an instance from parsed JSON without rejecting anything.

        Properties of the wrong JSON type are kept unchanged; unknown ones go to
        ``extra``. ``data`` must be a dict (callers check the top level).
        """
        load = cls.__dict__.get("_load")
        if load is None:
            load = _compile(cls)._load
        return load(data)

    def to_json(self) -> dict[str, Any]:
        """The JSON object, equal to the loaded one (key order aside)."""
        out: dict[str, Any] = {}
        for spec in self.specs():
            value = getattr(self, spec.attr)
            if value is UNSET:
                continue
            out[spec.json] = _dump(value)
        if self.extra:
            for key, value in self.extra.items():
                out[key] = value
        return out

    # -- conveniences -----------------------------------------------------------------
    def is_set(self, attr: str) -> bool:
        """True if the property was present in the JSON (even if ``null``)."""
        return getattr(self, attr) is not UNSET

    def get(self, attr: str, default: Any = None) -> Any:
        """The attribute's value, or ``default`` when absent or null."""
        value = getattr(self, attr)
        return default if value is UNSET or value is None else value

    def unknown_properties(self, path: str = "$") -> Iterator[tuple[str, str]]:
        """Yield ``(json_path, name)`` for every unknown property at any depth."""
        for obj_path, obj in walk(self, path):
            if obj.extra:
                for key in obj.extra:
                    yield f"{obj_path}.{key}", key


def _dump(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_json()
    if type(value) is list:
        return [_dump(v) for v in value]
    return value


def path_parts(path: str) -> list[str | int]:
    """``$.planObjects[3].geometry`` -> ``["planObjects", 3, "geometry"]`` (inverse of :func:`walk`'s paths)."""
    out: list[str | int] = []
    for piece in path.removeprefix("$").split("."):
        if not piece:
            continue
        name, *indexes = piece.split("[")
        if name:
            out.append(name)
        out.extend(int(i.rstrip("]")) for i in indexes)
    return out


def walk(obj: Model, path: str = "$") -> Iterator[tuple[str, Model]]:
    """Yield ``(json_path, model)`` for ``obj`` and every model nested in it.

    Paths look like ``$.planObjects[3].geometry``, the form Syke's validator uses
    in its ``instance`` field.
    """
    stack: list[tuple[str, Model]] = [(path, obj)]
    while stack:
        p, o = stack.pop()
        yield p, o
        children = (
            type(o)._children if "_specs" in type(o).__dict__ else _compile(type(o))._children
        )
        pending: list[tuple[str, Model]] = []
        for spec in children:
            value = getattr(o, spec.attr)
            if isinstance(value, Model):
                pending.append((f"{p}.{spec.json}", value))
            elif type(value) is list:
                base = f"{p}.{spec.json}"
                pending.extend(
                    (f"{base}[{i}]", v) for i, v in enumerate(value) if isinstance(v, Model)
                )
        stack.extend(reversed(pending))


# -- compilation of field specs and loaders --------------------------------------------

_VALUE_BASE: list[type[Model]] = []  # set by ryhti.model.values (the AttributeValue base)
_VALUE_DISPATCH: dict[str, type[Model]] = {}  # dataType -> class


def register_values(base: type[Model], classes: Mapping[str, type[Model]]) -> None:
    """Tell the loader how to pick a value class from its ``dataType``."""
    _VALUE_BASE[:] = [base]
    _VALUE_DISPATCH.clear()
    _VALUE_DISPATCH.update(classes)


def _load_value(raw: Any) -> Any:
    # ``dataType`` may be anything in a broken plan (an object, a list): only a string
    # can name a class; anything else stays the raw dict for the validator to report.
    if type(raw) is dict:
        data_type = raw.get("dataType")
        cls = _VALUE_DISPATCH.get(data_type) if type(data_type) is str else None
        if cls is not None:
            return cls.from_json(raw)
    return raw


def _classify(tp: Any) -> tuple[str, type[Model] | None, bool]:
    """Map an annotation to (kind, model class, nullable)."""
    nullable = False
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        nullable = len(args) != len(typing.get_args(tp))
        if len(args) != 1:
            raise TypeError(f"unsupported union annotation {tp!r}")
        tp = args[0]
        origin = typing.get_origin(tp)
    if origin is list:
        return "array", None, nullable
    if isinstance(tp, type) and issubclass(tp, Model):
        if _VALUE_BASE and tp is _VALUE_BASE[0]:
            return "value", None, nullable
        return "object", tp, nullable
    if tp in _SCALARS:
        return _SCALARS[tp], None, nullable
    raise TypeError(f"unsupported annotation {tp!r}")


def _item(tp: Any) -> tuple[str, type[Model] | None]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    (item_tp,) = typing.get_args(tp)
    kind, model_cls, _ = _classify(item_tp)
    return kind, model_cls


def _make_loader(spec: FieldSpec) -> Callable[[Any], Any]:
    if spec.kind == "object":
        cls = spec.model
        assert cls is not None
        return lambda raw: cls.from_json(raw) if type(raw) is dict else raw
    if spec.kind == "value":
        return _load_value
    if spec.kind == "array" and spec.item_kind == "object":
        item_cls = spec.item_model
        assert item_cls is not None

        def load_list(raw: Any) -> Any:
            if type(raw) is not list:
                return raw
            return [item_cls.from_json(x) if type(x) is dict else x for x in raw]

        return load_list
    if spec.kind == "array" and spec.item_kind == "value":
        return lambda raw: [_load_value(x) for x in raw] if type(raw) is list else raw
    return _identity


def _identity(raw: Any) -> Any:
    return raw


def _generate_load(cls: type[Model], specs: list[FieldSpec]) -> Callable[[dict[str, Any]], Any]:
    """Generate ``cls``'s loader: one straight-line function per class.

    Loading a 100,000-object plan builds about a million model objects; a generic
    loop with ``cls(**kwargs)`` spent most of its time in dict juggling and the
    dataclass ``__init__``. The generated function sets each slot from
    ``data.get`` (absent -> ``UNSET``), passes nested values through the field's
    loader (which returns anything that is not a dict/list unchanged) and collects
    unknown keys only when there are any.
    """
    env: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "UNSET": UNSET}
    known = frozenset(s.json for s in specs)
    env["_known"] = known
    lines = ["def _load(data):", "    obj = _new(_cls)", "    g = data.get"]
    for i, spec in enumerate(specs):
        loader = _make_loader(spec)
        if loader is _identity:
            lines.append(f"    obj.{spec.attr} = g({spec.json!r}, UNSET)")
        else:
            env[f"_l{i}"] = loader
            lines.append(f"    obj.{spec.attr} = _l{i}(g({spec.json!r}, UNSET))")
    declared = {s.attr for s in specs}
    for fld in dataclasses.fields(cls):
        if fld.name != "extra" and fld.name not in declared:  # excluded inherited fields
            lines.append(f"    obj.{fld.name} = UNSET")
    lines += [
        "    if _known.issuperset(data):",
        "        obj.extra = None",
        "    else:",
        "        obj.extra = {k: v for k, v in data.items() if k not in _known}",
        "    return obj",
    ]
    exec("\n".join(lines), env)
    return env["_load"]


def _compile(cls: type[Model]) -> type[Model]:
    hints = typing.get_type_hints(cls)
    specs: list[FieldSpec] = []
    excluded = set(getattr(cls, "EXCLUDED", ()))
    for fld in dataclasses.fields(cls):
        if fld.name == "extra" or fld.name in excluded:
            continue
        meta = fld.metadata
        kind, model_cls, nullable = _classify(hints[fld.name])
        item_kind = item_model = None
        if kind == "array":
            item_kind, item_model = _item(hints[fld.name])
        specs.append(
            FieldSpec(
                attr=fld.name,
                json=meta.get("json") or camel(fld.name),
                kind=kind,
                model=model_cls,
                item_kind=item_kind,
                item_model=item_model,
                nullable=nullable,
                required=bool(meta.get("req")),
                fmt=meta.get("fmt"),
                codelist=meta.get("codelist"),
                closed=meta.get("closed", True),
                enum=meta.get("enum"),
                min_items=meta.get("min_items"),
                max_items=meta.get("max_items"),
                min_length=meta.get("min_length"),
                read_only=bool(meta.get("read_only")),
                deprecated=bool(meta.get("deprecated")),
                doc=meta.get("doc"),
            )
        )
    cls._specs = tuple(specs)
    cls._by_json = {s.json: s for s in specs}
    cls._loaders = {s.json: _make_loader(s) for s in specs}
    cls._load = _generate_load(cls, specs)
    cls._children = tuple(
        s for s in specs if s.kind in ("object", "value") or s.item_kind in ("object", "value")
    )
    return cls


@dataclass_transform(kw_only_default=True, eq_default=True, field_specifiers=(f, field))
def model(cls: type[M]) -> type[M]:
    """Class decorator: make ``cls`` a slotted, keyword-only dataclass model (declared a
    dataclass transform, so type checkers see each model's fields and constructor)."""
    if not cls.__dict__.get("schema_name"):
        cls.schema_name = cls.__name__
    return dataclass(slots=True, kw_only=True, eq=True, repr=True)(cls)
