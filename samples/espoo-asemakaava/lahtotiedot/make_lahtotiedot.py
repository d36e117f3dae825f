"""Make the sample's local background-data sources (fictional, around the sample plan).

Run from the repository root: ``.venv/bin/python samples/espoo-asemakaava/lahtotiedot/make_lahtotiedot.py``.
The plan area is x 25487000–25487400, y 6673000–6673300 (EPSG:3879). The layers are
made up so that the sample shows every theme of the starting-points chapter: a Natura
site and a flood zone just outside the plan (in the 200 m buffer), a groundwater
area and an RKY area overlapping it, a protected building inside it, an ancient
monument outside it, one 1 km population cell and the yleiskaava in force (A over the
whole area). They are not real data.
"""

from __future__ import annotations

import json
from pathlib import Path

from shapely.geometry import Point, box, mapping

HERE = Path(__file__).resolve().parent
X0, Y0 = 25487000.0, 6673000.0
CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3879"}}

LAYERS = {
    "natura": [
        (
            {"nimi": "Esimerkkilahden lehdot", "tunnus": "FI0100999"},
            box(X0 + 420, Y0 + 50, X0 + 560, Y0 + 250),
        )
    ],
    "tulva": [({"nimi": "Esimerkkioja 1/100 a"}, box(X0 - 150, Y0 - 120, X0 + 300, Y0 - 20))],
    "pohjavesi": [
        (
            {"nimi": "Esimerkkikankaan pohjavesialue", "tunnus": "0104999"},
            box(X0 + 250, Y0 + 150, X0 + 700, Y0 + 600),
        )
    ],
    "rky": [
        (
            {"kohdenimi": "Esimerkkikylän raitti", "ID": "9999"},
            box(X0 - 100, Y0 + 200, X0 + 150, Y0 + 400),
        )
    ],
    "suojellut_rakennukset": [
        ({"kohdenimi": "Vanha meijeri", "KOHDEID": "200999"}, Point(X0 + 330, Y0 + 270))
    ],
    "muinaisjaannokset": [
        ({"kohdenimi": "Kivirauniot", "mjtunnus": "1000099999"}, Point(X0 - 80, Y0 + 120))
    ],
    "vaestoruutu": [
        ({"grd_id": "1kmN6673E25487", "vaesto": 850}, box(X0 - 300, Y0 - 300, X0 + 700, Y0 + 700))
    ],
    "yleiskaava": [
        (
            {"merkinta": "A", "kaava": "Esimerkkikylän osayleiskaava", "tunnus": "YK-000999"},
            box(X0 - 500, Y0 - 500, X0 + 900, Y0 + 900),
        )
    ],
}

if __name__ == "__main__":
    for name, features in LAYERS.items():
        data = {
            "type": "FeatureCollection",
            "crs": CRS,
            "features": [
                {"type": "Feature", "properties": p, "geometry": mapping(g)} for p, g in features
            ],
        }
        (HERE / f"{name}.geojson").write_text(
            json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8"
        )
