"""KAATIO spatial plan XML, splan 1.2 (:mod:`ryhti.parsers.kaatio`)."""

from ryhti.parsers.formats import SourceFormat

FORMATS = (
    SourceFormat(
        "kaatio",
        "KAATIO spatial plan XML (splan 1.2)",
        "ryhti.parsers.kaatio:read_xml",
        suffixes=(".xml", ".gml"),
        namespaces=("http://tietomallit.ymparisto.fi/kaavatiedot/xml/1.2",),
        priority=42,
    ),
)
