"""The real plan data of ``../shared/reference``, converted and validated the way a user would.

Used by ``test_real_data.py`` and runnable on its own to print the figures of
``docs/real-data.md``::

    .venv/bin/python -m tests.parsers.realdata            # every source, a PostGIS of its own
    .venv/bin/python -m tests.parsers.realdata kempele     # one source

Each source is converted with ``ryhti convert``'s own workflow (conversion, validation,
findings traced to the source feature). The Tampere yk049 dump is restored into a
throwaway PostGIS cluster (:mod:`tests.parsers.pgcluster`) and read from there, as a user
reads a municipal database.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
#: the Tampere mapping, shown in full in docs/real-data.md
TAMPERE_MAPPING = DATA / "tampere" / "yk049.toml"
TAMPERE_SCHEMA = "yk049_testiaineisto"


@dataclass(frozen=True)
class RealSource:
    """One real source: where it lies in the reference material and how it is converted."""

    name: str
    parts: tuple[str, ...]
    mapping: str | None = None
    postgis: bool = False
    #: what the source is, for the docs
    title: str = ""
    options: dict[str, Any] = field(default_factory=dict)


SOURCES = (
    RealSource(
        "qaava",
        ("datasets", "qaava-asemakaava_testiaineisto.gpkg"),
        title="qaava asemakaava notation test GeoPackage (EPSG:3877)",
    ),
    RealSource(
        "kempele",
        ("gml", "kuntapilotti-2019", "Kuntapilotti_Kempele_hyvaksytty.gml"),
        title="approved Kempele detail plan, national-model GML of the 2019 pilot",
    ),
    RealSource(
        "kuopio",
        ("gml", "kuntapilotti-2019", "kuopio_lahtoaineisto.gml"),
        title="Kuopio base data of the 2019 pilot (a plan boundary only)",
    ),
    RealSource(
        "pilot-detail-presentation",
        ("gml", "kuntapilotti-2019", "detail_plan-presentation.xml"),
        title="2019 pilot WFS example: detail plan presentation",
    ),
    RealSource(
        "pilot-detail-changeset",
        ("gml", "kuntapilotti-2019", "detail_plan-modification-changeset.xml"),
        title="2019 pilot WFS example: detail plan change set",
    ),
    RealSource(
        "pilot-detail-need",
        ("gml", "kuntapilotti-2019", "detail_plan-modification-need.xml"),
        title="2019 pilot WFS example: detail plan development need",
    ),
    RealSource(
        "pilot-general-presentation",
        ("gml", "kuntapilotti-2019", "general_plan-presentation.xml"),
        title="2019 pilot WFS example: general plan presentation",
    ),
    RealSource(
        "pilot-general-changeset",
        ("gml", "kuntapilotti-2019", "general_plan-modification-changeset.xml"),
        title="2019 pilot WFS example: general plan change set",
    ),
    RealSource(
        "pilot-general-need",
        ("gml", "kuntapilotti-2019", "general_plan-modification-need.xml"),
        title="2019 pilot WFS example: general plan development need",
    ),
    RealSource(
        "kaatio",
        ("gml", "kaatio-splan-1.2", "spatialPlan-collection-simple.xml"),
        title="KAATIO spatial plan collection (Sipoo, Nevas gård), splan 1.2",
    ),
    RealSource(
        "kaatio-1st-save",
        ("gml", "kaatio-splan-1.2", "spatialPlan-collection-simple-1st-save-with-ids.xml"),
        title="the same after a first save (storage ids)",
    ),
    RealSource(
        "kaatio-2nd-save",
        ("gml", "kaatio-splan-1.2", "spatialPlan-collection-simple-2nd-save-with-ids.xml"),
        title="the same after a second save (replaced object versions)",
    ),
    RealSource(
        "tampere",
        ("datasets", "tampere-yk049_testiaineisto.backup"),
        mapping=str(TAMPERE_MAPPING),
        postgis=True,
        title="Tampere city-centre master plan 2040 (yk049), PostgreSQL dump in PostGIS",
    ),
)

BY_NAME = {s.name: s for s in SOURCES}


@dataclass
class Figures:
    """What converting one source gave."""

    name: str
    command: str
    error: str | None = None
    features: int = 0
    objects: int = 0
    groups: int = 0
    conversion: Counter[tuple[str, str]] = field(default_factory=Counter)
    validation: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: validation errors: (rule, place, message)
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    exit_code: int = 0
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def validation_errors(self) -> int:
        return sum(n for (sev, _), n in self.validation.items() if sev == "error")


def place(item: dict[str, Any]) -> str:
    """A traced finding's source place as ``layer:fid`` (or ``layer:[n features]``)."""
    src = item.get("source") or {}
    if "fid" in src:
        return f"{src.get('layer')}:{src.get('fid')}"
    if "features" in src:
        return f"{src.get('layer')}:{','.join(map(str, src['features'][:6]))}" + (
            f" (+{src['featureCount'] - 6})" if src.get("featureCount", 0) > 6 else ""
        )
    return "plan"


def convert_one(source: RealSource, reference: Path, postgis_url: str | None = None) -> Figures:
    """Convert and validate one real source (``postgis_url``: a server with the dump)."""
    from ryhti.errors import RyhtiError
    from ryhti.workflows import convert_and_validate

    if source.postgis:
        if postgis_url is None:
            raise ValueError("the Tampere dump needs a PostGIS server")
        target = f"{postgis_url}&schema={TAMPERE_SCHEMA}"
        shown = f'"postgresql://…/tampere?schema={TAMPERE_SCHEMA}"'
    else:
        target = str(reference.joinpath(*source.parts))
        shown = "../shared/reference/" + "/".join(source.parts)
    command = f"ryhti convert {shown}"
    if source.mapping:
        command += f" --mapping {Path(source.mapping).relative_to(ROOT)}"
    command += " -o plan.json --report report.json"
    figures = Figures(source.name, command)
    try:
        outcome = convert_and_validate(target, mapping=source.mapping, **source.options)
    except RyhtiError as exc:
        figures.error = str(exc)
        figures.exit_code = exc.exit_code
        return figures
    report = outcome.report
    figures.report = report
    summary = report["summary"]
    figures.features = summary["features"]
    figures.objects = summary["planObjects"]
    figures.groups = summary["regulationGroups"]
    figures.conversion = Counter((f.severity.value, f.rule) for f in outcome.result.findings)
    figures.validation = Counter(
        (item["severity"], item["rule"]) for item in report["validation"]["findings"]
    )
    figures.errors = [
        (item["rule"], place(item), item["message"])
        for item in report["validation"]["findings"]
        if item["severity"] == "error"
    ]
    figures.exit_code = outcome.exit_code
    return figures


def run(names: list[str], reference: Path) -> list[Figures]:
    """Figures of the named sources (every source when ``names`` is empty)."""
    from tests.parsers.pgcluster import cluster, restore

    chosen = [BY_NAME[n] for n in names] if names else list(SOURCES)
    out = [convert_one(s, reference) for s in chosen if not s.postgis]
    needs_db = [s for s in chosen if s.postgis]
    if needs_db:
        with cluster() as url:
            for s in needs_db:
                db = restore(url, reference.joinpath(*s.parts), "tampere")
                out.append(convert_one(s, reference, db))
    return out


def _counts(counter: Counter[tuple[str, str]], severity: str) -> str:
    items = sorted((rule, n) for (sev, rule), n in counter.items() if sev == severity)
    return ", ".join(f"{rule} {n}" for rule, n in items) or "none"


def markdown(figures: list[Figures]) -> str:
    """The figures as the Markdown of docs/real-data.md's tables."""
    lines = [
        "| source | exit | features → objects, groups | conversion errors / warnings | "
        "validation errors / warnings |",
        "|---|---|---|---|---|",
    ]
    for f in figures:
        if f.error:
            message = f.error.split(": ", 1)[-1]  # without the file's absolute path
            lines.append(f"| {f.name} | {f.exit_code} | not a plan: {message} | | |")
            continue
        lines.append(
            f"| {f.name} | {f.exit_code} | {f.features} → {f.objects}, {f.groups} | "
            f"{_counts(f.conversion, 'error')} / {_counts(f.conversion, 'warning')} | "
            f"{_counts(f.validation, 'error')} / {_counts(f.validation, 'warning')} |"
        )
    for f in figures:
        if f.errors:
            lines += ["", f"### {f.name}: {len(f.errors)} validation errors", ""]
            for rule, where, message in f.errors:
                lines.append(f"- {rule} `{where}`: {message}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    from tests.conftest import REFERENCE

    print(markdown(run(argv, REFERENCE)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
