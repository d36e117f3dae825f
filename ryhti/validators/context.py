"""Everything rules share, computed once and only when a rule asks for it.

A :class:`Context` wraps one document. Its properties are lazy: the single pass
over the document tree (:attr:`Context.scan`), the shapely geometries of every
``RyhtiGeometry`` in the document (:attr:`Context.shapes`, built in bulk), code
values by URI, and one :class:`PlanContext` per plan with its key indexes, the
groups of each object, the regulation codes of each object, the geometry array,
the STRtree and the area reservations. A rule that needs none of these costs
nothing; a rule that needs them shares them with every other rule.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from ryhti.model import (
    Model,
    Plan,
    PlanDecision,
    PlanMatterCreate,
    PlanMatterPhase,
    PlanMatterUpdate,
    RyhtiGeometry,
)
from ryhti.validators.plan_context import PlanContext
from ryhti.validators.scan import Scan, run_scan

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.codelists import Code, Registry
    from ryhti.validators.config import Config
    from ryhti.validators.rule import FieldRule

__all__ = ["CODE_LISTS", "Context", "code_value", "date_of", "iter_models"]

#: Code lists the rules refer to by short name.
CODE_LISTS = {
    "regulation": "RY_Kaavamaarayslaji",
    "info": "RY_Kaavamaarayksen_Lisatiedonlaji",
    "verbal": "RY_Sanallisen_Kaavamaarayksen_Laji",
    "lifecycle": "kaavaelinkaari",
    "plan_type": "RY_Kaavalaji",
    "underground": "RY_MaanalaisuudenLaji",
    "decision": "kaavpaatnimi",
    "handling": "kaavakastap",
    "interaction": "RY_KaavanVuorovaikutustapahtumanLaji",
    "legal_effect": "oikeusvaik_YK",
    "digital_origin": "RY_DigitaalinenAlkupera",
    "municipality": "kunta_1_20240101",
    "region": "maakunta_1_20240101",
}

CODELIST_BASE = "http://uri.suomi.fi/codelist/"


def code_value(uri: Any, list_id: str) -> str | None:
    """The bare code value of ``uri`` when it is a code URI of ``list_id`` (syntax only).

    ``http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/04`` → ``04``. Whether the
    code exists is a separate question (:meth:`Context.code`).
    """
    if not isinstance(uri, str):
        return None
    head, sep, value = uri.rpartition("/code/")
    if not sep or not value or not head.endswith("/" + list_id):
        return None
    return value


class Context:
    """One document being validated, and everything computed about it so far."""

    def __init__(
        self,
        doc: Model,
        *,
        kind: str,
        source: str | None = None,
        config: Config | None = None,
        plan_type: str | None = None,
        municipality: Iterable[str] | str | None = None,
    ) -> None:
        from ryhti.validators.config import Config

        self.doc = doc
        self.kind = kind
        self.source = source
        self.config = config if config is not None else Config()
        self.lang = self.config.lang
        self.today: _dt.date = self.config.today or _dt.date.today()
        if isinstance(municipality, str):
            municipality = [municipality]
        self.municipality: list[str] | None = list(municipality) if municipality else None
        self.plan_type_given = plan_type
        self.field_rules: list[FieldRule] = []
        self._code_cache: dict[str, Any] = {}
        self._shape_index: dict[int, int] | None = None

    # -- plan type and level ----------------------------------------------------------------
    @functools.cached_property
    def plan_type(self) -> str | None:
        """The bare RY_Kaavalaji value: ``--plan-type``, or the matter's ``planType``."""
        given = self.plan_type_given
        if given is None and isinstance(self.doc, PlanMatterUpdate):
            given = self.doc.plan_type if isinstance(self.doc.plan_type, str) else None
        if given is None:
            return None
        given = given.strip()
        return code_value(given, "RY_Kaavalaji") or given

    @functools.cached_property
    def plan_level(self) -> str | None:
        """``asemakaava``, ``yleiskaava`` or ``maakuntakaava`` (config profile, else from the plan type)."""
        from ryhti.codelists.tables import plan_level

        forced = self.config.plan_level
        if forced:
            return plan_level(forced, self.registry)
        if self.plan_type is None:
            return None
        try:
            return plan_level(self.plan_type, self.registry)
        except ValueError:
            return None

    # -- code lists -------------------------------------------------------------------------
    @functools.cached_property
    def registry(self) -> Registry:
        """The code-list registry (the installed snapshot)."""
        from ryhti.codelists import registry

        return registry()

    def code(self, uri: Any) -> Code | None:
        """The snapshot code with this full URI, or ``None``."""
        if not isinstance(uri, str):
            return None
        cache = self._code_cache
        if uri in cache:
            return cache[uri]
        found = self.registry.lookup(uri)
        if found is not None and found.uri != uri.strip():
            found = None
        cache[uri] = found
        return found

    @functools.cache  # noqa: B019  (one context per document; the cache dies with it)
    def header_codes(self, list_id: str) -> frozenset[str]:
        """Values of structuring header-level codes of a list (not allowed in plans)."""
        code_list = self.registry.get(list_id)
        return frozenset() if code_list is None else code_list.header_values()

    def code_value(self, uri: Any, list_id: str) -> str | None:
        """The bare value of ``uri`` if it is a code URI of ``list_id`` (existence not checked)."""
        return code_value(uri, list_id)

    def code_uri(self, list_id: str, value: str) -> str:
        """The full URI of a code."""
        return f"{CODELIST_BASE}rytj/{list_id}/code/{value}"

    # -- the document -----------------------------------------------------------------------
    @functools.cached_property
    def scan(self) -> Scan:
        """The single pass over the document tree with every active field rule."""
        return run_scan(self.doc, self.field_rules, self)

    @functools.cached_property
    def matter(self) -> PlanMatterUpdate | None:
        """The plan matter, when the document is one."""
        return self.doc if isinstance(self.doc, PlanMatterUpdate) else None

    @functools.cached_property
    def phases(self) -> list[tuple[str, PlanMatterPhase]]:
        """``(path, phase)`` of every phase in the document."""
        doc = self.doc
        if isinstance(doc, PlanMatterPhase):
            return [("$", doc)]
        if isinstance(doc, PlanMatterCreate) and isinstance(doc.plan_matter_phases, list):
            return [
                (f"$.planMatterPhases[{i}]", p)
                for i, p in enumerate(doc.plan_matter_phases)
                if isinstance(p, PlanMatterPhase)
            ]
        return []

    @functools.cached_property
    def plans(self) -> list[PlanContext]:
        """One :class:`PlanContext` per plan in the document."""
        doc = self.doc
        if isinstance(doc, Plan):
            return [PlanContext(self, doc, "$", None)]
        out: list[PlanContext] = []
        decisions: list[tuple[str, PlanDecision, PlanMatterPhase | None]] = []
        if isinstance(doc, PlanDecision):
            decisions.append(("$", doc, None))
        for path, phase in self.phases:
            if isinstance(phase.plan_decision, PlanDecision):
                decisions.append((f"{path}.planDecision", phase.plan_decision, phase))
        for path, decision, owner in decisions:
            if isinstance(decision.plans, list):
                for i, plan in enumerate(decision.plans):
                    if isinstance(plan, Plan):
                        out.append(PlanContext(self, plan, f"{path}.plans[{i}]", owner))
        return out

    @property
    def srid(self) -> str | None:
        """The srid findings' geometries are in: the first plan's, else the first geometry's."""
        for pc in self.plans:
            if pc.srid:
                return pc.srid
        for node in self.scan.geometries:
            if isinstance(node.geom.srid, str):
                return node.geom.srid
        return None

    # -- geometry ---------------------------------------------------------------------------
    @functools.cached_property
    def shapes(self) -> np.ndarray:
        """A shapely geometry per :attr:`Scan.geometries` node (``None`` if unbuildable).

        Built in bulk by ``ryhti.model.geometry.to_shapely`` (one vectorised call per
        geometry type; only JSON numbers count as coordinates).
        """
        from ryhti.model.geometry import to_shapely

        return to_shapely([node.geom for node in self.scan.geometries])

    @functools.cached_property
    def shape_valid(self) -> np.ndarray:
        """Per :attr:`shapes` entry: built, OGC-valid and not empty (computed once; G008
        reports the others, and every other geometry rule skips or repairs them)."""
        import shapely

        shapes = self.shapes
        out = np.zeros(len(shapes), dtype=bool)
        built = np.flatnonzero(np.array([s is not None for s in shapes], dtype=bool))
        if len(built):
            sub = shapes[built].astype(object)
            out[built] = shapely.is_valid(sub) & ~shapely.is_empty(sub)
        return out

    def shape_index(self, geom: RyhtiGeometry) -> int | None:
        """Position of a RyhtiGeometry of this document in :attr:`shapes`, if it is one."""
        index = self._shape_index
        if index is None:
            index = {id(node.geom): i for i, node in enumerate(self.scan.geometries)}
            self._shape_index = index
        return index.get(id(geom))

    def shape_of(self, geom: RyhtiGeometry) -> Any:
        """The shapely geometry of a RyhtiGeometry of this document (built in bulk once)."""
        i = self.shape_index(geom)
        if i is None:
            return geom.to_shapely()
        return self.shapes[i]

    @functools.cached_property
    def object_count(self) -> int:
        """Plan objects in the document (for statistics)."""
        return sum(len(pc.objects) for pc in self.plans)


def iter_models(value: Any) -> Iterator[Model]:
    """Models in a field value: the value itself, or the models of a list."""
    if isinstance(value, Model):
        yield value
    elif type(value) is list:
        for item in value:
            if isinstance(item, Model):
                yield item


def date_of(value: Any) -> _dt.date | None:
    """A ``YYYY-MM-DD`` string as a date; ``None`` if it is not one."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None
