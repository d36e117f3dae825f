"""R044: plan map TIFF tags not as required (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class PlanMapTags(Rule):
    """The GeoTIFF is 8-bit RGB, uncompressed or LZW, top-left oriented, in strips or square tiles.

    Remote only: the map file is not part of the payload.
    """

    id = "R044"
    name = "plan-map-tags"
    official_ids = (
        "quality__req_bits_per_sample_matches_failure",
        "quality__req_compression_matches_failure",
        "quality__req_photometric_interpretation_matches_failure",
        "quality__req_orientation_matches_failure",
        "quality__req_samples_per_pixel_matches_failure",
        "quality__req_planar_configuration_matches_failure",
        "quality__req_predictor_matches_failure",
        "quality__req_sample_format_matches_failure",
        "quality__req_image_width_and_length_tags_are_present_failure",
        "quality__req_all_strip_tags_are_present_failure",
        "quality__req_all_tile_tags_are_present_failure",
    )
    references = ("R-I05",)
    kinds = ALL_KINDS
    remote = True
    title = "Plan map TIFF tags not as required"
    why = "The GeoTIFF is 8-bit RGB, uncompressed or LZW, top-left oriented, in strips or square tiles. The map file is not part of the payload."
    fix = "Export with the required TIFF settings."
