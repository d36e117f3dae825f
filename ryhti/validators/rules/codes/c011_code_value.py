"""C011: Code-typed values name an existing code of their code list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.model import CodeValue
from ryhti.validators.rule import FieldRule, Localized, NodeChecker, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.validators.context import Context


class CodeValueInList(FieldRule):
    """A value of ``dataType: Code`` holds a code URI that exists, and ``codeList`` (when
    given) is the list the code belongs to.

    Anti-pattern::

        {"dataType": "Code", "code": ".../RY_Kaavamaarayslaji/code/asuinalue",
         "codeList": "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayksen_Lisatiedonlaji"}

    Best practice: ``{"dataType": "Code", "code": ".../RY_Kaavamaarayslaji/code/asumisenAlue",
    "codeList": "http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji"}``. Codes of lists
    the snapshot does not hold (Rakennusluokitus 2018) are not checked.
    """

    id = "C011"
    name = "code-value-in-list"
    official_ids = ("quality__req_codelist_property_codevalue_not_allowed",)
    references = ("R-D01", "R-F14")
    title = "Code value not in its code list"
    why = "A Code value that names no existing code, or the wrong list, carries no meaning."
    fix = "Use the full URI of an existing code and the URI of its list in codeList."
    messages = texts(
        en="Code value {value!r} {problem}.",
        fi="Koodiarvo {value!r}: {problem}.",
        sv="Kodvärdet {value!r} {problem}.",
    )

    def compile_node(self, cls: type[Model], ctx: Context) -> NodeChecker | None:
        if cls is not CodeValue:
            return None
        reg = ctx.registry

        def check(obj: Any) -> Any:
            code, code_list = obj.code, obj.code_list
            if not isinstance(code, str):
                return None
            list_uri, sep, _ = code.rpartition("/code/")
            if (
                isinstance(code_list, str)
                and code_list.rstrip("/")
                and sep
                and reg.resolve_id(code_list) is not None
                and code_list.rstrip("/") != list_uri
            ):
                return [
                    (
                        ".codeList",
                        {
                            "value": code,
                            "problem": Localized(
                                en=f"does not belong to the code list {code_list}",
                                fi=f"ei kuulu koodistoon {code_list}",
                                sv=f"hör inte till kodlistan {code_list}",
                            ),
                        },
                    )
                ]
            if not sep or reg.resolve_id(list_uri) is None:
                if not sep:
                    return [
                        (
                            ".code",
                            {
                                "value": code,
                                "problem": Localized(
                                    en="is not a code URI (…/<list>/code/<value>)",
                                    fi="ei ole koodin URI (…/<koodisto>/code/<arvo>)",
                                    sv="är ingen kod-URI (…/<kodlista>/code/<värde>)",
                                ),
                            },
                        )
                    ]
                return None  # a list outside the snapshot
            if ctx.code(code) is None:
                return [
                    (
                        ".code",
                        {
                            "value": code,
                            "problem": Localized(
                                en="is not a code of its code list",
                                fi="ei ole koodistonsa koodi",
                                sv="är ingen kod i sin kodlista",
                            ),
                        },
                    )
                ]
            return None

        return check
