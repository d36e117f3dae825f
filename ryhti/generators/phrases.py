"""Plain Finnish and Swedish for numbers, dates, units and plan regulations.

The kaavaselostus must read like a planner wrote it, in both national languages, and
it must never say more than the data does. So every sentence about a regulation is
built from its code, its value and the code lists' own labels: a phrase template of
the project's where the usual wording is clear (``Rakennusoikeus 2 400 k-m²`` /
``Byggrätt 2 400 m²vy``), the code-list label with the value otherwise. Where the data
lacks something (a Swedish text, an unknown code) the sentence carries a visible
placeholder, ``[TÄYDENNÄ: …]`` / ``[KOMPLETTERA: …]``, and a warning is logged.

Numbers, dates and units are formatted by :mod:`ryhti.generators.fmt` (re-exported here).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ryhti.generators.fmt import (
    NBSP,
    fmt_date,
    fmt_number,
    fmt_period,
    fmt_quantity,
    fmt_scale,
    fmt_unit,
    lower_first,
    placeholder,
    upper_first,
)
from ryhti.generators.landuse import code_value
from ryhti.generators.notes import WarningLog
from ryhti.model import (
    UNSET,
    AdditionalInformation,
    CodeValue,
    DecimalRange,
    IdentifierValue,
    LanguageString,
    LocalizedTextValue,
    NumericRange,
    PlanRecommendation,
    PlanRegulation,
    PositiveDecimalRange,
    PositiveNumericRange,
    TextValue,
    TimePeriodDateOnly,
    TimePeriodDateOnlyValue,
    TimePeriodValue,
)
from ryhti.numerals import to_roman

__all__ = [
    "LANGS",
    "NBSP",
    "Phraser",
    "RegulationText",
    "fmt_date",
    "fmt_number",
    "fmt_period",
    "fmt_quantity",
    "fmt_scale",
    "fmt_unit",
    "lower_first",
    "placeholder",
    "upper_first",
]

#: Output languages of the generators.
LANGS = ("fi", "sv")

#: Model language keys by output language.
MODEL_LANG = {"fi": "fin", "sv": "swe"}

# ------------------------------------------------------------------------------------------
# Phrase templates (the project's own wording)
# ------------------------------------------------------------------------------------------

#: Regulation phrases by language and RY_Kaavamaarayslaji value. Fields: ``{value}``
#: (number and unit), ``{number}``, ``{roman}``, ``{min}``, ``{max}``, ``{rmin}``,
#: ``{rmax}``, ``{text}``. Codes not listed read "<label> <value>".
REGULATION_PHRASES: dict[str, dict[str, str]] = {
    "fi": {
        "sallittuKerrosala": "Rakennusoikeus {value}",
        "sallittuRakennustilavuus": "Sallittu rakennustilavuus {value}",
        "tehokkuusluku": "Tehokkuusluku e = {number}",
        "maanpaallinenKerroslukuLuku": "Suurin sallittu maanpäällinen kerrosluku {roman} ({number})",
        "maanpaallinenKerroslukuArvovali": "Maanpäällinen kerrosluku {rmin}–{rmax} ({min}–{max})",
        "maanalainenKerroslukuLuku": "Suurin sallittu maanalaisten kerrosten lukumäärä {number}",
        "maanalainenKerroslukuArvovali": "Maanalaisten kerrosten lukumäärä {min}–{max}",
        "kerrosneliomaaraYhtaAutopaikkaaKohden": "Yksi autopaikka kutakin {value} kohden",
        "kerrosneliomaaraYhtaPyorapaikkaaKohden": "Yksi polkupyöräpaikka kutakin {value} kohden",
        "autopaikkojenMaaraAsuntoaKohden": "Autopaikkoja {number} asuntoa kohden",
        "pyorapaikkojenMaaraAsuntoaKohden": "Polkupyöräpaikkoja {number} asuntoa kohden",
        "autopaikkojenMaara": "Autopaikkoja {number}",
        "pyorapaikkojenMaara": "Polkupyöräpaikkoja {number}",
        "asuntojenMaara": "Asuntoja {number}",
        "rakennuspaikkojenMaara": "Rakennuspaikkoja {number}",
        "tuulivoimaloidenMaara": "Tuulivoimaloita {number}",
        "korttelinNumero": "Korttelin numero {number}",
        "tontinTaiRakennuspaikanNumero": "Tontin tai rakennuspaikan numero {number}",
        "kaupunginTaiKunnanosanNumero": "Kaupungin- tai kunnanosan numero {number}",
        "kellarinSallittuOsuusKerrosalasta": "Kellarin sallittu osuus kerrosalasta {value}",
        "ullakonSallittuOsuusKerrosalasta": "Ullakon sallittu osuus kerrosalasta {value}",
        "kattokaltevuus": "Kattokaltevuus {value}",
        "aaneneristavyys": "Ääneneristävyys vähintään {value}",
        "tuulivoimalanEnimmaiskorkeus": "Tuulivoimalan suurin sallittu kokonaiskorkeus {value}",
    },
    "sv": {
        "sallittuKerrosala": "Byggrätt {value}",
        "sallittuRakennustilavuus": "Tillåten byggnadsvolym {value}",
        "tehokkuusluku": "Exploateringstal e = {number}",
        "maanpaallinenKerroslukuLuku": "Högsta tillåtna antal våningar ovan jord {roman} ({number})",
        "maanpaallinenKerroslukuArvovali": "Antal våningar ovan jord {rmin}–{rmax} ({min}–{max})",
        "maanalainenKerroslukuLuku": "Högsta tillåtna antal våningar under jord {number}",
        "maanalainenKerroslukuArvovali": "Antal våningar under jord {min}–{max}",
        "kerrosneliomaaraYhtaAutopaikkaaKohden": "En bilplats per {value}",
        "kerrosneliomaaraYhtaPyorapaikkaaKohden": "En cykelplats per {value}",
        "autopaikkojenMaaraAsuntoaKohden": "{number} bilplatser per bostad",
        "pyorapaikkojenMaaraAsuntoaKohden": "{number} cykelplatser per bostad",
        "autopaikkojenMaara": "{number} bilplatser",
        "pyorapaikkojenMaara": "{number} cykelplatser",
        "asuntojenMaara": "{number} bostäder",
        "rakennuspaikkojenMaara": "{number} byggnadsplatser",
        "tuulivoimaloidenMaara": "{number} vindkraftverk",
        "korttelinNumero": "Kvartersnummer {number}",
        "tontinTaiRakennuspaikanNumero": "Tomtens eller byggnadsplatsens nummer {number}",
        "kaupunginTaiKunnanosanNumero": "Stadsdelens eller kommundelens nummer {number}",
        "kellarinSallittuOsuusKerrosalasta": "Källarens tillåtna andel av våningsytan {value}",
        "ullakonSallittuOsuusKerrosalasta": "Vindens tillåtna andel av våningsytan {value}",
        "kattokaltevuus": "Taklutning {value}",
        "aaneneristavyys": "Ljudisolering minst {value}",
        "tuulivoimalanEnimmaiskorkeus": "Vindkraftverkets högsta tillåtna totalhöjd {value}",
    },
}

#: Table-cell values of quantity regulations (the table of block- and object-specific
#: regulations), with the fields of :data:`REGULATION_PHRASES`; codes not listed show
#: their value with its unit (``2 400 k-m²``). The same in both languages.
QUANTITY_PHRASES: dict[str, str] = {
    "tehokkuusluku": "e = {number}",
    "maanpaallinenKerroslukuLuku": "{roman}",
    "maanpaallinenKerroslukuArvovali": "{rmin}–{rmax}",
    "maanalainenKerroslukuLuku": "{number}",
    "maanalainenKerroslukuArvovali": "{min}–{max}",
}

#: Additional-information phrases by language and RY_Kaavamaarayksen_Lisatiedonlaji value.
ADDITIONAL_PHRASES: dict[str, dict[str, str]] = {
    "fi": {
        "kayttotarkoituksenOsuusKerrosalastaK-m2": "käyttötarkoituksen osuus kerrosalasta {value}",
        "kayttotarkoituksenOsuusKerrosalastaPros": "käyttötarkoituksen osuus kerrosalasta {value}",
        "kayttotarkoituksenOsuusRakennustilavuudestaK-m3": "käyttötarkoituksen osuus rakennustilavuudesta {value}",
        "kayttotarkoituksenOsuusRakennustilavuudestaPros": "käyttötarkoituksen osuus rakennustilavuudesta {value}",
        "kayttotarkoituskohdistus": "käyttötarkoitus: {value}",
        "poisluettavaKayttotarkoitus": "poisluettava käyttötarkoitus: {value}",
        "valiaikainenMaarays": "väliaikainen määräys {value}",
        "kerroksetJotaMaaraysKoskee": "koskee kerroksia {value}",
        "rakennusluvanPeruste": "rakennusluvan peruste: {value}",
    },
    "sv": {
        "kayttotarkoituksenOsuusKerrosalastaK-m2": "användningsändamålets andel av våningsytan {value}",
        "kayttotarkoituksenOsuusKerrosalastaPros": "användningsändamålets andel av våningsytan {value}",
        "kayttotarkoituksenOsuusRakennustilavuudestaK-m3": "användningsändamålets andel av byggnadsvolymen {value}",
        "kayttotarkoituksenOsuusRakennustilavuudestaPros": "användningsändamålets andel av byggnadsvolymen {value}",
        "kayttotarkoituskohdistus": "användningsändamål: {value}",
        "poisluettavaKayttotarkoitus": "användningsändamål som ska utelämnas: {value}",
        "valiaikainenMaarays": "temporär bestämmelse {value}",
        "kerroksetJotaMaaraysKoskee": "gäller våningarna {value}",
        "rakennusluvanPeruste": "grund för byggnadstillståndet: {value}",
    },
}

#: Small words of the regulation sentences.
WORDS: dict[str, dict[str, str]] = {
    "fi": {
        "valid": "voimassa {period}",
        "main_use": "Pääasiallinen käyttötarkoitus: {use}",
        "unknown_code": "tuntematon määräyslaji {code}",
        "unknown_value_code": "tuntematon koodi {code}",
        "missing_value": "arvo puuttuu ({label})",
        "missing_text": "määräyksen teksti",
        "missing_translation": "ruotsinkielinen teksti",
        "missing_label": "nimike",
        "missing_title": "kaavamääräysryhmän otsikko",
    },
    "sv": {
        "valid": "gäller {period}",
        "main_use": "Huvudsakligt användningsändamål: {use}",
        "unknown_code": "okänd bestämmelsetyp {code}",
        "unknown_value_code": "okänd kod {code}",
        "missing_value": "värde saknas ({label})",
        "missing_text": "bestämmelsens text",
        "missing_translation": "svensk översättning",
        "missing_label": "benämning",
        "missing_title": "planbestämmelsegruppens rubrik",
    },
}


#: Additional informations that only tag the kind of a regulation (never phrased).
MAIN_USE_INFO = "paakayttotarkoitus"
SUB_AREA_INFO = "osaAlue"
TAG_INFOS = frozenset({MAIN_USE_INFO, SUB_AREA_INFO})

#: Code-list labels that are wrong in a plan description, by (code list, code, language).
#: RY_KaavanVuorovaikutustapahtumanLaji 01 *Nähtävilläolo* is "Tillgänglighet"
#: (accessibility) in the code list; a Swedish plan says *offentligt framläggande*.
CONTEXT_LABELS: dict[tuple[str, str, str], str] = {
    ("RY_KaavanVuorovaikutustapahtumanLaji", "01", "sv"): "Offentligt framläggande",
    ("RY_KaavanVuorovaikutustapahtumanLaji", "03", "sv"): "Växelverkanstillfälle",
    ("RY_KaavanVuorovaikutustapahtumanLaji", "08", "sv"): "Annat tillfälle för växelverkan",
}


@dataclass(slots=True)
class RegulationText:
    """A regulation in words: ``main`` (``Rakennusoikeus 2 400 k-m²``), ``extras`` (its
    additional information and validity, said in brackets), its ``number``, its ``code``
    value, and whether it marks a main use or a sub-area."""

    main: str
    extras: list[str]
    number: str | None = None
    code: str | None = None
    main_use: bool = False
    sub_area: bool = False
    #: ``main`` is only the regulation type's label: no value, nothing said beyond its kind.
    bare: bool = False

    def sentence(self) -> str:
        prefix = f"{self.number}. " if self.number else ""
        return prefix + self.main + (f" ({'; '.join(self.extras)})" if self.extras else "")


class Phraser:
    """Turns regulations, recommendations and texts into sentences in one language.

    ``registry`` is the code-list registry (labels, Swedish names); ``warn`` collects
    what was missing. The phraser never invents content: a missing text becomes a
    placeholder, and a Finnish text stands in a Swedish document only next to one.
    """

    def __init__(self, lang: str, registry: Any, warn: WarningLog) -> None:
        if lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
        self.lang = lang
        self.registry = registry
        self.warn = warn
        self.words = WORDS[lang]

    # -- code lists ---------------------------------------------------------------------
    def code_list(self, list_id: str) -> Any:
        if self.registry is None:
            return None
        try:
            return self.registry.get(list_id)
        except Exception:
            return None

    def code(self, list_id: str, uri_or_value: Any) -> Any:
        code_list = self.code_list(list_id)
        if code_list is None or not isinstance(uri_or_value, str):
            return None
        return code_list.get(uri_or_value.strip())

    def label(self, list_id: str, uri_or_value: Any, *, path: str = "$") -> str:
        """The code's label in this language; a placeholder (and a warning) if unknown.

        A label the code list has wrong for a plan description is replaced
        (:data:`CONTEXT_LABELS`).
        """
        code = self.code(list_id, uri_or_value)
        if code is not None:
            fixed = CONTEXT_LABELS.get((list_id, code.value, self.lang))
            if fixed:
                return fixed
            text = code.labels.get(self.lang)
            if text:
                return text
            other = code.label(self.lang)
            if other:
                return f"{other} {placeholder(self.lang, self.words['missing_translation'])}"
        shown = code_value(uri_or_value) or str(uri_or_value)
        self.warn.add(
            "unknown-code",
            f"{shown!r} is not a code of {list_id}",
            f"{shown!r} ei ole koodiston {list_id} koodi",
            f"{shown!r} är ingen kod i kodlistan {list_id}",
            path=path,
        )
        return placeholder(self.lang, self.words["unknown_value_code"].format(code=shown))

    # -- texts ----------------------------------------------------------------------------
    def text(self, value: Any, *, what: str | None = None, path: str = "$") -> str:
        """A LanguageString in this language; Finnish plus a placeholder in a Swedish text."""
        what = what or self.words["missing_text"]
        if isinstance(value, LanguageString):
            own = getattr(value, MODEL_LANG[self.lang], None)
            if isinstance(own, str) and own.strip():
                return _one_line(own)
            other = value.text(MODEL_LANG[self.lang])
            if other:
                self.warn.add(
                    "missing-translation",
                    "text has no Swedish version; the Finnish one is shown with a placeholder",
                    "tekstistä puuttuu ruotsinkielinen versio; suomenkielinen näytetään täydennysmerkinnän kanssa",
                    "texten saknar svensk version; den finska visas med en platshållare",
                    path=path,
                )
                return f"{_one_line(other)} {placeholder(self.lang, self.words['missing_translation'])}"
        elif isinstance(value, str) and value.strip():
            return _one_line(value)
        self.warn.add(
            "missing-text",
            f"missing text ({what})",
            f"teksti puuttuu ({what})",
            f"text saknas ({what})",
            path=path,
        )
        return placeholder(self.lang, what)

    # -- values ---------------------------------------------------------------------------
    def value(self, value: Any, *, path: str = "$") -> str | None:
        """The value of a regulation or additional information in words, or ``None``."""
        if value is None or value is UNSET:
            return None
        if isinstance(value, LocalizedTextValue):
            return self.text(value.text, path=f"{path}.text")
        if isinstance(value, TextValue):
            return _one_line(value.text) if isinstance(value.text, str) else None
        if isinstance(value, CodeValue):
            title = value.title
            if isinstance(title, LanguageString):
                own = getattr(title, MODEL_LANG[self.lang], None)
                if isinstance(own, str) and own.strip():
                    return lower_first(own.strip())
            return self._code_value_label(value.code, path=f"{path}.code")
        if isinstance(value, IdentifierValue):
            ident = value.identifier if isinstance(value.identifier, str) else "?"
            register = value.register_name
            name = (
                register.text(MODEL_LANG[self.lang])
                if isinstance(register, LanguageString)
                else None
            )
            return f"{ident} ({name})" if name else ident
        if isinstance(value, TimePeriodDateOnlyValue):
            return fmt_period(value.begin, value.end, self.lang)
        if isinstance(value, TimePeriodValue):
            return fmt_period(value.begin_utc, value.end_utc, self.lang)
        if isinstance(
            value, NumericRange | PositiveNumericRange | DecimalRange | PositiveDecimalRange
        ):
            low = fmt_number(_num(value.minimum_value), None)
            high = fmt_number(_num(value.maximum_value), None)
            unit = fmt_unit(value.unit_of_measure, self.lang)
            return f"{low}–{high}" + (f"{NBSP}{unit}" if unit else "")
        number = _num(getattr(value, "number", None))
        if number is not None:
            return fmt_quantity(number, getattr(value, "unit_of_measure", None), self.lang)
        return None

    def _code_value_label(self, uri: Any, *, path: str) -> str:
        if self.registry is not None and isinstance(uri, str):
            try:
                code = self.registry.lookup(uri)
            except Exception:
                code = None
            if code is not None:
                text = code.labels.get(self.lang) or code.label(self.lang)
                if text:
                    return lower_first(text)
        shown = code_value(uri) or str(uri)
        self.warn.add(
            "unknown-value-code",
            f"code value {shown!r} not found in the code lists",
            f"koodiarvoa {shown!r} ei löydy koodistoista",
            f"kodvärdet {shown!r} finns inte i kodlistorna",
            path=path,
        )
        return placeholder(self.lang, self.words["unknown_value_code"].format(code=shown))

    # -- regulations ----------------------------------------------------------------------
    def regulation(self, reg: PlanRegulation, *, path: str = "$") -> str:
        """One regulation as a sentence: ``Rakennusoikeus 4 800 k-m²``."""
        return self.regulation_parts(reg, path=path).sentence()

    def regulation_parts(self, reg: PlanRegulation, *, path: str = "$") -> RegulationText:
        """A regulation in words, in parts (:class:`RegulationText`).

        The data model's tags are not printed as such: a main use reads
        ``Pääasiallinen käyttötarkoitus: asumisen alue``, a sub-area is just its name, and
        the kinds of a verbal regulation (``julkisivut``) are left to the data, since the
        text says what it is about. An additional information given twice is said once.
        """
        code_text = code_value(reg.type)
        code = self.code("RY_Kaavamaarayslaji", reg.type) if code_text else None
        value_text = self.value(reg.value, path=f"{path}.value")
        kinds = {
            code_value(i.type) for i in reg.additional_informations or [] if hasattr(i, "type")
        }
        main_use = MAIN_USE_INFO in kinds
        if code is None:
            shown = code_text or str(reg.type)
            self.warn.add(
                "unknown-regulation-type",
                f"regulation type {shown!r} is not in RY_Kaavamaarayslaji",
                f"määräyslaji {shown!r} ei ole koodistossa RY_Kaavamaarayslaji",
                f"bestämmelsetypen {shown!r} finns inte i RY_Kaavamaarayslaji",
                path=f"{path}.type",
            )
            main = placeholder(self.lang, self.words["unknown_code"].format(code=shown))
            if value_text:
                main += f" {value_text}"
        else:
            main = self._regulation_main(reg, code, value_text, path)
            if main_use:
                main = self.words["main_use"].format(use=lower_first(main))
        extras = list(dict.fromkeys(self.additional(reg.additional_informations, path=path)))
        period = reg.period_of_validity
        if isinstance(period, TimePeriodDateOnly):
            text = fmt_period(period.begin, period.end, self.lang)
            if text:
                extras.append(self.words["valid"].format(period=text))
        number = reg.regulation_number
        return RegulationText(
            main=main,
            extras=extras,
            number=number.strip() if isinstance(number, str) and number.strip() else None,
            code=code_text,
            main_use=main_use,
            sub_area=SUB_AREA_INFO in kinds,
            bare=code is not None and not value_text and reg.value in (None, UNSET),
        )

    def _regulation_main(
        self, reg: PlanRegulation, code: Any, value_text: str | None, path: str
    ) -> str:
        label = code.labels.get(self.lang)
        if not label:
            fallback = code.label(self.lang) or code.value
            label = f"{fallback} {placeholder(self.lang, self.words['missing_label'])}"
        value = reg.value
        if isinstance(value, LocalizedTextValue | TextValue):
            if code.value == "sanallinenMaarays":
                return value_text or placeholder(self.lang, self.words["missing_text"])
            return f"{label}: {value_text}" if value_text else label
        template = REGULATION_PHRASES[self.lang].get(code.value)
        fields = _fields(value, value_text)
        if template is not None and fields is not None:
            try:
                return template.format(**fields)
            except (KeyError, IndexError):
                pass
        if value_text:
            return f"{label} {value_text}"
        if value is not None and value is not UNSET:
            self.warn.add(
                "unreadable-value",
                f"value of {code.value} cannot be read",
                f"määräyksen {code.value} arvoa ei voi lukea",
                f"värdet för {code.value} kan inte läsas",
                path=f"{path}.value",
            )
            return f"{label} {placeholder(self.lang, self.words['missing_value'].format(label=lower_first(label)))}"
        return label

    def quantity(self, reg: PlanRegulation, *, path: str = "$") -> str | None:
        """The value of a quantity regulation as a table cell (``2 400 k-m²``, ``IV``,
        ``e = 0,8``), worded as :meth:`regulation` words it; ``None`` if unreadable."""
        if _fields(reg.value, None) is None:  # not a number: no cell (and no warning here)
            return None
        value_text = self.value(reg.value, path=f"{path}.value")
        fields = _fields(reg.value, value_text)
        if fields is None:
            return None
        template = QUANTITY_PHRASES.get(code_value(reg.type) or "")
        if template is not None:
            try:
                return template.format(**fields)
            except (KeyError, IndexError):
                pass
        return value_text or None

    def additional(self, infos: Any, *, path: str = "$") -> list[str]:
        """Additional informations as short phrases (``varattu yleiseen käyttöön``…).

        The tags that only say what kind of regulation it is (main use, sub-area) are
        the data model's, not the plan's words: they are not phrased.
        """
        if not isinstance(infos, list):
            return []
        out = []
        for k, info in enumerate(infos):
            if not isinstance(info, AdditionalInformation):
                continue
            ipath = f"{path}.additionalInformations[{k}]"
            kind = code_value(info.type)
            if kind in TAG_INFOS:
                continue
            value_text = self.value(info.value, path=f"{ipath}.value")
            template = ADDITIONAL_PHRASES[self.lang].get(kind or "")
            if template is not None and ("{value}" not in template or value_text):
                out.append(template.format(value=value_text))
                continue
            label = lower_first(
                self.label("RY_Kaavamaarayksen_Lisatiedonlaji", info.type, path=f"{ipath}.type")
            )
            out.append(f"{label} {value_text}" if value_text else label)
        return out

    def recommendation(self, rec: PlanRecommendation, *, path: str = "$") -> str:
        text = self.text(rec.value, path=f"{path}.value")
        number = rec.recommendation_number
        return (
            f"{number}. {text}"
            if isinstance(number, int) and not isinstance(number, bool)
            else text
        )


def _num(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _fields(value: Any, value_text: str | None) -> dict[str, str] | None:
    """Template fields of a value, or ``None`` if the value has none of them."""
    if value is None or value is UNSET:
        return None
    number = _num(getattr(value, "number", None))
    if number is not None:
        n = int(number) if float(number).is_integer() else None
        return {
            "value": value_text or fmt_number(number, None),
            "number": fmt_number(number, None),
            "roman": to_roman(n) if n is not None else fmt_number(number, None),
        }
    low = _num(getattr(value, "minimum_value", None))
    high = _num(getattr(value, "maximum_value", None))
    if low is not None and high is not None:
        rl = to_roman(int(low)) if float(low).is_integer() else fmt_number(low, None)
        rh = to_roman(int(high)) if float(high).is_integer() else fmt_number(high, None)
        return {
            "value": value_text or "",
            "min": fmt_number(low, None),
            "max": fmt_number(high, None),
            "rmin": rl,
            "rmax": rh,
        }
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())
