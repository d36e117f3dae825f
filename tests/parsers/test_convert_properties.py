"""Property tests: whatever the source holds, every feature, attribute and text is accounted for.

Sources are generated in memory as :class:`~ryhti.parsers.source.Source` objects (the
readers' common output), so hypothesis can explore many shapes quickly; the readers
themselves are covered by the file-based tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ryhti.parsers import convert
from ryhti.parsers.mapping import parse_mapping
from ryhti.parsers.source import Layer, Source, TextEntry

LETTERS = ["AK", "AP", "VL", "YL", "LPA", "XX-9", "sr", "le", None, ""]
VALUES = [None, "", 0.4, 1, "IV", "II-III", "2400", "abc", -3, float("nan")]
TEXTS = [
    None,
    "",
    "Rakennusala.",
    "Säilytettävä puu.",
    "Alueella on sallittu jotakin outoa.",
    "e=0,8",
]

MAPPING = parse_mapping(
    """
version = 1
[[layers]]
layer = "alueet"
role = "area"
id = "tunnus"
letter_code = "merkinta"
text = "teksti"
ignore = { huom = "a planner's note" }
[layers.values]
tehokkuusluku = "e"
maanpaallinenKerroslukuLuku = "kerrosluku"
[[layers]]
layer = "pisteet"
role = "point"
letter_code = "merkinta"
[[layers]]
layer = "maaraykset"
role = "texts"
sign = "merkinta"
text = "teksti"
""",
    source="property-mapping",
)


@st.composite
def sources(draw: st.DrawFn) -> Source:
    n = draw(st.integers(min_value=1, max_value=12))
    rows = []
    geoms = []
    for i in range(n):
        rows.append(
            {
                "tunnus": draw(st.sampled_from([f"T{i}", None])),
                "merkinta": draw(st.sampled_from(LETTERS)),
                "teksti": draw(st.sampled_from(TEXTS)),
                "e": draw(st.sampled_from(VALUES)),
                "kerrosluku": draw(st.sampled_from(VALUES)),
                "huom": draw(st.sampled_from([None, "tarkista"])),
                "extra": draw(st.sampled_from([None, "", "x", 5])),
            }
        )
        x = draw(st.integers(min_value=0, max_value=20)) * 10.0
        kind = draw(st.sampled_from(["box", "bowtie", "none", "dup"]))
        base = (25490000 + x, 6675000)
        if kind == "box":
            geoms.append(shapely.box(base[0], base[1], base[0] + 10, base[1] + 10))
        elif kind == "bowtie":
            geoms.append(
                shapely.Polygon(
                    [
                        base,
                        (base[0] + 10, base[1] + 10),
                        (base[0] + 10, base[1]),
                        (base[0], base[1] + 10),
                    ]
                )
            )
        elif kind == "dup":
            geoms.append(
                shapely.Polygon(
                    [
                        base,
                        base,
                        (base[0] + 10, base[1]),
                        (base[0] + 10, base[1] + 10),
                        (base[0], base[1] + 10),
                    ]
                )
            )
        else:
            geoms.append(None)
    # make sure at least one feature has a usable geometry
    geoms[0] = shapely.box(25489000, 6674000, 25489010, 6674010)
    alueet = Layer(
        name="alueet",
        attributes=pd.DataFrame(rows),
        geometry=np.array([*geoms, None], dtype=object)[:-1],
        fids=[str(i + 1) for i in range(n)],
        crs=_crs(),
    )
    m = draw(st.integers(min_value=0, max_value=3))
    pisteet = Layer(
        name="pisteet",
        attributes=pd.DataFrame({"merkinta": [draw(st.sampled_from(LETTERS)) for _ in range(m)]}),
        geometry=np.array(
            [shapely.Point(25490005 + i, 6675005) for i in range(m)] + [None], dtype=object
        )[:-1],
        fids=[str(i + 1) for i in range(m)],
        crs=_crs(),
    )
    k = draw(st.integers(min_value=0, max_value=3))
    texts = Layer(
        name="maaraykset",
        attributes=pd.DataFrame(
            {
                "merkinta": [draw(st.sampled_from(["AK", "VL", None, "ZZ"])) for _ in range(k)],
                "teksti": [draw(st.sampled_from(TEXTS)) for _ in range(k)],
            }
        ),
        geometry=np.array([None] * k + [None], dtype=object)[:-1],
        fids=[str(i + 1) for i in range(k)],
    )
    other = Layer(
        name="muuta",
        attributes=pd.DataFrame({"a": [1]}),
        geometry=np.array([shapely.Point(25490000, 6675000), None], dtype=object)[:-1],
        fids=["1"],
        crs=_crs(),
    )
    source_texts = [
        TextEntry(id=f"src{i}", text=t, general=True)
        for i, t in enumerate(
            draw(st.lists(st.sampled_from(["Hulevedet on viivytettävä.", "Muu."]), max_size=2))
        )
    ]
    return Source(
        path="generated.gpkg",
        kind="generated",
        layers=[alueet, pisteet, texts, other],
        crs=_crs(),
        texts=source_texts,
    )


_CRS = None


def _crs():
    global _CRS
    if _CRS is None:
        from pyproj import CRS

        _CRS = CRS.from_epsg(3879)
    return _CRS


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources())
def test_every_feature_attribute_and_text_is_accounted_for(source: Source) -> None:
    result = convert(source, mapping=MAPPING, use_extractor=False)
    report = result.report
    # features: one entry per source feature, each with a fate
    expected = {(layer.name, fid) for layer in source.layers for fid in layer.fids}
    seen = [(f["layer"], f["fid"]) for f in report["features"]]
    assert sorted(seen) == sorted(expected)
    for item in report["features"]:
        assert item["fate"] in {
            "planObject",
            "dropped",
            "unmapped",
            "regulationText",
            "empty",
            "planBoundary",
            "ignored",
        }
        if item["fate"] == "dropped":
            assert any(
                f.rule == "CV005" and f.location.get("fid") == item["fid"] for f in result.findings
            )
    # attributes: every column of a mapped layer has a destination, a reason, or a finding
    for layer in report["source"]["layers"]:
        if layer.get("fate") == "unmapped":
            assert any(
                f.rule == "CV002" and f.location.get("layer") == layer["layer"]
                for f in result.findings
            )
            continue
        for name, fate in layer["attributes"].items():
            if fate.get("unmapped") and fate["filled"]:
                assert any(
                    f.rule == "CV001" and f.data.get("attribute") == name for f in result.findings
                )
            else:
                assert fate.get("to") or fate.get("ignored") or fate.get("unmapped")
    # texts: every text entry is in a group or reported as unlinked
    for text in report["texts"]:
        if text["fate"] == "unlinked":
            assert any(
                f.rule == "CV009" and f.data.get("textId") == text["id"] for f in result.findings
            )
        else:
            assert text["groups"]
    # objects: every plan object relates to a group that exists
    groups = {g.plan_regulation_group_key for g in result.plan.groups()}
    related = {r.plan_object_key for r in result.plan.relations()}
    assert {o.plan_object_key for o in result.plan.objects()} == related
    assert {r.plan_regulation_group_key for r in result.plan.relations()} <= groups
    # values that could not be read are findings, never silent
    for group in report["groups"]:
        for reg in group["regulations"]:
            if "not understood" in reg["evidence"]:
                assert any(f.rule == "CV006" for f in result.findings)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources())
def test_keys_are_stable_and_unique(source: Source) -> None:
    a = convert(source, mapping=MAPPING, use_extractor=False).plan.to_json()
    b = convert(source, mapping=MAPPING, use_extractor=False).plan.to_json()
    assert a == b
    keys = [o["planObjectKey"] for o in a["planObjects"]]
    assert len(keys) == len(set(keys))
    reg_keys = [
        r["planRegulationKey"] for g in a["planRegulationGroups"] for r in g["planRegulations"]
    ]
    assert len(reg_keys) == len(set(reg_keys))
