"""The source formats ``ryhti convert`` reads, found the way validator rules are found.

Each module of this package registers one family of formats with a module-level
``FORMATS`` tuple of :class:`SourceFormat`; the reader it names is imported only when a
source of that format is read. Adding a format is one reader module and one
registration module here: :func:`open_source`, ``ryhti convert --help`` and the error
for an unknown source all read the list from :func:`all_formats`.

How a source is matched: a URL by its scheme (``postgresql://``); a ``.gml``/``.xml``
file is parsed once (safely, :func:`~ryhti.parsers.xmlsources.parse_xml`) and matched by
the namespaces its elements use; any other file by its suffix; a folder as a folder of
shapefiles. A source nothing claims is an :class:`~ryhti.errors.InputError` naming what
was recognised and what is supported.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.errors import InputError

__all__ = [
    "ReadOptions",
    "SourceFormat",
    "all_formats",
    "describe",
    "open_source",
    "read_xml",
]

PACKAGE = __name__


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may be told: text encoding and arc tolerance."""

    encoding: str | None = None
    arc_tolerance: float | None = None


@dataclass(frozen=True)
class SourceFormat:
    """One source format.

    ``reader`` is ``"module:function"``. File and URL readers are called as
    ``reader(target, options)``; XML readers (``namespaces`` set) as
    ``reader(path, root, options)`` with the parsed root element. ``namespaces`` are
    prefixes of the element namespaces that identify the format; ``root_names`` (local
    names of the root element), when given, must match too; ``feature_names`` claim a
    document in an unknown namespace by the names of its features. ``plans`` is False for a
    format that is recognised but holds no plan to convert: reading it raises an
    error naming it (``why_not`` says why).
    """

    name: str
    title: str
    reader: str = ""
    suffixes: tuple[str, ...] = ()
    schemes: tuple[str, ...] = ()
    namespaces: tuple[str, ...] = ()
    root_names: tuple[str, ...] = ()
    #: local names of features that identify the format in a document whose namespace
    #: no format claims (tried after every namespace claim)
    feature_names: tuple[str, ...] = ()
    plans: bool = True
    why_not: str = ""
    #: lower runs first among formats claiming the same source
    priority: int = 100
    notes: tuple[str, ...] = field(default=())

    def load_reader(self) -> Callable[..., Any]:
        """The reader function (its module imported on first use)."""
        module, _, attr = self.reader.partition(":")
        return getattr(importlib.import_module(module), attr)


@functools.cache
def all_formats() -> tuple[SourceFormat, ...]:
    """Every registered format, by priority then name (imports this package's modules)."""
    package = importlib.import_module(PACKAGE)
    found: dict[str, SourceFormat] = {}
    for info in pkgutil.iter_modules(package.__path__, PACKAGE + "."):
        module = importlib.import_module(info.name)
        for fmt in getattr(module, "FORMATS", ()):
            if fmt.name in found:
                raise RuntimeError(f"source format {fmt.name} registered twice ({info.name})")
            found[fmt.name] = fmt
    return tuple(sorted(found.values(), key=lambda f: (f.priority, f.name)))


def describe(*, xml: bool | None = None) -> str:
    """The formats as a comma-separated list of titles (for help texts and errors)."""
    titles: list[str] = []
    for fmt in all_formats():
        if not fmt.plans or (xml is not None and bool(fmt.namespaces) != xml):
            continue
        if fmt.title not in titles:
            titles.append(fmt.title)
    return ", ".join(titles)


def _by_scheme(text: str) -> SourceFormat | None:
    for fmt in all_formats():
        if fmt.schemes and text.startswith(fmt.schemes):
            return fmt
    return None


def _by_suffix(suffix: str) -> SourceFormat | None:
    for fmt in all_formats():
        if suffix in fmt.suffixes and not fmt.namespaces:
            return fmt
    return None


def xml_format(root: Any) -> tuple[SourceFormat | None, set[str]]:
    """The XML format a parsed document is in (by its namespaces), and the namespaces."""
    namespaces = {
        el.tag[1:].split("}")[0]
        for el in root.iter()
        if isinstance(el.tag, str) and el.tag.startswith("{")
    }
    root_name = root.tag.rsplit("}", 1)[-1] if isinstance(root.tag, str) else ""
    for fmt in all_formats():
        if not fmt.namespaces:
            continue
        if not any(ns.startswith(fmt.namespaces) for ns in namespaces):
            continue
        if fmt.root_names and root_name not in fmt.root_names:
            continue
        return fmt, namespaces
    local_names = {el.tag.rsplit("}", 1)[-1] for el in root.iter() if isinstance(el.tag, str)}
    for fmt in all_formats():
        if fmt.feature_names and local_names & set(fmt.feature_names):
            return fmt, namespaces
    return None, namespaces


def _refuse(fmt: SourceFormat, source: str) -> InputError:
    return InputError(
        f"this is {fmt.title}: {fmt.why_not}",
        source=source,
        hint=f"ryhti converts {describe()}",
    )


def read_xml(path: Path, options: ReadOptions) -> Any:
    """Read a plan XML document in whichever registered XML format it is in."""
    from ryhti.parsers.xmlsources import parse_xml

    root = parse_xml(path)
    fmt, namespaces = xml_format(root)
    if fmt is None:
        shown = ", ".join(sorted(namespaces)[:4]) or "none"
        raise InputError(
            f"XML document in no plan format ryhti reads (namespaces: {shown})",
            source=path,
            hint=f"ryhti reads these XML plan formats: {describe(xml=True)}",
        )
    if not fmt.plans:
        raise _refuse(fmt, str(path))
    return fmt.load_reader()(path, root, options)


def open_source(source: str | Path, options: ReadOptions | None = None) -> Any:
    """Read any supported source into a :class:`~ryhti.parsers.source.Source`."""
    options = options or ReadOptions()
    text = str(source)
    fmt = _by_scheme(text)
    if fmt is not None:
        return fmt.load_reader()(text, options)
    path = Path(text)
    suffix = path.suffix.lower()
    if suffix in (".gml", ".xml"):
        return read_xml(path, options)
    if path.is_dir() and not (path / "PG_VERSION").exists():
        fmt = _by_suffix("/")
    else:
        fmt = _by_suffix(suffix) or _by_suffix("*")
    if fmt is None:  # pragma: no cover - the GIS registration claims every other file
        raise InputError(f"no reader for {suffix or 'this source'}", source=path)
    return fmt.load_reader()(path, options)
