"""L029: the legal effect of a yleiskaava, and only of a yleiskaava."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import Localized, PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext


class LegalEffect(PlanRule):
    """A yleiskaava has ``legalEffectOfLocalMasterPlans``; other plans do not.

    Anti-pattern: an osayleiskaava without it; an asemakaava with it.

    Best practice: ``["http://uri.suomi.fi/codelist/rytj/oikeusvaik_YK/code/1"]`` for an
    ordinary legally binding yleiskaava, plus 11/12/13 where it is the basis of permits.
    Decided only when the plan level is known.
    """

    id = "L029"
    name = "legal-effect"
    references = ("R-E34",)
    title = "Legal effect of a yleiskaava missing or misplaced"
    why = (
        "Whether a yleiskaava has legal effect decides how it binds; the field exists only for "
        "yleiskaava (Gispo's copy of Syke's rule table, req-codelist-legaleffectoflocalmasterplan-not-null)."
    )
    fix = "Give the legal effect for a yleiskaava; remove it from other plans."
    messages = texts(
        en="legalEffectOfLocalMasterPlans {problem}.",
        fi="legalEffectOfLocalMasterPlans: {problem}.",
        sv="legalEffectOfLocalMasterPlans: {problem}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        level = ctx.plan_level
        if level is None:
            return
        value = pc.plan.legal_effect_of_local_master_plans
        given = isinstance(value, list) and len(value) > 0
        path = f"{pc.path}.legalEffectOfLocalMasterPlans"
        if level == "yleiskaava" and not given:
            yield self.finding(
                ctx,
                path=path,
                problem=Localized(
                    en="is required for a yleiskaava",
                    fi="pakollinen yleiskaavalle",
                    sv="obligatoriskt för en generalplan (yleiskaava)",
                ),
            )
        elif level != "yleiskaava" and given:
            yield self.finding(
                ctx,
                path=path,
                problem=Localized(
                    en=f"is only for yleiskaava, not {level}",
                    fi=f"vain yleiskaavalle, ei tasolle {level}",
                    sv=f"endast för generalplan (yleiskaava), inte för {level}",
                ),
            )
