"""Make the project's sample asemakaava: ``samples/espoo-asemakaava/``.

A small, realistic Espoo-style detailed plan ("Kuusikkorinne", made up by the project)
drawn in EPSG:3879 (ETRS-GK25) into the RYHTI-ready GeoPackage template that
``ryhti init`` writes, with its regulation document in Finnish (Swedish titles), and the
expected outputs of ``ryhti convert``: the plan JSON (golden file) and the conversion
report. Run from the repository root::

    .venv/bin/python samples/make_sample.py           # write sources and expected outputs
    .venv/bin/python samples/make_sample.py --check   # fail if the outputs would change

The sixteen area reservations tile the plan area exactly (blocks and streets share
their edges), building areas lie inside their blocks, lines and points inside the plan.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "samples" / "espoo-asemakaava"
ORIGIN = (25_487_000.0, 6_673_000.0)  # south-west corner, EPSG:3879 (Espoo, ETRS-GK25)
SRID = "3879"


def box(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    """A rectangle in local metres, counter-clockwise, shifted to the map origin."""
    ox, oy = ORIGIN
    return [(ox + x0, oy + y0), (ox + x1, oy + y0), (ox + x1, oy + y1), (ox + x0, oy + y1)]


def at(x: float, y: float) -> tuple[float, float]:
    return (ORIGIN[0] + x, ORIGIN[1] + y)


def node(rings: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Insert into every ring the vertices of the other rings that lie on its edges.

    Neighbouring blocks then share vertices where their edges meet (no T-junctions),
    as a planner's topologically clean drawing would.
    """
    vertices = {p for ring in rings for p in ring}
    out = []
    for ring in rings:
        noded = []
        closed = [*ring, ring[0]]
        for a, b in itertools.pairwise(closed):
            noded.append(a)
            on_edge = []
            for p in vertices:
                if p in (a, b):
                    continue
                cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
                if abs(cross) > 1e-9:
                    continue
                length2 = (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2
                t = ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / length2
                if 0 < t < 1:
                    on_edge.append((t, p))
            noded.extend(p for _, p in sorted(on_edge))
        out.append(noded)
    return out


# Area reservations: (tunnus, letter, local box, attributes)
AREAS = [
    ("K1", "AK", (0, 0, 95, 140), {"korttelinumero": 1, "kerrosala": 4800, "kerrosluku": "IV"}),
    ("K2", "AK", (95, 0, 190, 140), {"korttelinumero": 2, "kerrosala": 4200, "kerrosluku": "V"}),
    (
        "K3",
        "AP",
        (210, 0, 320, 140),
        {"korttelinumero": 3, "tehokkuusluku": 0.4, "kerrosluku": "II"},
    ),
    ("LPA1", "LPA", (320, 0, 400, 60), {"korttelinumero": 8}),
    ("VL1", "VL", (320, 60, 400, 140), {"nimi": "Kuusikkometsä", "nimi_sv": "Granskogen"}),
    ("K4", "YL", (0, 160, 100, 300), {"korttelinumero": 4, "kerrosala": 3000, "kerrosluku": "III"}),
    ("VL2", "VL", (100, 160, 190, 230), {"nimi": "Koivulehto", "nimi_sv": "Björklunden"}),
    (
        "K5",
        "AP",
        (100, 230, 190, 300),
        {"korttelinumero": 5, "tehokkuusluku": 0.35, "kerrosluku": "II"},
    ),
    (
        "K6",
        "AK",
        (210, 160, 300, 300),
        {"korttelinumero": 6, "kerrosala": 5500, "kerrosluku": "VI"},
    ),
    (
        "K7",
        "AL",
        (300, 160, 400, 240),
        {"korttelinumero": 7, "kerrosala": 3600, "kerrosluku": "IV"},
    ),
    ("VP1", "VP", (300, 240, 400, 300), {"nimi": "Kuusikkopuisto", "nimi_sv": "Granbackaparken"}),
    (
        "KA1",
        None,
        (0, 140, 190, 160),
        {
            "kadunnimi": "Kuusikkotie",
            "kadunnimi_sv": "Granbackavägen",
            "nimi": "Kuusikkotie",
            "nimi_sv": "Granbackavägen",
        },
    ),
    (
        "KA2",
        None,
        (190, 140, 210, 160),
        {
            "kadunnimi": "Kuusikkotie",
            "kadunnimi_sv": "Granbackavägen",
            "nimi": "Kuusikkotie",
            "nimi_sv": "Granbackavägen",
        },
    ),
    (
        "KA3",
        None,
        (210, 140, 400, 160),
        {
            "kadunnimi": "Kuusikkotie",
            "kadunnimi_sv": "Granbackavägen",
            "nimi": "Kuusikkotie",
            "nimi_sv": "Granbackavägen",
        },
    ),
    (
        "KA4",
        None,
        (190, 0, 210, 140),
        {
            "kadunnimi": "Koivukuja",
            "kadunnimi_sv": "Björkgränden",
            "nimi": "Koivukuja",
            "nimi_sv": "Björkgränden",
        },
    ),
    (
        "KA5",
        None,
        (190, 160, 210, 300),
        {
            "kadunnimi": "Koivukuja",
            "kadunnimi_sv": "Björkgränden",
            "nimi": "Koivukuja",
            "nimi_sv": "Björkgränden",
        },
    ),
]

# Sub-areas: (tunnus, letter, local box, regulation text on the feature, attributes)
SUBAREAS = [
    ("RA1", None, (10, 20, 80, 120), "Rakennusala.", {"kerrosluku": "IV"}),
    ("RA2", None, (105, 20, 180, 120), "Rakennusala.", {"kerrosluku": "V"}),
    ("RA3", None, (220, 15, 310, 60), "Rakennusala.", {"kerrosluku": "II"}),
    ("RA4", None, (220, 80, 310, 125), "Rakennusala.", {"kerrosluku": "II"}),
    ("PK1", "pk", (15, 180, 85, 280), None, {"kerrosluku": "III"}),
    ("RA5", None, (110, 240, 180, 290), "Rakennusala.", {"kerrosluku": "II"}),
    ("RA6", None, (220, 175, 290, 285), "Rakennusala.", {"kerrosluku": "VI"}),
    ("RA7", None, (310, 170, 390, 230), "Rakennusala.", {"kerrosluku": "IV"}),
    ("LE1", "le", (10, 122, 80, 138), None, {}),
    ("SR1", "sr", (250, 90, 280, 120), None, {}),
    ("IST1", None, (0, 0, 95, 10), "Istutettava alueen osa.", {}),
]

# Lines: (tunnus, local points, regulation text)
LINES = [
    (
        "V1",
        [(0, 140), (95, 140)],
        "Katualueen rajan osa, jonka kohdalta ei saa järjestää ajoneuvoliittymää.",
    ),
    ("V2", [(210, 160), (300, 160)], "Rakennusalan sivu, johon rakennus on rakennettava kiinni."),
    ("V3", [(330, 65), (360, 100), (395, 135)], "Ohjeellinen ulkoilureitti."),
]

# Points: (tunnus, local point, regulation text)
POINTS = [
    ("P1", (150, 195), "Säilytettävä puu."),
    ("P2", (340, 270), "Säilytettävä puu."),
]

#: The Swedish of the regulation texts drawn on features (maaraysteksti_sv), as Espoo prints them.
SWEDISH = {
    "Katualue.": "Gatuområde.",
    "Rakennusala.": "Byggnadsyta.",
    "Istutettava alueen osa.": "Del av område som ska planteras.",
    "Katualueen rajan osa, jonka kohdalta ei saa järjestää ajoneuvoliittymää.": (
        "Del av gatuområdes gräns där in- och utfart för fordon inte får ordnas."
    ),
    "Rakennusalan sivu, johon rakennus on rakennettava kiinni.": (
        "Sida av byggnadsyta som byggnaden ska byggas fast i."
    ),
    "Ohjeellinen ulkoilureitti.": "Riktgivande friluftsled.",
    "Säilytettävä puu.": "Träd som ska bevaras.",
}

LEGEND = """\
# ESPOON KAUPUNKI – ESBO STAD

## Asemakaavan muutos: Kuusikkorinne, alue 210900 – Detaljplaneändring: Granbacka

## KAAVAMERKINNÄT JA -MÄÄRÄYKSET – PLANBETECKNINGAR OCH -BESTÄMMELSER

AK Asuinkerrostalojen korttelialue. Rakennusten julkisivujen on oltava pääosin punatiiltä. Autopaikkoja on rakennettava vähintään 1 autopaikka 85 k-m2 kohden.
   Kvartersområde för flervåningshus. Byggnadernas fasader ska huvudsakligen vara av rött tegel. Minst 1 bilplats per 85 m2 våningsyta ska byggas.
AP Asuinpientalojen korttelialue. Autopaikkoja on rakennettava vähintään 2 autopaikkaa asuntoa kohden.
   Kvartersområde för småhus. Minst 2 bilplatser per bostad ska byggas.
AL Asuin-, liike- ja toimistorakennusten korttelialue. Rakennuksen ensimmäiseen kerrokseen on sijoitettava liiketiloja.
   Kvartersområde för bostads-, affärs- och kontorsbyggnader. I byggnadens första våning ska affärslokaler placeras.
YL Julkisten lähipalvelurakennusten korttelialue.
   Kvartersområde för byggnader för offentlig närservice.
LPA Autopaikkojen korttelialue.
   Kvartersområde för bilplatser.
VL Lähivirkistysalue.
   Område för närrekreation.
VP Puisto.
   Park.
pk Rakennusala, jolle saa sijoittaa päiväkodin.
   Byggnadsyta där daghem får placeras.
le Leikki- ja oleskelualueeksi varattu alueen osa.
   För lek och utevistelse reserverad del av område.
sr Suojeltu rakennus, jota ei saa purkaa. Rakennuksen julkisivuja ei saa muuttaa.
   Skyddad byggnad som inte får rivas. Byggnadens fasader får inte ändras.

## YLEISET MÄÄRÄYKSET – ALLMÄNNA BESTÄMMELSER

Hulevedet on viivytettävä tontilla ennen niiden johtamista yleiseen viemäriin.

Dagvatten ska fördröjas på tomten innan det leds till allmänt avlopp.

Tonttien rakentamatta jäävät osat on istutettava puin ja pensain.

Obebyggda delar av tomterna ska planteras med träd och buskar.

Jätehuollon tilat on sijoitettava rakennuksiin.

Utrymmen för avfallshantering ska placeras i byggnaderna.
"""

MAPPING_NOTE = """\
The sample is drawn into the `ryhti init` template, so `ryhti convert` needs no mapping
file: the template preset applies (see `mapping.toml` written by `ryhti init`).
"""


def write_sources(folder: Path) -> None:
    """Write asemakaava.gpkg and kaavamerkinnat.md into ``folder``."""
    import geopandas as gpd
    import pyogrio
    import shapely

    from ryhti.parsers.template import LAYERS, write_template

    with tempfile.TemporaryDirectory() as tmp:
        write_template(tmp, srid=SRID)
        gpkg = Path(tmp) / "kaava.gpkg"
        crs = f"EPSG:{SRID}"

        def write(layer: str, rows: list[dict], geoms: list) -> None:
            fields = LAYERS[layer][1]
            frame = gpd.GeoDataFrame(
                [{k: row.get(k) for k in fields} for row in rows],
                geometry=geoms,
                crs=crs,
            )
            for column, dtype in fields.items():
                frame[column] = frame[column].astype(
                    {"string": "string", "int32": "Int32", "float64": "float64"}[dtype]
                )
            pyogrio.write_dataframe(
                frame, gpkg, layer=layer, driver="GPKG", geometry_type=LAYERS[layer][0]
            )

        write(
            "kaava_alue",
            [{"tunnus": "210900", "nimi": "Kuusikkorinne"}],
            [shapely.Polygon(box(0, 0, 400, 300))],
        )
        rings = node([box(*b) for _, _, b, _ in AREAS] + [box(*b) for _, _, b, _, _ in SUBAREAS])
        area_rings, sub_rings = rings[: len(AREAS)], rings[len(AREAS) :]
        rows, geoms = [], []
        for (tunnus, letter, _b, attrs), ring in zip(AREAS, area_rings, strict=True):
            text = "Katualue." if letter is None else None
            rows.append(
                {
                    "tunnus": tunnus,
                    "kaavamerkinta": letter,
                    "maaraysteksti": text,
                    "maaraysteksti_sv": SWEDISH.get(text),
                    **attrs,
                }
            )
            geoms.append(shapely.Polygon(ring))
        write("aluevaraukset", rows, geoms)
        rows, geoms = [], []
        for (tunnus, letter, _b, text, attrs), ring in zip(SUBAREAS, sub_rings, strict=True):
            rows.append(
                {
                    "tunnus": tunnus,
                    "kaavamerkinta": letter,
                    "maaraysteksti": text,
                    "maaraysteksti_sv": SWEDISH.get(text),
                    **attrs,
                }
            )
            geoms.append(shapely.Polygon(ring))
        write("osa_alueet", rows, geoms)
        write(
            "viivat",
            [
                {"tunnus": t, "maaraysteksti": text, "maaraysteksti_sv": SWEDISH[text]}
                for t, _, text in LINES
            ],
            [shapely.LineString([at(*p) for p in pts]) for _, pts, _ in LINES],
        )
        write(
            "pisteet",
            [
                {"tunnus": t, "maaraysteksti": text, "maaraysteksti_sv": SWEDISH[text]}
                for t, _, text in POINTS
            ],
            [shapely.Point(at(*p)) for _, p, _ in POINTS],
        )
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "asemakaava.gpkg"
        target.write_bytes(gpkg.read_bytes())
    (folder / "kaavamerkinnat.md").write_text(LEGEND, encoding="utf-8")


def expected_outputs(folder: Path) -> tuple[dict, dict]:
    """(plan JSON, report) that ``ryhti convert`` gives for the sample."""
    from ryhti.parsers import convert

    result = convert(
        folder / "asemakaava.gpkg",
        regulations=folder / "kaavamerkinnat.md",
    )
    return result.plan_json(), result.report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    from ryhti.io import dump_json, write_json

    if args.check:
        plan, report = expected_outputs(OUT)
        same = dump_json(plan) == (OUT / "plan.json").read_text(encoding="utf-8")
        print("plan.json up to date" if same else "plan.json differs: run make_sample.py")
        return 0 if same else 1
    write_sources(OUT)
    plan, report = expected_outputs(OUT)
    write_json(OUT / "plan.json", plan)
    write_json(OUT / "report.json", report)
    print(f"wrote {OUT}: asemakaava.gpkg, kaavamerkinnat.md, plan.json, report.json")
    print(json.dumps(report["summary"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
