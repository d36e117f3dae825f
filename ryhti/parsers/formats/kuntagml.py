"""KuntaGML asemakaava and yleiskaava, 2.1.x and 2.3.0, both namespace domains
(:mod:`ryhti.parsers.kuntagml`)."""

from ryhti.parsers.formats import SourceFormat

FORMATS = (
    SourceFormat(
        "kuntagml",
        "KuntaGML asemakaava/yleiskaava",
        "ryhti.parsers.kuntagml:read_xml",
        suffixes=(".gml", ".xml"),
        namespaces=(
            "http://www.kuntatietopalvelu.fi/gml/asemakaava",
            "http://www.paikkatietopalvelu.fi/gml/asemakaava",
            "http://www.kuntatietopalvelu.fi/gml/yleiskaava",
            "http://www.paikkatietopalvelu.fi/gml/yleiskaava",
        ),
        priority=40,
    ),
)
