"""The chapters that need more than the plan: background data, plans in force,
alternatives and the location map, with every number they print recomputed here.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import numpy as np
import pytest
import shapely
import shapely.geometry as sg
from PIL import Image

from ryhti.background import AreaOverlap, BackgroundData, PlanInForce, SiteInside, SourceRecord
from ryhti.errors import InputError
from ryhti.generators import describe_document
from ryhti.generators.locmap import Municipalities, load_municipalities
from ryhti.generators.starting_points import (
    background_to_json,
    load_background,
    parse_background,
    translative,
    write_background,
)
from ryhti.model import from_json
from tests.conftest import reference_path
from tests.generators.builders import X0, Y0, rect
from tests.generators.test_cli import run
from tests.generators.test_recompute import (
    CLASSES,
    KM2_PER_RESIDENT,
    expected,
    fmt,
    section,
    table_rows,
    verify,
)

BACKGROUND = BackgroundData(
    plans_in_force=(
        PlanInForce(
            level="maakuntakaava",
            name="Uudenmaan kokonaismaakuntakaava",
            designations=(("A", "Taajamatoimintojen alue", "Område för tätortsfunktioner", 1.0),),
        ),
        PlanInForce(
            level="yleiskaava",
            name="Espoon eteläosien yleiskaava",
            identifier="YK-2010",
            approved="2010-06-07",
            designations=(
                ("A", "Asuntoalue", "Bostadsområde", 0.8),
                ("VL", "Lähivirkistysalue", "Område för närrekreation", 0.2),
            ),
        ),
    ),
    overlaps=(AreaOverlap("pohjavesi", "Mäkikylä", "0104901", 3000.0, 0.1),),
    sites=(
        SiteInside("muinaisjaannos", "Kivikko", "1000012345"),
        SiteInside("muinaisjaannos", "Hiidenkiuas", "1000012346"),
    ),
    population=120,
    population_source="Tilastokeskus, väestöruudukko 2024",
    sources=(SourceRecord("Maanmittauslaitos, maastotietokanta", "11", "2025-03-01", "CC BY 4.0"),),
    gathered=frozenset({"plans", "natura", "pohjavesi", "muinaisjaannos", "vaesto", "pohjakartta"}),
)


def test_starting_points_are_written_from_the_background_data(plan, plan_json, matter) -> None:
    doc = describe_document(plan, matter, figure=False, background=BACKGROUND)
    start = section(doc.markdown, "## 3 ", "## 4 ")
    assert (
        "Alueella on voimassa Espoon eteläosien yleiskaava (YK-2010, hyväksytty 7.6.2010)." in start
    )
    assert (
        "Yleiskaavassa alue on osoitettu asuntoalueeksi (A, 80,0\u00a0%) ja "
        "lähivirkistysalueeksi (VL, 20,0\u00a0%)." in start
    )
    assert "Maakuntakaavassa alue on osoitettu taajamatoimintojen alueeksi (A)." in start
    assert "Alueella ei ole voimassa olevaa asemakaavaa." in start
    # Areas and shares as the data gives them, at the document's one precision.
    assert (
        f"Kaava-alue on osittain pohjavesialueella Mäkikylä (0104901): {fmt(3000 / 1e4, 2)}"
        f"\u00a0ha eli {fmt(10.0, 1)}\u00a0% kaava-alueesta." in start
    )
    assert "Kaava-alue ei ole Natura 2000 -alueella." in start  # looked at, nothing found
    assert "[TÄYDENNÄ: tulvavaara-alueet]" in start  # not looked at
    assert (
        "Kaava-alueella on 2\u00a0muinaisjäännöstä: Kivikko (muinaisjäännöstunnus 1000012345), "
        "Hiidenkiuas (muinaisjäännöstunnus 1000012346)." in start
    )
    assert "Kaava-alueella asuu 120\u00a0asukasta (Tilastokeskus, väestöruudukko 2024)." in start
    assert "Maanmittauslaitos, maastotietokanta (haettu 1.3.2025, CC BY 4.0)" in start
    sv = describe_document(plan, matter, lang="sv", figure=False, background=BACKGROUND)
    start_sv = section(sv.markdown, "## 3 ", "## 4 ")
    assert (
        "I generalplanen är området anvisat som bostadsområde (A, 80,0\u00a0%) och "
        "område för närrekreation (VL, 20,0\u00a0%)." in start_sv
    )
    assert "I planområdet finns 2\u00a0fornlämningar:" in start_sv
    # Background data that found no asemakaava in force: the whole area is new, and the
    # seurantalomake's change columns are the plan's own figures.
    exp = expected(plan_json)
    nothing = {
        "syke": {k: {"area": 0.0, "floor": None} for k in CLASSES},
        "total": 0.0,
        "protected": 0,
    }
    verify(doc.markdown, plan_json, "fi", old=nothing, covered=0.0, given=[3000 / 1e4, 10.0])
    form = section(doc.markdown, "## Liite 1.", "## Liite 2.")
    rows = dict((r[0], r[1]) for r in table_rows(form, "Tieto"))
    assert rows["Uusi asemakaava-ala (ha)"] == fmt(exp["plan_area"] / 1e4, 2)
    assert rows["Asemakaavan muutoksen pinta-ala (ha)"] == "0,00"


def test_without_background_every_guide_heading_asks(plan, matter) -> None:
    start = section(describe_document(plan, matter, figure=False).markdown, "## 3 ", "## 4 ")
    for heading in (
        "#### 3.1.1 Alueen yleiskuvaus",
        "#### 3.1.2 Luonnonympäristö",
        "#### 3.1.3 Rakennettu ympäristö",
        "#### 3.1.4 Maanomistus",
        "#### Maakuntakaava",
        "#### Yleiskaava",
        "#### Asemakaava",
        "#### Rakennusjärjestys",
        "#### Pohjakartta",
        "#### Suojelupäätökset",
    ):
        part = start.split(f"\n{heading}\n", 1)[1].split("\n#", 1)[0]
        assert "[TÄYDENNÄ: " in part, heading


def test_translative_of_designations() -> None:
    assert translative("Asuntoalue") == "asuntoalueeksi"
    assert translative("Pientalovaltainen asuntoalue") == "pientalovaltaiseksi asuntoalueeksi"
    assert translative("Keskustatoimintojen alue") == "keskustatoimintojen alueeksi"
    assert translative("Virkistysalueet") == "virkistysalueiksi"
    assert translative("Katu") is None  # katu → kaduksi: not guessed
    assert translative("Asuntoalue, jolla on erityisiä arvoja") is None


def test_background_json_round_trip_and_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "lahtotiedot.json"
    write_background(path, BACKGROUND)
    assert load_background(path) == BACKGROUND
    data = background_to_json(BACKGROUND)
    data["overlaps"][0]["share"] = 1.5
    with pytest.raises(InputError, match=r"\$\.overlaps\[0\]\.share"):
        parse_background(data, source="x.json")
    data = background_to_json(BACKGROUND)
    data["gathered"] = ["natura", "kaivokset"]
    with pytest.raises(InputError, match="unknown themes"):
        parse_background(data)
    data = background_to_json(BACKGROUND)
    data["plansInForce"][0]["level"] = "rantakaava"
    with pytest.raises(InputError, match=r"plansInForce\[0\]\.level"):
        parse_background(data)
    with pytest.raises(InputError):
        parse_background([1, 2])


def _old_plan(plan_json: dict) -> dict:
    """The plan in force: the same blocks with less building right on AK-1, and a
    boundary that covers only the western three quarters of the new plan."""
    old = copy.deepcopy(plan_json)
    old["geographicalArea"]["geometry"] = rect(0, 0, 150, 150)
    for g in old["planRegulationGroups"]:
        for r in g["planRegulations"]:
            if (
                r["type"].endswith("/sallittuKerrosala")
                and r.get("value", {}).get("number") == 4800
            ):
                r["value"]["number"] = 3000
    return old


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_change_columns_against_the_plan_in_force(plan_json, matter, lang) -> None:
    old_json = _old_plan(plan_json)
    doc = describe_document(
        from_json(copy.deepcopy(plan_json), "plan"),
        matter,
        lang=lang,
        figure=False,
        in_force=[from_json(copy.deepcopy(old_json), "plan")],
    )
    new_boundary = sg.shape(plan_json["geographicalArea"]["geometry"])
    old = expected(old_json, clip=new_boundary)
    covered = sg.shape(old_json["geographicalArea"]["geometry"]).intersection(new_boundary).area
    verify(doc.markdown, plan_json, lang, old=old, covered=covered)
    form = section(
        doc.markdown,
        *(("## Liite 1.", "## Liite 2.") if lang == "fi" else ("## Bilaga 1.", "## Bilaga 2.")),
    )
    rows = dict((r[0], r[1]) for r in table_rows(form, "Tieto" if lang == "fi" else "Uppgift"))
    changed = (
        "Asemakaavan muutoksen pinta-ala (ha)"
        if lang == "fi"
        else "Detaljplaneändringens areal (ha)"
    )
    fresh = "Uusi asemakaava-ala (ha)" if lang == "fi" else "Ny detaljplaneareal (ha)"
    assert rows[changed] == fmt(covered / 1e4, 2)
    assert rows[fresh] == fmt((new_boundary.area - covered) / 1e4, 2)
    # The summary and the impacts say how the building right changes.
    total = expected(plan_json)["total"] - old["total"]
    if lang == "fi":
        assert f"Rakennusoikeus kasvaa voimassa olevaan kaavaan verrattuna {fmt(total, 0)}" in (
            doc.markdown
        )


def test_alternatives_are_compared_by_the_same_rules(plan_json, matter) -> None:
    alt_json = copy.deepcopy(plan_json)
    for g in alt_json["planRegulationGroups"]:
        for r in g["planRegulations"]:
            if r["type"].endswith("/tehokkuusluku"):
                r["value"]["number"] = 0.5
    doc = describe_document(
        from_json(copy.deepcopy(plan_json), "plan"),
        matter,
        figure=False,
        alternatives=[("Vaihtoehto B", from_json(copy.deepcopy(alt_json), "plan"))],
    )
    part = section(doc.markdown, "### 4.5 ", "## 5 ")
    rows = {r[0]: r[1:] for r in table_rows(part, "Mitoitus")}
    assert "| Mitoitus | Kaava | Vaihtoehto B |" in part
    for data, column in ((plan_json, 0), (alt_json, 1)):
        exp = expected(data)
        assert rows["Kaava-alueen pinta-ala (ha)"][column] == fmt(exp["plan_area"] / 1e4, 2)
        assert rows["Rakennusoikeus (k-m²)"][column] == fmt(exp["total"], 0)
        assert rows["Aluetehokkuus (e)"][column] == fmt(exp["total"] / exp["plan_area"], 2)
        assert rows["Asuinrakennusoikeus (k-m²)"][column] == fmt(exp["syke"]["A"]["floor"], 0)
        assert rows["Asukasmäärä, arvio"][column] == fmt(
            exp["syke"]["A"]["floor"] / KM2_PER_RESIDENT, 0
        )
        assert rows["Virkistysalueet (ha)"][column] == fmt(exp["syke"]["V"]["area"] / 1e4, 2)
        assert rows["Kortteleita"][column] == str(len(exp["blocks"]))
    assert rows["Rakennusoikeus (k-m²)"][0] != rows["Rakennusoikeus (k-m²)"][1]


def _municipalities(plan_json: dict) -> Municipalities:
    """Two 10 km squares in EPSG:3067: the one under the plan is Espoo (049)."""
    from ryhti.generators.figures import reproject

    centre = reproject(np.array([sg.Point(X0 + 100, Y0 + 75)], dtype=object), "3879", "3067")[0]
    home = shapely.box(centre.x - 6000, centre.y - 5000, centre.x + 4000, centre.y + 5000)
    east = shapely.box(centre.x + 4000, centre.y - 5000, centre.x + 14000, centre.y + 5000)
    return Municipalities(
        "3067",
        np.array([home, east], dtype=object),
        ["049", "091"],
        [{"fin": "Espoo", "swe": "Esbo"}, {"fin": "Helsinki", "swe": "Helsingfors"}],
    )


def _colours(png: bytes) -> set[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {c for _, c in image.getcolors(1_000_000)}


def test_location_map_from_municipality_boundaries(plan, plan_json, matter, monkeypatch) -> None:
    doc = describe_document(plan, matter, municipalities=_municipalities(plan_json))
    assert "![Kaava-alueen sijainti](kaavakartta.sijainti.png)" in doc.markdown
    colours = _colours(doc.attachments["kaavakartta.sijainti.png"])
    assert (0xF3, 0xE6, 0xC8) in colours  # the plan's municipality, tinted
    assert (0xD6, 0x27, 0x28) in colours  # the plan area, in red
    # without a file, the boundaries shipped with the package are drawn
    shipped = describe_document(plan, matter)
    assert "![Kaava-alueen sijainti](kaavakartta.sijainti.png)" in shipped.markdown
    assert (0xF3, 0xE6, 0xC8) in _colours(shipped.attachments["kaavakartta.sijainti.png"])
    # and with none at all (a stripped install), the plan area alone, said so
    from ryhti.generators import locmap

    monkeypatch.setattr(locmap, "default_municipalities", lambda: None)
    alone = describe_document(plan, matter)
    assert "kuntarajoja ei annettu, joten kartalla on vain kaava-alue" in alone.markdown
    assert (0xF3, 0xE6, 0xC8) not in _colours(alone.attachments["kaavakartta.sijainti.png"])


def test_location_map_on_real_municipality_boundaries(sample_json) -> None:
    """The generalised 2024 municipality boundaries (real data): the sample lies in Espoo."""
    municipalities = load_municipalities(reference_path("datasets", "municipalities-2024.geojson"))
    assert municipalities.srid == "3067" and "049" in municipalities.codes
    matter = from_json(
        {"name": {"fin": "Näyte"}, "administrativeAreaIdentifiers": ["049"]}, "matter"
    )
    doc = describe_document(from_json(sample_json, "plan"), matter, municipalities=municipalities)
    colours = _colours(doc.attachments["kaavakartta.sijainti.png"])
    assert (0xF3, 0xE6, 0xC8) in colours and (0xD6, 0x27, 0x28) in colours


def test_cli_takes_background_alternatives_plans_in_force_and_boundaries(
    plan_file: Path, matter_file: Path, plan_json, tmp_path: Path, capsys
) -> None:
    background = tmp_path / "lahtotiedot.json"
    write_background(background, BACKGROUND)
    alt = tmp_path / "b.json"
    alt.write_text(json.dumps(plan_json), encoding="utf-8")
    old = tmp_path / "voimassa.json"
    old.write_text(json.dumps(_old_plan(plan_json)), encoding="utf-8")
    boundaries = tmp_path / "kunnat.geojson"
    m = _municipalities(plan_json)
    boundaries.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3067"}},
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"code": c, "name": n},
                        "geometry": sg.mapping(g),
                    }
                    for g, c, n in zip(m.geoms, m.codes, m.names, strict=True)
                ],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "selostus.md"
    code, _, err = run(
        [
            "describe",
            str(plan_file),
            "--matter",
            str(matter_file),
            "--background",
            str(background),
            "--alternative",
            f"Vaihtoehto B={alt}",
            "--in-force",
            str(old),
            "--municipalities",
            str(boundaries),
            "--km2-per-resident",
            "50",
            "-o",
            str(out),
        ],
        capsys,
    )
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "| Mitoitus | Kaava | Vaihtoehto B |" in text
    assert "Yleiskaavassa alue on osoitettu asuntoalueeksi" in text
    assert "![Kaava-alueen sijainti](selostus.kaavakartta.sijainti.png)" in text
    assert "50\u00a0k-m² asukasta kohden" in text or "50 k-m² asukasta kohden" in text
    bad = tmp_path / "bad.json"
    bad.write_text('{"overlaps": [{"theme": "natura"}]}', encoding="utf-8")
    code, _, err = run(
        ["describe", str(plan_file), "--background", str(bad), "-o", str(out)], capsys
    )
    assert code == 2 and "bad.json: $.overlaps[0]." in err and "Traceback" not in err


def test_background_map_draws_the_gathered_layers_under_the_plan(plan, matter) -> None:
    """Chapter 3's map: a Natura area as a hatched green fill, an ancient monument as a red
    triangle, under the plan boundary; nothing gathered to draw, no figure."""
    import shapely

    from ryhti.background import BackgroundLayer
    from ryhti.generators.areas import plan_boundary

    boundary = plan_boundary(plan)
    srid = plan.geographical_area.srid
    minx, miny, maxx, maxy = boundary.bounds
    natura = shapely.box(minx - 20, miny - 20, (minx + maxx) / 2, (miny + maxy) / 2)
    monument = shapely.Point((minx + maxx) / 2 + 10, (miny + maxy) / 2 + 10)
    layers = (
        BackgroundLayer("natura", "Natura 2000 -alueet", srid, (natura,)),
        BackgroundLayer("muinaisjaannos", "Muinaisjäännökset", srid, (monument,)),
    )
    doc = describe_document(plan, matter, background_layers=layers)
    caption = "![Kaava-alue lähtötietoaineistojen päällä](kaavakartta.lahtotiedot.png)"
    assert caption in doc.markdown
    chapter = doc.markdown[doc.markdown.index("## 3 Lähtökohdat") :]
    assert caption in chapter[: chapter.index("#### 3.1.1")]  # at the head of 3.1
    colours = _colours(doc.attachments["kaavakartta.lahtotiedot.png"])
    assert (0xB2, 0x18, 0x2B) in colours  # the monument's marker
    assert any(abs(r - 0x7F) < 40 and g > r + 20 and b < g for r, g, b in colours)  # green fill
    sv = describe_document(plan, matter, lang="sv", background_layers=layers)
    assert "![Planområdet på utgångsdata](kaavakartta.lahtotiedot.png)" in sv.markdown
    empty = describe_document(
        plan, matter, background_layers=(BackgroundLayer("natura", "N", srid),)
    )
    assert "kaavakartta.lahtotiedot.png" not in empty.attachments
