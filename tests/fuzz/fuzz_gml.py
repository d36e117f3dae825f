"""Fuzz target (atheris) for the GML readers: KuntaGML and national-model GML, then conversion.

Run briefly (a scratch corpus folder first: libFuzzer adds what it finds to it):
    .venv/bin/python tests/fuzz/fuzz_gml.py -runs=1500 /tmp/corpus tests/fuzz/seeds/gml
Any input must either convert or raise a RyhtiError (InputError: one clear line, exit 2);
any other exception is a bug and atheris reports it with the crashing input.
"""

from __future__ import annotations

import atheris
import lxml.etree  # noqa: F401 - third-party libraries first: instrumenting them takes minutes
import numpy  # noqa: F401
import pandas  # noqa: F401
import pyproj  # noqa: F401
import shapely  # noqa: F401
from _scratch import fuzz_through_file

with atheris.instrument_imports():
    import ryhti.parsers.engine
    import ryhti.parsers.geometry
    import ryhti.parsers.gml
    import ryhti.parsers.gmlgeom
    import ryhti.parsers.interpret
    import ryhti.parsers.kuntagml  # noqa: F401 - imported here to be instrumented
    from ryhti.errors import RyhtiError
    from ryhti.parsers import convert
    from ryhti.parsers.xmlsources import read_xml_source


def check(path: str) -> None:
    try:
        source = read_xml_source(path)
        convert(source, use_extractor=False, source_crs="EPSG:3879")
    except RyhtiError:
        return


if __name__ == "__main__":
    fuzz_through_file(".gml", check)
