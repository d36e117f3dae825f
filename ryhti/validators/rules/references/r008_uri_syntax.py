"""R008: URI-valued properties hold absolute http(s) URIs."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ryhti.validators.rule import FieldChecker, FieldRule, texts, value_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context

#: URI-valued properties whose names do not end in Uri/Uris.
OTHER_URI_FIELDS = {
    "additionalInformationLink",
    "otherPlanMaterialLink",
    "relatedPlanMatters",
    "cancelledGeneralRegulationGroupUris",
}


def bad_uri(value: str) -> bool:
    """True unless ``value`` is an absolute http(s) URI with a host and no whitespace."""
    if not value or any(c.isspace() for c in value):
        return True
    try:
        parts = urlsplit(value)
    except ValueError:
        return True
    return parts.scheme not in ("http", "https") or not parts.netloc


class UriSyntax(FieldRule):
    """References and links are absolute ``http``/``https`` URIs.

    Anti-pattern: ``"cancelledPlanUri": "AK-000001"`` or ``"otherPlanMaterialLink": "www.kunta.fi/kaava"``.

    Best practice: ``"cancelledPlanUri": "https://uri.rakennetunymparistontietojarjestelma.fi/plan/<planKey>"``,
    ``"otherPlanMaterialLink": "https://www.kunta.fi/kaava"``.
    """

    id = "R008"
    name = "uri-syntax"
    official_ids = ("quality__req_uri_not_valid",)
    references = ("R-B08",)
    title = "Not a valid URI"
    why = "Syke refuses reference identifiers that are not valid URIs."
    fix = "Write the full URI including https:// and the host."
    messages = texts(
        en="'{field}' of {class} must be an absolute http(s) URI, not {value!r}.",
        fi="Luokan {class} kentän '{field}' tulee olla http(s)-URI, ei {value!r}.",
        sv="'{field}' i klassen {class} ska vara en absolut http(s)-URI, inte {value!r}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        name = spec.json
        if spec.read_only or not (name.endswith(("Uri", "Uris")) or name in OTHER_URI_FIELDS):
            return None
        if spec.kind not in ("array", "string"):
            return None
        return value_checker(
            lambda v: {"value": v} if isinstance(v, str) and bad_uri(v) else None,
            items=spec.kind == "array",
        )
