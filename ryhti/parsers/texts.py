"""Regulation texts of a conversion: the legend, texts layers, general regulations, Swedish.

Texts come from regulation documents (``--regulations``), from the source itself
(KuntaGML ``Kaavamaarays``, the national model's ``RegulativeText``) and from texts
layers of the mapping. :class:`Texts` holds them all, finds the entries for a sign or an
id, types a text (with its Swedish translation joined to the verbal regulations it
translates), gathers the general regulations and names the texts no feature used.
"""

from __future__ import annotations

from typing import Any

from ryhti.parsers.columns import truthy
from ryhti.parsers.guards import Guard
from ryhti.parsers.interpret import (
    Interpreter,
    RegSpec,
    is_empty,
    merge,
    verbal_swedish,
    with_swedish,
)
from ryhti.parsers.mapping import LayerMapping
from ryhti.parsers.modifiers import keep_verbatim, unattached
from ryhti.parsers.report import Journal, line_of
from ryhti.parsers.rules import finding
from ryhti.parsers.source import Layer, TextEntry
from ryhti.parsers.textvalues import Withheld, place_values, withhold

__all__ = ["Texts", "first_sentence", "title_of"]


class Texts:
    """Every regulation text of one conversion and which groups used it."""

    def __init__(
        self,
        interp: Interpreter,
        legend: list[TextEntry],
        source_texts: list[TextEntry],
        file: str,
        journal: Journal,
        guard: Guard,
    ) -> None:
        self.interp = interp
        self.guard = guard
        self.file = file
        self.journal = journal
        #: entries of the regulation documents and the texts layers
        self.legend = legend
        self.source_texts = source_texts
        self.by_sign: dict[str, list[TextEntry]] = {}
        for entry in legend:
            if entry.sign and not entry.general:
                self.by_sign.setdefault(entry.sign, []).append(entry)
        self.by_id = {t.id: t for t in [*source_texts, *legend]}
        #: id of a text → keys of the groups that use it
        self.used: dict[str, set[str]] = {}

    def all(self) -> list[TextEntry]:
        """Every text: the legend's first, then the source's own."""
        return [*self.legend, *self.source_texts]

    def use(self, text_id: str, group_key: str) -> None:
        """Record that group ``group_key`` carries text ``text_id``."""
        self.used.setdefault(text_id, set()).add(group_key)

    def regulations(
        self,
        text: str,
        sign: str | None,
        swe: str | None,
        decisions: list[tuple[str, str]],
        findings: list[tuple[str, str]],
        placed: list[tuple[str, RegSpec]] | None = None,
        modifiers: list[tuple[str, dict[str, Any]]] | None = None,
    ) -> list[RegSpec]:
        """The regulations of a Finnish text, their verbal texts carrying the Swedish
        translation where it can be paired (:func:`with_swedish`); where it cannot, a CV019
        finding says which regulation stays Finnish only. A Swedish text without a Finnish
        one is kept as a Swedish verbal regulation, with a CV019 finding.

        Values the text states for named places, lists, or could not have are withheld
        (:func:`~ryhti.parsers.textvalues.withhold`; CV021, CV006); those stated for a place
        are appended to ``placed`` as (place, regulation) for the caller to attach to the
        feature of that name.

        The additional information the text gives without a regulation (a change class, a
        modifier line; :mod:`ryhti.parsers.modifiers`) is appended to ``modifiers`` as
        (text, modifier) for the caller to attach to the feature's other regulations;
        without ``modifiers`` it is reported (CV026), never dropped silently."""
        swe = swe.strip() if swe else None
        if not text:
            if not swe:
                return []
            findings.append(
                (
                    "CV019",
                    f"Swedish text {swe[:80]!r} has no Finnish text; kept as a verbal "
                    "regulation in Swedish only",
                )
            )
            return [verbal_swedish(swe)]
        specs = self.interp.text(text, sign)
        found = [(text, m) for m in self.interp.modifiers(text, sign)]
        if modifiers is not None:
            modifiers.extend(found)
        else:
            findings.extend(unattached(found, "the general regulations"))
            if found and not specs:
                specs = [keep_verbatim(text)]
        regs, withheld = withhold(text, specs)
        for item in withheld:
            findings.append(_withheld_finding(item))
            if item.place is not None and placed is not None:
                placed.append((item.place, item.spec))
        for place, written, sentence in place_values(text, specs):
            findings.append(
                (
                    "CV021",
                    f"{written} is stated for {place} in {sentence[:100]!r}: no value of these "
                    "features; the sentence is kept as verbal text",
                )
            )
        if not swe:
            return regs
        paired, complete = with_swedish(regs, text, swe)
        if not complete:
            findings.append(
                (
                    "CV019",
                    f"Swedish text {swe[:80]!r} could not be paired sentence by sentence "
                    "with the Finnish text the extractor left; that verbal regulation is in "
                    "Finnish only",
                )
            )
        elif all(a is b for a, b in zip(paired, regs, strict=True)):
            decisions.append(
                (
                    f"Swedish text {swe[:80]!r}",
                    "the regulations typed from the Finnish text hold no text to translate; "
                    "the Swedish text serves at most as the group's Swedish title",
                )
            )
        return paired

    def read_layer(self, layer: Layer, entry: LayerMapping) -> None:
        """A texts layer of the mapping: each row with a text becomes a text entry."""
        f = entry.fields
        attrs = layer.attributes
        for i, fid in enumerate(layer.fids):
            row = attrs.iloc[i]
            text = row.get(f.get("text", ""), None) if f.get("text") else None
            swe = row.get(f["text_swe"], None) if f.get("text_swe") else None
            sign = row.get(f.get("sign", ""), None) if f.get("sign") else None
            general = truthy(row.get(f["general"])) if f.get("general") else False
            rep: dict[str, Any] = {"layer": layer.name, "fid": fid, **line_of(layer, i)}
            if is_empty(text):
                rep.update(fate="empty", reason="no regulation text")
            else:
                tid = f"{layer.name}:{fid}"
                entry_text = TextEntry(
                    id=tid,
                    text=str(text).strip(),
                    sign=None if is_empty(sign) else str(sign).strip(),
                    general=general or is_empty(sign),
                    file=self.file,
                    swe=None if is_empty(swe) else str(swe).strip(),
                )
                self.legend.append(entry_text)
                self.by_id[tid] = entry_text
                if entry_text.sign and not entry_text.general:
                    self.by_sign.setdefault(entry_text.sign, []).append(entry_text)
                rep.update(fate="regulationText", textId=tid)
            self.journal.feature_reports.append(rep)

    def general_regulations(self, key: str) -> list[RegSpec] | None:
        """The regulations of every general text, for the general group ``key`` (None when
        the plan has no general texts)."""
        general = [t for t in self.all() if t.general]
        if not general:
            return None
        regs: list[RegSpec] = []
        decisions: list[tuple[str, str]] = []
        findings: list[tuple[str, str]] = []
        for t in general:
            regs.extend(self.regulations(t.text, None, t.swe, decisions, findings))
            self.use(t.id, key)
        self.journal.place(decisions, findings, {"file": self.file}, key)
        regs, guarded = self.guard.check(merge(regs))
        self.journal.place([], guarded, {"file": self.file}, key)
        return regs

    def note_unlinked(self) -> None:
        """A CV009 finding for every text that no group uses."""
        for t in self.all():
            if t.id in self.used:
                continue
            self.journal.note(
                finding(
                    "CV009",
                    f"regulation text {t.sign or ''} {t.text[:80]!r} is used by no map feature",
                    file=t.file or self.file,
                    line=t.line,
                    data={"textId": t.id},
                )
            )


def _withheld_finding(item: Withheld) -> tuple[str, str]:
    value = item.spec.value or {}
    amount = value.get("number", value.get("maximumValue"))
    unit = value.get("unitOfMeasure") or ""
    what = f"{item.spec.type} {amount} {unit}".strip()
    if item.reason == "impossible":
        return (
            "CV006",
            f"{what} in {item.sentence[:100]!r} is not a possible value (a positive number is "
            "needed; a placeholder of the legend?); the sentence is kept as verbal text",
        )
    if item.reason == "place":
        return (
            "CV021",
            f"{what} is stated for {item.place} in {item.sentence[:100]!r}: attached only to a "
            "feature of that name; elsewhere the sentence is kept as verbal text",
        )
    return (
        "CV021",
        f"{what} is one of several values of {item.spec.type} in {item.sentence[:100]!r}: it "
        "cannot be shared out to the features, so the sentence is kept as verbal text",
    )


def title_of(entry: TextEntry) -> str | None:
    """A text's title: its first sentence, else its heading."""
    if entry.text:
        return first_sentence(entry.text)
    return entry.heading


def first_sentence(text: str) -> str:
    """The first sentence of the first line, without its full stop (200 characters at most)."""
    head = text.strip().split("\n", 1)[0]
    for stop in (". ", "; "):
        if stop in head:
            head = head.split(stop, 1)[0]
    return head.rstrip(".").strip()[:200]
