"""The last check on a group's regulations before they are written.

Syke refuses two things the interpretation can produce whatever its source says:

* a code the code list marks as a structuring header ("otsikkotason koodi", e.g.
  ``vesivayla``, ``viheralue``): a header with one usable code under it becomes that code;
  any other becomes a verbal regulation holding the header's label, with the topic the
  header belongs to; an additional-information or topic header is left out (CV023);
* a verbal regulation without a topic (``verbalRegulations``): when the extractor found
  none, the regulation gets the generic kind of regulation of the plan level (a building
  regulation in an asemakaava, a planning directive in a yleiskaava or maakuntakaava) and
  a CV018 finding lists it for review.

It also recognises cartographic notations: a line or point whose only content is the
explanation of a map convention (a boundary line, a label, a removal cross) has no
counterpart in a RYHTI plan, where boundaries are the areas' edges and labels their
attributes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Any

from ryhti.parsers.codes import INFO_LIST, REG_LIST, VERBAL_LIST, label
from ryhti.parsers.interpret import VERBAL, RegSpec, verbal_text

__all__ = ["Guard", "header_codes", "is_cartographic"]

#: The topic of a verbal regulation that replaces a header-level regulation code.
_HEADER_TOPICS = {
    "viheralue": "virkistys",
    "ymparistohairionTorjunnanRakenne": "ymparistohairiot",
    "terminaalialue": "liikenne",
    "vesiliikenteenAlue": "liikenne",
    "vesivayla": "liikenne",
    "liikenteenSuureet": "liikenne",
    "pysakoinninMaara": "pysakointi",
    "ymparistoarvojenAlue": "ymparistoarvot",
    "luontoarvoiltaanArvokasAlue": "luontoarvot",
    "kulttuuriymparistoarvojenAlue": "kulttuuriymparisto",
    "alueJotaKoskeeKehittamisperiaate": "kehittamisperiaate",
    "rakentamisenMaara": "rakennusoikeus",
    "rakentamisenTapa": "rakentamistapa",
}

#: The generic kind of a verbal regulation at each plan level, when it names no topic.
_DEFAULT_TOPIC = {
    "asemakaava": "rakentamismaarays",
    "yleiskaava": "suunnittelumaarays",
    "maakuntakaava": "suunnittelumaarays",
}

#: Explanations of map conventions (legacy notation), which carry no regulation.
_CARTOGRAPHIC = re.compile(
    r"^(?:"
    r"(?:ohjeellinen\s+)?(?:[\w/,-]+\s+){0,6}(?:raja|rajan\s+osa)\s*(?:ja\s+numero)?"
    r"|\d+\s*m\s+kaava-alueen\s+rajan\s+ulkopuolella\s+oleva\s+viiva"
    r"|risti\s+merkinnän\s+päällä\b.*"
    r"|poikkiviiva\s+osoittaa\s+rajan\b.*"
    r"|alueeseen\s+tai\s+kohteeseen\s+liittyvä\s+kirjain-\s+tai\s+numerotunnus"
    r")\.?$",
    re.IGNORECASE,
)


@functools.cache
def _headers(reg: Any, list_id: str) -> frozenset[str]:
    code_list = reg.get(list_id) if hasattr(reg, "get") else None
    return frozenset() if code_list is None else code_list.header_values()


def header_codes(reg: Any, list_id: str) -> frozenset[str]:
    """Values of the structuring header-level codes of a code list (koodistot marks them
    in the description: "Koodistoa jäsentävä otsikkotason koodi …")."""
    return _headers(reg, list_id)


def is_cartographic(text: str | None) -> bool:
    """True for the text of a map convention that carries no regulation."""
    return bool(text) and bool(_CARTOGRAPHIC.match(" ".join(str(text).split())))


class Guard:
    """Checks regulations against the code list, once per regulation."""

    def __init__(self, reg: Any, plan_level: str | None) -> None:
        self.reg = reg
        self.reg_headers = header_codes(reg, REG_LIST)
        self.info_headers = header_codes(reg, INFO_LIST)
        self.verbal_headers = header_codes(reg, VERBAL_LIST)
        self.default_topic = _DEFAULT_TOPIC.get(plan_level or "", "suunnittelumaarays")
        self._done: dict[int, tuple[RegSpec, list[tuple[str, str]]]] = {}
        #: the checked specs, kept alive so their ids stay unique
        self._keep: list[RegSpec] = []

    def check(self, regs: list[RegSpec]) -> tuple[list[RegSpec], list[tuple[str, str]]]:
        """``regs`` with header-level codes replaced and every verbal regulation given a
        topic, and the findings (rule, message) that say what was changed."""
        out: list[RegSpec] = []
        findings: list[tuple[str, str]] = []
        for spec in regs:
            done = self._done.get(id(spec))
            if done is None:
                done = self._check(spec)
                self._done[id(spec)] = done
                self._keep.append(spec)
            out.append(done[0])
            findings.extend(done[1])
        return out, findings

    def _check(self, spec: RegSpec) -> tuple[RegSpec, list[tuple[str, str]]]:
        findings: list[tuple[str, str]] = []
        if spec.type in self.reg_headers:
            spec = self._header(spec, findings)
        infos = [a for a in spec.additional if a.get("type") in self.info_headers]
        if infos:
            spec = replace(spec, additional=[a for a in spec.additional if a not in infos])
            findings.append(
                (
                    "CV023",
                    f"additional information {', '.join(str(a['type']) for a in infos)} of "
                    f"{spec.type} is a header-level code; left out",
                )
            )
        topics = [v for v in spec.verbal if v in self.verbal_headers]
        if topics:
            spec = replace(spec, verbal=[v for v in spec.verbal if v not in topics])
            findings.append(
                (
                    "CV023",
                    f"topic {', '.join(topics)} of a verbal regulation is a header-level code; "
                    "left out",
                )
            )
        if spec.type == VERBAL and not spec.verbal:
            topic = self.default_topic
            findings.append(
                (
                    "CV018",
                    f"no topic for {verbal_text(spec)[:120]!r}; given the generic kind "
                    f"{topic!r} (check it)",
                )
            )
            spec = replace(spec, verbal=[topic])
        return spec, findings

    def _header(self, spec: RegSpec, findings: list[tuple[str, str]]) -> RegSpec:
        code_list = self.reg[REG_LIST]
        header = spec.type
        usable = [c for c in code_list.children(header) if c.usable]
        usable = [c for c in usable if c.value not in self.reg_headers]
        if len(usable) == 1:
            findings.append(
                (
                    "CV023",
                    f"{header} is a header-level code; the one code under it, "
                    f"{usable[0].value}, is used",
                )
            )
            return replace(spec, type=usable[0].value)
        text = verbal_text(spec) or label(self.reg, REG_LIST, header)
        topic = _HEADER_TOPICS.get(header, self.default_topic)
        findings.append(
            (
                "CV023",
                f"{header} is a header-level code Syke refuses, and the source does not say "
                f"which of {', '.join(c.value for c in usable)} it is; kept as a verbal "
                f"regulation {text!r} ({topic})",
            )
        )
        value = spec.value if spec.type == VERBAL else None
        return RegSpec(
            type=VERBAL,
            value=value or {"dataType": "LocalizedText", "text": {"fin": text}},
            additional=[a for a in spec.additional],
            verbal=[topic],
            origin=spec.origin,
            evidence=f"{spec.evidence}; header-level {header} kept as verbal text",
            confidence=spec.confidence,
            span=spec.span,
        )
