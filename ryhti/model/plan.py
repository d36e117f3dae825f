"""The plan (kaava) and everything inside it.

``ValidatePlan`` is the body of the public Validate API: a plan without its plan
matter, which must carry plan objects and regulation groups. ``Plan`` is the same
plan as it travels inside a plan decision over the X-Road service, where a
directory-level plan may have neither.

The only link between plan objects and regulation groups inside one plan is
``planRegulationGroupRelations``; objects are typed by the regulations of the
groups related to them.
"""

from __future__ import annotations

from typing import ClassVar

from ryhti.model.base import Model, f, model
from ryhti.model.common import (
    LanguageString,
    OtherPlanMaterial,
    PlanAttachmentDocument,
    PlanOperator,
    RyhtiGeometry,
    TimePeriodDateOnly,
)
from ryhti.model.values import AttributeValue, DecimalRange

PLAN_MAP_COORDINATE_SYSTEMS: tuple[str, ...] = (
    "http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067",
)


@model
class AdditionalInformation(Model):
    """Qualifier on a regulation (lisätieto): main use, sub-area, share of floor area…"""

    type: str = f(req=True, codelist="RY_Kaavamaarayksen_Lisatiedonlaji")
    value: AttributeValue | None = f()


@model
class PlanRegulation(Model):
    """One plan regulation (kaavamääräys): a type code, optionally a value."""

    plan_regulation_key: str = f(req=True, fmt="uuid")
    plan_regulation_uri: str = f(read_only=True)
    value: AttributeValue | None = f()
    life_cycle_status: str = f(req=True, codelist="kaavaelinkaari")
    type: str = f(req=True, codelist="RY_Kaavamaarayslaji")
    verbal_regulations: list[str] | None = f(codelist="RY_Sanallisen_Kaavamaarayksen_Laji")
    additional_informations: list[AdditionalInformation] | None = f()
    related_documents: list[PlanAttachmentDocument] | None = f()
    plan_themes: list[str] | None = f(codelist="kaavoitusteema", closed=False)
    period_of_validity: TimePeriodDateOnly | None = f()
    subject_identifiers: list[str] | None = f()
    regulation_number: str | None = f()


@model
class PlanRecommendation(Model):
    """A plan recommendation (kaavasuositus): advisory text."""

    plan_recommendation_key: str = f(req=True, fmt="uuid")
    plan_recommendation_uri: str = f(read_only=True)
    value: LanguageString = f(req=True)
    life_cycle_status: str = f(req=True, codelist="kaavaelinkaari")
    related_documents: list[PlanAttachmentDocument] | None = f()
    plan_themes: list[str] | None = f(codelist="kaavoitusteema", closed=False)
    period_of_validity: TimePeriodDateOnly | None = f()
    recommendation_number: int | None = f(fmt="int32")


@model
class PlanRegulationGroup(Model):
    """A group of regulations attached to plan objects (kaavamääräysryhmä), e.g. ``AK-1``."""

    plan_regulation_group_key: str = f(req=True, fmt="uuid")
    plan_regulation_group_uri: str = f(read_only=True)
    title_of_plan_regulation: LanguageString = f(req=True)
    letter_identifier: str | None = f()
    plan_regulations: list[PlanRegulation] = f(req=True)
    plan_recommendations: list[PlanRecommendation] | None = f()
    color_number: str | None = f()
    group_number: int | None = f(fmt="int32")


@model
class GeneralRegulationGroup(Model):
    """Regulations that apply to the whole plan (yleismääräykset)."""

    general_regulation_group_key: str = f(req=True, fmt="uuid")
    general_regulation_group_uri: str = f(read_only=True)
    title_of_plan_regulation: LanguageString = f(req=True)
    plan_regulations: list[PlanRegulation] | None = f()
    plan_recommendations: list[PlanRecommendation] | None = f()
    group_number: int | None = f(fmt="int32")


@model
class PlanObject(Model):
    """A plan object (kaavakohde): a geometry to which regulation groups apply."""

    plan_object_key: str = f(req=True, fmt="uuid")
    plan_object_uri: str = f(read_only=True)
    life_cycle_status: str = f(req=True, codelist="kaavaelinkaari")
    underground_status: str = f(
        req=True, min_length=1, codelist="RY_MaanalaisuudenLaji", closed=False
    )
    geometry: RyhtiGeometry = f(req=True)
    name: LanguageString | None = f()
    description: LanguageString | None = f()
    vertical_limit: DecimalRange | None = f()
    related_plan_source_data_keys: list[str] | None = f(fmt="uuid")
    related_plan_source_data_uris: list[str] | None = f()
    period_of_validity: TimePeriodDateOnly | None = f()
    object_number: int | None = f(fmt="int32")
    related_plan_object_keys: list[str] | None = f(fmt="uuid")
    related_plan_object_uris: list[str] | None = f()


@model
class PlanRegulationGroupRelations(Model):
    """Links one plan object to one regulation group of the same plan."""

    plan_object_key: str = f(fmt="uuid")
    plan_regulation_group_key: str = f(fmt="uuid")


@model
class RelatedPlanObjectRegulationGroupRelation(Model):
    """Applies a group of this plan to an object of an already stored plan (phased plans)."""

    related_plan_object_uri: str = f(req=True)
    regulation_group_key: str = f(req=True, fmt="uuid")


@model
class RelatedRegulationGroupPlanObjectRelation(Model):
    """Read-only: a stored group applied to an object of this plan (returned by GET)."""

    related_regulation_group_uri: str = f(read_only=True)
    plan_object_key: str = f(fmt="uuid", read_only=True)


@model
class PresentationAlignment(Model):
    """Where a group's label or symbol is drawn for an object (esitystavan kohdistus)."""

    plan_object_key: str = f(req=True, fmt="uuid")
    plan_regulation_group_key: str = f(req=True, fmt="uuid")
    geometry: RyhtiGeometry = f(req=True)
    rotation: int | None = f(fmt="int32")
    language: str | None = f(codelist="ryhtikielet", closed=False)


@model
class PlanMap(Model):
    """The plan map as a GeoTIFF file (kaavakartta), always in EPSG:3067."""

    plan_map_key: str = f(req=True, fmt="uuid")
    plan_map_uri: str = f(read_only=True)
    name: LanguageString = f(req=True)
    file_key: str = f(req=True, fmt="uuid", min_length=1)
    coordinate_system: str = f(req=True, min_length=1, enum=PLAN_MAP_COORDINATE_SYSTEMS)


@model
class PlanReport(Model):
    """The plan description (kaavaselostus) as attachment documents."""

    plan_report_key: str = f(req=True, fmt="uuid")
    plan_report_uri: str = f(read_only=True)
    attachment_documents: list[PlanAttachmentDocument] = f(req=True, min_items=1)


@model
class CancelledGroupRelations(Model):
    """A stored group-to-object relation that this plan cancels."""

    plan_regulation_group_uri: str = f(req=True, min_length=1)
    plan_object_uri: str = f(req=True, min_length=1)


@model
class PlanObjectCancellationInfo(Model):
    """Cancels a stored plan object wholly or partly; ``validityGeometry`` is what remains."""

    plan_object_cancellation_info_key: str = f(req=True, fmt="uuid")
    cancelled_plan_object_uri: str = f(req=True)
    cancels_entire_plan_object: bool = f(req=True)
    validity_geometry: RyhtiGeometry | None = f()


@model
class PlanCancellationInfo(Model):
    """What earlier approved plan (or part of it) this plan or decision repeals (kumoamistieto)."""

    plan_cancellation_info_key: str = f(req=True, fmt="uuid")
    plan_cancellation_info_uri: str = f(read_only=True)
    cancelled_plan_uri: str = f(req=True, min_length=1)
    cancels_entire_plan: bool = f(req=True)
    cancelled_group_relations: list[CancelledGroupRelations] | None = f()
    plan_object_cancellation_infos: list[PlanObjectCancellationInfo] | None = f()
    cancelled_general_regulation_group_uris: list[str] | None = f()


@model
class BindingPlotDivisionCancellationInfo(Model):
    """A binding plot division (or some of its plots) that a decision cancels."""

    binding_plot_division_cancellation_info_key: str = f(req=True, fmt="uuid", min_length=1)
    cancelled_binding_plot_division_uri: str = f(req=True, min_length=1)
    cancels_entire_binding_plot_division: bool = f(req=True)
    cancelled_plot_division_plot_uris: list[str] | None = f()


@model
class Plan(Model):
    """A plan inside a plan decision (``Plan`` of the X-Road plan service).

    A directory-level plan (kaavahakemisto) may consist of the boundary alone.
    """

    plan_key: str = f(req=True, fmt="uuid")
    plan_uri: str = f(read_only=True)
    life_cycle_status: str = f(req=True, codelist="kaavaelinkaari")
    legal_effect_of_local_master_plans: list[str] | None = f(codelist="oikeusvaik_YK")
    scale: int | None = f(fmt="int32")
    official_use_only: bool | None = f()
    plan_maps: list[PlanMap] | None = f()
    geographical_area: RyhtiGeometry = f(req=True)
    plan_description: str | None = f()
    plan_annexes: list[PlanAttachmentDocument] | None = f()
    other_plan_materials: list[OtherPlanMaterial] | None = f()
    plan_cancellation_infos: list[PlanCancellationInfo] | None = f()
    binding_plot_division_cancellation_infos: list[BindingPlotDivisionCancellationInfo] | None = f()
    plan_report: PlanReport | None = f()
    general_regulation_groups: list[GeneralRegulationGroup] | None = f()
    presentation_alignments: list[PresentationAlignment] | None = f()
    period_of_validity: TimePeriodDateOnly | None = f()
    approval_date: str | None = f(fmt="date")
    planners: list[PlanOperator] | None = f()
    plan_objects: list[PlanObject] | None = f()
    plan_regulation_groups: list[PlanRegulationGroup] | None = f()
    plan_regulation_group_relations: list[PlanRegulationGroupRelations] | None = f()
    related_plan_object_regulation_group_relations: (
        list[RelatedPlanObjectRegulationGroupRelation] | None
    ) = f()
    related_regulation_group_plan_object_relations: (
        list[RelatedRegulationGroupPlanObjectRelation] | None
    ) = f(read_only=True)

    # -- navigation helpers (computed on demand, never stored) ---------------------------
    def objects(self) -> list[PlanObject]:
        """Plan objects that loaded as objects (malformed entries are skipped here)."""
        items = self.plan_objects
        return [o for o in items if isinstance(o, PlanObject)] if isinstance(items, list) else []

    def groups(self) -> list[PlanRegulationGroup]:
        """Regulation groups that loaded as groups."""
        items = self.plan_regulation_groups
        return (
            [g for g in items if isinstance(g, PlanRegulationGroup)]
            if isinstance(items, list)
            else []
        )

    def general_groups(self) -> list[GeneralRegulationGroup]:
        """General regulation groups that loaded as groups."""
        items = self.general_regulation_groups
        return (
            [g for g in items if isinstance(g, GeneralRegulationGroup)]
            if isinstance(items, list)
            else []
        )

    def relations(self) -> list[PlanRegulationGroupRelations]:
        """Object-to-group relations that loaded as relations."""
        items = self.plan_regulation_group_relations
        return (
            [r for r in items if isinstance(r, PlanRegulationGroupRelations)]
            if isinstance(items, list)
            else []
        )

    def groups_by_object(self) -> dict[str, list[PlanRegulationGroup]]:
        """planObjectKey -> the regulation groups related to it, in relation order."""
        by_key = {
            g.plan_regulation_group_key: g
            for g in self.groups()
            if isinstance(g.plan_regulation_group_key, str)
        }
        out: dict[str, list[PlanRegulationGroup]] = {}
        for rel in self.relations():
            group = by_key.get(rel.plan_regulation_group_key)
            if group is not None and isinstance(rel.plan_object_key, str):
                out.setdefault(rel.plan_object_key, []).append(group)
        return out


@model
class ValidatePlan(Plan):
    """The body of the public Validate API: one plan without its plan matter.

    Differs from :class:`Plan` in requiring at least one plan object and one
    regulation group, and in not accepting binding-plot-division cancellations or
    the read-only stored-group relations.
    """

    plan_objects: list[PlanObject] = f(req=True, min_items=1)
    plan_regulation_groups: list[PlanRegulationGroup] = f(req=True, min_items=1)

    #: Fields of :class:`Plan` that the public Validate API does not accept.
    EXCLUDED: ClassVar[tuple[str, ...]] = (
        "binding_plot_division_cancellation_infos",
        "related_regulation_group_plan_object_relations",
    )


__all__ = [
    "PLAN_MAP_COORDINATE_SYSTEMS",
    "AdditionalInformation",
    "BindingPlotDivisionCancellationInfo",
    "CancelledGroupRelations",
    "GeneralRegulationGroup",
    "Plan",
    "PlanCancellationInfo",
    "PlanMap",
    "PlanObject",
    "PlanObjectCancellationInfo",
    "PlanRecommendation",
    "PlanRegulation",
    "PlanRegulationGroup",
    "PlanRegulationGroupRelations",
    "PlanReport",
    "PresentationAlignment",
    "RelatedPlanObjectRegulationGroupRelation",
    "RelatedRegulationGroupPlanObjectRelation",
    "ValidatePlan",
]
