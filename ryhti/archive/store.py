"""The archive behind one interface: a GeoPackage file, or PostgreSQL + PostGIS by URL.

``ryhti archive init PATH|URL`` makes one; every other command finds it from
``--archive``, then ``$RYHTI_ARCHIVE``, then ``[archive] path`` in ``ryhti.toml``
(:func:`find_location`). Both backends store the same tables (plan versions, objects,
regulation groups, regulations, their links, cancellations, the plan documents) and answer
the same questions; what differs is the index machinery each brings — SQLite's R*Tree and
FTS5, PostGIS's GiST and PostgreSQL's full-text search. :class:`ArchiveStore` is what
the commands see.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.archive.records import PreparedPlan
from ryhti.errors import UsageError

__all__ = [
    "AddResult",
    "ArchiveStore",
    "SearchSpec",
    "create_store",
    "find_location",
    "is_url",
    "open_store",
]

#: Version of the archive's table layout; an archive of a newer layout is refused.
SCHEMA_VERSION = 1
#: What ``archive_meta.kind`` says in every archive.
ARCHIVE_KIND = "ryhti-archive"


def is_url(location: str) -> bool:
    """True for a PostgreSQL connection URL (``postgresql://…`` or ``postgres://…``)."""
    return location.startswith(("postgresql://", "postgres://"))


def find_location(option: str | None, cwd: Path | None = None) -> str:
    """The archive to use: ``--archive``, else ``$RYHTI_ARCHIVE``, else ``ryhti.toml``.

    ``[archive] path`` of the settings file (:mod:`ryhti.settings`: the nearest
    ``ryhti.toml``, this folder or a parent) may be a file path, taken relative to that
    file, or a URL.
    """
    if option:
        return option
    env = os.environ.get("RYHTI_ARCHIVE", "").strip()
    if env:
        return env
    from ryhti.settings import read_section

    section = read_section("archive", start=cwd)
    value = section.table.get("path")
    if isinstance(value, str) and value.strip():
        value = value.strip()
        return value if is_url(value) else str(section.resolve(value).resolve())
    raise UsageError(
        "no archive given",
        hint="use --archive PATH|URL, set RYHTI_ARCHIVE, or put [archive] path = … in ryhti.toml",
    )


@dataclass(slots=True)
class AddResult:
    """What adding one plan did: ``added`` (new plan), ``version`` (new version of a plan
    already archived), ``replaced`` (same plan and lifecycle, new content), ``unchanged``."""

    outcome: str
    plan_key: str
    version: int
    fid: int
    source: str
    objects: int
    regulations: int


@dataclass(slots=True)
class SearchSpec:
    """A search: the query's FTS expressions plus filters, all optional but one."""

    fts5: str | None = None  # FTS5 MATCH expression
    tsquery: str | None = None  # PostgreSQL to_tsquery('simple', …) expression
    codes: Sequence[str] = ()
    signs: Sequence[str] = ()  # letter signs, as written (matched exactly or by base letters)
    level: str | None = None
    municipality: str | None = None
    in_force: bool = False
    history: bool = False  # also earlier versions of plans
    today: str = ""
    area_wkb: bytes | None = None  # --within, in the archive's coordinate system
    near: tuple[float, float, float] | None = None  # --near x, y, r
    limit: int = 20
    extra: dict[str, Any] = field(default_factory=dict)


class ArchiveStore(ABC):
    """One archive, open. Rows come back as plain dicts; geometry as ISO WKB."""

    kind: str = ""
    location: str = ""
    srid: int = 3067

    # -- writing --------------------------------------------------------------------------
    @abstractmethod
    def add(self, plans: Sequence[PreparedPlan], sources: Sequence[tuple] = ()) -> list[AddResult]:
        """Write ``plans`` in one transaction; ``sources`` rows ``(path, size, mtime_ns,
        options digest, plan_key)`` record finished input files for resuming."""

    @abstractmethod
    def remove(self, fids: Sequence[int]) -> int:
        """Remove plan versions by fid; returns how many were removed."""

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a bulk write (no-op by default)."""
        return None

    def begin_bulk(self) -> None:
        """A large load starts: the backend may set aside indexes that are cheaper to
        build once afterwards than to keep up row by row (no-op by default). Whatever it
        sets aside, :meth:`restore_indexes` builds again at the end of that ``archive
        add``, or of any later one when the load was cut short."""
        return None

    def restore_indexes(self) -> None:
        """Build any index :meth:`begin_bulk` set aside (no-op when none is missing)."""
        return None

    @abstractmethod
    def known_sources(self) -> dict[str, tuple[int, int, str]]:
        """``path → (size, mtime_ns, options digest)`` of the input files archived whole."""

    # -- reading --------------------------------------------------------------------------
    @abstractmethod
    def plans(self, where: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Plan versions (without geometry), filtered by ``fid``/``plan_key``/``permanent_id``/
        ``name``/``current``/``level``/``municipality`` in ``where``."""

    @abstractmethod
    def documents(self, fid: int) -> tuple[bytes | None, bytes | None]:
        """The stored plan and matter JSON (zlib-compressed) of a version."""

    @abstractmethod
    def cancellations(self, fid: int | None = None, target: Sequence[str] = ()) -> list[dict]:
        """Cancellation rows given by version ``fid`` or aimed at ``target`` refs."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts of plans, versions, objects, regulations."""

    @abstractmethod
    def search(self, spec: SearchSpec) -> list[dict[str, Any]]:
        """Ranked regulation rows (best first) with their plan and group columns."""

    @abstractmethod
    def group_objects(
        self, gids: Sequence[int], spec: SearchSpec | None = None, per_group: int = 5
    ) -> dict[int, tuple[int, list[dict[str, Any]]]]:
        """``gid → (object count, first objects)`` (within the spec's area when it has one)."""

    @abstractmethod
    def plans_at(self, x: float, y: float, radius: float) -> list[dict[str, Any]]:
        """Current plan versions whose area may reach the point (bounding-box candidates,
        with ``area_wkb``)."""

    @abstractmethod
    def objects_at(
        self, x: float, y: float, radius: float, plan_fids: Sequence[int]
    ) -> list[dict[str, Any]]:
        """Objects of those versions whose bounding box reaches the point (with ``wkb``,
        ``validity_wkb``)."""

    @abstractmethod
    def objects_by_fid(self, fids: Sequence[int]) -> list[dict[str, Any]]:
        """Objects by fid, with ``wkb``."""

    @abstractmethod
    def object_groups(self, object_fids: Sequence[int]) -> list[dict[str, Any]]:
        """``(object_fid, gid, cancelled)`` links of the objects."""

    @abstractmethod
    def groups(self, gids: Sequence[int] = (), plan_fids: Sequence[int] = ()) -> list[dict]:
        """Group rows by gid, or the general groups of versions."""

    @abstractmethod
    def regulations(self, gids: Sequence[int]) -> list[dict[str, Any]]:
        """Regulation rows of groups, in group and plan order."""

    @abstractmethod
    def has_object(self, plan_fids: Sequence[int], object_key: str) -> bool:
        """True when one of the versions holds an object with this key."""

    @abstractmethod
    def plan_areas(self, fids: Sequence[int]) -> dict[int, bytes | None]:
        """``fid → area WKB`` of plan versions."""

    @abstractmethod
    def objects_in_box(
        self, box: tuple[float, float, float, float], plan_fid: int
    ) -> list[dict[str, Any]]:
        """Objects of one version whose bounding box meets ``box`` (with ``wkb``)."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> ArchiveStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def create_store(location: str, srid: int = 3067) -> ArchiveStore:
    """Create a new, empty archive at ``location`` (a file path or a PostgreSQL URL)."""
    if is_url(location):
        from ryhti.archive.postgis import PostgisStore

        return PostgisStore.create(location, srid)
    from ryhti.archive.gpkg import GpkgStore

    return GpkgStore.create(Path(location), srid)


def open_store(location: str) -> ArchiveStore:
    """Open an existing archive; a missing, foreign or damaged one is one clear error."""
    if is_url(location):
        from ryhti.archive.postgis import PostgisStore

        return PostgisStore.open(location)
    from ryhti.archive.gpkg import GpkgStore

    return GpkgStore.open(Path(location))
