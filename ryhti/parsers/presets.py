"""Built-in mappings: the RYHTI-ready template, the qaava test GeoPackage, KuntaGML, GML.

Each preset is kept as the TOML text a user would write, so ``ryhti init`` can write
it out as a starting point and the report can show exactly what was applied.
"""

from __future__ import annotations

from ryhti.parsers.mapping import Mapping, parse_mapping
from ryhti.parsers.source import Source

__all__ = ["PRESETS", "detect_preset", "preset"]

#: The layout `ryhti init` writes: one layer per role, fields named for what they hold.
TEMPLATE = """\
# Mapping of the RYHTI-ready GeoPackage template written by `ryhti init`.
version = 1
name = "ryhti template"

[plan]
plan_type = "31"       # RY_Kaavalaji: 31 asemakaava, 33 ranta-asemakaava, 21 yleiskaava …
lifecycle = "04"       # kaavaelinkaari: 04 kaavaehdotus, 06 hyväksytty kaava …

[[layers]]
layer = "kaava_alue"
role = "boundary"
id = "tunnus"
ignore = { nimi = "plan name: give it in the plan matter", huomautus = "planner's note" }

[[layers]]
layer = "aluevaraukset"
role = "area"
id = "tunnus"
letter_code = "kaavamerkinta"
text = "maaraysteksti"
text_swe = "maaraysteksti_sv"
name = "nimi"
name_swe = "nimi_sv"
number = "numero"
underground = "maanalainen"
ignore = { huomautus = "planner's note" }
[layers.values]
korttelinNumero = "korttelinumero"
tontinTaiRakennuspaikanNumero = "tonttinumero"
tehokkuusluku = "tehokkuusluku"
sallittuKerrosala = "kerrosala"
maanpaallinenKerroslukuLuku = "kerrosluku"
kadunTaiTienNimi = "kadunnimi"

[[layers]]
layer = "osa_alueet"
role = "subarea"
id = "tunnus"
letter_code = "kaavamerkinta"
text = "maaraysteksti"
text_swe = "maaraysteksti_sv"
name = "nimi"
name_swe = "nimi_sv"
underground = "maanalainen"
ignore = { huomautus = "planner's note" }
[layers.values]
sallittuKerrosala = "kerrosala"
maanpaallinenKerroslukuLuku = "kerrosluku"
tehokkuusluku = "tehokkuusluku"

[[layers]]
layer = "viivat"
role = "line"
id = "tunnus"
letter_code = "kaavamerkinta"
text = "maaraysteksti"
text_swe = "maaraysteksti_sv"
name = "nimi"
name_swe = "nimi_sv"
underground = "maanalainen"
ignore = { huomautus = "planner's note" }

[[layers]]
layer = "pisteet"
role = "point"
id = "tunnus"
letter_code = "kaavamerkinta"
text = "maaraysteksti"
text_swe = "maaraysteksti_sv"
name = "nimi"
name_swe = "nimi_sv"
underground = "maanalainen"
ignore = { huomautus = "planner's note" }

[[layers]]
layer = "maaraykset"
role = "texts"
sign = "merkinta"
text = "teksti"
general = "yleismaarays"
ignore = { otsikko = "heading of the legend section", jarjestys = "order in the legend" }
"""

#: The qaava asemakaava test GeoPackage (GispoCoding/qaava; EPSG:3877): the notation's
#: meaning is stored as text in ``*_kaavamerkinta``; ``*_geometry`` is a geometry-kind
#: number (1 point, 2 line, 3 sub-area, 4 land use) that the layer already implies.
QAAVA = """\
version = 1
name = "qaava asemakaava test data"

[plan]
plan_type = "31"
lifecycle = "04"

[[layers]]
layer = "asemakaava_maankaytto"
role = "area"
id = "maankaytto_asemakaava_id"
meaning = "maankaytto_asemakaava_kaavamerkinta"
ignore = { maankaytto_asemakaava_geometry = "geometry kind code (4 = area); the layer implies it" }

[[layers]]
layer = "asemakaava_osa_alueet"
role = "subarea"
id = "osa_alueet_asemakaava_id"
meaning = "osa_alueet_asemakaava_kaavamerkinta"
ignore = { osa_alueet_asemakaava_geometry = "geometry kind code (3 = sub-area); the layer implies it" }

[[layers]]
layer = "asemakaava_viivat"
role = "line"
id = "viivat_asemakaava_id"
meaning = "viivat_asemakaava_kaavamerkinta"
ignore = { viivat_asemakaava_geometry = "geometry kind code (2 = line); the layer implies it" }

[[layers]]
layer = "asemakaava_pisteet"
role = "point"
id = "pisteet_asemakaava_id"
meaning = "pisteet_asemakaava_kaavamerkinta"
ignore = { pisteet_asemakaava_geometry = "geometry kind code (1 = point); the layer implies it" }
"""

#: KuntaGML asemakaava / yleiskaava as read by :mod:`ryhti.parsers.kuntagml`.
KUNTAGML = """\
version = 1
name = "KuntaGML"

[plan]
plan_type = "31"

[[layers]]
layer = "kaava_alue"
role = "boundary"
id = "gml_id"
ignore = { kaavatunnus = "plan identifier: plan matter", nimi = "plan name: plan matter" }

[[layers]]
layer = "kayttotarkoitusalueet"
role = "area"
id = "gml_id"
letter_code = "kaavamerkinta"
links = "kaavamaarayslinkit"
underground = "maanalainen"
name = "nimi"
ignore = { kohdetyyppi = "KuntaGML element name; the letter code carries the meaning", ymparistoministerionkoodi = "legacy ministry notation code; the letter code carries it", kohteenvaihe = "phase of the feature: the plan's lifecycle applies", luontitapa = "how the geometry was made (digitised, surveyed…)", sijaintiepavarmuus = "positional uncertainty", poistettava = "marks features to remove in an update", kaavatunnus = "plan identifier, same for every feature" }
[layers.values]
tehokkuusluku = "tehokkuusluku"
maanpaallinenKerroslukuLuku = "kerrosluku"
sallittuKerrosala = "rakennusoikeus"
korttelinNumero = "korttelinumero"

[[layers]]
layer = "maarayskohteet"
role = "subarea"
id = "gml_id"
letter_code = "kaavamerkinta"
links = "kaavamaarayslinkit"
underground = "maanalainen"
name = "nimi"
ignore = { kohdetyyppi = "KuntaGML element name; the letter code carries the meaning", ymparistoministerionkoodi = "legacy ministry notation code; the letter code carries it", kohteenvaihe = "phase of the feature: the plan's lifecycle applies", luontitapa = "how the geometry was made", sijaintiepavarmuus = "positional uncertainty", poistettava = "marks features to remove in an update", kaavatunnus = "plan identifier, same for every feature", tyyppi = "KuntaGML type enumeration; the letter code carries it" }
[layers.values]
sallittuKerrosala = "rakennusoikeus"
maanpaallinenKerroslukuLuku = "kerrosluku"
tehokkuusluku = "tehokkuusluku"

[[layers]]
layer = "maaraysviivat"
role = "line"
id = "gml_id"
letter_code = "kaavamerkinta"
links = "kaavamaarayslinkit"
underground = "maanalainen"
ignore = { kohdetyyppi = "KuntaGML element name", ymparistoministerionkoodi = "legacy ministry notation code", kohteenvaihe = "phase of the feature", luontitapa = "how the geometry was made", sijaintiepavarmuus = "positional uncertainty", poistettava = "marks features to remove", kaavatunnus = "plan identifier", tyyppi = "KuntaGML type enumeration" }

[[layers]]
layer = "maarayspisteet"
role = "point"
id = "gml_id"
letter_code = "kaavamerkinta"
links = "kaavamaarayslinkit"
underground = "maanalainen"
ignore = { kohdetyyppi = "KuntaGML element name", ymparistoministerionkoodi = "legacy ministry notation code", kohteenvaihe = "phase of the feature", luontitapa = "how the geometry was made", sijaintiepavarmuus = "positional uncertainty", poistettava = "marks features to remove", kaavatunnus = "plan identifier", tyyppi = "KuntaGML type enumeration" }
"""

#: The 2019 national-model pilot GML (e.g. the approved Kempele plan) as read by
#: :mod:`ryhti.parsers.gml`.
NATIONAL_GML = """\
version = 1
name = "national plan model GML (2019 pilot)"

[plan]
plan_type = "31"

[[layers]]
layer = "SpatialPlan"
role = "boundary"
id = "gml_id"
ignore = { name = "plan name: plan matter", planType = "plan type (the --plan-type applies)", status = "plan status (the lifecycle applies)", identifier = "plan identifier: plan matter", language = "language of the plan" }

[[layers]]
layer = "ZoningElement"
role = "area"
id = "gml_id"
letter_code = "letter_code"
links = "regulations"
name = "name"
ignore = { identifier = "source object identifier (kept in the report as the feature id)", planning_object_identifier = "source object UUID", land_use_kind = "land-use kind code URI; the letter code carries it", created = "creation time of the source object" }

[[layers]]
layer = "PlanningElement"
role = "subarea"
id = "gml_id"
letter_code = "letter_code"
links = "regulations"
name = "name"
ignore = { identifier = "source object identifier", planning_object_identifier = "source object UUID", type = "regulation type code URI; the linked texts and letter code carry it", created = "creation time of the source object", obligatory = "whether the regulation binds; all RYHTI regulations bind" }
[layers.values]
sallittuKerrosala = "floor_area"
tehokkuusluku = "efficiency"
maanpaallinenKerroslukuLuku = "storeys"
"""

PRESETS: dict[str, str] = {
    "template": TEMPLATE,
    "qaava": QAAVA,
    "kuntagml": KUNTAGML,
    "national-gml": NATIONAL_GML,
}


def preset(name: str) -> Mapping:
    """A built-in mapping by name."""
    return parse_mapping(PRESETS[name], source=f"preset:{name}", origin=f"preset:{name}")


def detect_preset(source: Source) -> str | None:
    """The preset whose layer names the source has, when one fits without doubt."""
    if source.preset:
        return source.preset
    names = {layer.name.casefold() for layer in source.layers}
    if {"aluevaraukset", "kaava_alue"} <= names:
        return "template"
    if {"asemakaava_maankaytto", "asemakaava_osa_alueet"} & names:
        return "qaava"
    return None
