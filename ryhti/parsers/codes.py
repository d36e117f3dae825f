"""Code-list lookups the converter needs, over the code-list registry.

Small helpers that turn the converter's bare code values into what the plan JSON
carries (URIs, labels) and answer what the converter must know about a code before it
emits one. They read :func:`ryhti.codelists.registry` and add nothing to it.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "INFO_LIST",
    "LIFECYCLE",
    "REG_LIST",
    "UNDERGROUND",
    "VERBAL_LIST",
    "code_uri",
    "code_value",
    "label",
    "main_use_letter",
]

LIFECYCLE = "kaavaelinkaari"
REG_LIST = "RY_Kaavamaarayslaji"
INFO_LIST = "RY_Kaavamaarayksen_Lisatiedonlaji"
VERBAL_LIST = "RY_Sanallisen_Kaavamaarayksen_Laji"
UNDERGROUND = "RY_MaanalaisuudenLaji"


def label(reg: Any, list_id: str, value: str) -> str:
    """The Finnish label of a code (the code itself when the list does not know it)."""
    code = reg[list_id].get(value)
    return (code.label("fi") if code else None) or value


def code_uri(reg: Any, list_id: str, value: str) -> str:
    """The URI of a code value (a URI is kept; a value the list lacks stays as it is)."""
    if "://" in value:
        return value
    try:
        return reg.code_uri(list_id, value)
    except Exception:
        return value


def list_uri(reg: Any, list_id: str) -> str:
    """The URI of a code list."""
    uri = reg.code_uri(list_id, "x")
    return uri.rsplit("/code/", 1)[0]


def code_value(reg: Any, value: dict[str, Any]) -> dict[str, Any]:
    """A ``Code`` value with its bare code and list made URIs (other values unchanged)."""
    if value.get("dataType") == "Code" and value.get("code") and "://" not in value["code"]:
        list_id = value.get("codeList") or REG_LIST
        list_id = list_id.rsplit("/", 1)[-1]
        if list_id in reg:
            out = dict(value)
            out["code"] = reg.code_uri(list_id, value["code"])
            out["codeList"] = list_uri(reg, list_id)
            return out
    return value


def main_use_letter(
    reg: Any, notation: Any, codes: list[str], title: str | None, level: str | None
) -> tuple[str, str] | None:
    """The letter code of a main-use group whose source gave none, and why.

    Syke requires one. The notation table's sign for the group's own title comes first when
    its codes include the group's main uses ("Asuin-, liike- ja toimistorakennusten
    korttelialue" → AL, as the legend has it); else the code list's short name of the first
    main use (A). ``None`` for a group with no main use (a building area needs no letter)."""
    if not codes:
        return None
    if title:
        for entry in notation.by_meaning(title, level):
            if entry.letter and {r.code for r in entry.regulations} >= set(codes):
                return entry.letter, f"as the notation table's sign for the title {title[:80]!r}"
    for value in codes:
        code = reg[REG_LIST].get(value)
        if code is not None and code.short_name:
            return code.short_name, "from the code list's short name"
    return None
