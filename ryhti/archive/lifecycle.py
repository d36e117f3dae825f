"""Lifecycle, plan level and municipality: what the archive needs to answer "in force?".

A plan's lifecycle status (``kaavaelinkaari``) says where it stands; the code list's own
descriptions decide which statuses mean the plan applies: 13 *Voimassa* (announced in
force), 11 *Voimassa ennen kaavan lainvoimaisuutta* (in force before legal force, regional
plans) and 10 *Osittain voimassa* (partly in force). 12 *Lainvoimainen* has legal force but
is not yet announced in force, so it does not count (a planner sees it with ``--all``).
A plan in force stops applying when a plan in force cancels it entirely
(``cancelsEntirePlan``), or outside its ``periodOfValidity``.

The versions of one plan (its ``planKey``) follow the process; the most advanced one is the
plan's current version (:data:`RANK`), whatever order the versions were added in.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ryhti.errors import UsageError

__all__ = [
    "IN_FORCE",
    "LEVELS",
    "RANK",
    "code_tail",
    "infer_level",
    "lifecycle_label",
    "lifecycle_of",
    "municipality_code",
    "municipality_name",
    "normalise_level",
    "status_text",
]

#: Lifecycle statuses under which a plan applies (kaavaelinkaari 10, 11, 13).
IN_FORCE = frozenset({"10", "11", "13"})

#: Process order of the statuses: the current version of a plan is its highest.
_ORDER = ("01", "02", "03", "04", "05", "06", "07", "08", "09", "11", "12", "13", "10")
RANK: dict[str, int] = {code: n for n, code in enumerate((*_ORDER, "14", "15", "16", "17"), 1)}

#: Plan levels, from the top down (``here`` lists them in this order).
LEVELS = ("maakuntakaava", "yleiskaava", "asemakaava")

#: Regulation codes only an asemakaava gives (blocks, plots, building rights).
_DETAILED_CODES = frozenset(
    {
        "korttelinNumero",
        "tontinTaiRakennuspaikanNumero",
        "sallittuKerrosala",
        "tehokkuusluku",
        "rakennusala",
    }
)


def code_tail(uri: Any) -> str | None:
    """The code value at the end of a code URI (``…/code/13`` → ``13``); ``None`` if absent."""
    return _tail(uri) if isinstance(uri, str) else None


@functools.lru_cache(maxsize=4096)
def _tail(uri: str) -> str | None:
    text = uri.strip()
    if not text:
        return None
    return text.rpartition("/code/")[2] if "/code/" in text else text.rpartition("/")[2] or None


def lifecycle_of(uri: Any) -> str | None:
    """The two-digit lifecycle code of a ``kaavaelinkaari`` URI or bare value."""
    tail = _tail(uri) if isinstance(uri, str) else None
    return tail if tail in RANK else None


@functools.lru_cache(maxsize=1)
def _registry() -> Any:
    try:
        from ryhti.codelists import registry

        return registry()
    except Exception:  # the snapshot is missing: labels fall back to codes
        return None


def lifecycle_label(code: str | None, lang: str = "fi") -> str:
    """The code list's label of a lifecycle code (``13`` → ``Voimassa``)."""
    if code is None:
        return {"fi": "elinkaaren tila puuttuu", "sv": "livscykelstatus saknas"}.get(
            lang, "no lifecycle status"
        )
    reg = _registry()
    found = reg.lookup(code, "kaavaelinkaari") if reg is not None else None
    return (found.labels.get(lang) or found.label(lang) or code) if found is not None else code


def status_text(row: dict[str, Any], lang: str = "fi", today: str | None = None) -> str:
    """What a planner calls the state of an archived plan version, in words.

    ``row`` carries ``lifecycle``, ``cancelled_by``, ``valid_from``, ``valid_to``,
    ``is_current``; the result names the lifecycle and adds why it does not apply.
    """
    words = _WORDS[lang if lang in _WORDS else "fi"]
    text = lifecycle_label(row.get("lifecycle"), lang).lower()
    notes = []
    if row.get("cancelled_by"):
        notes.append(words["cancelled"].format(by=row["cancelled_by"]))
    if today and row.get("valid_to") and str(row["valid_to"]) < today:
        notes.append(words["expired"].format(date=row["valid_to"]))
    if today and row.get("valid_from") and str(row["valid_from"]) > today:
        notes.append(words["not_yet"].format(date=row["valid_from"]))
    if not row.get("is_current", 1):
        notes.append(words["history"])
    return text + (f" ({'; '.join(notes)})" if notes else "")


_WORDS = {
    "fi": {
        "cancelled": "kumottu kaavalla {by}",
        "expired": "voimassaolo päättyi {date}",
        "not_yet": "voimassa vasta {date} alkaen",
        "history": "aiempi versio",
    },
    "sv": {
        "cancelled": "upphävd genom planen {by}",
        "expired": "giltigheten upphörde {date}",
        "not_yet": "gäller först från {date}",
        "history": "tidigare version",
    },
}


def normalise_level(value: str | None) -> str | None:
    """``asemakaava``/``AK``/an RY_Kaavalaji value or URI → the plan level; ``None`` stays."""
    if value is None or not str(value).strip():
        return None
    try:
        from ryhti.codelists import plan_level

        return plan_level(code_tail(value) or value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def infer_level(plan: Any) -> str | None:
    """The level of a plan without a matter or ``--plan-type``, when its content tells.

    ``legalEffectOfLocalMasterPlans`` is only used in yleiskaava; blocks, plot numbers and
    building rights only in asemakaava; the two building-restriction codes name their level.
    Otherwise the level stays unknown (``None``) rather than guessed.
    """
    effects = getattr(plan, "legal_effect_of_local_master_plans", None)
    if isinstance(effects, list) and effects:
        return "yleiskaava"
    codes: set[str] = set()
    for group in (*plan.groups(), *plan.general_groups()):
        regs = group.get("plan_regulations", None)
        for reg in regs if isinstance(regs, list) else ():
            tail = code_tail(getattr(reg, "type", None))
            if tail:
                codes.add(tail)
    if codes & _DETAILED_CODES:
        return "asemakaava"
    if "rakentamisrajoitusMaakuntakaava" in codes:
        return "maakuntakaava"
    if "rakentamisrajoitusYleiskaava" in codes:
        return "yleiskaava"
    return None


_DIGITS = re.compile(r"^\d{1,3}$")


def municipality_code(value: str | None) -> str | None:
    """A municipality (or region) by code or name → its three-digit code (``Espoo`` → ``049``).

    Unknown names are a usage error naming the value; codes pass through as given (region
    codes have two digits, municipality codes three).
    """
    if value is None or not str(value).strip():
        return None
    text = code_tail(str(value).strip()) or str(value).strip()
    if _DIGITS.match(text):
        return text
    reg = _registry()
    for list_id in ("kunta", "maakunta"):
        codes = reg.get(list_id) if reg is not None else None
        for code in codes or ():
            if any(label.casefold() == text.casefold() for label in code.labels.values()):
                return code.value
    raise UsageError(
        f"unknown municipality or region {value!r}", hint="give its code (049) or name (Espoo)"
    )


def municipality_name(code: str | None, lang: str = "fi") -> str | None:
    """The name of a municipality or region code, or the code itself when unknown."""
    if not code:
        return None
    reg = _registry()
    for list_id in ("kunta", "maakunta"):
        codes = reg.get(list_id) if reg is not None else None
        found = codes.get(code) if codes is not None else None
        if found is not None:
            return found.labels.get(lang) or found.label(lang) or code
    return code
