"""Plan regulation codes the figures count, and the seurantalomake class of each main use.

The figures read a handful of RY_Kaavamaarayslaji and additional-information codes (main
use, sub-area, floor area, efficiency, block number); they are named here once. Each
main use is counted on Syke's asemakaava monitoring form (asemakaavan seurantalomake)
under one of its main classes A, P, Y, C, K, T, V, R, L, E, S, M, W: a code takes the class
of its nearest broader code in the code list that has one (:data:`SYKE_CLASS_OF`), and a
use reserved for the public goes under Y.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from ryhti.codelists import bare_code

__all__ = [
    "AREA_RESERVATION_ROOTS",
    "NOT_AREA_RESERVATIONS",
    "PUBLIC_USE",
    "SYKE_CLASSES",
    "SYKE_CLASS_OF",
    "code_value",
    "regulation_code_list",
    "regulation_number",
    "syke_class",
]

#: Additional-information codes the figures read.
MAIN_USE = "paakayttotarkoitus"
SUB_AREA = "osaAlue"
USE_TARGET = "kayttotarkoituskohdistus"
SHARE_KM2 = "kayttotarkoituksenOsuusKerrosalastaK-m2"

#: Regulation codes the figures read.
FLOOR_AREA = "sallittuKerrosala"
EFFICIENCY = "tehokkuusluku"
BLOCK_NUMBER = "korttelinNumero"

#: ``RY_MaanalaisuudenLaji`` value of underground objects.
UNDERGROUND = "01"

#: Additional information of a use reserved for the public (``varattuYleiseenKayttoon``).
PUBLIC_USE = "varattuYleiseenKayttoon"

#: The main classes of Syke's asemakaava monitoring form (asemakaavan seurantalomake), in
#: the form's order: A asuin-, P palvelu-, Y yleisten rakennusten, C keskustatoimintojen,
#: K liike- ja toimisto-, T teollisuus- ja varastorakennusten korttelialueet, V virkistys-,
#: R loma- ja matkailu-, L liikenne-, E erityis-, S suojelu-, M maa- ja metsätalous- and
#: W vesialueet.
SYKE_CLASSES: tuple[str, ...] = ("A", "P", "Y", "C", "K", "T", "V", "R", "L", "E", "S", "M", "W")

#: RY_Kaavamaarayslaji code -> seurantalomake class. A code not listed takes the class of
#: its nearest listed ancestor. Listed where the code list's tree and the form part ways:
#: ``liikerakennustenAlue`` sits below ``palvelujenAlue`` but the form counts shops with
#: offices (K); ``yleistenRakennustenAlue`` (Y, YO, YS …) sits below ``toimitilojenAlue``;
#: ``teollisuusalue`` and ``varastoalue`` too (T). ``taajamatoimintojenAlue`` carries the
#: short name A in the code list. A use reserved for the public (``varattuYleiseenKayttoon``:
#: YL, YH, PY) is counted under Y whatever its code (:func:`syke_class`).
SYKE_CLASS_OF: dict[str, str] = {
    "asumisenAlue": "A",
    "taajamatoimintojenAlue": "A",
    "keskustatoimintojenAlue": "C",
    "tyopaikkojenAlue": "K",
    "toimitilojenAlue": "K",
    "toimistorakennustenAlue": "K",
    "palvelujenAlue": "P",
    "liikerakennustenAlue": "K",
    "huviJaViihdeRakennustenAlue": "P",
    "yleistenRakennustenAlue": "Y",
    "teollisuusalue": "T",
    "varastoalue": "T",
    "vapaaAjanAsumisenJaMatkailunAlue": "R",
    "viheralue": "V",
    "maaJaMetsatalousAlue": "M",
    "erityisalue": "E",
    "liikennealue": "L",
    "vesialue": "W",
    "suojelualue": "S",
}

#: Classes that a use reserved for the public moves to Y (YL, PY: services; YH: offices).
PUBLIC_TO_Y: frozenset[str] = frozenset({"P", "K"})

#: Branches of RY_Kaavamaarayslaji whose codes are area reservations (used only for plans
#: that mark no main use): the codes themselves and their descendants.
AREA_RESERVATION_ROOTS: tuple[str, ...] = tuple(SYKE_CLASS_OF)

#: Codes below those branches that mark parts of areas, lines or points, never a main use.
NOT_AREA_RESERVATIONS: frozenset[str] = frozenset(
    {
        "viheryhteys",
        "ekologisenKompensaationAlue",
        "istutettavaAlue",
        "puuTaiPuurivi",
        "vihertehokkuus",
        "ulkoiluTaiVirkistysReitti",
        "leikkiJaOleskelualue",
        "poronhoitoalue",
        "JohtoPutkiTaiLinja",
        "sahkolinja",
        "kaasulinja",
        "vesijohtoTaiViemari",
        "hulevesienHallintaAlue",
        "ymparistohairionTorjunnanRakenne",
        "melueste",
        "tulvapenger",
        "maantienNakemaAlue",
        "maantienSuojaAlue",
        "rautatienNakemaAlue",
        "rautatienSuojaAlue",
        "kadunOsaJollaOnAjoneuvoliittymakielto",
        "ajoyhteys",
        "ajoluiska",
        "huoltoajoalue",
        "liittyma",
        "suuntaisliittyma",
        "eritasoliittyma",
        "liikennetunneli",
        "eritasoristeys",
        "ylikulku",
        "alikulku",
        "moottorikelkkailureitti",
        "pohjavesialue",
        "natura2000VerkostonAlue",
        "polttoaineenJakeluasema",
        "pysakki",
        "laivavayla",
        "venevayla",
    }
)


def code_value(uri: Any) -> str | None:
    """The bare code value of a code URI (``…/code/sallittuKerrosala`` -> ``sallittuKerrosala``)."""
    if not isinstance(uri, str):
        return None
    return _code_value(uri)


@functools.lru_cache(maxsize=8192)
def _code_value(uri: str) -> str | None:
    return bare_code(uri) or None


def regulation_number(value: Any) -> float | None:
    """The number of a numeric value object (int or float, finite), else ``None``."""
    number = getattr(value, "number", None)
    if isinstance(number, bool) or not isinstance(number, int | float):
        return None
    number = float(number)
    return number if math.isfinite(number) else None


def regulation_code_list(registry: Any) -> Any:
    """The RY_Kaavamaarayslaji code list of ``registry`` (the default snapshot if ``None``).

    ``None`` when the snapshot is missing: the figures still work, the classes less so.
    """
    if registry is None:
        try:
            from ryhti.codelists import registry as default_registry

            registry = default_registry()
        except Exception:  # the snapshot is missing: figures still work, classes less so
            registry = None
    code_list = None
    if registry is not None:
        try:
            code_list = registry.get("RY_Kaavamaarayslaji")
        except Exception:
            code_list = None
    return code_list


def syke_class(
    code: str,
    code_list: Any,
    cache: dict[str, str | None] | None = None,
    *,
    public: bool = False,
) -> str | None:
    """The seurantalomake class of a main use: its code's own or its nearest ancestor's.

    ``public``: the use is reserved for the public (``varattuYleiseenKayttoon``), which
    the form counts among the public buildings (Y) when the code alone says P or K.
    """
    if cache is not None and code in cache:
        found = cache[code]
    else:
        found = SYKE_CLASS_OF.get(code)
        if found is None and code_list is not None:
            for ancestor in code_list.ancestors(code):
                found = SYKE_CLASS_OF.get(ancestor.value)
                if found is not None:
                    break
        if cache is not None:
            cache[code] = found
    if public and found in PUBLIC_TO_Y:
        return "Y"
    return found
