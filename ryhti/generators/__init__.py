"""Generators: the plan description (kaavaselostus) and plan maps, from plan data.

>>> from ryhti.model import load_plan, load_matter
>>> from ryhti.generators import describe, describe_document
>>> text = describe(load_plan("plan.json"), load_matter("matter.json"), lang="sv", fmt="md")
>>> doc = describe_document(plan, fmt="docx")    # .content (bytes), .warnings, .figures

Every number in the description comes from :func:`compute_figures`; the delivery map
for RYHTI's ``PlanMap`` is :func:`ryhti.generators.geotiff.write_geotiff`, and
:func:`ryhti.generators.geotiff.check_geotiff` checks any GeoTIFF against the same rules.
Heavy libraries (matplotlib, python-docx, rasterio) are imported only when used.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Description", "PlanFigures", "compute_figures", "describe", "describe_document"]


def __getattr__(name: str) -> Any:
    if name in ("describe", "describe_document", "Description"):
        from ryhti.generators import render

        return getattr(render, name)
    if name in ("compute_figures", "PlanFigures"):
        from ryhti.generators import figures

        return getattr(figures, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
