"""Context rules (B…): the plan checked against its gathered background data.

They run only with ``ryhti validate --context lahtotiedot.gpkg`` (a GeoPackage made by
``ryhti lahtotiedot``), read it with SQLite alone (no GDAL, so the light install runs
them) and compare it with the plan in the plan's own coordinates.
"""
