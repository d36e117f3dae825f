"""S014: texts are at most 2048 characters per language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.findings import Severity
from ryhti.model import LANGUAGES, LanguageString
from ryhti.validators.rule import FieldRule, NodeChecker, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.validators.context import Context


class TextLength(FieldRule):
    """Each language of a text is at most ``max-text-length`` (2048) characters.

    Anti-pattern: the whole plan description pasted into a regulation's title.

    Best practice: keep titles short; long explanations go into ``planDescription``
    or an attachment document.
    """

    id = "S014"
    name = "text-length"
    official_ids = ("quality__req_property_length",)
    references = ("R-A11",)
    severity = Severity.WARNING
    title = "Text too long"
    why = (
        "Syke limits the length of LanguageString values (2048 characters in the data-model "
        "rules); longer texts are refused or cut."
    )
    fix = "Shorten the text, or move the long part into a document."
    messages = texts(
        en="The {language} text is {length} characters long; the limit is {limit}.",
        fi="Teksti kielellä {language} on {length} merkkiä pitkä; enimmäispituus on {limit}.",
        sv="Texten på {language} är {length} tecken lång; gränsen är {limit}.",
    )

    def compile_node(self, cls: type[Model], ctx: Context) -> NodeChecker | None:
        if cls is not LanguageString:
            return None
        limit = ctx.config.max_text_length

        def check(obj: Any) -> Any:
            out = []
            for lang in LANGUAGES:
                value = getattr(obj, lang)
                if isinstance(value, str) and len(value) > limit:
                    out.append(
                        (f".{lang}", {"language": lang, "length": len(value), "limit": limit})
                    )
            return out or None

        return check
