"""Legend lines about the drawing itself: notation that regulates nothing, and lines that say what
a sign's number or mark means.

Two kinds of legend line are common in real legends and rare in regulation text:

* **drawing notation** — the border of a block, of a sub-area or of the plan area, a line drawn
  some metres outside a border, the cross that removes a notation, a generic label. They give no
  regulation (LABELLING.md: ``types: []``); reading them as a verbal regulation was the largest
  single source of wrong results on real legends.
* **explanations of a sign** — "Roomalainen numero osoittaa rakennusten suurimman sallitun
  kerrosluvun", "Suluissa oleva luku ilmoittaa alueen rakennusoikeuden kerrosalaneliömetreissä",
  "Merkintä osoittaa, kuinka monta autopaikkaa asuntoa kohti on rakennettava". They give the
  quantity's type (:data:`ryhti.nlp.rules.EXPLAIN_CUES`); the value is the sign's number when the
  sign carries one (read together by the run); a number the line itself writes out with its
  unit fills that value ("… vähintään 36 dB"), while placeholders and references ("00 dBA",
  "(I)") never do.
"""

from __future__ import annotations

from ryhti.nlp import rules
from ryhti.nlp.result import Regulation
from ryhti.nlp.titles import TitleStep
from ryhti.nlp.tokens import Tok, cue_index
from ryhti.nlp.values import find_quantities


class ExplainStep(TitleStep):
    """Drawing notation and sign explanations (mixed into the extraction run)."""

    def _is_drawing(self, span: tuple[int, int] | None, explained: set[str]) -> bool:
        """The entry is a boundary or drawing line: its head word (the last word before any
        relative clause, or the first of an explanation) is one of :data:`rules.DRAWING_HEADS`
        and no phrase the title was read as accounts for it (``explained``: "Rakennuksen
        harjasuuntaa osoittava viiva" is a notation with a code). A yleiskaava change class is
        no drawing line but a modifier (:meth:`ModifierStep._change_class`)."""
        if span is None:
            return False
        toks = [t for t in self.ex._tokens(self.text[span[0] : span[1]]) if not t.punct]
        if not toks:
            return False
        if toks[0].key in rules.DRAWING_HEADS:
            return True  # "Poikkiviiva osoittaa …", "Risti merkinnän päällä …"
        head = _head(self.ex._tokens(self.text[span[0] : span[1]]))
        return head is not None and head.key in rules.DRAWING_HEADS and head.key not in explained

    def _is_description(self, s: int, e: int) -> bool:
        """ "Merkinnällä osoitetaan …": a maakuntakaava or yleiskaava description of what the
        notation shows. It supports the area's code and is not a regulation (LABELLING.md)."""
        words = [t.text.lower() for t in self.ex._tokens(self.text[s:e])[:4] if not t.punct]
        return (
            bool(words)
            and words[0] in {"merkinnällä", "merkinnöillä"}
            and any(w.startswith("osoite") for w in words[1:])
        )

    def _description_runs(
        self, sents: list[tuple[int, int]], descriptions: set[tuple[int, int]]
    ) -> set[tuple[int, int]]:
        """The sentences that continue a "Merkinnällä osoitetaan …" description up to the label
        that opens the regulation ("Suunnittelumääräys:"): in a heading + description +
        regulation block (LABELLING.md 9) they describe too ("Kerran sadassa vuodessa toistuvan
        tulvan korkeus alueella on N2000 +78,40 m" is a reference height, not a level set)."""
        labels = [i for i, (s, e) in enumerate(sents) if self._label(s, e) is not None]
        if not descriptions or not labels:
            return set()
        out: set[tuple[int, int]] = set()
        inside = False
        for i, (s, e) in enumerate(sents):
            if (s, e) in descriptions:
                inside = any(j > i for j in labels)
            elif i in labels:
                inside = False
            elif inside:
                out.add((s, e))
        return out

    def _recommendations(self, sents: list[tuple[int, int]]) -> set[tuple[int, int]]:
        """The sentences of a block labelled as a recommendation ("Aluekohtainen
        suunnittelusuositus: …", "Suositus: …") up to the next label ("Suunnittelumääräys:"):
        Ryhti keeps recommendations (kaavasuositus) apart from regulations (LABELLING.md 15)."""
        out: set[tuple[int, int]] = set()
        inside = False
        for s, e in sents:
            label = self._label(s, e)
            if label is not None:
                inside = any(k.endswith("suositus") for k in label)
            if inside:
                out.add((s, e))
        return out

    def _label(self, s: int, e: int) -> list[str] | None:
        """The lemma keys of a label that opens ``text[s:e]`` (up to four words and a colon)."""
        colon = self.text.find(":", s, min(e, s + 60))
        if colon == -1:
            return None
        keys = [t.key for t in self.ex._tokens(self.text[s:colon]) if not t.punct]
        return keys if 0 < len(keys) <= 4 else None

    def _explanation_cues(self, s: int, e: int) -> list[str] | None:
        """The lemma keys of ``text[s:e]`` when it explains a mark or number, else ``None``."""
        toks = [t for t in self.ex._tokens(self.text[s:e]) if not t.punct]
        keys = [t.key for t in toks]
        if not keys:
            return None
        question = keys[0] == rules.EXPLAIN_QUESTION or any(
            k in rules.EXPLAIN_VERBS and keys[i + 1 : i + 2] == [rules.EXPLAIN_QUESTION]
            for i, k in enumerate(keys[:3])
        )
        if not question and not _refers_to_number(keys):
            if not any(k in rules.EXPLAIN_HEADS for k in keys[:3]):
                return None
            if not any(k in rules.EXPLAIN_VERBS for k in keys[:7]):
                return None
        # the lemmas too: a key may be normalised away ("kortteli" → "alue")
        return keys + [t.lemma for t in toks if t.lemma != t.key]

    def _explain(self, s: int, e: int) -> bool:
        """Make the regulation a sign explanation gives; ``True`` when ``text[s:e]`` is one."""
        keys = self._explanation_cues(s, e)
        if keys is None:
            return False
        has = cue_index(tuple(keys))
        for cue in rules.EXPLAIN_CUES:
            if not all(any(has(c) for c in group) for group in cue.any_of):
                continue
            if any(has(c) for c in cue.none_of):
                continue
            codes = list(cue.codes)
            info = list(cue.additional)
            why = f"explains the sign: {cue.why}"
            if cue.use_share:
                uses = [u for u in self._per_lemmas(self._uses_of, keys)]
                if not uses:
                    continue
                codes = uses
                info.append(cue.use_share)
            if not codes:
                # a mark that modifies another regulation (an underlined number): it goes to
                # the regulation the sign's value makes, if any
                self._sign_infos.extend(info)
                self._mark_span = self._mark_span or (s, e)
                return True
            for code in codes:
                reg = Regulation(code, None, confidence=cue.confidence, span=(s, e), evidence=why)
                for a in info:
                    reg.add_info(a)
                self._add(reg)
            return True
        return self._explain_by_title(s, e)

    def _explanation_values(self, s: int, e: int) -> None:
        """A number written out in an explanation ("Määräys osoittaa, että … ääneneristävyyden
        tulee olla vähintään 36 dB") is the value of the regulation it explains; placeholders
        ("00 dBA"), numbers without a unit and references ("(I)") are not, and nothing else is
        made from the line."""
        explained = {r.type for r in self.regs if r.value is None}
        if not explained:
            return
        sentence = self.text[s:e]
        ctx = self._lemmas(s, e)
        self._current_sentence = (s, e)
        for q in find_quantities(sentence):
            if q.kind != "number" or not q.unit or not q.number:
                continue
            q.start += s
            q.end += s
            before = {id(r) for r in self.regs}
            self._quantity(q, ctx, notation_only=False, offset=s)  # type: ignore[attr-defined]
            self.regs = [r for r in self.regs if id(r) in before or r.type in explained]

    def _explain_by_title(self, s: int, e: int) -> bool:
        """ "Merkintä osoittaa rakennusalan sivun, johon rakennus on rakennettava kiinni": the
        object of the explanation read like a title."""
        toks = self.ex._tokens(self.text[s:e])
        start = next((i + 1 for i, t in enumerate(toks) if t.key in rules.EXPLAIN_VERBS), len(toks))
        while start < len(toks) and (toks[start].punct or toks[start].key == "että"):
            start += 1
        if start >= len(toks):
            return True  # an explanation with nothing to read: no regulation
        sub_start = s + toks[start].start
        reading = self._read_title((sub_start, e), clause=True)
        if not reading.targets:
            return True
        for t in reading.targets:
            reg = Regulation(
                t.code,
                None,
                confidence=min(reading.confidence, 0.9),
                span=(s, e),
                evidence=f"explains the sign: {reading.evidence}",
            )
            for a in t.additional:
                reg.add_info(a)
            self._add(reg)
        return True

    def _uses_of(self, keys: list[str]) -> list[str]:
        out = []
        for k in keys:
            code = rules.USE_CUES.get(k)
            if code and code not in out and code != "paivakoti":
                out.append(code)
        return out


def _head(toks: list[Tok]) -> Tok | None:
    """The last word before a relative clause (", jonka …") or the end: a title's head noun."""
    last = None
    for i, t in enumerate(toks):
        if t.punct:
            if t.text == "," and i + 1 < len(toks) and toks[i + 1].lemma in _RELATIVE:
                break
            continue
        last = t
    return last


_RELATIVE = {"joka", "mikä", "jossa", "jolla", "jolle", "jonka", "jota", "kuin"}
#: Participles of the explanation verbs ("luvun osoittama osa").
_EXPLAIN_PARTICIPLES = frozenset({"osoittama", "ilmoittama", "merkitsemä"})


def _refers_to_number(keys: list[str]) -> bool:
    """The line refers to the sign's number wherever in it ("Kerrosalasta saa käyttää
    asuintiloja varten prosenttiluvun osoittaman osan"): a number word ("luku", "numero" or a
    compound of them) right before a form of an explanation verb."""
    verbs = rules.EXPLAIN_VERBS | _EXPLAIN_PARTICIPLES
    return any(
        k.endswith(("luku", "numero")) and keys[i + 1] in verbs for i, k in enumerate(keys[:-1])
    )
