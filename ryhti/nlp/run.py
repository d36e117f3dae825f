"""The state of one extraction and the helpers every step of it shares.

An extraction reads one legend entry (sign + text) in steps: the sign and title give the
area types (:mod:`ryhti.nlp.titles`), numbers become typed values
(:mod:`ryhti.nlp.quantities`), the remaining sentences become verbal regulations
(:mod:`ryhti.nlp.sentences`). Each step is a mixin over :class:`RunState`, which holds the
text, the regulations made so far and the per-run caches; :class:`ryhti.nlp.pipeline.Extractor`
makes one run per entry, so the extractor itself stays reentrant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ryhti.nlp import rules
from ryhti.nlp.knowledge import REGULATION_LIST
from ryhti.nlp.result import Modifier, Regulation
from ryhti.nlp.tokens import cue_lemmas
from ryhti.nlp.values import Quantity

if TYPE_CHECKING:  # the extractor builds runs; a run only reads from it
    from ryhti.nlp.pipeline import Extractor


class RunState:
    """One entry's text, sign and plan level, the regulations found so far, and caches."""

    def __init__(self, ex: Extractor, text: str, sign: str | None, level: str | None) -> None:
        self.ex = ex
        self.kb = ex.kb
        self.text = text
        self.sign = sign
        self.level = level
        self.regs: list[Regulation] = []
        #: the area and feature regulations of the sign and title (additional information
        #: found later in the text goes to them)
        self.title_regs: list[Regulation] = []
        #: additional information found with a quantity, for the sentence that holds it
        self._infos: list[tuple[str, dict[str, Any] | None, Quantity | None]] = []
        #: the sentence whose quantities are being read
        self._current_sentence: tuple[int, int] | None = None
        self._lemma_cache: dict[tuple[int, int], tuple[list[str], Any]] = {}
        self._segment_cache: dict[tuple[int, int], list[str]] = {}
        #: additional information an explanation gives the sign's value (an underlined number)
        self._sign_infos: list[str] = []
        #: the span of the explanation that gave them
        self._mark_span: tuple[int, int] | None = None
        #: the uses the norm being typed is for (read with it, attached to its regulation)
        self._norm_targets: list[str] = []
        #: additional information the entry gives without a regulation (:mod:`ryhti.nlp.modifiers`)
        self.modifiers: list[Modifier] = []

    def _code_value(self, code: str) -> dict[str, Any]:
        """A Code value pointing at a RY_Kaavamaarayslaji code (targeted or excluded use)."""
        info = self.kb.regulations.get(code)
        return {
            "dataType": "Code",
            "code": self.kb.uri(REGULATION_LIST, code),
            "codeList": self.kb.uris[REGULATION_LIST],
            "title": {"fin": info.label} if info else None,
        }

    def _find(self, code: str) -> Regulation | None:
        for r in self.regs:
            if r.type == code:
                return r
        return None

    def _add(self, reg: Regulation) -> Regulation:
        """Add, merging a value into an earlier value-less regulation of the same type."""
        same = [r for r in self.regs if r.type == reg.type]
        for r in same:
            if r.value is None and reg.value is not None and reg.type not in rules.TEXT_TYPES:
                r.value = reg.value
                r.confidence = max(r.confidence, reg.confidence)
                r.evidence = f"{r.evidence}; {reg.evidence}"
                for a in reg.additional:
                    r.add_info(a["type"], a.get("value"))
                return r
            if reg.value is None:
                for a in reg.additional:
                    r.add_info(a["type"], a.get("value"))
                r.confidence = max(r.confidence, reg.confidence)
                return r
            if r.value == reg.value:
                return r
        self.regs.append(reg)
        return reg

    def _lemmas(self, s: int, e: int) -> list[str]:
        """Lemma keys of ``text[s:e]`` without punctuation."""
        return [t.key for t in self.ex._tokens(self.text[s:e]) if not t.punct]

    def _per_lemmas(self, what: Callable[[list[str]], Any], lemmas: list[str]) -> Any:
        """``what(lemmas)`` computed once per lemma list (a sentence's or a segment's).

        Every number of a sentence asks the same questions of the same lemmas; a line
        of thousands of numbers would otherwise answer them again for each number,
        which is quadratic. Keyed by identity: the lists are not changed once made.
        """
        cache = self._lemma_cache
        key = (id(getattr(what, "__func__", what)), id(lemmas))  # a bound method is made anew
        hit = cache.get(key)
        if hit is not None and hit[0] is lemmas:
            return hit[1]
        value = what(lemmas)
        cache[key] = (lemmas, value)
        return value

    def _cues(self, ctx: list[str]) -> Callable[[str], bool]:
        """The cue index of a sentence's lemmas (see :meth:`_per_lemmas`)."""
        return self._per_lemmas(cue_lemmas, ctx)

    def _pending_info(self, info: str, value: dict[str, Any] | None, q: Quantity | None) -> None:
        """Additional information a quantity gave (a validity period) for its sentence."""
        self._infos.append((info, value, q))
