"""How long each report format takes on a 100,000-object plan with 100,000 findings.

Run: .venv/bin/python benchmarks/reports_bench.py [N_OBJECTS] [N_FINDINGS]
Prints, per format, the render time and the output size, and for the HTML report
what its map left out. The plan is a grid of small irregular blocks (six vertices
each) made here, so the benchmark depends on nothing but the reports and the model.
Every finding points at one object; a third carry a geometry of their own, the
rest are placed on their object by key, as validator findings usually are.
"""

from __future__ import annotations

import re
import sys
import time
import uuid
from typing import Any

import numpy as np
import shapely

from ryhti.findings import Finding, Severity
from ryhti.model import from_json
from ryhti.reports import FORMATS, render

NAMESPACE = uuid.UUID("0b9a4f4e-2d7e-5d1a-8a55-2f6a1e1c9b77")
LIFE = "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/03"
UNDER = "http://uri.suomi.fi/codelist/rytj/RY_MaanalaisuudenLaji/code/01"
LETTERS = ("AK", "AP", "VL", "KM", "TY", "LPA", "EV", "W")


def make_plan(n: int, seed: int = 1) -> dict[str, Any]:
    """A plan of ``n`` blocks on a square grid in EPSG:3067, 40 m apart."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    x0, y0 = 300_000.0, 6_800_000.0
    groups = [
        {
            "planRegulationGroupKey": str(uuid.uuid5(NAMESPACE, f"group-{letters}")),
            "titleOfPlanRegulation": {"fin": f"{letters}-alue"},
            "letterIdentifier": letters,
            "planRegulations": [],
        }
        for letters in LETTERS
    ]
    jitter = rng.uniform(-3, 3, size=(n, 6, 2)).round(2)
    objects, relations = [], []
    for i in range(n):
        x, y = x0 + (i % side) * 40.0, y0 + (i // side) * 40.0
        base = np.array(
            [[x, y], [x + 36, y], [x + 36, y + 20], [x + 36, y + 36], [x, y + 36], [x, y + 18]]
        )
        ring = (base + jitter[i]).tolist()
        ring.append(ring[0])
        key = str(uuid.uuid5(NAMESPACE, f"object-{i}"))
        objects.append(
            {
                "planObjectKey": key,
                "lifeCycleStatus": LIFE,
                "undergroundStatus": UNDER,
                "geometry": {
                    "srid": "3067",
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                },
            }
        )
        relations.append(
            {
                "planObjectKey": key,
                "planRegulationGroupKey": groups[i % len(groups)]["planRegulationGroupKey"],
            }
        )
    size = side * 40.0
    return {
        "planKey": str(uuid.uuid5(NAMESPACE, "plan")),
        "lifeCycleStatus": LIFE,
        "geographicalArea": {
            "srid": "3067",
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [
                        [x0 - 5, y0 - 5],
                        [x0 + size, y0 - 5],
                        [x0 + size, y0 + size],
                        [x0 - 5, y0 + size],
                        [x0 - 5, y0 - 5],
                    ]
                ],
            },
        },
        "planObjects": objects,
        "planRegulationGroups": groups,
        "planRegulationGroupRelations": relations,
    }


def make_findings(plan: dict[str, Any], n: int, source: str) -> list[Finding]:
    """``n`` findings over the plan's objects; every third has its own point geometry."""
    objects = plan["planObjects"]
    severities = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    out = []
    for i in range(n):
        obj = objects[i % len(objects)]
        geometry = None
        if i % 3 == 0:
            x, y = obj["geometry"]["geometry"]["coordinates"][0][0]
            geometry = shapely.Point(x + 1, y + 1)
        out.append(
            Finding(
                rule=f"G{i % 40:03d}",
                severity=severities[i % 3],
                message=f"Kaavakohteen {i} geometriassa on ongelma",
                messages={
                    "fi": f"Kaavakohteen {i} geometriassa on ongelma",
                    "en": f"Object {i} has a problem",
                },
                path=f"$.planObjects[{i % len(objects)}].geometry",
                object_key=obj["planObjectKey"],
                geometry=geometry,
                srid="3067",
                source=source,
            )
        )
    return out


def main() -> None:
    n_objects = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_findings = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    source = "plans/big.json"
    start = time.perf_counter()
    data = make_plan(n_objects)
    plan = from_json(data, "plan")
    findings = make_findings(data, n_findings, source)
    print(
        f"setup: {n_objects:,} objects, {n_findings:,} findings in {time.perf_counter() - start:.1f} s"
    )
    print(f"{'format':<10} {'seconds':>8} {'MB':>8}")
    for fmt in FORMATS:
        start = time.perf_counter()
        text = render(findings, fmt, documents={source: plan}, tool_version="bench", color=False)
        seconds = time.perf_counter() - start
        print(f"{fmt:<10} {seconds:8.2f} {len(text.encode('utf-8')) / 1e6:8.1f}")
        if fmt == "html":
            svg = text[text.index("<svg") : text.index("</svg>")]
            print(f"  map: {len(svg) / 1e6:.1f} MB of SVG, {svg.count('<path'):,} path elements")
            for note in re.findall(r'<p class="note">([^<]*)</p>', text):
                print(f"  note: {note}")
    start = time.perf_counter()
    text = render([], "html", documents={source: plan}, tool_version="bench")
    print(
        f"html, plan only (no findings): {time.perf_counter() - start:.2f} s, {len(text) / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
