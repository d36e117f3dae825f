"""Chapter 3 of the description (lähtökohdat / utgångspunkter) from the background data.

The background-data gatherer writes a :class:`~ryhti.background.BackgroundData`; this
module turns it into the sentences a planner writes about the planning situation:
"Yleiskaavassa alue on osoitettu asuntoalueeksi (A)", "Kaava-alue on osittain
pohjavesialueella X: 1,20 ha eli 10,0 % kaava-alueesta", "Kaava-alueella on 2
muinaisjäännöstä: …". The data's ``gathered`` set keeps the chapter honest: a theme that
was looked at and gave no rows says so ("Kaava-alueella ei ole Natura 2000 -alueita"),
a theme that was not looked at returns ``None`` and the template keeps its
``[TÄYDENNÄ: …]`` prompt.

It also reads and writes the JSON form of BackgroundData (``ryhti describe
--background FILE.json``): :func:`load_background`, :func:`parse_background`,
:func:`background_to_json`, :func:`write_background`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.background import (
    THEMES,
    AreaOverlap,
    BackgroundData,
    PlanInForce,
    SiteInside,
    SourceRecord,
)
from ryhti.errors import InputError
from ryhti.generators.fmt import NBSP, count, fmt_date, fmt_number, lower_first
from ryhti.io import read_json, write_json

__all__ = [
    "LEVELS",
    "background_to_json",
    "load_background",
    "parse_background",
    "plans_text",
    "population_text",
    "sites_text",
    "sources_text",
    "theme_text",
    "translative",
    "write_background",
]

#: Plan levels, broadest first.
LEVELS: tuple[str, ...] = ("maakuntakaava", "yleiskaava", "asemakaava")

#: Words per level: Finnish partitive and inessive, Swedish noun (indefinite, definite).
LEVEL_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "fi": {
        "maakuntakaava": ("maakuntakaavaa", "Maakuntakaavassa"),
        "yleiskaava": ("yleiskaavaa", "Yleiskaavassa"),
        "asemakaava": ("asemakaavaa", "Asemakaavassa"),
    },
    "sv": {
        "maakuntakaava": ("landskapsplan", "I landskapsplanen"),
        "yleiskaava": ("generalplan", "I generalplanen"),
        "asemakaava": ("detaljplan", "I detaljplanen"),
    },
}

#: Overlapping areas by theme: the area's name (fi: essive-ready adessive noun) and what
#: to say when the theme was gathered and nothing was found.
OVERLAP_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "fi": {
        "natura": ("Natura 2000 -alueella", "Kaava-alue ei ole Natura 2000 -alueella."),
        "suojelualue": ("luonnonsuojelualueella", "Kaava-alue ei ole luonnonsuojelualueella."),
        "pohjavesi": ("pohjavesialueella", "Kaava-alue ei ole pohjavesialueella."),
        "tulva": ("tulvavaara-alueella", "Kaava-alue ei ole tunnetulla tulvavaara-alueella."),
        "rky": (
            "valtakunnallisesti merkittävässä rakennetussa kulttuuriympäristössä (RKY)",
            "Kaava-alue ei ole valtakunnallisesti merkittävässä rakennetussa "
            "kulttuuriympäristössä (RKY).",
        ),
    },
    "sv": {
        "natura": ("på Natura 2000-området", "Planområdet ligger inte på ett Natura 2000-område."),
        "suojelualue": (
            "på naturskyddsområdet",
            "Planområdet ligger inte på ett naturskyddsområde.",
        ),
        "pohjavesi": ("på grundvattenområdet", "Planområdet ligger inte på ett grundvattenområde."),
        "tulva": (
            "på området med översvämningsrisk",
            "Planområdet ligger inte på ett känt område med översvämningsrisk.",
        ),
        "rky": (
            "i den byggda kulturmiljön av riksintresse (RKY)",
            "Planområdet ligger inte i en byggd kulturmiljö av riksintresse (RKY).",
        ),
    },
}

#: Sites inside the plan area by theme: (one, many, none, what its identifier is).
SITE_WORDS: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "fi": {
        "muinaisjaannos": (
            "muinaisjäännös",
            "muinaisjäännöstä",
            "Kaava-alueella ei ole tunnettuja muinaisjäännöksiä.",
            "muinaisjäännöstunnus",
        ),
        "suojeltu_rakennus": (
            "suojeltu rakennus",
            "suojeltua rakennusta",
            "Kaava-alueella ei ole suojeltuja rakennuksia.",
            "tunnus",
        ),
    },
    "sv": {
        "muinaisjaannos": (
            "fornlämning",
            "fornlämningar",
            "Det finns inga kända fornlämningar i planområdet.",
            "fornlämningsnummer",
        ),
        "suojeltu_rakennus": (
            "skyddad byggnad",
            "skyddade byggnader",
            "Det finns inga skyddade byggnader i planområdet.",
            "beteckning",
        ),
    },
}


# ------------------------------------------------------------------------------------------
# Finnish translative ("asuntoalue" -> "asuntoalueeksi")
# ------------------------------------------------------------------------------------------


def _word_translative(word: str) -> str | None:
    """The translative of one word of a designation, for the word shapes designations
    take; ``None`` where a rule of thumb would risk a wrong form (consonant gradation:
    *katu* → *kaduksi*)."""
    low = word.casefold()
    if low.endswith("alueet"):
        return word[:-2] + "iksi"
    if low.endswith("alue"):
        return word + "eksi"
    if low.endswith("inen"):
        return word[:-4] + "iseksi"
    if low.endswith("n") and len(low) > 3:  # a genitive attribute: keskustatoimintojen
        return word
    if low.endswith(("puisto", "kortteli", "reitti", "vyöhyke", "keskus")):
        if low.endswith("vyöhyke"):
            return word + "eksi"
        if low.endswith("keskus"):
            return word[:-1] + "kseksi"
        return word + "ksi"
    if low.endswith(("va", "vä")) and len(low) > 4:  # participles: säilytettävä
        return word + "ksi"
    return None


def translative(meaning: str) -> str | None:
    """``Asuntoalue`` -> ``asuntoalueeksi``; ``Pientalovaltainen asuntoalue`` ->
    ``pientalovaltaiseksi asuntoalueeksi``. ``None`` when a word cannot be inflected
    safely (the caller then phrases the sentence without inflection)."""
    head = meaning.split(",", 1)[0].strip()
    rest = meaning[len(head) :]
    if not head or rest.strip():
        return None
    words = head.split()
    out = []
    for word in words:
        inflected = _word_translative(word)
        if inflected is None:
            return None
        out.append(inflected)
    return lower_first(" ".join(out))


# ------------------------------------------------------------------------------------------
# Sentences
# ------------------------------------------------------------------------------------------


def _ha(area_m2: float, decimals: int) -> str:
    return f"{fmt_number(area_m2 / 10_000, decimals)}{NBSP}ha"


def _pct(share: float) -> str:
    return f"{fmt_number(100 * share, 1)}{NBSP}%"


def _designations(plan: PlanInForce, lang: str) -> str | None:
    parts: list[str] = []
    several = len(plan.designations) > 1
    for sign, fi, sv, share in plan.designations:
        tags = [t for t in (sign, _pct(share) if several else "") if t]
        tag = f" ({', '.join(tags)})" if tags else ""
        if lang == "fi":
            form = translative(fi)
            if form is None:
                return None
            parts.append(form + tag)
        else:
            parts.append(lower_first(sv or fi) + tag)
    if not parts:
        return None
    word = " ja " if lang == "fi" else " och "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + word + parts[-1]


def plans_text(background: BackgroundData | None, level: str, lang: str) -> list[str] | None:
    """What the plans in force of ``level`` say about the area (``None``: not gathered)."""
    if background is None or "plans" not in background.gathered:
        return None
    partitive, inessive = LEVEL_WORDS[lang][level]
    found = [p for p in background.plans_in_force if p.level == level]
    if not found:
        if lang == "fi":
            return [f"Alueella ei ole voimassa olevaa {partitive}."]
        return [f"Området har ingen gällande {partitive}."]
    out = []
    for plan in found:
        facts = [f for f in (plan.identifier, _approved(plan.approved, lang)) if f]
        named = plan.name + (f" ({', '.join(facts)})" if facts else "")
        if lang == "fi":
            out.append(f"Alueella on voimassa {named}.")
        else:
            out.append(f"På området gäller {named}.")
        said = _designations(plan, lang)
        if said is not None:
            if lang == "fi":
                out.append(f"{inessive} alue on osoitettu {said}.")
            else:
                out.append(f"{inessive} är området anvisat som {said}.")
        elif plan.designations:
            signs = ", ".join(
                f"{sign} ({lower_first(fi) if lang == 'fi' else lower_first(sv or fi)})"
                for sign, fi, sv, _ in plan.designations
            )
            if lang == "fi":
                out.append(f"{inessive} alueella on merkinnät {signs}.")
            else:
                out.append(f"{inessive} har området beteckningarna {signs}.")
    return out


def _approved(date: str | None, lang: str) -> str | None:
    shown = fmt_date(date)
    if shown is None:
        return None
    return f"hyväksytty {shown}" if lang == "fi" else f"godkänd {shown}"


def _overlap_sentence(item: AreaOverlap, lang: str, decimals: int) -> str:
    where = OVERLAP_WORDS[lang][item.theme][0]
    ident = f" ({item.identifier})" if item.identifier else ""
    whole = item.share >= 0.9995
    if lang == "fi":
        degree = "kokonaan" if whole else "osittain"
        return (
            f"Kaava-alue on {degree} {where} {item.name}{ident}: "
            f"{_ha(item.area_m2, decimals)} eli {_pct(item.share)} kaava-alueesta."
        )
    degree = "helt" if whole else "delvis"
    return (
        f"Planområdet ligger {degree} {where} {item.name}{ident}: "
        f"{_ha(item.area_m2, decimals)} eller {_pct(item.share)} av planområdet."
    )


def theme_text(
    background: BackgroundData | None, theme: str, lang: str, decimals: int = 2
) -> list[str] | None:
    """Sentences on one theme of overlapping areas (``None``: the theme was not gathered)."""
    if background is None or theme not in background.gathered:
        return None
    found = sorted(
        (o for o in background.overlaps if o.theme == theme), key=lambda o: (-o.area_m2, o.name)
    )
    if not found:
        return [OVERLAP_WORDS[lang][theme][1]]
    return [_overlap_sentence(o, lang, decimals) for o in found]


def sites_text(background: BackgroundData | None, theme: str, lang: str) -> list[str] | None:
    """Sites of one theme inside the plan area, counted and listed (``None``: not gathered)."""
    if background is None or theme not in background.gathered:
        return None
    one, many, none, ident_word = SITE_WORDS[lang][theme]
    found: list[SiteInside] = [s for s in background.sites if s.theme == theme]
    if not found:
        return [none]
    listed = ", ".join(
        f"{s.name} ({ident_word} {s.identifier})" if s.identifier else s.name for s in found
    )
    n = count(len(found), one, many)
    if lang == "fi":
        return [f"Kaava-alueella on {n}: {listed}."]
    return [f"I planområdet finns {n}: {listed}."]


def population_text(background: BackgroundData | None, lang: str) -> list[str] | None:
    """The area's population (``None``: not gathered)."""
    if background is None or "vaesto" not in background.gathered:
        return None
    source = f" ({background.population_source})" if background.population_source else ""
    if background.population is None:
        if lang == "fi":
            return [f"Kaava-alueelta ei ole saatavilla väestötietoja{source}."]
        return [f"Det finns inga befolkningsuppgifter för planområdet{source}."]
    if lang == "fi":
        return [
            f"Kaava-alueella asuu {count(background.population, 'asukas', 'asukasta')}{source}."
        ]
    return [f"I planområdet bor {count(background.population, 'invånare', 'invånare')}{source}."]


def sources_text(
    background: BackgroundData | None, lang: str, kind_code: str | None = None
) -> list[str] | None:
    """The gathered sources (of one RY_LahtotietoaineistonLaji kind, or all), one line each."""
    if background is None:
        return None
    if kind_code == "11" and "pohjakartta" not in background.gathered:
        return None
    found = [s for s in background.sources if kind_code is None or s.kind_code == kind_code]
    if not found:
        if kind_code == "11":
            if lang == "fi":
                return ["Lähtötiedoista ei löytynyt pohjakarttaa."]
            return ["Utgångsdata innehåller ingen baskarta."]
        return []
    out = []
    for s in found:
        facts = []
        if fmt_date(s.fetched):
            facts.append(("haettu " if lang == "fi" else "hämtad ") + str(fmt_date(s.fetched)))
        if s.licence:
            facts.append(s.licence)
        if s.url:
            facts.append(s.url)
        out.append(s.name + (f" ({', '.join(facts)})" if facts else ""))
    return out


# ------------------------------------------------------------------------------------------
# JSON form
# ------------------------------------------------------------------------------------------


def background_to_json(background: BackgroundData) -> dict[str, Any]:
    """The JSON form of ``background`` (camelCase keys, themes sorted: stable output)."""
    return {
        "plansInForce": [
            {
                "level": p.level,
                "name": p.name,
                "identifier": p.identifier,
                "approved": p.approved,
                "designations": [
                    {"sign": sign, "fi": fi, "sv": sv, "share": share}
                    for sign, fi, sv, share in p.designations
                ],
            }
            for p in background.plans_in_force
        ],
        "overlaps": [
            {
                "theme": o.theme,
                "name": o.name,
                "identifier": o.identifier,
                "areaM2": o.area_m2,
                "share": o.share,
                "kindCode": o.kind_code,
            }
            for o in background.overlaps
        ],
        "sites": [
            {"theme": s.theme, "name": s.name, "identifier": s.identifier, "kindCode": s.kind_code}
            for s in background.sites
        ],
        "population": background.population,
        "populationSource": background.population_source,
        "sources": [
            {
                "name": s.name,
                "kindCode": s.kind_code,
                "fetched": s.fetched,
                "licence": s.licence,
                "url": s.url,
                "features": s.features,
            }
            for s in background.sources
        ],
        "gathered": sorted(background.gathered),
    }


def write_background(path: str | Path, background: BackgroundData) -> None:
    """Write the JSON form of ``background`` atomically."""
    write_json(path, background_to_json(background))


def load_background(path: str | Path) -> BackgroundData:
    """Read a BackgroundData JSON file (:func:`background_to_json`'s form)."""
    return parse_background(read_json(path), source=path)


class _Reader:
    """Typed access to a JSON object that names file and field in every error."""

    def __init__(self, source: str | Path | None) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> InputError:
        return InputError(message, source=self.source, where=where)

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        return value

    def items(self, data: dict[str, Any], key: str, where: str) -> list[Any]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}", "must be a list")
        return value

    def text(self, data: dict[str, Any], key: str, where: str, *, required: bool = False) -> Any:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}.{key}", "is required")
            return None
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", "must be a string")
        return value

    def number(self, data: dict[str, Any], key: str, where: str, *, low: float = 0.0) -> float:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < low:
            raise self.fail(f"{where}.{key}", f"must be a number ≥ {fmt_number(low, None)}")
        return float(value)


def parse_background(data: Any, source: str | Path | None = None) -> BackgroundData:
    """BackgroundData from its JSON form; bad input raises :class:`InputError` naming the
    field (``$.overlaps[2].share``)."""
    r = _Reader(source)
    root = r.obj(data, "$")
    plans = []
    for i, item in enumerate(r.items(root, "plansInForce", "$")):
        where = f"$.plansInForce[{i}]"
        p = r.obj(item, where)
        level = r.text(p, "level", where, required=True)
        if level not in LEVELS:
            raise r.fail(f"{where}.level", f"must be one of {', '.join(LEVELS)}")
        designations = []
        for j, d in enumerate(r.items(p, "designations", where)):
            dwhere = f"{where}.designations[{j}]"
            d = r.obj(d, dwhere)
            share = r.number(d, "share", dwhere)
            if share > 1:
                raise r.fail(f"{dwhere}.share", "is a share of the plan area, 0…1")
            designations.append(
                (
                    r.text(d, "sign", dwhere) or "",
                    r.text(d, "fi", dwhere, required=True),
                    r.text(d, "sv", dwhere) or "",
                    share,
                )
            )
        plans.append(
            PlanInForce(
                level=level,
                name=r.text(p, "name", where, required=True),
                identifier=r.text(p, "identifier", where),
                approved=r.text(p, "approved", where),
                designations=tuple(designations),
            )
        )
    overlaps = []
    for i, item in enumerate(r.items(root, "overlaps", "$")):
        where = f"$.overlaps[{i}]"
        o = r.obj(item, where)
        theme = r.text(o, "theme", where, required=True)
        if theme not in OVERLAP_WORDS["fi"]:
            raise r.fail(f"{where}.theme", f"must be one of {', '.join(OVERLAP_WORDS['fi'])}")
        share = r.number(o, "share", where)
        if share > 1:
            raise r.fail(f"{where}.share", "is a share of the plan area, 0…1")
        overlaps.append(
            AreaOverlap(
                theme=theme,
                name=r.text(o, "name", where, required=True),
                identifier=r.text(o, "identifier", where),
                area_m2=r.number(o, "areaM2", where),
                share=share,
                kind_code=r.text(o, "kindCode", where) or "",
            )
        )
    sites = []
    for i, item in enumerate(r.items(root, "sites", "$")):
        where = f"$.sites[{i}]"
        s = r.obj(item, where)
        theme = r.text(s, "theme", where, required=True)
        if theme not in SITE_WORDS["fi"]:
            raise r.fail(f"{where}.theme", f"must be one of {', '.join(SITE_WORDS['fi'])}")
        sites.append(
            SiteInside(
                theme=theme,
                name=r.text(s, "name", where, required=True),
                identifier=r.text(s, "identifier", where),
                kind_code=r.text(s, "kindCode", where) or "",
            )
        )
    sources = []
    for i, item in enumerate(r.items(root, "sources", "$")):
        where = f"$.sources[{i}]"
        s = r.obj(item, where)
        features = s.get("features", 0)
        if isinstance(features, bool) or not isinstance(features, int) or features < 0:
            raise r.fail(f"{where}.features", "must be a whole number ≥ 0")
        sources.append(
            SourceRecord(
                name=r.text(s, "name", where, required=True),
                kind_code=r.text(s, "kindCode", where, required=True),
                fetched=r.text(s, "fetched", where, required=True),
                licence=r.text(s, "licence", where) or "",
                url=r.text(s, "url", where) or "",
                features=features,
            )
        )
    population = root.get("population")
    if population is not None and (
        isinstance(population, bool) or not isinstance(population, int) or population < 0
    ):
        raise r.fail("$.population", "must be a whole number ≥ 0 or null")
    gathered = r.items(root, "gathered", "$")
    unknown = [t for t in gathered if t not in THEMES]
    if unknown:
        raise r.fail("$.gathered", f"unknown themes {unknown}; known: {', '.join(THEMES)}")
    return BackgroundData(
        plans_in_force=tuple(plans),
        overlaps=tuple(overlaps),
        sites=tuple(sites),
        population=population,
        population_source=r.text(root, "populationSource", "$"),
        sources=tuple(sources),
        gathered=frozenset(gathered),
    )
