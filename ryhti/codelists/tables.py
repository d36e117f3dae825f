"""Project tables that ride along with the code-list snapshot.

koodistot.suomi.fi publishes codes, not how they are used. Three more facts are needed
all over the toolkit, and each is kept as a table in the snapshot with its provenance:

* :class:`Notation` — traditional plan letter codes (``AK``, ``VL``, ``sr``, ``/s``) per plan
  level, mapped to RY_Kaavamaarayslaji codes and additional-information codes, so the
  converters and the NLP can turn ``AK-1`` into RYHTI regulations;
* :class:`LifecycleRelations` — which decision names, handling events and interaction
  events belong to each lifecycle status (and plan level), for the validators;
* :class:`ValueTypes` — which ``dataType`` and unit a regulation or additional-information
  type takes, for the validators, the converters and the NLP.

Where the sources say nothing, the lookups return ``None`` (unknown) rather than an empty
list (known to allow nothing): a validator must not report an error on missing knowledge.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ryhti.codelists.codes import bare_code

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.codelists.codes import Code, Registry

#: Plan levels in the project's vocabulary (the Finnish names the sources use).
PLAN_LEVELS = ("asemakaava", "yleiskaava", "maakuntakaava")

#: The abbreviations used throughout RYHTI documentation.
PLAN_LEVEL_ABBREVIATIONS = {"AK": "asemakaava", "YK": "yleiskaava", "MK": "maakuntakaava"}

REGULATION_LIST = "RY_Kaavamaarayslaji"
ADDITIONAL_INFORMATION_LIST = "RY_Kaavamaarayksen_Lisatiedonlaji"
PLAN_TYPE_LIST = "RY_Kaavalaji"


def plan_level(value: str | Code | None, registry: Registry | None = None) -> str | None:
    """Normalise a plan level: ``asemakaava``/``AK``/a RY_Kaavalaji value or URI → ``asemakaava``.

    RY_Kaavalaji codes are mapped through their top-level code, whose Finnish label is the
    plan level (``31 Asemakaava`` → ``3 Asemakaava``), so new plan types need no code change.
    Raises ``ValueError`` for anything else: a silently ignored level would widen every check.
    """
    if value is None:
        return None
    text = value.uri if hasattr(value, "uri") else str(value).strip()
    lowered = text.lower()
    if lowered in PLAN_LEVELS:
        return lowered
    if text.upper() in PLAN_LEVEL_ABBREVIATIONS:
        return PLAN_LEVEL_ABBREVIATIONS[text.upper()]
    if registry is None:
        from ryhti.codelists.codes import registry as default_registry

        registry = default_registry()
    plan_types = registry.get(PLAN_TYPE_LIST)
    code = plan_types.get(text) if plan_types is not None else None
    if code is not None:
        chain = [code, *plan_types.ancestors(code)]
        label = (chain[-1].labels.get("fi") or "").strip().lower()
        if label in PLAN_LEVELS:
            return label
    raise ValueError(
        f"unknown plan level {value!r}: use asemakaava/yleiskaava/maakuntakaava, AK/YK/MK "
        "or an RY_Kaavalaji code"
    )


def _value_of(value: str | Code) -> str:
    """A bare code value from a value, a full code URI or a Code."""
    if hasattr(value, "value") and hasattr(value, "uri"):
        return value.value
    return bare_code(str(value))


# ------------------------------------------------------------------------------------------
# Notation
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdditionalInformation:
    """An additional-information code of a notation entry, with its value when fixed."""

    type: str
    value: str | None = None
    code_list: str | None = None


@dataclass(frozen=True, slots=True)
class NotationRegulation:
    """One RYHTI regulation a letter code expands to."""

    code: str
    additional_information: tuple[AdditionalInformation, ...] = ()


@dataclass(frozen=True, slots=True)
class NotationEntry:
    """One meaning of a letter code at one plan level.

    ``origin`` says where it comes from: ``katja`` (regulation-group libraries after the
    Katja decrees, with RYHTI codes), ``traditional`` (pre-RYHTI notation lists: letter and
    meaning; ``derived_from`` tells how its codes were found, ``None`` if none were;
    ``role`` is ``paakayttotarkoitus`` for main-use letters, ``osaAlue`` for sub-area
    letters), ``combined`` (a sign joining main-use letters, ``AKR`` = ``AK`` + ``AR``:
    ``members`` names them and ``regulations`` holds every member's codes) or
    ``short_name`` (the koodistot short name of a RY_Kaavamaarayslaji code, valid at any
    level; header-level codes are left out).
    """

    letter: str | None
    plan_level: str | None
    origin: str
    meaning_fi: str | None
    regulations: tuple[NotationRegulation, ...] = ()
    meaning_sv: str | None = None
    category: str | None = None
    main_class_fi: str | None = None
    geometry: tuple[str, ...] = ()
    derived_from: str | None = None
    role: str | None = None
    members: tuple[str, ...] = ()

    @property
    def regulation_codes(self) -> tuple[str, ...]:
        """RY_Kaavamaarayslaji values of the regulations."""
        return tuple(reg.code for reg in self.regulations)

    @property
    def additional_information_types(self) -> tuple[str, ...]:
        """RY_Kaavamaarayksen_Lisatiedonlaji values used by the regulations (deduplicated)."""
        seen: dict[str, None] = {}
        for reg in self.regulations:
            for info in reg.additional_information:
                seen.setdefault(info.type, None)
        return tuple(seen)


_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_NUMBER_SUFFIX = re.compile(r"^(?P<base>.*?\D)[-_ ]?\d+[a-z]?$")


def normalise_letter(text: str) -> str:
    """Letter codes as written on maps: NFC, ASCII dashes, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES)
    return " ".join(text.split())


class Notation:
    """Lookups over the notation table (see :class:`NotationEntry`)."""

    def __init__(self, data: dict[str, Any], registry: Registry | None = None) -> None:
        self.data = data
        self.registry = registry
        self.entries: list[NotationEntry] = [
            _entry_from_json(raw) for raw in data.get("entries", [])
        ]
        self._by_letter: dict[str, list[NotationEntry]] = {}
        self._by_code: dict[str, list[NotationEntry]] = {}
        self._by_meaning: dict[str, list[NotationEntry]] = {}
        if registry is not None and REGULATION_LIST in registry:
            # Short names live in the code list itself, so they are never stale in the table.
            # Header-level codes are left out: a letter must never lead to a code that plan
            # data cannot carry (``vesiliikenteenAlue`` has the short name ``lw``).
            self.entries.extend(
                NotationEntry(
                    letter=code.short_name,
                    plan_level=None,
                    origin="short_name",
                    meaning_fi=code.labels.get("fi"),
                    meaning_sv=code.labels.get("sv"),
                    regulations=(NotationRegulation(code.value),),
                )
                for code in registry[REGULATION_LIST].codes
                if code.short_name and not code.header
            )
        for entry in self.entries:
            if entry.letter:
                self._by_letter.setdefault(entry.letter, []).append(entry)
            for code in entry.regulation_codes:
                self._by_code.setdefault(code, []).append(entry)
            for meaning in dict.fromkeys((entry.meaning_fi, entry.meaning_sv)):
                if meaning:
                    self._by_meaning.setdefault(_meaning_form(meaning), []).append(entry)

    @property
    def sources(self) -> dict[str, Any]:
        """Provenance of the table."""
        return self.data.get("sources", {})

    @property
    def corrections(self) -> list[dict[str, Any]]:
        """The reviewed corrections applied to the source rows: row, what was set, why."""
        return list(self.data.get("corrections", ()))

    def _level(self, level: str | None) -> str | None:
        return plan_level(level, self.registry) if level is not None else None

    @staticmethod
    def _filter(entries: Iterable[NotationEntry], level: str | None) -> list[NotationEntry]:
        if level is None:
            return list(entries)
        return [e for e in entries if e.plan_level in (None, level)]

    def by_letter(self, letter: str, plan_level: str | None = None) -> list[NotationEntry]:
        """Entries for a letter code, exact first; ``sr-2``/``AK1`` fall back to ``sr``/``AK``.

        Case matters (``S`` is a protection area, ``s`` a protected part of an area). With
        ``plan_level`` only that level's entries and the level-free short names are returned.
        Compound codes such as ``AO/s`` are not split here: see :meth:`parts`.
        """
        level = self._level(plan_level)
        text = normalise_letter(letter)
        found = self._filter(self._by_letter.get(text, ()), level)
        if found:
            return found
        match = _NUMBER_SUFFIX.match(text)
        if match:
            base = match.group("base").rstrip("-_ ")
            return self._filter(self._by_letter.get(base, ()), level)
        return []

    def parts(self, notation: str, plan_level: str | None = None) -> list[str]:
        """Split a compound letter code into known letter codes: ``AO/s`` → ``['AO', '/s']``.

        A code known as a whole (``T/kem``, ``pp/h``) stays whole; unknown pieces are kept
        as they are so the caller can report them.
        """
        text = normalise_letter(notation)
        if self.by_letter(text, plan_level):
            return [text]
        head, sep, tail = text.partition("/")
        if not sep or not head:
            return [text]
        pieces = [head]
        for piece in tail.split("/"):
            pieces.append("/" + piece if self.by_letter("/" + piece, plan_level) else piece)
        return pieces

    def letters(self, plan_level: str | None = None) -> list[str]:
        """Every letter code known (at ``plan_level``), sorted."""
        level = self._level(plan_level)
        return sorted(
            letter for letter, entries in self._by_letter.items() if self._filter(entries, level)
        )

    def by_regulation(self, code: str | Code, plan_level: str | None = None) -> list[NotationEntry]:
        """Entries expanding to a RY_Kaavamaarayslaji code: its letter codes per level."""
        return self._filter(self._by_code.get(_value_of(code), ()), self._level(plan_level))

    def by_meaning(self, text: str, plan_level: str | None = None) -> list[NotationEntry]:
        """Entries whose Finnish or Swedish meaning is ``text`` (case-insensitive).

        Both sides are compared in Unicode NFC: some koodistot labels spell ``ä`` as ``a`` plus
        a combining diaeresis (``Laivaväylä``), which must still match what a user types.
        """
        return self._filter(self._by_meaning.get(_meaning_form(text), ()), self._level(plan_level))


def _meaning_form(text: str | None) -> str:
    return unicodedata.normalize("NFC", " ".join((text or "").split())).casefold()


def _entry_from_json(raw: dict[str, Any]) -> NotationEntry:
    regulations = tuple(
        NotationRegulation(
            code=reg["code"],
            additional_information=tuple(
                AdditionalInformation(info["type"], info.get("value"), info.get("code_list"))
                for info in reg.get("additional_information", ())
            ),
        )
        for reg in raw.get("regulations", ())
    )
    return NotationEntry(
        letter=raw.get("letter"),
        plan_level=raw.get("plan_level"),
        origin=raw["origin"],
        meaning_fi=raw.get("meaning_fi"),
        regulations=regulations,
        meaning_sv=raw.get("meaning_sv"),
        category=raw.get("category"),
        main_class_fi=raw.get("main_class_fi"),
        geometry=tuple(raw.get("geometry") or ()),
        derived_from=raw.get("derived_from"),
        role=raw.get("role"),
        members=tuple(raw.get("members") or ()),
    )


# ------------------------------------------------------------------------------------------
# Lifecycle relations
# ------------------------------------------------------------------------------------------

#: Accepted spellings of the three relation kinds.
RELATION_KINDS = {
    "decisions": "decisions",
    "decision": "decisions",
    "handling": "handling",
    "handling_events": "handling",
    "processing": "handling",
    "processing_events": "handling",
    "interaction": "interaction",
    "interaction_events": "interaction",
}


class LifecycleRelations:
    """Which decisions and events go with each ``kaavaelinkaari`` status, per plan level.

    Combines Arho's encoding of Syke's code-list relation table with the per-level rules
    of the RYHTI rule checklist (§E); ``cross_check`` in the table lists where they differ.
    """

    def __init__(self, data: dict[str, Any], registry: Registry) -> None:
        self.data = data
        self.registry = registry
        self.lists: dict[str, str] = data.get("lists", {})

    @property
    def sources(self) -> dict[str, Any]:
        """Provenance of the table."""
        return self.data.get("sources", {})

    def statuses(self) -> list[str]:
        """Lifecycle values the table has facts for."""
        return sorted(self.data.get("statuses", {}))

    def _block(self, kind: str, lifecycle: str | Code) -> tuple[str, dict[str, Any] | None]:
        normalised = RELATION_KINDS.get(kind)
        if normalised is None:
            raise ValueError(
                f"unknown relation kind {kind!r}: use decisions, handling or interaction"
            )
        status = self.data.get("statuses", {}).get(_value_of(lifecycle))
        return normalised, (status or {}).get(normalised)

    def _codes(self, kind: str, values: Iterable[str]) -> list[Code]:
        code_list = self.registry[self.lists[kind]]
        wanted = set(values)
        return [code for code in code_list.codes if code.value in wanted]

    @staticmethod
    def _applies(row: dict[str, Any], level: str | None) -> bool:
        levels = row.get("plan_levels")
        return level is None or levels is None or level in levels

    def allowed(
        self, kind: str, lifecycle: str | Code, plan_level: str | None = None
    ) -> list[Code] | None:
        """Codes allowed for ``kind`` in ``lifecycle`` at ``plan_level`` (all levels if ``None``).

        ``None`` means the sources say nothing for this status/level, ``[]`` that nothing is
        allowed (no decision in 07 or 09, for example).
        """
        normalised, block = self._block(kind, lifecycle)
        level = plan_level_or_none(plan_level, self.registry)
        if block is None:
            return None
        known = block.get("plan_levels")
        if level is not None and known is not None and level not in known:
            return None
        return self._codes(
            normalised, (row["code"] for row in block["allowed"] if self._applies(row, level))
        )

    def required(
        self, kind: str, lifecycle: str | Code, plan_level: str | None = None
    ) -> list[Code] | None:
        """Codes of which at least one must be present, or ``None`` if nothing is required."""
        normalised, block = self._block(kind, lifecycle)
        level = plan_level_or_none(plan_level, self.registry)
        if block is None:
            return None
        rows = [row for row in block.get("required_one_of", ()) if self._applies(row, level)]
        if not rows:
            return None
        return self._codes(normalised, (code for row in rows for code in row["codes"]))

    def handling_for_decision(self, decision: str | Code) -> Code | None:
        """The handling event type that corresponds to a decision name (same Finnish label)."""
        value = self.data.get("decision_handling", {}).get(_value_of(decision))
        return self.registry[self.lists["handling"]].get(value) if value else None


def plan_level_or_none(level: str | None, registry: Registry | None) -> str | None:
    """:func:`plan_level` that passes ``None`` through."""
    return plan_level(level, registry) if level is not None else None


# ------------------------------------------------------------------------------------------
# Value types
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValueTypeEntry:
    """What the value of one regulation or additional-information type may be.

    ``value`` is ``"required"``, ``"none"`` (the type takes no value) or ``None`` (not
    stated). ``evidence`` lists each source's statement, so disagreements stay visible.
    """

    code: str
    kind: str
    data_types: tuple[str, ...]
    units: tuple[str, ...] = ()
    code_lists: tuple[str, ...] = ()
    value: str | None = None
    evidence: tuple[dict[str, Any], ...] = ()


class ValueTypes:
    """Lookups over the value-type table, keyed by regulation or additional-information code."""

    def __init__(self, data: dict[str, Any], registry: Registry | None = None) -> None:
        self.data = data
        self.registry = registry
        self._entries: dict[str, dict[str, ValueTypeEntry]] = {}
        for kind in ("regulations", "additional_information"):
            self._entries[kind] = {
                code: ValueTypeEntry(
                    code=code,
                    kind=kind,
                    data_types=tuple(raw.get("data_types", ())),
                    units=tuple(raw.get("units", ())),
                    code_lists=tuple(raw.get("code_lists", ())),
                    value=raw.get("value"),
                    evidence=tuple(raw.get("evidence", ())),
                )
                for code, raw in data.get(kind, {}).items()
            }

    @property
    def sources(self) -> dict[str, Any]:
        """Provenance of the table."""
        return self.data.get("sources", {})

    def codes(self, kind: str | None = None) -> list[str]:
        """Codes with known value types (``kind``: ``regulations`` or ``additional_information``)."""
        kinds = [kind] if kind else list(self._entries)
        return sorted(code for k in kinds for code in self._entries[k])

    def entry(self, code: str | Code) -> ValueTypeEntry | None:
        """The entry for a regulation or additional-information code (value, URI or Code)."""
        text = code.uri if hasattr(code, "uri") else str(code).strip()
        if f"/{ADDITIONAL_INFORMATION_LIST}/code/" in text:
            return self._entries["additional_information"].get(_value_of(text))
        if f"/{REGULATION_LIST}/code/" in text:
            return self._entries["regulations"].get(_value_of(text))
        value = _value_of(text)
        return self._entries["regulations"].get(value) or self._entries[
            "additional_information"
        ].get(value)

    def allowed_data_types(self, code: str | Code) -> tuple[str, ...] | None:
        """``dataType``s the sources allow; ``()`` if the type takes no value; ``None`` if unknown."""
        found = self.entry(code)
        return found.data_types if found is not None else None

    def units(self, code: str | Code) -> tuple[str, ...] | None:
        """Units of measure seen for the type (``k-m2``, ``%`` …); ``None`` if unknown."""
        found = self.entry(code)
        return found.units if found is not None else None

    def code_lists(self, code: str | Code) -> tuple[str, ...] | None:
        """Code lists a ``Code``-typed value comes from; ``None`` if unknown."""
        found = self.entry(code)
        return found.code_lists if found is not None else None
