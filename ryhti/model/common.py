"""Types shared by plans and plan matters: texts, geometry, periods, documents, people."""

from __future__ import annotations

from typing import Any

from ryhti.model.base import Model, f, model

#: Languages a LanguageString may carry (ISO 639-3 style keys used by RYHTI).
LANGUAGES: tuple[str, ...] = ("fin", "swe", "smn", "sms", "sme", "eng")

#: Coordinate systems RYHTI accepts: ETRS-TM35FIN and the ETRS-GK zones 19–31.
#: (The official enum also lists 4326, which the rules and error texts do not allow.)
ALLOWED_SRIDS: tuple[str, ...] = ("3067", *(str(code) for code in range(3873, 3886)))
SRID_ENUM: tuple[str, ...] = (*ALLOWED_SRIDS, "4326")

GEOMETRY_TYPES: tuple[str, ...] = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
)

#: How deeply ``coordinates`` nest for each geometry type (a position is depth 1).
COORDINATE_DEPTH: dict[str, int] = {
    "Point": 1,
    "MultiPoint": 2,
    "LineString": 2,
    "MultiLineString": 3,
    "Polygon": 3,
    "MultiPolygon": 4,
}


@model
class LanguageString(Model):
    """Text in several languages; at least one should be given (``LanguageString``)."""

    fin: str | None = f()
    swe: str | None = f()
    smn: str | None = f()
    sms: str | None = f()
    sme: str | None = f()
    eng: str | None = f()

    def text(self, lang: str = "fin") -> str | None:
        """The text in ``lang`` or, failing that, in the first language that has one."""
        for key in (lang, "fin", "swe", *LANGUAGES):
            value = getattr(self, key, None)
            if isinstance(value, str) and value.strip():
                return value
        return None

    @classmethod
    def of(cls, fin: str | None = None, swe: str | None = None, **others: str) -> LanguageString:
        """Build from keyword texts, leaving out languages that are not given."""
        kwargs: dict[str, Any] = {
            k: v for k, v in {"fin": fin, "swe": swe, **others}.items() if v is not None
        }
        return cls(**kwargs)


@model
class GeoJsonGeometry(Model):
    """A GeoJSON geometry; ``coordinates`` are kept exactly as given.

    The official description has one schema per geometry type; they differ only in
    how deeply ``coordinates`` nest (:data:`COORDINATE_DEPTH`).
    """

    type: str = f(req=True, enum=GEOMETRY_TYPES)
    coordinates: Any = f(req=True)

    schema_name = "GeoJsonGeometry"


@model
class RyhtiGeometry(Model):
    """Geometry with its coordinate system: ``srid`` (EPSG code as a string) + GeoJSON."""

    srid: str = f(req=True, enum=SRID_ENUM)
    geometry: GeoJsonGeometry = f(req=True)

    def to_shapely(self) -> Any:
        """This geometry as a shapely object (use ``ryhti.model.geometry`` for many)."""
        from ryhti.model.geometry import to_shapely

        return to_shapely([self])[0]


@model
class TimePeriodDateOnly(Model):
    """A period of dates ``YYYY-MM-DD``: period of validity (voimassaoloaika)."""

    begin: str | None = f(fmt="date")
    end: str | None = f(fmt="date")


@model
class TimePeriod(Model):
    """A period of UTC date-times ending in ``Z``: when an interaction event runs."""

    begin: str = f(fmt="date-time")
    end: str | None = f(fmt="date-time")


@model
class Descriptor(Model):
    """A subject term for a document (asiasana), e.g. a YSO concept."""

    descriptor_identifier: str | None = f()
    vocabulary: str | None = f()
    descriptor: str | None = f()


@model
class PlanOperator(Model):
    """A person or organisation: planner, responsible party, decision maker."""

    plan_operator_key: str = f(req=True, fmt="uuid")
    plan_operator_uri: str = f(read_only=True)
    first_name: str | None = f()
    last_name: str | None = f()
    title: str | None = f()
    organization_name: str | None = f()
    business_id: str | None = f()


@model
class AttachmentDocumentFields(Model):
    """What an attachment document says of itself: publicity, retention, languages, file, dates.

    The official description gives the plan matter's document and the plot division's
    document the same leading fields (with the same code lists); they differ only in what
    follows (their URI, their operators, the documents they relate to). Declared once here,
    so a change to the shared metadata reaches both; the subclasses keep the official field
    order, since these come first in both.
    """

    attachment_document_key: str = f(req=True, fmt="uuid", min_length=1)
    document_identifier: str = f(req=True, min_length=1)
    name: LanguageString = f(req=True)
    personal_data_content: str = f(
        req=True, min_length=1, codelist="henkilotietosisalto", closed=False
    )
    category_of_publicity: str = f(req=True, min_length=1, codelist="julkisuus", closed=False)
    accessibility: bool = f(req=True)
    retention_time: str = f(req=True, min_length=1, codelist="sailytysaika", closed=False)
    confirmation_date: str | None = f(fmt="date")
    languages: list[str] = f(req=True, min_items=1, codelist="ryhtikielet", closed=False)
    file_key: str = f(req=True, fmt="uuid")
    descriptors: list[Descriptor] | None = f()
    document_date: str = f(req=True, fmt="date", min_length=1)
    arrived_date: str | None = f(fmt="date")


@model
class PlanAttachmentDocument(AttachmentDocumentFields):
    """A PDF document delivered with the plan or matter (liiteasiakirja)."""

    plan_attachment_document_uri: str = f(read_only=True)
    type_of_attachment: str = f(
        req=True, min_length=1, codelist="RY_AsiakirjanLaji_YKAK", closed=False
    )
    document_specification: LanguageString | None = f()
    document_creator_operators: list[PlanOperator] | None = f()
    related_plan_attachment_documents: list[str] | None = f()


@model
class OtherPlanMaterial(Model):
    """Other plan material (muu kaava-aineisto): a file or a link."""

    other_plan_material_key: str = f(req=True, fmt="uuid")
    other_plan_material_uri: str = f(read_only=True)
    name: LanguageString = f(req=True)
    file_key: str | None = f(fmt="uuid")
    other_plan_material_link: str | None = f()
    personal_data_content: str = f(
        req=True, min_length=1, codelist="henkilotietosisalto", closed=False
    )
    category_of_publicity: str = f(req=True, min_length=1, codelist="julkisuus", closed=False)


__all__ = [
    "ALLOWED_SRIDS",
    "COORDINATE_DEPTH",
    "GEOMETRY_TYPES",
    "LANGUAGES",
    "SRID_ENUM",
    "AttachmentDocumentFields",
    "Descriptor",
    "GeoJsonGeometry",
    "LanguageString",
    "OtherPlanMaterial",
    "PlanAttachmentDocument",
    "PlanOperator",
    "RyhtiGeometry",
    "TimePeriod",
    "TimePeriodDateOnly",
]
