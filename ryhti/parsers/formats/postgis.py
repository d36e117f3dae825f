"""PostGIS databases by connection URL (:mod:`ryhti.parsers.postgis`)."""

from ryhti.parsers.formats import SourceFormat

FORMATS = (
    SourceFormat(
        "postgis",
        "PostGIS (postgresql://…)",
        "ryhti.parsers.postgis:read_source",
        schemes=("postgresql://", "postgres://", "PG:"),
        priority=30,
    ),
)
