"""The source-neutral middle of every conversion.

Each reader (GIS files, DXF, PostGIS, KuntaGML, national-model GML) turns its input
into a :class:`Source`: named :class:`Layer` objects of features, each feature with a
stable source id, its attributes and a shapely geometry, plus regulation texts the
source itself carries (:class:`TextEntry`) and plan-level facts. One mapping engine
then turns any Source into a plan, so the rules about what ends up where, and the
report saying so, exist once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Layer", "Source", "TextEntry"]


@dataclass
class Layer:
    """One layer of features.

    ``attributes`` has one row per feature and only the source's own attribute
    columns (no geometry); ``geometry`` is an object array of shapely geometries
    (``None`` where a feature has none); ``fids`` are the stable source ids as
    strings; ``lines`` the line of each feature in a text source (XML), if known.
    ``notes`` carries reader-level remarks per feature index, e.g. arcs linearised.
    """

    name: str
    attributes: pd.DataFrame
    geometry: np.ndarray
    fids: list[str]
    crs: Any = None
    geometry_type: str | None = None
    lines: list[int | None] | None = None
    notes: dict[int, list[str]] = field(default_factory=dict)
    #: Names of columns the reader produced itself (not present in the source as such).
    derived: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.fids)


@dataclass
class TextEntry:
    """A regulation text from the source or a regulation document.

    ``id`` is unique within the source; ``sign`` is the notation it explains (letter
    code, ``e=``…) or ``None``; ``general`` marks regulations of the whole plan.
    """

    id: str
    text: str
    sign: str | None = None
    heading: str | None = None
    general: bool = False
    file: str | None = None
    line: int | None = None
    page: int | None = None
    swe: str | None = None
    code: str | None = None


@dataclass
class Source:
    """Everything read from one input, before any mapping decision."""

    path: str
    kind: str
    layers: list[Layer]
    crs: Any = None
    texts: list[TextEntry] = field(default_factory=list)
    plan: dict[str, Any] = field(default_factory=dict)
    #: Name of the built-in mapping preset that fits this source, when the reader knows.
    preset: str | None = None
    #: Content the source holds that has no place in a plan, with the reason.
    unrepresentable: list[dict[str, Any]] = field(default_factory=list)
    #: True when coordinates may be written northing first (GML follows the axis order of
    #: the srsName's definition, and writers differ): the engine checks them.
    check_axes: bool = False

    def layer(self, name: str) -> Layer | None:
        """The layer called ``name`` (case-insensitive), if present."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        lowered = name.casefold()
        for layer in self.layers:
            if layer.name.casefold() == lowered:
                return layer
        return None


def feature_layer(
    name: str,
    rows: list[dict[str, Any]],
    geoms: list[Any],
    lines: list[int | None],
    crs: Any,
    **extra: Any,
) -> Layer:
    """A layer of an XML source's features: one attribute row per feature (with its
    ``gml_id``), its geometry and its source line; ``extra`` for the other Layer fields."""
    frame = pd.DataFrame(rows)
    frame = frame.astype(object).where(frame.notna(), None)
    return Layer(
        name=name,
        attributes=frame,
        geometry=np.array([*geoms, None], dtype=object)[:-1],
        fids=[str(r["gml_id"]) for r in rows],
        crs=crs,
        lines=lines,
        **extra,
    )
