"""R043: plan map pixel size not square or not a power of two (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class PlanMapPixelSize(Rule):
    """Pixels are square and their size a power of two between 256 m and 0.015625 m.

    Remote only: the map file is not part of the payload.
    """

    id = "R043"
    name = "plan-map-pixel-size"
    official_ids = ("quality__req_pixel_scale_invalid", "quality__req_pixel_scale_not_power_of_two")
    references = ("R-I04",)
    kinds = ALL_KINDS
    remote = True
    title = "Plan map pixel size not square or not a power of two"
    why = "Pixels are square and their size a power of two between 256 m and 0.015625 m. The map file is not part of the payload."
    fix = "Resample the map to a power-of-two pixel size."
