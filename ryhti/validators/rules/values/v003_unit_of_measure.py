"""V003: units of measure are the ones used for the type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ryhti.codelists import bare_code
from ryhti.findings import Finding, Severity
from ryhti.model import Model
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: Spellings that mean the same unit.
SYNONYMS = {"prosentti": "%", "aste": "°", "km2": "k-m2", "k-m²": "k-m2", "m²": "m2", "m³": "m3"}


class UnitOfMeasure(PlanRule):
    """A numeric value's ``unitOfMeasure`` is the unit its type is measured in.

    Anti-pattern: ``sallittuKerrosala`` in ``m2`` or ``tehokkuusluku`` in ``%``.

    Best practice: ``k-m2`` for floor area, ``k-m2/m2`` for efficiency, ``%`` for shares,
    ``m`` for heights and elevations, ``dB`` for sound insulation, ``°`` for roof pitch.
    """

    id = "V003"
    name = "unit-of-measure"
    references = ("R-F07",)
    severity = Severity.WARNING
    title = "Unexpected unit of measure"
    why = (
        "unitOfMeasure is free text in RYHTI; a wrong unit silently changes what a number means "
        "to everyone who reads the data."
    )
    fix = "Use the unit named in the message (or convert the number)."
    messages = texts(
        en="{code} is measured in {expected}, not {unit!r}.",
        fi="{code} ilmoitetaan yksikössä {expected}, ei {unit!r}.",
        sv="{code} anges i {expected}, inte {unit!r}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        vt = ctx.registry.value_types
        for r in pc.all_regs():
            yield from self._check(ctx, vt, r.type, r.reg.value, f"{r.path}.value", r.key)
            for info in r.infos:
                if info.type is None:
                    continue
                uri = f"http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayksen_Lisatiedonlaji/code/{info.type}"
                yield from self._check(ctx, vt, uri, info.info.value, f"{info.path}.value", r.key)

    def _check(
        self, ctx: Any, vt: Any, code: Any, value: Any, path: str, key: Any
    ) -> Iterator[Finding]:
        if code is None or not isinstance(value, Model):
            return
        unit = getattr(value, "unit_of_measure", None)
        if not isinstance(unit, str) or not unit.strip():
            return
        units = vt.units(code)
        if not units:
            return
        norm = SYNONYMS.get(unit.strip(), unit.strip())
        known = {SYNONYMS.get(u, u) for u in units}
        if norm in known:
            return
        yield self.finding(
            ctx,
            path=f"{path}.unitOfMeasure",
            object_key=key,
            code=bare_code(code),
            expected=" / ".join(units),
            unit=unit,
        )
