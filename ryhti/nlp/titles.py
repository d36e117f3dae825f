"""The sign and the title of a legend entry → area and feature regulations.

A legend entry names what an area is twice: by its sign (``AK``, looked up in the notation
table of the plan level; :mod:`ryhti.nlp.signs` splits off the values a sign carries) and by
its title ("Asuinkerrostalojen korttelialue", matched against every code-list label, notation
meaning and vocabulary phrase). The title is read in steps, each weaker than the one before and
saying so in the confidence and the evidence:

1. exact phrases, longest first (:meth:`ryhti.nlp.matching.PhraseIndex.match`);
2. coordinations over a shared head: "Palvelujen ja työpaikkojen sekoittunut alue",
   "Liike- ja toimistorakennusten sekä teollisuus- ja varastorakennusten alue" give one code
   per member, all as main uses;
3. compounds read as their last part ("kaupunginosapuisto" → *puisto*);
4. the closest phrase by shared words, and a word that in the whole table points to one code.

Modifiers (uusi, ohjeellinen, valtakunnallisesti arvokas …) and exclusions ("poislukien …")
add their additional information. Sign and title are then weighed against each other:
agreement is the surest result; a title the sign contradicts, or a sign whose title says
something else, is marked down for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ryhti.nlp import rules
from ryhti.nlp.knowledge import Phrase, Target
from ryhti.nlp.result import Regulation
from ryhti.nlp.run import RunState
from ryhti.nlp.signs import SignReading, read_sign
from ryhti.nlp.tokens import CONJ, Tok, compound_tail

#: Yleiskaava change classes and the like that modify an area, not a line.
_CHANGE_MODIFIERS = {"uusi", "olemassaOleva", "olennaisestiMuuttuva", "reservialue", "kehitettava"}
#: Words of a title that are understood without a phrase: modifiers and their helpers.
_MODIFIER_WORDS = frozenset(w for cue, _ in rules.MODIFIERS for w in cue) | {"tai", "ja", "sekä"}
#: A title that says the feature is a sub-area ("Alueen osa, …", "Rakennusalan osa, …").
#: Matched at the start of a title only (``^`` on a slice of it), so no search scans the text.
_SUB_AREA = re.compile(r"^\s*(?:\w+alueen|alueen|rakennusalan)\s+osa\b", re.IGNORECASE)
_RELATIVE = {"joka", "mikä", "jossa", "jolla", "jolle", "jonka", "jota", "kuin"}
#: Confidence of each way a title is understood.
CONFIDENCE = {
    "exact": 0.92,
    "coordination": 0.9,
    "compound": 0.85,
    "description": 0.82,
    "partial": 0.72,
    "distinctive": 0.74,
    "head": 0.76,
}


@dataclass
class TitleReading:
    """What a title says: its targets, how sure that is, and why."""

    targets: list[Target] = field(default_factory=list)
    confidence: float = 0.0
    evidence: str = ""
    #: content words the reading accounts for / all content words
    coverage: float = 0.0
    #: the lemma keys of the title the reading explains
    explained: set[str] = field(default_factory=set)


class TitleStep(RunState):
    """Area and feature types from the sign and the title (mixed into the extraction run)."""

    def _sign(self) -> SignReading:
        """The sign's notation meanings and the values it carries."""
        return read_sign(self.sign, self.text, self.kb, self.level)

    def _title_cues(self, span: tuple[int, int] | None) -> None:
        """Additional information stated inside the title's relative clause."""
        if not span or not self.title_regs:
            return
        lemmas = self._lemmas(*span)
        for cue, info, value in rules.TITLE_CUES:
            if all(c in lemmas for c in cue):
                for reg in self.title_regs:
                    reg.add_info(info, self._code_value(value) if value else None)

    def _title_modifiers_to_verbal(self, span: tuple[int, int] | None) -> None:
        """The modifiers of a title nothing else was read from go to the verbal regulation.

        "OHJEELLINEN KEHITETTÄVÄ RYHMÄPUUTARHA-ALUE" + a sentence: no code names the area, so
        the entry's one regulation is the verbal one, and the location and change class the
        title states (``ohjeellinenSijainti``, ``kehitettava``, ``uusi`` …) are its additional
        information (LABELLING.md 4 and 7), not lost with the title."""
        if not span or self.title_regs:
            return
        verbal = self._find("sanallinenMaarays")
        if verbal is None or verbal.span[0] < span[1]:
            return  # no verbal regulation, or it is the title itself (kept as text)
        lemmas = set(self._lemmas(*span))
        for cue, info in rules.MODIFIERS:
            if all(c in lemmas for c in cue):
                verbal.add_info(info)

    # ------------------------------------------------------------------ reading a title
    def _read_title(self, span: tuple[int, int], *, clause: bool = False) -> TitleReading:
        """Read ``text[span]`` as a title (``clause``: the object of an explanation, which may
        hold finite verbs: only phrases and the closest phrase are used)."""
        s, e = span
        toks = _before_apposition(self.ex._tokens(self.text[s:e]))
        main = _main_part(toks)
        measures = _measures(toks)
        content = [
            i
            for i, t in enumerate(toks[:main])
            if not t.punct and not t.text.startswith("-") and i not in measures
        ]
        if not content:
            return TitleReading()
        excl_from = _exclusion_start(toks)
        words = [t.key if t.key else t.text for t in toks]
        reading = self._exact(toks, words, content, excl_from, s)
        if reading.coverage < 1.0 and main < len(toks):
            # "Asuinpientalojen korttelialue, jolla ympäristö säilytetään": a phrase that runs
            # into the relative clause ("Alue, jolla ympäristö säilytetään") must not hide the
            # main part, which reads on its own; the clause adds its information (TITLE_CUES)
            head = self._exact(toks[:main], words[:main], content, excl_from, s)
            if head.coverage >= 1.0:
                reading = head
        if not clause and reading.coverage < 1.0:
            coord = self._coordinated(toks, s, excl_from)
            if coord is not None and coord.coverage > reading.coverage:
                reading = coord
        if reading.coverage < 1.0:
            tails = self._tails(toks)
            if tails:
                alt = self._exact(toks, [tails.get(i, w) for i, w in enumerate(words)], content,
                                  excl_from, s, compound=tails)  # fmt: skip
                if alt.coverage >= 1.0:
                    reading = alt
        if reading.coverage < 1.0:
            every = [i for i, t in enumerate(toks) if not t.punct and not t.text.startswith("-")]
            near = self.ex.index.closest(
                [self._tail_key(toks, i) for i in every], self.level, minimum=0.6
            )
            if near is not None and near[1] > reading.coverage:
                phrase, dice, substituted = near
                conf = min(0.55 + 0.35 * dice, 0.88)
                why = f"closest {phrase.source} '{phrase.text}' ({dice:.2f} of its words shared)"
                if substituted:
                    conf = min(conf, 0.7)
                    why += " (a word differs, not only missing; review)"
                reading = TitleReading(list(phrase.targets), conf, why, dice)
                reading.explained = {toks[i].key for i in every} & set(
                    self.ex.index.text_keys.get(phrase.text, ())
                )
        if not reading.targets and not clause:
            # the head word (or its last compound part) is a phrase of its own:
            # "JOUKKOLIIKENTEEN VAIHTOPYSÄKKI" is a stop
            head = self._tail_key(toks, content[-1])
            phrase = self.ex.index.lookup((head,), self.level)
            if phrase is not None:
                reading = TitleReading(
                    list(phrase.targets),
                    CONFIDENCE["head"],
                    f"head word '{toks[content[-1]].text}' = {phrase.source} '{phrase.text}'",
                    1 / len(content),
                )
                reading.explained = {toks[content[-1]].key}
        if not reading.targets and not clause and len(content) == 1:
            word = toks[content[0]]
            found = self.ex.index.compound(word.key, self.level)
            if found is not None:
                phrase, how = found
                reading = TitleReading(
                    list(phrase.targets),
                    0.85 if how == "split" else 0.8,
                    f"compound '{word.text}' = {phrase.source} '{phrase.text}'"
                    + (" (its end)" if how == "suffix" else ""),
                    1.0,
                )
                reading.explained = {word.key}
        if not reading.targets and not clause and len(content) <= 4:
            hit = self.ex.index.distinctive([toks[i].key for i in content])
            if hit is not None:
                word, code = hit
                reading = TitleReading(
                    [Target(code, self._usual(code))],
                    CONFIDENCE["distinctive"],
                    f"'{word}' occurs only in phrases of {code}",
                    0.5,
                )
                reading.explained = {word}
        if reading.targets:
            reading.targets = self._modified(toks, reading.targets, excl_from)
        return reading

    def _exact(
        self,
        toks: list[Tok],
        words: list[str],
        content: list[int],
        excl_from: int | None,
        s: int,
        compound: dict[int, str] | None = None,
    ) -> TitleReading:
        matches = self.ex.index.match(words, self.level)
        if not matches:
            return TitleReading()
        covered = {i for ms, me, _ in matches for i in range(ms, me)}
        covered |= {i for i in content if toks[i].key in _MODIFIER_WORDS}
        main = max(content) + 1
        if all(i in covered for i in content):
            # the main part is understood: words of its relative clause matching another
            # phrase ("… jolla tontille/rakennuspaikalle ajo on sallittu") are not more uses
            matches = [m for m in matches if m[0] < main]
        targets: list[Target] = []
        evidence = []
        sources = set()
        for ms, me, phrase in matches:
            if excl_from is not None and ms > excl_from:
                continue
            targets.extend(self._distribute(toks, words, ms, me))
            targets.extend(phrase.targets)
            sources.add(phrase.source)
            said = self.text[s + toks[ms].start : s + toks[me - 1].end]
            via = (
                [
                    f"'{toks[i].text}' read as '{compound[i]}'"
                    for i in range(ms, me)
                    if i in compound
                ]
                if compound
                else []
            )
            evidence.append(
                f"'{said}' = {phrase.source} '{phrase.text}'" + (f" ({', '.join(via)})" if via else "")
            )  # fmt: skip
        if excl_from is not None:
            covered |= set(range(excl_from, len(toks)))
        coverage = sum(1 for i in content if i in covered) / len(content)
        if coverage >= 1.0:
            kind = "compound" if compound else "exact"
            if sources <= {"description"}:
                kind = "description"
            conf = CONFIDENCE[kind]
        else:
            conf = CONFIDENCE["partial"]
        reading = TitleReading(targets, conf, "title " + "; ".join(evidence), coverage)
        reading.explained = {toks[i].key for ms, me, _ in matches for i in range(ms, me)}
        return reading

    def _distribute(self, toks: list[Tok], words: list[str], ms: int, me: int) -> list[Target]:
        """Targets of the conjuncts before a match: "X-, Y- ja Z-rakennusten alue"."""
        out: list[Target] = []
        j = ms - 1
        rest = tuple(words[ms + 1 : me])
        if not rest:
            return out
        while j >= 1 and toks[j].key in CONJ:
            k = j - 1
            if toks[k].punct:
                break
            p = self.ex.index.lookup((words[k], *rest), self.level)
            if p is None:
                break
            out.extend(p.targets)
            j = k - 1
        return out

    def _coordinated(self, toks: list[Tok], s: int, excl_from: int | None) -> TitleReading | None:
        """ "A:n, B:n ja C:n (sekoittunut) alue": every member with the shared head."""
        end = len(toks) if excl_from is None else excl_from
        end = min(end, _main_part(toks))
        members: list[list[int]] = [[]]
        for i in range(end):
            t = toks[i]
            if t.key in CONJ:
                if members[-1]:
                    members.append([])
                continue
            if t.punct or t.text.startswith("-"):
                continue
            members[-1].append(i)
            if t.text.endswith("-") and len(t.text) > 1:
                members.append([])  # "liike- toimistorakennusten" (the "ja" left out)
        members = [m for m in members if m]
        if len(members) < 2 or len(members[-1]) < 2:
            return None
        last = members[-1]
        head = [toks[last[-1]].key]
        if head[0].endswith("alue") and head[0] != "alue":
            head.append("alue")
        targets: list[Target] = []
        evidence = []
        resolved = 0
        for n, member in enumerate(members):
            keys = [toks[i].key for i in member if toks[i].key not in _MODIFIER_WORDS]
            tries = [tuple(keys)] if n == len(members) - 1 else []
            own = keys[:-1] if n == len(members) - 1 else keys
            for h in head:
                if own:
                    tries.append((own[0], h))
                    tries.append((*own, h))
            phrase = None
            for attempt in tries:
                phrase = self.ex.index.lookup(attempt, self.level)
                if phrase is not None:
                    break
            if phrase is None and len(keys) >= 2:
                near = self.ex.index.closest(keys, self.level, minimum=0.75)
                if near is not None and not near[2]:
                    phrase = near[0]
            if phrase is None:
                continue
            resolved += 1
            targets.extend(phrase.targets)
            said = " ".join(toks[i].text for i in member)
            evidence.append(f"'{said}' + '{toks[last[-1]].text}' = {phrase.source} '{phrase.text}'")
        if resolved < 2:
            return None
        measures = _measures(toks)
        content = [
            i
            for i in range(len(toks))
            if not toks[i].punct and not toks[i].text.startswith("-") and i not in measures
        ]
        covered = {i for m in members for i in m} if resolved == len(members) else set()
        covered |= {i for i in content if toks[i].key in _MODIFIER_WORDS}
        if excl_from is not None:
            covered |= set(range(excl_from, len(toks)))
        coverage = sum(1 for i in content if i in covered) / len(content) if content else 0.0
        if resolved < len(members):
            coverage = max(coverage, resolved / len(members) * 0.9)
        conf = CONFIDENCE["coordination"] if coverage >= 1.0 else CONFIDENCE["partial"]
        reading = TitleReading(targets, conf, "coordinated title " + "; ".join(evidence), coverage)
        reading.explained = {toks[i].key for m in members for i in m}
        return reading

    def _tails(self, toks: list[Tok]) -> dict[int, str]:
        """Words the phrase table does not know, read as their last compound part when it does."""
        out = {}
        for i, t in enumerate(toks):
            if t.punct or self.ex.index.knows(t.key):
                continue
            tail = compound_tail(t.text, t.lemma)
            if tail and len(tail) >= 4 and self.ex.index.knows(tail):
                out[i] = tail
        return out

    def _tail_key(self, toks: list[Tok], i: int) -> str:
        t = toks[i]
        if self.ex.index.knows(t.key):
            return t.key
        tail = compound_tail(t.text, t.lemma)
        return tail if tail and len(tail) >= 4 and self.ex.index.knows(tail) else t.key

    def _usual(self, code: str) -> tuple[str, ...]:
        """The additional information the labels of ``code`` carry (paakayttotarkoitus …)."""
        for p in self.ex.index.keyset.get(self.ex._keys(self.kb.regulations[code].label), ()):
            for t in p.targets:
                if t.code == code:
                    return t.additional
        return ()

    def _modified(
        self, toks: list[Tok], targets: list[Target], excl_from: int | None
    ) -> list[Target]:
        """Targets with the title's modifiers and exclusion added."""
        lemmas = [t.lemma for t in toks]
        starts = {lm[:i] for lm in lemmas for i in range(6, len(lm) + 1)}
        mods = [
            info
            for cue, info in rules.MODIFIERS
            # a long cue also starts a compound: "yhteystarvealue", "reservialue"
            if all(c in lemmas or (len(c) >= 6 and c in starts) for c in cue)
        ]
        excluded: list[str] = []
        if excl_from is not None:
            tail = [t.key if t.key else t.text for t in toks[excl_from + 1 :]]
            for _, _, phrase in self.ex.index.match(tail, self.level):
                excluded.extend(t.code for t in phrase.targets)
        out = []
        seen = set()
        for t in targets:
            if t.code in seen or t.code in excluded:
                continue
            seen.add(t.code)
            adds = list(t.additional)
            for m in mods:
                if m == "ohjeellinenSijainti" and (
                    t.code.startswith("ohjeellinen") or t.code.endswith("Numero")
                ):
                    continue  # "Ohjeellisen tontin numero": the plot is indicative, not the number
                if (
                    m in _CHANGE_MODIFIERS
                    and t.additional
                    and "paakayttotarkoitus" not in t.additional
                    and not _is_linear(t.code)
                ):
                    continue
                if m not in adds:
                    adds.append(m)
            out.append(Target(t.code, tuple(adds), t.additional_values))
        if excluded and out:
            first = out[0]
            out[0] = Target(
                first.code,
                (*first.additional, "poisluettavaKayttotarkoitus"),
                (*first.additional_values, ("poisluettavaKayttotarkoitus", excluded[0])),
            )
        return out

    # ------------------------------------------------------------------ sign and title together
    def _area(
        self, sign: SignReading, title: TitleReading, title_span: tuple[int, int] | None
    ) -> None:
        """Weigh sign against title and make the area and feature regulations."""
        span = title_span or (0, len(self.text))
        lower_sign = bool(self.sign) and self.sign[:1].islower()
        sub_area = (
            title_span is not None
            and _SUB_AREA.match(self.text[title_span[0] : title_span[0] + 80]) is not None
        )
        chosen: list[Target] = []
        conf = 0.0
        ev = ""
        sign_targets: list[Target] = []
        sign_ev = ""
        if sign.phrases:
            if sign.combined:
                for p in sign.phrases:
                    sign_targets.extend(p.targets)
                sign_ev = " + ".join(f"{p.source} '{p.text}'" for p in sign.phrases)
                best_source = "katja" if all(p.source == "katja" for p in sign.phrases) else "other"
            else:
                best = self._closest(sign.phrases, title_span) if title_span else sign.phrases[0]
                sign_targets = list(best.targets)
                sign_ev = f"{best.source} '{best.text}'"
                best_source = best.source
        scodes = {t.code for t in sign_targets}
        tcodes = {t.code for t in title.targets}
        if sign_targets and title.targets and not sign.weak:
            # a combined sign (AL/K) whose title names fewer uses than its letters, every
            # word of it understood: the title says which uses this entry has (next branch)
            narrower = tcodes < scodes and title.coverage >= 1.0
            if scodes == tcodes or (sign.combined and tcodes <= scodes and not narrower):
                chosen = _merge_targets(tuple(sign_targets), title.targets)
                conf = 0.97 if scodes == tcodes else 0.9
                ev = f"sign '{self.sign}' = {sign_ev} and {title.evidence}"
            elif narrower:
                # the title names the uses ("Asuin- ja liikerakennusten korttelialue" by AL):
                # the letters' library meaning is broader than this entry
                chosen = _merge_targets(tuple(title.targets), sign_targets)
                conf = 0.9
                ev = f"{title.evidence}; sign '{self.sign}' = {sign_ev} names more uses"
            elif tcodes < scodes:
                chosen = _merge_targets(tuple(sign_targets), title.targets)
                conf, ev = 0.9, f"sign '{self.sign}' = {sign_ev}, in part also {title.evidence}"
            elif scodes <= tcodes or any(self.kb.related(a, b) for a in scodes for b in tcodes):
                if title.coverage < 1.0 and not scodes <= tcodes:
                    chosen, conf = sign_targets, 0.85  # a loose title does not overrule the sign
                    ev = f"sign '{self.sign}' = {sign_ev}; title related: {title.evidence}"
                else:
                    chosen = title.targets
                    conf = max(title.confidence, 0.85)
                    ev = f"sign '{self.sign}' related; {title.evidence}"
            else:
                chosen = title.targets
                conf = min(title.confidence, 0.7)
                ev = f"{title.evidence} (sign '{self.sign}' disagrees: {sign_ev}; review)"
        elif sign_targets and not title.targets:
            chosen = sign_targets
            conf = 0.88 if best_source == "katja" or sign.combined else 0.7
            ev = f"sign '{self.sign}' = {sign_ev}"
            if sign.weak:
                conf = 0.6
                ev += f" (letters of '{self.sign}' read without the index glued to them; review)"
            elif title_span is not None:
                conf -= 0.03
                ev += " (the title was not understood)"
        elif title.targets:
            chosen, conf, ev = title.targets, title.confidence, title.evidence
            if sign.weak and sign_targets:
                ev += f" (sign '{self.sign}' read as an index, not a letter code)"
        for t in chosen:
            if t.code == "sanallinenMaarays":
                continue  # a library placeholder for text the entry may or may not have
            adds = list(t.additional)
            if lower_sign and "paakayttotarkoitus" in adds:
                adds[adds.index("paakayttotarkoitus")] = "osaAlue"
            elif sub_area and "osaAlue" not in adds:
                # "Alueen osa, johon on rakennettava meluaita": the text says it is a sub-area
                # (LABELLING.md 4), whatever the matched phrase carried
                adds = [a for a in adds if a != "paakayttotarkoitus"] + ["osaAlue"]
            value = None
            if t.code in rules.NAME_TYPES and self.sign:
                value = {"dataType": "LocalizedText", "text": {"fin": self.sign}}
            reg = Regulation(t.code, value, confidence=conf, span=span, evidence=ev)
            vals = dict(t.additional_values)
            for a in adds:
                v = vals.get(a)
                reg.add_info(
                    a,
                    self._code_value(v)
                    if v
                    and a in {"kayttotarkoituskohdistus", "poisluettavaKayttotarkoitus"}
                    and v in self.kb.regulations
                    else None,
                )
            self.title_regs.append(self._add(reg))

    def _closest(self, phrases: list[Phrase], span: tuple[int, int] | None) -> Phrase:
        """The phrase whose words overlap the title most (Katja meanings first)."""
        if not span:
            return phrases[0]
        keys = set(self.ex._keys(self.text[span[0] : span[1]]))
        best, best_score = phrases[0], -1.0
        for p in phrases:
            pk = set(self.ex._keys(p.text))
            score = len(keys & pk) / (len(keys | pk) or 1) - (0.01 if p.source != "katja" else 0)
            if score > best_score:
                best, best_score = p, score
        return best


def _main_part(toks: list[Tok]) -> int:
    """Index where a title's relative clause (", jolla …") begins, or its length."""
    for i, t in enumerate(toks):
        if t.text == "," and i + 1 < len(toks) and toks[i + 1].lemma in _RELATIVE:
            return i
    return len(toks)


def _before_apposition(toks: list[Tok]) -> list[Tok]:
    """ "Tehokkuusluku eli kerrosalan suhde …": the words after *eli* explain the term."""
    for i, t in enumerate(toks):
        if t.key == "eli" and i > 0:
            return toks[:i]
    return toks


def _exclusion_start(toks: list[Tok]) -> int | None:
    """Index of "poislukien" / "lukuun ottamatta" in a title, if any."""
    start = None
    for i, t in enumerate(toks):
        if t.lemma in {"poislukien", "poislukea"} or (t.lemma == "lukuun" and i + 1 < len(toks)):
            start = i
    return start


def _merge_targets(a: tuple[Target, ...], b: list[Target]) -> list[Target]:
    """The sign's targets with the additional information the title adds to them."""
    out = []
    bmap = {t.code: t for t in b}
    for t in a:
        extra = bmap.get(t.code)
        adds = list(t.additional)
        vals = list(t.additional_values)
        if extra:
            adds.extend(x for x in extra.additional if x not in adds)
            vals.extend(x for x in extra.additional_values if x not in vals)
        out.append(Target(t.code, tuple(adds), tuple(vals)))
    return out


#: Line features: a change class (uusi, olemassa oleva …) applies to them too.
_LINEAR = frozenset(
    {
        "tie",
        "valtatie",
        "kantatie",
        "seututie",
        "yhdystie",
        "sahkolinja",
        "kaasulinja",
        "vesijohtoTaiViemari",
        "ulkoiluTaiVirkistysReitti",
        "raideliikenteenAlue",
        "viheryhteys",
        "jalankulkualue",
        "pyorailyalue",
    }
)


def _is_linear(code: str) -> bool:
    return code in _LINEAR


#: Units that may follow a number in a title ("Voimajohto 110 kV", "Melualue 55 dB").
_TITLE_UNITS = frozenset({"kv", "v", "m", "km", "ha", "db", "dba", "%"})


def _measures(toks: list[Tok]) -> set[int]:
    """Indices of the numbers in a title and the units right after them: a measure names no
    use, so a title is understood without it ("Voimajohto 110 kV" is a power line)."""
    out: set[int] = set()
    for i, t in enumerate(toks):
        if t.text[:1].isdigit() and t.text.replace(",", "").replace(".", "").isdigit():
            out.add(i)
            if i + 1 < len(toks) and toks[i + 1].text.lower() in _TITLE_UNITS:
                out.add(i + 1)
    return out
