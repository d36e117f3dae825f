"""What every report format shares: rule metadata, run statistics, sorting, paths.

The validator engine, the API client and the converters all hand findings to the
reports, each with its own notion of a rule catalogue and run statistics. This
module coerces them into two small types, :class:`RuleInfo` and
:class:`ReportStats`, so each format is written once against a fixed shape and
can be tested without the validator.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ryhti.findings import Finding, Severity

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "REPORT_VERSION",
    "Context",
    "ReportStats",
    "RuleInfo",
    "build_context",
]

#: Version of the JSON report layout (``schemas/report.schema.json``). The major
#: number changes only when a consumer of an older report would break.
REPORT_VERSION = "1.0"

#: Languages the labels of the reports exist in; Finding messages carry the same keys.
LANGS: tuple[str, ...] = ("en", "fi", "sv")

#: English by default, like the rest of the command line and ``Finding.text``;
#: planners pass ``lang="fi"`` (``--lang fi``) for Finnish messages and labels.
DEFAULT_LANG = "en"

SEVERITIES: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Metadata of one rule, as far as reports need it.

    ``name``: a readable short name (``area-reservation-overlap``) where the id is a code;
    ``official_ids``: Syke's rule ids (``quality__req_…``) this rule checks;
    ``why``: why the rule exists; ``fix``: how to fix a finding; ``help``: longer
    help text (Markdown allowed); ``severity``: the rule's default severity.
    """

    id: str
    title: str = ""
    name: str = ""
    official_ids: tuple[str, ...] = ()
    why: str = ""
    fix: str = ""
    severity: Severity = Severity.ERROR
    help: str = ""
    help_uri: str | None = None

    @classmethod
    def coerce(cls, entry: Any) -> RuleInfo:
        """A RuleInfo from a RuleInfo, a mapping or any object with like-named attributes.

        Accepts the common spellings (``official_id``/``officialIds``,
        ``default_severity``, ``help_text`` …) so the validator's catalogue
        entries work as they are.
        """
        if isinstance(entry, RuleInfo):
            return entry
        get = _getter(entry)
        rule_id = get("id", "rule_id", "rule", "name")
        name = get("name")
        if not rule_id:
            raise ValueError(f"rule entry without an id: {entry!r}")
        official = get("official_ids", "officialIds", "official_id", "officialId")
        if isinstance(official, str):
            official = (official,)
        severity = get("default_severity", "defaultSeverity", "severity", "level")
        return cls(
            id=str(rule_id),
            title=str(get("title", "summary", "short_description") or ""),
            name=str(name) if name and name != rule_id else "",
            official_ids=tuple(str(o) for o in official or () if o),
            why=str(get("why", "rationale", "description") or ""),
            fix=str(get("fix", "remedy", "how_to_fix") or ""),
            severity=_severity(severity) if severity else Severity.ERROR,
            help=str(get("help", "help_text", "helpText", "doc") or ""),
            help_uri=get("help_uri", "helpUri") or None,
        )

    def to_json(self) -> dict[str, Any]:
        """JSON form used by the json report."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            **({"name": self.name} if self.name else {}),
            "officialIds": list(self.official_ids),
            "severity": self.severity.value,
        }
        for key, value in (("why", self.why), ("fix", self.fix), ("help", self.help)):
            if value:
                out[key] = value
        if self.help_uri:
            out["helpUri"] = self.help_uri
        return out


@dataclass(frozen=True, slots=True)
class ReportStats:
    """What a run covered: files and objects checked and how long it took.

    Counts of findings are always computed from the findings themselves; the
    engine's own counts are not trusted over them.
    """

    files: int | None = None
    objects: int | None = None
    seconds: float | None = None
    file_names: tuple[str, ...] = ()
    #: Inputs that could not be read at all (reported on stderr, exit code 2).
    unreadable: int = 0

    @classmethod
    def coerce(cls, stats: Any) -> ReportStats:
        """From a ReportStats, a mapping or an object with ``files``/``objects``/``seconds``."""
        if stats is None:
            return cls()
        if isinstance(stats, ReportStats):
            return stats
        get = _getter(stats)
        files = get("files", "file_count", "n_files")
        names: tuple[str, ...] = ()
        if isinstance(files, Iterable) and not isinstance(files, str | bytes):
            names = tuple(str(f) for f in files)
            files = len(names)
        listed = get("file_names", "fileNames", "paths")
        if isinstance(listed, Iterable) and not isinstance(listed, str | bytes):
            names = tuple(str(f) for f in listed)
        objects = get("objects", "object_count", "n_objects")
        seconds = get("seconds", "elapsed", "duration")
        unreadable = get("input_errors", "unreadable")
        return cls(
            files=int(files) if files is not None else None,
            objects=int(objects) if objects is not None else None,
            seconds=float(seconds) if seconds is not None else None,
            file_names=names,
            unreadable=int(unreadable) if isinstance(unreadable, int) else 0,
        )


@dataclass(slots=True)
class Context:
    """Everything a format renders from, normalised and sorted."""

    findings: list[Finding]
    documents: dict[str, Any] = field(default_factory=dict)
    catalogue: dict[str, RuleInfo] = field(default_factory=dict)
    stats: ReportStats = field(default_factory=ReportStats)
    tool_version: str = ""
    lang: str = DEFAULT_LANG
    options: dict[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any = None) -> Any:
        """A format option passed to :func:`ryhti.reports.render`."""
        value = self.options.get(name)
        return default if value is None else value

    def message(self, finding: Finding) -> str:
        """The finding's message in the report language."""
        return finding.text(self.lang)

    def relative(self, name: str) -> str:
        """:func:`relative_path` against the ``root`` option, cached per file name."""
        cache = self.options.setdefault("_relative", {})
        if name not in cache:
            cache[name] = relative_path(name, self.options.get("root"))
        return cache[name]

    def counts(self) -> dict[str, int]:
        """Findings per severity, every severity present (zeros included)."""
        counter = Counter(f.severity.value for f in self.findings)
        return {s.value: counter.get(s.value, 0) for s in SEVERITIES}

    def files(self) -> list[str]:
        """Every file the run covered: documents, finding sources and stats, sorted."""
        names = set(self.documents) | set(self.stats.file_names)
        names.update(f.source for f in self.findings if f.source)
        return sorted(names)

    def file_count(self) -> int:
        """Files covered: the stats' count when larger (files without findings or documents)."""
        return max(len(self.files()), self.stats.files or 0)

    def rule(self, rule_id: str) -> RuleInfo:
        """Catalogue entry for ``rule_id``, or one made from its findings (remote rules)."""
        info = self.catalogue.get(rule_id)
        if info is not None:
            return info
        return self.rules_used_map()[rule_id]

    def rules_used_map(self) -> dict[str, RuleInfo]:
        """Rules that have findings, by id, each with catalogue metadata where known."""
        cached = self.options.get("_rules_used")
        if cached is not None:
            return cached
        out: dict[str, RuleInfo] = {}
        official: dict[str, list[str]] = {}
        first: dict[str, Finding] = {}
        for f in self.findings:
            first.setdefault(f.rule, f)
            if f.official_id and f.official_id not in official.setdefault(f.rule, []):
                official[f.rule].append(f.official_id)
        for rule_id in sorted(first):
            if rule_id in self.catalogue:
                out[rule_id] = self.catalogue[rule_id]
                continue
            f = first[rule_id]
            out[rule_id] = RuleInfo(
                id=rule_id,
                title=_origin_title(f.origin),
                official_ids=tuple(official.get(rule_id, ())),
                severity=f.severity,
            )
        self.options["_rules_used"] = out
        return out

    def rules_used(self) -> list[RuleInfo]:
        """:meth:`rules_used_map` as a list sorted by id."""
        return list(self.rules_used_map().values())

    def by_file(self) -> dict[str, list[Finding]]:
        """Findings grouped by source file, files sorted, findings with no file (``""``) last."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.source or "", []).append(f)
        if "" in out:  # findings about no file (configuration, the run) come last
            out[""] = out.pop("")
        return out


def build_context(
    findings: Any,
    *,
    documents: Mapping[str, Any] | None = None,
    rules: Any = None,
    stats: Any = None,
    tool_version: str | None = None,
    options: dict[str, Any] | None = None,
) -> Context:
    """Normalise the inputs of :func:`ryhti.reports.render` (a result object or plain lists)."""
    options = dict(options or {})
    if hasattr(findings, "findings") and not isinstance(findings, list | tuple):
        result = findings
        findings = result.findings
        if documents is None:
            documents = getattr(result, "documents", None)
        if rules is None:
            rules = getattr(result, "rules", None)
        if stats is None:
            stats = getattr(result, "stats", None)
    items = sorted((_finding(f) for f in findings or ()), key=_order)
    lang = options.pop("lang", None) or DEFAULT_LANG
    if lang not in LANGS:
        from ryhti.errors import UsageError

        raise UsageError(f"unknown report language {lang!r}; one of: {', '.join(LANGS)}")
    if tool_version is None:
        from ryhti import __version__

        tool_version = __version__
    return Context(
        findings=items,
        documents={str(k): v for k, v in (documents or {}).items()},
        catalogue=_catalogue(rules),
        stats=ReportStats.coerce(stats),
        tool_version=tool_version,
        lang=lang,
        options=options,
    )


# -- locations and paths ---------------------------------------------------------------


def location_file(f: Finding) -> str | None:
    """The file a finding points into: ``location['file']`` when traced to a source, else the source."""
    loc = f.location or {}
    file = loc.get("file")
    return str(file) if file else f.source


def location_int(f: Finding, *keys: str) -> int | None:
    """A positive integer from ``location`` under the first of ``keys`` present."""
    loc = f.location
    if not loc:
        return None
    for key in keys:
        value = loc.get(key)
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float) and value >= 1:
            return int(value)
        if isinstance(value, str) and value.isdigit() and int(value) >= 1:
            return int(value)
    return None


def line_of(f: Finding) -> int | None:
    """1-based line in :func:`location_file`, if known."""
    return location_int(f, "line", "startLine", "start_line")


def column_of(f: Finding) -> int | None:
    """1-based column in :func:`location_file`, if known."""
    return location_int(f, "column", "col", "startColumn", "start_column")


def feature_of(f: Finding) -> str | None:
    """``layer/feature`` (or either) of a source feature, if known."""
    loc = f.location
    if not loc:
        return None
    layer = loc.get("layer")
    feature = loc.get("feature", loc.get("featureId", loc.get("fid")))
    parts = [str(p) for p in (layer, feature) if p is not None and p != ""]
    return "/".join(parts) or None


def relative_path(name: str, root: str | Path | None = None) -> str:
    """``name`` as a forward-slash path relative to ``root`` (default cwd) when inside it.

    Paths outside ``root`` and URLs are returned unchanged (as POSIX paths), so
    reports never depend on where they were rendered for relative inputs.
    """
    if "://" in name:
        return name
    p = Path(name)
    if p.is_absolute():
        base = Path(root) if root is not None else Path.cwd()
        try:
            p = p.relative_to(base.resolve() if not base.is_absolute() else base)
        except ValueError:
            return p.as_posix()
    return PurePosixPath(*p.parts).as_posix() if p.parts else name


def env_no_color() -> bool:
    """True when the ``NO_COLOR`` convention asks for plain output."""
    return bool(os.environ.get("NO_COLOR"))


# -- labels ------------------------------------------------------------------------------

#: severity -> lang -> (singular, plural)
SEVERITY_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "error": {"en": ("error", "errors"), "fi": ("virhe", "virhettä"), "sv": ("fel", "fel")},
    "warning": {
        "en": ("warning", "warnings"),
        "fi": ("varoitus", "varoitusta"),
        "sv": ("varning", "varningar"),
    },
    "info": {
        "en": ("note", "notes"),
        "fi": ("huomautus", "huomautusta"),
        "sv": ("anmärkning", "anmärkningar"),
    },
}

#: Short labels for the report texts, by language.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "file": "file",
        "files": "files",
        "objects": "objects",
        "object": "object",
        "in": "in",
        "no_findings": "no findings",
        "no_file": "(no file)",
        "remote": "Ryhti API",
        "conversion": "conversion",
        "source": "source",
        "line": "line",
        "seconds": "s",
        "official": "Syke",
        "unreadable": "could not be read",
    },
    "fi": {
        "file": "tiedosto",
        "files": "tiedostoa",
        "objects": "kohdetta",
        "object": "kohde",
        "in": "–",
        "no_findings": "ei havaintoja",
        "no_file": "(ei tiedostoa)",
        "remote": "Ryhti-rajapinta",
        "conversion": "muunnos",
        "source": "lähde",
        "line": "rivi",
        "seconds": "s",
        "official": "Syke",
        "unreadable": "ei voitu lukea",
    },
    "sv": {
        "file": "fil",
        "files": "filer",
        "objects": "objekt",
        "object": "objekt",
        "in": "i",
        "no_findings": "inga anmärkningar",
        "no_file": "(ingen fil)",
        "remote": "Ryhti-gränssnittet",
        "conversion": "konvertering",
        "source": "källa",
        "line": "rad",
        "seconds": "s",
        "official": "Syke",
        "unreadable": "kunde inte läsas",
    },
}


def severity_word(severity: str, count: int, lang: str) -> str:
    """``3 errors`` / ``1 virhe`` / ``2 varningar``."""
    singular, plural = SEVERITY_WORDS[severity][lang]
    return f"{count:,} {singular if count == 1 else plural}".replace(",", "\u00a0")


def label(key: str, lang: str) -> str:
    """A fixed label in ``lang``."""
    return LABELS[lang][key]


def summary_line(ctx: Context) -> str:
    """``2 errors, 1 warning, 0 notes in 3 files`` (or ``no findings in 1 file``)."""
    lang = ctx.lang
    n_files = ctx.file_count()
    files = f"{n_files} {label('file' if n_files == 1 else 'files', lang)}"
    head = summary_counts_text(ctx) if ctx.findings else label("no_findings", lang)
    text = f"{head} {label('in', lang)} {files}"
    unreadable = ctx.stats.unreadable
    if unreadable:
        # Finnish takes the partitive after a negative verb: "1 tiedostoa ei voitu lukea".
        noun = label("file" if unreadable == 1 and lang != "fi" else "files", lang)
        text += f"; {unreadable} {noun} {label('unreadable', lang)}"
    return text


def summary_counts_text(ctx: Context) -> str:
    """``2 errors, 1 warning, 0 notes`` in the report language."""
    counts = ctx.counts()
    return ", ".join(severity_word(s.value, counts[s.value], ctx.lang) for s in SEVERITIES)


# -- helpers -----------------------------------------------------------------------------


def _order(f: Finding) -> tuple[Any, ...]:
    """:meth:`Finding.sort_key`, with findings about no file after all files."""
    return (not f.source, *f.sort_key())


def _origin_title(origin: str) -> str:
    return {
        "remote": "Reported by the national Ryhti validation API",
        "conversion": "Problem met while converting a source",
    }.get(origin, "")


def _severity(value: Any) -> Severity:
    if isinstance(value, Severity):
        return value
    text = str(getattr(value, "value", value)).lower()
    aliases = {"note": "info", "notice": "info", "information": "info", "warn": "warning"}
    return Severity(aliases.get(text, text))


def _finding(item: Any) -> Finding:
    if isinstance(item, Mapping):
        return Finding.from_json(dict(item))
    if not isinstance(item, Finding):
        raise TypeError(f"not a Finding: {item!r}")
    if not isinstance(item.severity, Severity):
        return replace(item, severity=_severity(item.severity))
    return item


def _catalogue(rules: Any) -> dict[str, RuleInfo]:
    if rules is None:
        return {}
    if isinstance(rules, Mapping):
        entries: Iterable[Any] = rules.values()
    else:
        entries = rules
    out: dict[str, RuleInfo] = {}
    for entry in entries:
        info = RuleInfo.coerce(entry)
        out[info.id] = info
    return out


def _getter(obj: Any) -> Any:
    def get(*names: str) -> Any:
        for name in names:
            if isinstance(obj, Mapping):
                if name in obj and obj[name] is not None:
                    return obj[name]
            else:
                value = getattr(obj, name, None)
                if value is not None and not callable(value):
                    return value
        return None

    return get
