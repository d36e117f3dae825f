"""Nothing lost, through real files: every feature, attribute and legend entry of a source
written to disk is accounted for in the converted plan or its report.

``tests/parsers/test_convert_properties.py`` proves this for in-memory sources (the
readers' common output); here hypothesis writes GeoJSON and Markdown legends to disk, so the
readers (GDAL, the legend parser) are inside the property too.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ryhti.parsers import convert

X0, Y0 = 25_490_000.0, 6_675_000.0
LETTERS = ["AK", "AP", "VL", "YL", "LPA", "ZZ", "", None]
WORDS = ["Asuin", "kerrostalo", "puisto", "säilytettävä", "Ä", "€", "–", "hulevesi", "e=0,4"]
MAPPING = """
version = 1
[plan]
plan_type = "31"
[[layers]]
layer = "alueet"
role = "area"
id = "tunnus"
letter_code = "merkinta"
text = "teksti"
[layers.values]
tehokkuusluku = "e"
"""

text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
value = st.one_of(
    st.none(),
    st.floats(min_value=0.01, max_value=5, allow_nan=False),
    st.sampled_from(["0,4", "IV", "paljon", ""]),
)


@st.composite
def sources(draw: st.DrawFn) -> tuple[dict[str, Any], list[tuple[str, str]], list[str]]:
    n = draw(st.integers(min_value=1, max_value=10))
    features = []
    for i in range(n):
        x = X0 + 10 * i
        kind = draw(st.sampled_from(["box", "box", "bowtie", "null", "point"]))
        if kind == "box":
            geom = {
                "type": "Polygon",
                "coordinates": [[[x, Y0], [x + 10, Y0], [x + 10, Y0 + 10], [x, Y0 + 10], [x, Y0]]],
            }
        elif kind == "bowtie":
            geom = {
                "type": "Polygon",
                "coordinates": [[[x, Y0], [x + 10, Y0 + 10], [x + 10, Y0], [x, Y0 + 10], [x, Y0]]],
            }
        elif kind == "point":
            geom = {"type": "Point", "coordinates": [x + 5, Y0 + 5]}
        else:
            geom = None
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "tunnus": draw(st.sampled_from([f"T{i}", None, "dup"])),
                    "merkinta": draw(st.sampled_from(LETTERS)),
                    "teksti": draw(st.one_of(st.none(), text)),
                    "e": draw(value),
                    "muuta": draw(st.one_of(st.none(), text)),
                },
                "geometry": geom,
            }
        )
    # at least one usable area, so that there is a plan
    features[0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [
            [[X0, Y0 - 20], [X0 + 10, Y0 - 20], [X0 + 10, Y0 - 10], [X0, Y0 - 10], [X0, Y0 - 20]]
        ],
    }
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3879"}},
        "features": features,
    }
    signs = draw(
        st.lists(st.sampled_from(["AK", "VL", "AP", "LPA", "ma"]), max_size=5, unique=True)
    )
    legend = [(s, draw(text)) for s in signs]
    general = draw(st.lists(text, max_size=3))
    return collection, legend, general


def write_legend(path: Path, legend: list[tuple[str, str]], general: list[str]) -> None:
    lines = ["# Kaavamerkinnät", ""]
    lines += [f"{sign} {body}." for sign, body in legend]
    if general:
        lines += ["", "## Yleismääräykset", ""]
        for paragraph in general:
            lines += [paragraph + ".", ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources())
def test_every_feature_attribute_and_legend_entry_is_accounted_for(
    case: tuple[dict[str, Any], list[tuple[str, str]], list[str]],
) -> None:
    collection, legend, general = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "alueet.geojson"
        source.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
        mapping = folder / "mapping.toml"
        mapping.write_text(MAPPING, encoding="utf-8")
        regulations = None
        if legend or general:
            regulations = folder / "kaavamerkinnat.md"
            write_legend(regulations, legend, general)
        result = convert(source, mapping=mapping, regulations=regulations, use_extractor=False)
    report = result.report
    plan = result.plan.to_json()

    # every source feature has one entry with a fate; a dropped one has a CV005 finding
    fids = sorted(str(f["fid"]) for f in report["features"])
    assert len(fids) == len(collection["features"])
    for item in report["features"]:
        if item["fate"] == "dropped":
            assert any(
                f.rule == "CV005" and f.location.get("fid") == item["fid"] for f in result.findings
            )
        else:
            assert item["fate"] in {
                "planObject",
                "planBoundary",
                "empty",
                "ignored",
                "unmapped",
                "regulationText",
            }
    objects = sum(1 for f in report["features"] if f["fate"] == "planObject")
    assert objects == len(plan.get("planObjects") or [])

    # every attribute of the layer has a destination, or a finding says it has none
    layer = next(entry for entry in report["source"]["layers"] if entry["layer"] == "alueet")
    for name in ("tunnus", "merkinta", "teksti", "e", "muuta"):
        fate = layer["attributes"].get(name)
        if fate is None:  # GDAL makes no column of a property no feature has a value for
            assert all(f["properties"][name] is None for f in collection["features"])
            continue
        if fate.get("unmapped") and fate.get("filled"):
            assert any(
                f.rule == "CV001" and f.data.get("attribute") == name for f in result.findings
            )
        else:
            assert fate.get("to") or fate.get("ignored") or fate.get("unmapped"), (name, fate)

    # every legend entry and general regulation is in a group or reported as unlinked
    texts = report.get("texts") or []
    assert len(texts) == len(legend) + len(general)
    for entry in texts:
        if entry["fate"] == "unlinked":
            assert any(
                f.rule == "CV009" and f.data.get("textId") == entry["id"] for f in result.findings
            )
        else:
            assert entry["groups"]

    # every text attribute of a kept feature appears in the plan (verbatim, no extractor)
    dumped = json.dumps(plan, ensure_ascii=False)
    kept = {str(f["fid"]) for f in report["features"] if f["fate"] == "planObject"}
    for i, feature in enumerate(collection["features"]):
        body = feature["properties"]["teksti"]
        if body and str(i) in kept:
            assert body in dumped, body
