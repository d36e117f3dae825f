"""The extractor's output: one :class:`Regulation` per recognised regulation, with its evidence.

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
