"""ryhti: Finnish land-use plans to RYHTI plan data, and proof that the data is right.

The Python API mirrors the command line::

    import ryhti

    plan = ryhti.load_plan("plan.json")          # typed, lossless model
    plan.to_json()                               # the same JSON back
    ryhti.codelists.lookup("http://uri.suomi.fi/codelist/rytj/RY_Kaavamaarayslaji/code/asuinkerrostaloalue")
    result = ryhti.validate(plan)                # findings, like `ryhti validate`
    converted = ryhti.convert("kaava.gpkg")      # like `ryhti convert`
    ryhti.extract("Asuinkerrostalojen korttelialue.", sign="AK")
    ryhti.describe(plan, fmt="md")               # like `ryhti describe`

Heavy parts (GDAL, spaCy, matplotlib) are imported only when first used, so
``import ryhti`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: Public name -> "module:attribute", imported on first access.
_LAZY: dict[str, str] = {
    "load": "ryhti.model:load",
    "load_plan": "ryhti.model:load_plan",
    "load_matter": "ryhti.model:load_matter",
    "from_json": "ryhti.model:from_json",
    "model": "ryhti.model:",
    "codelists": "ryhti.codelists:",
    "Finding": "ryhti.findings:Finding",
    "Severity": "ryhti.findings:Severity",
    "RyhtiError": "ryhti.errors:RyhtiError",
    "InputError": "ryhti.errors:InputError",
    "validate": "ryhti.validators:validate",
    "convert": "ryhti.parsers:convert",
    "extract": "ryhti.nlp.pipeline:extract",
    "describe": "ryhti.generators:describe",
}

__all__ = ["__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'ryhti' has no attribute {name!r}")
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    value = getattr(module, attr) if attr else module
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
