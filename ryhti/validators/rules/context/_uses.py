"""What a plan object is used for, read from its regulation types and the code list tree.

A use class is found by walking a RY_Kaavamaarayslaji code up its parents until one
of the classes below: ``asuinkerrostaloalue`` → ``asumisenAlue`` → ``A``. The same
classes name the yleiskaava designations, so the two plans can be compared.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

__all__ = ["HOUSING", "INDUSTRY", "family", "is_under"]

#: Use class of a code or its nearest ancestor (most specific wins).
FAMILY: dict[str, str] = {
    "asumisenAlue": "A",
    "keskustatoimintojenAlue": "C",
    "taajamatoimintojenAlue": "C",
    "teollisuusalue": "T",
    "varastoalue": "T",
    "yleistenRakennustenAlue": "Y",
    "palvelujenAlue": "P",
    "toimitilojenAlue": "K",
    "tyopaikkojenAlue": "K",
    "vapaaAjanAsumisenJaMatkailunAlue": "R",
    "virkistysalue": "V",
    "viheralue": "V",
    "maaJaMetsatalousAlue": "M",
    "suojelualue": "S",
    "erityisalue": "E",
    "liikennealue": "L",
    "vesialue": "W",
}

HOUSING = ("asumisenAlue",)
INDUSTRY = ("teollisuusalue", "varastoalue")


@functools.cache
def _chain(value: str) -> tuple[str, ...]:
    from ryhti.codelists import registry

    code_list = registry()["RY_Kaavamaarayslaji"]
    code = code_list.get(value)
    out: list[str] = []
    while code is not None and code.value not in out:
        out.append(code.value)
        code = code_list.parent(code)
    return tuple(out)


def is_under(value: str, roots: tuple[str, ...]) -> bool:
    """Whether ``value`` is one of ``roots`` or below one of them in the code list."""
    return any(v in roots for v in _chain(value))


def family(values: Iterable[str]) -> str | None:
    """The use class of the first of ``values`` that has one."""
    for value in values:
        for step in _chain(value):
            if step in FAMILY:
                return FAMILY[step]
    return None
