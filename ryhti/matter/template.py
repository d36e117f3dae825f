"""The commented ``matter.toml`` template that ``ryhti matter init`` writes.

Why a template with Finnish comments: a planner fills it in by hand, and every key
says what it is and which code list its names come from.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["TEMPLATE", "init_template"]

TEMPLATE = """\
# Kaava-asia (plan matter) for ryhti. Fill in, then run:
#   ryhti matter build {toml_name} plan.json -o matter.json
#   ryhti submit plan.json --matter matter.json --dry-run
# Codes are written by their Finnish names (`ryhti codelists show kaavaelinkaari` lists
# them); dates are YYYY-MM-DD without quotes. Lines starting with # are comments.

[matter]
name = "{name}"  # kaava-asian nimi
# name_sv = ""  # nimi ruotsiksi
plan_type = "{plan_type}"  # kaavalaji (RY_Kaavalaji)
{area_key} = "{area}"  # kunta (nimi tai koodi); maakuntakaavassa region = "Keski-Suomi"
permanent_plan_identifier = ""  # pysyvä kaavatunnus AK-000123; tyhjä: ryhti submit varaa sen
producer_plan_identifier = ""  # kunnan oma kaavatunnus
initiation_date = {today}  # vireilletulopäivä
digital_origin = "Tietomallin mukaan laadittu"  # digitaalinen alkuperä (RY_DigitaalinenAlkupera)
# description = ""  # kuvaus
# case_identifiers = []  # asianhallintatunnukset
# record_numbers = []  # diaarinumerot

# [matter.responsible]  # vastuutaho
# organization = ""
# business_id = ""

[phase]
lifecycle = "Kaavaehdotus"  # elinkaaren tila (kaavaelinkaari)

[phase.decision]  # kaavapäätös
name = "Kaavaehdotuksen nähtäville asettaminen"  # päätöksen nimi (kaavpaatnimi)
date = {today}  # päätöspäivä
# date_of_decision = {today}  # päätöksen antopäivä (oletus: päätöspäivä)
decision_maker = "Monijäseninen päätöksentekoelin"  # päätöksentekijän laji (PaatoksenTekija)
# identifier = ""  # päätöksen tunnus, esim. "Kaupunginhallitus 2.5.2024 § 123"
# include_plan = true  # kaava (plan.json) päätöksen mukana

[phase.handling]  # käsittelytapahtuma
# type = ""  # oletus: päätöstä vastaava (kaavakastap)
date = {today}

[[phase.interaction]]  # vuorovaikutustapahtuma; toista taulu tarpeen mukaan
type = "Nähtävilläolo"  # RY_KaavanVuorovaikutustapahtumanLaji
begin = {today}  # alkaa (päivä tai aika)
# end = {today}  # päättyy

# [[documents]]  # liiteasiakirja (PDF); toista taulu tarpeen mukaan
# file = "kaavaselostus.pdf"
# name = "Kaavaselostus"
# type = "Kaavaselostus"  # asiakirjan laji (RY_AsiakirjanLaji_YKAK)
# attach_to = "report"  # matter | oas | decision | handling | report | annex
# identifier = ""  # asiakirjan tunnus (oletus: tiedoston nimi)
# date = {today}  # asiakirjan päiväys
# publicity = "Julkinen asiakirja"  # julkisuus (oletus)
# personal_data = "Ei sisällä henkilötietoja"  # henkilötietosisältö (oletus)
# retention = "Säilytetään pysyvästi"  # säilytysaika (oletus)
# languages = ["suomi"]  # kielet (oletus)

# [[plan_maps]]  # kaavakartta GeoTIFF (ETRS-TM35FIN)
# file = "kaavakartta.tif"
# name = "Kaavakartta"
"""


def init_template(
    *,
    name: str = "",
    plan_type: str = "Asemakaava",
    municipality: str = "",
    region: str | None = None,
    toml_name: str = "matter.toml",
    today: dt.date | None = None,
) -> str:
    """The commented TOML template of ``ryhti matter init``."""
    day = (today or dt.date.today()).isoformat()
    area_key, area = ("region", region) if region else ("municipality", municipality)
    return TEMPLATE.format(
        name=_toml_str(name),
        plan_type=_toml_str(plan_type),
        area_key=area_key,
        area=_toml_str(area),
        today=day,
        toml_name=toml_name,
    )


def _toml_str(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
