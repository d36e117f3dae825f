"""V015: colour numbers are #RRGGBB."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.model import PlanRegulationGroup
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class ColorNumber(PlanRule):
    """``colorNumber`` is ``#`` and six hexadecimal digits.

    Anti-pattern: ``"colorNumber": "255,200,0"`` or ``"#FC0"``.

    Best practice: ``"colorNumber": "#FFC800"``.
    """

    id = "V015"
    name = "color-number"
    official_ids = ("quality__req_spatialplanregulationgroup_colorcode_form",)
    references = ("R-F13",)
    title = "Colour number not #RRGGBB"
    why = "Syke accepts colours only in the form #123456."
    fix = "Write the colour as # followed by six hexadecimal digits."
    messages = texts(
        en="colorNumber {value!r} is not of the form #RRGGBB.",
        fi="Värinumero {value!r} ei ole muotoa #RRGGBB.",
        sv="colorNumber {value!r} har inte formen #RRGGBB.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for grec in pc.groups:
            if not isinstance(grec.group, PlanRegulationGroup):
                continue
            value = grec.group.color_number
            if isinstance(value, str) and not COLOR.match(value):
                yield self.finding(
                    ctx, path=f"{grec.path}.colorNumber", object_key=grec.key, value=value
                )
