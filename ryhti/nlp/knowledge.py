"""What the extractor knows, generated from the code-list snapshot and the notation table.

Nothing here is typed in by hand except the vocabulary of :mod:`ryhti.nlp.vocabulary` (legend
wordings the code lists do not carry, yleiskaava and maakuntakaava object names, terms curated
from the code lists' descriptions) and the cue words of :mod:`ryhti.nlp.rules`. Every other
phrase the matcher looks for comes from

* the Finnish label of each of the RY_Kaavamaarayslaji codes (all 268; codes the snapshot
  has no label for get one from their camelCase value, so every code is reachable),
* the letter codes of the code list (``short_name`` and the "lyhyt nimi" in descriptions),
* the notation table: Katja regulation-group headings per plan level, with the regulation
  and additional-information codes they expand to, and the traditional legend meanings,

Codes the snapshot describes as header-level ("otsikkotason koodi, jota ei käytetä
kaavamääräyksissä") are marked not usable: the extractor never gives them as a result.

Each phrase is stored as its sequence of lemma keys (see :mod:`ryhti.nlp.lemmatizer`), so
"asuinkerrostalojen korttelialueella" finds *asuinkerrostaloalue*. Built once per process.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ryhti.nlp.vocabulary import DESCRIPTION_TERMS, SYNONYMS, VOCABULARY

REGULATION_LIST = "RY_Kaavamaarayslaji"
ADDITIONAL_LIST = "RY_Kaavamaarayksen_Lisatiedonlaji"
VERBAL_LIST = "RY_Sanallisen_Kaavamaarayksen_Laji"

PLAN_LEVELS = ("asemakaava", "yleiskaava", "maakuntakaava")

#: Priority of phrase sources when two phrases have the same key (lower wins).
SOURCE_PRIORITY = {
    "synonym": 0,
    "vocabulary": 0,
    "katja": 1,
    "label": 2,
    "traditional": 3,
    "description": 4,
    "name": 4,
}
#: The usage note of a header-level code in its description.
_HEADER_NOTE = re.compile(r"otsikkotason koodi, jota ei käytetä", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Target:
    """One regulation a phrase or letter code stands for."""

    code: str
    additional: tuple[str, ...] = ()
    additional_values: tuple[tuple[str, str | None], ...] = ()


@dataclass(slots=True)
class Phrase:
    """A phrase the matcher looks for and what it means."""

    text: str
    source: str  # katja / label / synonym / vocabulary / traditional / description / name
    plan_level: str | None
    targets: tuple[Target, ...]


@dataclass(slots=True)
class CodeInfo:
    value: str
    label: str
    parent: str | None
    level: int | None
    usable: bool
    short_names: tuple[str, ...] = ()


@dataclass
class Knowledge:
    """The facts the extractor uses, built from :func:`ryhti.codelists.registry`."""

    regulations: dict[str, CodeInfo]
    additional: dict[str, CodeInfo]
    verbal: dict[str, CodeInfo]
    phrases: list[Phrase]
    uris: dict[str, str]
    registry: Any = None
    _letters: dict[tuple[str, str | None], list[Phrase]] = field(default_factory=dict)

    def uri(self, list_id: str, value: str) -> str:
        return f"{self.uris[list_id]}/code/{value}"

    def ancestors(self, code: str) -> list[str]:
        out = []
        seen = set()
        cur = self.regulations.get(code)
        while cur is not None and cur.parent and cur.parent not in seen:
            seen.add(cur.parent)
            out.append(cur.parent)
            cur = self.regulations.get(cur.parent)
        return out

    def related(self, a: str, b: str) -> bool:
        """True when one code is the other or its ancestor."""
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def by_letter(self, sign: str, plan_level: str | None) -> list[Phrase]:
        """Notation meanings of a sign at a plan level (Katja first), as phrases with targets."""
        key = (sign, plan_level)
        if key in self._letters:
            return self._letters[key]
        found: list[Phrase] = []
        notation = getattr(self.registry, "notation", None) if self.registry is not None else None
        entries = []
        if notation is not None:
            try:
                entries = notation.by_letter(sign, plan_level or "asemakaava")
            except (ValueError, KeyError):
                entries = []
        for entry in entries:
            targets = _targets_of_entry(entry)
            if targets:
                found.append(
                    Phrase(entry.meaning_fi or sign, entry.origin, entry.plan_level, targets)
                )
        order = {"katja": 0, "short_name": 1, "traditional": 2}
        found.sort(key=lambda p: order.get(p.source, 3))
        self._letters[key] = found
        return found

    def exact_letter(self, sign: str, plan_level: str | None) -> bool:
        """The notation table knows ``sign`` as written (not only without its index: ``V8``)."""
        notation = getattr(self.registry, "notation", None) if self.registry is not None else None
        if notation is None:
            return False
        try:
            entries = notation.by_letter(sign, plan_level or "asemakaava")
        except (ValueError, KeyError):
            return False
        return any(getattr(e, "letter", None) == sign for e in entries)

    def value_spec(self, code: str) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
        """(allowed dataTypes, units) of a regulation or additional-information code."""
        vt = getattr(self.registry, "value_types", None) if self.registry is not None else None
        if vt is None:
            return None, None
        try:
            return vt.allowed_data_types(code), vt.units(code)
        except Exception:
            return None, None


def _targets_of_entry(entry: Any) -> tuple[Target, ...]:
    out = []
    for reg in getattr(entry, "regulations", ()):
        infos = getattr(reg, "additional_information", ()) or ()
        out.append(
            Target(
                reg.code,
                tuple(dict.fromkeys(i.type for i in infos)),
                tuple((i.type, i.value) for i in infos if getattr(i, "value", None)),
            )
        )
    return tuple(out)


def _label_from_value(value: str) -> str:
    """``kaupunginTaiKunnanosa`` → "kaupungin tai kunnanosa" (for codes without a label)."""
    words = re.sub(r"(?<=[a-zåäö0-9])(?=[A-ZÅÄÖ])", " ", value).lower()
    return words


_SHORT_NAME_RE = re.compile(r"lyhyt nimi:\s*([^\n]+)", re.IGNORECASE)


def _short_names_from_description(text: str | None) -> list[tuple[str, str | None]]:
    """ "Kaavamääräyksen lyhyt nimi: A (AK ja YK) & AA (MK)" → [("A", None), ("AA", "maakuntakaava")]."""
    if not text:
        return []
    m = _SHORT_NAME_RE.search(text)
    if not m:
        return []
    out: list[tuple[str, str | None]] = []
    for part in re.split(r"&|;", m.group(1)):
        pm = re.match(r"\s*([A-Za-zÅÄÖåäö/-]+)\s*(?:\(([^)]*)\))?", part)
        if not pm:
            continue
        letter, levels = pm.group(1), (pm.group(2) or "")
        level = "maakuntakaava" if levels.strip().upper() == "MK" else None
        out.append((letter, level))
    return out


def _registry() -> Any:
    """The code-list registry (``ryhti.codelists.registry()``), whatever the package exports."""
    import ryhti.codelists as codelists

    factory = getattr(codelists, "registry", None)
    if factory is None or not callable(factory):
        from ryhti.codelists.registry import registry as factory  # type: ignore[no-redef]
    return factory()


def _infos(code_list: Any) -> dict[str, CodeInfo]:
    out = {}
    for code in code_list.codes:
        label = code.label("fi") if callable(getattr(code, "label", None)) else None
        label = (label or _label_from_value(code.value)).strip()
        usable = bool(getattr(code, "usable", True)) and not _HEADER_NOTE.search(
            _description(code) or ""
        )
        out[code.value] = CodeInfo(code.value, label, code.parent, code.level, usable)
    return out


def _description(code: Any) -> str | None:
    desc = getattr(code, "description", None)
    return desc() if callable(desc) else desc


def _parse_target(spec: str) -> Target:
    m = re.fullmatch(r"([\w-]+)(?:\[([^\]]*)\])?", spec)
    assert m, spec
    adds = tuple(a for a in (m.group(2) or "").split(",") if a)
    return Target(m.group(1), adds)


def build_knowledge(registry: Any | None = None) -> Knowledge:
    """Collect labels, letter codes and notation meanings into phrases with targets."""
    reg = registry if registry is not None else _registry()
    regulations = _infos(reg[REGULATION_LIST])
    additional = _infos(reg[ADDITIONAL_LIST])
    verbal = _infos(reg[VERBAL_LIST])
    uris = {name: reg[name].uri for name in (REGULATION_LIST, ADDITIONAL_LIST, VERBAL_LIST)}
    try:
        uris["oikeusvaik_YK"] = reg["oikeusvaik_YK"].uri
    except (KeyError, Exception):
        uris["oikeusvaik_YK"] = "http://uri.suomi.fi/codelist/rytj/oikeusvaik_YK"
    phrases: list[Phrase] = []

    notation = getattr(reg, "notation", None)
    entries = list(getattr(notation, "entries", []) or []) if notation is not None else []
    katja_by_letter: dict[tuple[str, str | None], list[Any]] = defaultdict(list)
    for entry in entries:
        if entry.origin == "katja" and entry.letter:
            katja_by_letter[(entry.letter, entry.plan_level)].append(entry)
    # additional information a code usually has at a plan level (intersection over Katja)
    usual: dict[tuple[str, str | None], set[str]] = {}
    for entry in entries:
        if entry.origin != "katja":
            continue
        for target in _targets_of_entry(entry):
            key = (target.code, entry.plan_level)
            common = set(target.additional) & {"paakayttotarkoitus", "osaAlue"}
            usual[key] = common if key not in usual else usual[key] & common

    for entry in entries:
        if not entry.meaning_fi:
            continue
        targets = _targets_of_entry(entry)
        if entry.origin == "katja" and targets:
            phrases.append(Phrase(entry.meaning_fi, "katja", entry.plan_level, targets))
        elif entry.origin == "traditional" and entry.letter:
            lib = katja_by_letter.get((entry.letter, entry.plan_level)) or []
            if len(lib) >= 1:
                t = _targets_of_entry(lib[0])
                if t:
                    phrases.append(Phrase(entry.meaning_fi, "traditional", entry.plan_level, t))
    for text, specs in SYNONYMS.items():
        phrases.append(Phrase(text, "synonym", None, tuple(_parse_target(s) for s in specs)))
    for text, specs in VOCABULARY.items():
        phrases.append(Phrase(text, "vocabulary", None, tuple(_parse_target(s) for s in specs)))
    for value, terms in DESCRIPTION_TERMS.items():
        adds = tuple(sorted(_usual_any(usual, value)))
        for text in terms:
            phrases.append(Phrase(text, "description", None, (Target(value, adds),)))
    for value, info in regulations.items():
        for level in (None,):
            adds = tuple(sorted(_usual_any(usual, value)))
            phrases.append(Phrase(info.label, "label", level, (Target(value, adds),)))
    # letter codes from descriptions, kept on the code info
    for code in reg[REGULATION_LIST].codes:
        names = []
        if getattr(code, "short_name", None):
            names.append(code.short_name)
        desc = _description(code)
        names.extend(letter for letter, _ in _short_names_from_description(desc))
        if code.value in regulations:
            regulations[code.value].short_names = tuple(dict.fromkeys(names))
    return Knowledge(regulations, additional, verbal, phrases, uris, reg)


def _usual_any(usual: dict[tuple[str, str | None], set[str]], code: str) -> set[str]:
    for level in ("asemakaava", "yleiskaava", "maakuntakaava"):
        if usual.get((code, level)):
            return usual[(code, level)]
    return set()
