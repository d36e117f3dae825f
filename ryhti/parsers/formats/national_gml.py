"""The national plan model GML of the 2019 municipal pilot (Kempele, Kuopio;
:mod:`ryhti.parsers.gml`)."""

from ryhti.parsers.formats import SourceFormat

FORMATS = (
    SourceFormat(
        "national-gml",
        "national-model GML of the 2019 municipal pilot",
        "ryhti.parsers.gml:read_xml",
        suffixes=(".gml", ".xml"),
        namespaces=("http://louhi.sitowise.com/Kuntapilotti",),
        # the same feature types written in another namespace (vendor exports of the pilot)
        feature_names=("ZoningElement", "PlanningElement"),
        priority=41,
    ),
)
