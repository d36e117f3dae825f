"""The notation table: plan letter codes per plan level → RYHTI regulation codes.

Built from two third-party inputs (the ``plan-notation.json`` of a ``--from`` directory):
the Katja regulation-group libraries (letter, heading, codes per plan level) and the
traditional pre-RYHTI notation lists (letter and meaning only), checked against the code
lists of the same snapshot. See ``docs/codelists.md`` for the table's layout.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ryhti.codelists.codes import CODE_SEPARATOR
from ryhti.codelists.formats import NOTATION_FORMAT
from ryhti.codelists.sources import BuiltList, clean, codes_of, provenance_of
from ryhti.codelists.tables import PLAN_LEVELS
from ryhti.errors import InputError

_TRADITIONAL_KEY = re.compile(r"^traditional_(?P<level>[a-z]+?)(?P<osa>_osa_alueet)?$")


def _additional_info(raw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": raw["type"]}
    value = clean(raw.get("code_value")) or clean(raw.get("value"))
    code_list = clean(raw.get("code_list"))
    if value and CODE_SEPARATOR in value:
        list_uri, _, value = value.rpartition(CODE_SEPARATOR)
        code_list = code_list or list_uri
    if value:
        out["value"] = value
    if code_list:
        out["code_list"] = code_list
    return out


def _geometry(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    return [g for g in raw or () if isinstance(g, str)]


def build_notation(
    data: Any, lists: dict[str, BuiltList], problems: list[str], path: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Letter codes per plan level → RYHTI codes, from the Katja libraries and traditional lists.

    Traditional entries carry only a letter and a meaning. Their codes are found through a
    Katja entry of the same level and letter with the same role (``paakayttotarkoitus`` for
    main-use letters, ``osaAlue`` for lower-case sub-area letters), else through a unique
    RY_Kaavamaarayslaji short name; otherwise they stay unmapped. ``derived_from`` says which.
    """
    if not isinstance(data, dict) or not isinstance(data.get("katja_libraries"), dict):
        raise InputError("not a notation file: no 'katja_libraries'", source=path)
    regulations = codes_of(lists, "RY_Kaavamaarayslaji")
    infos = codes_of(lists, "RY_Kaavamaarayksen_Lisatiedonlaji")
    entries: list[dict[str, Any]] = []
    libraries: dict[str, Any] = {}
    katja_index: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for level, library in data["katja_libraries"].items():
        if level not in PLAN_LEVELS:
            problems.append(f"notation: unknown plan level {level!r} in katja_libraries")
            continue
        libraries[level] = {
            key: library[key] for key in ("name", "version") if isinstance(library.get(key), str)
        } | {"source": provenance_of(library.get("source"))}
        for group in library.get("groups", ()):
            entry: dict[str, Any] = {
                "letter": clean(group.get("letter_code")),
                "plan_level": level,
                "origin": "katja",
                "meaning_fi": clean(group.get("heading_fi")),
                "meaning_sv": clean(group.get("heading_sv")),
                "category": clean(group.get("category")),
                "geometry": _geometry(group.get("geometry")),
                "regulations": [
                    {
                        "code": reg["regulation_code"],
                        "additional_information": [
                            _additional_info(info)
                            for info in reg.get("additional_information") or ()
                        ],
                    }
                    for reg in group.get("regulations", ())
                ],
            }
            entries.append(entry)
            if entry["letter"]:
                katja_index.setdefault((level, entry["letter"]), []).append(entry)
    short_names: dict[str, list[str]] = {}
    for value, code in regulations.items():
        if code.get("short_name"):
            short_names.setdefault(code["short_name"], []).append(value)
    unmapped = 0
    for key, items in data.items():
        match = _TRADITIONAL_KEY.match(key)
        if not match or not isinstance(items, list):
            continue
        level = match.group("level")
        if level not in PLAN_LEVELS:
            problems.append(f"notation: unknown plan level in {key!r}")
            continue
        role = "osaAlue" if match.group("osa") else "paakayttotarkoitus"
        for item in items:
            letter = clean(item.get("letter_code"))
            regs, derived = _derive_traditional(letter, level, role, katja_index, short_names)
            entry = {
                "letter": letter,
                "plan_level": level,
                "origin": "traditional",
                "meaning_fi": clean(item.get("meaning_fi")),
                "role": role,
                "regulations": regs,
                "derived_from": derived,
            }
            if clean(item.get("main_class_fi")):
                entry["main_class_fi"] = clean(item.get("main_class_fi"))
            unmapped += not regs
            entries.append(entry)
    for entry in entries:
        for reg in entry["regulations"]:
            if reg["code"] not in regulations:
                problems.append(
                    f"notation: {entry['letter']!r}: unknown regulation code {reg['code']!r}"
                )
            for info in reg["additional_information"]:
                if info["type"] not in infos:
                    problems.append(
                        f"notation: {entry['letter']!r}: unknown additional information {info['type']!r}"
                    )
                if "value" in info and "code_list" not in info and info["value"] not in regulations:
                    problems.append(
                        f"notation: {entry['letter']!r}: unknown code value {info['value']!r}"
                    )
    counts: dict[str, int] = {}
    for entry in entries:
        key = f"{entry['origin']}:{entry['plan_level']}"
        counts[key] = counts.get(key, 0) + 1
    counts["traditional_unmapped"] = unmapped
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    doc = {
        "format": NOTATION_FORMAT,
        "plan_levels": list(PLAN_LEVELS),
        "sources": {
            "katja": libraries,
            "traditional": provenance_of(sources.get("traditional")),
            "short_names": "shortName of RY_Kaavamaarayslaji codes in this snapshot (added at load time)",
        },
        "counts": dict(sorted(counts.items())),
        "entries": entries,
    }
    provenance = {
        "upstream": {
            "katja": provenance_of(sources.get("katja")),
            "traditional": provenance_of(sources.get("traditional")),
        }
    }
    return doc, provenance


def _derive_traditional(
    letter: str | None,
    level: str,
    role: str,
    katja_index: dict[tuple[str, str], list[dict[str, Any]]],
    short_names: dict[str, list[str]],
) -> tuple[list[dict[str, Any]], str | None]:
    if not letter:
        return [], None
    candidates = [
        entry
        for entry in katja_index.get((level, letter), ())
        if any(
            info["type"] == role
            for reg in entry["regulations"]
            for info in reg["additional_information"]
        )
    ]
    if candidates:
        best = min(
            candidates,
            key=lambda e: (
                sum(len(reg["additional_information"]) for reg in e["regulations"])
                + len(e["regulations"])
            ),
        )
        return [dict(reg) for reg in best["regulations"]], "katja"
    codes = short_names.get(letter, [])
    if len(codes) == 1:
        return [{"code": codes[0], "additional_information": [{"type": role}]}], "short_name"
    return [], None
