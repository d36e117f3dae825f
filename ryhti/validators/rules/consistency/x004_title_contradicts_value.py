"""X004: numbers written in titles and texts agree with the coded values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding, Severity
from ryhti.model import LanguageString, LocalizedTextValue, Model
from ryhti.numerals import parse_roman
from ryhti.validators.helpers import numbers_of
from ryhti.validators.rule import PlanRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context
    from ryhti.validators.plan_context import PlanContext

#: A number starts where a run of digits starts (the look-behind keeps a search linear on a
#: long run of digits; it never starts inside one anyway, the leftmost match wins).
NUMBER = r"(?<!\d)(\d+(?:[ \u00a0]\d{3})*(?:[,.]\d+)?)"
#: pattern → the regulation type whose value the text states
PATTERNS = (
    (re.compile(r"\be\s*=\s*" + NUMBER, re.IGNORECASE), "tehokkuusluku"),
    (re.compile(NUMBER + r"\s*k-?m(?:2|²)(?!\s*/)", re.IGNORECASE), "sallittuKerrosala"),
    (re.compile(NUMBER + r"\s*k-?m(?:3|³)", re.IGNORECASE), "sallittuRakennustilavuus"),
)
ROMAN = re.compile(r"(?<![A-Za-zÅÄÖåäö])(II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)(?![A-Za-zÅÄÖåäö])")


def _number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def stated(text: str) -> list[tuple[str, float]]:
    """``(regulation type, number)`` pairs a text states: ``e=0,8`` → tehokkuusluku 0.8,
    ``2 400 k-m²`` → sallittuKerrosala 2400, ``IV`` → maanpaallinenKerroslukuLuku 4."""
    out = [
        (code, _number(m.group(1))) for pattern, code in PATTERNS for m in pattern.finditer(text)
    ]
    out += [
        ("maanpaallinenKerroslukuLuku", float(parse_roman(m.group(1)) or 0))
        for m in ROMAN.finditer(text)
    ]
    return out


class TitleContradictsValue(PlanRule):
    """Numbers written into a group's title or verbal regulations match the group's coded
    values: a title "e=0,8" goes with ``tehokkuusluku`` 0.8, "2400 k-m²" with
    ``sallittuKerrosala`` 2400, "IV" with ``maanpaallinenKerroslukuLuku`` 4.

    Anti-pattern: title "Asuinkerrostalojen korttelialue, e=0,8" on a group whose
    ``tehokkuusluku`` is 0.6 (the value was changed, the title was not).

    Best practice: generate titles from the values, or leave numbers out of titles.
    """

    id = "X004"
    name = "title-contradicts-value"
    severity = Severity.WARNING
    title = "Number in a title contradicts the coded value"
    why = "Readers see the title, machines the value; when they differ one of them is wrong."
    fix = "Update the title or the value so they agree."
    messages = texts(
        en="The text says {code} {text_value} but the coded value is {value}.",
        fi="Tekstissä {code} on {text_value}, mutta koodattu arvo on {value}.",
        sv="Texten anger {code} {text_value} men det kodade värdet är {value}.",
    )

    def check_plan(self, ctx: Context, pc: PlanContext) -> Iterator[Finding]:
        for grec in pc.groups:
            coded: dict[str, list[float]] = {}
            texts: list[tuple[str, str]] = []
            title = grec.group.title_of_plan_regulation
            fin = title.text("fin") if isinstance(title, LanguageString) else None
            if fin:
                texts.append((f"{grec.path}.titleOfPlanRegulation", fin))
            for r in grec.regs:
                value = r.reg.value
                if isinstance(value, LocalizedTextValue) and isinstance(value.text, Model):
                    text = value.text.text("fin")
                    if text:
                        texts.append((f"{r.path}.value", text))
                elif isinstance(value, Model) and r.type:
                    coded.setdefault(r.type, []).extend(float(v) for _, v in numbers_of(value))
            if not coded:
                continue
            reported: set[tuple[str, float]] = set()
            for path, text in texts:
                for code, number in stated(text):
                    values = coded.get(code)
                    if not values or any(abs(v - number) < 1e-9 for v in values):
                        continue
                    if (code, number) in reported:
                        continue
                    reported.add((code, number))
                    yield self.finding(
                        ctx,
                        path=path,
                        object_key=grec.key,
                        code=code,
                        text_value=f"{number:g}",
                        value=" / ".join(f"{v:g}" for v in values),
                    )
