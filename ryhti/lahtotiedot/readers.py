"""Reading one source for a bounding box: the registry of source kinds.

Every kind of source is a reader registered under a ``service`` name. The three built
in go through GDAL (pyogrio): ``file`` (GPKG, SHP, GeoJSON…), ``wfs`` (GDAL's ``WFS:``
driver: GetCapabilities, DescribeFeatureType, paged GetFeature with a BBOX filter)
and ``oapif`` (GDAL's ``OAPIF:`` driver for OGC API Features). No HTTP or GML is
parsed here. Another kind of source — the plan archive, a municipal database — is
one function and one :func:`register_reader` call; the gatherer, the cache and the
summary need no change.

A reader returns every feature of the layer touching the box, in the area's CRS, with
the attributes asked for. It raises :class:`SourceError` (one line, no traceback) when
the source cannot be read completely: the gatherer then records the source as failed
and writes nothing of it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ryhti.lahtotiedot.sources import SourceSpec

__all__ = ["READERS", "Reader", "SourceError", "read_source", "register_reader"]

#: (spec, bbox in the area's CRS, the area's CRS, timeout in seconds) → GeoDataFrame.
Reader = Callable[[SourceSpec, tuple[float, float, float, float], str, float], Any]

READERS: dict[str, Reader] = {}


class SourceError(Exception):
    """A source that could not be read completely; the message is one line for the planner."""


def register_reader(service: str, reader: Reader) -> None:
    """Make ``service = "<name>"`` sources readable by ``reader``."""
    READERS[service] = reader


#: Entry-point group of readers that live outside this package (``service`` → reader), such
#: as the plan archive's (``ryhti.archive.background_source``), which sits above the gatherer.
ENTRY_POINTS = "ryhti.lahtotiedot.readers"


def _plugged_in(service: str) -> Reader | None:
    """The reader another package registers for ``service`` as an entry point, if any."""
    from importlib.metadata import entry_points

    for point in entry_points(group=ENTRY_POINTS):
        if point.name == service:
            reader = point.load()
            register_reader(service, reader)
            return reader
    return None


def read_source(
    spec: SourceSpec, bbox: tuple[float, float, float, float], crs: str, timeout: float
) -> Any:
    """The features of ``spec`` touching ``bbox`` (in ``crs``), reprojected to ``crs``."""
    reader = READERS.get(spec.service) or _plugged_in(spec.service)
    if reader is None:
        raise SourceError(
            f"no reader for service {spec.service!r} (known: {', '.join(sorted(READERS))})"
        )
    return reader(spec, bbox, crs, timeout)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "…"


@contextlib.contextmanager
def _gdal_http(timeout: float) -> Iterator[None]:
    """GDAL's HTTP settings for one read: a hard timeout, no retries, paging on."""
    import pyogrio

    settings = {
        "GDAL_HTTP_TIMEOUT": str(max(1, round(timeout))),
        "GDAL_HTTP_CONNECTTIMEOUT": str(max(1, round(timeout))),
        "GDAL_HTTP_MAX_RETRY": "0",
        "OGR_WFS_PAGING_ALLOWED": "ON",
        "OGR_WFS_PAGE_SIZE": "1000",
        "OGR_WFS_LOAD_MULTIPLE_LAYER_DEFN": "NO",
        "GDAL_HTTP_USERAGENT": "ryhti-lahtotiedot",
    }
    previous = {key: pyogrio.get_gdal_config_option(key) for key in settings}
    pyogrio.set_gdal_config_options(settings)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(previous)


def _ogr_reader(prefix: str) -> Reader:
    def read(
        spec: SourceSpec, bbox: tuple[float, float, float, float], crs: str, timeout: float
    ) -> Any:
        dataset = f"{prefix}{spec.url}" if prefix else spec.url
        if not prefix and not Path(spec.url).exists():
            raise SourceError(f"no such file: {spec.url}")
        with _gdal_http(timeout):
            return _read_ogr(dataset, spec, bbox, crs)

    return read


def _read_ogr(
    dataset: str, spec: SourceSpec, bbox: tuple[float, float, float, float], crs: str
) -> Any:
    import pyogrio
    from pyproj import CRS
    from pyproj.exceptions import CRSError
    from pyproj.transformer import Transformer

    layer = spec.layer
    try:
        if layer is None:
            layers = [str(name) for name, _ in pyogrio.list_layers(dataset)]
            if len(layers) != 1:
                raise SourceError(
                    f"name a layer with @LAYER or layer = …; it has: {', '.join(layers)}"
                )
            layer = layers[0]
        info = pyogrio.read_info(dataset, layer=layer)
    except SourceError:
        raise
    except Exception as exc:
        raise SourceError(_one_line(exc)) from None
    layer_crs = info.get("crs") or spec.crs
    if not layer_crs:
        raise SourceError('the layer does not say its CRS; give crs = "EPSG:…"')
    fields = [str(f) for f in info.get("fields", [])]
    wanted = list(dict.fromkeys([*spec.attributes, *spec.fields.values()]))
    missing = [name for name in wanted if name not in fields]
    if missing:
        raise SourceError(
            f"attributes not in layer {layer}: {', '.join(missing)} (it has: {', '.join(fields)})"
        )
    try:
        to_layer = Transformer.from_crs(
            CRS.from_user_input(crs), CRS.from_user_input(layer_crs), always_xy=True
        )
    except CRSError as exc:
        raise SourceError(f"unknown CRS {layer_crs!r}: {_one_line(exc)}") from None
    box = to_layer.transform_bounds(*bbox)
    try:
        frame = pyogrio.read_dataframe(
            dataset,
            layer=layer,
            bbox=box,
            columns=wanted if spec.attributes else None,
            where=spec.filter,
        )
    except Exception as exc:
        raise SourceError(_one_line(exc)) from None
    if frame.crs is None:
        frame = frame.set_crs(layer_crs)
    return frame.to_crs(crs)


register_reader("file", _ogr_reader(""))
register_reader("wfs", _ogr_reader("WFS:"))
register_reader("oapif", _ogr_reader("OAPIF:"))
