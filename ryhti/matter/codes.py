"""Choosing codes by their Finnish names, so a planner never types a code URI.

``Kaavaehdotus`` → ``…/kaavaelinkaari/code/04``; ``Jyväskylä`` → ``179``. A code value
or a full URI is accepted as well. Labels are not unique in every list (``sailytysaika``
has ``Päätöksen antopäivä`` under each retention period; ``RY_Kaavalaji`` has
``Asemakaava`` as a header and as a leaf), so: an exact label wins; among several,
the single leaf code wins; otherwise the choice must name the parent too
(``10 vuotta > Päätöksen antopäivä``) and the error lists the candidates.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any

from ryhti.codelists import Code, registry

__all__ = ["CodeChoiceError", "administrative_area", "choose", "plan_type_code"]


class CodeChoiceError(ValueError):
    """A name that matches no code, or several; the message lists what would match."""


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def choose(list_id: str, text: Any, *, allow_headers: bool = False) -> Code:
    """The code of ``list_id`` named by ``text`` (a Finnish/Swedish/English label, value or URI)."""
    reg = registry()
    code_list = reg[list_id]
    if not isinstance(text, str | int) or isinstance(text, bool) or not str(text).strip():
        raise CodeChoiceError(f"expected a name from {code_list.name()} ({list_id}), got {text!r}")
    raw = str(text).strip()
    direct = code_list.get(raw)
    if direct is not None:
        return direct
    parent_name, sep, child_name = raw.rpartition(">")
    wanted = _norm(child_name if sep else raw)
    matches = [
        code
        for code in code_list.codes
        if any(_norm(label) == wanted for label in code.labels.values() if label)
    ]
    if sep:
        parent_wanted = _norm(parent_name)
        matches = [
            code
            for code in matches
            if (p := code_list.parent(code)) is not None
            and any(_norm(label) == parent_wanted for label in p.labels.values() if label)
        ]
    if len(matches) > 1:
        leaves = [code for code in matches if not code_list.children(code)]
        if len(leaves) == 1 and not allow_headers:
            return leaves[0]
        options = "; ".join(_describe(code, code_list) for code in matches)
        raise CodeChoiceError(
            f"{raw!r} names several codes of {list_id}: {options}; "
            "write the code value or 'parent > name'"
        )
    if matches:
        return matches[0]
    labels = {code.label("fi") or code.value: code for code in code_list.codes}
    close = difflib.get_close_matches(raw, list(labels), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    if not close and len(code_list) <= 30:
        hint = "; one of: " + ", ".join(repr(name) for name in labels)
    raise CodeChoiceError(f"{raw!r} is not a name in {code_list.name()} ({list_id}){hint}")


def _describe(code: Code, code_list: Any) -> str:
    parent = code_list.parent(code)
    where = f" under {parent.label('fi')!r}" if parent is not None else ""
    return f"{code.value} {code.label('fi')!r}{where}"


def plan_type_code(text: str) -> str:
    """RY_Kaavalaji value (``31``) from a value, URI or name (``Asemakaava`` → ``31``)."""
    return choose("RY_Kaavalaji", text).value


def administrative_area(text: str) -> str:
    """Municipality or region code from a code or a name (``Jyväskylä`` → ``179``)."""
    raw = str(text).strip()
    if raw.isdigit():
        return raw
    errors = []
    for list_id in ("municipalities", "regions"):
        try:
            return choose(list_id, raw).value
        except CodeChoiceError as exc:
            errors.append(str(exc))
    raise CodeChoiceError(f"{raw!r} is neither a municipality nor a region")
