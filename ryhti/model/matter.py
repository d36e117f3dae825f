"""The plan matter (kaava-asia) and its phases, decisions and events.

A plan matter is the planning case, identified by a permanent plan identifier
(``AK-000123``). It is created with exactly one phase; later phases are added one
by one. The plan itself travels inside a phase's decision
(``planMatterPhases[].planDecision.plans[]``).
"""

from __future__ import annotations

from ryhti.model.base import Model, f, model
from ryhti.model.common import (
    LanguageString,
    PlanAttachmentDocument,
    PlanOperator,
    RyhtiGeometry,
    TimePeriod,
    TimePeriodDateOnly,
)
from ryhti.model.plan import BindingPlotDivisionCancellationInfo, Plan, PlanCancellationInfo


@model
class Statute(Model):
    """A statute a decision rests on (säädös), by its number in the statute book."""

    name_of_statute: LanguageString = f(req=True)
    number_of_statute_collection: int = f(req=True, fmt="int32")
    year_of_statute_collection: int = f(req=True, fmt="int32")
    chapter: int | None = f(fmt="int32")
    section: int | None = f(fmt="int32")
    subsections: list[int] | None = f(fmt="int32")
    paragraphs: list[int] | None = f(fmt="int32")
    subparagraphs: list[str] | None = f()


@model
class PlanDecision(Model):
    """A decision in a phase (kaavapäätös); may carry the approved plan(s)."""

    plan_decision_key: str = f(req=True, fmt="uuid")
    plan_decision_uri: str = f(read_only=True)
    name: str = f(req=True, codelist="kaavpaatnimi")
    decision_date: str = f(req=True, fmt="date")
    date_of_decision: str = f(req=True, fmt="date")
    decision_documents: list[PlanAttachmentDocument] | None = f()
    decision_article: LanguageString | None = f()
    decision_text: LanguageString | None = f()
    type_of_decision_maker: str = f(
        req=True, min_length=1, codelist="PaatoksenTekija", closed=False
    )
    decision_identifier: str | None = f()
    statutes: list[Statute] | None = f()
    plans: list[Plan] | None = f()
    date_of_validity: str | None = f(fmt="date")
    decision_makers: list[PlanOperator] | None = f()
    plan_cancellation_infos: list[PlanCancellationInfo] | None = f()
    binding_plot_division_cancellation_infos: list[BindingPlotDivisionCancellationInfo] | None = f()


@model
class HandlingEvent(Model):
    """A processing event (käsittelytapahtuma), e.g. the plan was approved."""

    handling_event_key: str = f(req=True, fmt="uuid")
    handling_event_uri: str = f(read_only=True)
    handling_event_type: str = f(req=True, codelist="kaavakastap")
    event_time: str | None = f(fmt="date")
    name: LanguageString | None = f()
    description: LanguageString | None = f()
    location: RyhtiGeometry | None = f()
    additional_information_link: str | None = f()
    cancelled: bool | None = f()
    related_documents: list[PlanAttachmentDocument] | None = f()


@model
class InteractionEvent(Model):
    """A participation event (vuorovaikutustapahtuma): public display, statement request…"""

    interaction_event_key: str = f(req=True, fmt="uuid")
    interaction_event_uri: str = f(read_only=True)
    interaction_event_type: str = f(req=True, codelist="RY_KaavanVuorovaikutustapahtumanLaji")
    event_time: TimePeriod = f(req=True)
    name: LanguageString | None = f()
    description: LanguageString | None = f()
    location: RyhtiGeometry | None = f()
    additional_information_link: str | None = f()
    cancelled: bool | None = f()
    related_documents: list[PlanAttachmentDocument] | None = f()


@model
class PlanMatterPhase(Model):
    """One lifecycle step of a plan matter, with its boundary, events and decision."""

    plan_matter_phase_key: str = f(req=True, fmt="uuid")
    life_cycle_status: str = f(req=True, codelist="kaavaelinkaari")
    geographical_area: RyhtiGeometry = f(req=True)
    handling_event: HandlingEvent | None = f()
    interaction_events: list[InteractionEvent] | None = f()
    plan_decision: PlanDecision | None = f()


@model
class ParticipationAndAssessmentScheme(Model):
    """The participation and assessment scheme (osallistumis- ja arviointisuunnitelma, OAS)."""

    participation_and_assessment_scheme_key: str = f(req=True, fmt="uuid")
    participation_and_assessment_scheme_uri: str = f(read_only=True)
    attachment_documents: list[PlanAttachmentDocument] = f(req=True, min_items=1)


@model
class PlanSourceData(Model):
    """Source data used in planning (lähtötietoaineisto)."""

    plan_source_data_key: str = f(req=True, fmt="uuid")
    plan_source_data_uri: str = f(read_only=True)
    type: str = f(req=True, min_length=1, codelist="RY_LahtotietoaineistonLaji", closed=False)
    name: LanguageString | None = f()
    geographical_area: RyhtiGeometry | None = f()
    additional_information_link: str | None = f()
    files: list[PlanAttachmentDocument] | None = f()


@model
class PlanMatterUpdate(Model):
    """Plan matter data for an update: the matter without its phases."""

    permanent_plan_identifier: str = f(req=True, min_length=1)
    plan_type: str = f(req=True, codelist="RY_Kaavalaji")
    name: LanguageString = f(req=True)
    time_of_initiation: str = f(req=True, fmt="date")
    description: LanguageString | None = f()
    producer_plan_identifier: str | None = f()
    case_identifiers: list[str] | None = f()
    related_binding_plot_division_matter_uri: str | None = f(deprecated=True)
    related_binding_plot_division_matter_uris: list[str] | None = f()
    record_numbers: list[str] | None = f()
    administrative_area_identifiers: list[str] = f(req=True)
    digital_origin: str = f(req=True, codelist="RY_DigitaalinenAlkupera")
    matter_annexes: list[PlanAttachmentDocument] | None = f()
    responsible_party: PlanOperator | None = f()
    participation_and_assessment_scheme: ParticipationAndAssessmentScheme | None = f()
    source_datas: list[PlanSourceData] | None = f()
    related_plan_matters: list[str] | None = f()


@model
class PlanMatterCreate(PlanMatterUpdate):
    """A new plan matter with its first phase (exactly one)."""

    plan_matter_phases: list[PlanMatterPhase] = f(req=True)
    original_administrative_area_identifiers: list[str] | None = f()

    def phases(self) -> list[PlanMatterPhase]:
        """Phases that loaded as phases."""
        items = self.plan_matter_phases
        return (
            [p for p in items if isinstance(p, PlanMatterPhase)] if isinstance(items, list) else []
        )

    def plans(self) -> list[Plan]:
        """Every plan carried in the phases' decisions."""
        out: list[Plan] = []
        for phase in self.phases():
            decision = phase.plan_decision
            if isinstance(decision, PlanDecision) and isinstance(decision.plans, list):
                out.extend(p for p in decision.plans if isinstance(p, Plan))
        return out


# -- responses of the plan service (read side) ---------------------------------------------


@model
class PlanMatterPhaseUriResponse(Model):
    """A phase as listed in a plan matter response."""

    plan_matter_phase_key: str = f()
    plan_matter_phase_uri: str = f()
    life_cycle_status: str = f(codelist="kaavaelinkaari")


@model
class CancelledByResponse(Model):
    """A later plan that cancelled this one."""

    plan_cancellation_key: str = f(fmt="uuid")
    permanent_plan_identifier: str | None = f()
    date_of_validity: str | None = f(fmt="date")


@model
class PlanMatterResponse(PlanMatterUpdate):
    """A stored plan matter as returned by ``GET``."""

    effective_life_cycle_status: str | None = f()
    period_of_validity: TimePeriodDateOnly | None = f()
    plan_matter_phases: list[PlanMatterPhaseUriResponse] = f(req=True)
    cancelled_by: list[CancelledByResponse] = f()
    original_administrative_area_identifiers: list[str] = f(req=True)
    plan_matter_uri: str = f(read_only=True)


@model
class PlanMatterPhaseResponse(Model):
    """A stored phase as returned by ``GET``, with its neighbours."""

    plan_matter_phase_key: str = f(fmt="uuid")
    plan_matter_phase_uri: str = f(read_only=True)
    life_cycle_status: str = f(codelist="kaavaelinkaari")
    geographical_area: RyhtiGeometry = f()
    handling_event: HandlingEvent | None = f()
    interaction_events: list[InteractionEvent] | None = f()
    plan_decision: PlanDecision | None = f()
    previous_phase_key: str | None = f()
    next_phase_key: str | None = f()


__all__ = [
    "CancelledByResponse",
    "HandlingEvent",
    "InteractionEvent",
    "ParticipationAndAssessmentScheme",
    "PlanDecision",
    "PlanMatterCreate",
    "PlanMatterPhase",
    "PlanMatterPhaseResponse",
    "PlanMatterPhaseUriResponse",
    "PlanMatterResponse",
    "PlanMatterUpdate",
    "PlanSourceData",
    "Statute",
]
