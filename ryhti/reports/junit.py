"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure).

One ``testsuite`` per file, one ``testcase`` per rule: a rule with findings at
or above ``fail_on`` (default: errors) fails, with every such finding listed in
the failure text; lower findings go to ``system-out``. When the rule catalogue is
given every rule appears for every file, so passing checks are visible too.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ryhti.findings import Finding, Severity
from ryhti.reports.common import Context, feature_of, label, line_of

__all__ = ["PASSING_CASE", "render"]

#: Name of the one passing testcase of a file (or run) with nothing else to list.
PASSING_CASE = "validate"


def render(ctx: Context) -> str:
    """The JUnit XML document as text (UTF-8 declared)."""
    fail_on = _threshold(ctx.options.get("fail_on"))
    root = etree.Element("testsuites", name="ryhti validate")
    by_file = ctx.by_file()
    files = ctx.files()
    if "" in by_file:
        files.append("")
    catalogue_ids = sorted(ctx.catalogue)
    total_tests = total_failures = 0
    for file in files:
        items = by_file.get(file, [])
        by_rule: dict[str, list[Finding]] = {}
        for f in items:
            by_rule.setdefault(f.rule, []).append(f)
        # Every catalogue rule is a check run on every file; findings with no file
        # (configuration, the run itself) list only their own rules.
        rule_ids = sorted((set(catalogue_ids) if file else set()) | set(by_rule))
        name = ctx.relative(file) if file else label("no_file", "en")
        suite = etree.SubElement(root, "testsuite", name=name)
        failures = 0
        if not rule_ids:
            # A file checked without findings or a catalogue still shows as one passing
            # check: CI systems treat a report without tests as a failure to report.
            etree.SubElement(suite, "testcase", name=PASSING_CASE, classname=name)
        for rule_id in rule_ids:
            found = by_rule.get(rule_id, [])
            case = etree.SubElement(suite, "testcase", name=rule_id, classname=name)
            failing = [f for f in found if f.severity.rank <= fail_on.rank]
            other = [f for f in found if f.severity.rank > fail_on.rank]
            if failing:
                failures += 1
                worst = min(f.severity.rank for f in failing)
                info = ctx.rule(rule_id)
                first = ctx.message(failing[0])
                message = first if len(failing) == 1 else f"{len(failing)} findings: {first}"
                failure = etree.SubElement(
                    case,
                    "failure",
                    message=_clean(message),
                    type=next(s for s in Severity if s.rank == worst).value,
                )
                head = info.title or rule_id
                failure.text = _clean("\n".join([head, *(_line(f, ctx) for f in failing)]) + "\n")
            if other:
                out = etree.SubElement(case, "system-out")
                out.text = _clean("\n".join(_line(f, ctx) for f in other) + "\n")
        n_tests = max(1, len(rule_ids))
        suite.set("tests", str(n_tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += n_tests
        total_failures += failures
    if not files:
        suite = etree.SubElement(root, "testsuite", name="ryhti", tests="1", failures="0")
        suite.set("errors", "0")
        suite.set("skipped", "0")
        etree.SubElement(suite, "testcase", name=PASSING_CASE, classname="ryhti")
        total_tests = 1
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    if ctx.stats.seconds is not None:
        root.set("time", f"{ctx.stats.seconds:.3f}")
    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _line(f: Finding, ctx: Context) -> str:
    parts = [f"{f.severity.value}: {ctx.message(f)}", f"at {f.path}"]
    if f.object_key:
        parts.append(f"object {f.object_key}")
    if f.official_id and f.official_id != f.rule:
        parts.append(f"Syke {f.official_id}")
    if f.origin != "local":
        parts.append(f"origin {f.origin}")
    feature = feature_of(f)
    line = line_of(f)
    if feature or line:
        parts.append(
            "source "
            + " ".join(
                p
                for p in (
                    str((f.location or {}).get("file") or ""),
                    feature,
                    line and f"line {line}",
                )
                if p
            )
        )
    return " | ".join(parts)


def _threshold(value: Any) -> Severity:
    if value is None:
        return Severity.ERROR
    text = str(getattr(value, "value", value)).lower()
    return Severity({"note": "info", "notice": "info"}.get(text, text))


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters from broken sources)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or (0x20 <= ord(ch) <= 0xD7FF)
        or (0xE000 <= ord(ch) <= 0xFFFD)
        or 0x10000 <= ord(ch) <= 0x10FFFF
    )
