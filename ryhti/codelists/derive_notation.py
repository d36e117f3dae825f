"""The notation table: plan letter codes per plan level → RYHTI regulation codes.

Built from two third-party inputs (the ``plan-notation.json`` of a ``--from`` directory):
the Katja regulation-group libraries (letter, heading, codes per plan level) and the
traditional pre-RYHTI notation lists (letter and meaning only), with the reviewed
corrections and combined signs of :mod:`.notation_review`, and checked against the code
lists of the same snapshot: an unknown or header-level code is a problem of the run, never
a silent entry. See ``docs/codelists.md`` for the table's layout.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from ryhti.codelists.codes import CODE_SEPARATOR
from ryhti.codelists.formats import NOTATION_FORMAT
from ryhti.codelists.notation_review import (
    COMBINED_SIGNS,
    CORRECTIONS,
    KEEP,
    CombinedSign,
    Correction,
)
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

    Rows are corrected first (:data:`~.notation_review.CORRECTIONS`). Traditional entries
    carry only a letter and a meaning; their codes come, in this order, from a correction,
    from a Katja entry of the same level and role (``paakayttotarkoitus`` for main-use
    letters, ``osaAlue`` for sub-area letters) with the same meaning, from one with the same
    letter, or from a unique RY_Kaavamaarayslaji short name; otherwise they stay unmapped.
    ``derived_from`` says which (``correction``, ``katja_meaning``, ``katja``,
    ``short_name``, ``None``). Combined signs (``AKR``) get every member's codes.
    """
    if not isinstance(data, dict) or not isinstance(data.get("katja_libraries"), dict):
        raise InputError("not a notation file: no 'katja_libraries'", source=path)
    regulations = codes_of(lists, "RY_Kaavamaarayslaji")
    infos = codes_of(lists, "RY_Kaavamaarayksen_Lisatiedonlaji")
    review = _Review(CORRECTIONS)
    entries: list[dict[str, Any]] = []
    libraries: dict[str, Any] = {}
    katja = _KatjaIndex()
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
            review.apply("katja", entry)
            entries.append(entry)
            katja.add(entry)
    short_names: dict[str, list[str]] = {}
    for value, code in regulations.items():
        if code.get("short_name") and not code.get("header"):
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
            entry = {
                "letter": clean(item.get("letter_code")),
                "plan_level": level,
                "origin": "traditional",
                "meaning_fi": clean(item.get("meaning_fi")),
                "role": role,
                "regulations": [],
                "derived_from": None,
            }
            if clean(item.get("main_class_fi")):
                entry["main_class_fi"] = clean(item.get("main_class_fi"))
            if review.apply("traditional", entry):
                entry["derived_from"] = "correction"
            else:
                entry["regulations"], entry["derived_from"] = _derive_traditional(
                    entry, role, katja, short_names
                )
            unmapped += not entry["regulations"]
            entries.append(entry)
    for sign in COMBINED_SIGNS:
        combined = _combined(sign, katja, problems)
        if combined is not None:
            entries.append(combined)
    review.report_unused(problems)
    for entry in entries:
        _check_codes(entry, regulations, infos, problems)
    counts: dict[str, int] = {}
    for entry in entries:
        key = f"{entry['origin']}:{entry['plan_level']}"
        counts[key] = counts.get(key, 0) + 1
    counts["traditional_unmapped"] = unmapped
    counts["corrections"] = len(review.used)
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    doc = {
        "format": NOTATION_FORMAT,
        "plan_levels": list(PLAN_LEVELS),
        "sources": {
            "katja": libraries,
            "traditional": provenance_of(sources.get("traditional")),
            "short_names": "shortName of RY_Kaavamaarayslaji codes in this snapshot (added at load time)",
            "corrections": "reviewed by the project against the code-list labels and "
            "descriptions (ryhti/codelists/notation_review.py)",
        },
        "counts": dict(sorted(counts.items())),
        "corrections": review.records(),
        "entries": entries,
    }
    provenance = {
        "upstream": {
            "katja": provenance_of(sources.get("katja")),
            "traditional": provenance_of(sources.get("traditional")),
        }
    }
    return doc, provenance


# ------------------------------------------------------------------------------------------
# Corrections, derivation, combined signs, checks
# ------------------------------------------------------------------------------------------


class _Review:
    """Applies the reviewed corrections to source rows and remembers which ones matched."""

    def __init__(self, corrections: tuple[Correction, ...]) -> None:
        self.corrections = corrections
        self.used: dict[int, int] = {}

    def apply(self, source: str, entry: dict[str, Any]) -> bool:
        """Correct ``entry`` in place; True if the correction set its regulations."""
        for number, fix in enumerate(self.corrections):
            if not fix.matches(source, entry):
                continue
            self.used[number] = self.used.get(number, 0) + 1
            if fix.new_letter != KEEP:
                entry["letter"] = fix.new_letter
            if fix.new_meaning is not None:
                entry["meaning_fi"] = fix.new_meaning
            if fix.regulations is not None:
                entry["regulations"] = copy.deepcopy(list(fix.regulations))
                return True
            return False
        return False

    def report_unused(self, problems: list[str]) -> None:
        for number, fix in enumerate(self.corrections):
            count = self.used.get(number, 0)
            if count != 1:
                problems.append(
                    f"notation: the correction of {fix.source} {fix.plan_level} "
                    f"{fix.letter!r} {fix.meaning_fi!r} matches {count} rows, not one "
                    "(the source changed: review the correction)"
                )

    def records(self) -> list[dict[str, Any]]:
        return [
            {
                "source": fix.source,
                "plan_level": fix.plan_level,
                "letter": fix.letter,
                "meaning_fi": fix.meaning_fi,
                **({"with_info": fix.with_info} if fix.with_info else {}),
                "set": fix.changes(),
                "why": fix.why,
            }
            for number, fix in enumerate(self.corrections)
            if number in self.used
        ]


def _meaning_key(text: str | None) -> str:
    """A meaning compared across lists: ``Asuinrakennusten korttelialue`` = ``… alue``."""
    words = " ".join((text or "").casefold().rstrip(".").split())
    return words.replace("korttelialue", "alue")


def _has_role(entry: dict[str, Any], role: str) -> bool:
    return any(
        info["type"] == role
        for reg in entry["regulations"]
        for info in reg["additional_information"]
    )


def _simplest(candidates: list[dict[str, Any]]) -> dict[str, Any]:
    return min(
        candidates,
        key=lambda e: (
            sum(len(reg["additional_information"]) for reg in e["regulations"])
            + len(e["regulations"])
        ),
    )


class _KatjaIndex:
    """Katja entries by (level, letter) and by (level, meaning)."""

    def __init__(self) -> None:
        self.by_letter: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.by_meaning: dict[tuple[str, str], list[dict[str, Any]]] = {}

    def add(self, entry: dict[str, Any]) -> None:
        if entry["letter"]:
            self.by_letter.setdefault((entry["plan_level"], entry["letter"]), []).append(entry)
        if entry["meaning_fi"]:
            key = (entry["plan_level"], _meaning_key(entry["meaning_fi"]))
            self.by_meaning.setdefault(key, []).append(entry)

    def find(
        self, level: str, role: str, *, letter: str | None = None, meaning: str | None = None
    ) -> dict[str, Any] | None:
        if letter is not None:
            found = self.by_letter.get((level, letter), [])
        else:
            found = self.by_meaning.get((level, _meaning_key(meaning)), [])
        candidates = [entry for entry in found if _has_role(entry, role)]
        return _simplest(candidates) if candidates else None


def _derive_traditional(
    entry: dict[str, Any],
    role: str,
    katja: _KatjaIndex,
    short_names: dict[str, list[str]],
) -> tuple[list[dict[str, Any]], str | None]:
    level, letter = entry["plan_level"], entry["letter"]
    by_letter = katja.find(level, role, letter=letter) if letter else None
    by_meaning = (
        katja.find(level, role, meaning=entry["meaning_fi"]) if entry["meaning_fi"] else None
    )
    if by_meaning is not None and (
        by_letter is None or by_letter["regulations"] != by_meaning["regulations"]
    ):
        # The meaning is what plans (and qaava's own data) store; a letter that leads
        # elsewhere is the list's mistake, and the corrections give it the right letter.
        return copy.deepcopy(by_meaning["regulations"]), "katja_meaning"
    if by_letter is not None:
        return copy.deepcopy(by_letter["regulations"]), "katja"
    if not letter:
        return [], None
    codes = short_names.get(letter, [])
    if len(codes) == 1:
        return [{"code": codes[0], "additional_information": [{"type": role}]}], "short_name"
    return [], None


def _combined(sign: CombinedSign, katja: _KatjaIndex, problems: list[str]) -> dict[str, Any] | None:
    """The entry of a combined sign: the codes of each member's Katja main-use entry."""
    regulations: list[dict[str, Any]] = []
    for member in sign.members:
        found = katja.find(sign.plan_level, "paakayttotarkoitus", letter=member)
        if found is None:
            problems.append(
                f"notation: combined sign {sign.letter!r}: no {sign.plan_level} main-use entry "
                f"for its member {member!r}"
            )
            return None
        regulations.extend(copy.deepcopy(found["regulations"]))
    return {
        "letter": sign.letter,
        "plan_level": sign.plan_level,
        "origin": "combined",
        "meaning_fi": sign.meaning_fi,
        "meaning_sv": sign.meaning_sv,
        "role": "paakayttotarkoitus",
        "members": list(sign.members),
        "regulations": regulations,
        "derived_from": "katja",
        "why": sign.why,
    }


def _check_codes(
    entry: dict[str, Any],
    regulations: dict[str, dict[str, Any]],
    infos: dict[str, dict[str, Any]],
    problems: list[str],
) -> None:
    """Unknown and header-level codes of an entry become problems of the run."""
    name = f"{entry['letter']!r} ({entry['plan_level']}, {entry['meaning_fi']!r})"
    for reg in entry["regulations"]:
        code = regulations.get(reg["code"])
        if code is None:
            problems.append(f"notation: {name}: unknown regulation code {reg['code']!r}")
        elif code.get("header"):
            problems.append(f"notation: {name}: header-level regulation code {reg['code']!r}")
        for info in reg["additional_information"]:
            kind = infos.get(info["type"])
            if kind is None:
                problems.append(
                    f"notation: {name}: unknown additional information {info['type']!r}"
                )
            elif kind.get("header"):
                problems.append(
                    f"notation: {name}: header-level additional information {info['type']!r}"
                )
            if "value" in info and "code_list" not in info:
                value = regulations.get(info["value"])
                if value is None:
                    problems.append(f"notation: {name}: unknown code value {info['value']!r}")
                elif value.get("header"):
                    problems.append(f"notation: {name}: header-level code value {info['value']!r}")
