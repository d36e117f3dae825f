"""The code-list registry: the dated snapshot in ``schemas/codelists/``, read lazily.

Validators, converters and the NLP ask "is this a RY_Kaavamaarayslaji code, what is its
parent, what is its letter code" thousands of times per plan, so lookups are plain dict
accesses on objects built once. Nothing is read until it is asked for: the small
``index.json`` on first use, each list on first access, the project tables (notation,
lifecycle relations, value types) only when their property is touched. ``ryhti --version``
and commands that never look at code lists therefore pay nothing.

The snapshot is the project's own output of ``ryhti codelists update`` (see
``docs/codelists.md`` for the format); run time never reads the reference material.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ryhti.codelists.formats import INDEX_FORMAT, LIST_FORMAT, TABLE_FORMATS, require_format
from ryhti.errors import InputError

if TYPE_CHECKING:  # pragma: no cover - imported for type hints only
    from ryhti.codelists.tables import LifecycleRelations, Notation, ValueTypes

#: Environment variable naming a snapshot folder to use instead of the installed one, so a
#: snapshot written with ``ryhti codelists update --out DIR`` can be tried before it is committed.
SNAPSHOT_ENV = "RYHTI_CODELISTS_DIR"

#: Every code URI is ``<list URI>/code/<value>``; the separator is fixed by koodistot.suomi.fi.
CODE_SEPARATOR = "/code/"


def bare_code(value: str) -> str:
    """The code value of a code URI: ``…/RY_Kaavan_elinkaaren_tila/code/04`` → ``04``.

    A value that is already bare (``04``) comes back as it is; surrounding spaces and a
    trailing ``/`` (both found in hand-written files) do not matter. Code values never
    contain ``/`` (no list in the snapshot has one), so the last path segment is the value:
    the one reading every package uses, for messages, lookups and comparisons alike.
    """
    return value.strip().rstrip("/").rpartition("/")[2].strip()


#: koodistot.suomi.fi statuses that mean "do not use this code in new data".
#: VALID codes are usable; so are codes whose status the snapshot does not know (``None``):
#: they are in the production API enums, and refusing them would reject valid plans.
UNUSABLE_STATUSES = frozenset(
    {"DRAFT", "INCOMPLETE", "SUGGESTED", "SUPERSEDED", "RETIRED", "INVALID"}
)

#: Label languages in fallback order.
LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True, slots=True, eq=False)
class Code:
    """One code of a code list.

    Equality and hashing use ``(list_id, value)`` so codes can live in sets and dict keys
    even though ``labels`` is a dict. ``unknown`` names fields the snapshot's source could
    not provide (for example the labels of codes that exist in the RYHTI API but not yet in
    the offline copy of koodistot): such fields are ``None``/empty, never made up.
    """

    value: str
    uri: str
    list_id: str
    labels: dict[str, str] = field(default_factory=dict)
    parent: str | None = None
    level: int | None = None
    status: str | None = None
    short_name: str | None = None
    descriptions: dict[str, str] = field(default_factory=dict)
    order: int | None = None
    koodistot_id: str | None = None
    unknown: tuple[str, ...] = ()
    header: bool = False

    def label(self, lang: str = "fi") -> str | None:
        """The label in ``lang``, else in Finnish, Swedish, English; ``None`` if there is none."""
        text = self.labels.get(lang)
        if text:
            return text
        for other in LANGUAGES:
            text = self.labels.get(other)
            if text:
                return text
        return None

    @property
    def description(self) -> str | None:
        """The description in Finnish (the language koodistot always fills), else any language."""
        for lang in LANGUAGES:
            text = self.descriptions.get(lang)
            if text:
                return text
        return None

    @property
    def usable(self) -> bool:
        """False for draft, superseded, retired and other statuses not meant for new data."""
        return self.status not in UNUSABLE_STATUSES

    @property
    def assignable(self) -> bool:
        """True if plan data may carry this code: usable and not a structuring header.

        Header-level codes (``header``: koodistot's "otsikkotason koodi, jota ei käytetä
        kaavamääräyksissä", e.g. ``vesivayla`` or ``rakentamisenMaara``) only order the list;
        Syke's validator refuses them, so converters and the NLP pick a code below them.
        """
        return self.usable and not self.header

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Code):
            return NotImplemented
        return self.list_id == other.list_id and self.value == other.value

    def __hash__(self) -> int:
        return hash((self.list_id, self.value))

    def __repr__(self) -> str:
        return f"Code({self.list_id}:{self.value})"


class CodeList:
    """One code list: codes in official order plus indexes by value, URI and parent."""

    __slots__ = (
        "_by_uri",
        "_by_value",
        "_children",
        "codes",
        "id",
        "names",
        "ordering",
        "registry",
        "uri",
    )

    def __init__(
        self,
        list_id: str,
        uri: str,
        codes: list[Code],
        *,
        names: dict[str, str] | None = None,
        registry: str | None = None,
        ordering: str = "official",
    ) -> None:
        self.id = list_id
        self.uri = uri
        self.codes = codes
        self.names = names or {}
        self.registry = registry
        self.ordering = ordering
        self._by_value = {code.value: code for code in codes}
        self._by_uri = {code.uri: code for code in codes}
        self._children: dict[str | None, list[Code]] | None = None

    # -- container protocol -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Code):
            return item.list_id == self.id and item.value in self._by_value
        if isinstance(item, str):
            return item in self._by_value or item in self._by_uri
        return False

    def __getitem__(self, value_or_uri: str) -> Code:
        code = self.get(value_or_uri)
        if code is None:
            hint = _did_you_mean(value_or_uri, self._by_value)
            raise KeyError(f"{value_or_uri!r} is not a code of {self.id}{hint}")
        return code

    def __repr__(self) -> str:
        return f"CodeList({self.id}, {len(self.codes)} codes)"

    def name(self, lang: str = "fi") -> str:
        """The list's name in ``lang`` (falling back to fi, sv, en, then the id)."""
        for key in (lang, *LANGUAGES):
            if self.names.get(key):
                return self.names[key]
        return self.id

    def get(self, value_or_uri: str | Code | None) -> Code | None:
        """The code with this value or full URI, or ``None``."""
        if value_or_uri is None:
            return None
        if isinstance(value_or_uri, Code):
            return value_or_uri if value_or_uri.list_id == self.id else None
        return self._by_value.get(value_or_uri) or self._by_uri.get(value_or_uri.strip())

    def values(self) -> list[str]:
        """Code values in official order."""
        return [code.value for code in self.codes]

    def headers(self) -> list[Code]:
        """The structuring header-level codes of the list, in official order."""
        return [code for code in self.codes if code.header]

    def header_values(self) -> frozenset[str]:
        """Values of the structuring header-level codes (koodistot's "otsikkotason koodi,
        jota ei käytetä kaavamääräyksissä"): codes that plan data must not carry."""
        return frozenset(code.value for code in self.codes if code.header)

    def by_short_name(self, short_name: str) -> list[Code]:
        """Codes whose short name (letter code such as ``AK``) is ``short_name``; may be several."""
        return [code for code in self.codes if code.short_name == short_name]

    # -- hierarchy ------------------------------------------------------------------------
    def _child_map(self) -> dict[str | None, list[Code]]:
        if self._children is None:
            children: dict[str | None, list[Code]] = {}
            for code in self.codes:
                parent = code.parent if code.parent in self._by_value else None
                children.setdefault(parent, []).append(code)
            self._children = children
        return self._children

    def roots(self) -> list[Code]:
        """Top-level codes (no parent, or a parent missing from the list)."""
        return list(self._child_map().get(None, []))

    def parent(self, value: str | Code) -> Code | None:
        """The broader code of ``value``, or ``None`` at the top (or for unknown values)."""
        code = self.get(value)
        if code is None or code.parent is None:
            return None
        return self._by_value.get(code.parent)

    def ancestors(self, value: str | Code) -> list[Code]:
        """Broader codes of ``value``, nearest first. A cycle in bad data ends the walk."""
        out: list[Code] = []
        seen: set[str] = set()
        current = self.parent(value)
        while current is not None and current.value not in seen:
            out.append(current)
            seen.add(current.value)
            current = self.parent(current)
        return out

    def children(self, value: str | Code) -> list[Code]:
        """Direct narrower codes of ``value`` in official order."""
        code = self.get(value)
        if code is None:
            return []
        return list(self._child_map().get(code.value, []))

    def descendants(self, value: str | Code) -> list[Code]:
        """All narrower codes of ``value``, depth first in official order."""
        out: list[Code] = []
        seen: set[str] = set()
        stack = list(reversed(self.children(value)))
        while stack:
            code = stack.pop()
            if code.value in seen:
                continue
            seen.add(code.value)
            out.append(code)
            stack.extend(reversed(self._child_map().get(code.value, [])))
        return out

    def is_ancestor(self, ancestor: str | Code, descendant: str | Code) -> bool:
        """True if ``ancestor`` is a (strictly) broader code of ``descendant``."""
        top = self.get(ancestor)
        if top is None:
            return False
        return any(code.value == top.value for code in self.ancestors(descendant))


class Registry:
    """All code lists of one snapshot, plus the project tables built beside them.

    ``root`` is the snapshot folder (a path or an importlib ``Traversable``); by default
    the installed ``ryhti.schemas`` ``codelists/`` folder, or ``$RYHTI_CODELISTS_DIR``.
    """

    def __init__(self, root: Traversable | Path | str | None = None) -> None:
        if root is None:
            root = default_root()
        self.root: Traversable = Path(root) if isinstance(root, str) else root
        self._index: dict[str, Any] | None = None
        self._lists: dict[str, CodeList] = {}
        self._aliases: dict[str, str] | None = None
        self._by_uri: dict[str, str] | None = None
        self._tables: dict[str, Any] = {}
        self._lock = threading.Lock()

    # -- index ----------------------------------------------------------------------------
    @property
    def index(self) -> dict[str, Any]:
        """The parsed ``index.json`` (lists, their sources and the snapshot date)."""
        if self._index is None:
            node = self.root / "index.json"
            index = _read_snapshot_json(node)
            require_format(index, INDEX_FORMAT, str(node))
            if not isinstance(index.get("lists"), dict):
                raise InputError(
                    "not a code-list snapshot index (no 'lists' object)", source=str(node)
                )
            self._index = index
        return self._index

    def names(self) -> list[str]:
        """Ids of every list in the snapshot, sorted."""
        return sorted(self.index["lists"])

    def _alias_map(self) -> dict[str, str]:
        if self._aliases is None:
            aliases: dict[str, str] = {}
            by_uri: dict[str, str] = {}
            for list_id, entry in self.index["lists"].items():
                aliases[list_id] = list_id
                aliases[list_id.lower()] = list_id
                for alias in entry.get("aliases", ()):
                    aliases[alias] = list_id
                    aliases[alias.lower()] = list_id
                if entry.get("uri"):
                    by_uri[entry["uri"]] = list_id
                    aliases[entry["uri"]] = list_id
            self._aliases, self._by_uri = aliases, by_uri
        return self._aliases

    def resolve_id(self, name: str) -> str | None:
        """The list id for an id, alias (``municipalities``), or list URI; ``None`` if unknown."""
        if not isinstance(name, str):
            return None
        name = name.strip().rstrip("/")
        aliases = self._alias_map()
        return aliases.get(name) or aliases.get(name.lower())

    def suggest(self, name: str) -> list[str]:
        """Close matches among list ids and aliases, for helpful error messages."""
        return difflib.get_close_matches(name, list(self._alias_map()), n=3, cutoff=0.6)

    # -- lists ----------------------------------------------------------------------------
    def get(self, name: str) -> CodeList | None:
        """The list with this id, alias or URI, or ``None``."""
        list_id = self.resolve_id(name)
        if list_id is None:
            return None
        cached = self._lists.get(list_id)
        if cached is not None:
            return cached
        with self._lock:
            cached = self._lists.get(list_id)
            if cached is None:
                cached = self._load_list(list_id)
                self._lists[list_id] = cached
        return cached

    def __getitem__(self, name: str) -> CodeList:
        code_list = self.get(name)
        if code_list is None:
            hint = _did_you_mean(name, self._alias_map())
            raise KeyError(f"no code list {name!r} in the snapshot{hint}")
        return code_list

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.resolve_id(name) is not None

    def __iter__(self) -> Iterator[CodeList]:
        for list_id in self.names():
            yield self[list_id]

    def _load_list(self, list_id: str) -> CodeList:
        entry = self.index["lists"][list_id]
        node = self.root / entry.get("file", f"{list_id}.json")
        data = _read_snapshot_json(node)
        require_format(data, LIST_FORMAT, str(node))
        try:
            codes = [_code_from_json(raw, list_id) for raw in data["codes"]]
            return CodeList(
                list_id,
                data["uri"],
                codes,
                names=dict(data.get("names") or {}),
                registry=data.get("registry"),
                ordering=data.get("ordering", "official"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"malformed code list: {exc}", source=str(node)) from exc

    # -- lookups across lists ---------------------------------------------------------------
    def lookup(self, uri_or_value: str | None, list_id: str | None = None) -> Code | None:
        """Resolve a full code URI from any list, or a bare value within ``list_id``.

        A bare value without ``list_id`` is ambiguous (``01`` is in a dozen lists) and
        gives ``None``, as does anything not in the snapshot.
        """
        if not uri_or_value or not isinstance(uri_or_value, str):
            return None
        text = uri_or_value.strip()
        if list_id is not None:
            code_list = self.get(list_id)
            return code_list.get(text) if code_list is not None else None
        list_uri, sep, value = text.rpartition(CODE_SEPARATOR)
        if not sep:
            return None
        self._alias_map()
        assert self._by_uri is not None
        found = self._by_uri.get(list_uri)
        if found is None:
            return None
        return self[found].get(value)

    def is_header(self, code: str | Code | None, list_id: str | None = None) -> bool:
        """True if ``code`` (a Code, a full URI, or a value of ``list_id``) is a header-level code.

        Unknown codes are not headers (other checks report them as unknown).
        """
        found = code if isinstance(code, Code) else self.lookup(code, list_id)
        return found is not None and found.header

    def assignable(self, code: str | Code | None, list_id: str | None = None) -> bool:
        """True if plan data may carry ``code``: it is in the snapshot, usable and not a header."""
        found = code if isinstance(code, Code) else self.lookup(code, list_id)
        return found is not None and found.assignable

    def code_uri(self, list_id: str, value: str) -> str:
        """The full URI of ``value`` in ``list_id`` (``<list URI>/code/<value>``).

        Built from the list's own URI, so the registry part (``rytj``, ``jhs``, ``rakrek``)
        is always right; the value itself is not checked, so new codes can be written.
        """
        resolved = self.resolve_id(list_id)
        if resolved is None:
            raise KeyError(
                f"no code list {list_id!r} in the snapshot{_did_you_mean(list_id, self._alias_map())}"
            )
        return f"{self.index['lists'][resolved]['uri']}{CODE_SEPARATOR}{value}"

    @property
    def snapshot_info(self) -> dict[str, Any]:
        """Snapshot date and where every list and table came from."""
        index = self.index
        return {
            "date": index.get("snapshot_date"),
            "source": index.get("source"),
            "sources": {
                list_id: entry.get("source") for list_id, entry in sorted(index["lists"].items())
            },
            "tables": {
                name: entry.get("source") for name, entry in sorted(index.get("tables", {}).items())
            },
        }

    # -- project tables -------------------------------------------------------------------
    def _table(self, name: str) -> dict[str, Any]:
        if name not in self._tables:
            entry = self.index.get("tables", {}).get(name)
            if entry is None:
                raise InputError(
                    f"the code-list snapshot has no {name} table", source=str(self.root)
                )
            node = self.root / entry["file"]
            data = _read_snapshot_json(node)
            require_format(data, TABLE_FORMATS[name], str(node))
            self._tables[name] = data
        return self._tables[name]

    @functools.cached_property
    def notation(self) -> Notation:
        """Traditional letter codes (AK, VL, sr, /s …) → regulation codes, per plan level."""
        from ryhti.codelists.tables import Notation

        return Notation(self._table("notation"), self)

    @functools.cached_property
    def lifecycle_relations(self) -> LifecycleRelations:
        """Decisions and events allowed per lifecycle status (and plan level)."""
        from ryhti.codelists.tables import LifecycleRelations

        return LifecycleRelations(self._table("lifecycle_relations"), self)

    @functools.cached_property
    def value_types(self) -> ValueTypes:
        """Allowed ``dataType``s and units per regulation / additional-information type."""
        from ryhti.codelists.tables import ValueTypes

        return ValueTypes(self._table("value_types"), self)


def default_root() -> Traversable:
    """The snapshot folder in use: ``$RYHTI_CODELISTS_DIR`` or the installed one."""
    override = os.environ.get(SNAPSHOT_ENV)
    if override:
        return Path(override)
    from ryhti.schemas import path

    return path("codelists")


@functools.cache
def registry() -> Registry:
    """The process-wide registry over the installed snapshot (built once, loaded lazily)."""
    return Registry()


def lookup(uri_or_value: str | None, list_id: str | None = None) -> Code | None:
    """Shortcut for ``registry().lookup(...)``."""
    return registry().lookup(uri_or_value, list_id)


def is_header(code: str | Code | None, list_id: str | None = None) -> bool:
    """Shortcut for ``registry().is_header(...)``: ``is_header("vesivayla", "RY_Kaavamaarayslaji")``."""
    return registry().is_header(code, list_id)


def assignable(code: str | Code | None, list_id: str | None = None) -> bool:
    """Shortcut for ``registry().assignable(...)``: may plan data carry this code?"""
    return registry().assignable(code, list_id)


def _read_snapshot_json(node: Traversable | Path) -> Any:
    try:
        text = node.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(
            "code-list snapshot file is missing",
            source=str(node),
            hint="run `ryhti codelists update` or reinstall ryhti",
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot read code-list snapshot: {exc}", source=str(node)) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"code-list snapshot is not valid JSON: {exc.msg}",
            source=str(node),
            where=f"line {exc.lineno}, column {exc.colno}",
        ) from exc


def _code_from_json(raw: dict[str, Any], list_id: str) -> Code:
    return Code(
        value=raw["value"],
        uri=raw["uri"],
        list_id=list_id,
        labels=dict(raw.get("labels") or {}),
        parent=raw.get("parent"),
        level=raw.get("level"),
        status=raw.get("status"),
        short_name=raw.get("short_name"),
        descriptions=dict(raw.get("description") or {}),
        order=raw.get("order"),
        koodistot_id=raw.get("koodistot_id"),
        unknown=tuple(raw.get("unknown") or ()),
        header=raw.get("header") is True,
    )


def _did_you_mean(name: str, candidates: Any) -> str:
    matches = difflib.get_close_matches(str(name), [str(c) for c in candidates], n=3, cutoff=0.6)
    return f"; did you mean {', '.join(matches)}?" if matches else ""
