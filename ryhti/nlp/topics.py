"""Verbal regulation topics (RY_Sanallisen_Kaavamaarayksen_Laji) of a regulating sentence.

A ``sanallinenMaarays`` is only useful to a reviewer with its topics: stormwater, noise,
façades, cultural environment… They come from cue lemmas (:data:`ryhti.nlp.topic_cues.VERBAL_CUES`)
plus a few topic rules that need more than one word (protection, planning directives, extra
building right); every topic carries the cue that gave it, for the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ryhti.nlp.lemmatizer import verb_of_participle
from ryhti.nlp.tokens import cue_index
from ryhti.nlp.topic_cues import CODE_LIST_CUES, VERBAL_CUES

#: Children of the topic ``liikenne`` (RY_Sanallisen_Kaavamaarayksen_Laji).
TRAFFIC_TOPICS = frozenset(
    {"pysakointi", "henkiloautoilu", "joukkoliikenne", "jalankulku", "pyoraily", "kevytLiikenne"}
)

#: Topics decided by a rule of more than one word (below); their code-list cues are one word.
_RULE_TOPICS = frozenset(
    {"lisarakennusoikeus", "suojelumaarays", "suunnittelumaarays", "kevytLiikenne"}
)

#: Compounds that end in *puisto* but are no park: not the topic ``virkistys``.
_NOT_PARKS = {
    "tuulivoimapuisto": "tuulivoima",
    "aurinkovoimapuisto": "aurinkovoima",
    "teollisuuspuisto": "teollisuus",
    "yrityspuisto": "yritys",
    "tiedepuisto": "tiede",
    "teknologiapuisto": "teknologia",
}

#: A sentence that states what the area is for: "Alue varataan asumiselle, virkistykselle …",
#: "Aluetta kehitetään työpaikkojen, palvelujen ja virkistyksen alueena".
_USES_STATEMENT = re.compile(
    r"\b(?:varataan|on\s+varattu|ovat\s+varattuja)\b"
    r"|\b(?:kehitetään|ylläpidetään)\b[^.]*?"
    r"(?:alueena|alueina|vyöhykkeenä|vyöhykkeinä|keskittymänä|keskuksena)\b",
    re.IGNORECASE,
)


def states_uses(sentence: str) -> bool:
    """The sentence names the uses the area is reserved or developed for.

    Its nouns are uses (what the area's type already codes), not topics of a regulation: "Alue
    varataan asumiselle … virkistys- ja suojaviheralueille … ympäristöhäiriötä
    aiheuttamattomalle elinkeinotoiminnalle" regulates neither recreation nor disturbance. The
    caller takes no topics from it when it states no obligation of its own (no modality).
    """
    return _USES_STATEMENT.search(sentence) is not None


#: Words that say a sentence restates what a law provides ("… ovat luvanvaraisia kuten MRL
#: 128 §:ssä on säädetty").
_LAW_VERBS = frozenset({"säädetty", "säätää", "säädetä"})
#: Last parts of the first word of a line that explains a sign ("Korttelinumerot, joiden …",
#: "Kaavamerkintä osoittaa …"): compounds of the explanation heads.
_SIGN_HEADS = ("numero", "tunnus", "merkintä")


#: Words that say what is founded: a building, its structures, the ground it stands on.
_FOUNDED = (
    "rakennus",
    "rakenne",
    "rakentaa",
    "rakentaminen",
    "pohja",
    "maaperä",
    "paalu",
    "perustamistapa",
    "perustamisolosuhde",
    "kellari",
)

#: Words of the built environment: with them "ominaispiirteet" are heritage features.
_BUILT = ("rakennus", "rakennuskanta", "rakennettu", "kaupunkikuva", "miljöö", "korttelirakenne")


def restates_law(sentence: str, lemmas: list[str]) -> bool:
    """The sentence cites a section of a law as what provides it ("kuten MRL 128 §:ssä on
    säädetty").

    What the law provides is not regulated by the plan (LABELLING.md item 11 gives a restated
    MRL 33 § no code), so its words are no topic of the plan's regulation: "Maisemaa muuttava
    maanrakennustyö … on luvanvaraista kuten MRL 128 §:ssä on säädetty" is no landscape rule.
    """
    return "§" in sentence and any(lm in _LAW_VERBS for lm in lemmas)


def states_legal_basis(lemmas: list[str]) -> bool:
    """The sentence says under which law the area is founded ("Alue on perustettu
    luonnonsuojelulain nojalla"): a description of the area that its type codes, no rule of the
    plan's own (the caller takes it only from sentences that oblige nothing). Protection orders
    in force under the law ("… nojalla annetut rauhoitusmääräykset") are more than that."""
    return (
        "noja" in lemmas
        and any(lm.endswith("laki") for lm in lemmas)
        and any(lm.startswith("perust") for lm in lemmas)
    )


def explains_sign(lemmas: list[str], explain_heads: frozenset[str] | set[str]) -> bool:
    """The line explains a sign of the map rather than regulating ("Korttelinumerot, joiden
    autopaikkoja saa alueelle sijoittaa"): what it names is the sign's additional information,
    and its nouns are no topic of a verbal regulation."""
    if not lemmas:
        return False
    head = lemmas[0]
    return head in explain_heads or head.endswith(_SIGN_HEADS)


#: What a protection keeps: a building, a structure, a wall or fence (not a new building).
_KEPT = ("rakennus", "rakenne", "aita", "muuri")
_KEEP_VERBS = frozenset({"säilyttää", "säilyä"})


def keeps_a_building(clauses: list[list[str]], verb_of: Callable[[str], str | None]) -> bool:
    """A clause keeps a building: *säilyttää/säilyä* with a building, structure or wall in the
    same clause ("rakennukset ja rakenteet on säilytettävä", "rakennuksen … luonne säilyy").

    The building must be what is kept, so it must stand in the verb's clause: "on säilytettävä
    rantapuusto, ja rakennukset on sijoitettava …" keeps trees, and "alueen puustoinen luonne on
    säilytettävä" keeps no building at all.
    """
    for clause in clauses:
        verbs = {verb_of(lm) or lm for lm in clause}
        if not verbs & _KEEP_VERBS or "voida" in clause:
            continue
        if any(
            lm.endswith(_KEPT)
            and not lm.startswith(("uudis", "uusi"))
            and (i == 0 or clause[i - 1] != "uusi")  # "uudet rakennukset"
            for i, lm in enumerate(clause)
        ):
            return True
    return False


def verbal_topics_explained(
    lemmas: list[str],
    level: str | None = None,
    verb_of: Callable[[str], str | None] = verb_of_participle,
    clauses: list[list[str]] | None = None,
) -> list[tuple[str, str]]:
    """(topic code, the cue that gave it) for a regulating sentence, from its lemmas.

    Necessive participles ("on säilytettävä", "on turvattava") count as their verbs, and in
    yleiskaava and maakuntakaava a sentence about *suunnittelu* directs later planning.
    ``clauses``: the sentence's lemmas cut at commas and semicolons (the whole sentence is one
    clause when not given); a protection keeps a building of its own clause.
    """
    clauses = clauses if clauses is not None else [lemmas]
    lemmas = lemmas + [v for lm in lemmas if (v := verb_of(lm))]
    # compounds that contain a cue of another topic: hulevesiviemäri is storm water, not
    # water supply; tonttijako is plot division, not the use of a plot
    shadow = {"hulevesiviemäri": "hulevesi", "tonttijako": "jako", **_NOT_PARKS}
    lemmas = [shadow.get(lm, lm) for lm in lemmas]
    has = cue_index(tuple(lemmas))
    out: list[tuple[str, str]] = []
    for code, cues in VERBAL_CUES.items():
        if code in _RULE_TOPICS:
            # the code list's own word for the topic ("Suunnittelumääräys:",
            # "lisärakennusoikeus") gives it whatever the rule below would say
            named = next((c for c in CODE_LIST_CUES.get(code, ()) if " " not in c and has(c)), None)
            if named is not None:
                out.append((code, f"'{named}'"))
                continue
        if code == "lisarakennusoikeus":
            if (
                "lisäksi" in lemmas
                and any(lm.endswith(("kerrosala", "rakennusoikeus")) for lm in lemmas)
            ) or any(lm in {"lisärakennusoikeus", "lisäkerrosala"} for lm in lemmas):
                out.append((code, "'lisäksi' + kerrosala/rakennusoikeus"))
            elif any(lm in {"laajentaa", "laajennus"} for lm in lemmas) and any(
                lm.endswith(("kerrosala", "rakennusoikeus")) or lm.startswith("k-m")
                for lm in lemmas
            ):
                # "olemassa olevaa asuinrakennusta saa laajentaa enintään 30 k-m²": floor area
                # beyond the building right, which no code of the code lists can carry
                out.append((code, "laajentaa + k-m²"))
            continue
        if code == "suojelumaarays":
            # "rakennukset voidaan säilyttää" allows keeping; "on suojeltu kirkkolailla"
            # states another law's protection: neither is a protection regulation
            allows = "voida" in lemmas
            by_law = any(lm.endswith(("laki", "asetus", "sopimus")) for lm in lemmas)
            if (
                ("purkaa" in lemmas and any(lm in {"ei", "saa", "saada"} for lm in lemmas))
                or (any(lm in {"suojella", "suojeltu"} for lm in lemmas) and not by_law)
                or (not allows and keeps_a_building(clauses, verb_of))
            ):
                out.append((code, "purkaa/suojella/säilyttää + rakennus"))
            continue
        if code == "suunnittelumaarays":
            if (
                # kaavoitus and its compounds (asemakaavoitus, yleiskaavoitus)
                any(lm.endswith("kaavoitus") or lm == "asemakaavoituksessa" for lm in lemmas)
                or (
                    any(
                        lm in {"tarkka", "yksityiskohtainen", "yksityiskohtaisempi", "tarkempi"}
                        for lm in lemmas
                    )
                    and any(lm in {"suunnittelu", "suunnitella"} for lm in lemmas)
                )
                or (
                    "suunnittelu" in lemmas
                    and any(lm in {"alue", "alueiden"} for lm in lemmas)
                    and any(lm in {"turvata", "varmistaa", "ottaa", "edistää"} for lm in lemmas)
                )
                or (
                    level in {"yleiskaava", "maakuntakaava"}
                    and any(
                        lm in {"suunnittelu", "suunnitella", "selvittää", "asemakaava", "laatia"}
                        # a plan to be drawn up ("on laadittava kokonaissuunnitelma"), not the
                        # plans of a project ("kohdetta koskevista suunnitelmista on pyydettävä
                        # lausunto", "ottamissuunnitelman mukaisesti")
                        or (lm.endswith("suunnitelma") and "laatia" in lemmas)
                        for lm in lemmas
                    )
                )
            ):
                out.append((code, "directs later planning (kaavoitus/suunnittelu)"))
            continue
        # fitting new building to the existing stock; in a description of a valued area the
        # same word means heritage (kulttuuriympäristö)
        if (
            code == "taydennysrakentaminen"
            and "rakennuskanta" in lemmas
            and any(lm in {"sovittaa", "sopeuttaa", "sopeutua", "sovitettava"} for lm in lemmas)
        ):
            out.append((code, "'rakennuskanta' + sovittaa/sopeuttaa"))
            continue
        if (
            code == "rakentamistapa"
            and "yhtenäinen" in lemmas
            and any(lm in {"kokonaisuus", "kokonaisuutena"} for lm in lemmas)
        ):
            out.append((code, "'yhtenäinen kokonaisuus'"))  # built as one whole
            continue
        if (
            code == "kulttuuriymparisto"
            and "ominaispiirre" in lemmas
            and not any(has(c) for c in cues)
            and any(lm.endswith(_BUILT) for lm in lemmas)
        ):
            out.append((code, "'ominaispiirre' + rakennettu ympäristö"))
            continue
        if code == "kevytLiikenne":
            if "kevyt" in lemmas and "liikenne" in lemmas:
                out.append((code, "'kevyt liikenne'"))
            continue
        if code == "tontinKaytto" and out:
            continue
        if code == "perustaminen" and not any(
            lm.endswith(_FOUNDED) and lm not in {"perustaa", "perustaminen"} for lm in lemmas
        ):
            # "Luonnonsuojelulain nojalla perustettu alue" establishes; the code is for the
            # foundations of a building (its description: "rakennuksen perustamista")
            continue
        if (
            code == "ymparistohairiot"
            and (
                "aiheuttamaton" in lemmas
                or ("aiheuttaa" in lemmas and "ei" in lemmas and "joka" in lemmas)
            )
            and not any(has(c) for c in cues if c not in {"häiriö", "ympäristöhäiriö"})
        ):
            # "ympäristöhäiriöitä aiheuttamattomia työtiloja", "toimintaa, joka ei aiheuta
            # ympäristöhäiriöitä" says which use may come, a use the area's type codes: no
            # rule on disturbance
            continue
        if (
            code == "hulevedet"
            and "jätevesi" in lemmas
            and not any(has(c) for c in ("hulevesi", "sadevesi", "kattovesi", "valumavesi"))
        ):
            # "Jätevesien imeyttäminen maaperään on kielletty": the water infiltrated is
            # wastewater (vesihuolto), not storm water; the verb alone names no stormwater
            continue
        if code == "liikenne":
            # the parent topic only when no child topic (pysäköinti, joukkoliikenne, …) says
            # more, and only from the words themselves: joukkoliikenne is not traffic at large;
            # the nuisance of traffic ("liikenteen haitoilta") is a disturbance
            if any(lm.endswith("haitta") for lm in lemmas) and "liikenne" in lemmas:
                if not any(c == "ymparistohairiot" for c, _ in out):
                    out.append(("ymparistohairiot", "'liikenne' + haitta"))
                continue
            if not any(c in TRAFFIC_TOPICS for c, _ in out):
                cue = next((c for c in cues if c in lemmas), None)
                if cue is not None:
                    out.append((code, f"'{cue}'"))
            continue
        if (
            code == "taydennysrakentaminen"
            and "täydentävä" in lemmas
            and any(lm.endswith(("rakentaa", "rakentaminen")) for lm in lemmas)
        ):
            out.append((code, "'täydentävä' + rakentaminen"))  # täydentävä asuntorakentaminen
            continue
        if (
            code == "ennallistaminen"
            and any(lm.startswith("pilaantu") for lm in lemmas)
            and not any(has(c) for c in CODE_LIST_CUES["ennallistaminen"])
        ):
            # contaminated soil is remediated ("pilaantuneet maat on kunnostettava"): the
            # disturbance topic; ennallistaminen restores nature values (its description)
            continue
        cue = next((c for c in cues if has(c)), None)
        if cue is not None:
            out.append((code, f"'{cue}'"))
    dropped = {code for code, _ in fallback_topics_to_drop([code for code, _ in out])}
    return [x for x in out if x[0] not in dropped]


def fallback_topics_to_drop(codes: list[str]) -> list[tuple[str, str]]:
    """(topic, why) of the fallback topics ``codes`` holds beside a more specific one.

    The use of the plot (tontinKaytto) is given only when nothing more specific is found, and
    the parent topic liikenne only when no kind of traffic is named; the same holds for a
    sentence and for a whole verbal regulation gathered from several sentences."""
    out = []
    if "tontinKaytto" in codes and len(codes) > 1:
        out.append(("tontinKaytto", "a more specific topic was found"))
    if "liikenne" in codes and TRAFFIC_TOPICS.intersection(codes):
        out.append(("liikenne", "a kind of traffic was found"))
    return out
