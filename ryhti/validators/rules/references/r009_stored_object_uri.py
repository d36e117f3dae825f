"""R009: references to stored RYHTI objects use the RYHTI URI form."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ryhti.findings import Severity
from ryhti.validators.rule import FieldChecker, FieldRule, texts, value_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context

HOST = "uri.rakennetunymparistontietojarjestelma.fi"
FORM = re.compile(
    r"^https://uri\.rakennetunymparistontietojarjestelma\.fi/[A-Za-z]+/"
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
#: (class, field) → the class segment RYHTI uses for the stored object.
FIELDS = {
    ("PlanCancellationInfo", "cancelledPlanUri"): "plan",
    ("PlanObjectCancellationInfo", "cancelledPlanObjectUri"): "planobject",
    ("CancelledGroupRelations", "planRegulationGroupUri"): "planregulationgroup",
    ("CancelledGroupRelations", "planObjectUri"): "planobject",
    ("PlanObject", "relatedPlanObjectUris"): "planobject",
    ("RelatedPlanObjectRegulationGroupRelation", "relatedPlanObjectUri"): "planobject",
    ("PlanCancellationInfo", "cancelledGeneralRegulationGroupUris"): "generalregulationgroup",
}


class StoredObjectUri(FieldRule):
    """References to objects already stored in RYHTI are written
    ``https://uri.rakennetunymparistontietojarjestelma.fi/<class>/<key>``.

    Anti-pattern: ``"cancelledPlanUri": "http://uri.rakennetunymparistontietojarjestelma.fi/LocalDetailedPlanMatter/AK-000001"``.

    Best practice: ``"cancelledPlanUri": "https://uri.rakennetunymparistontietojarjestelma.fi/plan/43ec642a-61d7-427d-9aa1-4046ca994b54"``.
    """

    id = "R009"
    name = "stored-object-uri"
    references = ("R-B08",)
    severity = Severity.WARNING
    title = "Reference to a stored object not in RYHTI's URI form"
    why = (
        "RYHTI resolves stored objects by https://uri.rakennetunymparistontietojarjestelma.fi/"
        "<class>/<key>; other forms (a matter identifier, http) are not found."
    )
    fix = "Use the URI RYHTI returned for the stored object (class and key)."
    messages = texts(
        en="{value!r} is not of the form https://{host}/{segment}/<key>.",
        fi="{value!r} ei ole muotoa https://{host}/{segment}/<avain>.",
        sv="{value!r} har inte formen https://{host}/{segment}/<nyckel>.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        segment = FIELDS.get((cls.schema_name, spec.json))
        if segment is None:
            return None

        def problem(v: Any) -> dict[str, Any] | None:
            if not isinstance(v, str) or FORM.match(v):
                return None
            return {"value": v, "host": HOST, "segment": segment}

        return value_checker(problem, items=spec.kind == "array")
