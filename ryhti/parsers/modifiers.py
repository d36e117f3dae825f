"""Entry-level modifiers of a feature's texts → additional information of its regulations.

A legend entry can regulate nothing of its own and only say something about what else the
feature is: a yleiskaava change class ("Uudet ja olennaisesti muuttuvat alueet"), a modifier
line ("Uusi seudullinen pääväylä"), the explanation of an underlined number
(:mod:`ryhti.nlp.modifiers`). In a conversion the feature's other entries and attributes give
the regulations these belong to, so each modifier becomes an additional information of them:

* ``ehdottomastiNoudatettava`` goes to the regulations with a number (the value to be followed
  exactly);
* every other modifier goes to the regulations that say what the feature is: those with
  ``paakayttotarkoitus`` or ``osaAlue``, else every regulation that is neither verbal text nor
  a number (a road, a line, a point notation).

A modifier with nothing to carry it (the feature has only verbal text, or nothing else) is not
dropped: the entry's text stays in the plan verbatim as a verbal regulation (what the
conversion made of it before modifiers were read, so real plans lose nothing), and a CV026
finding says that its code could not be attached.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ryhti.parsers.interpret import VERBAL, RegSpec, verbal

__all__ = ["VALUE_MODIFIERS", "add_to", "attach", "keep_verbatim", "numeric", "unattached"]

#: Modifiers that qualify a number, not what the feature is.
VALUE_MODIFIERS = frozenset({"ehdottomastiNoudatettava"})
_ROLES = ("paakayttotarkoitus", "osaAlue")


def numeric(spec: RegSpec) -> bool:
    """True for a regulation with a number (what ``ehdottomastiNoudatettava`` qualifies)."""
    value = spec.value if isinstance(spec.value, dict) else {}
    return "number" in value or "minimumValue" in value


def _carriers(regs: list[RegSpec], code: str) -> list[int]:
    """Positions in ``regs`` of the regulations modifier ``code`` belongs to."""
    if code in VALUE_MODIFIERS:
        return [i for i, r in enumerate(regs) if numeric(r)]
    roles = [i for i, r in enumerate(regs) if any(a.get("type") in _ROLES for a in r.additional)]
    if roles:
        return roles
    return [i for i, r in enumerate(regs) if r.type != VERBAL and not numeric(r)]


def attach(
    regs: list[RegSpec],
    modifiers: list[tuple[str, dict[str, Any]]],
    lost_out: list[tuple[str, dict[str, Any]]] | None = None,
) -> tuple[list[RegSpec], list[tuple[str, str]], list[tuple[str, str]]]:
    """``regs`` with the modifiers added as additional information, and the decisions
    (what, how) and CV026 findings (rule, message) that say where each went; the modifiers
    nothing carries are appended to ``lost_out`` (in the order of their findings).

    Specs are shared between features by the interpreter's caches, so a spec that gains an
    additional information is replaced by a copy; the others stay the same objects."""
    out, decisions, lost = add_to(regs, modifiers)
    if lost_out is not None:
        lost_out.extend(lost)
    out.extend(keep_verbatim(text) for text in dict.fromkeys(text for text, _ in lost))
    return out, decisions, unattached(lost, "this feature")


def add_to(
    regs: list[RegSpec], modifiers: list[tuple[str, dict[str, Any]]]
) -> tuple[list[RegSpec], list[tuple[str, str]], list[tuple[str, dict[str, Any]]]]:
    """``regs`` with the modifiers their carriers take, the decisions saying so, and the
    modifiers nothing in ``regs`` carries (left to the caller: :func:`attach` keeps their
    texts verbatim; a conversion tries the feature's attribute values next)."""
    out = list(regs)
    decisions: list[tuple[str, str]] = []
    lost: list[tuple[str, dict[str, Any]]] = []
    for text, mod in modifiers:
        code = mod["type"]
        carriers = _carriers(out, code)
        if not carriers:
            lost.append((text, mod))
            continue
        for i in carriers:
            spec = out[i]
            if any(a.get("type") == code for a in spec.additional):
                continue
            out[i] = replace(spec, additional=[*spec.additional, {"type": code}])
        names = ", ".join(dict.fromkeys(out[i].type for i in carriers))
        decisions.append(
            (
                f"modifier {code} of {_short(text)}",
                f"additional information of {names}; the extractor: {mod.get('evidence', '')}",
            )
        )
    return out, decisions, lost


def keep_verbatim(text: str) -> RegSpec:
    """The text of a modifier nothing carries, kept as a verbal regulation."""
    return verbal(
        text, "only additional information, with no regulation to carry it; kept verbatim"
    )


def unattached(modifiers: list[tuple[str, dict[str, Any]]], where: str) -> list[tuple[str, str]]:
    """CV026 findings for modifiers no regulation of ``where`` can carry."""
    out = []
    for text, mod in modifiers:
        code = mod["type"]
        wanted = "a regulation with a number" if code in VALUE_MODIFIERS else "a regulation"
        out.append(
            (
                "CV026",
                f"{_short(text)} gives only the additional information {code}, for what other "
                f"entries draw, but {where} has no {wanted.removeprefix('a ')} to carry it; "
                f"the text is kept as a verbal regulation and {code} is not in the plan as a code",
            )
        )
    return out


def _short(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 80 else text[:79] + "…")
