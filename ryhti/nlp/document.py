"""A legend document → RYHTI regulation groups (``ryhti extract LEGEND.docx``).

Every legend entry (a sign and its text) becomes one PlanRegulationGroup; the general
regulations become one GeneralRegulationGroup per section, numbered by paragraph. The
document itself is read by the caller (``ryhti.nlp.legend.read_legend``): this module
only turns its entries into groups, so the extractor's package needs nothing from parsers.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from ryhti.errors import InputError
from ryhti.nlp.language import is_swedish, swedish_for

#: Namespace of the uuid5 keys of regulation groups made from legend documents.
KEY_NAMESPACE = uuid.UUID("6f0c1d2e-5b7a-5c1e-9d0a-52a7c3e1b0e5")
DEFAULT_LIFECYCLE = "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/03"


def extract_document(
    path: Path,
    legend: Any,
    ex: Any,
    plan_type: str | None,
    lifecycle: str = DEFAULT_LIFECYCLE,
    lexicon: Any = None,
) -> dict[str, Any]:
    """A legend document → ``planRegulationGroups`` and ``generalRegulationGroups`` (official field names).

    Every legend entry (a sign and its text) becomes one PlanRegulationGroup. The general
    regulations become **one GeneralRegulationGroup per section** — titled by the section's
    heading ("Yleismääräykset") — with one or more regulations per paragraph, numbered by
    paragraph in ``regulationNumber`` ("1", "2", …), as plans print and number them. When the
    section has sub-headings ("Pysäköinti", "Hulevedet"), each sub-heading is its own group
    titled by it; ``groupNumber`` follows the document order.

    An entry that gives additional information without a regulation (a change class, a
    modifier line; :mod:`ryhti.nlp.modifiers`) keeps its group, without regulations, and its
    modifiers are listed in ``modifiers`` with the group's key: they belong to the
    regulations of the features the entry's sign is drawn over, which the legend alone
    does not know.
    """
    identity = path.name
    groups: list[dict[str, Any]] = []
    review: list[dict[str, Any]] = []
    seen: dict[str, int] = {}

    modifiers: list[dict[str, Any]] = []

    def note_modifiers(key: str, entry: Any, mods: list[Any]) -> None:
        for m in mods:
            modifiers.append(
                {
                    "group": key,
                    "sign": entry.sign,
                    "line": entry.line,
                    "page": entry.page,
                    **m.to_json(),
                }
            )

    def note_review(key: str, entry: Any, regs: list[Any], mods: list[Any] = ()) -> None:
        for r in [*regs, *mods]:
            if r.review:
                review.append(
                    {
                        "group": key,
                        "sign": entry.sign,
                        "line": entry.line,
                        "page": entry.page,
                        "type": r.type,
                        "confidence": round(r.confidence, 3),
                        "evidence": r.evidence,
                    }
                )
        if not regs and not mods:
            review.append(
                {
                    "group": key,
                    "sign": entry.sign,
                    "line": entry.line,
                    "page": entry.page,
                    "type": None,
                    "confidence": 0.0,
                    "evidence": "no regulation recognised",
                }
            )

    for entry in legend.entries:
        base = f"{identity}|entry|{entry.sign or ''}|{entry.text[:60]}"
        seen[base] = seen.get(base, 0) + 1
        key = str(uuid.uuid5(KEY_NAMESPACE, f"{base}|{seen[base]}"))
        found = ex.extract_entry(entry.text, entry.sign, plan_type, lexicon=lexicon)
        regs = found.regulations
        note_review(key, entry, regs, found.modifiers)
        note_modifiers(key, entry, found.modifiers)
        title = {"fin": _title_of(entry.text) or entry.sign or ""}
        if entry.swe:
            title["swe"] = _title_of(entry.swe)
        group: dict[str, Any] = {
            "planRegulationGroupKey": key,
            "titleOfPlanRegulation": title,
            "planRegulations": [
                _plan_regulation(r, ex, f"{key}|{i}", lifecycle, entry) for i, r in enumerate(regs)
            ],
            "planRecommendations": [],
        }
        if entry.sign:
            group["letterIdentifier"] = entry.sign
        groups.append(_through_model("PlanRegulationGroup", group))

    general: list[dict[str, Any]] = []
    sections: dict[tuple[str, str | None], list[Any]] = {}
    for entry in legend.general:
        section = (entry.heading or "Yleismääräykset", getattr(entry, "subheading", None))
        sections.setdefault(section, []).append(entry)
    for number, ((heading, sub), paragraphs) in enumerate(sections.items(), 1):
        key = str(uuid.uuid5(KEY_NAMESPACE, f"{identity}|general|{heading}|{sub or ''}"))
        plan_regs = []
        for ordinal, entry in enumerate(paragraphs, 1):
            found = ex.extract_entry(entry.text, entry.sign, plan_type, lexicon=lexicon)
            regs = found.regulations
            note_review(key, entry, regs, found.modifiers)
            note_modifiers(key, entry, found.modifiers)
            for i, r in enumerate(regs):
                reg = _plan_regulation(r, ex, f"{key}|{ordinal}|{i}", lifecycle, entry)
                reg["regulationNumber"] = str(ordinal)
                plan_regs.append(reg)
        group = {
            "generalRegulationGroupKey": key,
            "titleOfPlanRegulation": _bilingual_title(_sentence_case(sub or heading)),
            "groupNumber": number,
            "planRegulations": plan_regs,
            "planRecommendations": [],
        }
        general.append(_through_model("GeneralRegulationGroup", group))
    return {
        "source": str(path),
        "notes": legend.notes,
        "planRegulationGroups": groups,
        "generalRegulationGroups": general,
        "modifiers": modifiers,
        "review": review,
    }


def _sentence_case(title: str) -> str:
    """ "YLEISMÄÄRÄYKSET" → "Yleismääräykset" (a heading typed in capitals is not a title)."""
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return title[:1] + title[1:].lower()
    return title


def _title_of(text: str) -> str:
    first = text.split(". ")[0].strip().rstrip(".")
    return first[:200]


def _plan_regulation(
    reg: Any, ex: Any, seed: str, lifecycle: str, entry: Any = None
) -> dict[str, Any]:
    kb = ex.kb
    out: dict[str, Any] = {
        "planRegulationKey": str(uuid.uuid5(KEY_NAMESPACE, seed)),
        "lifeCycleStatus": lifecycle,
        "type": kb.uri("RY_Kaavamaarayslaji", reg.type),
    }
    if reg.value is not None:
        out["value"] = _with_swedish(reg, entry)
    if reg.additional:
        out["additionalInformations"] = [
            {
                "type": kb.uri("RY_Kaavamaarayksen_Lisatiedonlaji", a["type"]),
                **({"value": a["value"]} if a.get("value") else {}),
            }
            for a in reg.additional
        ]
    if reg.verbal:
        out["verbalRegulations"] = [
            kb.uri("RY_Sanallisen_Kaavamaarayksen_Laji", v) for v in reg.verbal
        ]
    return out


def _bilingual_title(title: str) -> dict[str, str]:
    """``Yleiset määräykset – Allmänna bestämmelser`` → fin and swe (bilingual headings,
    either language first)."""
    for dash in (" – ", " - ", " / "):
        first, sep, second = (part.strip() for part in title.partition(dash))
        if not (sep and first and second) or is_swedish(first) == is_swedish(second):
            continue
        fin, swe = (second, first) if is_swedish(first) else (first, second)
        return {"fin": fin[:1].upper() + fin[1:], "swe": swe[:1].upper() + swe[1:]}
    return {"fin": title}


def _with_swedish(reg: Any, entry: Any) -> Any:
    """A verbal regulation's text with the Swedish of a bilingual legend entry added where
    it pairs with the Finnish (:func:`ryhti.nlp.language.swedish_for`)."""
    value = reg.value
    swe = getattr(entry, "swe", None)
    text = value.get("text") if isinstance(value, dict) else None
    if not swe or not isinstance(text, dict) or not isinstance(text.get("fin"), str):
        return value
    translated = swedish_for(text["fin"], entry.text, swe, span=getattr(reg, "span", None))
    if translated is None:
        return value
    return {**value, "text": {**text, "swe": translated}}


def _through_model(name: str, group: dict[str, Any]) -> dict[str, Any]:
    """Round-trip through :mod:`ryhti.model` when it offers the class (checks field names and shapes)."""
    import ryhti.model as model  # only documents need it: --text and JSONL start faster

    cls = getattr(model, name, None)
    if cls is None:
        return group
    try:
        return cls.from_json(group).to_json()
    except InputError:
        raise
    except (
        TypeError,
        ValueError,
        KeyError,
    ) as exc:  # a shape the model refuses is a bug here, say so
        raise InputError(f"internal: {name} rejected by ryhti.model: {exc}") from exc


def document_table(result: dict[str, Any]) -> str:
    lines = [f"source: {result['source']}"]
    for g in result["planRegulationGroups"] + result["generalRegulationGroups"]:
        lines.append(
            f"{g.get('letterIdentifier') or '-':10} {g['titleOfPlanRegulation']['fin'][:70]}"
        )
        for r in g.get("planRegulations", []):
            lines.append(
                f"{'':10}   {r['type'].rsplit('/', 1)[-1]}  {json.dumps(r.get('value'), ensure_ascii=False)[:60] if r.get('value') else ''}"
            )
    if result.get("modifiers"):
        lines.append("")
        lines.append("modifiers (additional information for what other entries draw):")
        for m in result["modifiers"]:
            lines.append(
                f"  {m['sign'] or '-'} line {m['line']}: {m['type']} ({m['confidence']}) "
                f"{m['evidence'][:80]}"
            )
    if result["review"]:
        lines.append("")
        lines.append(f"marked for review: {len(result['review'])}")
        for x in result["review"]:
            lines.append(
                f"  {x['sign'] or '-'} line {x['line']}: {x['type']} ({x['confidence']}) {x['evidence'][:80]}"
            )
    return "\n".join(lines) + "\n"
