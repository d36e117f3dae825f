"""What a regulating sentence obliges: must, must not or may, and the exceptions it states.

A planner reviewing extracted regulations needs to see at a glance whether a sentence orders
("on istutettava"), forbids ("ei saa sijoittaa") or allows ("saa rakentaa"), and which
exceptions ("lukuun ottamatta …", "ellei …") narrow it; these are kept on every verbal result.
"""

from __future__ import annotations

import re

_MUST = re.compile(
    r"\b(on|ovat)\s+\w+(ttava|ttävä|tava|tävä|ava|ävä)\b|\btulee\b|\btulevat\b|\bpitää\b|\bon\s+oltava\b|\bedellyttää\b",
    re.IGNORECASE,
)
_MUST_NOT = re.compile(
    r"\bei\s+saa\b|\beivät\s+saa\b|\bei\s+sallita\b|\bon\s+kielletty|\bkielletään\b|\bei\s+tule\b|\bei\s+voi\b",
    re.IGNORECASE,
)
_MAY = re.compile(
    r"\bsaa\b|\bsaavat\b|\bvoidaan\b|\bsallitaan\b|\bon\s+sallittu|\bvoi\b", re.IGNORECASE
)
_EXCEPTION = re.compile(
    r"(?:lukuun\s+ottamatta|paitsi|poikkeuksena|kuitenkin|ellei|poislukien|pois\s+lukien)[^.;]*",
    re.IGNORECASE,
)


def modality_of(sentence: str) -> str | None:
    """``must`` / ``must_not`` / ``may`` as stated in the sentence, else ``None``."""
    if _MUST_NOT.search(sentence):
        return "must_not"
    if _MUST.search(sentence):
        return "must"
    if _MAY.search(sentence):
        return "may"
    return None


def exceptions_of(sentence: str) -> list[str]:
    """The exception clauses of a sentence, verbatim."""
    return [m.group(0).strip() for m in _EXCEPTION.finditer(sentence)]
