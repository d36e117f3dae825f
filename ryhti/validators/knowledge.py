"""Facts about codes that several rules need, derived once from the code-list snapshot.

Syke's rules refer to extensions of RY_Kaavamaarayslaji (``suure``: quantities,
``aluevaraus``: area reservations) whose membership is not in the snapshot. The
project derives the closest sets it can defend, documented here and in the
catalogue entries of the rules that use them:

* **quantities**: regulation types whose value is a number according to the
  value-type table (Syke's validation-rule PDF, Spatineo's accepted examples and
  Gispo's configuration). They are exactly the codes under the header codes
  ``rakentamisenMaara``, ``korkeusasema``, ``liikenteenSuureet``, ``aluetunnukset``
  and ``rakentamisenTapa`` that take numbers, plus ``vihertehokkuus``.
* **possible area reservations**: codes under the land-use top-level categories
  (housing, centre functions, workplaces, leisure, green, agriculture and forestry,
  special, traffic, water areas) and under ``ymparistoarvojenAlue`` (protection
  areas such as SL may be reservations in an asemakaava). Building areas, building
  sites, blocks, nuisance zones, development principles, names and quantities are
  not area reservations.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = [
    "LAND_USE_ROOTS",
    "NAMING",
    "NUMERIC_TYPES",
    "RANGE_TYPES",
    "area_reservation_types",
    "quantity_codes",
    "value_required_codes",
]

NUMERIC_TYPES = frozenset(
    {
        "Numeric",
        "PositiveNumeric",
        "Decimal",
        "PositiveDecimal",
        "NumericRange",
        "PositiveNumericRange",
        "DecimalRange",
        "PositiveDecimalRange",
        "SpotElevation",
    }
)
RANGE_TYPES = frozenset(
    {"NumericRange", "PositiveNumericRange", "DecimalRange", "PositiveDecimalRange"}
)
POSITIVE_TYPES = frozenset(
    {"PositiveNumeric", "PositiveDecimal", "PositiveNumericRange", "PositiveDecimalRange"}
)

LAND_USE_ROOTS = (
    "asumisenAlue",
    "taajamatoimintojenAlue",
    "tyopaikkojenAlue",
    "vapaaAjanAsumisenJaMatkailunAlue",
    "viheralue",
    "maaJaMetsatalousAlue",
    "erityisalue",
    "liikennealue",
    "vesialue",
    "ymparistoarvojenAlue",
)

#: Naming regulations: their value is the name (LocalizedText).
NAMING = frozenset(
    {
        "kadunTaiTienNimi",
        "torinTaiKatuaukionNimi",
        "puistonTaiMuunYleisenAlueenNimi",
        "kaupunginTaiKunnanosanNimi",
    }
)


@functools.cache
def _quantity_codes(registry_id: int, registry: Any) -> frozenset[str]:
    vt = registry.value_types
    return frozenset(
        code
        for code in vt.codes("regulations")
        if set(vt.allowed_data_types(code) or ()) & NUMERIC_TYPES
    )


def quantity_codes(registry: Any) -> frozenset[str]:
    """Regulation types that are quantities (the ``suure`` extension, approximated)."""
    return _quantity_codes(id(registry), registry)


def value_required_codes(registry: Any) -> frozenset[str]:
    """Regulation types that mean nothing without a value: quantities, names, verbal ones."""
    return quantity_codes(registry) | NAMING | {"sanallinenMaarays"}


@functools.cache
def _area_reservation_types(registry_id: int, registry: Any) -> frozenset[str]:
    code_list = registry["RY_Kaavamaarayslaji"]
    out: set[str] = set()
    for root in LAND_USE_ROOTS:
        if root in code_list:
            out.add(root)
            out.update(c.value for c in code_list.descendants(root))
    return frozenset(out)


def area_reservation_types(registry: Any) -> frozenset[str]:
    """Regulation types that may carry ``paakayttotarkoitus`` (the ``aluevaraus`` extension,
    approximated by the land-use categories)."""
    return _area_reservation_types(id(registry), registry)
