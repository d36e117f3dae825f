"""GIS sources → plan: golden sample, qaava accounted for, export round trip, template, CRS."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import shapely

from ryhti.cli import main
from ryhti.errors import InputError
from ryhti.io import dump_json
from ryhti.parsers import convert
from ryhti.parsers.export import write_gpkg
from ryhti.parsers.template import write_template

from .conftest import write_layer

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "ValidatePlan.schema.json").read_text(encoding="utf-8"))


def schema_errors(plan: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(plan)]


def convert_sample(sample: Path):
    return convert(
        sample / "asemakaava.gpkg",
        regulations=sample / "kaavamerkinnat.md",
    )


# -- golden sample -------------------------------------------------------------------------


def test_sample_converts_to_the_golden_plan(sample: Path) -> None:
    result = convert_sample(sample)
    expected = (sample / "plan.json").read_text(encoding="utf-8")
    assert dump_json(result.plan.to_json()) == expected, (
        "the sample's plan changed; if intended, run .venv/bin/python samples/make_sample.py"
    )


def test_sample_report_matches_golden(sample: Path) -> None:
    result = convert_sample(sample)
    expected = json.loads((sample / "report.json").read_text(encoding="utf-8"))
    assert result.report == expected


def test_sample_is_schema_valid_and_complete(sample: Path) -> None:
    result = convert_sample(sample)
    plan = result.plan.to_json()
    assert schema_errors(plan) == []
    summary = result.report["summary"]
    assert summary["features"] == 33
    assert summary["planObjects"] == 32 and summary["planBoundary"] == 1
    assert summary["textsLinked"] == summary["texts"] == 13
    assert summary["findings"]["error"] == 0 and summary["findings"]["warning"] == 0
    assert plan["geographicalArea"]["srid"] == "3879"
    assert len(plan["generalRegulationGroups"][0]["planRegulations"]) == 3
    # one quantity regulation per group (Syke), land use in its own group
    quantities = {
        "tehokkuusluku",
        "sallittuKerrosala",
        "maanpaallinenKerroslukuLuku",
        "korttelinNumero",
    }
    for group in plan["planRegulationGroups"]:
        types = [r["type"].rsplit("/", 1)[-1] for r in group["planRegulations"]]
        assert len([t for t in types if t in quantities]) <= 1
    # building areas refer to the block they lie in
    subareas = [o for o in plan["planObjects"] if o.get("relatedPlanObjectKeys")]
    assert len(subareas) == 11


def test_sample_area_reservations_tile_the_plan_area(sample: Path) -> None:
    result = convert_sample(sample)
    groups = result.plan.groups_by_object()
    area = result.plan.geographical_area.to_shapely()
    blocks = [
        o.geometry.to_shapely()
        for o in result.plan.objects()
        if any(
            (r.additional_informations or [])
            and any("paakayttotarkoitus" in a.type for a in r.additional_informations)
            for g in groups[o.plan_object_key]
            for r in g.plan_regulations
        )
    ]
    assert len(blocks) == 16
    assert abs(sum(b.area for b in blocks) - area.area) < 1e-6
    assert shapely.union_all(blocks).equals(area)


def test_keys_are_stable_across_runs_and_folders(sample: Path, tmp_path: Path) -> None:
    first = convert_sample(sample).plan.to_json()
    moved = tmp_path / "elsewhere"
    shutil.copytree(sample, moved)
    second = convert_sample(moved).plan.to_json()
    assert first == second


def test_keys_differ_between_plans(sample: Path) -> None:
    a = convert(sample / "asemakaava.gpkg", plan_id="one", use_extractor=False).plan
    b = convert(sample / "asemakaava.gpkg", plan_id="two", use_extractor=False).plan
    assert a.plan_key != b.plan_key
    assert not {o.plan_object_key for o in a.objects()} & {o.plan_object_key for o in b.objects()}


def test_cli_convert_writes_plan_and_report(sample: Path, tmp_path: Path, capsys) -> None:
    out, report = tmp_path / "plan.json", tmp_path / "report.json"
    main(
        [
            "convert",
            str(sample / "asemakaava.gpkg"),
            "--regulations",
            str(sample / "kaavamerkinnat.md"),
            "-o",
            str(out),
            "--report",
            str(report),
        ]
    )
    assert out.read_text(encoding="utf-8") == (sample / "plan.json").read_text(encoding="utf-8")
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["planObjects"] == 32
    assert "32 plan objects" in capsys.readouterr().err


# -- qaava test GeoPackage -----------------------------------------------------------------


@pytest.fixture(scope="module")
def qaava_result():
    from tests.conftest import reference_path

    path = reference_path("datasets", "qaava-asemakaava_testiaineisto.gpkg")
    return convert(path), path


def test_qaava_every_feature_accounted_for(qaava_result) -> None:
    import pyogrio

    result, path = qaava_result
    expected = {}
    for name, _ in pyogrio.list_layers(path):
        if name == "layer_styles":
            continue
        frame = pyogrio.read_dataframe(path, layer=name, fid_as_index=True)
        expected[name] = {str(i) for i in frame.index}
    reported: dict[str, set[str]] = {}
    fates: dict[str, int] = {}
    for item in result.report["features"]:
        reported.setdefault(item["layer"], set()).add(item["fid"])
        fates[item["fate"]] = fates.get(item["fate"], 0) + 1
        if item["fate"] == "cartographic":  # boundary lines and labels of the legacy legend
            assert item["layer"] in ("asemakaava_viivat", "asemakaava_pisteet")
    assert reported == expected
    assert sum(len(v) for v in expected.values()) == 189
    # 8 map conventions: the boundary lines, the cross, the label explanation, and the guiding
    # plot boundary (plot division, not a plan regulation: LABELLING.md item 7)
    assert fates == {"planObject": 181, "cartographic": 8}
    assert len(result.plan.objects()) == 181
    # the QGIS style table is reported as not representable, not dropped silently
    assert result.report["unrepresentable"][0]["layer"] == "layer_styles"


def test_qaava_every_attribute_accounted_for(qaava_result) -> None:
    result, _ = qaava_result
    for layer in result.report["source"]["layers"]:
        for name, fate in layer["attributes"].items():
            assert fate.get("to") or fate.get("ignored"), (layer["layer"], name)


def test_qaava_result_is_schema_valid(qaava_result) -> None:
    result, _ = qaava_result
    assert schema_errors(result.plan.to_json()) == []
    assert result.plan.geographical_area.srid == "3877"


def test_qaava_meanings_typed_through_the_notation_table(qaava_result) -> None:
    result, _ = qaava_result
    titles = {g.title_of_plan_regulation.fin: g for g in result.plan.groups()}
    ak = titles["Asuinkerrostalojen korttelialue"]
    assert ak.plan_regulations[0].type.endswith("/asuinkerrostaloalue")
    decisions = result.report["decisions"]
    assert any("Asuinkerrostalojen korttelialue" in d["item"] for d in decisions)


# -- export round trip -----------------------------------------------------------------------


def test_export_round_trip_is_identical(sample: Path, tmp_path: Path) -> None:
    plan = json.loads((sample / "plan.json").read_text(encoding="utf-8"))
    gpkg = tmp_path / "plan.gpkg"
    write_gpkg(plan, gpkg)
    back = convert(gpkg).plan.to_json()
    assert dump_json(back) == dump_json(plan)


def test_cli_export_round_trip(sample: Path, tmp_path: Path) -> None:
    gpkg = tmp_path / "plan.gpkg"
    main(["export", str(sample / "plan.json"), "--to", "gpkg", "-o", str(gpkg)])
    out = tmp_path / "again.json"
    main(["convert", str(gpkg), "-o", str(out), "-q"])
    assert out.read_text(encoding="utf-8") == (sample / "plan.json").read_text(encoding="utf-8")


def test_export_refuses_a_non_plan(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"permanentPlanIdentifier": "x", "planMatterPhases": []}', encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["export", str(bad), "-o", str(tmp_path / "x.gpkg")])
    assert exc.value.code == 2


# -- template ---------------------------------------------------------------------------------


def test_untouched_template_says_empty(tmp_path: Path, capsys) -> None:
    main(["init", str(tmp_path / "t")])
    with pytest.raises(SystemExit) as exc:
        main(["convert", str(tmp_path / "t" / "kaava.gpkg"), "-o", str(tmp_path / "p.json")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "no plan features" in err and "Traceback" not in err
    assert not (tmp_path / "p.json").exists()


def test_template_with_one_block_converts(tmp_path: Path) -> None:
    import pyogrio

    paths = write_template(tmp_path, srid="3879")
    gpkg = paths[0]
    block = shapely.box(25490000, 6675000, 25490100, 6675100)
    for layer, rows in (
        ("kaava_alue", [{"tunnus": "1"}]),
        ("aluevaraukset", [{"tunnus": "1", "kaavamerkinta": "AK", "tehokkuusluku": 0.8}]),
    ):
        write_layer(gpkg, layer, rows, [block], append=True)
    assert pyogrio.read_info(gpkg, layer="aluevaraukset")["features"] == 1
    result = convert(gpkg, use_extractor=False)
    plan = result.plan.to_json()
    assert schema_errors(plan) == []
    main, efficiency = plan["planRegulationGroups"]
    assert main["letterIdentifier"] == "AK"
    assert [r["type"].rsplit("/", 1)[-1] for r in main["planRegulations"]] == [
        "asuinkerrostaloalue"
    ]
    assert len(plan["planRegulationGroupRelations"]) == 2
    assert efficiency["planRegulations"][0]["value"] == {
        "dataType": "PositiveDecimal",
        "number": 0.8,
        "unitOfMeasure": "k-m2/m2",
    }
    assert result.report["plan"]["boundary"] == "boundary layer"


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    main(["init", str(tmp_path)])
    with pytest.raises(SystemExit) as exc:
        main(["init", str(tmp_path)])
    assert exc.value.code == 2


# -- CRS ---------------------------------------------------------------------------------------


def _kkj_source(tmp_path: Path) -> Path:
    from pyproj import Transformer

    to_kkj = Transformer.from_crs("EPSG:3067", "EPSG:2393", always_xy=True)
    x, y = to_kkj.transform(380000, 6680000)
    path = tmp_path / "kkj.gpkg"
    write_layer(
        path,
        "alueet",
        [{"merkinta": "VL"}],
        [shapely.box(x, y, x + 100, y + 100)],
        crs="EPSG:2393",
    )
    return path


MAPPING = """
version = 1
[[layers]]
layer = "alueet"
role = "area"
letter_code = "merkinta"
"""


def test_kkj_is_reprojected_to_3067_with_a_note(tmp_path: Path) -> None:
    src = _kkj_source(tmp_path)
    mapping = tmp_path / "m.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    result = convert(src, mapping=mapping, use_extractor=False)
    geom = result.plan.objects()[0].geometry
    assert geom.srid == "3067"
    ring = geom.geometry.coordinates[0]
    x, y = min(p[0] for p in ring), min(p[1] for p in ring)
    assert abs(x - 380000) < 2 and abs(y - 6680000) < 2
    assert any(f.rule == "CV007" for f in result.findings)
    assert result.report["reprojections"][0]["from"] == "2393"


def test_srid_option_chooses_the_output(tmp_path: Path) -> None:
    src = _kkj_source(tmp_path)
    mapping = tmp_path / "m.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    result = convert(src, mapping=mapping, srid="3879", use_extractor=False)
    assert result.plan.objects()[0].geometry.srid == "3879"
    with pytest.raises(Exception, match="not a coordinate system RYHTI accepts"):
        convert(src, mapping=mapping, srid="4326", use_extractor=False)


@pytest.mark.filterwarnings("ignore:.crs. was not provided")  # the fixture is made without one
def test_source_without_crs_needs_source_crs(tmp_path: Path) -> None:
    path = tmp_path / "nocrs.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"merkinta": "VL"},
                        "geometry": json.loads(shapely.to_geojson(shapely.box(0, 0, 1, 1))),
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    mapping = tmp_path / "m.toml"
    mapping.write_text(MAPPING.replace('"alueet"', '"nocrs"'), encoding="utf-8")
    # GeoJSON without "crs" is WGS84 by RFC 7946, so GDAL always declares one; a
    # Shapefile without .prj has none:
    shp = tmp_path / "shp"
    shp.mkdir()
    write_layer(
        shp / "alueet.shp",
        "alueet",
        [{"merkinta": "VL"}],
        [shapely.box(25490000, 6675000, 25490100, 6675100)],
        crs=None,
        driver="ESRI Shapefile",
    )
    # GK25 coordinates (8-digit eastings led by 25) tell their system: read in it, with CV020
    guessed = convert(shp / "alueet.shp", mapping=mapping_file(tmp_path), use_extractor=False)
    assert guessed.plan.objects()[0].geometry.srid == "3879"
    assert [f.rule for f in guessed.findings if f.rule == "CV020"] == ["CV020"]
    # local drawing coordinates fit no Finnish system: the error says so
    local = tmp_path / "local"
    local.mkdir()
    write_layer(
        local / "alueet.shp",
        "alueet",
        [{"merkinta": "VL"}],
        [shapely.box(10, 10, 110, 110)],
        crs=None,
        driver="ESRI Shapefile",
    )
    with pytest.raises(InputError, match="no coordinate system") as exc:
        convert(local / "alueet.shp", mapping=mapping_file(tmp_path), use_extractor=False)
    assert "fit no Finnish coordinate system" in str(exc.value)
    assert "3879" not in str(exc.value)
    result = convert(
        shp / "alueet.shp",
        mapping=mapping_file(tmp_path),
        source_crs="EPSG:3879",
        use_extractor=False,
    )
    assert result.plan.objects()[0].geometry.srid == "3879"


def mapping_file(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def test_sample_passes_the_validator(sample: Path, capsys) -> None:
    """The sample plan has no findings from the project's validator (issue 4's promise)."""
    try:
        main(
            [
                "validate",
                str(sample / "plan.json"),
                "--plan-type",
                "31",
                "--municipality",
                "049",
                "-f",
                "json",
            ]
        )
        code = 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr().out
    report = json.loads(out)
    findings = report.get("findings", report if isinstance(report, list) else [])
    errors = [f for f in findings if f.get("severity") == "error"]
    assert code == 0 and errors == [], errors[:3]


def test_unmapped_attribute_is_a_warning_and_an_error_with_strict(tmp_path: Path, capsys) -> None:
    src = tmp_path / "a.gpkg"
    write_layer(
        src,
        "alueet",
        [{"merkinta": "VL", "omistaja": "kaupunki"}],
        [shapely.box(25490000, 6675000, 25490100, 6675100)],
    )
    mapping = tmp_path / "m.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    out = tmp_path / "p.json"
    main(["convert", str(src), "--mapping", str(mapping), "--no-extract", "-o", str(out)])
    assert "warning: CV001" in capsys.readouterr().err
    out.unlink()
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "convert",
                str(src),
                "--mapping",
                str(mapping),
                "--no-extract",
                "--strict",
                "-o",
                str(out),
            ]
        )
    assert exc.value.code == 1
    assert "error: CV001" in capsys.readouterr().err
    assert out.exists()  # the plan is still written, with the findings beside it
