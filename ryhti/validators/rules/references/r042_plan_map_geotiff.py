"""R042: plan map not a GeoTIFF covering the plan in EPSG:3067 (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class PlanMapGeotiff(Rule):
    """The plan map file is a GeoTIFF with a GeoKey directory in EPSG:3067 whose extent covers the plan area.

    Remote only: the map file is not part of the payload.
    """

    id = "R042"
    name = "plan-map-geotiff"
    official_ids = (
        "quality__req_spatialplanmap_file_allowed_format",
        "quality__req_geokey_directory_missing",
        "quality__req_geotiff_projected_crs_not_found_or_does_not_match_expected_crs",
        "quality__req_geotiff_extent_not_found_or_does_not_cover_plan_geographical_area",
    )
    references = ("R-I03",)
    kinds = ALL_KINDS
    remote = True
    title = "Plan map not a GeoTIFF covering the plan in EPSG:3067"
    why = "The plan map file is a GeoTIFF with a GeoKey directory in EPSG:3067 whose extent covers the plan area. The map file is not part of the payload."
    fix = "Export the plan map as GeoTIFF in EPSG:3067 covering the plan area."
