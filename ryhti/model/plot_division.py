"""Binding plot division matters (sitova tonttijako).

Delivered through the same X-Road service as plan matters, often together with an
asemakaava. Modelled so that these payloads load, dump and validate structurally
like plans do.
"""

from __future__ import annotations

from ryhti.model.base import Model, f, model
from ryhti.model.common import (
    AttachmentDocumentFields,
    LanguageString,
    RyhtiGeometry,
    TimePeriodDateOnly,
)
from ryhti.model.matter import Statute
from ryhti.model.plan import BindingPlotDivisionCancellationInfo
from ryhti.model.values import DecimalRange, PositiveNumericValue


@model
class BindingPlotDivisionOperator(Model):
    """A person or organisation in a plot division matter."""

    binding_plot_division_operator_key: str = f(req=True, fmt="uuid")
    binding_plot_division_operator_uri: str = f(read_only=True)
    first_name: str | None = f()
    last_name: str | None = f()
    title: str | None = f()
    organization_name: str | None = f()
    business_id: str | None = f()


@model
class BindingPlotDivisionAttachmentDocument(AttachmentDocumentFields):
    """A PDF document of a plot division matter."""

    binding_plot_division_attachment_document_uri: str = f(read_only=True)
    type_of_attachment: str = f(
        req=True, min_length=1, codelist="RY_AsiakirjanLaji_YKAK", closed=False
    )
    document_specification: LanguageString | None = f()
    document_creator_operators: list[BindingPlotDivisionOperator] | None = f()
    related_binding_plot_division_attachment_documents: list[str] | None = f()


@model
class MotherProperty(Model):
    """A property (kiinteistö) from which a plot is formed."""

    mother_property_key: str = f(req=True, fmt="uuid", min_length=1)
    property_identifier: str | None = f(min_length=3)
    unseparated_parcel_identifier: str | None = f()
    contained_area: PositiveNumericValue = f(req=True)
    fully_included: bool = f(req=True)


@model
class RelatedPlan(Model):
    """A plan a plot relates to."""

    related_plan_uri: str | None = f()
    related_plan_key: str = f(req=True, fmt="uuid", min_length=1)
    related_producer_plan_identifier: str | None = f()


@model
class PlotDivisionPlot(Model):
    """One plot (tontti) of a binding plot division."""

    plot_division_plot_key: str = f(req=True, fmt="uuid")
    plot_division_plot_uri: str = f(read_only=True)
    plot_division_plot_identifier: str = f(req=True, min_length=1)
    area: PositiveNumericValue | None = f()
    projected_area: PositiveNumericValue | None = f()
    area_reservations: list[str] = f(req=True, min_items=1, codelist="RY_Kaavamaarayslaji")
    area_reservation_letter_identifier: str = f(req=True, min_length=1)
    volume_of_building: PositiveNumericValue | None = f(deprecated=True)
    permitted_building_area: PositiveNumericValue | None = f()
    permitted_building_volume: PositiveNumericValue | None = f()
    mother_properties: list[MotherProperty] = f(req=True, min_items=1)
    relation_to_basic_property: str | None = f()
    related_plans: list[RelatedPlan] = f(req=True, min_items=1)
    geometry: RyhtiGeometry = f(req=True)
    vertical_limit: DecimalRange | None = f()
    area_reservation_regulation_uris: list[str] | None = f()
    volume_of_building_regulation_uris: list[str] | None = f()


@model
class BoundaryPoint(Model):
    """A boundary point or peg of the plot division."""

    boundary_point_key: str = f(req=True, fmt="uuid", min_length=1)
    boundary_point_or_peg_id: str = f(req=True, min_length=1)
    geometry: RyhtiGeometry = f(req=True)


@model
class AccessToRoad(Model):
    """Access from plots to a road."""

    access_to_road_key: str = f(req=True, fmt="uuid")
    access_to_road_uri: str = f(read_only=True)
    geometry: RyhtiGeometry = f(req=True)
    plot_division_plot_keys: list[str] = f(req=True, fmt="uuid")


@model
class BindingPlotDivision(Model):
    """The plot division itself: plots, boundary points, accesses."""

    binding_plot_division_key: str = f(req=True, fmt="uuid")
    binding_plot_division_uri: str = f(read_only=True)
    binding_plot_division_cancellation_infos: list[BindingPlotDivisionCancellationInfo] | None = f()
    plot_division_plots: list[PlotDivisionPlot] = f(req=True, min_items=1)
    period_of_validity: TimePeriodDateOnly = f(req=True)
    geographical_area: RyhtiGeometry = f(req=True)
    boundary_points: list[BoundaryPoint] = f(req=True, min_items=3)
    accesses_to_road: list[AccessToRoad] | None = f()


@model
class BindingPlotDivisionMatterDecision(Model):
    """The decision approving a plot division."""

    binding_plot_division_matter_decision_key: str = f(req=True, fmt="uuid")
    binding_plot_division_matter_decision_uri: str = f(read_only=True)
    decision_date: str = f(req=True, fmt="date")
    date_of_decision: str = f(req=True, fmt="date")
    date_of_validity: str = f(req=True, fmt="date")
    decision_documents: list[BindingPlotDivisionAttachmentDocument] = f(req=True, min_items=1)
    decision_article: LanguageString | None = f()
    decision_text: LanguageString | None = f()
    name: str = f(req=True, codelist="AlueidenkayttopaatoksenNimi")
    decision_identifier: str | None = f()
    type_of_decision_maker: str = f(
        req=True, min_length=1, codelist="PaatoksenTekija", closed=False
    )
    statute: Statute | None = f()
    decision_maker: BindingPlotDivisionOperator | None = f()
    binding_plot_division_cancellations: list[BindingPlotDivisionCancellationInfo] | None = f()


@model
class BindingPlotDivisionMatterPhase(Model):
    """One phase of a plot division matter."""

    life_cycle_status: str = f(req=True, codelist="sitovanTonttijaonElinkaarenTila")
    binding_plot_division_matter_phase_key: str = f(req=True, fmt="uuid")
    binding_plot_division_matter_phase_uri: str = f(read_only=True)
    decision: BindingPlotDivisionMatterDecision | None = f()
    approved_plan_decision_uri: str | None = f()
    binding_plot_division: BindingPlotDivision | None = f()


@model
class BindingPlotDivisionMatterUpdate(Model):
    """Plot division matter data for an update (no phases)."""

    name: LanguageString = f(req=True)
    description: LanguageString | None = f()
    binding_plot_division_type: str = f(req=True, codelist="sitovanTonttijaonLaji")
    permanent_binding_plot_division_identifier: str = f(req=True, min_length=1)
    producer_binding_plot_division_identifier: str | None = f()
    case_identifiers: list[str] | None = f()
    record_numbers: list[str] | None = f()
    time_of_initiation: str = f(req=True, fmt="date")
    administrative_area_identifiers: list[str] = f(req=True, max_items=1)
    responsible_party: BindingPlotDivisionOperator | None = f()
    related_binding_plot_division_matters: list[str] | None = f()
    matter_annexes: list[BindingPlotDivisionAttachmentDocument] | None = f()


@model
class BindingPlotDivisionMatterCreate(BindingPlotDivisionMatterUpdate):
    """A new plot division matter with its single phase."""

    phases: list[BindingPlotDivisionMatterPhase] = f(req=True, min_items=1, max_items=1)
    original_administrative_area_identifiers: list[str] | None = f()


__all__ = [
    "AccessToRoad",
    "BindingPlotDivision",
    "BindingPlotDivisionAttachmentDocument",
    "BindingPlotDivisionMatterCreate",
    "BindingPlotDivisionMatterDecision",
    "BindingPlotDivisionMatterPhase",
    "BindingPlotDivisionMatterUpdate",
    "BindingPlotDivisionOperator",
    "BoundaryPoint",
    "MotherProperty",
    "PlotDivisionPlot",
    "RelatedPlan",
]
