"""The RYHTI plan payload as typed classes, loaded and dumped losslessly.

    >>> from ryhti.model import load
    >>> doc = load("plan.json")            # ValidatePlan, PlanMatterCreate, … by content
    >>> doc.to_json() == original_json      # always, key order aside

Field names, types and requiredness follow the official OpenAPI descriptions of
the public Validate API and the X-Road plan service; a conformance test checks
them field by field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.errors import InputError
from ryhti.io import gc_paused, read_json
from ryhti.model.base import UNSET, FieldSpec, Model, walk
from ryhti.model.common import (
    ALLOWED_SRIDS,
    GEOMETRY_TYPES,
    LANGUAGES,
    Descriptor,
    GeoJsonGeometry,
    LanguageString,
    OtherPlanMaterial,
    PlanAttachmentDocument,
    PlanOperator,
    RyhtiGeometry,
    TimePeriod,
    TimePeriodDateOnly,
)
from ryhti.model.matter import (
    CancelledByResponse,
    HandlingEvent,
    InteractionEvent,
    ParticipationAndAssessmentScheme,
    PlanDecision,
    PlanMatterCreate,
    PlanMatterPhase,
    PlanMatterPhaseResponse,
    PlanMatterPhaseUriResponse,
    PlanMatterResponse,
    PlanMatterUpdate,
    PlanSourceData,
    Statute,
)
from ryhti.model.plan import (
    AdditionalInformation,
    BindingPlotDivisionCancellationInfo,
    CancelledGroupRelations,
    GeneralRegulationGroup,
    Plan,
    PlanCancellationInfo,
    PlanMap,
    PlanObject,
    PlanObjectCancellationInfo,
    PlanRecommendation,
    PlanRegulation,
    PlanRegulationGroup,
    PlanRegulationGroupRelations,
    PlanReport,
    PresentationAlignment,
    RelatedPlanObjectRegulationGroupRelation,
    RelatedRegulationGroupPlanObjectRelation,
    ValidatePlan,
)
from ryhti.model.plot_division import (
    AccessToRoad,
    BindingPlotDivision,
    BindingPlotDivisionAttachmentDocument,
    BindingPlotDivisionMatterCreate,
    BindingPlotDivisionMatterDecision,
    BindingPlotDivisionMatterPhase,
    BindingPlotDivisionMatterUpdate,
    BindingPlotDivisionOperator,
    BoundaryPoint,
    MotherProperty,
    PlotDivisionPlot,
    RelatedPlan,
)
from ryhti.model.values import (
    DATA_TYPES,
    VALUE_CLASSES,
    AttributeValue,
    CodeValue,
    DecimalRange,
    DecimalValue,
    IdentifierValue,
    LocalizedTextValue,
    NumericRange,
    NumericValue,
    PositiveDecimalRange,
    PositiveDecimalValue,
    PositiveNumericRange,
    PositiveNumericValue,
    SpotElevation,
    TextValue,
    TimePeriodDateOnlyValue,
    TimePeriodValue,
    value_from_json,
)

#: Document kinds a file may hold, by name, with the class that loads it.
KINDS: dict[str, type[Model]] = {
    "plan": ValidatePlan,
    "service-plan": Plan,
    "matter": PlanMatterCreate,
    "matter-update": PlanMatterUpdate,
    "phase": PlanMatterPhase,
    "decision": PlanDecision,
    "geometry": RyhtiGeometry,
    "plot-division-matter": BindingPlotDivisionMatterCreate,
    "plot-division-matter-update": BindingPlotDivisionMatterUpdate,
}


def kind_of(data: Any) -> str | None:
    """Guess the document kind of parsed JSON from its identifying keys.

    Distinctive keys decide (``planKey`` → plan, ``permanentPlanIdentifier`` →
    matter …); otherwise the kind whose declared fields cover most keys wins, so
    fragments such as a decision's cancellation list still load with their types.
    """
    if not isinstance(data, dict):
        return None
    if "planKey" in data:
        return "plan"
    if "permanentPlanIdentifier" in data:
        return "matter" if "planMatterPhases" in data else "matter-update"
    if "permanentBindingPlotDivisionIdentifier" in data:
        return "plot-division-matter" if "phases" in data else "plot-division-matter-update"
    if "planMatterPhaseKey" in data:
        return "phase"
    if "planDecisionKey" in data:
        return "decision"
    if "srid" in data and "geometry" in data:
        return "geometry"
    best, best_hits = None, 0
    for name, cls in KINDS.items():
        hits = sum(1 for key in data if cls.spec(key) is not None)
        if hits > best_hits:
            best, best_hits = name, hits
    return best


def from_json(data: Any, kind: str | None = None, *, source: str | Path | None = None) -> Model:
    """Load parsed JSON as a model of ``kind`` (guessed with :func:`kind_of` if omitted)."""
    if not isinstance(data, dict):
        raise InputError(
            f"expected a JSON object at the top level, found {_json_type(data)}",
            source=source,
            where="$",
        )
    if kind is None:
        kind = kind_of(data)
        if kind is None:
            raise InputError(
                "not a RYHTI plan or plan matter: none of its top-level properties are known "
                f"({', '.join(list(data)[:5]) or 'empty object'})",
                source=source,
                where="$",
                hint="a plan has planKey, a plan matter permanentPlanIdentifier",
            )
    try:
        cls = KINDS[kind]
    except KeyError:
        raise InputError(f"unknown document kind {kind!r}; one of: {', '.join(KINDS)}") from None
    with gc_paused():
        return cls.from_json(data)


def load(path: str | Path, kind: str | None = None, *, max_bytes: int | None = None) -> Model:
    """Read a JSON file and load it as a plan, plan matter or other payload."""
    return from_json(read_json(path, max_bytes), kind, source=path)


def load_plan(path: str | Path, *, max_bytes: int | None = None) -> ValidatePlan:
    """Read a plan JSON file (the body of the public Validate API)."""
    data = read_json(path, max_bytes)
    kind = kind_of(data) if isinstance(data, dict) else None
    if isinstance(data, dict) and kind not in (None, "plan"):
        raise InputError(f"holds a {kind}, not a plan", source=path, where="$")
    return from_json(data, "plan", source=path)  # type: ignore[return-value]


def load_matter(path: str | Path, *, max_bytes: int | None = None) -> PlanMatterCreate:
    """Read a plan matter JSON file (PlanMatterCreate)."""
    return from_json(read_json(path, max_bytes), "matter", source=path)  # type: ignore[return-value]


def _json_type(value: Any) -> str:
    return {
        list: "an array",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "a boolean",
    }.get(type(value), "null" if value is None else type(value).__name__)


__all__ = [
    "ALLOWED_SRIDS",
    "CLASSES",
    "DATA_TYPES",
    "GEOMETRY_TYPES",
    "KINDS",
    "LANGUAGES",
    "UNSET",
    "VALUE_CLASSES",
    "AccessToRoad",
    "AdditionalInformation",
    "AttributeValue",
    "BindingPlotDivision",
    "BindingPlotDivisionAttachmentDocument",
    "BindingPlotDivisionCancellationInfo",
    "BindingPlotDivisionMatterCreate",
    "BindingPlotDivisionMatterDecision",
    "BindingPlotDivisionMatterPhase",
    "BindingPlotDivisionMatterUpdate",
    "BindingPlotDivisionOperator",
    "BoundaryPoint",
    "CancelledByResponse",
    "CancelledGroupRelations",
    "CodeValue",
    "DecimalRange",
    "DecimalValue",
    "Descriptor",
    "FieldSpec",
    "GeneralRegulationGroup",
    "GeoJsonGeometry",
    "HandlingEvent",
    "IdentifierValue",
    "InteractionEvent",
    "LanguageString",
    "LocalizedTextValue",
    "Model",
    "MotherProperty",
    "NumericRange",
    "NumericValue",
    "OtherPlanMaterial",
    "ParticipationAndAssessmentScheme",
    "Plan",
    "PlanAttachmentDocument",
    "PlanCancellationInfo",
    "PlanDecision",
    "PlanMap",
    "PlanMatterCreate",
    "PlanMatterPhase",
    "PlanMatterPhaseResponse",
    "PlanMatterPhaseUriResponse",
    "PlanMatterResponse",
    "PlanMatterUpdate",
    "PlanObject",
    "PlanObjectCancellationInfo",
    "PlanOperator",
    "PlanRecommendation",
    "PlanRegulation",
    "PlanRegulationGroup",
    "PlanRegulationGroupRelations",
    "PlanReport",
    "PlanSourceData",
    "PlotDivisionPlot",
    "PositiveDecimalRange",
    "PositiveDecimalValue",
    "PositiveNumericRange",
    "PositiveNumericValue",
    "PresentationAlignment",
    "RelatedPlan",
    "RelatedPlanObjectRegulationGroupRelation",
    "RelatedRegulationGroupPlanObjectRelation",
    "RyhtiGeometry",
    "SpotElevation",
    "Statute",
    "TextValue",
    "TimePeriod",
    "TimePeriodDateOnly",
    "TimePeriodDateOnlyValue",
    "TimePeriodValue",
    "ValidatePlan",
    "from_json",
    "kind_of",
    "load",
    "load_matter",
    "load_plan",
    "value_from_json",
    "walk",
]

#: Every payload class, by its name in the official description: the model classes this
#: package exports (so a class added to ``__all__`` is known here too, with no second list).
CLASSES: dict[str, type[Model]] = {
    cls.schema_name: cls
    for cls in (globals().get(name) for name in __all__)
    if isinstance(cls, type) and issubclass(cls, Model) and cls is not Model
}
