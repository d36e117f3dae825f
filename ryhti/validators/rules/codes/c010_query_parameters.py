"""C010: the plan type and administrative areas given with a plan are real codes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.codelists import bare_code
from ryhti.findings import Finding
from ryhti.validators.rule import Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class QueryParameters(Rule):
    """``--plan-type`` (``planType``) is a RY_Kaavalaji code and ``--municipality``
    (``administrativeAreaIdentifiers``) are municipality codes (region codes for a
    maakuntakaava), like the public Validate API's query parameters.

    Anti-pattern: ``--plan-type 30`` or ``--municipality Helsinki``.

    Best practice: ``--plan-type 31 --municipality 091`` (bare codes or full URIs).
    """

    id = "C010"
    name = "query-parameters"
    official_ids = ("quality__req_invalid_query_param",)
    references = ("R-A15",)
    kinds = ("plan",)
    title = "Invalid plan type or administrative area"
    why = "Syke's public validation refuses query parameters that are not codes of their lists."
    fix = "Give the bare code (31, 091) or the full code URI."
    messages = texts(
        en="Invalid {parameter} {value!r}: it must be a code of {list}.",
        fi="Virheellinen {parameter} {value!r}: arvon tulee olla koodiston {list} koodi.",
        sv="Ogiltig {parameter} {value!r}: värdet ska vara en kod i {list}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        reg = ctx.registry
        if ctx.plan_type is not None and ctx.plan_type not in reg["RY_Kaavalaji"]:
            yield self.finding(
                ctx, parameter="planType", value=ctx.plan_type_given, list="RY_Kaavalaji"
            )
        regional = ctx.plan_level == "maakuntakaava"
        list_id = "maakunta_1_20240101" if regional else "kunta_1_20240101"
        code_list = reg[list_id]
        for value in ctx.municipality or ():
            bare = bare_code(str(value))
            if bare not in code_list:
                yield self.finding(
                    ctx, parameter="administrativeAreaIdentifiers", value=value, list=list_id
                )
