"""Findings → reports in every registered format (:mod:`ryhti.reports.formats`).

One entry point serves every format and every caller::

    from ryhti.reports import render, write
    text = render(findings, "text", lang="fi")
    write(result, "html", "out/report.html")        # a validator result object

``render`` takes either a list of :class:`~ryhti.findings.Finding` or any object
with a ``findings`` attribute (the validator's result); from such an object it
also takes ``documents`` (source path → loaded plan), ``rules`` (catalogue) and
``stats`` unless they are passed explicitly. Reports know findings, rule
metadata and, for the maps, the plan documents; they never import validators,
parsers or the API client, so a rule catalogue is described here by
:class:`RuleInfo` and coerced from whatever shape the caller has.

Options understood by :func:`render` (ignored by formats that have no use for them):

``lang``
    ``"en"`` (default), ``"fi"`` or ``"sv"``: message language where the finding
    carries one, and the language of the text report's labels.
``color``
    text: ``True``/``False``, or ``None`` to colour only when stdout is a terminal
    and ``NO_COLOR`` is unset.
``fail_on``
    junit: the lowest severity that makes a testcase fail (default ``error``).
``to_wgs84``
    geojson: reproject to WGS84 lon/lat (RFC 7946); by default coordinates stay
    in the plan's ETRS-TM35FIN/GK system and the collection says which.
``title``
    html: page title.
``map_limits``
    html: a :class:`ryhti.reports.svgmap.MapLimits` (vertex budget, findings drawn per
    map, objects drawn one by one …) instead of the defaults.
``root``
    sarif, github, junit: folder that relative artifact paths are taken against
    (default: the current folder). Absolute source paths under it are shortened.

Keys of :attr:`Finding.location` that reports read: ``file`` (a source file other
than :attr:`Finding.source`, e.g. the GeoPackage a plan was converted from),
``line``, ``column``, ``endLine``, ``endColumn`` (1-based), ``layer`` and
``feature`` (a source feature id).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.errors import UsageError
from ryhti.reports.common import DEFAULT_LANG, REPORT_VERSION, ReportStats, RuleInfo
from ryhti.reports.formats import all_formats
from ryhti.reports.formats import get as get_format

__all__ = [
    "DEFAULT_LANG",
    "EXTENSIONS",
    "FORMATS",
    "REPORT_VERSION",
    "ReportStats",
    "RuleInfo",
    "render",
    "write",
]

#: Every report format, in the order ``--format`` lists them (:mod:`ryhti.reports.formats`).
FORMATS: tuple[str, ...] = tuple(f.name for f in all_formats())

#: Usual file extension of each format (for a default output name).
EXTENSIONS: dict[str, str] = {f.name: f.extension for f in all_formats()}


def render(
    findings: Any,
    fmt: str,
    *,
    documents: dict[str, Any] | None = None,
    rules: Any = None,
    stats: Any = None,
    tool_version: str | None = None,
    **options: Any,
) -> str:
    """Render ``findings`` (a list, or a result object with ``.findings``) as ``fmt``.

    Output is deterministic for the same input: findings are sorted with
    :meth:`Finding.sort_key`, and nothing time-dependent is written unless
    ``stats`` carries the run time.
    """
    from ryhti.reports.common import build_context

    renderer = _renderer(fmt)
    ctx = build_context(
        findings,
        documents=documents,
        rules=rules,
        stats=stats,
        tool_version=tool_version,
        options=options,
    )
    return renderer(ctx)


def write(
    findings: Any,
    fmt: str,
    path: str | Path,
    **kwargs: Any,
) -> Path:
    """Render and write atomically to ``path`` (text is never coloured in a file)."""
    from ryhti.io import write_atomic

    if kwargs.get("color") is None:
        kwargs["color"] = False
    text = render(findings, fmt, **kwargs)
    target = Path(path)
    write_atomic(target, text)
    return target


def _renderer(fmt: str) -> Any:
    found = get_format(fmt)
    if found is None:
        raise UsageError(f"unknown report format {fmt!r}; one of: {', '.join(FORMATS)}")
    return found.load_renderer()
