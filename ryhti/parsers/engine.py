"""The mapping engine: any :class:`Source` + a :class:`Mapping` → plan + report.

One pass per mapped layer:

1. geometry: transform to the plan's srid and repair in bulk (:mod:`.geometry`);
2. per feature (:mod:`.features`), read the mapped attributes into a *signature* and
   relate the plan object to the groups of that signature (:mod:`.grouping`: one group
   per quantity, shared by every feature with that value; the rest is the main-use
   group, shared by every feature whose signature differs only in quantities);
3. each distinct combination of letter code, meaning, texts and links is interpreted
   once (:mod:`.meaning`, :mod:`.interpret`), Swedish texts joined to the verbal
   regulations they translate (:mod:`.texts`);
4. every feature, attribute and text entry gets its fate in the report (:mod:`.report`).

Keys are uuid5 over the plan identity and source ids (:mod:`.keys`), so the same source
converted twice gives the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ryhti.errors import InputError
from ryhti.findings import Finding, Severity
from ryhti.io import gc_paused
from ryhti.model import GeneralRegulationGroup, LanguageString, ValidatePlan
from ryhti.parsers.changeclass import ChangeClasses
from ryhti.parsers.codes import LIFECYCLE
from ryhti.parsers.columns import empty_mask
from ryhti.parsers.crs import choose_srid, epsg_of, parse_crs, reproject
from ryhti.parsers.crsguess import Guess, guess, swap_axes, swapped
from ryhti.parsers.facts import FactsBook
from ryhti.parsers.features import PlanObjects
from ryhti.parsers.geometry import prepare
from ryhti.parsers.grouping import Grouper
from ryhti.parsers.guards import Guard
from ryhti.parsers.interpret import Interpreter
from ryhti.parsers.keys import NAMESPACE, Keys, plan_identity, uuid5_str
from ryhti.parsers.mapping import LayerMapping, Mapping
from ryhti.parsers.meaning import Meanings
from ryhti.parsers.planfacts import PlanFacts
from ryhti.parsers.planjson import PlanJson
from ryhti.parsers.report import (
    REPORT_VERSION,
    Journal,
    build_report,
    group_items,
    line_of,
    text_items,
)
from ryhti.parsers.rules import finding
from ryhti.parsers.source import Layer, Source, TextEntry
from ryhti.parsers.texts import Texts

__all__ = ["NAMESPACE", "REPORT_VERSION", "ConversionResult", "Options", "run", "uuid5_str"]


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
    #: a municipality's legend library (:class:`ryhti.nlp.lexicon.Lexicon`, loaded once):
    #: the extractor's answer for every text one of its entries matches
    lexicon: Any = None


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


class _Run:
    """One conversion: the parts below, wired together, and the pass over the layers."""

    def __init__(self, source: Source, mapping: Mapping, legend: list[TextEntry], opts: Options):
        from ryhti.codelists import plan_level, registry

        self.source = source
        self.mapping = mapping
        self.opts = opts
        self.reg = registry()
        self.file = Path(source.path).name if "://" not in source.path else source.path
        self.journal = Journal(strict=opts.strict)
        self.facts_of_plan = PlanFacts(
            source,
            mapping,
            {"plan_type": opts.plan_type, "lifecycle": opts.lifecycle},
            self.reg,
            self.file,
        )
        self.plan_type_code = self.facts_of_plan.plan_type()
        self.plan_level = plan_level(self.plan_type_code, self.reg)
        self.lifecycle = self.facts_of_plan.lifecycle()
        self.lifecycle_uri = self.reg.code_uri(LIFECYCLE, self.lifecycle)
        self.keys = Keys(plan_identity(source, mapping, opts.plan_id))
        self.interp = Interpreter(
            self.plan_level, use_extractor=opts.use_extractor, lexicon=opts.lexicon
        )
        guard = Guard(self.reg, self.plan_level)
        self.texts = Texts(self.interp, legend, source.texts, self.file, self.journal, guard)
        self.facts = FactsBook(self.interp.value_types)
        meanings = Meanings(self.reg, self.interp, self.texts, self.facts)
        self.grouper = Grouper(
            self.reg, self.interp, self.keys, self.journal, self.texts, meanings, self.facts, guard
        )
        self.writer = PlanJson(self.reg, self.lifecycle_uri, self.facts)
        snap = opts.snap if opts.snap is not None else mapping.geometry.get("snap", 0.0)
        self.snap = float(snap or 0.0)
        source_crs = opts.source_crs or mapping.geometry.get("source_crs")
        self.source_crs = parse_crs(source_crs) if source_crs else None
        #: what the coordinates of layers without a coordinate system say
        self.guessed, guessed_layers = self._guess_crs()
        self._note_guess(guessed_layers)
        self.srid = self._choose_srid()
        self.objects = PlanObjects(
            self.reg,
            self.keys,
            self.journal,
            self.grouper,
            file=self.file,
            srid=self.srid,
            lifecycle_uri=self.lifecycle_uri,
        )
        self.classes = ChangeClasses(self.objects, self.grouper, self.journal, self.file)

    # -- setup --------------------------------------------------------------------------
    def _layer_crs(self, layer: Layer) -> Any:
        crs = self.source_crs or layer.crs or self.source.crs
        if crs is None and self.guessed is not None:
            single = self.guessed.single()
            if single is not None:
                return parse_crs(single[0].code)
        return crs

    def _guess_crs(self) -> tuple[Guess | None, list[str]]:
        """What the coordinates of the mapped layers without a coordinate system fit."""
        if self.source_crs is not None or self.source.crs is not None:
            return None, []
        layers = [
            layer
            for layer in self.source.layers
            if layer.crs is None
            and len(layer)
            and self.mapping.for_layer(layer.name) is not None
            and self.mapping.for_layer(layer.name).role not in ("texts", "ignore")  # type: ignore[union-attr]
        ]
        if not layers:
            return None, []
        found = guess(np.concatenate([layer.geometry for layer in layers]))
        return found, [layer.name for layer in layers]

    def _note_guess(self, layers: list[str]) -> None:
        single = self.guessed.single() if self.guessed is not None else None
        if single is None:
            return
        fit, crossed = single
        order = " (written northing first; read as easting, northing)" if crossed else ""
        self.note(
            finding(
                "CV020",
                f"the source declares no coordinate system; the coordinates of "
                f"{', '.join(layers)} fit only EPSG:{fit.code} ({fit.name}){order}, and are "
                "read in it",
                file=self.file,
            )
        )

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

    def note(self, f: Finding) -> None:
        self.journal.note(f)

    # -- the run ------------------------------------------------------------------------
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
        self.classes.apply()
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
            self.journal.decision(
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
        if not self.objects.objects:
            if self.objects.boundary_parts:
                status = self.source.plan.get("lifecycle_text")
                raise InputError(
                    "the source holds only the plan's boundary, no plan objects: nothing to "
                    "convert" + (f" ({status})" if status else ""),
                    source=self.source.path,
                    hint="a plan at its start (base data, a planning initiative) has no "
                    "regulations yet; convert it once its plan objects are drawn",
                )
            raise InputError(
                "the source holds no plan features: nothing to convert",
                source=self.source.path,
                hint="draw the plan into the layers first (an untouched `ryhti init` "
                "template is empty)",
            )
        self.objects.relate_subareas()
        general = self._general()
        self.texts.note_unlinked()
        boundary = self.objects.boundary(self.source.path)
        plan = ValidatePlan(
            plan_key=self.keys.key("plan"),
            life_cycle_status=self.lifecycle_uri,
            geographical_area=boundary,
            plan_objects=[],
            plan_regulation_groups=[],
            plan_regulation_group_relations=[],
        )
        self.facts_of_plan.apply(plan, self.plan_level, self.journal)
        if general is not None:
            plan.general_regulation_groups = [general]
        if self.interp.extractor_error:
            self.note(
                finding(
                    "CV017",
                    f"the extractor could not be loaded ({self.interp.extractor_error}); "
                    "texts were kept verbatim",
                    file=self.file,
                )
            )
        findings = self.journal.findings
        findings.sort(key=lambda f: (f.severity.rank, f.rule, str(f.location)))
        data = plan.to_json()
        data["planObjects"] = self.objects.objects
        groups = self.grouper.by_key.values()
        data["planRegulationGroups"] = [self.writer.group_json(g) for g in groups]
        data["planRegulationGroupRelations"] = self.objects.relations
        return ConversionResult(report=self._report(plan), findings=findings, data=data)

    def _general(self) -> GeneralRegulationGroup | None:
        key = self.keys.key("general")
        regs = self.texts.general_regulations(key)
        if regs is None:
            return None
        return GeneralRegulationGroup(
            general_regulation_group_key=key,
            title_of_plan_regulation=LanguageString.of(
                fin="Yleiset määräykset", swe="Allmänna bestämmelser"
            ),
            plan_regulations=[self.writer.regulation(key, j, r) for j, r in enumerate(regs)],
            group_number=1,
        )

    # -- layers -------------------------------------------------------------------------
    def _unmapped_layer(self, layer: Layer) -> None:
        count = len(layer)
        self.journal.layer_reports.append(
            {"layer": layer.name, "features": count, "role": None, "fate": "unmapped"}
        )
        for i, fid in enumerate(layer.fids):
            self.journal.feature_reports.append(
                {
                    "layer": layer.name,
                    "fid": fid,
                    "fate": "unmapped",
                    "reason": "the mapping names no role for this layer",
                    **line_of(layer, i),
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
            empty = empty_mask(series)
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
        self.journal.layer_reports.append(
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
                self.journal.feature_reports.append(
                    {
                        "layer": layer.name,
                        "fid": fid,
                        "fate": "ignored",
                        "reason": entry.reason or "the mapping ignores this layer",
                        **line_of(layer, i),
                    }
                )
            return
        if entry.role == "texts":
            self.texts.read_layer(layer, entry)
            return
        geoms, notes, unusable = self._geometry(layer)
        if entry.role == "boundary":
            self.objects.boundary_layer(layer, geoms, notes, unusable)
            return
        if self.classes.recognise(layer, entry, geoms, notes, unusable):
            return  # passed on to the area reservations once every layer is in
        self.objects.add_layer(layer, entry, geoms, notes, unusable)

    def _geometry(self, layer: Layer) -> tuple[np.ndarray, dict[int, list[str]], dict[int, str]]:
        geoms = layer.geometry
        has = np.array([g is not None for g in geoms], dtype=bool)
        if has.any():
            crs = self._layer_crs(layer)
            if crs is None:
                raise self._no_crs(layer)
            geoms = self._axes(layer, geoms, crs)
            geoms, rep = reproject(geoms, crs, self.srid)
            if rep is not None:
                info = {"layer": layer.name, **rep.to_json()}
                self.journal.reprojections.append(info)
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

    def _no_crs(self, layer: Layer) -> InputError:
        """The error for a layer whose coordinate system neither the source nor its
        coordinates tell, naming the systems the coordinates fit."""
        found = self.guessed
        if found is not None and found.bounds is not None and (found.straight or found.crossed):
            hint = f"its coordinates fit {found.describe()}: give the right one with --source-crs"
        elif found is not None and found.bounds is not None:
            xmin, xmax, ymin, ymax = found.bounds
            hint = (
                f"its coordinates (x {xmin:.0f}…{xmax:.0f}, y {ymin:.0f}…{ymax:.0f}) fit no "
                "Finnish coordinate system: give the system with --source-crs"
            )
        else:
            hint = "give it with --source-crs, e.g. EPSG:3067 or EPSG:3879"
        return InputError(
            f"layer {layer.name!r} has no coordinate system", source=self.source.path, hint=hint
        )

    def _axes(self, layer: Layer, geoms: np.ndarray, crs: Any) -> np.ndarray:
        """The geometries in easting-northing order: coordinates read in a guessed system
        are noted (CV020), and coordinates written northing first are swapped (CV020)."""
        declared = self.source_crs or layer.crs or self.source.crs
        code = epsg_of(crs)
        if declared is None and self.guessed is not None:
            single = self.guessed.single()
            assert single is not None  # _layer_crs found it
            return swap_axes(geoms) if single[1] else geoms
        if (self.source.check_axes or code == "4326") and swapped(geoms, code):
            self.note(
                finding(
                    "CV020",
                    f"layer {layer.name!r}: the coordinates are written northing first for "
                    f"EPSG:{code}; read as easting, northing",
                    file=self.file,
                    layer=layer.name,
                )
            )
            return swap_axes(geoms)
        return geoms

    # -- report -------------------------------------------------------------------------
    def _report(self, plan: ValidatePlan) -> dict[str, Any]:
        return build_report(
            self.journal,
            source={
                "path": self.file,
                "kind": self.source.kind,
                "crs": epsg_of(self.source.crs),
            },
            mapping=self.mapping.to_json(),
            plan={
                "planKey": plan.plan_key,
                "planId": self.keys.plan_id,
                "planType": self.plan_type_code,
                "planLevel": self.plan_level,
                "lifeCycleStatus": self.lifecycle,
                **({"approvalDate": plan.approval_date} if plan.approval_date else {}),
                "srid": self.srid,
                "boundary": self.objects.boundary_how,
            },
            texts=text_items(self.texts.all(), self.texts.used),
            groups=group_items(self.grouper.by_key.values(), self.facts.report),
            unrepresentable=self.source.unrepresentable,
        )


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
            job.journal.decision({"file": job.file}, "regulation document", note)
        if opts.lexicon is not None:
            n = len(opts.lexicon.entries)
            job.journal.decision(
                {"file": Path(opts.lexicon.source).name},
                "lexicon",
                f"the municipality's lexicon ({n} {'entry' if n == 1 else 'entries'}) decides "
                "the texts its entries match (evidence 'lexicon … entry N')",
            )
        return job.run()
