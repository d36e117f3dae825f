"""S001: no property outside the schema, at any depth."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from ryhti.validators.rule import FieldRule, Localized, NodeChecker, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.validators.context import Context


class UnknownProperty(FieldRule):
    """Every object accepts only the properties of its class.

    Anti-pattern::

        {"planKea": "43ec642a-…", "geographicalArea": {"srie": "3067", …}}

    Best practice: spell properties exactly as the RYHTI schema does (``planKey``,
    ``srid``); put extra information in fields meant for it (``description``).
    """

    id = "S001"
    name = "unknown-property"
    official_ids = ("quality__req_json_unknown_property",)
    references = ("R-A02",)
    schema = True
    title = "Unknown property"
    why = (
        "Every RYHTI schema forbids additional properties: Syke's validator rejects the whole "
        "message at the first misspelt or invented property, so nothing else gets checked."
    )
    fix = "Rename the property to the one the schema defines (see the suggestion) or remove it."
    messages = texts(
        en="Property '{name}' does not belong to class {class}{hint}.",
        fi="Ominaisuus '{name}' ei kuulu luokkaan {class}{hint}.",
        sv="Egenskapen '{name}' hör inte till klassen {class}{hint}.",
    )

    def fast_node_ok(self, cls: type[Model], ctx: Context) -> str | None:
        return "not obj.extra"

    def compile_node(self, cls: type[Model], ctx: Context) -> NodeChecker | None:
        known = [spec.json for spec in cls.specs()]

        def check(obj: Any) -> list[tuple[str, dict[str, Any]]] | None:
            extra = obj.extra
            if not extra:
                return None
            out = []
            for key in extra:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                out.append(
                    (
                        f".{key}",
                        {
                            "name": key,
                            "suggestion": close[0] if close else None,
                            "hint": Localized(
                                en=f" (did you mean '{close[0]}'?)",
                                fi=f" (tarkoititko '{close[0]}'?)",
                                sv=f" (menade du '{close[0]}'?)",
                            )
                            if close
                            else "",
                        },
                    )
                )
            return out

        return check
