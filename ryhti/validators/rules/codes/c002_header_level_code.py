"""C002: structuring header-level codes are not used as values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.findings import Finding
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class HeaderLevelCode(PlanRule):
    """Header-level codes only structure the code list; plans use the codes under them.

    Anti-pattern: a regulation of type ``viheralue`` (a header) or ``rakentamisenMaara``.

    Best practice: the specific code, e.g. ``lahivirkistysalue`` (VL) under ``viheralue``,
    ``sallittuKerrosala`` under ``rakentamisenMaara``.
    """

    id = "C002"
    name = "header-level-code"
    official_ids = ("quality__req_codelist_codevalue_headerlevel",)
    references = ("R-D03",)
    title = "Header-level code used"
    why = (
        'Codes marked as structuring headers ("otsikkotason koodi") in RY_Kaavamaarayslaji, '
        "RY_Kaavamaarayksen_Lisatiedonlaji and RY_Sanallisen_Kaavamaarayksen_Laji are refused "
        "by Syke's validator."
    )
    fix = "Choose the code below the header that says what the regulation means."
    messages = texts(
        en="{code} is a header-level code of {list} and cannot be used; choose one of the codes under it.",
        fi="{code} on koodiston {list} otsikkotason koodi, jota ei voi käyttää; valitse sen alla oleva koodi.",
        sv="{code} är en rubrikkod i {list} och kan inte användas; välj en av koderna under den.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        reg_headers = ctx.header_codes("RY_Kaavamaarayslaji")
        info_headers = ctx.header_codes("RY_Kaavamaarayksen_Lisatiedonlaji")
        verbal_headers = ctx.header_codes("RY_Sanallisen_Kaavamaarayksen_Laji")
        for grec in (*pc.groups, *pc.general_groups):
            for r in grec.regs:
                if r.type in reg_headers:
                    yield self._f(ctx, f"{r.path}.type", r.key, r.type, "RY_Kaavamaarayslaji")
                for info in r.infos:
                    if info.type in info_headers:
                        yield self._f(
                            ctx,
                            f"{info.path}.type",
                            r.key,
                            info.type,
                            "RY_Kaavamaarayksen_Lisatiedonlaji",
                        )
                verbals = r.reg.verbal_regulations
                if isinstance(verbals, list):
                    for i, uri in enumerate(verbals):
                        value = ctx.code_value(uri, "RY_Sanallisen_Kaavamaarayksen_Laji")
                        if value in verbal_headers:
                            yield self._f(
                                ctx,
                                f"{r.path}.verbalRegulations[{i}]",
                                r.key,
                                value,
                                "RY_Sanallisen_Kaavamaarayksen_Laji",
                            )

    def _f(self, ctx: Context, path: str, key: Any, code: str, list_id: str) -> Finding:
        return self.finding(ctx, path=path, object_key=key, code=code, list=list_id)
