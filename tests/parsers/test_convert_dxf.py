"""DXF drawings with a CAD-layer mapping → plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from ryhti.cli import main
from ryhti.errors import InputError
from ryhti.parsers import convert

from .test_convert_gis import schema_errors

X0, Y0 = 25_487_000.0, 6_673_000.0  # EPSG:3879 (Espoo)


def _polyline(
    layer: str, pts: list[tuple[float, float]], bulges: dict[int, float] | None = None
) -> list[str]:
    out = ["0", "POLYLINE", "8", layer, "66", "1", "70", "1"]
    for i, (x, y) in enumerate(pts):
        out += ["0", "VERTEX", "8", layer, "10", f"{X0 + x}", "20", f"{Y0 + y}"]
        if bulges and i in bulges:
            out += ["42", str(bulges[i])]
    return [*out, "0", "SEQEND", "8", layer]


def _text(layer: str, x: float, y: float, text: str) -> list[str]:
    return ["0", "TEXT", "8", layer, "10", f"{X0 + x}", "20", f"{Y0 + y}", "40", "2.5", "1", text]


def _line(layer: str, a: tuple[float, float], b: tuple[float, float]) -> list[str]:
    return [
        "0",
        "LINE",
        "8",
        layer,
        "10",
        f"{X0 + a[0]}",
        "20",
        f"{Y0 + a[1]}",
        "11",
        f"{X0 + b[0]}",
        "21",
        f"{Y0 + b[1]}",
    ]


def write_dxf(path: Path) -> Path:
    """A small CAD-style asemakaava in ASCII DXF (R12 entities)."""
    ents: list[str] = []
    ents += _polyline("KAAVARAJA", [(0, 0), (100, 0), (100, 50), (0, 50)])
    ents += _polyline("KORTTELIALUEET", [(0, 0), (50, 0), (50, 50), (0, 50)])
    ents += _polyline("KORTTELIALUEET", [(50, 0), (100, 0), (100, 50), (50, 50)])
    ents += _text("KAAVAMERKINNAT", 25, 25, "AK")
    ents += _text("KAAVAMERKINNAT", 75, 25, "VL")
    ents += _polyline("RAKENNUSALAT", [(5, 5), (45, 5), (45, 45), (5, 45)], bulges={1: 0.2})
    ents += _line("KATUALUEEN_RAJA_LIITTYMAKIELTO", (0, 50), (50, 50))
    ents += _text("APUVIIVAT", 200, 200, "muistiinpano")
    path.write_text(
        "\n".join(["0", "SECTION", "2", "ENTITIES", *ents, "0", "ENDSEC", "0", "EOF"]) + "\n",
        encoding="ascii",
    )
    return path


MAPPING = """
version = 1
name = "Kaupungin CAD-tasot"

[plan]
id = "cad-sample"

[geometry]
source_crs = "EPSG:3879"

[[layers]]
layer = "KAAVARAJA"
role = "boundary"
ignore = ["PaperSpace", "SubClasses", "Linetype", "EntityHandle", "Text", "label"]

[[layers]]
layer = "KORTTELIALUEET"
role = "area"
letter_code = "label"
ignore = ["PaperSpace", "SubClasses", "Linetype", "EntityHandle", "Text"]

[[layers]]
layer = "RAKENNUSALAT"
role = "subarea"
regulation = "rakennusala"
ignore = ["PaperSpace", "SubClasses", "Linetype", "EntityHandle", "Text", "label"]

[[layers]]
layer = "KATUALUEEN_RAJA_*"
role = "line"
regulation = "kadunOsaJollaOnAjoneuvoliittymakielto"
ignore = ["PaperSpace", "SubClasses", "Linetype", "EntityHandle", "Text"]

[[layers]]
layer = "KAAVAMERKINNAT"
role = "ignore"
reason = "letter codes written inside the areas; read as their label"

[[layers]]
layer = "APUVIIVAT"
role = "ignore"
reason = "drafting notes"
"""


@pytest.fixture
def dxf(tmp_path: Path) -> tuple[Path, Path]:
    mapping = tmp_path / "cad.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return write_dxf(tmp_path / "kaava.dxf"), mapping


def test_dxf_converts_with_layer_mapping(dxf) -> None:
    path, mapping = dxf
    result = convert(path, mapping=mapping, use_extractor=False)
    plan = result.plan_json()
    assert schema_errors(plan) == []
    assert plan["geographicalArea"]["srid"] == "3879"
    letters = sorted(g.get("letterIdentifier") or "" for g in plan["planRegulationGroups"])
    assert letters == ["", "", "AK", "VL"]
    types = sorted(
        r["type"].rsplit("/", 1)[-1]
        for g in plan["planRegulationGroups"]
        for r in g["planRegulations"]
    )
    assert types == [
        "asuinkerrostaloalue",
        "kadunOsaJollaOnAjoneuvoliittymakielto",
        "lahivirkistysalue",
        "rakennusala",
    ]
    assert result.report["summary"]["findings"]["warning"] == 0
    fates = {(f["layer"], f["fate"]) for f in result.report["features"]}
    assert ("KAAVAMERKINNAT", "ignored") in fates and ("APUVIIVAT", "ignored") in fates
    assert len(result.report["features"]) == 8
    # the bulge was linearised into many vertices, and the report says how
    building = next(
        o for o in plan["planObjects"] if len(o["geometry"]["geometry"]["coordinates"][0]) > 10
    )
    assert building
    assert any(d["item"] == "arcs" for d in result.report["decisions"])


def test_dxf_without_crs_or_mapping(dxf, tmp_path: Path, capsys) -> None:
    path, _ = dxf
    with pytest.raises(InputError, match="no mapping"):
        convert(path)
    no_crs = tmp_path / "nocrs.toml"
    no_crs.write_text(MAPPING.replace('source_crs = "EPSG:3879"', ""), encoding="utf-8")
    # a drawing carries no coordinate system, but GK25 coordinates tell it (CV020)
    guessed = convert(path, mapping=no_crs, use_extractor=False)
    assert guessed.plan_json()["geographicalArea"]["srid"] == "3879"
    assert any(f.rule == "CV020" and "EPSG:3879" in f.message for f in guessed.findings)
    with pytest.raises(SystemExit) as exc:
        main(["convert", str(path), "-o", str(tmp_path / "p.json")])
    assert exc.value.code == 2
    assert "KORTTELIALUEET" in capsys.readouterr().err


def test_corrupt_dxf(tmp_path: Path) -> None:
    bad = tmp_path / "bad.dxf"
    bad.write_text("0\nSECTION\n2\nENTITIES\n0\nPOLYLINE\n8\n", encoding="ascii")
    with pytest.raises(InputError):
        convert(bad, mapping="template")


@pytest.mark.parametrize(("code", "axis"), [("10", "x"), ("21", "y"), ("230", "z")])
def test_coordinate_that_is_not_a_number_is_an_input_error(
    tmp_path: Path, code: str, axis: str
) -> None:
    """GDAL reads a coordinate ``x`` as 0: the reader refuses the file instead, naming the
    line, the entity and the group code."""
    ents = _polyline("KORTTELIALUEET", [(0, 0), (50, 0), (50, 50)])
    ents += ["0", "LINE", "5", "2F", "8", "RAJAT", "10", "1.0", "20", "2.0", "11", "3.0"]
    ents += ["21", "4.0", "230", "1.0"]
    index = ents.index(code, ents.index("LINE"))
    ents[index + 1] = " nan?" if code == "230" else "x"
    bad = tmp_path / "bad.dxf"
    bad.write_text(
        "\n".join(["0", "SECTION", "2", "ENTITIES", *ents, "0", "ENDSEC", "0", "EOF"]) + "\n",
        encoding="ascii",
    )
    with pytest.raises(InputError) as exc:
        convert(bad, mapping="template", source_crs="EPSG:3879")
    assert exc.value.where == f"line {index + 6}"
    assert f"entity LINE 2F on layer 'RAJAT': group code {code} ({axis} coordinate)" in str(
        exc.value
    )


def test_misaligned_group_codes_are_left_to_gdal(tmp_path: Path) -> None:
    """Where codes and values lose their pairing the check stops, so a value line is never
    read as a code (GDAL's own reading decides)."""
    ents = _polyline("KORTTELIALUEET", [(0, 0), (50, 0), (50, 50)])
    ents.insert(1, "junk")  # the pairing is lost from here on
    path = tmp_path / "odd.dxf"
    path.write_text("\n".join(["0", "SECTION", "2", "ENTITIES", *ents]) + "\n", encoding="ascii")
    from ryhti.parsers.dxf import _check_coordinates

    _check_coordinates(path)


def test_mapping_regulation_must_be_a_code(tmp_path: Path) -> None:
    from ryhti.parsers.mapping import parse_mapping

    with pytest.raises(InputError, match="not a RY_Kaavamaarayslaji code"):
        parse_mapping('version = 1\n[[layers]]\nlayer = "X"\nrole = "line"\nregulation = "nope"\n')
