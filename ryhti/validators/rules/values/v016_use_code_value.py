"""V016: excluded uses and use targetings name a regulation type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.findings import Finding
from ryhti.model import CodeValue
from ryhti.validators.rule import Localized, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

KINDS = ("poisluettavaKayttotarkoitus", "kayttotarkoituskohdistus")


class UseCodeValue(PlanRule):
    """``poisluettavaKayttotarkoitus`` and ``kayttotarkoituskohdistus`` carry a ``Code`` value
    naming the use.

    Anti-pattern: ``{"type": ".../poisluettavaKayttotarkoitus"}`` without a value, or with
    ``{"dataType": "LocalizedText", "text": {"fin": "maatilat"}}``.

    Best practice: ``{"dataType": "Code", "code": ".../RY_Kaavamaarayslaji/code/maatilanTalouskeskuksenAlue"}``.
    """

    id = "V016"
    name = "use-code-value"
    official_ids = (
        "quality__req_codelist_additionalInfoType_codevalue_readout_useclass_useclasstarget_not_null",
        "quality__req_codelist_additionalInfoType_codevalue_readout_useclass_useclasstarget_codevalue_datatype",
    )
    references = ("R-F14",)
    title = "Use exclusion or targeting without its use code"
    why = "The additional information means nothing without the use it excludes or targets."
    fix = "Give a Code value with a RY_Kaavamaarayslaji code (poisluettavaKayttotarkoitus) or a use code."
    messages = texts(
        en="{code} needs a Code value naming the use: {problem}.",
        fi="Lisätieto {code} tarvitsee käyttötarkoitusta osoittavan Code-arvon: {problem}.",
        sv="{code} behöver ett Code-värde som anger användningen: {problem}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for r in pc.all_regs():
            for info in r.infos:
                if info.type not in KINDS:
                    continue
                value = info.info.value
                if value is None or not hasattr(value, "data_type"):
                    if isinstance(value, dict):
                        continue  # no known dataType: S005
                    yield self._f(
                        ctx,
                        info,
                        r,
                        0,
                        Localized(en="the value is missing", fi="arvo puuttuu", sv="värdet saknas"),
                    )
                elif not isinstance(value, CodeValue):
                    yield self._f(
                        ctx,
                        info,
                        r,
                        1,
                        Localized(
                            en=f"dataType is {value.data_type}",
                            fi=f"tietotyyppi on {value.data_type}",
                            sv=f"dataType är {value.data_type}",
                        ),
                    )
                elif not isinstance(value.code, str) or not value.code.strip():
                    yield self._f(
                        ctx,
                        info,
                        r,
                        0,
                        Localized(en="the code is missing", fi="koodi puuttuu", sv="koden saknas"),
                    )
                elif (
                    info.type == "poisluettavaKayttotarkoitus"
                    and ctx.code_value(value.code, "RY_Kaavamaarayslaji") is None
                ):
                    yield self._f(
                        ctx,
                        info,
                        r,
                        1,
                        Localized(
                            en="the code is not a RY_Kaavamaarayslaji code",
                            fi="koodi ei ole RY_Kaavamaarayslaji-koodi",
                            sv="koden är ingen RY_Kaavamaarayslaji-kod",
                        ),
                    )

    def _f(self, ctx: Context, info: Any, r: Any, which: int, problem: Localized) -> Finding:
        return self.finding(
            ctx,
            path=f"{info.path}.value",
            object_key=r.key,
            official_id=self.official_ids[which],
            code=info.type,
            problem=problem,
        )
