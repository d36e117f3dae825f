"""C003: codes that are retired, superseded or draft."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.findings import Severity
from ryhti.validators.rule import FieldChecker, FieldRule, texts, value_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context


class CodeNotUsable(FieldRule):
    """Codes whose koodistot status is not VALID (superseded, retired, draft …) are avoided.

    Anti-pattern: ``planType`` 39 "Asemakaava (ohjeellinen tonttijako)", which is SUPERSEDED.

    Best practice: the valid code that replaces it (here 31 with a plot-division plan).
    """

    id = "C003"
    name = "code-not-usable"
    references = ("R-D01",)
    severity = Severity.WARNING
    kinds = ("plan", "service-plan", "matter", "matter-update", "phase", "decision")
    title = "Code is superseded, retired or draft"
    why = (
        "A code whose status is not VALID may still pass today but is on its way out; new "
        "data should not use it."
    )
    fix = "Use the code that replaces it (see the code list)."
    messages = texts(
        en="{code} of {list} has status {status}; use a valid code instead.",
        fi="Koodiston {list} koodin {code} tila on {status}; käytä voimassa olevaa koodia.",
        sv="Koden {code} i {list} har status {status}; använd en giltig kod.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        if not spec.codelist:
            return None

        def problem(value: Any) -> dict[str, Any] | None:
            code = ctx.code(value)
            if code is None or code.usable:
                return None
            return {"code": code.value, "list": code.list_id, "status": code.status}

        return value_checker(problem, items=spec.kind == "array")

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        if not spec.codelist or spec.kind == "array":
            return None
        code_list = ctx.registry.get(spec.codelist)
        if code_list is None:
            return None
        bad = frozenset(c.uri for c in code_list.codes if not c.usable)
        return ("type(v) is not str or v not in {bad}", {"bad": bad})
