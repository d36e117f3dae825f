"""The sign and the title of a legend entry → area and feature regulations.

A legend entry names what an area is twice: by its sign (``AK``, looked up in the notation
table of the plan level) and by its title ("Asuinkerrostalojen korttelialue", matched against
every code-list label and notation meaning). This step reads the title's phrases (coordinated
titles distribute over their head: "Asuin-, liike- ja toimistorakennusten korttelialue" gives
three uses), its modifiers (uusi, ohjeellinen, valtakunnallisesti arvokas …) and exclusions
("poislukien …"), then weighs sign and title against each other: agreement is the surest result,
disagreement is marked down for review.
"""

from __future__ import annotations

from ryhti.nlp import rules
from ryhti.nlp.knowledge import Phrase, Target
from ryhti.nlp.result import Regulation
from ryhti.nlp.run import RunState
from ryhti.nlp.tokens import CONJ, Tok
from ryhti.nlp.values import Quantity, find_quantities

#: Yleiskaava change classes and the like that modify an area, not a line.
_CHANGE_MODIFIERS = {"uusi", "olemassaOleva", "olennaisestiMuuttuva", "reservialue", "kehitettava"}


class TitleStep(RunState):
    """Area and feature types from the sign and the title (mixed into the extraction run)."""

    def _sign(self) -> tuple[list[Phrase], list[Quantity]]:
        """The sign's notation meanings, or its quantities when the sign is a value (``IV``)."""
        if not self.sign:
            return [], []
        qs = find_quantities(self.sign)
        covered = sum(q.end - q.start for q in qs)
        letter = list(self.kb.by_letter(self.sign, self.level))
        if qs and covered >= len(self.sign.replace(" ", "")) * 0.6:
            roman_only = len(qs) == 1 and qs[0].kind == "storeys" and not qs[0].extra
            if not (roman_only and letter and "kerros" not in self.text.lower()):
                return [], qs
        parts = [self.sign]
        phrases = letter
        if not phrases and "/" in self.sign:
            notation = getattr(self.kb.registry, "notation", None)
            try:
                parts = (
                    notation.parts(self.sign, self.level or "asemakaava")
                    if notation
                    else [self.sign]
                )
            except (ValueError, KeyError):
                parts = [self.sign]
            for p in parts:
                phrases.extend(self.kb.by_letter(p, self.level)[:1])
        return phrases, []

    def _title_cues(self, span: tuple[int, int] | None) -> None:
        """Additional information stated inside the title's relative clause."""
        if not span or not self.title_regs:
            return
        lemmas = self._lemmas(*span)
        for cue, info, value in rules.TITLE_CUES:
            if all(c in lemmas for c in cue):
                for reg in self.title_regs:
                    reg.add_info(info, self._code_value(value) if value else None)

    def _title(self, span: tuple[int, int]) -> tuple[list[Target], float, str]:
        """(targets, confidence, evidence) of the title's phrases, modifiers and exclusions."""
        s, e = span
        toks = self.ex._tokens(self.text[s:e])
        matches = self.ex._match(toks, self.level)
        if not matches:
            return [], 0.0, ""
        content = [i for i, t in enumerate(toks) if not t.punct]
        covered = {i for ms, me, _ in matches for i in range(ms, me)}
        full = all(i in covered for i in content)
        targets: list[Target] = []
        evidence = []
        excluded: list[str] = []
        excl_from = None
        for i, t in enumerate(toks):
            if t.lemma in {"poislukien", "poislukea"} or (
                t.lemma == "lukuun" and i + 1 < len(toks)
            ):
                excl_from = i
        for ms, me, phrase in matches:
            if excl_from is not None and ms > excl_from:
                excluded.extend(t.code for t in phrase.targets)
                continue
            # distribute over coordinated conjuncts before the match
            conj_targets = self._distribute(toks, ms, me)
            targets.extend(conj_targets)
            targets.extend(phrase.targets)
            evidence.append(
                f"'{self.text[s + toks[ms].start - 0 : s + toks[me - 1].end]}' = {phrase.source} '{phrase.text}'"
            )
        # modifiers
        lemmas = [t.lemma for t in toks]
        mods = []
        for cue, info in rules.MODIFIERS:
            if all(c in lemmas for c in cue):
                mods.append(info)
        out = []
        seen = set()
        for t in targets:
            if t.code in seen:
                continue
            seen.add(t.code)
            adds = list(t.additional)
            for m in mods:
                if m == "ohjeellinenSijainti" and t.code.startswith("ohjeellinen"):
                    continue
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
        if excluded:
            out = [
                Target(
                    t.code,
                    (*t.additional, "poisluettavaKayttotarkoitus"),
                    (*t.additional_values, ("poisluettavaKayttotarkoitus", excluded[0])),
                )
                if i == 0
                else t
                for i, t in enumerate(out)
            ]
        conf = 0.92 if full else 0.72
        return out, conf, "title " + "; ".join(evidence)

    def _distribute(self, toks: list[Tok], ms: int, me: int) -> list[Target]:
        """Targets of the conjuncts before a match: "X-, Y- ja Z-rakennusten alue"."""
        out: list[Target] = []
        j = ms - 1
        rest = tuple(t.key for t in toks[ms + 1 : me])
        if not rest:
            return out
        while j >= 1 and toks[j].key in CONJ:
            k = j - 1
            if toks[k].punct:
                break
            keys = (toks[k].key, *rest)
            phrases = self.ex._keyset.get(keys)
            if not phrases:
                break
            p = self.ex._best_phrase(phrases, self.level)
            if p:
                out.extend(p.targets)
            j = k - 1
        return out

    def _area(
        self,
        sign_phrases: list[Phrase],
        title_targets: list[Target],
        title_conf: float,
        title_ev: str,
        title_span: tuple[int, int] | None,
    ) -> None:
        """Weigh sign against title and make the area and feature regulations."""
        span = title_span or (0, len(self.text))
        lower_sign = bool(self.sign) and self.sign[:1].islower()
        chosen: list[Target] = []
        conf = 0.0
        ev = ""
        if sign_phrases and title_targets:
            tcodes = {t.code for t in title_targets}
            agree = [p for p in sign_phrases if {t.code for t in p.targets} == tcodes]
            if agree:
                best = self._closest(agree, title_span)
                chosen = _merge_targets(best.targets, title_targets)
                conf, ev = 0.97, f"sign '{self.sign}' = {best.source} '{best.text}' and {title_ev}"
            elif any(
                self.kb.related(a, t.code)
                for p in sign_phrases
                for a in (x.code for x in p.targets)
                for t in title_targets
            ):
                chosen = title_targets
                conf, ev = max(title_conf, 0.85), f"sign '{self.sign}' related; {title_ev}"
            else:
                chosen = title_targets
                conf, ev = (
                    min(title_conf, 0.7),
                    f"{title_ev} (sign '{self.sign}' disagrees: {sign_phrases[0].text})",
                )
        elif sign_phrases:
            best = self._closest(sign_phrases, title_span) if title_span else sign_phrases[0]
            chosen = list(best.targets)
            conf = 0.88 if best.source == "katja" else 0.7
            if title_span and title_conf == 0.0:
                conf -= 0.08
            ev = f"sign '{self.sign}' = {best.source} '{best.text}'"
        elif title_targets:
            chosen, conf, ev = title_targets, title_conf, title_ev
        for t in chosen:
            if t.code == "sanallinenMaarays":
                continue  # a library placeholder for text the entry may or may not have
            adds = list(t.additional)
            if lower_sign and "paakayttotarkoitus" in adds:
                adds[adds.index("paakayttotarkoitus")] = "osaAlue"
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
