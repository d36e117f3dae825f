"""Bad and hostile input: a clear InputError, exit 2 through the CLI, never a traceback."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import shapely

from ryhti.cli import main
from ryhti.errors import InputError
from ryhti.parsers import convert

from .conftest import write_layer

MAPPING = """
version = 1
[[layers]]
layer = "alueet"
role = "area"
letter_code = "merkinta"
text = "teksti"
"""


def cli_fails(args: list[str], capsys, match: str) -> str:
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert match in err, err
    assert len(err.strip().splitlines()) == 1
    return err


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def test_corrupt_geopackage(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "broken.gpkg"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00garbage" * 200)
    with pytest.raises(InputError, match="cannot be read as GIS data"):
        convert(bad)
    cli_fails(["convert", str(bad), "-o", str(tmp_path / "p.json")], capsys, "broken.gpkg")


def test_corrupt_shapefile(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "alueet.shp"
    bad.write_bytes(b"\x00\x00\x27\x0a" + b"\xff" * 50)
    cli_fails(["convert", str(bad), "-o", str(tmp_path / "p.json")], capsys, "alueet.shp")


def test_missing_file(tmp_path: Path, capsys) -> None:
    cli_fails(
        ["convert", str(tmp_path / "nope.gpkg"), "-o", str(tmp_path / "p.json")],
        capsys,
        "no such file",
    )


def test_unknown_crs(tmp_path: Path, mapping: Path, capsys) -> None:
    src = tmp_path / "a.gpkg"
    write_layer(src, "alueet", [{"merkinta": "VL"}], [shapely.box(0, 0, 1, 1)])
    cli_fails(
        [
            "convert",
            str(src),
            "--mapping",
            str(mapping),
            "--source-crs",
            "EPSG:999999",
            "-o",
            str(tmp_path / "p.json"),
        ],
        capsys,
        "unknown coordinate system",
    )


def test_empty_layer(tmp_path: Path, mapping: Path, capsys) -> None:
    import geopandas as gpd
    import numpy as np
    import pyogrio

    src = tmp_path / "empty.gpkg"
    frame = gpd.GeoDataFrame(
        {"merkinta": np.array([], dtype=object), "teksti": np.array([], dtype=object)},
        geometry=gpd.GeoSeries(np.array([], dtype=object)),
        crs="EPSG:3879",
    )
    pyogrio.write_dataframe(frame, src, layer="alueet", geometry_type="Polygon")
    cli_fails(
        ["convert", str(src), "--mapping", str(mapping), "-o", str(tmp_path / "p.json")],
        capsys,
        "no plan features",
    )


def test_mapping_naming_a_missing_attribute(tmp_path: Path, capsys) -> None:
    src = tmp_path / "a.gpkg"
    write_layer(
        src, "alueet", [{"koodi": "VL"}], [shapely.box(25490000, 6675000, 25490010, 6675010)]
    )
    m = tmp_path / "m.toml"
    m.write_text(MAPPING, encoding="utf-8")
    cli_fails(
        ["convert", str(src), "--mapping", str(m), "-o", str(tmp_path / "p.json")],
        capsys,
        "'merkinta'",
    )


def test_bad_mapping_toml(tmp_path: Path, capsys) -> None:
    src = tmp_path / "a.gpkg"
    write_layer(
        src, "alueet", [{"merkinta": "VL"}], [shapely.box(25490000, 6675000, 25490010, 6675010)]
    )
    m = tmp_path / "m.toml"
    m.write_text("version = 1\n[[layers]]\nlayer = 'alueet'\nrole = 'blocks'\n", encoding="utf-8")
    cli_fails(
        ["convert", str(src), "--mapping", str(m), "-o", str(tmp_path / "p.json")],
        capsys,
        "role 'blocks'",
    )
    m.write_text("version = [", encoding="utf-8")
    cli_fails(
        ["convert", str(src), "--mapping", str(m), "-o", str(tmp_path / "p.json")], capsys, "TOML"
    )


def test_cp1252_shapefile_text(tmp_path: Path, mapping: Path, capsys) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    shp = folder / "alueet.shp"
    text = "Lähivirkistysalue – puistomainen €"
    write_layer(
        shp,
        "alueet",
        [{"merkinta": "VL", "teksti": text}],
        [shapely.box(25490000, 6675000, 25490100, 6675100)],
        driver="ESRI Shapefile",
        encoding="cp1252",
    )
    # a .cpg claiming UTF-8 makes GDAL misread the cp1252 bytes: refused with a hint
    (folder / "alueet.cpg").write_text("UTF-8", encoding="ascii")
    cli_fails(
        ["convert", str(shp), "--mapping", str(mapping), "-o", str(tmp_path / "p.json")],
        capsys,
        "--encoding cp1252",
    )
    result = convert(shp, mapping=mapping, encoding="cp1252", use_extractor=False)
    verbal = result.plan.to_json()["planRegulationGroups"][0]["planRegulations"]
    assert any(r.get("value", {}).get("text", {}).get("fin") == text for r in verbal)


def test_zipped_shapefile_reads(tmp_path: Path, mapping: Path) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    write_layer(
        folder / "alueet.shp",
        "alueet",
        [{"merkinta": "VL", "teksti": "Lähivirkistysalue."}],
        [shapely.box(25490000, 6675000, 25490100, 6675100)],
        driver="ESRI Shapefile",
    )
    archive = tmp_path / "alueet.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f"kaava/{f.name}")
    result = convert(archive, mapping=mapping, use_extractor=False)
    assert len(result.plan.objects()) == 1


@pytest.mark.parametrize(
    "name", ["../evil.shp", "/etc/evil.shp", "a/../../evil.shp", "C:\\evil.shp"]
)
def test_zip_slip_refused(tmp_path: Path, name: str, capsys) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("ok.txt", "x")
        zf.writestr(name, "x")
    cli_fails(
        ["convert", str(archive), "-o", str(tmp_path / "p.json")], capsys, "outside the folder"
    )


def test_zip_bomb_refused(tmp_path: Path, capsys) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("kaava.geojson", b"0" * 5_000_000)
    cli_fails(["convert", str(archive), "-o", str(tmp_path / "p.json")], capsys, "zip bomb")


def test_not_a_zip(tmp_path: Path, capsys) -> None:
    archive = tmp_path / "x.zip"
    archive.write_bytes(b"PK\x03\x04 not really")
    cli_fails(["convert", str(archive), "-o", str(tmp_path / "p.json")], capsys, "zip")


XML_HEAD = '<?xml version="1.0"?>\n'
BILLION_LAUGHS = (
    XML_HEAD
    + """<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<akaava:AsemakaavaAineisto xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava">&lol3;</akaava:AsemakaavaAineisto>
"""
)
EXTERNAL_ENTITY = (
    XML_HEAD
    + """<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<SpatialPlanElementSet>&xxe;</SpatialPlanElementSet>
"""
)
DTD_ONLY = (
    XML_HEAD
    + """<!DOCTYPE SpatialPlanElementSet SYSTEM "http://example.invalid/plan.dtd">
<SpatialPlanElementSet/>
"""
)


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY, DTD_ONLY])
def test_xml_with_dtd_or_entities_refused(tmp_path: Path, content: str, capsys) -> None:
    path = tmp_path / "plan.gml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="DOCTYPE"):
        convert(path)
    cli_fails(["convert", str(path), "-o", str(tmp_path / "p.json")], capsys, "DOCTYPE")


def test_malformed_xml(tmp_path: Path, capsys) -> None:
    path = tmp_path / "plan.gml"
    path.write_text(XML_HEAD + "<a><b></a>", encoding="utf-8")
    cli_fails(["convert", str(path), "-o", str(tmp_path / "p.json")], capsys, "not well-formed XML")


def test_cp1252_xml_without_declaration(tmp_path: Path, capsys) -> None:
    path = tmp_path / "plan.gml"
    path.write_bytes(b"<?xml version='1.0'?><a>L\xe4hivirkistysalue</a>")
    cli_fails(["convert", str(path), "-o", str(tmp_path / "p.json")], capsys, "not well-formed XML")


def test_bad_gml_coordinates(tmp_path: Path, capsys) -> None:
    src = Path(__file__).parent / "data" / "kuntagml" / "asemakaava-2.3.0.gml"
    bad = tmp_path / "bad.gml"
    bad.write_text(
        src.read_text(encoding="utf-8").replace("25490150 6675080 0", "25490150 6675080"),
        encoding="utf-8",
    )
    cli_fails(["convert", str(bad), "-o", str(tmp_path / "p.json")], capsys, "does not divide")


def test_output_is_atomic(tmp_path: Path, capsys) -> None:
    """A failing conversion leaves an existing output file untouched."""
    out = tmp_path / "plan.json"
    out.write_text("previous", encoding="utf-8")
    cli_fails(["convert", str(tmp_path / "missing.gpkg"), "-o", str(out)], capsys, "no such file")
    assert out.read_text(encoding="utf-8") == "previous"


def test_geojson_in_cp1252_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "kaava.geojson"
    path.write_bytes(
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        b'{"merkinta":"L\xe4hivirkistysalue"},"geometry":{"type":"Point","coordinates":[0,0]}}]}'
    )
    cli_fails(["convert", str(path), "-o", str(tmp_path / "p.json")], capsys, "not valid UTF-8")


def test_sample_copy_with_broken_geometry_reports_the_repair(tmp_path: Path, sample: Path) -> None:
    """A self-intersecting block is repaired and the repair is in the report, never silent."""
    gpkg = tmp_path / "kaava.gpkg"
    shutil.copy(sample / "asemakaava.gpkg", gpkg)
    bowtie = shapely.Polygon(
        [(25487000, 6673000), (25487010, 6673010), (25487010, 6673000), (25487000, 6673010)]
    )
    write_layer(
        gpkg, "aluevaraukset", [{"tunnus": "X", "kaavamerkinta": "VL"}], [bowtie], append=True
    )
    result = convert(gpkg, use_extractor=False)
    repaired = [f for f in result.report["features"] if f.get("repairs")]
    assert repaired and "made valid" in repaired[0]["repairs"][0]
    assert any(f.rule == "CV004" for f in result.findings)
