"""S012: texts have a value in at least one language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.model import LANGUAGES, LanguageString
from ryhti.validators.rule import FieldRule, NodeChecker, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.validators.context import Context

_EMPTY: list[tuple[str, dict[str, Any]]] = [("", {})]


class LanguageStringEmpty(FieldRule):
    """A LanguageString has a non-empty text in at least one language.

    Anti-pattern: ``"titleOfPlanRegulation": {}`` or ``{"fin": "  "}``.

    Best practice: ``{"fin": "Asuinkerrostalojen korttelialue", "swe": "Kvartersområde för flervåningshus"}``.
    """

    id = "S012"
    name = "language-string-empty"
    official_ids = ("quality__req_languagestring_not_empty",)
    references = ("R-A09",)
    title = "Text empty in every language"
    why = "Syke's validator requires a textual value in at least one language."
    fix = "Write the text at least in Finnish or Swedish, or leave an optional text out."
    messages = texts(
        en="The text has no value in any language.",
        fi="Tekstillä ei ole arvoa millään kielellä.",
        sv="Texten har inget värde på något språk.",
    )

    def compile_node(self, cls: type[Model], ctx: Context) -> NodeChecker | None:
        if cls is not LanguageString:
            return None

        def check(obj: Any) -> Any:
            for lang in LANGUAGES:
                value = getattr(obj, lang)
                if isinstance(value, str) and value.strip():
                    return None
            return _EMPTY

        return check
