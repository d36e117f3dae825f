"""Entries that carry only additional information: modifiers of what another entry draws.

A legend has entries that regulate nothing of their own but say something about whatever
their sign is drawn on or combined with (LABELLING.md 7):

* **yleiskaava change classes** — "Uudet ja olennaisesti muuttuvat alueet", "Nykyisellään
  säilyvät alueet", "Pienin toimenpitein kehitettävät alueet": a hatch or colour shade over
  the area reservations, meaning ``uusi`` + ``olennaisestiMuuttuva``, ``olemassaOleva``,
  ``kehitettava`` (:data:`ryhti.nlp.rules.CHANGE_CLASSES`);
* **modifier lines** — "Uusi seudullinen pääväylä", "Seudullisen pääväylän maanalainen osuus",
  "Ohjeellinen liikenneverkon kehittämisen kohdealue": modifier words (uusi, ohjeellinen,
  maanalainen …; :data:`ryhti.nlp.rules.ENTRY_MODIFIERS`) around a thing that no code names
  here, because another entry draws it (the road itself). They are read only when nothing else
  of the entry became a regulation, and marked for review: the planner confirms that the thing
  is drawn elsewhere (or names its code in the lexicon);
* **explanations of a mark** — "Alleviivattu luku osoittaa ehdottomasti käytettävän
  rakennusoikeuden …": ``ehdottomastiNoudatettava`` for the number the mark is on; it goes to
  the regulation the sign's own number makes, and is a modifier when the entry has none.

Each becomes a :class:`~ryhti.nlp.result.Modifier` with its span, evidence and confidence;
``ryhti convert`` attaches them to the feature's other regulations.
"""

from __future__ import annotations

from ryhti.nlp import rules
from ryhti.nlp.result import Modifier
from ryhti.nlp.run import RunState

#: Confidence of a change class (its words are the whole title) and of modifier words
#: around a thing read as drawn by another entry (a guess about the legend: review).
CHANGE_CLASS_CONFIDENCE = 0.9
MODIFIER_LINE_CONFIDENCE = 0.75
EXPLANATION_CONFIDENCE = 0.9


class ModifierStep(RunState):
    """Entry-level modifiers (mixed into the extraction run)."""

    def _change_class(self, span: tuple[int, int] | None) -> list[Modifier]:
        """The modifiers of a yleiskaava change class title, or ``[]`` when it is not one."""
        if span is None:
            return []
        toks = [t for t in self.ex._tokens(self.text[span[0] : span[1]]) if not t.punct]
        keys = {t.key for t in toks} | {t.lemma for t in toks}
        if not (keys & rules.CHANGE_CLASS_MARKS) or not {t.key for t in toks} <= (
            rules.CHANGE_CLASS_WORDS
        ):
            return []
        said = self.text[span[0] : span[1]].strip()
        out: list[Modifier] = []
        for cue, code in rules.CHANGE_CLASSES:
            if all(c in keys for c in cue) and code not in {m.type for m in out}:
                words = " + ".join(cue)
                out.append(
                    Modifier(
                        code,
                        confidence=CHANGE_CLASS_CONFIDENCE,
                        span=span,
                        evidence=f"change class '{said}': {words} → {code}; it modifies "
                        "the area reservations it is drawn over (no regulation of its own)",
                    )
                )
        return out

    def _modifier_line(self, span: tuple[int, int] | None) -> list[Modifier]:
        """The modifier words of a title none of whose other words became a regulation."""
        if span is None:
            return []
        toks = [t for t in self.ex._tokens(self.text[span[0] : span[1]]) if not t.punct]
        # a word in the genitive describes the thing the entry is a part of, not the part:
        # "Seudullisen pääväylän maanalainen osuus" is the underground section (of a road
        # that is regional already where it is drawn)
        own = [t for t in toks if not _genitive(t.text, t.lemma)]
        lemmas = {t.lemma for t in own} | {t.key for t in own}
        starts = {lm[:i] for lm in lemmas for i in range(6, len(lm) + 1)}
        out: list[Modifier] = []
        used: set[str] = set()
        for cue, code in rules.ENTRY_MODIFIERS:
            if code in {m.type for m in out}:
                continue
            if all(c in lemmas or (len(c) >= 6 and c in starts) for c in cue):
                used.update(cue)
                out.append(Modifier(code, confidence=MODIFIER_LINE_CONFIDENCE, span=span))
        if not out:
            return []
        rest = [t.text for t in toks if t.lemma not in used and t.key not in used]
        rest = [w for w in rest if w.lower() not in {"ja", "tai", "sekä"}]
        thing = f"'{' '.join(rest)}' names no code here" if rest else "nothing else is named"
        for m in out:
            m.evidence = (
                f"modifier line '{self.text[span[0] : span[1]].strip()}': {m.type}; {thing}, "
                "so it modifies what another entry draws (review: check that it does)"
            )
        return out

    def _unclaimed_marks(self, claimed: bool) -> list[Modifier]:
        """What an explanation of a mark says (an underlined number: ehdottomastiNoudatettava)
        when no number of the entry's own sign took it."""
        if claimed or not self._sign_infos:
            return []
        span = self._mark_span or (0, len(self.text))
        return [
            Modifier(
                code,
                confidence=EXPLANATION_CONFIDENCE,
                span=span,
                evidence=f"explains a mark: {code} for the number it is on (that number is "
                "another entry's or the feature's own value)",
            )
            for code in dict.fromkeys(self._sign_infos)
        ]


def _genitive(word: str, lemma: str) -> bool:
    """A word inflected in the genitive singular ("seudullisen", "pääväylän"): it ends in -n
    where its lemma does not end in the same word (so "nykyinen" itself is not)."""
    w = word.lower()
    return w != lemma.lower() and w.endswith("n") and len(w) > 3
