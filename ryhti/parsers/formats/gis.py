"""GIS files read through GDAL (:mod:`ryhti.parsers.gis`)."""

from ryhti.parsers.formats import SourceFormat

_READER = "ryhti.parsers.gis:read_source"

FORMATS = (
    SourceFormat("gpkg", "GeoPackage", _READER, suffixes=(".gpkg",), priority=10),
    SourceFormat("shapefile", "Shapefile", _READER, suffixes=(".shp",), priority=11),
    SourceFormat("shapefile-folder", "folder of Shapefiles", _READER, suffixes=("/",), priority=12),
    SourceFormat(
        "zip", "zipped Shapefile, GeoPackage or GeoJSON", _READER, suffixes=(".zip",), priority=13
    ),
    SourceFormat("geojson", "GeoJSON", _READER, suffixes=(".geojson", ".json"), priority=14),
    SourceFormat("fgb", "FlatGeobuf", _READER, suffixes=(".fgb",), priority=15),
    # anything else GDAL reads; last, so a registered suffix always wins
    SourceFormat("gdal", "other GDAL vector formats", _READER, suffixes=("*",), priority=900),
)
