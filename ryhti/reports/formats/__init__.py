"""The report formats, found the way validator rules and source formats are found.

Each module of this package registers one format with a module-level ``FORMAT``
(:class:`ReportFormat`); the module that renders it is imported only when a report of that
format is made. Adding a format is one rendering module (``render(ctx) -> str`` over a
:class:`~ryhti.reports.common.Context`) and one registration module here:
:data:`ryhti.reports.FORMATS`, every ``--format`` option that writes findings
(``ryhti validate``, ``ryhti report``, ``ryhti api validate``, ``ryhti submit``) and the
error for an unknown format read the list from :func:`all_formats`. The GitHub Action
(``action.yml``) cannot import Python: a test checks that it names exactly these formats.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["ReportFormat", "all_formats", "get"]

PACKAGE = __name__


@dataclass(frozen=True)
class ReportFormat:
    """One report format.

    ``renderer`` is ``"module:function"``, the function taking the report context and
    returning the text. ``extension`` is the usual file suffix (a default output name).
    ``needs_documents`` says the format reads the plans themselves (a map, the objects of
    findings without a geometry), so the validator keeps the loaded documents for it (they
    cost memory on large runs). ``order`` places it in ``--format`` lists.
    """

    name: str
    title: str
    extension: str
    renderer: str
    order: int = 100
    needs_documents: bool = False

    def load_renderer(self) -> Callable[[Any], str]:
        """The rendering function (its module imported on first use)."""
        module, _, attr = self.renderer.partition(":")
        return getattr(importlib.import_module(module), attr)


@functools.cache
def all_formats() -> tuple[ReportFormat, ...]:
    """Every registered format, in ``--format`` order (imports this package's modules)."""
    package = importlib.import_module(PACKAGE)
    found: dict[str, ReportFormat] = {}
    for info in pkgutil.iter_modules(package.__path__, PACKAGE + "."):
        fmt = getattr(importlib.import_module(info.name), "FORMAT", None)
        if fmt is None:
            continue
        if fmt.name in found:
            raise RuntimeError(f"report format {fmt.name} registered twice ({info.name})")
        found[fmt.name] = fmt
    return tuple(sorted(found.values(), key=lambda f: (f.order, f.name)))


def get(name: str) -> ReportFormat | None:
    """The format called ``name``, or ``None``."""
    return next((f for f in all_formats() if f.name == name), None)
