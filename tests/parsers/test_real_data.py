"""Every real source of ``../shared/reference`` converts, and every error left is the source's.

The figures and explanations here are those of ``docs/real-data.md`` (regenerate its tables
with ``.venv/bin/python -m tests.parsers.realdata``). A change that makes the conversion
cause an error fails here: every error left must be of a rule the docs explain as the
source's defect, and no more of them than documented (fewer is an improvement, e.g. when
the notation table or the extractor types a feature better). The tests skip when the
reference material is absent.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import reference_path

from .pgcluster import Unavailable, restore
from .realdata import BY_NAME, ROOT, TAMPERE_MAPPING, Figures, convert_one

#: Validation errors left per source, each a defect of the source (docs/real-data.md).
EXPECTED: dict[str, dict[str, int]] = {
    # no plan boundary (CV008: the area is the hull of scattered notation samples); building
    # areas across two reservations or in none; value notations without values; label
    # points that carry only a quantity
    "qaava": {"G015": 2, "G024": 7, "V006": 15, "V010": 11},
    # a cycle street drawn only as an osa-alue (no zoning element under it); two binding
    # plots with one geometry that lies across two reservations
    "kempele": {"G015": 1, "G024": 2},
    "pilot-detail-presentation": {},
    "pilot-detail-changeset": {},
    # a general plan that does not say whether it has legal effect
    "pilot-general-presentation": {"L029": 1},
    "pilot-general-changeset": {"L029": 1},
    # the example holds one of the plan's objects; a vertex 2 cm outside the boundary
    "kaatio": {"G013": 1, "G015": 1},
    "kaatio-1st-save": {"G013": 1, "G015": 1},
    "kaatio-2nd-save": {"G013": 1, "G015": 1},
    # holes in the land-use map, overlaps between its polygons, theme-map features
    # drawn past the plan boundary, self-crossing lines
    "tampere": {"G009": 8, "G013": 98, "G014": 36, "G015": 115},
}
#: Conversion errors per source (features the source holds without geometry).
CONVERSION_ERRORS = {"tampere": {"CV005": 3}}
#: Sources that are not plans: the error says what they are.
NOT_PLANS = {
    "kuopio": "only the plan's boundary",
    "pilot-detail-need": "SpatialPlanDevelopmentNeed",
    "pilot-general-need": "SpatialPlanDevelopmentNeed",
}


@pytest.fixture(scope="module")
def figures() -> dict[str, Figures]:
    reference = reference_path()
    return {
        name: convert_one(source, reference)
        for name, source in BY_NAME.items()
        if not source.postgis
    }


def _errors(f: Figures) -> dict[str, int]:
    return dict(Counter(rule for rule, _, _ in f.errors))


def _within(found: dict[str, int], documented: dict[str, int]) -> None:
    """Every error of a documented rule, and no more of them than documented."""
    assert set(found) <= set(documented), f"errors the docs do not explain: {found}"
    for rule, count in found.items():
        assert count <= documented[rule], (rule, count, documented[rule])


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n != "tampere"))
def test_remaining_errors_are_the_sources(figures: dict[str, Figures], name: str) -> None:
    f = figures[name]
    assert f.error is None, f.error
    _within(_errors(f), EXPECTED[name])
    conversion_errors = {r: n for (sev, r), n in f.conversion.items() if sev == "error"}
    assert conversion_errors == CONVERSION_ERRORS.get(name, {})
    assert f.exit_code == (1 if f.errors or conversion_errors else 0)


@pytest.mark.parametrize("name", sorted(NOT_PLANS))
def test_sources_that_are_no_plans_say_what_they_are(
    figures: dict[str, Figures], name: str
) -> None:
    f = figures[name]
    assert f.exit_code == 2 and f.error is not None
    assert NOT_PLANS[name] in f.error


def test_kempele_errors_name_the_source_features(figures: dict[str, Figures]) -> None:
    places = sorted(where for _, where, _ in figures["kempele"].errors)
    assert places == [
        "ZoningElement:ze.008112012014433",  # the gap lies along this block and the street
        "ZoningElement_plot:ze.014021910180732",
        "ZoningElement_plot:ze.014021910181448",
    ]
    report = figures["kempele"].report
    assert report["plan"]["lifeCycleStatus"] == "06"
    assert report["plan"]["approvalDate"] == "2019-06-04"


def test_tampere_through_postgis(postgis_url: str) -> None:
    dump = reference_path("datasets", "tampere-yk049_testiaineisto.backup")
    try:
        database = restore(postgis_url, dump, "tampere")
    except Unavailable as exc:
        pytest.skip(str(exc))
    f = convert_one(BY_NAME["tampere"], dump.parents[1], database)
    assert f.error is None, f.error
    _within(_errors(f), EXPECTED["tampere"])
    assert {r: n for (sev, r), n in f.conversion.items() if sev == "error"} == {"CV005": 3}
    # every error is geometry of the source, on the layers the docs name
    layers = Counter(where.split(":")[0] for _, where, _ in f.errors)
    assert set(layers) <= {
        "k1_kayttotarkoitusalueet",
        "k1_linjat_reitit_vaylat_line",
        "k1_pyorailyn_tavoiteverkko",
        "k1_strategiset_kehittamisperiaatemerkinnat_polygon",
        "k2_kayttark_polygon",
        "k2_osa_alueet_polygon",
        "k2_yhteydet_polut_line",
        "k3_kohteet_point",
        "k4_ojat_linjat_line",
        "k4_alueet_polygon",
        "k3_arvoalueet_polygon",
        "k4_kohteet_point",
    }
    plan = f.report["plan"]
    assert plan["planType"] == "21" and plan["srid"] == "3878"
    # the wrong readings the issue found are gone: values of named places stay verbal,
    # theme maps are sub-areas, lines no reservations, no header-level code
    rules = Counter(r for (_, r) in f.conversion.elements())
    assert rules["CV021"] == 6  # Lielahti, Lakalaiva, Koilliskeskus, in both of its texts
    groups = f.report["groups"]
    assert not any(r["type"] == "vesivayla" for g in groups for r in g["regulations"])


def test_the_docs_show_the_tampere_mapping_in_full() -> None:
    doc = (ROOT / "docs" / "real-data.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", doc, flags=re.S)
    assert TAMPERE_MAPPING.read_text(encoding="utf-8") in blocks


def test_the_docs_carry_these_figures() -> None:
    doc = (ROOT / "docs" / "real-data.md").read_text(encoding="utf-8")
    for name, errors in EXPECTED.items():
        assert f"| {name} |" in doc
        for rule, count in errors.items():
            assert f"{rule} {count}" in doc, (name, rule)


def test_realdata_lists_every_reference_source() -> None:
    reference = reference_path()
    gml = {p.name for p in (reference / "gml").rglob("*") if p.suffix in (".gml", ".xml")}
    converted = {s.parts[-1] for s in BY_NAME.values()}
    assert gml - converted <= {"spatial-planning.xsd", "built-environment-common.xsd"}
    assert Path(reference, "datasets", "qaava-asemakaava_testiaineisto.gpkg").exists()


def test_a_signs_explanation_without_its_number_is_no_regulation(
    figures: dict[str, Figures],
) -> None:
    """qaava's label points hold the legend line that explains a sign's number ("Roomalainen
    numero osoittaa …") and no number: no quantity without a value is made of them (CV025),
    while an explanation that needs no number (a building side with an exit) stays."""
    report = figures["qaava"].report
    flagged = {
        (f["location"]["layer"], f["location"]["fid"], f["message"].split(":")[0])
        for f in report["findings"]
        if f["rule"] == "CV025"
    }
    assert ("asemakaava_pisteet", "24", "maanpaallinenKerroslukuLuku") in flagged
    assert ("asemakaava_viivat", "7", "aaneneristavyys") in flagged
    by_fid = {(f["layer"], f["fid"]): f for f in report["features"]}
    groups = {g["key"]: g for g in report["groups"]}

    def types(layer: str, fid: str) -> set[str]:
        keys = by_fid[(layer, fid)].get("planRegulationGroupKeys", [])
        return {r["type"] for k in keys for r in groups[k]["regulations"]}

    assert "maanpaallinenKerroslukuLuku" not in types("asemakaava_pisteet", "24")
    assert "rakennuksenSivuJossaSuoraUloskayntiPorrashuoneista" in types("asemakaava_viivat", "6")


def test_a_combined_sign_gives_every_member(figures: dict[str, Figures]) -> None:
    """Kempele's approved plan names two blocks AKR (land-use kind AK): both codes, AK's and
    the terraced houses', not AK alone."""
    groups = [g for g in figures["kempele"].report["groups"] if g.get("letterIdentifier") == "AKR"]
    assert groups
    for group in groups:
        types = {r["type"] for r in group["regulations"]}
        assert {
            "asuinkerrostaloalue",
            "rivitalojenJaMuidenKytkettyjenAsuinpientalojenAlue",
        } <= types
