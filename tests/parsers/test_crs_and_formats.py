"""The coordinate system from the coordinates (property-based), and the format registry."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from ryhti.parsers.crsguess import guess, swap_axes, swapped
from ryhti.parsers.formats import all_formats, describe, xml_format

NORTHINGS = st.floats(6_620_000, 7_770_000)


def _points(xs: list[float], ys: list[float]) -> np.ndarray:
    return np.array([shapely.Point(x, y) for x, y in zip(xs, ys, strict=False)], dtype=object)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(80_000, 740_000), NORTHINGS), min_size=1, max_size=20))
def test_six_digit_eastings_are_tm35fin(points: list[tuple[float, float]]) -> None:
    found = guess(_points(*zip(*points, strict=True)))
    assert found.single() is not None and found.single()[0].code == "3067"


@settings(max_examples=60, deadline=None)
@given(
    st.integers(19, 31), st.lists(st.floats(-90_000, 90_000), min_size=1, max_size=10), NORTHINGS
)
def test_gk_zone_from_the_leading_digits(zone: int, offsets: list[float], north: float) -> None:
    xs = [zone * 1_000_000 + 500_000 + o for o in offsets]
    found = guess(_points(xs, [north] * len(xs)))
    fit, crossed = found.single()  # type: ignore[misc]
    assert fit.code == str(3873 + zone - 19) and not crossed
    # written northing first: the same system, with the axes swapped
    geoms = _points(xs, [north] * len(xs))
    assert swapped(swap_axes(geoms), fit.code) and not swapped(geoms, fit.code)


@pytest.mark.parametrize(("zone", "code"), [(1, "2391"), (2, "2392"), (3, "2393"), (4, "2394")])
def test_kkj_zone_from_the_leading_digit(zone: int, code: str) -> None:
    found = guess(_points([zone * 1_000_000 + 480_000.0], [6_900_000.0]))
    assert found.single()[0].code == code  # type: ignore[index]


def test_local_coordinates_fit_nothing() -> None:
    found = guess(_points([12.0, 340.0], [5.0, 80.0]))
    assert found.single() is None and not found.straight and not found.crossed
    assert found.bounds == (12.0, 340.0, 5.0, 80.0)


def test_mixed_systems_are_ambiguous() -> None:
    found = guess(_points([400_000.0, 25_490_000.0], [6_700_000.0, 6_700_000.0]))
    assert found.single() is None


def test_every_format_is_registered_once_with_a_reader() -> None:
    formats = all_formats()
    names = [f.name for f in formats]
    assert len(names) == len(set(names))
    for fmt in formats:
        assert callable(fmt.load_reader()), fmt.name
        assert fmt.suffixes or fmt.schemes, fmt.name
    text = describe()
    for title in ("GeoPackage", "KuntaGML", "KAATIO", "PostGIS", "spatial-planning 0.7"):
        assert title in text
    assert "GeoPackage" not in describe(xml=True)


def test_xml_format_by_namespace_and_by_feature_names() -> None:
    from lxml import etree

    def root(xml: str) -> object:
        return etree.fromstring(xml.encode())

    kuntagml = root('<a:X xmlns:a="http://www.kuntatietopalvelu.fi/gml/asemakaava/2.3.0"/>')
    assert xml_format(kuntagml)[0].name == "kuntagml"  # type: ignore[union-attr]
    vendor = root('<c xmlns:v="urn:vendor"><v:m><v:ZoningElement/></v:m></c>')
    assert xml_format(vendor)[0].name == "national-gml"  # type: ignore[union-attr]
    assert xml_format(root('<c xmlns:v="urn:vendor"/>'))[0] is None
