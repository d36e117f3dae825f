"""S013: texts are given in Finnish or Swedish."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.findings import Severity
from ryhti.model import LanguageString
from ryhti.validators.rule import FieldRule, NodeChecker, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.validators.context import Context


class FinnishOrSwedish(FieldRule):
    """A text given only in Sámi or English should also be given in Finnish or Swedish.

    Anti-pattern: ``"name": {"eng": "Central park"}``.

    Best practice: ``"name": {"fin": "Keskuspuisto", "swe": "Centralparken", "eng": "Central park"}``.
    """

    id = "S013"
    name = "finnish-or-swedish"
    official_ids = ("quality__req_languagestring_not_empty_fin_or_swe",)
    references = ("R-A10",)
    severity = Severity.WARNING
    title = "Text without Finnish or Swedish"
    why = (
        "Syke requires fin or swe where a text is required; which fields this applies to is not "
        "published, so the rule warns wherever a text lacks both."
    )
    fix = "Add the Finnish (or Swedish) text."
    messages = texts(
        en="The text is given only in {languages}; give it in Finnish or Swedish too.",
        fi="Teksti on annettu vain kielillä {languages}; anna se myös suomeksi tai ruotsiksi.",
        sv="Texten finns bara på {languages}; ge den också på finska eller svenska.",
    )

    def compile_node(self, cls: type[Model], ctx: Context) -> NodeChecker | None:
        if cls is not LanguageString:
            return None

        def check(obj: Any) -> Any:
            given = [
                lang
                for lang in ("fin", "swe", "smn", "sms", "sme", "eng")
                if isinstance(getattr(obj, lang), str) and getattr(obj, lang).strip()
            ]
            if not given or "fin" in given or "swe" in given:
                return None
            return [("", {"languages": given})]

        return check
