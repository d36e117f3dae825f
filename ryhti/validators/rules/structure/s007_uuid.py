"""S007: keys are UUIDs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ryhti.validators.helpers import UUID_RE
from ryhti.validators.rule import FieldChecker, FieldRule, texts
from ryhti.validators.rules.structure._format import format_checker

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.model import Model
    from ryhti.model.base import FieldSpec
    from ryhti.validators.context import Context


class UuidFormat(FieldRule):
    """Every ``…Key`` (and ``fileKey``, ``relatedPlanObjectKeys``) is a UUID string.

    Anti-pattern: ``"planObjectKey": "AK-1-object-3"``.

    Best practice: ``"planObjectKey": "7c093fdb-21e3-4ba7-8a20-aa682ce56666"`` — and the
    same key on every delivery of the same object (uuid5 over stable source ids).
    """

    id = "S007"
    name = "uuid-format"
    official_ids = ("quality__req_json_deserialization_failure",)
    references = ("R-A05",)
    schema = True
    title = "Key is not a UUID"
    why = "RYHTI identifies every object by a UUID key; anything else cannot be deserialised."
    fix = "Use a UUID (8-4-4-4-12 hexadecimal digits); keep keys stable between deliveries."
    messages = texts(
        en="'{field}' of {class} must be a UUID, not {value!r}.",
        fi="Luokan {class} kentän '{field}' tulee olla UUID, ei {value!r}.",
        sv="'{field}' i klassen {class} ska vara en UUID, inte {value!r}.",
    )

    def compile_field(self, cls: type[Model], spec: FieldSpec, ctx: Context) -> FieldChecker | None:
        return format_checker(spec, "uuid", lambda v: UUID_RE.match(v) is not None)

    def fast_ok(
        self, cls: type[Model], spec: FieldSpec, ctx: Context
    ) -> tuple[str, dict[str, Any]] | None:
        if spec.fmt != "uuid" or spec.kind != "string":
            return None
        # keys repeat (every relation names its group): remember the ones already checked
        seen: set[str] = set()
        match = UUID_RE.match

        def ok(v: str) -> bool:
            if match(v) is None:
                return False
            seen.add(v)
            return True

        return ("type(v) is not str or v in {seen} or {ok}(v)", {"seen": seen, "ok": ok})
