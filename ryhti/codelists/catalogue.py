"""What the snapshot contains, and the few documented facts no code-list source carries.

The catalogue names the lists the toolkit needs (the registry and scheme on
koodistot.suomi.fi); their content always comes from the source. The facts below come
from the RYHTI documentation the project works from (the rule checklist and the data-model
notes, which cite Syke's error catalogue and validation-rule PDF). They are transcribed
here, each with the rule or section it comes from, because they are prose in those
documents, and the update command merges them with the source data so that every
difference stays visible in the snapshot (``cross_check``, ``evidence``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ryhti.model.values import DATA_TYPES as _MODEL_DATA_TYPES

#: koodistot.suomi.fi code statuses.
KOODISTOT_STATUSES = frozenset(
    {"INCOMPLETE", "DRAFT", "SUGGESTED", "VALID", "SUPERSEDED", "RETIRED", "INVALID"}
)


@dataclass(frozen=True)
class ListSpec:
    """One code list of the snapshot: where it lives on koodistot and what else it is called."""

    registry: str
    scheme: str
    aliases: tuple[str, ...] = ()
    #: Used only when an offline source directory lacks the list (see ETRS89 below).
    fallback: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        """The list id in the registry: the koodistot scheme name."""
        return self.scheme

    @property
    def uri(self) -> str:
        """The list URI as koodistot forms it."""
        return f"http://uri.suomi.fi/codelist/{self.registry}/{self.scheme}"

    def directory_files(self) -> tuple[str, ...]:
        """File names tried in a ``--from`` directory: ``<registry>_<scheme>.json``, ``<scheme>.json``."""
        return (f"{self.registry}_{self.scheme}.json", f"{self.scheme}.json")


#: PlanMap.coordinateSystem has exactly one allowed value in the RYHTI OpenAPI enums (public
#: validate API and plan service, 2026-08; ryhti-model §5.1/§6, rule R-C14). The offline
#: reference has no copy of the rakrek/ETRS89 list, so without network the list holds that
#: one code with its labels marked unknown; online, the real list is fetched.
ETRS89_FALLBACK: dict[str, Any] = {
    "basis": "RYHTI OpenAPI enum of PlanMap.coordinateSystem (rule R-C14)",
    "codes": ["EPSG3067"],
}

CATALOGUE: tuple[ListSpec, ...] = (
    ListSpec("rytj", "RY_Kaavamaarayslaji", ("regulation_types",)),
    ListSpec("rytj", "RY_Kaavamaarayksen_Lisatiedonlaji", ("additional_information_types",)),
    ListSpec("rytj", "RY_Sanallisen_Kaavamaarayksen_Laji", ("verbal_regulation_types",)),
    ListSpec("rytj", "kaavaelinkaari", ("lifecycle_statuses",)),
    ListSpec("rytj", "RY_Kaavalaji", ("plan_types",)),
    ListSpec("rytj", "RY_MaanalaisuudenLaji", ("underground_types",)),
    ListSpec("rytj", "kaavpaatnimi", ("decision_names",)),
    ListSpec("rytj", "kaavakastap", ("handling_event_types",)),
    ListSpec("rytj", "RY_KaavanVuorovaikutustapahtumanLaji", ("interaction_event_types",)),
    ListSpec("rytj", "oikeusvaik_YK", ("legal_effects",)),
    ListSpec("rytj", "RY_DigitaalinenAlkupera", ("digital_origins",)),
    ListSpec("rytj", "RY_LahtotietoaineistonLaji", ("source_data_types",)),
    ListSpec("rytj", "RY_AsiakirjanLaji_YKAK", ("document_types",)),
    ListSpec("rytj", "kaavoitusteema", ("planning_themes",)),
    ListSpec("rytj", "julkisuus", ("publicity",)),
    ListSpec("rytj", "henkilotietosisalto", ("personal_data",)),
    ListSpec("rytj", "sailytysaika", ("retention_times",)),
    ListSpec("rytj", "ryhtikielet", ("languages",)),
    ListSpec("rytj", "PaatoksenTekija", ("decision_makers",)),
    ListSpec("jhs", "kunta_1_20240101", ("municipalities", "kunta")),
    ListSpec("jhs", "maakunta_1_20240101", ("regions", "maakunta")),
    ListSpec("rakrek", "ETRS89", ("coordinate_systems",), fallback=ETRS89_FALLBACK),
)

#: How koodistot marks a structuring header-level code ("Koodistoa jäsentävä otsikkotason
#: koodi, jota ei käytetä kaavamääräyksissä"; RY_Kaavalaji: "Jäsentävä otsikkotason koodi,
#: jota ei sellaisenaan käytetä"): koodistot has no field for it, only this sentence in the
#: code's description, in each language it has. Syke's validator refuses such codes in plan
#: data (``quality__req_codelist_codevalue_headerlevel``), so the update marks them.
HEADER_DESCRIPTION = re.compile(
    r"otsikkotason koodi|header[- ]level code|kod på rubriknivå", re.IGNORECASE
)

#: Keys of a reference file's ``source`` record that are kept as provenance (facts only).
PROVENANCE_KEYS = ("repo", "commit", "dump_commit", "path", "paths", "license", "loaded_from")

# ------------------------------------------------------------------------------------------
# Lifecycle relations: per-plan-level rules of the RYHTI rule checklist, §E
# ------------------------------------------------------------------------------------------

AK_YK = ("asemakaava", "yleiskaava")
MK = ("maakuntakaava",)
ALL_LEVELS = None


@dataclass(frozen=True)
class RelationRule:
    """One rule: in ``status``, ``kind`` must be one of ``codes`` (``mode="one_of"``) or at
    least one of ``codes`` must be present (``mode="at_least_one"``), at ``plan_levels``."""

    rule: str
    kind: str
    status: str
    plan_levels: tuple[str, ...] | None
    codes: tuple[str, ...]
    mode: str = "one_of"


#: R-E12 no decision in 07 and 09 (``lifecycle__req_planmatterdecision_not_allowed_07_09_lifecycles``);
#: R-E13 decision names for AK/YK (``lifecycle__req_codelist_plandecision_name_codevalue_*``), where
#: "06 → 11 or 12" reads 11A/11B/12 in the current kaavpaatnimi list; R-E14 decision names for MK;
#: R-E15 handling event types (``lifecycle__req_codelist_handlingeventtype_codevalue_lifecycle``);
#: R-E17 interaction events required in 03–05 (``lifecycle__req_interactionevents_codevalue_*``).
#: R-E16 (phase 08: the handling event corresponds to the decision) is applied by the update
#: command through the decision ↔ handling-event correspondence of the two lists' labels.
RELATION_RULES: tuple[RelationRule, ...] = (
    RelationRule("R-E12", "decisions", "07", ALL_LEVELS, ()),
    RelationRule("R-E12", "decisions", "09", ALL_LEVELS, ()),
    RelationRule("R-E13", "decisions", "02", AK_YK, ("01", "02", "03")),
    RelationRule("R-E13", "decisions", "03", AK_YK, ("04", "05", "06")),
    RelationRule("R-E13", "decisions", "04", AK_YK, ("08",)),
    RelationRule("R-E13", "decisions", "05", AK_YK, ("09",)),
    RelationRule("R-E13", "decisions", "06", AK_YK, ("11A", "11B", "12")),
    RelationRule("R-E13", "decisions", "08", AK_YK, ("12", "13", "15")),
    RelationRule("R-E14", "decisions", "04", MK, ("07", "08")),
    RelationRule("R-E14", "decisions", "05", MK, ("07", "09")),
    RelationRule("R-E15", "handling", "02", ALL_LEVELS, ("04",)),
    RelationRule("R-E15", "handling", "03", ALL_LEVELS, ("05", "06")),
    RelationRule("R-E15", "handling", "04", AK_YK, ("07",)),
    RelationRule("R-E15", "handling", "13", ALL_LEVELS, ("16",)),
    RelationRule("R-E15", "handling", "04", MK, ("07", "08")),
    RelationRule("R-E15", "handling", "05", MK, ("08", "09")),
    RelationRule("R-E15", "handling", "06", MK, ("11",)),
    RelationRule("R-E17", "interaction", "03", AK_YK, ("01",), "at_least_one"),
    RelationRule("R-E17", "interaction", "04", AK_YK, ("01",), "at_least_one"),
    RelationRule("R-E17", "interaction", "05", AK_YK, ("01",), "at_least_one"),
    RelationRule("R-E17", "interaction", "03", MK, ("01", "02"), "at_least_one"),
    RelationRule("R-E17", "interaction", "04", MK, ("01", "02"), "at_least_one"),
    RelationRule("R-E17", "interaction", "05", MK, ("01", "02"), "at_least_one"),
)

#: Phase 08 handling events follow the decision (rule R-E16).
DECISION_FOLLOWS_STATUS = {"08": "R-E16"}

RULES_SOURCE = {
    "document": "RYHTI rule checklist (ryhti-rules.md), section E",
    "based_on": "Syke error catalogue (Ryhti-virhetekstit-ja-käännökset.csv) and rule table",
}

# ------------------------------------------------------------------------------------------
# Value types
# ------------------------------------------------------------------------------------------

#: ``dataType`` values of the RYHTI API (ryhti-model §5.5), as the model declares them.
DATA_TYPES = frozenset(_MODEL_DATA_TYPES)

#: Syke's validation-rule PDF states value kinds in words; these are the API types they name
#: (int32 ``number`` = Numeric, double = Decimal, per ryhti-model §5.5).
SYKE_VALUE_KINDS = {
    "positive integer": "PositiveNumeric",
    "integer": "Numeric",
    "positive integer range": "PositiveNumericRange",
    "positive decimal": "PositiveDecimal",
    "decimal": "Decimal",
}

#: Spellings of units that mean the same thing (Arho writes ``prosentti`` for ``%``).
UNIT_SYNONYMS = {"prosentti": "%", "aste": "°"}

#: Facts of ryhti-model §9.4 (from Syke's validation-rule PDF and error catalogue, Spatineo's
#: CI-validated examples and Gispo's configuration) that ``units_and_value_types.json`` does
#: not carry: the additional-information types that take no value, and the time-period type.
DOC_VALUE_FACTS: tuple[dict[str, Any], ...] = (
    {"kind": "additional_information", "code": "paakayttotarkoitus", "value": "none"},
    {"kind": "additional_information", "code": "osaAlue", "value": "none"},
    {"kind": "additional_information", "code": "sitovaTonttijakoLaadittava", "value": "none"},
    {"kind": "additional_information", "code": "rakentamistapaohjeHuomioitava", "value": "none"},
    {
        "kind": "additional_information",
        "code": "valiaikainenMaarays",
        "data_types": ["TimePeriodDateOnly"],
    },
    {
        "kind": "additional_information",
        "code": "poisluettavaKayttotarkoitus",
        "data_types": ["Code"],
        "code_lists": ["http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji"],
        "value": "required",
    },
)
DOC_VALUE_SOURCE = "ryhti-model.md §9.4"
