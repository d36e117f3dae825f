"""The extractor's output: one :class:`Regulation` per recognised regulation and one
:class:`Modifier` per additional information an entry gives on its own, with their evidence.

Kept apart from the pipeline so that the steps that build regulations (title, quantities,
sentences) and the callers that read them share one small type and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Regulation:
    """One extracted regulation (the JSON output shape is :meth:`to_json`)."""

    type: str
    value: dict[str, Any] | None = None
    additional: list[dict[str, Any]] = field(default_factory=list)
    verbal: list[str] = field(default_factory=list)
    confidence: float = 0.0
    span: tuple[int, int] = (0, 0)
    evidence: str = ""
    modality: str | None = None
    exceptions: list[str] = field(default_factory=list)
    review: bool = False

    def add_info(self, type_: str, value: dict[str, Any] | None = None) -> None:
        """Add additional information once (a value fills an earlier value-less entry)."""
        for item in self.additional:
            if item["type"] == type_:
                if value is not None and item.get("value") is None:
                    item["value"] = value
                    return
                if value is None or item.get("value") == value:
                    return
        self.additional.append({"type": type_, "value": value})

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "value": self.value,
            "additionalInformations": [dict(a) for a in self.additional],
            "verbalRegulations": list(self.verbal),
            "confidence": round(self.confidence, 3),
            "span": [self.span[0], self.span[1]],
            "evidence": self.evidence,
            "modality": self.modality,
            "exceptions": list(self.exceptions),
            "review": self.review,
        }


def append_text(reg: Regulation, sentence: str, span: tuple[int, int]) -> None:
    """Add a sentence to a text-valued regulation and widen its span over it."""
    if reg.value and reg.value.get("dataType") == "LocalizedText":
        old = reg.value["text"].get("fin", "")
        if sentence not in old:
            reg.value["text"]["fin"] = (old + " " + sentence).strip()
    else:
        reg.value = {"dataType": "LocalizedText", "text": {"fin": sentence}}
    reg.span = (
        min(reg.span[0], span[0]) if reg.span != (0, 0) else span[0],
        max(reg.span[1], span[1]),
    )


@dataclass
class Modifier:
    """Additional information an entry gives without a regulation of its own.

    A yleiskaava change class ("Uudet ja olennaisesti muuttuvat alueet"), a modifier line
    ("Uusi seudullinen pääväylä", where the road itself is drawn by another entry) or an
    explanation of a mark ("Alleviivattu luku osoittaa ehdottomasti …") says something about
    whatever its sign is drawn on or combined with (LABELLING.md 7): the code is an
    RY_Kaavamaarayksen_Lisatiedonlaji code for the regulations of that other entry, which
    the caller (``ryhti convert``) attaches it to.
    """

    type: str
    value: dict[str, Any] | None = None
    confidence: float = 0.0
    span: tuple[int, int] = (0, 0)
    evidence: str = ""
    review: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "value": self.value,
            "confidence": round(self.confidence, 3),
            "span": [self.span[0], self.span[1]],
            "evidence": self.evidence,
            "review": self.review,
        }


@dataclass
class Extraction:
    """Everything one legend entry gives: its regulations and its entry-level modifiers."""

    regulations: list[Regulation] = field(default_factory=list)
    modifiers: list[Modifier] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """``{"regulations": [...], "modifiers": [...]}`` (the JSON/JSONL output shape)."""
        return {
            "regulations": [r.to_json() for r in self.regulations],
            "modifiers": [m.to_json() for m in self.modifiers],
        }
