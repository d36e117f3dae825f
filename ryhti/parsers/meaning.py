"""What a feature's letter code, meaning, texts and links stand for, worked out once.

Features of one layer with the same letter code, meaning text, regulation texts and
links mean the same, whatever their quantities: that combination is interpreted once
into a :class:`Base` (the merged regulations and the titles, and the decisions and
findings each signature built on it repeats at its own place).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ryhti.nlp.language import sentences
from ryhti.parsers.codes import REG_LIST, label
from ryhti.parsers.facts import FactsBook
from ryhti.parsers.interpret import Interpreter, RegSpec, is_empty, merge, verbal
from ryhti.parsers.mapping import LayerMapping
from ryhti.parsers.modifiers import VALUE_MODIFIERS
from ryhti.parsers.modifiers import attach as attach_modifiers
from ryhti.parsers.source import Layer
from ryhti.parsers.texts import Texts, first_sentence, title_of

__all__ = ["Base", "Meanings"]


@dataclass(eq=False)
class Base:
    """What a letter code, meaning, texts and links stand for, without attribute values:
    the merged regulations and titles, and the decisions and findings each signature
    built on it repeats at its own place."""

    regs: list[RegSpec]
    seen: set[tuple[Any, ...]]
    title_fin: str
    title_swe: str | None
    used_texts: list[str]
    decisions: list[tuple[str, str]]
    findings: list[tuple[str, str]]
    #: values the texts state for named places: (place, regulation)
    placed: list[tuple[str, RegSpec]] = field(default_factory=list)
    #: modifiers its own regulations could not carry, (text, modifier), and their CV026
    #: findings (the same tuples as in ``findings``, in the same order)
    lost: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    lost_findings: list[tuple[str, str]] = field(default_factory=list)
    #: the modifiers that qualify a number (ehdottomastiNoudatettava): numbers from attribute
    #: values take them too (:meth:`~ryhti.parsers.grouping.Grouper.make`)
    value_modifiers: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: its texts give modifiers and nothing else (a change-class shading: :mod:`.changeclass`)
    only_modifiers: bool = False
    _leftover: RegSpec | None = None

    def leftover(self, letter: str | None, layer: str) -> RegSpec:
        """The verbal regulation kept when nothing else was found."""
        if self._leftover is None:
            what = f"letter code {letter!r}" if letter else f"layer {layer!r}"
            spec = verbal(letter or layer, f"{what} has no regulation content; kept as verbal text")
            spec.origin = "leftover"
            self._leftover = spec
        return self._leftover


class Meanings:
    """Interprets the signs and texts of features, once per combination."""

    def __init__(self, reg: Any, interp: Interpreter, texts: Texts, facts: FactsBook) -> None:
        self.reg = reg
        self.interp = interp
        self.texts = texts
        self.facts = facts
        self.plan_level = interp.plan_level
        #: letter code, meaning, texts and links of a layer → their interpretation
        self.bases: dict[tuple[Any, ...], Base] = {}

    def base(
        self,
        layer: Layer,
        entry: LayerMapping,
        letter: str | None,
        meaning: Any,
        text: Any,
        text_swe: Any,
        group_name: Any,
        link_ids: list[str],
    ) -> Base:
        """Interpret a letter code, meaning, texts and links (once per combination),
        recording the decisions and findings to repeat for each signature using it."""
        texts = self.texts
        regs: list[RegSpec] = []
        title_fin: str | None = None
        title_swe: str | None = None
        used_texts: list[str] = []
        decisions: list[tuple[str, str]] = []
        findings: list[tuple[str, str]] = []
        placed: list[tuple[str, RegSpec]] = []
        #: additional information its texts give without a regulation: (text, modifier)
        modifiers: list[tuple[str, dict[str, Any]]] = []
        for code in entry.regulations:
            regs.append(
                RegSpec(type=code, origin="mapping", evidence=f"layer {layer.name!r} → {code}")
            )
            title_fin = title_fin or label(self.reg, REG_LIST, code)
        has_text = not is_empty(text) or not is_empty(meaning) or bool(link_ids) or bool(regs)
        regs_l: list[RegSpec] = []
        #: the main uses the texts state in their first sentence (they overrule a letter code)
        said: list[RegSpec] = []
        if letter:
            regs_l, t_fin, t_swe = self.letter(letter, entry, decisions, findings, has_text)
            regs.extend(regs_l)
            title_fin, title_swe = t_fin, t_swe
            for legend_entry in texts.by_sign.get(letter, []):
                new_title = title_of(legend_entry) or title_fin
                title_swe = _swedish_title(new_title, title_fin, title_swe, legend_entry.swe)
                title_fin = new_title
                found_text = texts.regulations(
                    legend_entry.text,
                    letter,
                    legend_entry.swe,
                    decisions,
                    findings,
                    placed,
                    modifiers,
                )
                regs.extend(found_text)
                said.extend(_first_sentence_roles(found_text, legend_entry.text))
                used_texts.append(legend_entry.id)
        if not is_empty(meaning):
            meaning_text = str(meaning).strip()
            found = self.interp.meaning(meaning_text, entry.role)
            if found is not None:
                regs.extend(found.regulations)
                said.extend(_first_sentence_roles(found.regulations, None))
                if found.conflict:
                    findings.append(("CV022", found.conflict))
                title_fin = title_fin or meaning_text
                title_swe = title_swe or found.title_swe
                decisions.append((f"meaning {meaning_text!r}", found.evidence))
            else:
                extracted = texts.regulations(
                    meaning_text, letter, None, decisions, findings, placed, modifiers
                )
                regs.extend(extracted)
                said.extend(_first_sentence_roles(extracted, meaning_text))
                title_fin = title_fin or meaning_text
                decisions.append(
                    (
                        f"meaning {meaning_text!r}",
                        "not in the notation table; typed by the extractor: "
                        + ", ".join(r.type for r in extracted),
                    )
                )
        fin_text = "" if is_empty(text) else str(text).strip()
        swe_text = None if is_empty(text_swe) else str(text_swe).strip()
        before = len(modifiers)
        found_text = texts.regulations(
            fin_text, letter, swe_text, decisions, findings, placed, modifiers
        )
        regs.extend(found_text)
        said.extend(_first_sentence_roles(found_text, fin_text))
        only_modifies = not found_text and len(modifiers) > before
        if fin_text and not only_modifies:  # a change class does not title the group
            first = first_sentence(str(text))
            if len(first) <= 80:
                title_swe = _swedish_title(first, title_fin, title_swe, swe_text)
                title_fin = first
            else:
                title_fin = title_fin or first
        elif swe_text:
            title_swe = title_swe or first_sentence(swe_text)
        elif fin_text:
            title_fin = title_fin or first_sentence(fin_text)
        for link in link_ids:
            entry_text = texts.by_id.get(link)
            if entry_text is None:
                findings.append(
                    ("CV006", f"feature links to regulation {link!r}, which the source lacks")
                )
                continue
            found_text = texts.regulations(
                entry_text.text,
                entry_text.sign or letter,
                entry_text.swe,
                decisions,
                findings,
                placed,
                modifiers,
            )
            regs.extend(found_text)
            said.extend(_first_sentence_roles(found_text, entry_text.text))
            first = title_of(entry_text)
            if first and len(first) <= 80:
                # the title is the text's own first sentence, in both languages
                title_swe = _swedish_title(first, title_fin, title_swe, entry_text.swe)
                title_fin = first
            else:
                title_fin = title_fin or first
                if entry_text.swe and not title_swe:
                    title_swe = first_sentence(entry_text.swe)
            used_texts.append(link)
        if not is_empty(group_name):
            title_fin = str(group_name)
        if letter and regs_l and said:
            regs = _text_overrules(letter, regs, regs_l, said, findings)
        lost: list[tuple[str, dict[str, Any]]] = []
        lost_findings: list[tuple[str, str]] = []
        only_modifiers = bool(modifiers) and not regs
        if modifiers:
            regs, attached, lost_findings = attach_modifiers(regs, modifiers, lost)
            decisions.extend(attached)
            findings.extend(lost_findings)
        merged = merge(regs)
        return Base(
            regs=merged,
            seen={self.facts.of(r).sig for r in merged},
            title_fin=title_fin or (letter or "Kaavamääräysryhmä"),
            title_swe=title_swe,
            used_texts=used_texts,
            decisions=decisions,
            findings=findings,
            placed=placed,
            lost=lost,
            lost_findings=lost_findings,
            value_modifiers=[m for m in modifiers if m[1]["type"] in VALUE_MODIFIERS],
            only_modifiers=only_modifiers,
        )

    def letter(
        self,
        letter: str,
        entry: LayerMapping,
        decisions: list[tuple[str, str]],
        findings: list[tuple[str, str]],
        has_text: bool = False,
    ) -> tuple[list[RegSpec], str | None, str | None]:
        """The regulations and titles of a letter code; its decisions and findings are
        recorded (as what/how and rule/message) for the caller to place."""
        role = entry.role
        by_sign = self.texts.by_sign
        parts = self.interp.notation.parts(letter, self.plan_level)
        regs: list[RegSpec] = []
        title_fin = title_swe = None
        for part in parts:
            found = self.interp.letter(part, role)
            if found is None and part.startswith("/"):
                found = self.interp.letter(part[1:], "subarea")
            if found is not None:
                regs.extend(found.regulations)
                title_fin = title_fin or found.title_fin
                title_swe = title_swe or found.title_swe
                decisions.append((f"letter code {part!r}", found.evidence))
                if found.conflict:
                    findings.append(("CV022", found.conflict))
                continue
            if by_sign.get(letter) or has_text:
                decisions.append(
                    (f"letter code {part!r}", "not in the notation table; typed from its text")
                )
                continue
            extracted = [r for r in self.interp.text(part, part) if r.type != "sanallinenMaarays"]
            if extracted:
                regs.extend(extracted)
                decisions.append((f"sign {part!r}", "typed by the extractor"))
                continue
            findings.append(
                ("CV003", f"letter code {part!r} is not in the notation table and has no text")
            )
        if self.texts.legend and not by_sign.get(letter):
            findings.append(
                ("CV010", f"letter code {letter!r} has no entry in the regulation document")
            )
        return regs, title_fin, title_swe


_ROLE_INFOS = ("paakayttotarkoitus", "osaAlue")


def _roles(spec: RegSpec) -> bool:
    return any(a.get("type") in _ROLE_INFOS for a in spec.additional)


def _first_sentence_roles(specs: list[RegSpec], text: str | None) -> list[RegSpec]:
    """The main-use and sub-area regulations a text states in its first sentence (the
    sentence that names what the area is); a meaning looked up in the table (``text`` None)
    states all of its own."""
    end = None
    if text:
        pieces = sentences(text)
        end = pieces[0][1] if pieces else len(text)
    out = []
    for spec in specs:
        if not _roles(spec):
            continue
        if end is None or (spec.span and spec.span[1] > spec.span[0] and spec.span[0] < end):
            out.append(spec)
    return out


def _text_overrules(
    letter: str,
    regs: list[RegSpec],
    from_letter: list[RegSpec],
    said: list[RegSpec],
    findings: list[tuple[str, str]],
) -> list[RegSpec]:
    """The regulations with the letter code's main uses left out when the text names other
    ones and none of the letter's: the text is what the plan says (CV022)."""
    letter_roles = [r for r in from_letter if _roles(r)]
    letter_types = {r.type for r in letter_roles}
    said_types = {r.type for r in said}
    if not letter_types or not said_types or letter_types & said_types:
        return regs
    findings.append(
        (
            "CV022",
            f"letter code {letter!r} stands for {', '.join(sorted(letter_types))}, but its text "
            f"says {', '.join(sorted(said_types))}: the text is followed",
        )
    )
    gone = {id(r) for r in letter_roles}
    return [r for r in regs if id(r) not in gone]


def _swedish_title(
    new_fin: str | None, old_fin: str | None, old_swe: str | None, text_swe: str | None
) -> str | None:
    """The Swedish title that goes with a new Finnish title: the text's own Swedish, else the
    old Swedish title when the Finnish one did not change in substance, else none (a
    translation of another title would be wrong)."""
    if text_swe:
        return first_sentence(text_swe)
    if (
        old_fin
        and new_fin
        and " ".join(old_fin.split()).casefold().rstrip(".")
        == " ".join(new_fin.split()).casefold().rstrip(".")
    ):
        return old_swe
    return None
