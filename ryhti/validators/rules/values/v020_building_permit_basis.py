"""V020: rakennusluvanPeruste names a legal effect of a local master plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.model import CodeValue
from ryhti.validators.rule import Localized, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class BuildingPermitBasis(PlanRule):
    """Additional information ``rakennusluvanPeruste`` carries an ``oikeusvaik_YK`` code
    (11 MRL 44 §, 12 MRL 72 §, 13 MRL 77 a §).

    Anti-pattern: ``rakennusluvanPeruste`` without a value, or with a RY_Kaavamaarayslaji code.

    Best practice: ``{"dataType": "Code", "code": "http://uri.suomi.fi/codelist/rytj/oikeusvaik_YK/code/13"}``
    — and the same code in the plan's ``legalEffectOfLocalMasterPlans``.
    """

    id = "V020"
    name = "building-permit-basis"
    references = ("R-F19",)
    severity = Severity.WARNING
    title = "Building-permit basis without an oikeusvaik_YK code"
    why = "The basis of building permits is expressed with the legal-effect codes of yleiskaava."
    fix = "Give a Code value with the oikeusvaik_YK code (11, 12 or 13)."
    messages = texts(
        en="rakennusluvanPeruste should carry an oikeusvaik_YK code, {found}.",
        fi="Rakennusluvan perusteen arvon tulisi olla oikeusvaik_YK-koodi, {found}.",
        sv="rakennusluvanPeruste bör ha en oikeusvaik_YK-kod, {found}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for r in pc.all_regs():
            for info in r.infos:
                if info.type != "rakennusluvanPeruste":
                    continue
                value = info.info.value
                code = value.code if isinstance(value, CodeValue) else None
                if ctx.code_value(code, "oikeusvaik_YK") is None:
                    yield self.finding(
                        ctx,
                        path=f"{info.path}.value",
                        object_key=r.key,
                        value=code if isinstance(code, str) else None,
                        found=Localized(en=f"not {code!r}", fi=f"ei {code!r}", sv=f"inte {code!r}")
                        if isinstance(code, str)
                        else Localized(
                            en="but it has none", fi="mutta koodi puuttuu", sv="men koden saknas"
                        ),
                    )
