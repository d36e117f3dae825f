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
[layers.values_swe]
kadunTaiTienNimi = "kadunnimi_sv"

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
text_swe = "teksti_sv"
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
name = "KuntaGML asemakaava"

[plan]
plan_type = "31"

[[layers]]
layer = "kaava_alue"
role = "boundary"
id = "gml_id"
ignore = { kohdetyyppi = "KuntaGML element name", kaavatunnus = "plan identifier: plan matter", muuKaavatunnus = "other plan identifiers: plan matter", arkistotunnus = "archive id: plan matter", kaavanimi1 = "plan name: plan matter", kaavanimi2 = "plan name (2nd language): plan matter", kieli1 = "language of the plan", kieli2 = "second language of the plan", kaavanlaatija = "planner: plan matter", hyvaksyja = "approver: plan matter (decision)", vireilletulopvm = "initiation date: plan matter handling event", hyvaksymispvm = "approval date: read as the plan's approvalDate", voimaantulopvm = "entry into force: read as the plan's periodOfValidity", kuntakoodi = "municipality: plan matter", kaavanvaihe = "plan phase: read as the plan's lifecycle (--lifecycle overrides)", kaavatyyppi = "plan type: the --plan-type applies", nahtavillealkupvm = "public display start: interaction event", nahtavillaviimpvm = "public display end: interaction event", labelit = "label placement (cartography)", tunnus = "producer's id", yksilointitieto = "producer's unique id" }

[[layers]]
layer = "korttelit"
role = "subarea"
id = "gml_id"
letter_code_default = "kort"
letter_code = "kaavamerkinta"
links = "kaavamaarayslinkit"
ignore = { kohdetyyppi = "KuntaGML element name; the letter code carries the meaning", kaavatunnus = "plan identifier, the same for every feature", ymparistoministerionkoodi = "legacy ministry notation code (opas 12/2003); the letter code carries it", poistettava = "marks features to remove in an update transfer", kohteenvaihe = "phase of the feature: the plan lifecycle applies", luontitapa = "how the geometry was made (digitised, surveyed …)", sijaintiepavarmuus = "positional uncertainty of the drawing", labelit = "label placement (cartography)", tunnus = "producer's feature id (the report keeps gml:id)", yksilointitieto = "producer's unique id (the report keeps gml:id)", kohdekoodi = "producer's object code", kayttotarkoitus = "enumerated use; read as the letter code when kaavamerkinta is empty", tyyppi = "enumerated type; read as the letter code when kaavamerkinta is empty", sitova = "binding/indicative switch of the symbol", suunta = "symbol rotation (cartography)" }
[layers.values]
korttelinNumero = "korttelinumero"

[[layers]]
layer = "kayttotarkoitusalueet"
role = "area"
id = "gml_id"
letter_code = "kaavamerkinta|kaavamerkinta_johdettu"
links = "kaavamaarayslinkit"
underground = "maanalainen"
name = "liikennealueennimi"
ignore = { kohdetyyppi = "KuntaGML element name; the letter code carries the meaning", kaavatunnus = "plan identifier, the same for every feature", ymparistoministerionkoodi = "legacy ministry notation code (opas 12/2003); the letter code carries it", poistettava = "marks features to remove in an update transfer", kohteenvaihe = "phase of the feature: the plan lifecycle applies", luontitapa = "how the geometry was made (digitised, surveyed …)", sijaintiepavarmuus = "positional uncertainty of the drawing", labelit = "label placement (cartography)", tunnus = "producer's feature id (the report keeps gml:id)", yksilointitieto = "producer's unique id (the report keeps gml:id)", kohdekoodi = "producer's object code", kayttotarkoitus = "enumerated use; read as the letter code when kaavamerkinta is empty", tyyppi = "enumerated type; read as the letter code when kaavamerkinta is empty", sitova = "binding/indicative switch of the symbol", suunta = "symbol rotation (cartography)" }
[layers.values]
tehokkuusluku = "tehokkuusluku"
maanpaallinenKerroslukuLuku = "kerrosluku"
korttelinNumero = "korttelinumero"

[[layers]]
layer = "maarayskohteet"
role = "subarea"
id = "gml_id"
letter_code = "kaavamerkinta|tyyppi"
links = "kaavamaarayslinkit"
underground = "maanalainen"
text = "kuvaus"
ignore = { kohdetyyppi = "KuntaGML element name; the letter code carries the meaning", kaavatunnus = "plan identifier, the same for every feature", ymparistoministerionkoodi = "legacy ministry notation code (opas 12/2003); the letter code carries it", poistettava = "marks features to remove in an update transfer", kohteenvaihe = "phase of the feature: the plan lifecycle applies", luontitapa = "how the geometry was made (digitised, surveyed …)", sijaintiepavarmuus = "positional uncertainty of the drawing", labelit = "label placement (cartography)", tunnus = "producer's feature id (the report keeps gml:id)", yksilointitieto = "producer's unique id (the report keeps gml:id)", kohdekoodi = "producer's object code", kayttotarkoitus = "enumerated use; read as the letter code when kaavamerkinta is empty", tyyppi = "enumerated type; read as the letter code when kaavamerkinta is empty", sitova = "binding/indicative switch of the symbol", suunta = "symbol rotation (cartography)" }
[layers.values]
sallittuKerrosala = "rakennusoikeus"
maanpaallinenKerroslukuLuku = "kerrosluku"
tehokkuusluku = "tehokkuusluku"

[[layers]]
layer = "maaraysviivat"
role = "line"
id = "gml_id"
letter_code = "kaavamerkinta|tyyppi"
links = "kaavamaarayslinkit"
underground = "maanalainen"
ignore = { kohdetyyppi = "KuntaGML element name; the letter code carries the meaning", kaavatunnus = "plan identifier, the same for every feature", ymparistoministerionkoodi = "legacy ministry notation code (opas 12/2003); the letter code carries it", poistettava = "marks features to remove in an update transfer", kohteenvaihe = "phase of the feature: the plan lifecycle applies", luontitapa = "how the geometry was made (digitised, surveyed …)", sijaintiepavarmuus = "positional uncertainty of the drawing", labelit = "label placement (cartography)", tunnus = "producer's feature id (the report keeps gml:id)", yksilointitieto = "producer's unique id (the report keeps gml:id)", kohdekoodi = "producer's object code", kayttotarkoitus = "enumerated use; read as the letter code when kaavamerkinta is empty", tyyppi = "enumerated type; read as the letter code when kaavamerkinta is empty", sitova = "binding/indicative switch of the symbol", suunta = "symbol rotation (cartography)" }

[[layers]]
layer = "maarayspisteet"
role = "point"
id = "gml_id"
letter_code = "kaavamerkinta|tyyppi"
links = "kaavamaarayslinkit"
underground = "maanalainen"
ignore = { kohdetyyppi = "KuntaGML element name; the letter code carries the meaning", kaavatunnus = "plan identifier, the same for every feature", ymparistoministerionkoodi = "legacy ministry notation code (opas 12/2003); the letter code carries it", poistettava = "marks features to remove in an update transfer", kohteenvaihe = "phase of the feature: the plan lifecycle applies", luontitapa = "how the geometry was made (digitised, surveyed …)", sijaintiepavarmuus = "positional uncertainty of the drawing", labelit = "label placement (cartography)", tunnus = "producer's feature id (the report keeps gml:id)", yksilointitieto = "producer's unique id (the report keeps gml:id)", kohdekoodi = "producer's object code", kayttotarkoitus = "enumerated use; read as the letter code when kaavamerkinta is empty", tyyppi = "enumerated type; read as the letter code when kaavamerkinta is empty", sitova = "binding/indicative switch of the symbol", suunta = "symbol rotation (cartography)" }
"""

#: KuntaGML yleiskaava: regulations are inline text per feature.
KUNTAGML_YLEISKAAVA = """\
version = 1
name = "KuntaGML yleiskaava"

[plan]
plan_type = "21"

[[layers]]
layer = "kaava_alue"
role = "boundary"
id = "gml_id"
ignore = { kohdetyyppi = "KuntaGML element name", kaavanVaihe = "plan phase: read as the plan's lifecycle (--lifecycle overrides)", kaavatunnusYleinen = "plan identifier: plan matter", kaavatunnusKunta = "municipal plan identifier: plan matter", voimaantuloPvm = "entry into force: plan matter", osayleiskaavaKytkin = "partial master plan switch: the --plan-type applies", oikeusvaikutteinenKytkin = "legal effect: read as legalEffectOfLocalMasterPlans", mittakaava = "scale: read as the plan's scale", nimi = "plan name: plan matter", laatija = "planner: plan matter", hyvaksyja = "approver: plan decision", vireilletuloPvm = "initiation date: plan matter", hyvaksymisPvm = "approval date: read as the plan's approvalDate", tullutOsittainVoimaanKytkin = "partly in force switch", kunta = "municipality: plan matter", tyyppi = "plan type", maarays = "general regulations (read as text entries)", maisematyolupaEdellytetaanKytkin = "landscape permit switch: general regulation text" }

[[layers]]
layer = "yk_alueet"
role = "area"
id = "gml_id"
letter_code = "kaavamerkinta"
text = "merkintaaKoskevaMaarays"
ignore = { kohdetyyppi = "KuntaGML element name", merkinta = "enumerated notation; the letter code carries it", maaraysOhjeellinenKytkin = "indicative regulation switch", sijaintiOhjeellinenKytkin = "indicative location switch", rakennuspaikkojenLkm = "number of building sites" }

[[layers]]
layer = "yk_viivat"
role = "line"
id = "gml_id"
letter_code = "kaavamerkinta"
text = "merkintaaKoskevaMaarays"
ignore = { kohdetyyppi = "KuntaGML element name", merkinta = "enumerated notation; the letter code carries it", maaraysOhjeellinenKytkin = "indicative regulation switch", sijaintiOhjeellinenKytkin = "indicative location switch", vaikutusalue = "zone of influence in metres" }

[[layers]]
layer = "yk_pisteet"
role = "point"
id = "gml_id"
letter_code = "kaavamerkinta"
text = "merkintaaKoskevaMaarays"
ignore = { kohdetyyppi = "KuntaGML element name", merkinta = "enumerated notation; the letter code carries it", maaraysOhjeellinenKytkin = "indicative regulation switch", sijaintiOhjeellinenKytkin = "indicative location switch", vaikutusalue = "zone of influence in metres" }
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
ignore = { name = "plan name: belongs to the plan matter", identifier = "producer's plan identifier: plan matter", planning_object_identifier = "plan UUID of the source (kept in the report)", plan_type = "plan type: read as the plan's RY_Kaavalaji (--plan-type overrides)", plan_type_code = "code of the plan type", planning_level = "plan level (ohjeellinen tonttijako …): the plan type carries it", status = "plan status: read as the plan's lifecycle (--lifecycle overrides)", status_code = "code of the plan status", language = "language of the plan", land_adminstration_authority = "municipality URI: plan matter", zoning_elements = "links to the zoning elements, each converted on its own" }

[[layers]]
layer = "ZoningElement"
role = "area"
id = "gml_id"
letter_code = "letter_code"
meaning = "meaning"
links = "regulations"
name = "name"
kind = "kind"
ignore = { identifier = "source object identifier (the report keeps the gml:id)", planning_object_identifier = "source object UUID (kept in the report)", land_use_kind = "title of the land-use kind; the letter code carries it", type = "zoning element type title; letter code or meaning carries it", type_code = "zoning element type code: read as the kind", created = "creation time of the source object", planning_elements = "links to sub-areas, each converted on its own", subdivisions = "links to binding plots, each converted on its own" }
[layers.values]
tehokkuusluku = "efficiency"
sallittuKerrosala = "floor_area"
maanpaallinenKerroslukuLuku = "storeys"
tontinTaiRakennuspaikanNumero = "plot_number"

[[layers]]
layer = "ZoningElement_plot"
role = "subarea"
id = "gml_id"
letter_code = "letter_code"
meaning = "meaning"
links = "regulations"
name = "name"
kind = "kind"
ignore = { identifier = "source object identifier (the report keeps the gml:id)", planning_object_identifier = "source object UUID (kept in the report)", land_use_kind = "title of the land-use kind; the letter code carries it", type = "zoning element type title; letter code or meaning carries it", type_code = "zoning element type code: read as the kind", created = "creation time of the source object", planning_elements = "links to sub-areas, each converted on its own", subdivisions = "links to binding plots, each converted on its own" }
[layers.values]
tehokkuusluku = "efficiency"
sallittuKerrosala = "floor_area"
maanpaallinenKerroslukuLuku = "storeys"
tontinTaiRakennuspaikanNumero = "plot_number"

[[layers]]
layer = "PlanningElement"
role = "subarea"
id = "gml_id"
links = "regulations"
meaning = "meaning"
name = "name"
kind = "kind"
ignore = { identifier = "source object identifier (the report keeps the gml:id)", planning_object_identifier = "source object UUID (kept in the report)", type = "planning element type title (Osa-alue); the linked texts carry the meaning", type_code = "planning element type code: read as the kind", created = "creation time of the source object", obligatory = "whether the regulation binds; all RYHTI regulations bind" }
[layers.values]
sallittuKerrosala = "floor_area"
tehokkuusluku = "efficiency"
maanpaallinenKerroslukuLuku = "storeys"
"""

#: KAATIO spatial plan XML (splan 1.2) as read by :mod:`ryhti.parsers.kaatio`.
KAATIO = """\
version = 1
name = "KAATIO spatial plan XML (splan 1.2)"

[plan]
plan_type = "31"

[[layers]]
layer = "SpatialPlan"
role = "boundary"
id = "gml_id"
ignore = { name = "plan name: belongs to the plan matter", name_sv = "plan name (sv): plan matter", plan_identifier = "plan identifier: the plan's id", plan_type = "plan type: read as the plan's RY_Kaavalaji", lifecycle = "lifecycle status: read as the plan's lifecycle" }

[[layers]]
layer = "PlanObject"
role = "mixed"
id = "gml_id"
links = "regulations"
ignore = { producer_id = "producer's object id (the report keeps the gml:id)", bindingness = "bindingness of the location (RY_Sitovuuslaji): not part of the validated plan" }
"""

#: The 2019 pilot's WFS examples (spatial-planning 0.7) as read by :mod:`ryhti.parsers.pilotwfs`.
PILOT_WFS = """\
version = 1
name = "2019 pilot WFS (spatial-planning 0.7)"

[plan]
plan_type = "31"

[[layers]]
layer = "PlanningArea"
role = "mixed"
id = "gml_id"
meaning = "object_meaning"
text = "land_use"
name = "name"
kind = "kind"
ignore = { identifier = "revision id of the object (the report keeps gml:id)", object_type = "object type title: read as the meaning", object_type_code = "object type code: read as the meaning", level_of_detail = "level of detail: read as the plan type", process_phase = "process phase: read as the lifecycle", legal_status = "legal status (ohjeellinen): read into the meaning", part_of = "the block the object is part of: the sub-area is related to it by geometry", building_kind = "building kind of the site: the land use carries it" }
[layers.values]
korttelinNumero = "block_number"
maanpaallinenKerroslukuLuku = "kerrosluku"
sallittuKerrosala = "sallittu_kerrosala"
ullakonSallittuOsuusKerrosalasta = "ullakko_osuus"

[[layers]]
layer = "PlanningDetail"
role = "point"
id = "gml_id"
meaning = "object_meaning"
text = "land_use"
name = "name"
ignore = { identifier = "revision id of the object (the report keeps gml:id)", object_type = "object type title: read as the meaning", object_type_code = "object type code: read as the meaning", level_of_detail = "level of detail: read as the plan type", process_phase = "process phase: read as the lifecycle", legal_status = "legal status (ohjeellinen): read into the meaning", part_of = "the area the object is part of", building_kind = "building kind of the site (loma-asunto): the area's land use carries it" }
"""

PRESETS: dict[str, str] = {
    "template": TEMPLATE,
    "qaava": QAAVA,
    "kuntagml": KUNTAGML,
    "kuntagml-yleiskaava": KUNTAGML_YLEISKAAVA,
    "national-gml": NATIONAL_GML,
    "kaatio": KAATIO,
    "pilot-wfs": PILOT_WFS,
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
