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
