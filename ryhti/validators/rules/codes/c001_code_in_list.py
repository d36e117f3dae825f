"""C001: coded properties hold a full code URI from the right code list."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from ryhti.codelists import bare_code
from ryhti.validators.rule import FieldChecker, FieldRule, Localized, texts, value_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context


def _checker(ctx: Any, list_id: str) -> Any:
    reg = ctx.registry
    code_list = reg.get(list_id)
    if code_list is None:
        return None
    values = code_list.values()
    cache: dict[str, dict[str, Any] | None] = {}

    def problem(value: str) -> dict[str, Any] | None:
        if value in cache:
            return cache[value]
        found = ctx.code(value)
        out: dict[str, Any] | None = None
        if found is None or found.list_id != code_list.id:
            hint: str | Localized = ""
            suggestion = None
            if found is not None:
                other = found.list_id
                hint = Localized(
                    en=f"; it is a code of {other}",
                    fi=f"; se on koodiston {other} koodi",
                    sv=f"; den är en kod i {other}",
                )
            else:
                bare = bare_code(value)
                if bare in code_list:
                    suggestion = code_list[bare].uri
                    hint = Localized(
                        en=f"; write the full URI {suggestion}",
                        fi=f"; kirjoita koko URI {suggestion}",
                        sv=f"; skriv hela URI:n {suggestion}",
                    )
                else:
                    close = difflib.get_close_matches(bare, values, n=1, cutoff=0.75)
                    if close:
                        suggestion = code_list[close[0]].uri
                        hint = Localized(
                            en=f"; did you mean {close[0]}?",
                            fi=f"; tarkoititko {close[0]}?",
                            sv=f"; menade du {close[0]}?",
                        )
            out = {"value": value, "list": code_list.uri, "hint": hint, "suggestion": suggestion}
        cache[value] = out
        return out

    return problem


class CodeInList(FieldRule):
    """Coded properties hold the full URI of a code of the property's own code list.

    Anti-pattern::

        "undergroundStatus": "http://uri.suomi.fi/codelist/rytj/RY_MaanalaisuudenLaji/code/02_a"
        "lifeCycleStatus": "04"

    Best practice: the full URI as koodistot.suomi.fi publishes it,
    ``http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/04``.
    """

    id = "C001"
    name = "code-in-list"
    official_ids = ("quality__req_codelist_property_codevalue_not_allowed",)
    references = ("R-D01", "R-D02")
    schema = True
    title = "Code not in its code list"
    why = (
        "Syke's validator accepts only codes of the property's code list, written as full URIs; "
        "a typo, a bare value or a code of another list is refused."
    )
    fix = "Use the full URI of a code of the list named in the message."
    messages = texts(
        en="{value!r} in '{field}' of {class} is not a code of {list}{hint}.",
        fi="Luokan {class} kentän '{field}' arvo {value!r} ei ole koodiston {list} koodi{hint}.",
        sv="{value!r} i '{field}' i klassen {class} är ingen kod i kodlistan {list}{hint}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if not spec.codelist:
            return None
        problem = _checker(ctx, spec.codelist)
        if problem is None:
            return None
        return value_checker(
            lambda v: problem(v) if isinstance(v, str) else None, items=spec.kind == "array"
        )

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        if not spec.codelist or spec.kind == "array":
            return None
        code_list = ctx.registry.get(spec.codelist)
        if code_list is None:
            return None
        return ("type(v) is str and v in {ok}", {"ok": frozenset(c.uri for c in code_list.codes)})
