"""The 2019 pilot's WFS examples, spatial-planning 0.7 (:mod:`ryhti.parsers.pilotwfs`)."""

from ryhti.parsers.formats import SourceFormat

FORMATS = (
    SourceFormat(
        "pilot-wfs",
        "2019 pilot WFS plan objects (spatial-planning 0.7)",
        "ryhti.parsers.pilotwfs:read_xml",
        suffixes=(".xml", ".gml"),
        namespaces=("http://uri.suomi.fi/schema/built-environment/spatial-planning/",),
        priority=43,
    ),
)
