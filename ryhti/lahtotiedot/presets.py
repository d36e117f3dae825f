"""Presets: the national open services a Finnish planner gathers background data from.

Endpoints, layer names, attributes and licences are facts as published by (or seen
in live requests to) Syke, the Finnish Heritage Agency (Museovirasto) and Statistics
Finland; docs/lahtotiedot.md lists them with their confidence. None of them needs a
key. Every national service here answers in EPSG:3067 (ETRS-TM35FIN) unless asked
otherwise; the Ryhti OGC API answers in CRS84 by default and GDAL reprojects.

Note on Syke: the global ``/geoserver/ows`` has WFS switched off; every preset uses
the workspace endpoint ``/geoserver/<workspace>/wfs``. The groundwater layer name is
the least certain fact here (see ``pohjavesialueet``).
"""

from __future__ import annotations

from ryhti.lahtotiedot.sources import SourceSpec

__all__ = ["GROUPS", "PRESETS", "THEME_CODES", "preset", "preset_names"]

SYKE = "https://paikkatiedot.ymparisto.fi/geoserver"
MUSEOVIRASTO = "https://geoserver.museovirasto.fi/geoserver/rajapinta_suojellut/wfs"
TILASTOKESKUS = "https://geo.stat.fi/geoserver"
CC_BY = "CC BY 4.0"

#: RY_LahtotietoaineistonLaji of each theme (used when ``--source`` gives no code).
THEME_CODES: dict[str, str] = {
    "natura": "08",  # Luonto ja luonnonvarat
    "suojelualue": "08",
    "pohjavesi": "16",  # Vesien hoito ja suojelu
    "tulva": "16",  # (hulevesi- ja tulvaselvitykset)
    "muinaisjaannos": "06",  # Kulttuuriympäristö
    "rky": "06",
    "suojeltu_rakennus": "06",
    "vaesto": "19",  # Väestö
    "plans": "1301",  # Alueidenkäytön suunnitelmat
    "pohjakartta": "11",  # Pohjakartta
}


def _wfs(
    name: str,
    url: str,
    layer: str,
    theme: str,
    title: str,
    title_sv: str,
    fields: dict[str, str],
    *,
    licence: str = CC_BY,
) -> SourceSpec:
    return SourceSpec(
        name=name,
        url=url,
        service="wfs",
        layer=layer,
        code=THEME_CODES[theme],
        theme=theme,
        title=title,
        title_sv=title_sv,
        fields=fields,
        licence=licence,
        crs="EPSG:3067",
        preset=name,
    )


_NATURA_FIELDS = {"name": "nimisuomi", "identifier": "naturatunnus"}
_MV_FIELDS = {"name": "kohdenimi", "identifier": "mjtunnus"}

_ALL = [
    _wfs(
        "natura_sac",
        f"{SYKE}/inspire_ps/wfs",
        "inspire_ps:PS.ProtectedSitesSpecialAreaOfConservation",
        "natura",
        "Natura 2000 -alueet (luontodirektiivi, SAC)",
        "Natura 2000-områden (habitatdirektivet, SAC)",
        _NATURA_FIELDS,
    ),
    _wfs(
        "natura_spa",
        f"{SYKE}/inspire_ps/wfs",
        "inspire_ps:PS.ProtectedSitesSpecialProtectionArea",
        "natura",
        "Natura 2000 -alueet (lintudirektiivi, SPA)",
        "Natura 2000-områden (fågeldirektivet, SPA)",
        _NATURA_FIELDS,
    ),
    _wfs(
        "luonnonsuojelualueet_valtio",
        f"{SYKE}/inspire_ps/wfs",
        "inspire_ps:PS.ProtectedSitesValtionOmistamaLuonnonsuojelualue",
        "suojelualue",
        "Valtion maiden luonnonsuojelualueet",
        "Naturskyddsområden på statens mark",
        {"name": "nimi", "identifier": "lsaluetunnus"},
    ),
    _wfs(
        "luonnonsuojelualueet_yksityinen",
        f"{SYKE}/inspire_ps/wfs",
        "inspire_ps:PS.ProtectedSitesYksityistenMaillaOlevaLuonnonsuojelualue",
        "suojelualue",
        "Yksityisten maiden luonnonsuojelualueet",
        "Naturskyddsområden på privat mark",
        {"name": "nimi"},
    ),
    # The only GeoServer typeName seen for groundwater areas (water-management layer);
    # whether the classified "Pohjavesialueet" data set has a layer of its own is open.
    _wfs(
        "pohjavesialueet",
        f"{SYKE}/syke_vhspohjavesi/wfs",
        "syke_vhspohjavesi:VHS2022_Pohjavesi",
        "pohjavesi",
        "Pohjavesialueet",
        "Grundvattenområden",
        {"name": "pvaluenimi"},
    ),
    _wfs(
        "tulva_vesisto_100a",
        f"{SYKE}/inspire_nz/wfs",
        "inspire_nz:NZ.Tulvavaaravyohykkeet_Vesistotulva_1_100a",
        "tulva",
        "Tulvavaara-alueet, vesistötulva 1/100 a",
        "Översvämningsområden, vattendrag 1/100 år",
        {"name": "nimi", "identifier": "kohdenro"},
    ),
    _wfs(
        "tulva_meri_100a",
        f"{SYKE}/inspire_nz/wfs",
        "inspire_nz:NZ.Tulvavaaravyohykkeet_Meritulva_1_100a",
        "tulva",
        "Tulvavaara-alueet, meritulva 1/100 a",
        "Översvämningsområden, havet 1/100 år",
        {"identifier": "kohdenro"},
    ),
    _wfs(
        "muinaisjaannokset",
        MUSEOVIRASTO,
        "rajapinta_suojellut:muinaisjaannos_piste",
        "muinaisjaannos",
        "Muinaisjäännökset (kiinteät, pisteet)",
        "Fornlämningar (fasta, punkter)",
        _MV_FIELDS,
    ),
    _wfs(
        "muinaisjaannosalueet",
        MUSEOVIRASTO,
        "rajapinta_suojellut:muinaisjaannos_alue",
        "muinaisjaannos",
        "Muinaisjäännösalueet",
        "Fornlämningsområden",
        _MV_FIELDS,
    ),
    _wfs(
        "rky",
        MUSEOVIRASTO,
        "rajapinta_suojellut:rky_alue",
        "rky",
        "Valtakunnallisesti merkittävät rakennetut kulttuuriympäristöt (RKY)",
        "Byggda kulturmiljöer av riksintresse (RKY)",
        {"name": "kohdenimi", "identifier": "ID"},
    ),
    _wfs(
        "suojellut_rakennukset",
        MUSEOVIRASTO,
        "rajapinta_suojellut:suojellut_rakennukset_piste",
        "suojeltu_rakennus",
        "Suojellut rakennukset (erityislait)",
        "Skyddade byggnader (speciallagar)",
        {"name": "kohdenimi", "identifier": "KOHDEID"},
    ),
    _wfs(
        "vaestoruutu",
        f"{TILASTOKESKUS}/vaestoruutu/wfs",
        "vaestoruutu:vaki2025_1km",
        "vaesto",
        "Väestöruudukko 1 km × 1 km (Tilastokeskus)",
        "Befolkningsrutor 1 km × 1 km (Statistikcentralen)",
        {"identifier": "grd_id", "population": "vaesto"},
    ),
    SourceSpec(
        name="yleiskaavat",
        url=f"{SYKE}/ryhti_plan/ogc/features/v1",
        service="oapif",
        layer="pub_valid_lm_plan_ix_gs",
        code=THEME_CODES["plans"],
        theme="plans",
        title="Voimassa olevat yleiskaavat (Ryhti, yleiskaavahakemisto)",
        title_sv="Gällande generalplaner (Ryhti)",
        fields={
            "plan_name": "name_fin",
            "plan_identifier": "permanent_plan_identifier",
        },
        licence=CC_BY,
        level="yleiskaava",
        preset="yleiskaavat",
    ),
    SourceSpec(
        name="asemakaavat",
        url=f"{SYKE}/ryhti_plan/ogc/features/v1",
        service="oapif",
        layer="pub_valid_ld_plan_ix_gs",
        code=THEME_CODES["plans"],
        theme="plans",
        title="Voimassa olevat asemakaavat (Ryhti, asemakaavahakemisto)",
        title_sv="Gällande detaljplaner (Ryhti)",
        fields={
            "plan_name": "name_fin",
            "plan_identifier": "permanent_plan_identifier",
        },
        licence=CC_BY,
        level="asemakaava",
        preset="asemakaavat",
    ),
]

PRESETS: dict[str, SourceSpec] = {spec.name: spec for spec in _ALL}

#: Names that stand for several presets (``presets = ["luonto"]``).
GROUPS: dict[str, tuple[str, ...]] = {
    "luonto": (
        "natura_sac",
        "natura_spa",
        "luonnonsuojelualueet_valtio",
        "luonnonsuojelualueet_yksityinen",
    ),
    "vesi": ("pohjavesialueet", "tulva_vesisto_100a", "tulva_meri_100a"),
    "kulttuuriymparisto": (
        "muinaisjaannokset",
        "muinaisjaannosalueet",
        "rky",
        "suojellut_rakennukset",
    ),
    "kaavat": ("yleiskaavat", "asemakaavat"),
    "kaikki": tuple(PRESETS),
}


def preset(name: str) -> SourceSpec:
    """The preset called ``name`` (KeyError with the known names otherwise)."""
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(
            f"unknown preset {name!r}; presets: {', '.join(PRESETS)}; groups: {', '.join(GROUPS)}"
        ) from None


def preset_names(name: str) -> tuple[str, ...]:
    """A preset name, or the names a group stands for."""
    if name in GROUPS:
        return GROUPS[name]
    preset(name)
    return (name,)
