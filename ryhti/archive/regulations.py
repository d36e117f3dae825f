"""Regulation groups and regulations → rows with plain-language sentences and index terms.

Each regulation (and recommendation) becomes one searchable row: its code and the code
list's label, its value in words, its Finnish and Swedish text, the sentence a planner
reads (``Rakennusoikeus 4 800 k-m²``, from the plan-description phrases of
:mod:`ryhti.generators.phrases`), and two sets of index terms — *main* (the regulation's
own words, weighted high) and *context* (the group's title and letter sign, weighted low),
so a search for "julkisivu" ranks the regulation that speaks of façades above the others
of the same group.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Any

from ryhti.archive.lifecycle import code_tail
from ryhti.archive.terms import index_terms
from ryhti.model import (
    CodeValue,
    GeneralRegulationGroup,
    LanguageString,
    LocalizedTextValue,
    PlanRecommendation,
    PlanRegulation,
    PlanRegulationGroup,
    TextValue,
)

__all__ = ["GroupRow", "RegulationRow", "letter_base", "phrasers", "regulation_rows"]

MAIN_USE = "paakayttotarkoitus"


@dataclass(slots=True)
class GroupRow:
    """A regulation group of the plan (``kind`` ``plan`` or ``general``)."""

    key: str | None
    kind: str
    letter: str | None
    letter_base: str | None
    title_fi: str | None
    title_sv: str | None
    number: int | None
    main_uses: tuple[str, ...] = ()


@dataclass(slots=True)
class RegulationRow:
    """A regulation (``kind`` ``regulation``) or recommendation of one group."""

    group: int  # index into the plan's group rows
    key: str | None
    kind: str
    code: str | None
    code_label: str | None
    value_text: str | None
    number: float | None
    unit: str | None
    text_fi: str | None
    text_sv: str | None
    infos: str | None  # additional-information codes, space-separated
    sentence_fi: str
    sentence_sv: str
    regulation_number: str | None
    main_terms: str
    context_terms: str


def letter_base(letter: str | None) -> str | None:
    """The leading letters of a sign, case kept (``sr`` and ``SR`` differ): ``AK-1`` → ``AK``."""
    if not letter:
        return None
    out = []
    for ch in letter.strip():
        if not ch.isalpha():
            break
        out.append(ch)
    return "".join(out) or None


@functools.lru_cache(maxsize=1)
def phrasers() -> tuple[Any, Any, Any]:
    """The code-list registry and a Finnish and a Swedish phraser (shared, warnings dropped)."""
    from ryhti.generators.phrases import Phraser

    try:
        from ryhti.codelists import registry

        reg = registry()
    except Exception:
        reg = None
    return reg, Phraser("fi", reg, _Quiet()), Phraser("sv", reg, _Quiet())


class _Quiet:
    """A warning log that keeps nothing: the archive's sentences are for reading, not QA."""

    def add(self, *args: Any, **kwargs: Any) -> None:
        return None


@functools.lru_cache(maxsize=4096)
def _label(list_id: str | None, value: str | None, lang: str) -> str | None:
    reg = phrasers()[0]
    if reg is None or not value:
        return None
    try:
        code = reg.lookup(value, list_id)
    except Exception:
        code = None
    return (code.labels.get(lang) or code.label(lang)) if code is not None else None


def _text(value: Any, lang: str) -> str | None:
    text = getattr(value, lang, None) if isinstance(value, LanguageString) else None
    return " ".join(text.split()) if isinstance(text, str) and text.strip() else None


def _title(group: Any) -> tuple[str | None, str | None]:
    title = group.get("title_of_plan_regulation")
    return _text(title, "fin"), _text(title, "swe")


def _sentence(phraser: Any, item: Any) -> str:
    try:
        if isinstance(item, PlanRecommendation):
            return phraser.recommendation(item)
        return phraser.regulation(item)
    except Exception:  # a value the phrases cannot read: the code stands for it
        return code_tail(getattr(item, "type", None)) or "?"


def _number(value: Any) -> float | None:
    number = getattr(value, "number", None)
    if isinstance(number, bool) or not isinstance(number, int | float):
        return None
    return float(number)


def _context(title_fi: str | None, title_sv: str | None, letter: str | None) -> str:
    parts = [
        index_terms(title_fi) if title_fi else "",
        index_terms(title_sv, False) if title_sv else "",
        index_terms(letter, False) if letter else "",
    ]
    return " ".join(p for p in parts if p)


#: Regulation rows by content (the same regulation recurs across groups and plans).
_ROWS: dict[bytes, RegulationRow] = {}
_ROWS_MAX = 50_000


def _content_key(item: Any) -> bytes | None:
    """The regulation's content as bytes (keys and URIs left out), or ``None``."""
    try:
        import orjson

        data = item.to_json()
        for volatile in (
            "planRegulationKey",
            "planRegulationUri",
            "planRecommendationKey",
            "planRecommendationUri",
        ):
            data.pop(volatile, None)
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    except Exception:  # not serialisable as is: computed every time
        return None


def _cached_row(index: int, item: Any, context: str, fi: Any, sv: Any, make: Any) -> RegulationRow:
    """The row of ``item`` in group ``index``: computed once per content and context."""
    content = _content_key(item)
    key = None if content is None else content + b"\0" + context.encode("utf-8")
    row = _ROWS.get(key) if key is not None else None
    if row is None:
        row = make(index, item, context, fi, sv)
        if key is not None:
            if len(_ROWS) >= _ROWS_MAX:
                _ROWS.clear()
            _ROWS[key] = row
    own_key = getattr(item, "plan_regulation_key", None) or getattr(
        item, "plan_recommendation_key", None
    )
    return replace(row, group=index, key=own_key if isinstance(own_key, str) else None)


def _regulation_row(
    index: int, reg: PlanRegulation, context: str, fi: Any, sv: Any
) -> RegulationRow:
    code = code_tail(reg.type)
    value = reg.value
    text_fi = text_sv = None
    if isinstance(value, LocalizedTextValue):
        text_fi, text_sv = _text(value.text, "fin"), _text(value.text, "swe")
    elif isinstance(value, TextValue) and isinstance(value.text, str) and value.text.strip():
        text_fi = " ".join(value.text.split())
    try:
        value_text = fi.value(value) if value is not None else None
    except Exception:
        value_text = None
    infos = reg.get("additional_informations", [])
    info_codes = [code_tail(i.type) for i in infos if hasattr(i, "type") and code_tail(i.type)]
    words = [
        index_terms(text_fi) if text_fi else "",
        index_terms(text_sv, False) if text_sv else "",
        code.lower() if code else "",
        index_terms(_label("RY_Kaavamaarayslaji", code, "fi") or ""),
        index_terms(_label("RY_Kaavamaarayslaji", code, "sv") or "", False),
    ]
    number_value = _number(value)
    if number_value is not None:  # "4800", not the grouped "4 800" of the sentence
        shown = int(number_value) if number_value == int(number_value) else number_value
        words.append(index_terms(str(shown).replace(".", ","), False))
    elif value_text and not (text_fi or text_sv):
        words.append(index_terms(value_text))
    if isinstance(value, CodeValue):
        code_uri = value.code if isinstance(value.code, str) else None
        words.append(index_terms(_label(None, code_uri, "fi") or ""))
    for info in info_codes:
        words.append(index_terms(_label("RY_Kaavamaarayksen_Lisatiedonlaji", info, "fi") or ""))
    for kind in reg.get("verbal_regulations", []) or []:
        words.append(
            index_terms(_label("RY_Sanallisen_Kaavamaarayksen_Laji", code_tail(kind), "fi") or "")
        )
    unit = getattr(value, "unit_of_measure", None)
    number = reg.get("regulation_number")
    return RegulationRow(
        group=index,
        key=reg.plan_regulation_key if isinstance(reg.plan_regulation_key, str) else None,
        kind="regulation",
        code=code,
        code_label=_label("RY_Kaavamaarayslaji", code, "fi"),
        value_text=value_text,
        number=number_value,
        unit=unit if isinstance(unit, str) else None,
        text_fi=text_fi,
        text_sv=text_sv,
        infos=" ".join(i for i in info_codes if i) or None,
        sentence_fi=_sentence(fi, reg),
        sentence_sv=_sentence(sv, reg),
        regulation_number=number if isinstance(number, str) else None,
        main_terms=" ".join(w for w in words if w),
        context_terms=context,
    )


def _recommendation_row(
    index: int, rec: PlanRecommendation, context: str, fi: Any, sv: Any
) -> RegulationRow:
    text_fi, text_sv = _text(rec.value, "fin"), _text(rec.value, "swe")
    words = [
        index_terms(text_fi) if text_fi else "",
        index_terms(text_sv, False) if text_sv else "",
        "suositus",
    ]
    number = rec.get("recommendation_number")
    return RegulationRow(
        group=index,
        key=rec.plan_recommendation_key if isinstance(rec.plan_recommendation_key, str) else None,
        kind="recommendation",
        code=None,
        code_label="Kaavasuositus",
        value_text=None,
        number=None,
        unit=None,
        text_fi=text_fi,
        text_sv=text_sv,
        infos=None,
        sentence_fi=_sentence(fi, rec),
        sentence_sv=_sentence(sv, rec),
        regulation_number=str(number) if isinstance(number, int) else None,
        main_terms=" ".join(w for w in words if w),
        context_terms=context,
    )


def regulation_rows(plan: Any) -> tuple[list[GroupRow], list[RegulationRow]]:
    """The plan's groups (plan groups first, then general ones) and all their regulations."""
    _, fi, sv = phrasers()
    groups: list[GroupRow] = []
    regs: list[RegulationRow] = []
    for kind, items in (("plan", plan.groups()), ("general", plan.general_groups())):
        for group in items:
            if isinstance(group, PlanRegulationGroup):
                key = group.plan_regulation_group_key
                letter = (
                    group.letter_identifier if isinstance(group.letter_identifier, str) else None
                )
            elif isinstance(group, GeneralRegulationGroup):
                key = group.general_regulation_group_key
                letter = None
            else:  # pragma: no cover - plan.groups() returns only groups
                continue
            title_fi, title_sv = _title(group)
            context = _context(title_fi, title_sv, letter)
            index = len(groups)
            reg_list = [
                r for r in group.get("plan_regulations", []) if isinstance(r, PlanRegulation)
            ]
            main_uses = tuple(
                code
                for r in reg_list
                for code in [code_tail(r.type)]
                if code
                and any(
                    code_tail(getattr(i, "type", None)) == MAIN_USE
                    for i in r.get("additional_informations", []) or []
                )
            )
            number = group.get("group_number")
            groups.append(
                GroupRow(
                    key=key if isinstance(key, str) else None,
                    kind=kind,
                    letter=letter.strip() if letter else None,
                    letter_base=letter_base(letter),
                    title_fi=title_fi,
                    title_sv=title_sv,
                    number=number
                    if isinstance(number, int) and not isinstance(number, bool)
                    else None,
                    main_uses=main_uses,
                )
            )
            for reg in reg_list:
                regs.append(_cached_row(index, reg, context, fi, sv, _regulation_row))
            for rec in group.get("plan_recommendations", []) or []:
                if isinstance(rec, PlanRecommendation):
                    regs.append(_cached_row(index, rec, context, fi, sv, _recommendation_row))
    return groups, regs
