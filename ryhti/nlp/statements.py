"""Verbal regulations that only state something: marked for review, not auto-accepted.

Every sentence the earlier steps leave over becomes part of the entry's ``sanallinenMaarays``.
Most of them regulate: they order, forbid or cap something ("on istutettava", "ei saa",
"enintään 2 500 vuodepaikkaa"). Some only *state*: what the area is for ("Alue varataan
päiväkodille …", "Alue on tarkoitettu pääasiassa erillispientaloille"), which uses may also be
placed there ("Alueelle saa sijoittaa maatilojen talouskeskuksia"; LABELLING.md 2: an
also-allowed use is an alternative, the add-on sentence a short one, item 3), what a law
already provides ("… ovat muinaismuistolain rauhoittamia", "Alue on perustettu
luonnonsuojelulain nojalla"; item 11 gives restated law no code) or what was agreed outside the
plan ("sopimuksella on sovittu maankäyttökorvauksesta"). A planner codes such text in
different ways or not at all, so the extractor cannot justify the code on its own: the
regulation is kept (nothing is dropped) but goes to review with the reason in its evidence.

A statement of uses or an agreement is weak only when no topic was read from it; a topic
read from a restated law is no reason to trust the regulation (the protection is the law's).

One kind of sentence is no verbal regulation at all: the landscape-work permit ("Maisemaa
muuttava maanrakennustyö … edellyttää MRL 128 §:n mukaista lupaa (MRL 43.2 §)") is the
toimenpiderajoitus of MRL 43.2 § (the code's description: the measure needs a maisematyölupa,
MRL 128 §), so that sentence becomes the text of a ``toimenpiderajoitus``.
"""

from __future__ import annotations

import re

from ryhti.nlp.modality import modality_of
from ryhti.nlp.result import Regulation, append_text
from ryhti.nlp.run import RunState
from ryhti.nlp.tokens import sentence_spans
from ryhti.nlp.topics import states_uses

#: Confidence of a verbal regulation that only states (under the review threshold).
STATEMENT_CONFIDENCE = 0.7
#: Words that bound or size something: a sentence with one regulates ("enintään 40 ha").
_BOUNDS = ("enintään", "vähintään", "alaraja", "yläraja", "kokoraja", "vähimmäis", "enimmäis")
#: Verbs of a permission to place a use ("Alueelle saa sijoittaa / rakentaa …").
_PLACE = frozenset({"sijoittaa", "rakentaa"})
#: A paragraph number ("21.") and section references ("MRL 128 §:n"): no values of the plan.
#: "… kuten MRL 128 §:ssä on säädetty": what the law provides, restated.
_RESTATES = re.compile(r"\bsäädetty|\bsäädetään|\blain\s+mukaan", re.IGNORECASE)
#: "Alue on tarkoitettu pääasiassa …": what the area is meant for.
_INTENDED = re.compile(r"\b(?:on|ovat)\s+tarkoitettu", re.IGNORECASE)
_NOT_VALUES = re.compile(
    r"^\s*+\d{1,3}\s*\.\s|(?<![\d.])\d++(?:\.\d++)?\s*+§|\b\d++\s*+(?:mom|momentin)\b"
)


class StatementStep(RunState):
    """Mark verbal regulations that only state (uses, law, agreements) for review."""

    def _review_statements(self) -> None:
        self._landscape_permit()
        reg = self._find("sanallinenMaarays")
        if reg is None or reg.confidence < STATEMENT_CONFIDENCE or reg.additional:
            return
        text = (reg.value or {}).get("text", {}).get("fin") if reg.value else None
        if not text:
            return
        kinds = [self._statement_kind(text[s:e]) for s, e in sentence_spans(text)]
        if not kinds or None in kinds:
            return
        if reg.verbal and any(k != "law" for k in kinds):
            return  # a topic read from a statement of uses is still a topic the text names
        reason = {
            "law": "restates what a law provides",
            "uses": "states the uses of the area",
            "statement": "states, obliges nothing",
        }
        said = ", ".join(dict.fromkeys(reason[k] for k in kinds))
        reg.confidence = min(reg.confidence, STATEMENT_CONFIDENCE)
        reg.evidence += f" (review: the text {said}; a description rather than a regulation?)"

    def _landscape_permit(self) -> None:
        """Sentences of the verbal regulation that require a landscape-work permit become
        the text of a toimenpiderajoitus (MRL 43.2 §, 128 §)."""
        reg = self._find("sanallinenMaarays")
        if reg is None or self.level == "maakuntakaava" or not reg.value:
            return
        text = reg.value.get("text", {}).get("fin") or ""
        spans = sentence_spans(text)
        permits = [(s, e) for s, e in spans if self._requires_landscape_permit(text[s:e])]
        if not permits:
            return
        restated = all(_RESTATES.search(text[s:e]) for s, e in permits)
        target = self._find("toimenpiderajoitus")
        if target is None:
            why = "a landscape-work permit required (MRL 43.2 §, maisematyölupa)"
            if restated:
                why += " (review: the text restates the law; the plan's own restriction?)"
            target = Regulation(
                "toimenpiderajoitus",
                None,
                confidence=0.75 if restated else 0.88,
                span=reg.span,
                evidence=why,
                modality=reg.modality,
            )
            self.regs.append(target)
        for s, e in permits:
            append_text(target, text[s:e], reg.span)
        rest = " ".join(text[s:e] for s, e in spans if (s, e) not in permits)
        if rest:
            reg.value["text"]["fin"] = rest
        else:  # the whole text is the restriction's: no verbal regulation besides it
            self.regs.remove(reg)

    def _requires_landscape_permit(self, sentence: str) -> bool:
        lemmas = {t.key for t in self.ex._tokens(sentence) if not t.punct}
        if "maisematyölupa" in lemmas:
            return True
        return (
            "maisema" in lemmas
            and bool({"muuttava", "muuttaa"} & lemmas)
            and bool({"lupa", "luvanvarainen"} & lemmas)
        )

    def _statement_kind(self, sentence: str) -> str | None:
        """``law`` / ``uses`` / ``statement`` for a sentence that regulates nothing, else None."""
        if any(c.isdigit() for c in _NOT_VALUES.sub(" ", sentence)):
            return None
        lemmas = [t.key for t in self.ex._tokens(sentence) if not t.punct]
        if any(lm.startswith(_BOUNDS) for lm in lemmas):
            return None
        modality = modality_of(sentence)
        if modality is None:
            if "§" in sentence or "MRL" in sentence or any(lm.endswith("laki") for lm in lemmas):
                return "law"
            if states_uses(sentence) or _INTENDED.search(sentence):
                return "uses"
            return "statement"
        if modality == "may" and _PLACE & set(lemmas) and "ei" not in lemmas:
            return "uses"
        return None
