"""CAD drawings (:mod:`ryhti.parsers.dxf`); they need a mapping of CAD layers."""

from ryhti.parsers.formats import SourceFormat

FORMATS = (
    SourceFormat(
        "dxf",
        "DXF (with a mapping)",
        "ryhti.parsers.dxf:read_source",
        suffixes=(".dxf",),
        priority=20,
    ),
)
