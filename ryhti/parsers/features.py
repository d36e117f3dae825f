"""Source features → plan objects, their group relations, and the plan area.

The per-feature loop runs once per source feature (100,000 in a large plan), so what
can be is hoisted out of it: columns are read and cleaned column-wise, a feature's
signature is a tuple of plain values and its groups come from a dict lookup; only a
signature not seen before goes to :class:`~ryhti.parsers.grouping.Grouper`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from ryhti.errors import InputError
from ryhti.findings import Severity
from ryhti.model import GeoJsonGeometry, LanguageString, RyhtiGeometry
from ryhti.parsers.codes import UNDERGROUND
from ryhti.parsers.columns import as_list, clean, plain, truthy
from ryhti.parsers.geometry import to_geojson_list
from ryhti.parsers.grouping import CARTOGRAPHIC, Grouper
from ryhti.parsers.keys import Keys, uuid5_str
from ryhti.parsers.mapping import LayerMapping
from ryhti.parsers.report import Journal, line_of
from ryhti.parsers.roles import kinds
from ryhti.parsers.rules import finding
from ryhti.parsers.source import Layer

__all__ = ["PlanObjects", "read_column"]


def read_column(attrs: Any, n: int, name: str | None) -> list[Any]:
    """The cleaned values of attribute ``name`` (``a|b``: the first non-empty of them), or
    ``None`` for each of the ``n`` features when the layer lacks it."""
    if name is None:
        return [None] * n
    if "|" in name:  # alternatives: the first non-empty value wins
        cols = [read_column(attrs, n, part) for part in name.split("|")]
        return [next((c[i] for c in cols if c[i] is not None), None) for i in range(n)]
    if name not in attrs.columns:
        return [None] * n
    return clean(attrs[name])


class PlanObjects:
    """The plan objects of one conversion, their relations to groups, and the geometry
    the plan area is made of."""

    def __init__(
        self,
        reg: Any,
        keys: Keys,
        journal: Journal,
        grouper: Grouper,
        *,
        file: str,
        srid: str,
        lifecycle_uri: str,
    ) -> None:
        self.reg = reg
        self.keys = keys
        self.journal = journal
        self.grouper = grouper
        self.file = file
        self.srid = srid
        self.lifecycle_uri = lifecycle_uri
        self.objects: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.area_objects: list[tuple[str, Any]] = []
        #: per area object: its report entry, the position of its main-use relation and
        #: that group (what a change class replaces: :meth:`regroup`)
        self.area_links: list[tuple[dict[str, Any], int, Any]] = []
        self.subarea_objects: list[tuple[int, Any]] = []
        self.boundary_parts: list[Any] = []
        self.area_parts: list[Any] = []
        self.all_parts: list[Any] = []
        #: how the plan area was made, for the report
        self.boundary_how: str | None = None

    # -- findings about one feature -----------------------------------------------------
    def repairs(
        self,
        layer: Layer,
        i: int,
        notes: dict[int, list[str]],
        rep: dict[str, Any],
        key: str | None,
    ) -> None:
        """Put the geometry repairs of feature ``i`` in its report entry and the findings."""
        texts = notes.get(i)
        if not texts:
            return
        rep["repairs"] = texts
        for text in texts:
            rule = "CV016" if text.startswith("arc") or "arc" in text.split(" ")[:2] else "CV004"
            self.journal.note(
                finding(
                    rule,
                    f"feature {layer.fids[i]} of layer {layer.name!r}: {text}",
                    file=self.file,
                    layer=layer.name,
                    fid=layer.fids[i],
                    object_key=key,
                    **line_of(layer, i),
                )
            )

    def dropped(self, layer: Layer, i: int, reason: str) -> None:
        """A CV005 finding: feature ``i`` is left out for ``reason``."""
        self.journal.note(
            finding(
                "CV005",
                f"feature {layer.fids[i]} of layer {layer.name!r} left out: {reason}",
                file=self.file,
                layer=layer.name,
                fid=layer.fids[i],
                **line_of(layer, i),
            )
        )

    # -- layers -------------------------------------------------------------------------
    def boundary_layer(
        self,
        layer: Layer,
        geoms: np.ndarray,
        notes: dict[int, list[str]],
        unusable: dict[int, str],
    ) -> None:
        """A boundary layer: its features make the plan area."""
        for i, fid in enumerate(layer.fids):
            rep: dict[str, Any] = {"layer": layer.name, "fid": fid, **line_of(layer, i)}
            if geoms[i] is None:
                rep.update(fate="dropped", reason=unusable.get(i, "no geometry"))
                self.dropped(layer, i, rep["reason"])
            else:
                rep["fate"] = "planBoundary"
                self.boundary_parts.append(geoms[i])
            self.repairs(layer, i, notes, rep, None)
            self.journal.feature_reports.append(rep)

    def add_layer(
        self,
        layer: Layer,
        entry: LayerMapping,
        geoms: np.ndarray,
        notes: dict[int, list[str]],
        unusable: dict[int, str],
    ) -> None:
        """Every feature of an area, sub-area, line or point layer becomes a plan object
        related to its groups (or a report entry saying why not)."""
        attrs = layer.attributes
        n = len(layer)

        def column(name: str | None) -> list[Any]:
            return read_column(attrs, n, name)

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
        feature_kinds = kinds(entry.role, geoms, column(f.get("kind")) if f.get("kind") else None)
        underground_uri = {
            True: self.reg.code_uri(UNDERGROUND, "01"),
            False: self.reg.code_uri(UNDERGROUND, "02"),
        }

        # per-feature work hoisted out of the loop (the loop runs once per feature):
        # text columns stripped column-wise, source lines and bound methods looked up once
        def stripped(col: list[Any]) -> list[Any]:
            return [None if v is None else str(v).strip() for v in col]

        def text_of(col: list[Any]) -> list[Any]:
            return [None if v is None else str(v) for v in col]

        letters_s = stripped(letters)
        meanings_s = stripped(meanings)
        texts_s = stripped(texts)
        texts_swe_s = stripped(texts_swe)
        group_names_s = text_of(group_names)
        names_s = text_of(names)
        names_swe_s = text_of(names_swe)
        fids = layer.fids
        lines = layer.lines
        layer_name = layer.name
        object_prefix = f"object:{layer_name}:"
        ns_bytes = self.keys.ns_bytes
        letter_default = entry.letter_code_default
        value_items = list(value_cols.items())
        groups_get = self.grouper.groups.get
        make_groups = self.grouper.make
        objects_append = self.objects.append
        relations_append = self.relations.append
        reports_append = self.journal.feature_reports.append
        all_parts_append = self.all_parts.append
        lifecycle_uri = self.lifecycle_uri
        srid = self.srid
        seen_ids: set[str] = set()
        for i in range(n):
            fid = fids[i]
            source_id = fid if ids[i] is None else str(ids[i])
            if source_id in seen_ids:
                self.journal.note(
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
                self.dropped(layer, i, rep["reason"])
                self.repairs(layer, i, notes, rep, None)
                reports_append(rep)
                continue
            letter = letters_s[i]
            if letter is None and letter_default:
                letter = letter_default
            values: list[tuple[str, Any]] = []
            for code, col in value_items:
                if col[i] is not None:
                    values.append((code, col[i]))
            value_sigs = [(c, plain(v)) for c, v in values] if values else []
            if swe_cols:  # the Swedish of a value rides in its signature entry: (code, fi, sv)
                for k, (code, _) in enumerate(values):
                    swe_col = swe_cols.get(code)
                    if swe_col is not None and swe_col[i] is not None:
                        value_sigs[k] = (code, value_sigs[k][1], plain(swe_col[i]))
            link_ids = as_list(links[i])
            signature = (
                feature_kinds[i],
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
                bundle = make_groups(
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
            if bundle.placed:
                bundle = self.grouper.named(bundle, names_s[i], layer, i)
            if bundle.kind == CARTOGRAPHIC:
                rep.update(fate="cartographic", reason="a map convention; no plan content")
                reports_append(rep)
                continue
            for group in bundle:
                group.objects += 1
            if keys_kept[i] is not None:
                obj_key = str(keys_kept[i])
            else:
                obj_key = uuid5_str(ns_bytes, object_prefix + str(source_id))
            u = undergrounds[i]
            underground = False if u is None else truthy(u)
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
                    self.journal.note(
                        finding(
                            "CV006",
                            f"object number {numbers[i]!r} is not a whole number",
                            file=self.file,
                            layer=layer.name,
                            fid=fid,
                        )
                    )
            objects_append(obj)
            first_relation = len(self.relations)
            for group in bundle:
                relations_append({"planObjectKey": obj_key, "planRegulationGroupKey": group.key})
            geom = geoms[i]
            all_parts_append(geom)
            kind = bundle.kind
            if kind == "area":
                self.area_parts.append(geom)
                self.area_objects.append((obj_key, geom))
                self.area_links.append((rep, first_relation, bundle[0]))
            elif kind == "subarea" or bundle.site:
                self.subarea_objects.append((len(self.objects) - 1, geom))
            rep.update(
                fate="planObject",
                planObjectKey=obj_key,
                planRegulationGroupKeys=[g.key for g in bundle],
            )
            if i in notes:
                self.repairs(layer, i, notes, rep, obj_key)
            reports_append(rep)

    # -- after all layers ---------------------------------------------------------------
    def regroup(self, area: int, group: Any) -> Any:
        """Relate area object ``area`` (its position in :attr:`area_objects`) to ``group``
        instead of its main-use group; returns the group it had."""
        rep, relation, old = self.area_links[area]
        if group is old:
            return old
        self.relations[relation]["planRegulationGroupKey"] = group.key
        keys = rep.get("planRegulationGroupKeys")
        if keys:
            keys[keys.index(old.key)] = group.key
        old.objects -= 1
        group.objects += 1
        self.area_links[area] = (rep, relation, group)
        return old

    def relate_subareas(self) -> None:
        """Sub-areas, and building sites drawn as points or lines, refer to the area
        reservations they lie in (relatedPlanObjectKeys)."""
        if not self.subarea_objects or not self.area_objects:
            return
        areas = np.array([g for _, g in self.area_objects], dtype=object)
        subs = np.array([g for _, g in self.subarea_objects], dtype=object)
        tree = shapely.STRtree(areas)
        sub_idx, area_idx = tree.query(subs, predicate="intersects")
        if len(sub_idx):
            shared = shapely.area(shapely.intersection(subs[sub_idx], areas[area_idx]))
            own = shapely.area(subs[sub_idx])
            # a site drawn as a point or line lies in every reservation it touches
            keep = (shared > np.maximum(own * 1e-6, 1e-9)) | (own == 0)
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
        self.journal.decision(
            {"file": self.file},
            "sub-areas",
            f"{count} of {len(self.subarea_objects)} sub-areas refer to the area reservations "
            "they overlap (relatedPlanObjectKeys)",
        )

    def boundary(self, source_path: str) -> RyhtiGeometry:
        """The plan area: the boundary layer's features, else derived (with a CV008)."""
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
                or geom.geom_type not in ("Polygon", "MultiPolygon")
                or not shapely.covers(shapely.buffer(geom, 1e-6), everything).all()
            ):
                geom = shapely.convex_hull(shapely.union_all(everything))
                how = "convex hull of all features (the areas do not form one polygon covering all)"
            geom = shapely.remove_repeated_points(geom, 0.0)
            self.journal.note(
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
                source=source_path,
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
