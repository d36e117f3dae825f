"""The value-types table: allowed ``dataType``s, units and code lists per code.

Built from the ``units_and_value_types.json`` of a ``--from`` directory (Syke's statements
in words and Arho's configuration) and the data-model notes transcribed in
:mod:`ryhti.codelists.catalogue`. See ``docs/codelists.md`` for the table's layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ryhti.codelists import catalogue
from ryhti.codelists.formats import VALUE_TYPES_FORMAT
from ryhti.codelists.sources import BuiltList, clean, codes_of, provenance_of
from ryhti.errors import InputError

_UNIT_TOKEN = re.compile(r"^(?:%|°|dB|(?:k-)?m[23]?(?:/(?:k-)?m[23]?)?)$")


def parse_units(text: Any) -> list[str]:
    """Units named in a source field: ``k-m2``, ``k-m3 (text) / m3 (Arho)``, ``degree (°)``.

    Only tokens that look like units are kept; prose (``ratio vegetated surface / area``)
    gives nothing rather than a made-up unit.
    """
    value = clean(text)
    if not value:
        return []
    candidates = [value, *re.findall(r"\(([^()]*)\)", value)]
    candidates += [part.split()[0] for part in value.split(" / ") if part.split()]
    found: list[str] = []
    for candidate in candidates:
        token = catalogue.UNIT_SYNONYMS.get(candidate.strip(), candidate.strip())
        if _UNIT_TOKEN.match(token) and token not in found:
            found.append(token)
    return found


def _add_unique(target: list[str], values: Iterable[str]) -> None:
    for value in values:
        if value and value not in target:
            target.append(value)


def build_value_types(
    data: Any, lists: dict[str, BuiltList], problems: list[str], path: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Allowed ``dataType``s, units and code lists per regulation / additional-information type.

    Syke's statements (validation-rule PDF, in words) are mapped to API types and listed
    first, Arho's configuration second, the data-model notes (§9.4) last; the allowed types
    are their union because the live validator is known to accept more than Syke lists.
    """
    if not isinstance(data, dict) or not isinstance(data.get("regulation_value_types"), list):
        raise InputError("not a value-types file: no 'regulation_value_types'", source=path)
    tables: dict[str, dict[str, dict[str, Any]]] = {"regulations": {}, "additional_information": {}}

    def entry_for(kind: str, code: str) -> dict[str, Any]:
        return tables[kind].setdefault(
            code, {"data_types": [], "units": [], "code_lists": [], "value": None, "evidence": []}
        )

    for raw in data["regulation_value_types"]:
        code = raw["regulation_code"]
        entry = entry_for("regulations", code)
        syke_value = clean(raw.get("syke_value"))
        if syke_value or clean(raw.get("syke_unit")):
            mapped = catalogue.SYKE_VALUE_KINDS.get(syke_value or "")
            if syke_value and mapped is None:
                problems.append(
                    f"value types: {code}: Syke value kind {syke_value!r} has no API type"
                )
            units = parse_units(raw.get("syke_unit"))
            entry["evidence"].append(
                {
                    "source": "syke",
                    "value": syke_value,
                    "data_type": mapped,
                    "unit": clean(raw.get("syke_unit")),
                }
            )
            _add_unique(entry["data_types"], [mapped] if mapped else [])
            _add_unique(entry["units"], units)
        _add_arho(entry, raw)
    for raw in data.get("additional_information_value_types", ()):
        code = raw["additional_information_code"]
        entry = entry_for("additional_information", code)
        _add_arho(entry, raw)
    for fact in catalogue.DOC_VALUE_FACTS:
        entry = entry_for(fact["kind"], fact["code"])
        entry["evidence"].append(
            {
                "source": catalogue.DOC_VALUE_SOURCE,
                **{k: v for k, v in fact.items() if k not in ("kind", "code")},
            }
        )
        _add_unique(entry["data_types"], fact.get("data_types", ()))
        _add_unique(entry["code_lists"], fact.get("code_lists", ()))
        if fact.get("value"):
            entry["value"] = fact["value"]
    known = {
        "regulations": codes_of(lists, "RY_Kaavamaarayslaji"),
        "additional_information": codes_of(lists, "RY_Kaavamaarayksen_Lisatiedonlaji"),
    }
    list_uris = {built.doc["uri"] for built in lists.values()}
    for kind, entries in tables.items():
        for code, entry in entries.items():
            if code not in known[kind]:
                problems.append(f"value types: unknown {kind} code {code!r}")
            for data_type in entry["data_types"]:
                if data_type not in catalogue.DATA_TYPES:
                    problems.append(f"value types: {code}: unknown dataType {data_type!r}")
            for code_list in entry["code_lists"]:
                if code_list not in list_uris:
                    problems.append(
                        f"value types: {code}: code list {code_list!r} is not in the snapshot"
                    )
            if entry["value"] == "none" and entry["data_types"]:
                problems.append(
                    f"value types: {code}: said to take no value but has types {entry['data_types']}"
                )
    sources = [provenance_of(s) for s in data.get("sources", ()) if isinstance(s, dict)]
    doc = {
        "format": VALUE_TYPES_FORMAT,
        "sources": {
            "syke": "Syke validation rules for plan data (PDF, 19.2.2024), value kinds in words mapped to API dataTypes",
            "arho": "Gispo Arho QGIS plugin configuration (value types and units)",
            catalogue.DOC_VALUE_SOURCE: "RYHTI data-model notes, quantity regulations and additional information",
            "upstream": sources,
        },
        "regulations": {
            code: _finish(entry) for code, entry in sorted(tables["regulations"].items())
        },
        "additional_information": {
            code: _finish(entry) for code, entry in sorted(tables["additional_information"].items())
        },
    }
    return doc, {"upstream": sources, "docs": catalogue.DOC_VALUE_SOURCE}


def _add_arho(entry: dict[str, Any], raw: dict[str, Any]) -> None:
    data_type = clean(raw.get("arho_value_type"))
    unit = clean(raw.get("arho_unit"))
    code_list = clean(raw.get("code_list"))
    if not (data_type or unit or code_list):
        return
    evidence: dict[str, Any] = {"source": "arho", "data_type": data_type, "unit": unit}
    if code_list:
        evidence["code_list"] = code_list
    entry["evidence"].append(evidence)
    _add_unique(entry["data_types"], [data_type] if data_type else [])
    _add_unique(entry["units"], parse_units(unit))
    _add_unique(entry["code_lists"], [code_list] if code_list else [])


def _finish(entry: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"data_types": entry["data_types"], "units": entry["units"]}
    if entry["code_lists"]:
        out["code_lists"] = entry["code_lists"]
    out["value"] = entry["value"]
    out["evidence"] = entry["evidence"]
    return out
