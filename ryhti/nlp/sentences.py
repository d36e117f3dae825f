"""Regulating sentences → verbal regulations, restrictions and additional information.

What is left of an entry after its title and its values is ordinary regulating text. A
sentence naming a restriction type (toimenpiderajoitus, rakentamisrajoitus) becomes that
regulation; a text-type title (a restriction or ban in the title) takes the sentence as its
text; additional information the sentence states (sitova tonttijako, rakentamistapaohje, a
validity period) goes to the entry's area regulations; everything else becomes one
``sanallinenMaarays`` per entry with its topics (:mod:`ryhti.nlp.topics`), modality and
exceptions (:mod:`ryhti.nlp.modality`).
"""

from __future__ import annotations

from ryhti.nlp import rules
from ryhti.nlp.modality import exceptions_of, modality_of
from ryhti.nlp.result import Regulation, append_text
from ryhti.nlp.run import RunState
from ryhti.nlp.tokens import has_cue
from ryhti.nlp.topics import (
    explains_sign,
    fallback_topics_to_drop,
    restates_law,
    states_legal_basis,
    states_uses,
    verbal_topics_explained,
)

#: First words of legend explanations ("Roomalainen numero osoittaa …"): context, not regulation.
EXPLAIN_HEADS = {"merkintä", "roomalainen", "murtoluku", "luku", "numero", "lukusarja", "määräys"}
#: Words of a sentence that only states additional information ("Tonttijako on sitova").
_INFO_WORDS = {
    "sitova",
    "sitoa",
    "tonttijako",
    "laatia",
    "erikseen",
    "rakentamistapaohje",
    "noudattaa",
    "rakentaminen",
    "kaava",
    "liite",
    "olla",
    "erillinen",
    "voimassa",
    "määräaikainen",
}


class SentenceStep(RunState):
    """Verbal regulations, restrictions and additional information (mixed into the run)."""

    def _sentence(self, s: int, e: int, *, fallback: bool = False) -> None:
        """One regulating sentence: a restriction, text of a text-type title, additional
        information, or (part of) the entry's verbal regulation.

        ``fallback``: the title of an entry nothing else was found in. It is kept as a verbal
        regulation only when it says something (a topic, an obligation, additional
        information), and marked for review: the extractor did not understand it."""
        sentence = self.text[s:e]
        toks = self.ex._tokens(sentence)
        lemmas = [t.key for t in toks if not t.punct]
        infos = [(i, v) for i, v, q in self._infos if q is not None and s <= q.start < e]
        for cue, info in rules.ADDITIONAL_CUES:
            if all(has_cue(lemmas, c) for c in cue):
                infos.append((info, None))
        if (
            any(lm in {"määräaikainen", "väliaikainen", "tilapäinen"} for lm in lemmas)
            or ("voimassa" in lemmas and any(lm in {"vuosi", "kuukausi"} for lm in lemmas))
        ) and not any(i == "valiaikainenMaarays" for i, _ in infos):
            infos.append(("valiaikainenMaarays", None))
        restriction = None
        for lm in lemmas:
            for cue, code in rules.RESTRICTION_CUES.items():
                if lm.endswith(cue):
                    restriction = code
        if (
            restriction == "rakentamisrajoitus"
            and self.level == "maakuntakaava"
            and _cites_mrl_33(sentence)
        ):
            # the restriction the law itself sets on S, V, EN, SM areas (MRL 33 §): restated,
            # not regulated; rakentamisrajoitusMaakuntakaava is not for it (its description)
            return
        if restriction == "rakentamisrajoitus":
            restriction = (
                "rakentamisrajoitusMaakuntakaava"
                if self.level == "maakuntakaava"
                else "rakentamisrajoitusYleiskaava"
            )
        elif restriction == "rakentamiskielto":
            # an asemakaava's temporary ban on building (MRL 53 §); elsewhere a plain sentence
            restriction = (
                "maaraAikainenKieltoRakennuksenRakentamiseksi"
                if self.level in (None, "asemakaava")
                else None
            )
        modality = modality_of(sentence)
        exceptions = exceptions_of(sentence)
        text_value = {"dataType": "LocalizedText", "text": {"fin": sentence}}
        # a text-type title (restriction, ban) absorbs the sentence as its text
        text_title = next((r for r in self.title_regs if r.type in rules.TEXT_TYPES), None)
        explained = (
            []
            if (modality is None and (states_uses(sentence) or states_legal_basis(lemmas)))
            or restates_law(sentence, lemmas)
            or explains_sign(lemmas, EXPLAIN_HEADS | rules.EXPLAIN_HEADS)
            else verbal_topics_explained(lemmas, self.level, self.ex._verb_of, _clauses(toks))
        )
        if restriction and not text_title:
            reg = Regulation(
                restriction,
                text_value,
                confidence=0.9,
                span=(s, e),
                evidence=f"cue '{restriction}'",
                modality=modality,
                exceptions=exceptions,
            )
            for info, v in infos:
                reg.add_info(info, v)
            self._add(reg)
            return
        if text_title is not None:
            append_text(text_title, sentence, (s, e))
            for info, v in infos:
                text_title.add_info(info, v)
            return
        only_info = bool(infos) and _only_info_sentence(lemmas)
        if only_info and explained:
            # "Alueella on noudatettava rakentamistapaohjetta": in a sentence that only states
            # additional information (rakentamistapaohjeHuomioitava), the word that gave it is
            # no topic besides (the real Ryhti examples: "Rakentamistapaohjetta noudatettava"
            # has none; "uudisrakentaminen on suunniteltava … rakentamistapaohjeen mukaisesti"
            # says more and keeps rakentamistapa)
            info_words = [lm for lm in lemmas if lm in _INFO_WORDS]
            explained = [
                (code, why)
                for code, why in explained
                if not any(w.startswith(why.strip("'")) for w in info_words)
            ]
        verbal = [code for code, _ in explained]
        topics_why = ", ".join(f"{code} ← {why}" for code, why in explained)
        if infos and self.title_regs:
            target = self.title_regs[0]
            for info, v in infos:
                target.add_info(info, v)
            if only_info or len(lemmas) <= 12:
                return
        existing = self._find("sanallinenMaarays")
        if existing is not None:
            append_text(existing, sentence, (s, e))
            added = [(v, why) for v, why in explained if v not in existing.verbal]
            if existing.verbal and existing.verbal != ["tontinKaytto"]:
                # the use of the plot is the fallback topic of a whole regulation, as of a
                # sentence: a later sentence's tontti adds nothing to julkisivut
                added = [(v, why) for v, why in added if v != "tontinKaytto"]
            for v, _ in added:
                existing.verbal.append(v)
            if added:
                existing.evidence += "; topics: " + ", ".join(f"{v} ← {w}" for v, w in added)
            for code, why in fallback_topics_to_drop(existing.verbal):
                existing.verbal.remove(code)
                existing.evidence += f"; {code} dropped: {why}"
            existing.exceptions.extend(exceptions)
            if modality and existing.modality != modality:
                existing.modality = existing.modality or modality
            for info, v in infos:
                if not self.title_regs:
                    existing.add_info(info, v)
            return
        if fallback and not (modality or infos):
            # a title nothing recognises and that obliges nothing: say nothing rather than
            # guess. A topic word in a bare heading ("PYÖRÄILYN PÄÄREITISTÖN TAVOITEVERKKO")
            # names what the line or area is, which its type codes; it regulates nothing
            return
        reg = Regulation(
            "sanallinenMaarays",
            text_value,
            verbal=verbal,
            confidence=0.85 if verbal else 0.8,
            span=(s, e),
            evidence="regulating sentence without a coded value"
            + (f"; topics: {topics_why}" if verbal else ""),
            modality=modality,
            exceptions=exceptions,
        )
        if fallback:
            reg.confidence = 0.6
            reg.evidence += " (review: the title was not understood; kept as verbal text)"
        elif not verbal and not modality and infos:
            # the sentence states no obligation and no topic the rules know: only its additional
            # information was understood ("Alue on varattu valtion tarpeisiin")
            reg.confidence = 0.75
            reg.evidence += " (review: only additional information was understood)"
        if not self.title_regs:
            for info, v in infos:
                reg.add_info(info, v)
        self.regs.append(reg)


def _cites_mrl_33(sentence: str) -> bool:
    """The sentence cites MRL 33 § ("MRL 33 §:n mukainen rakentamisrajoitus")."""
    words = " ".join(sentence.replace("§", " § ").split())
    return "33 §" in words


def _clauses(toks: list) -> list[list[str]]:
    """The sentence's lemma keys cut at commas, semicolons and colons."""
    out: list[list[str]] = [[]]
    for t in toks:
        if t.punct:
            if t.text in {",", ";", ":"} and out[-1]:
                out.append([])
            continue
        out[-1].append(t.key)
    return [c for c in out if c]


def _only_info_sentence(lemmas: list[str]) -> bool:
    """At most three words beyond those of a sentence that only states additional information."""
    return sum(1 for lm in lemmas if lm not in _INFO_WORDS) <= 3
