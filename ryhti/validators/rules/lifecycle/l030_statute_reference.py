"""L030: statute references are complete from the top down."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.model import Statute
from ryhti.validators.rule import FieldRule, Localized, NodeChecker, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.findings import Finding
    from ryhti.model import Model
    from ryhti.validators.context import Context


def _n(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


class StatuteReference(FieldRule):
    """A statute reference names a subsection before paragraphs and a paragraph before
    subparagraphs; with several subsections it names no paragraphs.

    Anti-pattern: ``{"section": 52, "paragraphs": [2]}`` without ``subsections``.

    Best practice: ``{"section": 52, "subsections": [1], "paragraphs": [2]}``.
    """

    id = "L030"
    name = "statute-reference"
    official_ids = (
        "quality__req_subsections_not_empty",
        "quality__req_paragraphs_not_empty",
        "quality__req_subsections_paragraphs_not_allowed",
    )
    references = ("R-E35",)
    kinds = ("matter", "phase", "decision")
    title = "Incomplete statute reference"
    why = "A paragraph without its subsection points nowhere; Syke refuses it."
    fix = "Give the subsection (and paragraph), or drop the lower levels."
    messages = texts(
        en="Statute reference: {problem}.",
        fi="Säädösviite: {problem}.",
        sv="Författningshänvisning: {problem}.",
    )

    def compile_node(self, cls: type[Model], ctx: Context) -> NodeChecker | None:
        if cls is not Statute:
            return None

        def check(obj: Any) -> Any:
            subs, paras, subparas = _n(obj.subsections), _n(obj.paragraphs), _n(obj.subparagraphs)
            if subs > 1 and (paras or subparas):
                return [
                    (
                        ".paragraphs",
                        {
                            "official": 2,
                            "problem": Localized(
                                en="with several subsections no paragraphs or subparagraphs "
                                "are allowed",
                                fi="useamman momentin kanssa kohtia tai alakohtia ei sallita",
                                sv="med flera moment är punkter och underpunkter inte tillåtna",
                            ),
                        },
                    )
                ]
            if paras and not subs:
                return [
                    (
                        ".subsections",
                        {
                            "official": 0,
                            "problem": Localized(
                                en="paragraphs need a subsection",
                                fi="kohta edellyttää momenttia",
                                sv="en punkt kräver ett moment",
                            ),
                        },
                    )
                ]
            if subparas and not paras:
                return [
                    (
                        ".paragraphs",
                        {
                            "official": 1,
                            "problem": Localized(
                                en="subparagraphs need a paragraph",
                                fi="alakohta edellyttää kohtaa",
                                sv="en underpunkt kräver en punkt",
                            ),
                        },
                    )
                ]
            return None

        return check

    def check(self, ctx: Context) -> Iterator[Finding]:
        for issue in ctx.scan.issues.get(self.id, ()):
            params = dict(issue.params)
            which = params.pop("official")
            yield self.finding(
                ctx,
                path=issue.path,
                object_key=issue.owner_key,
                official_id=self.official_ids[which],
                **params,
            )
