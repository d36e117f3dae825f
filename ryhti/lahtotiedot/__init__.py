"""Background data of a plan area (lähtötiedot): gather, record, describe, check.

``ryhti lahtotiedot`` reads every configured source — OGC API Features and WFS 2.0
services through GDAL, local GeoPackages, Shapefiles and GeoJSON, the national
presets — for the plan area and a buffer, and writes one GeoPackage: a layer per
source, a summary table and the area (:mod:`~ryhti.lahtotiedot.output`). From that
file:

* :func:`load_background` gives describe its :class:`ryhti.background.BackgroundData`, and :func:`load_background_layers` the shapes of its map;
* :func:`load_source_records` gives the plan matter its source data (sourceDatas);
* ``ryhti validate --context FILE`` runs the context rules (B001…).

Modules: :mod:`~.sources` (what to gather; TOML and ``--source``), :mod:`~.presets`
(national services), :mod:`~.readers` (the registry of source kinds; GDAL),
:mod:`~.area`, :mod:`~.cache`, :mod:`~.gather`, :mod:`~.output`, :mod:`~.background`.
"""

from __future__ import annotations

from ryhti.lahtotiedot.background import (
    load_background,
    load_background_layers,
    load_source_records,
)

__all__ = ["load_background", "load_background_layers", "load_source_records"]
