"""R016: descriptor identifiers are URIs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ryhti.model import Descriptor
from ryhti.validators.rule import FieldChecker, FieldRule, texts
from ryhti.validators.rules.references.r008_uri_syntax import bad_uri

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context


class DescriptorIdentifier(FieldRule):
    """A document's subject term (``descriptors[].descriptorIdentifier``) is the concept's URI.

    Anti-pattern: ``"descriptorIdentifier": "kaavoitus"``.

    Best practice: ``"descriptorIdentifier": "http://www.yso.fi/onto/yso/p8268"`` (YSO).
    """

    id = "R016"
    name = "descriptor-identifier"
    official_ids = ("quality__req_descriptoridentifier_form",)
    references = ("R-B15",)
    title = "Descriptor identifier not a URI"
    why = "Syke checks the form of descriptor identifiers; examples use YSO concept URIs."
    fix = "Use the URI of the subject term (http://www.yso.fi/onto/yso/p…)."
    messages = texts(
        en="descriptorIdentifier {value!r} is not a concept URI.",
        fi="Asiasanan tunniste {value!r} ei ole käsitteen URI.",
        sv="descriptorIdentifier {value!r} är ingen begrepps-URI.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if cls is not Descriptor or spec.json != "descriptorIdentifier":
            return None
        return lambda v: [("", {"value": v})] if isinstance(v, str) and bad_uri(v) else None
