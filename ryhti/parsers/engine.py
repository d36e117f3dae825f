"""The mapping engine: any :class:`Source` + a :class:`Mapping` → plan + report.

One pass per mapped layer:

1. geometry: transform to the plan's srid and repair in bulk (:mod:`.geometry`);
2. per feature, read the mapped attributes into a *signature* (letter code, meaning,
   texts, typed values …). Each quantity (block number, floor area …) gets a group of
   its own, shared by every feature with that value (Syke allows one quantity per
   group); the rest is the main-use group, shared by every feature whose signature
   differs only in quantities, so a plan of 100,000 numbered blocks of ten kinds has
   ten main groups;
3. each distinct signature is interpreted once (:mod:`.interpret`), Swedish texts
   joined to the verbal regulations they translate;
4. every feature, attribute and text entry gets its fate in the report.

Keys are uuid5: the plan namespace is uuid5 over the project namespace and the plan
identity (``--plan-id``, mapping ``plan.id``, the source's own plan id such as the
KuntaGML ``kaavatunnus``, the id of the single plan-boundary feature, else the source
file name); objects are keyed by layer
and source id, groups by what they hold, regulations by group and position. The same
source converted twice therefore gives the same keys, and so does a re-run after the
source moved to another folder.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ryhti.errors import InputError
from ryhti.findings import Finding, Severity
from ryhti.io import gc_paused
from ryhti.model import (
    AdditionalInformation,
    GeneralRegulationGroup,
    GeoJsonGeometry,
    LanguageString,
    PlanRegulation,
    RyhtiGeometry,
    ValidatePlan,
    value_from_json,
)
from ryhti.parsers.canonical import dumps_default_str, dumps_sorted
from ryhti.parsers.crs import choose_srid, epsg_of, parse_crs, reproject
from ryhti.parsers.geometry import prepare, to_geojson_list
from ryhti.parsers.interpret import (
    Interpreter,
    RegSpec,
    is_empty,
    parse_value,
    verbal,
    verbal_swedish,
    with_swedish,
)
from ryhti.parsers.mapping import LayerMapping, Mapping
from ryhti.parsers.rules import finding
from ryhti.parsers.source import Layer, Source, TextEntry

__all__ = ["NAMESPACE", "ConversionResult", "Options", "run"]

#: Root namespace of every key the converter makes.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/ryhti/ryhti/parsers")

REPORT_VERSION = 1

_LIFECYCLE = "kaavaelinkaari"
_REG_LIST = "RY_Kaavamaarayslaji"
_INFO_LIST = "RY_Kaavamaarayksen_Lisatiedonlaji"
_VERBAL_LIST = "RY_Sanallisen_Kaavamaarayksen_Laji"
_UNDERGROUND = "RY_MaanalaisuudenLaji"

_NUMERIC_TYPES = {
    "Numeric",
    "PositiveNumeric",
    "NumericRange",
    "PositiveNumericRange",
    "Decimal",
    "PositiveDecimal",
    "DecimalRange",
    "PositiveDecimalRange",
    "SpotElevation",
}

_TRUE = {"1", "true", "t", "kyllä", "k", "yes", "y", "ja", "maanalainen", "01"}


@dataclass
class Options:
    """Conversion options (the CLI's flags)."""

    plan_type: str | None = None
    srid: str | None = None
    strict: bool = False
    lifecycle: str | None = None
    snap: float | None = None
    source_crs: str | None = None
    use_extractor: bool = True
    plan_id: str | None = None


class ConversionResult:
    """The plan, the conversion report (JSON-ready) and the findings.

    The engine builds the plan as JSON (dict literals are ten times cheaper than
    model objects dumped back, which matters at 100,000 objects); :attr:`plan` is the
    typed model, loaded from that JSON on first use (loading is lossless).
    """

    def __init__(
        self,
        plan: ValidatePlan | None = None,
        report: dict[str, Any] | None = None,
        findings: list[Finding] | None = None,
        *,
        data: dict[str, Any] | None = None,
    ) -> None:
        if plan is None and data is None:
            raise ValueError("a ConversionResult needs a plan or its JSON")
        self._plan = plan
        self._data = data
        self.report: dict[str, Any] = report or {}
        self.findings: list[Finding] = findings or []

    @property
    def plan(self) -> ValidatePlan:
        if self._plan is None:
            assert self._data is not None
            self._plan = ValidatePlan.from_json(self._data)
        return self._plan

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def plan_json(self) -> dict[str, Any]:
        """The plan as JSON (the built JSON itself when the model was not touched)."""
        if self._data is not None and self._plan is None:
            return self._data
        return self.plan.to_json()


@dataclass
class _Group:
    key: str
    signature: str
    letter: str | None
    title_fin: str
    title_swe: str | None
    regs: list[RegSpec]
    texts: list[str] = field(default_factory=list)
    objects: int = 0
    layer: str = ""


@dataclass(eq=False)
class _Facts:
    """What the engine asks of one regulation spec, worked out once."""

    spec: RegSpec
    sig: tuple[Any, ...]
    quantity: bool
    #: CV011/CV018/CV012 (rule, message) that every group holding it repeats
    notes: list[tuple[str, str]]
    #: key of the quantity group holding it (quantities, on first use)
    qkey: str | None = None
    #: its PlanRegulation JSON without the key, and its entry in the report (on first use)
    template: dict[str, Any] | None = None
    report: dict[str, Any] | None = None
    #: keys of the groups whose findings already carry its notes
    noted_in: set[str] = field(default_factory=set)


@dataclass(eq=False)
class _Main:
    """The main-use group of every signature that differs only in quantity values: its key
    and the regulations beside the quantities; the group itself is made when a feature
    first needs it (a feature with quantities only needs none)."""

    key: str
    signature: str
    others: list[RegSpec]
    group: _Group | None = None


@dataclass(eq=False)
class _Base:
    """What a letter code, meaning, texts and links stand for, without attribute values:
    the merged regulations and titles, and the decisions and findings each signature
    built on it repeats at its own place."""

    regs: list[RegSpec]
    seen: set[tuple[Any, ...]]
    title_fin: str
    title_swe: str | None
    used_texts: list[str]
    decisions: list[tuple[str, str]]
    findings: list[tuple[str, str]]
    _leftover: RegSpec | None = None

    def leftover(self, letter: str | None, layer: str) -> RegSpec:
        """The verbal regulation kept when nothing else was found."""
        if self._leftover is None:
            what = f"letter code {letter!r}" if letter else f"layer {layer!r}"
            spec = verbal(letter or layer, f"{what} has no regulation content; kept as verbal text")
            spec.origin = "leftover"
            self._leftover = spec
        return self._leftover


class _Run:
    def __init__(self, source: Source, mapping: Mapping, legend: list[TextEntry], opts: Options):
        from ryhti.codelists import plan_level, registry

        self.source = source
        self.mapping = mapping
        self.opts = opts
        self.findings: list[Finding] = []
        self.reg = registry()
        self.file = Path(source.path).name if "://" not in source.path else source.path
        plan_type = str(
            opts.plan_type or source.plan.get("plan_type") or mapping.plan.get("plan_type") or "31"
        )
        self.plan_type_code = self._plan_type_code(plan_type)
        self.plan_level = plan_level(self.plan_type_code, self.reg)
        self.lifecycle = str(opts.lifecycle or mapping.plan.get("lifecycle") or "04")
        if self.lifecycle not in self.reg[_LIFECYCLE]:
            raise InputError(
                f"lifecycle {self.lifecycle!r} is not a kaavaelinkaari code",
                hint="01 … 17, e.g. 04 (kaavaehdotus) or 06 (hyväksytty kaava)",
            )
        self.lifecycle_uri = self.reg.code_uri(_LIFECYCLE, self.lifecycle)
        plan_id = (
            opts.plan_id
            or mapping.plan.get("id")
            or source.plan.get("id")
            or _boundary_id(source, mapping)
        )
        if not plan_id:
            plan_id = Path(source.path).name if "://" not in source.path else source.path
        self.plan_id = str(plan_id)
        self.ns = uuid.uuid5(NAMESPACE, self.plan_id)
        self.ns_bytes = self.ns.bytes
        self.interp = Interpreter(self.plan_level, use_extractor=opts.use_extractor)
        self.legend = legend
        self.by_sign: dict[str, list[TextEntry]] = {}
        for entry in legend:
            if entry.sign and not entry.general:
                self.by_sign.setdefault(entry.sign, []).append(entry)
        self.text_by_id = {t.id: t for t in [*source.texts, *legend]}
        self.used_texts: dict[str, set[str]] = {}
        #: signature of a feature → the groups its objects relate to (main use + quantities)
        self.groups: dict[tuple[Any, ...], list[_Group]] = {}
        #: every distinct group by key, in order of first use (quantity groups are shared)
        self.group_by_key: dict[str, _Group] = {}
        #: letter code, meaning, texts and links of a layer → their interpretation
        self.bases: dict[tuple[Any, ...], _Base] = {}
        #: a signature without its quantity values → its main-use group
        self.mains: dict[tuple[Any, ...], _Main] = {}
        #: (code, type, repr) of an attribute value → its regulation and CV006 message
        self.value_specs: dict[tuple[Any, ...], tuple[RegSpec, str | None]] = {}
        #: (id of a value's spec, its Swedish) → the spec with the Swedish added
        self.swedish_specs: dict[tuple[int, Any], RegSpec] = {}
        #: id of a spec → its facts (which keep the spec alive, so ids stay unique)
        self.spec_facts: dict[int, _Facts] = {}
        self.titles: dict[tuple[str, str | None], dict[str, Any]] = {}
        self.area_objects: list[tuple[str, Any]] = []
        self.subarea_objects: list[tuple[int, Any]] = []
        self.objects: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.feature_reports: list[dict[str, Any]] = []
        self.layer_reports: list[dict[str, Any]] = []
        self.boundary_parts: list[Any] = []
        self.area_parts: list[Any] = []
        self.all_parts: list[Any] = []
        self.decisions: list[dict[str, Any]] = []
        self.reprojections: list[dict[str, Any]] = []
        snap = opts.snap if opts.snap is not None else mapping.geometry.get("snap", 0.0)
        self.snap = float(snap or 0.0)
        source_crs = opts.source_crs or mapping.geometry.get("source_crs")
        self.source_crs = parse_crs(source_crs) if source_crs else None
        self.srid = self._choose_srid()

    # -- setup --------------------------------------------------------------------------
    def _plan_type_code(self, value: str) -> str:
        kinds = self.reg["RY_Kaavalaji"]
        if value in kinds:
            return value
        by_name = {"asemakaava": "31", "yleiskaava": "21", "maakuntakaava": "11"}
        if value.casefold() in by_name:
            return by_name[value.casefold()]
        raise InputError(
            f"plan type {value!r} is not an RY_Kaavalaji code",
            hint="e.g. 31 (asemakaava), 33 (ranta-asemakaava), 21 (yleiskaava)",
        )

    def _layer_crs(self, layer: Layer) -> Any:
        return self.source_crs or layer.crs or self.source.crs

    def _choose_srid(self) -> str:
        crs = None
        for layer in self.source.layers:
            if self.mapping.for_layer(layer.name) is None:
                continue
            crs = self._layer_crs(layer)
            if crs is not None:
                break
        requested = self.opts.srid or self.mapping.plan.get("srid")
        return choose_srid(crs, requested)

    def key(self, *parts: Any) -> str:
        return uuid5_str(self.ns_bytes, ":".join(map(str, parts)))

    def note(self, f: Finding) -> None:
        if self.opts.strict and f.severity is Severity.WARNING:
            f.severity = Severity.ERROR
        self.findings.append(f)

    # -- layers -------------------------------------------------------------------------
    def run(self) -> ConversionResult:
        # Layers go in the mapping's order (text layers first, so features can use their
        # signs), whatever order the source lists them in: a GeoPackage and the same
        # tables in PostGIS give the same plan.
        entries = sorted(
            enumerate(self.mapping.layers), key=lambda item: (item[1].role != "texts", item[0])
        )
        order = {id(entry): rank for rank, (_, entry) in enumerate(entries)}
        placed = []
        for position, layer in enumerate(self.source.layers):
            entry = self.mapping.for_layer(layer.name)
            rank = order[id(entry)] if entry is not None else len(order)
            placed.append((rank, position, layer, entry))
        placed.sort(key=lambda item: (item[0], item[1]))
        mapped_any = False
        for _, _, layer, entry in placed:
            if entry is None:
                self._unmapped_layer(layer)
                continue
            mapped_any = True
            self._layer(layer, entry)
        for item in self.source.unrepresentable:
            self.note(
                finding(
                    "CV013",
                    f"{item.get('what') or item.get('layer')}: {item['reason']}",
                    file=item.get("file", self.file),
                    layer=item.get("layer"),
                    fid=item.get("fid"),
                    line=item.get("line"),
                    severity=Severity.INFO if item.get("cartographic", True) else None,
                )
            )
        if self.source.plan.get("arc_linearisation"):
            self._decision(
                {"file": self.file},
                "arcs",
                f"linearised while reading: {self.source.plan['arc_linearisation']}",
            )
        if not mapped_any:
            raise InputError(
                "the mapping names none of the source's layers",
                source=self.source.path,
                hint=f"layers: {', '.join(layer.name for layer in self.source.layers) or 'none'}",
            )
        if not self.objects:
            raise InputError(
                "the source holds no plan features: nothing to convert",
                source=self.source.path,
                hint="draw the plan into the layers first (an untouched `ryhti init` "
                "template is empty)",
            )
        self._relate_subareas()
        general = self._general()
        self._unlinked_texts()
        boundary = self._boundary()
        plan = ValidatePlan(
            plan_key=self.key("plan"),
            life_cycle_status=self.lifecycle_uri,
            geographical_area=boundary,
            plan_objects=[],
            plan_regulation_groups=[],
            plan_regulation_group_relations=[],
        )
        description = self.mapping.plan.get("description") or self.source.plan.get("description")
        if description:
            plan.plan_description = str(description)
        if general is not None:
            plan.general_regulation_groups = [general]
        scale = self.mapping.plan.get("scale") or self.source.plan.get("scale")
        if scale:
            plan.scale = int(scale)
        if self.interp.extractor_error:
            self.note(
                finding(
                    "CV017",
                    f"the extractor could not be loaded ({self.interp.extractor_error}); "
                    "texts were kept verbatim",
                    file=self.file,
                )
            )
        self.findings.sort(key=lambda f: (f.severity.rank, f.rule, str(f.location)))
        data = plan.to_json()
        data["planObjects"] = self.objects
        data["planRegulationGroups"] = [self._group_json(g) for g in self.group_by_key.values()]
        data["planRegulationGroupRelations"] = self.relations
        return ConversionResult(report=self._report(plan), findings=self.findings, data=data)

    def _unmapped_layer(self, layer: Layer) -> None:
        count = len(layer)
        self.layer_reports.append(
            {"layer": layer.name, "features": count, "role": None, "fate": "unmapped"}
        )
        for i, fid in enumerate(layer.fids):
            self.feature_reports.append(
                {
                    "layer": layer.name,
                    "fid": fid,
                    "fate": "unmapped",
                    "reason": "the mapping names no role for this layer",
                    **self._line(layer, i),
                }
            )
        self.note(
            finding(
                "CV002",
                f"layer {layer.name!r} ({count} features) is not in the mapping",
                file=self.file,
                layer=layer.name,
                severity=Severity.INFO if count == 0 else None,
            )
        )

    @staticmethod
    def _line(layer: Layer, i: int) -> dict[str, Any]:
        if layer.lines is not None and layer.lines[i] is not None:
            return {"line": layer.lines[i]}
        return {}

    def _attribute_table(self, layer: Layer, entry: LayerMapping) -> dict[str, Any]:
        roles = entry.attribute_roles()
        table: dict[str, Any] = {}
        columns = list(layer.attributes.columns)
        lenient = self.mapping.origin.startswith("preset:")
        for attr, role in roles.items():
            if attr not in columns and role != "ignore" and not lenient:
                raise InputError(
                    f"the mapping names attribute {attr!r}, which layer {layer.name!r} lacks",
                    source=self.mapping.file or self.mapping.name,
                    hint=f"attributes: {', '.join(map(str, columns)) or 'none'}",
                )
        for column in columns:
            role = roles.get(column)
            series = layer.attributes[column]
            empty = _empty_mask(series)
            filled = int((~empty).sum()) if len(series) else 0
            if role == "ignore":
                table[column] = {"to": None, "ignored": entry.ignore[column], "filled": filled}
            elif role is not None:
                table[column] = {"to": role, "filled": filled}
            elif entry.role == "ignore":
                table[column] = {"to": None, "ignored": "layer ignored", "filled": filled}
            else:
                table[column] = {"to": None, "unmapped": True, "filled": filled}
                if filled:
                    examples = [str(v) for v in series[~empty].head(3).tolist()]
                    self.note(
                        finding(
                            "CV001",
                            f"attribute {column!r} of layer {layer.name!r} is not mapped; "
                            f"{filled} features carry a value (e.g. {', '.join(examples)})",
                            file=self.file,
                            layer=layer.name,
                            data={"attribute": column, "filled": filled},
                        )
                    )
        for column, why in layer.derived.items():
            table.setdefault(column, {}).setdefault("derived", why)
        return table

    def _layer(self, layer: Layer, entry: LayerMapping) -> None:
        table = self._attribute_table(layer, entry)
        self.layer_reports.append(
            {
                "layer": layer.name,
                "features": len(layer),
                "role": entry.role,
                "crs": epsg_of(self._layer_crs(layer)),
                "geometryType": layer.geometry_type,
                "attributes": table,
                **({"reason": entry.reason} if entry.reason else {}),
            }
        )
        if len(layer) == 0:
            self.note(
                finding(
                    "CV015",
                    f"layer {layer.name!r} ({entry.role}) has no features",
                    file=self.file,
                    layer=layer.name,
                    severity=Severity.INFO,
                )
            )
            return
        if entry.role == "ignore":
            for i, fid in enumerate(layer.fids):
                self.feature_reports.append(
                    {
                        "layer": layer.name,
                        "fid": fid,
                        "fate": "ignored",
                        "reason": entry.reason or "the mapping ignores this layer",
                        **self._line(layer, i),
                    }
                )
            return
        if entry.role == "texts":
            self._texts_layer(layer, entry)
            return
        geoms, notes, unusable = self._geometry(layer)
        if entry.role == "boundary":
            for i, fid in enumerate(layer.fids):
                rep: dict[str, Any] = {"layer": layer.name, "fid": fid, **self._line(layer, i)}
                if geoms[i] is None:
                    rep.update(fate="dropped", reason=unusable.get(i, "no geometry"))
                    self._dropped(layer, i, rep["reason"])
                else:
                    rep["fate"] = "planBoundary"
                    self.boundary_parts.append(geoms[i])
                self._repairs(layer, i, notes, rep, None)
                self.feature_reports.append(rep)
            return
        self._features(layer, entry, geoms, notes, unusable)

    def _geometry(self, layer: Layer) -> tuple[np.ndarray, dict[int, list[str]], dict[int, str]]:
        geoms = layer.geometry
        has = np.array([g is not None for g in geoms], dtype=bool)
        if has.any():
            crs = self._layer_crs(layer)
            if crs is None:
                raise InputError(
                    f"layer {layer.name!r} has no coordinate system",
                    source=self.source.path,
                    hint="give it with --source-crs EPSG:3879 (or the right code)",
                )
            geoms, rep = reproject(geoms, crs, self.srid)
            if rep is not None:
                info = {"layer": layer.name, **rep.to_json()}
                self.reprojections.append(info)
                acc = f", accuracy {rep.accuracy} m" if rep.accuracy else ""
                self.note(
                    finding(
                        "CV007",
                        f"layer {layer.name!r} transformed from EPSG:{rep.source} to "
                        f"EPSG:{rep.target} ({rep.description}{acc})",
                        file=self.file,
                        layer=layer.name,
                    )
                )
        prepared, notes, unusable = prepare(geoms, snap=self.snap)
        for i, texts in layer.notes.items():
            notes.setdefault(i, [])[:0] = texts
        return prepared, notes, unusable

    def _repairs(
        self,
        layer: Layer,
        i: int,
        notes: dict[int, list[str]],
        rep: dict[str, Any],
        key: str | None,
    ) -> None:
        texts = notes.get(i)
        if not texts:
            return
        rep["repairs"] = texts
        for text in texts:
            rule = "CV016" if text.startswith("arc") or "arc" in text.split(" ")[:2] else "CV004"
            self.note(
                finding(
                    rule,
                    f"feature {layer.fids[i]} of layer {layer.name!r}: {text}",
                    file=self.file,
                    layer=layer.name,
                    fid=layer.fids[i],
                    object_key=key,
                    **self._line(layer, i),
                )
            )

    def _dropped(self, layer: Layer, i: int, reason: str) -> None:
        self.note(
            finding(
                "CV005",
                f"feature {layer.fids[i]} of layer {layer.name!r} left out: {reason}",
                file=self.file,
                layer=layer.name,
                fid=layer.fids[i],
                **self._line(layer, i),
            )
        )

    # -- features -----------------------------------------------------------------------
    def _features(
        self,
        layer: Layer,
        entry: LayerMapping,
        geoms: np.ndarray,
        notes: dict[int, list[str]],
        unusable: dict[int, str],
    ) -> None:
        attrs = layer.attributes
        n = len(layer)

        def column(name: str | None) -> list[Any]:
            if name is None:
                return [None] * n
            if "|" in name:  # alternatives: the first non-empty value wins
                cols = [column(part) for part in name.split("|")]
                return [next((c[i] for c in cols if c[i] is not None), None) for i in range(n)]
            if name not in attrs.columns:
                return [None] * n
            return _clean(attrs[name])

        f = entry.fields
        ids = column(f.get("id"))
        letters = column(f.get("letter_code"))
        meanings = column(f.get("meaning"))
        texts = column(f.get("text"))
        texts_swe = column(f.get("text_swe"))
        names = column(f.get("name"))
        names_swe = column(f.get("name_swe"))
        descriptions = column(f.get("description"))
        numbers = column(f.get("number"))
        undergrounds = column(f.get("underground"))
        group_names = column(f.get("group"))
        links = column(f.get("links"))
        keys_kept = column(f.get("key"))
        value_cols = {code: column(attr) for code, attr in entry.values.items()}
        swe_cols = {code: column(attr) for code, attr in entry.values_swe.items()}
        geojson = to_geojson_list(geoms)
        underground_uri = {
            True: self.reg.code_uri(_UNDERGROUND, "01"),
            False: self.reg.code_uri(_UNDERGROUND, "02"),
        }

        # per-feature work hoisted out of the loop (the loop runs once per feature):
        # text columns stripped column-wise, source lines and bound methods looked up once
        def stripped(col: list[Any]) -> list[Any]:
            return [None if v is None else str(v).strip() for v in col]

        def plain(col: list[Any]) -> list[Any]:
            return [None if v is None else str(v) for v in col]

        letters_s = stripped(letters)
        meanings_s = stripped(meanings)
        texts_s = stripped(texts)
        texts_swe_s = stripped(texts_swe)
        group_names_s = plain(group_names)
        names_s = plain(names)
        names_swe_s = plain(names_swe)
        fids = layer.fids
        lines = layer.lines
        layer_name = layer.name
        object_prefix = f"object:{layer_name}:"
        ns_bytes = self.ns_bytes
        role = entry.role
        letter_default = entry.letter_code_default
        value_items = list(value_cols.items())
        groups_get = self.groups.get
        objects_append = self.objects.append
        relations_append = self.relations.append
        reports_append = self.feature_reports.append
        all_parts_append = self.all_parts.append
        lifecycle_uri = self.lifecycle_uri
        srid = self.srid
        seen_ids: set[str] = set()
        for i in range(n):
            fid = fids[i]
            source_id = fid if ids[i] is None else str(ids[i])
            if source_id in seen_ids:
                self.note(
                    finding(
                        "CV014",
                        f"source id {source_id!r} repeats in layer {layer.name!r}; the key of "
                        f"feature {fid} is made from the id and the feature id",
                        file=self.file,
                        layer=layer.name,
                        fid=fid,
                        severity=Severity.WARNING,
                    )
                )
                source_id = f"{source_id}#{fid}"
            seen_ids.add(source_id)
            rep: dict[str, Any] = {"layer": layer_name, "fid": fid}
            if lines is not None and lines[i] is not None:
                rep["line"] = lines[i]
            if source_id != fid:
                rep["sourceId"] = source_id
            if geojson[i] is None:
                rep.update(fate="dropped", reason=unusable.get(i, "no geometry"))
                self._dropped(layer, i, rep["reason"])
                self._repairs(layer, i, notes, rep, None)
                reports_append(rep)
                continue
            letter = letters_s[i]
            if letter is None and letter_default:
                letter = letter_default
            values: list[tuple[str, Any]] = []
            for code, col in value_items:
                if col[i] is not None:
                    values.append((code, col[i]))
            value_sigs = [(c, _plain(v)) for c, v in values] if values else []
            if swe_cols:  # the Swedish of a value rides in its signature entry: (code, fi, sv)
                for n, (code, _) in enumerate(values):
                    swe_col = swe_cols.get(code)
                    if swe_col is not None and swe_col[i] is not None:
                        value_sigs[n] = (code, value_sigs[n][1], _plain(swe_col[i]))
            link_ids = _as_list(links[i])
            signature = (
                role,
                letter,
                meanings_s[i],
                texts_s[i],
                texts_swe_s[i],
                group_names_s[i],
                tuple(value_sigs),
                tuple(link_ids),
            )
            bundle = groups_get(signature)
            if bundle is None:
                bundle = self._make_group(
                    signature,
                    layer,
                    entry,
                    i,
                    letter,
                    meanings[i],
                    texts[i],
                    texts_swe[i],
                    group_names[i],
                    values,
                    link_ids,
                )
            for group in bundle:
                group.objects += 1
            if keys_kept[i] is not None:
                obj_key = str(keys_kept[i])
            else:
                obj_key = uuid5_str(ns_bytes, object_prefix + str(source_id))
            u = undergrounds[i]
            underground = False if u is None else _truthy(u)
            # key order is the model's field order (PlanObject.to_json gives the same)
            obj: dict[str, Any] = {
                "planObjectKey": obj_key,
                "lifeCycleStatus": lifecycle_uri,
                "undergroundStatus": underground_uri[underground],
                "geometry": {"srid": srid, "geometry": geojson[i]},
            }
            name_fin = names_s[i]
            name_swe = names_swe_s[i]
            if name_fin or name_swe:
                obj["name"] = LanguageString.of(fin=name_fin, swe=name_swe).to_json()
            if descriptions[i] is not None:
                obj["description"] = {"fin": str(descriptions[i])}
            if numbers[i] is not None:
                try:
                    obj["objectNumber"] = int(float(str(numbers[i]).replace(",", ".")))
                except ValueError:
                    self.note(
                        finding(
                            "CV006",
                            f"object number {numbers[i]!r} is not a whole number",
                            file=self.file,
                            layer=layer.name,
                            fid=fid,
                        )
                    )
            objects_append(obj)
            for group in bundle:
                relations_append({"planObjectKey": obj_key, "planRegulationGroupKey": group.key})
            geom = geoms[i]
            all_parts_append(geom)
            if role == "area":
                self.area_parts.append(geom)
                self.area_objects.append((obj_key, geom))
            elif role == "subarea":
                self.subarea_objects.append((len(self.objects) - 1, geom))
            rep.update(
                fate="planObject",
                planObjectKey=obj_key,
                planRegulationGroupKeys=[g.key for g in bundle],
            )
            if i in notes:
                self._repairs(layer, i, notes, rep, obj_key)
            reports_append(rep)

    def _make_group(
        self,
        signature: tuple[Any, ...],
        layer: Layer,
        entry: LayerMapping,
        i: int,
        letter: str | None,
        meaning: Any,
        text: Any,
        text_swe: Any,
        group_name: Any,
        values: list[tuple[str, Any]],
        link_ids: list[str],
    ) -> list[_Group]:
        """The groups of a signature not seen before.

        Syke allows one quantity regulation per group, so a signature's regulations split
        into a main group (land use, verbal regulations, values that are not quantities)
        and one group per quantity, shared by every object with that quantity. Signatures
        that differ only in their quantities (block numbers, floor areas …) share the main
        group too: a plan of 100,000 numbered AK blocks has one AK group, not 100,000 copies.

        What the letter code, meaning, texts and links stand for is worked out once per
        combination (a :class:`_Base`); each distinct attribute value is read once.
        """
        role, letter_, meaning_, text_, swe_, group_, vals, links_ = signature
        where = {"file": self.file, "layer": layer.name, "fid": layer.fids[i]}
        base_key = (id(entry), layer.name, role, letter_, meaning_, text_, swe_, group_, links_)
        base = self.bases.get(base_key)
        if base is None:
            base = self._base(
                layer, entry, where, letter, meaning, text, text_swe, group_name, link_ids
            )
            self.bases[base_key] = base
        facts_get = self.spec_facts.get  # cache hits inline: this runs per signature
        regs = base.regs
        plain_values: list[tuple[Any, ...]] = []  # the values that are not quantities
        if values:
            regs = list(regs)
            seen = set(base.seen)
            for (code, raw), plain in zip(values, vals, strict=True):
                spec, problem = self._value(code, raw)
                if problem is not None:
                    self.note(finding("CV006", problem, **where))
                if len(plain) == 3:  # (code, value, its Swedish)
                    spec = self._value_swedish(spec, code, plain[2], where)
                facts = facts_get(id(spec)) or self._facts(spec)
                if not facts.quantity:
                    plain_values.append(plain)
                # a value always has a value: it is never folded into an earlier spec
                if facts.sig not in seen:
                    seen.add(facts.sig)
                    regs.append(spec)
        all_facts = [facts_get(id(r)) or self._facts(r) for r in regs]
        quantities = [f for f in all_facts if f.quantity]
        main_signature = (role, letter_, meaning_, text_, swe_, group_, tuple(plain_values), links_)
        main = self.mains.get(main_signature)
        if main is None:
            main = self._main(main_signature, base, all_facts, where)
        bundle: list[_Group] = []
        if main.others or not quantities:
            if main.group is None:
                if letter is None:
                    letter = self._letter_from_main_use(main.others, where)
                main.group = _Group(
                    key=main.key,
                    signature=main.signature,
                    letter=letter,
                    title_fin=base.title_fin,
                    title_swe=base.title_swe,
                    regs=main.others or [base.leftover(letter, layer.name)],
                    texts=list(base.used_texts),
                    layer=layer.name,
                )
                self.group_by_key.setdefault(main.key, main.group)
            bundle.append(main.group)
        for facts in quantities:
            spec = facts.spec
            if facts.qkey is None:
                facts.qkey = self.key(
                    "group",
                    "quantity",
                    dumps_sorted([spec.type, spec.value, spec.additional]),
                )
            qgroup = self.group_by_key.get(facts.qkey)
            if qgroup is None:
                code = self.reg[_REG_LIST].get(spec.type)
                qgroup = _Group(
                    key=facts.qkey,
                    signature="quantity",
                    letter=None,
                    title_fin=(code.label("fi") if code else None) or spec.type,
                    title_swe=code.label("sv") if code else None,
                    regs=[spec],
                    layer=layer.name,
                )
                self.group_by_key[facts.qkey] = qgroup
            self._spec_notes(facts, qgroup.key, where)
            bundle.append(qgroup)
        used_texts = base.used_texts
        if not bundle[0].texts and used_texts:
            bundle[0].texts = list(used_texts)
        for tid in used_texts:
            self.used_texts.setdefault(tid, set()).add(bundle[0].key)
        self.groups[signature] = bundle
        return bundle

    def _main(
        self,
        main_signature: tuple[Any, ...],
        base: _Base,
        all_facts: list[_Facts],
        where: dict[str, Any],
    ) -> _Main:
        """The main-use part of a signature without its quantities, keyed by what it holds
        (a signature without quantity values keeps the key it always had); the decisions
        and findings of its interpretation are placed once, at its first feature."""
        role, letter_, meaning_, text_, swe_, group_, plain_values, links_ = main_signature
        signature_text = dumps_default_str(
            [
                role,
                letter_,
                meaning_,
                text_,
                swe_,
                group_,
                [list(p) for p in plain_values],
                list(links_),
            ]
        )
        key = self.key("group", signature_text)
        self._place(base.decisions, base.findings, where, key)
        others = [f.spec for f in all_facts if not f.quantity]
        for facts in all_facts:
            if not facts.quantity:
                self._spec_notes(facts, key, where)
        main = _Main(key=key, signature=signature_text, others=others)
        self.mains[main_signature] = main
        return main

    def _place(
        self,
        decisions: list[tuple[str, str]],
        findings: list[tuple[str, str]],
        where: dict[str, Any],
        group_key: str,
    ) -> None:
        """Record the decisions and findings an interpretation collected (as what/how and
        rule/message), at the place ``where`` and for the group ``group_key``."""
        for what, how in decisions:
            self._decision(where, what, how)
        for rule, message in findings:
            self.note(finding(rule, message, object_key=group_key, **where))

    def _spec_notes(self, facts: _Facts, group_key: str, where: dict[str, Any]) -> None:
        """A regulation's own findings (CV011/CV018/CV012), once for each group holding it."""
        if facts.notes and group_key not in facts.noted_in:
            facts.noted_in.add(group_key)
            for rule, message in facts.notes:
                self.note(finding(rule, message, object_key=group_key, **where))

    def _base(
        self,
        layer: Layer,
        entry: LayerMapping,
        where: dict[str, Any],
        letter: str | None,
        meaning: Any,
        text: Any,
        text_swe: Any,
        group_name: Any,
        link_ids: list[str],
    ) -> _Base:
        """Interpret a letter code, meaning, texts and links (once per combination),
        recording the decisions and findings to repeat for each signature using it."""
        regs: list[RegSpec] = []
        title_fin: str | None = None
        title_swe: str | None = None
        used_texts: list[str] = []
        decisions: list[tuple[str, str]] = []
        findings: list[tuple[str, str]] = []
        for code in entry.regulations:
            regs.append(
                RegSpec(type=code, origin="mapping", evidence=f"layer {layer.name!r} → {code}")
            )
            title_fin = title_fin or self._label(_REG_LIST, code)
        has_text = not is_empty(text) or not is_empty(meaning) or bool(link_ids) or bool(regs)
        if letter:
            regs_l, t_fin, t_swe = self._letter(letter, entry, decisions, findings, has_text)
            regs.extend(regs_l)
            title_fin, title_swe = t_fin, t_swe
            for legend_entry in self.by_sign.get(letter, []):
                title_fin = _title(legend_entry) or title_fin
                if legend_entry.swe:
                    title_swe = _first_sentence(legend_entry.swe)
                regs.extend(
                    self._text_regs(
                        legend_entry.text, letter, legend_entry.swe, decisions, findings
                    )
                )
                used_texts.append(legend_entry.id)
        if not is_empty(meaning):
            meaning_text = str(meaning).strip()
            found = self.interp.meaning(meaning_text, entry.role)
            if found is not None:
                regs.extend(found.regulations)
                title_fin = title_fin or meaning_text
                title_swe = title_swe or found.title_swe
                decisions.append((f"meaning {meaning_text!r}", found.evidence))
            else:
                extracted = self.interp.text(meaning_text, letter)
                regs.extend(extracted)
                title_fin = title_fin or meaning_text
                decisions.append(
                    (
                        f"meaning {meaning_text!r}",
                        "not in the notation table; typed by the extractor: "
                        + ", ".join(r.type for r in extracted),
                    )
                )
        fin_text = "" if is_empty(text) else str(text).strip()
        swe_text = None if is_empty(text_swe) else str(text_swe).strip()
        regs.extend(self._text_regs(fin_text, letter, swe_text, decisions, findings))
        if fin_text:
            first = _first_sentence(str(text))
            if len(first) <= 80:
                title_fin = first
                title_swe = _first_sentence(swe_text) if swe_text else title_swe
            else:
                title_fin = title_fin or first
        elif swe_text:
            title_swe = title_swe or _first_sentence(swe_text)
        for link in link_ids:
            entry_text = self.text_by_id.get(link)
            if entry_text is None:
                findings.append(
                    ("CV006", f"feature links to regulation {link!r}, which the source lacks")
                )
                continue
            regs.extend(
                self._text_regs(
                    entry_text.text, entry_text.sign or letter, entry_text.swe, decisions, findings
                )
            )
            first = _title(entry_text)
            if first and len(first) <= 80:
                # the title is the text's own first sentence, in both languages
                title_fin = first
                if entry_text.swe:
                    title_swe = _first_sentence(entry_text.swe)
            else:
                title_fin = title_fin or first
                if entry_text.swe and not title_swe:
                    title_swe = _first_sentence(entry_text.swe)
            used_texts.append(link)
        if not is_empty(group_name):
            title_fin = str(group_name)
        merged = _merge(regs)
        return _Base(
            regs=merged,
            seen={self._facts(r).sig for r in merged},
            title_fin=title_fin or (letter or "Kaavamääräysryhmä"),
            title_swe=title_swe,
            used_texts=used_texts,
            decisions=decisions,
            findings=findings,
        )

    def _text_regs(
        self,
        text: str,
        sign: str | None,
        swe: str | None,
        decisions: list[tuple[str, str]],
        findings: list[tuple[str, str]],
    ) -> list[RegSpec]:
        """The regulations of a Finnish text, their verbal texts carrying the Swedish
        translation where it can be paired (:func:`with_swedish`); where it cannot, a CV019
        finding says which regulation stays Finnish only. A Swedish text without a Finnish
        one is kept as a Swedish verbal regulation, with a CV019 finding."""
        swe = swe.strip() if swe else None
        if not text:
            if not swe:
                return []
            findings.append(
                (
                    "CV019",
                    f"Swedish text {swe[:80]!r} has no Finnish text; kept as a verbal "
                    "regulation in Swedish only",
                )
            )
            return [verbal_swedish(swe)]
        regs = self.interp.text(text, sign)
        if not swe:
            return regs
        paired, complete = with_swedish(regs, text, swe)
        if not complete:
            findings.append(
                (
                    "CV019",
                    f"Swedish text {swe[:80]!r} could not be paired sentence by sentence "
                    "with the Finnish text the extractor left; that verbal regulation is in "
                    "Finnish only",
                )
            )
        elif all(a is b for a, b in zip(paired, regs, strict=True)):
            decisions.append(
                (
                    f"Swedish text {swe[:80]!r}",
                    "the regulations typed from the Finnish text hold no text to translate; "
                    "the Swedish text serves at most as the group's Swedish title",
                )
            )
        return paired

    def _value_swedish(self, spec: RegSpec, code: str, swe: Any, where: dict[str, Any]) -> RegSpec:
        """The regulation of a text value with its Swedish (``values_swe``) added, made once
        per value and translation; a value without text to translate keeps its regulation
        and the Swedish is a CV019 finding."""
        cache_key = (id(spec), swe)
        cached = self.swedish_specs.get(cache_key)
        if cached is not None:
            return cached
        value = spec.value if isinstance(spec.value, dict) else {}
        text = value.get("text")
        if isinstance(text, dict) and spec.type != "sanallinenMaarays":
            out = replace(spec, value={**value, "text": {**text, "swe": str(swe).strip()}})
        else:
            self.note(
                finding(
                    "CV019",
                    f"Swedish value {swe!r} of {code}: the regulation holds no text to "
                    "translate; left out",
                    **where,
                )
            )
            out = spec
        self.swedish_specs[cache_key] = out
        return out

    def _value(self, code: str, raw: Any) -> tuple[RegSpec, str | None]:
        """The regulation an attribute value stands for, and the CV006 message when it is
        not understood (each distinct value is read once)."""
        cache_key = (code, type(raw), repr(raw))
        cached = self.value_specs.get(cache_key)
        if cached is not None:
            return cached
        parsed = parse_value(code, raw, self.interp.value_types)
        problem = None
        if parsed is None:
            problem = f"value {raw!r} of {code} is not understood; kept as verbal text"
            label = self._label(_REG_LIST, code)
            spec = verbal(f"{label}: {raw}", f"value {raw!r} of {code} not understood")
        else:
            rcode, value = parsed
            spec = RegSpec(
                type=rcode, value=value, origin="attribute", evidence=f"attribute value {raw!r}"
            )
        self.value_specs[cache_key] = (spec, problem)
        return spec, problem

    def _facts(self, spec: RegSpec) -> _Facts:
        """What the engine asks of a regulation spec, worked out once per spec object
        (after any folding into it by :func:`_merge`)."""
        facts = self.spec_facts.get(id(spec))
        if facts is None:
            notes: list[tuple[str, str]] = []
            if spec.review:
                notes.append(("CV011", f"{spec.type} ({spec.confidence}) from: {spec.evidence}"))
            if spec.type == "sanallinenMaarays" and not spec.verbal:
                notes.append(("CV018", f"no topic for: {_verbal_text(spec)[:120]!r}"))
            if spec.origin == "leftover":
                text = spec.value["text"]["fin"]  # type: ignore[index]
                notes.append(("CV012", f"kept as verbal text: {text[:120]!r}"))
            facts = _Facts(
                spec=spec,
                sig=spec.signature(),
                quantity=self._is_quantity(spec),
                notes=notes,
            )
            self.spec_facts[id(spec)] = facts
        return facts

    def _letter(
        self,
        letter: str,
        entry: LayerMapping,
        decisions: list[tuple[str, str]],
        findings: list[tuple[str, str]],
        has_text: bool = False,
    ) -> tuple[list[RegSpec], str | None, str | None]:
        """The regulations and titles of a letter code; its decisions and findings are
        recorded (as what/how and rule/message) for the caller to place."""
        role = entry.role
        parts = self.interp.notation.parts(letter, self.plan_level)
        regs: list[RegSpec] = []
        title_fin = title_swe = None
        for part in parts:
            found = self.interp.letter(part, role)
            if found is None and part.startswith("/"):
                found = self.interp.letter(part[1:], "subarea")
            if found is not None:
                regs.extend(found.regulations)
                title_fin = title_fin or found.title_fin
                title_swe = title_swe or found.title_swe
                decisions.append((f"letter code {part!r}", found.evidence))
                continue
            if self.by_sign.get(letter) or has_text:
                decisions.append(
                    (f"letter code {part!r}", "not in the notation table; typed from its text")
                )
                continue
            extracted = [r for r in self.interp.text(part, part) if r.type != "sanallinenMaarays"]
            if extracted:
                regs.extend(extracted)
                decisions.append((f"sign {part!r}", "typed by the extractor"))
                continue
            findings.append(
                ("CV003", f"letter code {part!r} is not in the notation table and has no text")
            )
        if self.legend and not self.by_sign.get(letter):
            findings.append(
                ("CV010", f"letter code {letter!r} has no entry in the regulation document")
            )
        return regs, title_fin, title_swe

    def _is_quantity(self, spec: RegSpec) -> bool:
        """A regulation of a numeric type (the value-type table), or with a numeric value."""
        allowed = self.interp.value_types.allowed_data_types(spec.type) or ()
        if any(t in _NUMERIC_TYPES for t in allowed):
            return True
        return isinstance(spec.value, dict) and spec.value.get("dataType") in _NUMERIC_TYPES

    def _letter_from_main_use(self, regs: list[RegSpec], where: dict[str, Any]) -> str | None:
        """Syke requires a letter code on a main-use group: take the code list's short name."""
        for spec in regs:
            if any(a.get("type") == "paakayttotarkoitus" for a in spec.additional):
                code = self.reg[_REG_LIST].get(spec.type)
                if code is not None and code.short_name:
                    self._decision(
                        where,
                        f"main use {spec.type} without a letter code",
                        f"letterIdentifier {code.short_name!r} from the code list's short name",
                    )
                    return code.short_name
        return None

    def _relate_subareas(self) -> None:
        """Sub-areas refer to the area reservations they lie in (relatedPlanObjectKeys)."""
        if not self.subarea_objects or not self.area_objects:
            return
        areas = np.array([g for _, g in self.area_objects], dtype=object)
        subs = np.array([g for _, g in self.subarea_objects], dtype=object)
        tree = shapely.STRtree(areas)
        sub_idx, area_idx = tree.query(subs, predicate="intersects")
        if len(sub_idx):
            shared = shapely.area(shapely.intersection(subs[sub_idx], areas[area_idx]))
            own = shapely.area(subs[sub_idx])
            keep = shared > np.maximum(own * 1e-6, 1e-9)
        else:
            keep = np.zeros(0, dtype=bool)
        related: dict[int, list[int]] = {}
        for s_i, a_i in zip(sub_idx[keep].tolist(), area_idx[keep].tolist(), strict=True):
            related.setdefault(s_i, []).append(a_i)
        count = 0
        for s_i, area_list in related.items():
            obj = self.objects[self.subarea_objects[s_i][0]]
            obj["relatedPlanObjectKeys"] = [self.area_objects[a][0] for a in sorted(area_list)]
            count += 1
        self._decision(
            {"file": self.file},
            "sub-areas",
            f"{count} of {len(self.subarea_objects)} sub-areas refer to the area reservations "
            "they overlap (relatedPlanObjectKeys)",
        )

    def _decision(self, where: dict[str, Any], what: str, how: str) -> None:
        self.decisions.append({**where, "item": what, "decision": how})

    def _label(self, list_id: str, value: str) -> str:
        code = self.reg[list_id].get(value)
        return (code.label("fi") if code else None) or value

    # -- texts layers, general regulations, unlinked texts ------------------------------
    def _texts_layer(self, layer: Layer, entry: LayerMapping) -> None:
        f = entry.fields
        attrs = layer.attributes
        for i, fid in enumerate(layer.fids):
            row = attrs.iloc[i]
            text = row.get(f.get("text", ""), None) if f.get("text") else None
            swe = row.get(f["text_swe"], None) if f.get("text_swe") else None
            sign = row.get(f.get("sign", ""), None) if f.get("sign") else None
            general = _truthy(row.get(f["general"])) if f.get("general") else False
            rep: dict[str, Any] = {"layer": layer.name, "fid": fid, **self._line(layer, i)}
            if is_empty(text):
                rep.update(fate="empty", reason="no regulation text")
            else:
                tid = f"{layer.name}:{fid}"
                entry_text = TextEntry(
                    id=tid,
                    text=str(text).strip(),
                    sign=None if is_empty(sign) else str(sign).strip(),
                    general=general or is_empty(sign),
                    file=self.file,
                    swe=None if is_empty(swe) else str(swe).strip(),
                )
                self.legend.append(entry_text)
                self.text_by_id[tid] = entry_text
                if entry_text.sign and not entry_text.general:
                    self.by_sign.setdefault(entry_text.sign, []).append(entry_text)
                rep.update(fate="regulationText", textId=tid)
            self.feature_reports.append(rep)

    def _general(self) -> GeneralRegulationGroup | None:
        general = [t for t in [*self.legend, *self.source.texts] if t.general]
        if not general:
            return None
        key = self.key("general")
        regs: list[RegSpec] = []
        decisions: list[tuple[str, str]] = []
        findings: list[tuple[str, str]] = []
        for t in general:
            regs.extend(self._text_regs(t.text, None, t.swe, decisions, findings))
            self.used_texts.setdefault(t.id, set()).add(key)
        self._place(decisions, findings, {"file": self.file}, key)
        regs = _merge(regs)
        for spec in regs:
            if spec.type == "sanallinenMaarays" and not spec.verbal:
                self.note(
                    finding(
                        "CV018",
                        f"general regulation without a topic: {_verbal_text(spec)[:120]!r}",
                        file=self.file,
                        object_key=key,
                    )
                )
        group = GeneralRegulationGroup(
            general_regulation_group_key=key,
            title_of_plan_regulation=LanguageString.of(
                fin="Yleiset määräykset", swe="Allmänna bestämmelser"
            ),
            plan_regulations=[self._regulation(key, j, r) for j, r in enumerate(regs)],
            group_number=1,
        )
        return group

    def _unlinked_texts(self) -> None:
        for t in [*self.legend, *self.source.texts]:
            if t.id in self.used_texts:
                continue
            self.note(
                finding(
                    "CV009",
                    f"regulation text {t.sign or ''} {t.text[:80]!r} is used by no map feature",
                    file=t.file or self.file,
                    line=t.line,
                    data={"textId": t.id},
                )
            )

    # -- boundary -----------------------------------------------------------------------
    def _boundary(self) -> RyhtiGeometry:
        if self.boundary_parts:
            geom = shapely.union_all(np.array(self.boundary_parts, dtype=object))
            how = "boundary layer"
        else:
            everything = np.array(self.all_parts, dtype=object)
            polys = [g for g in self.area_parts if g.geom_type in ("Polygon", "MultiPolygon")]
            geom = shapely.union_all(np.array(polys, dtype=object)) if polys else None
            how = "union of the plan's areas"
            if (
                geom is None
                or geom.geom_type != "Polygon"
                or not shapely.covers(shapely.buffer(geom, 1e-6), everything).all()
            ):
                geom = shapely.convex_hull(shapely.union_all(everything))
                how = "convex hull of all features (the areas do not form one polygon covering all)"
            geom = shapely.remove_repeated_points(geom, 0.0)
            self.note(
                finding(
                    "CV008",
                    f"no plan boundary layer; the plan area is the {how}",
                    file=self.file,
                )
            )
        polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
        if not polys:
            raise InputError(
                "the plan boundary is not an area",
                source=self.source.path,
                hint="the boundary layer must hold polygons",
            )
        geom = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
        geom = shapely.orient_polygons(geom, exterior_cw=False)
        self.boundary_how = how
        data = to_geojson_list(np.array([geom], dtype=object))[0]
        assert data is not None
        return RyhtiGeometry(
            srid=self.srid,
            geometry=GeoJsonGeometry(type=data["type"], coordinates=data["coordinates"]),
        )

    # -- models -------------------------------------------------------------------------
    def _group_json(self, group: _Group) -> dict[str, Any]:
        """A group as PlanRegulationGroup JSON in the model's field order (what
        ``PlanRegulationGroup.to_json`` gives) without building model objects: a plan of
        100,000 numbered blocks has as many groups. Each distinct regulation is dumped
        through the model once and reused under each group's own regulation key."""
        namespace = bytes.fromhex(group.key.replace("-", ""))
        regulations = []
        facts_get = self.spec_facts.get  # cache hits inline: this runs per group
        for j, spec in enumerate(group.regs):
            facts = facts_get(id(spec)) or self._facts(spec)
            if facts.template is None:
                dumped = self._regulation(None, 0, spec).to_json()  # key set per group below
                del dumped["planRegulationKey"]
                facts.template = dumped
            regulations.append(
                {"planRegulationKey": uuid5_str(namespace, f"regulation:{j}"), **facts.template}
            )
        names = (group.title_fin, group.title_swe)
        title = self.titles.get(names)
        if title is None:
            title = LanguageString.of(fin=names[0], swe=names[1]).to_json()
            self.titles[names] = title
        out: dict[str, Any] = {"planRegulationGroupKey": group.key, "titleOfPlanRegulation": title}
        if group.letter:
            out["letterIdentifier"] = group.letter
        out["planRegulations"] = regulations
        return out

    def _regulation(self, group_key: str | None, index: int, spec: RegSpec) -> PlanRegulation:
        reg = PlanRegulation(
            plan_regulation_key=""
            if group_key is None
            else str(uuid.uuid5(uuid.UUID(group_key), f"regulation:{index}")),
            life_cycle_status=self.lifecycle_uri,
            type=self._uri(_REG_LIST, spec.type),
        )
        if spec.value is not None:
            reg.value = value_from_json(spec.value)
        if spec.additional:
            infos = []
            for item in spec.additional:
                info = AdditionalInformation(type=self._uri(_INFO_LIST, item["type"]))
                if item.get("value") is not None:
                    info.value = value_from_json(self._code_value(item["value"]))
                infos.append(info)
            reg.additional_informations = infos
        if spec.verbal:
            reg.verbal_regulations = [self._uri(_VERBAL_LIST, v) for v in spec.verbal]
        return reg

    def _code_value(self, value: dict[str, Any]) -> dict[str, Any]:
        if value.get("dataType") == "Code" and value.get("code") and "://" not in value["code"]:
            list_id = value.get("codeList") or _REG_LIST
            list_id = list_id.rsplit("/", 1)[-1]
            if list_id in self.reg:
                out = dict(value)
                out["code"] = self.reg.code_uri(list_id, value["code"])
                out["codeList"] = self._list_uri(list_id)
                return out
        return value

    def _list_uri(self, list_id: str) -> str:
        uri = self.reg.code_uri(list_id, "x")
        return uri.rsplit("/code/", 1)[0]

    def _uri(self, list_id: str, value: str) -> str:
        if "://" in value:
            return value
        try:
            return self.reg.code_uri(list_id, value)
        except Exception:
            return value

    # -- report -------------------------------------------------------------------------
    def _regulation_report(self, spec: RegSpec) -> dict[str, Any]:
        facts = self._facts(spec)
        if facts.report is None:
            facts.report = {
                "type": spec.type,
                "origin": spec.origin,
                "evidence": spec.evidence,
                **({"confidence": spec.confidence} if spec.confidence is not None else {}),
                **({"span": list(spec.span)} if spec.span else {}),
            }
        return facts.report

    def _report(self, plan: ValidatePlan) -> dict[str, Any]:
        fates = Counter(r["fate"] for r in self.feature_reports)
        texts = []
        for t in [*self.legend, *self.source.texts]:
            item: dict[str, Any] = {
                "id": t.id,
                "sign": t.sign,
                "general": t.general,
                "text": t.text,
                **({"swe": t.swe} if t.swe else {}),
                "file": t.file,
            }
            if t.line is not None:
                item["line"] = t.line
            if t.page is not None:
                item["page"] = t.page
            groups = sorted(self.used_texts.get(t.id, ()))
            item["fate"] = "regulationGroups" if groups else "unlinked"
            item["groups"] = groups
            texts.append(item)
        groups_report = []
        for g in self.group_by_key.values():
            groups_report.append(
                {
                    "key": g.key,
                    "letterIdentifier": g.letter,
                    "title": g.title_fin,
                    "layer": g.layer,
                    "objects": g.objects,
                    "texts": g.texts,
                    "regulations": [self._regulation_report(r) for r in g.regs],
                }
            )
        severities = Counter(f.severity.value for f in self.findings)
        return {
            "reportVersion": REPORT_VERSION,
            "source": {
                "path": self.file,
                "kind": self.source.kind,
                "crs": epsg_of(self.source.crs),
                "layers": self.layer_reports,
            },
            "mapping": self.mapping.to_json(),
            "plan": {
                "planKey": plan.plan_key,
                "planId": self.plan_id,
                "planType": self.plan_type_code,
                "planLevel": self.plan_level,
                "lifeCycleStatus": self.lifecycle,
                "srid": self.srid,
                "boundary": getattr(self, "boundary_how", None),
            },
            "reprojections": self.reprojections,
            "summary": {
                "features": len(self.feature_reports),
                "planObjects": fates.get("planObject", 0),
                "planBoundary": fates.get("planBoundary", 0),
                "regulationTexts": fates.get("regulationText", 0),
                "ignored": fates.get("ignored", 0),
                "unmapped": fates.get("unmapped", 0),
                "dropped": fates.get("dropped", 0),
                "empty": fates.get("empty", 0),
                "regulationGroups": len(self.group_by_key),
                "texts": len(texts),
                "textsLinked": sum(1 for t in texts if t["fate"] != "unlinked"),
                "findings": {k: severities.get(k, 0) for k in ("error", "warning", "info")},
            },
            "features": self.feature_reports,
            "texts": texts,
            "groups": groups_report,
            "decisions": self.decisions,
            "unrepresentable": self.source.unrepresentable,
            "findings": [f.to_json() for f in self.findings],
        }


def _boundary_id(source: Source, mapping: Mapping) -> str | None:
    """The source id of the plan boundary, when the source has exactly one (the plan's id)."""
    for entry in mapping.layers:
        column = entry.fields.get("id")
        if entry.role != "boundary" or not column:
            continue
        for layer in source.layers:
            if entry.matches(layer.name) and len(layer) == 1 and column in layer.attributes:
                value = layer.attributes[column].iloc[0]
                if not is_empty(value):
                    return f"{layer.name}:{value}"
    return None


#: The first hex digit of a uuid's clock_seq_hi with the RFC 4122 variant bits set (10xx).
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def uuid5_str(namespace: bytes, name: str) -> str:
    """``str(uuid.uuid5(ns, name))`` without building UUID objects (a third of the cost):
    the SHA-1 hex digest with the version digit set to 5 and the variant bits to 10."""
    h = hashlib.sha1(namespace + name.encode("utf-8")).hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


def _empty_mask(series: Any) -> np.ndarray:
    """True where a column has no value: null, NaN or blank text (vectorised)."""
    mask = series.isna().to_numpy()
    if series.dtype == object or str(series.dtype) == "string":
        text = series.astype(str).str.strip()
        mask = mask | (text == "").to_numpy()
    return mask


def _clean(series: Any) -> list[Any]:
    """Column values as Python objects, with None for every empty value."""
    mask = _empty_mask(series)
    values = series.astype(object).tolist()
    if not mask.any():
        return values
    return [None if m else v for v, m in zip(values, mask.tolist(), strict=True)]


def _merge(regs: list[RegSpec]) -> list[RegSpec]:
    """Drop exact duplicates; fold a value-less repeat of a type into the first of it."""
    out: list[RegSpec] = []
    seen: set[tuple[Any, ...]] = set()
    by_type: dict[str, int] = {}  # type → position of its first spec in ``out``
    copied: set[int] = set()
    for r in regs:
        sig = r.signature()
        if sig in seen:
            continue
        at = by_type.get(r.type)
        if at is not None and r.value is None and not r.verbal and r.type != "sanallinenMaarays":
            if at not in copied:  # the interpreter shares specs between texts: fold into a copy
                out[at] = replace(out[at], additional=list(out[at].additional))
                copied.add(at)
            first = out[at]
            for info in r.additional:
                if info not in first.additional:
                    first.additional.append(info)
            continue
        seen.add(sig)
        by_type.setdefault(r.type, len(out))
        out.append(r)
    return out


def _verbal_text(spec: RegSpec) -> str:
    value = spec.value if isinstance(spec.value, dict) else {}
    text = value.get("text")
    return (text.get("fin") or "") if isinstance(text, dict) else str(text or "")


def _title(entry: TextEntry) -> str | None:
    if entry.text:
        return _first_sentence(entry.text)
    return entry.heading


def _first_sentence(text: str) -> str:
    head = text.strip().split("\n", 1)[0]
    for stop in (". ", "; "):
        if stop in head:
            head = head.split(stop, 1)[0]
    return head.rstrip(".").strip()[:200]


def _truthy(value: Any) -> bool:
    if value is None or is_empty(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return str(value).strip().casefold() in _TRUE


def _plain(value: Any) -> Any:
    """A value as plain JSON data, whole floats as ints: ``4800.0`` from a GeoPackage
    integer column with nulls and ``4800`` from PostGIS must key the same group."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _as_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, list | tuple | np.ndarray):
        return [str(v) for v in value]
    text = str(value).strip()
    if not text:
        return []
    return [v.strip() for v in text.split(",") if v.strip()]


def run(
    source: Source,
    mapping: Mapping,
    legend: list[TextEntry],
    opts: Options,
    legend_notes: list[str] | tuple[str, ...] = (),
) -> ConversionResult:
    """Convert a read source with a mapping (and regulation texts) into a plan;
    ``legend_notes`` (what reading the regulation documents decided) become decisions."""
    with gc_paused():
        job = _Run(source, mapping, list(legend), opts)
        for note in legend_notes:
            job._decision({"file": job.file}, "regulation document", note)
        return job.run()
