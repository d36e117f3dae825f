"""A small plan and a set of findings covering every case the reports must handle.

Kept in code (not JSON files) so the golden outputs depend on nothing but this
module: zero findings, findings without geometry, remote and conversion origins,
several files, Finnish and Swedish text, a source location, an object key that
places a geometry-less finding on its object.
"""

from __future__ import annotations

from typing import Any

from shapely.geometry import LineString, Polygon

from ryhti.findings import Finding, Severity
from ryhti.model import ValidatePlan, from_json
from ryhti.reports import ReportStats, RuleInfo

PLAN_A = "plans/asemakaava_ä.json"
PLAN_B = "plans/yleiskaava.json"
X0, Y0 = 385_000.0, 6_672_000.0
LIFE = "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/03"
UNDER = "http://uri.suomi.fi/codelist/rytj/RY_MaanalaisuudenLaji/code/01"

KEY_AK = "00000000-0000-4000-8000-00000000000a"
KEY_VL = "00000000-0000-4000-8000-00000000000b"
KEY_STREET = "00000000-0000-4000-8000-00000000000c"
KEY_TREE = "00000000-0000-4000-8000-00000000000d"


def _geom(geometry: dict[str, Any], srid: str = "3067") -> dict[str, Any]:
    return {"srid": srid, "geometry": geometry}


def _square(x: float, y: float, w: float, h: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]],
    }


def _object(key: str, geometry: dict[str, Any], name: str | None = None) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "planObjectKey": key,
        "lifeCycleStatus": LIFE,
        "undergroundStatus": UNDER,
        "geometry": _geom(geometry),
    }
    if name:
        obj["name"] = {"fin": name}
    return obj


def _group(key: str, letters: str, title: str) -> dict[str, Any]:
    return {
        "planRegulationGroupKey": key,
        "titleOfPlanRegulation": {"fin": title},
        "letterIdentifier": letters,
        "planRegulations": [],
    }


def plan_json() -> dict[str, Any]:
    """A 400 m × 300 m detail plan: a block of flats, a park, a street and a tree."""
    return {
        "planKey": "00000000-0000-4000-8000-000000000001",
        "lifeCycleStatus": LIFE,
        "geographicalArea": _geom(_square(X0, Y0, 400, 300)),
        "planObjects": [
            _object(KEY_AK, _square(X0 + 20, Y0 + 20, 160, 120), "Kortteli 101"),
            _object(KEY_VL, _square(X0 + 220, Y0 + 20, 160, 260), "Puisto Åkerö"),
            _object(
                KEY_STREET,
                {"type": "LineString", "coordinates": [[X0, Y0 + 160], [X0 + 400, Y0 + 160]]},
            ),
            _object(KEY_TREE, {"type": "Point", "coordinates": [X0 + 100, Y0 + 220]}),
        ],
        "planRegulationGroups": [
            _group("00000000-0000-4000-8000-0000000000a1", "AK", "Asuinkerrostalojen korttelialue"),
            _group("00000000-0000-4000-8000-0000000000b1", "VL", "Lähivirkistysalue"),
        ],
        "planRegulationGroupRelations": [
            {
                "planObjectKey": KEY_AK,
                "planRegulationGroupKey": "00000000-0000-4000-8000-0000000000a1",
            },
            {
                "planObjectKey": KEY_VL,
                "planRegulationGroupKey": "00000000-0000-4000-8000-0000000000b1",
            },
        ],
    }


def plan() -> ValidatePlan:
    """:func:`plan_json` loaded as a model."""
    return from_json(plan_json(), "plan")  # type: ignore[return-value]


def findings() -> list[Finding]:
    """Findings on two plans and one without a file, of every origin and severity."""
    return [
        Finding(
            rule="geometry.self-intersection",
            severity=Severity.ERROR,
            message="Plan object geometry intersects itself",
            messages={
                "fi": "Kaavakohteen geometria leikkaa itseään (”rusetti”)",
                "sv": "Planobjektets geometri skär sig själv",
                "en": "Plan object geometry intersects itself",
            },
            path="$.planObjects[0].geometry",
            object_key=KEY_AK,
            official_id="quality__req_geometry_valid",
            geometry=Polygon(
                [(X0 + 20, Y0 + 20), (X0 + 180, Y0 + 140), (X0 + 180, Y0 + 20), (X0 + 20, Y0 + 140)]
            ),
            srid="3067",
            source=PLAN_A,
        ),
        Finding(
            rule="group.missing",
            severity=Severity.WARNING,
            message="Plan object has no regulation group",
            messages={
                "fi": "Kaavakohteella ei ole kaavamääräysryhmää",
                "en": "Plan object has no regulation group",
            },
            path="$.planObjects[3]",
            object_key=KEY_TREE,
            source=PLAN_A,
        ),
        Finding(
            rule="quality__req_plan_planDescription",
            severity=Severity.ERROR,
            message='Kaavan kuvaus puuttuu: "planDescription" on pakollinen, 100 % varmasti,\nrivi 2',
            path="$.planDescription",
            official_id="quality__req_plan_planDescription",
            source=PLAN_A,
            origin="remote",
        ),
        Finding(
            rule="street.width",
            severity=Severity.INFO,
            message="Street is narrower than 8 m",
            messages={"fi": "Katualue on alle 8 m leveä", "sv": "Gatan är smalare än 8 m"},
            path="$.planObjects[2].geometry",
            object_key=KEY_STREET,
            geometry=LineString([(X0, Y0 + 160), (X0 + 400, Y0 + 160)]),
            srid="3067",
            source=PLAN_A,
            data={"width": 6.5},
        ),
        Finding(
            rule="conversion.unknown-notation",
            severity=Severity.WARNING,
            message="Unknown notation ”SL-2” left out",
            messages={"fi": "Tuntematon merkintä ”SL-2” jätettiin pois"},
            path="$.planObjects",
            geometry={"type": "Point", "coordinates": [25_490_400.0, 6_685_450.0]},
            srid="3879",
            source=PLAN_B,
            origin="conversion",
            location={
                "file": "lähde/kaava.gpkg",
                "layer": "kaavakohteet",
                "feature": 12,
                "line": 7,
                "column": 3,
            },
        ),
        Finding(
            rule="config.unreadable",
            severity=Severity.INFO,
            message="Configuration has no [ryhti] section; defaults used",
        ),
    ]


RULES = [
    RuleInfo(
        id="geometry.self-intersection",
        title="Geometry must be valid",
        official_ids=("quality__req_geometry_valid",),
        why="Ryhti rejects self-intersecting polygons.",
        fix="Redraw the boundary so it does not cross itself.",
        severity=Severity.ERROR,
    ),
    {
        "id": "group.missing",
        "title": "Every plan object has a regulation group",
        "official_id": "quality__req_planObject_group",
        "why": "An object without a group has no meaning in the plan.",
        "fix": "Relate the object to a group in planRegulationGroupRelations.",
        "default_severity": "warning",
    },
    RuleInfo(id="street.width", title="Streets are wide enough", severity=Severity.INFO),
]

STATS = ReportStats(files=3, objects=4, seconds=None)
