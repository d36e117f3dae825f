"""Background data of a plan area: the one type the gatherer writes and describe reads.

The background-data gatherer (``ryhti lahtotiedot``) reads map services and files
for the plan area; the kaavaselostus chapter on starting points (lähtökohdat,
suunnittelutilanne) and the plan matter's source data are written from what it
found. Both sides know only this type, so that the gatherer can grow new sources
without the describe code changing, and describe can be tested without a service.

``gathered`` is what makes the chapter honest: a theme that is absent from it was
not looked at (the chapter keeps a ``[TÄYDENNÄ: …]`` prompt), while a theme that
is present with no rows was looked at and found nothing ("ei Natura 2000 -alueita").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "THEMES",
    "AreaOverlap",
    "BackgroundData",
    "BackgroundLayer",
    "PlanInForce",
    "SiteInside",
    "SourceRecord",
]

#: Themes of background data a planner gathers, by the key the gatherer and describe share.
THEMES: dict[str, str] = {
    "plans": "voimassa olevat kaavat",
    "natura": "Natura 2000 -alueet",
    "suojelualue": "luonnonsuojelualueet",
    "pohjavesi": "pohjavesialueet",
    "tulva": "tulvavaara-alueet",
    "muinaisjaannos": "muinaisjäännökset",
    "rky": "valtakunnallisesti merkittävät rakennetut kulttuuriympäristöt (RKY)",
    "suojeltu_rakennus": "suojellut rakennukset",
    "vaesto": "väestö",
    "pohjakartta": "pohjakartta",
}


@dataclass(frozen=True, slots=True)
class PlanInForce:
    """A plan in force that covers (part of) the plan area.

    ``level``: ``maakuntakaava``, ``yleiskaava`` or ``asemakaava``;
    ``designations``: what the plan designates inside the plan area, as
    (letter sign or ``""``, meaning in Finnish, meaning in Swedish or ``""``,
    share of the plan area 0…1), largest share first.
    """

    level: str
    name: str
    identifier: str | None = None
    approved: str | None = None
    designations: tuple[tuple[str, str, str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class AreaOverlap:
    """An area of a background theme (Natura, groundwater, …) overlapping the plan area."""

    theme: str
    name: str
    identifier: str | None
    area_m2: float
    share: float
    kind_code: str = ""


@dataclass(frozen=True, slots=True)
class SiteInside:
    """A site inside the plan area (an ancient monument, a protected building)."""

    theme: str
    name: str
    identifier: str | None = None
    kind_code: str = ""


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One gathered source, as the plan matter's source data records it.

    ``kind_code``: the RY_LahtotietoaineistonLaji code (e.g. ``08``);
    ``fetched``: ISO date; ``url``: where it came from (service or file).
    """

    name: str
    kind_code: str
    fetched: str
    licence: str = ""
    url: str = ""
    features: int = 0


@dataclass(frozen=True, slots=True)
class BackgroundData:
    """Everything describe needs to write the starting-points chapter."""

    plans_in_force: tuple[PlanInForce, ...] = ()
    overlaps: tuple[AreaOverlap, ...] = ()
    sites: tuple[SiteInside, ...] = ()
    population: int | None = None
    population_source: str | None = None
    sources: tuple[SourceRecord, ...] = ()
    gathered: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class BackgroundLayer:
    """One gathered layer's shapes, for the map of the plan area on its background data.

    ``geometries``: shapely geometries in EPSG ``srid`` (the plan's), as gathered (clipped to
    the plan area and its buffer); ``title``: what the map legend calls it.
    """

    theme: str
    title: str
    srid: str
    geometries: tuple[Any, ...] = ()
