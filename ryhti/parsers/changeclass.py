"""Change-class layers: the class a shading polygon gives goes to the reservations beneath.

A yleiskaava often draws its change classes ("Uudet ja olennaisesti muuttuvat alueet" →
``uusi`` + ``olennaisestiMuuttuva``, "Nykyisellään säilyvät alueet" → ``olemassaOleva``,
"Pienin toimenpitein kehitettävät alueet" → ``kehitettava``) as a layer of its own: hatched
polygons over the area reservations, each with only the class. RYHTI has no object for the
shading; the class is additional information of the main use of each reservation it covers.

**Which layer.** A polygon layer is a change-class layer when the mapping says so
(``role = "change_class"``), or when every feature of an ``area``, ``subarea`` or ``mixed``
layer gives change classes and nothing else (its texts, meaning or links yield only change
classes, or its text or meaning is the class codes themselves, e.g. ``uusi`` or
``olemassaOleva``; no attribute values). Modifier lines ("Uusi seudullinen pääväylä") are
not change classes: they concern lines, and the extractor marks them for review.

**Which reservations.** An area reservation takes the class whose polygons cover **at least
half of its area** (the union of that class's polygons, so overlapping shading counts once);
when polygons of several classes each cover half, the one covering most wins (ties: the class
first met in the layer). A reservation drawn across a class boundary thus takes the class of
its larger part, and one merely touched by a hatch takes nothing.

**What is written.** Each reservation that takes a class relates to a copy of its main-use
group whose main-use regulation carries the class codes (one copy per group and class,
keyed by the group's key and the codes, so a re-run gives the same keys); a group no
object uses any more is left out. A shading feature whose class went somewhere is no plan
object: its report entry (fate ``changeClass``) and a decision list the objects that took
it. A shading feature whose class no reservation took (it covers none, or less than half of
each) is converted as before: a sub-area keeping the text verbatim, with CV026.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import numpy as np
import shapely

from ryhti.nlp.rules import CHANGE_CLASSES
from ryhti.parsers.columns import as_list
from ryhti.parsers.features import PlanObjects, read_column
from ryhti.parsers.grouping import Group, Grouper
from ryhti.parsers.mapping import LayerMapping
from ryhti.parsers.meaning import Base
from ryhti.parsers.modifiers import add_to
from ryhti.parsers.report import Journal, line_of
from ryhti.parsers.rules import finding
from ryhti.parsers.source import Layer

__all__ = ["CHANGE_CLASS_CODES", "SHARE", "ChangeClasses", "assign", "classes_of"]

#: The additional information codes that are change classes, in the extractor's order.
CHANGE_CLASS_CODES: tuple[str, ...] = tuple(dict.fromkeys(code for _, code in CHANGE_CLASSES))
_BY_FOLDED = {code.casefold(): code for code in CHANGE_CLASS_CODES}
#: The share of a reservation's area a class must cover for the reservation to take it.
SHARE = 0.5
#: Relative slack on the share (a reservation drawn exactly half inside takes the class).
_EPS = 1e-9
_POLYGONAL = {3, 6}


def classes_of(base: Base | None, text: Any = None) -> tuple[str, ...] | None:
    """The change classes a feature gives when it gives nothing else, else ``None``:
    ``text`` written as the codes themselves ("uusi, olennaisestiMuuttuva"), or a
    :class:`~ryhti.parsers.meaning.Base` whose only content is change-class modifiers."""
    if text is not None:
        words = [w for w in re.split(r"[\s,;+/&]+|\bja\b", str(text).strip()) if w]
        codes = [_BY_FOLDED.get(w.casefold()) for w in words]
        if words and all(codes):
            return tuple(c for c in CHANGE_CLASS_CODES if c in codes)
    if base is None or not base.only_modifiers or not base.lost:
        return None
    if any(m["type"] not in _BY_FOLDED.values() or m.get("review") for _, m in base.lost):
        return None
    found = {m["type"] for _, m in base.lost}
    return tuple(c for c in CHANGE_CLASS_CODES if c in found)


def assign(
    areas: np.ndarray, shades: np.ndarray, shade_class: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Which class each area takes (the rule of this module), vectorised.

    ``shade_class[j]`` is the class (a small int) of shading polygon ``shades[j]``. Returns
    the class of each area (-1: none), the share of its area that class covers, and the
    pairs (area, shade) through which an area took its class."""
    n = len(areas)
    taken = np.full(n, -1, dtype=np.int64)
    share_of = np.zeros(n)
    none = np.zeros(0, dtype=np.int64)
    if n == 0 or len(shades) == 0:
        return taken, share_of, none, none
    tree = shapely.STRtree(shades)
    a_idx, s_idx = tree.query(areas, predicate="intersects")
    if len(a_idx) == 0:
        return taken, share_of, none, none
    own = shapely.area(areas)
    # most reservations lie wholly inside one hatch: a predicate, no overlay, says so
    n_shades = len(shades)
    w_area, w_shade = tree.query(areas, predicate="within")
    inside = np.isin(
        a_idx.astype(np.int64) * n_shades + s_idx, w_area.astype(np.int64) * n_shades + w_shade
    )
    inter = own[a_idx].astype(float)
    cut = ~inside
    if cut.any():
        inter[cut] = shapely.area(shapely.intersection(areas[a_idx[cut]], shades[s_idx[cut]]))
    n_cls = int(shade_class.max()) + 1
    cls = shade_class[s_idx].astype(np.int64)
    pair_key = a_idx.astype(np.int64) * n_cls + cls
    keys, inverse, counts = np.unique(pair_key, return_inverse=True, return_counts=True)
    covered = np.bincount(inverse, weights=inter, minlength=len(keys))
    key_area = keys // n_cls
    # several polygons of one class over an area: their union, not the sum, where polygons of
    # that class overlap each other (a hatch layer is usually a coverage: then the sum is
    # exact) and the sum could reach the share at all
    stacked = _overlapping(tree, shades, shade_class)
    with_stacked = np.bincount(inverse, weights=stacked[s_idx], minlength=len(keys)) > 0
    need = np.flatnonzero(
        (counts > 1) & with_stacked & (covered >= SHARE * own[key_area] * (1 - _EPS))
    )
    if len(need):
        order = np.argsort(inverse, kind="stable")
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        for g in need.tolist():
            members = order[starts[g] : starts[g] + counts[g]]
            union = shapely.union_all(shades[s_idx[members]])
            covered[g] = shapely.area(shapely.intersection(areas[key_area[g]], union))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(own[key_area] > 0, covered / own[key_area], 0.0)
    key_cls = keys % n_cls
    # per area the best class: most covered first, then the class first met
    best = np.lexsort((key_cls, -share, key_area))
    first = np.ones(len(best), dtype=bool)
    first[1:] = key_area[best][1:] != key_area[best][:-1]
    winners = best[first]
    ok = winners[share[winners] >= SHARE * (1 - _EPS)]
    taken[key_area[ok]] = key_cls[ok]
    share_of[key_area[ok]] = share[ok]
    gave = (taken[a_idx] == cls) & (inter > 0)
    return taken, share_of, a_idx[gave], s_idx[gave]


def _overlapping(tree: Any, shades: np.ndarray, shade_class: np.ndarray) -> np.ndarray:
    """Per shading polygon: True when its interior meets another polygon of its class."""
    out = np.zeros(len(shades), dtype=float)
    i, j = tree.query(shades, predicate="intersects")
    same = (i < j) & (shade_class[i] == shade_class[j])
    i, j = i[same], j[same]
    if len(i):
        shared = shapely.area(shapely.intersection(shades[i], shades[j])) > 0
        out[i[shared]] = 1.0
        out[j[shared]] = 1.0
    return out


class ChangeClasses:
    """The change-class layers of one conversion: recognised while the layers are read,
    passed on to the area reservations once every layer is in (:meth:`apply`)."""

    def __init__(self, objects: PlanObjects, grouper: Grouper, journal: Journal, file: str):
        self.objects = objects
        self.grouper = grouper
        self.journal = journal
        self.file = file
        self.layers: list[tuple[Layer, LayerMapping, np.ndarray, dict, dict, list, str]] = []
        #: (main group key, classes) → the group with the classes on its main use
        self.groups: dict[tuple[str, tuple[str, ...]], Group | None] = {}
        self._kept: list[LayerMapping] = []

    def recognise(
        self,
        layer: Layer,
        entry: LayerMapping,
        geoms: np.ndarray,
        notes: dict[int, list[str]],
        unusable: dict[int, str],
    ) -> bool:
        """Keep ``layer`` for :meth:`apply` when it is a change-class layer (True)."""
        explicit = entry.role == "change_class"
        if not explicit and entry.role not in ("area", "subarea", "mixed"):
            return False
        n = len(layer)
        present = np.flatnonzero(np.array([g is not None for g in geoms], dtype=bool))
        if not len(present):
            return False
        types = shapely.get_type_id(geoms[present])
        polygonal = np.isin(types, list(_POLYGONAL))
        if not explicit and not polygonal.all():
            return False
        if not explicit:  # a quick look at one feature first: most layers are no such layer
            probe = int(present[0])
            if self._feature_classes(layer, entry, probe, probe + 1)[0] is None:
                return False
        found = self._feature_classes(layer, entry, 0, n)
        classes: list[tuple[tuple[str, ...], Base | None] | None] = [None] * n
        for i, pos in zip(present.tolist(), polygonal.tolist(), strict=True):
            if pos:
                classes[i] = found[i]
        if not explicit and any(classes[i] is None for i in present.tolist()):
            return False
        how = (
            "the mapping's role change_class"
            if explicit
            else "every feature gives only change classes"
        )
        self.layers.append((layer, entry, geoms, notes, unusable, classes, how))
        return True

    def _feature_classes(
        self, layer: Layer, entry: LayerMapping, lo: int, hi: int
    ) -> list[tuple[tuple[str, ...], Base | None] | None]:
        """Per feature ``lo``…``hi - 1``: its change classes and interpretation, or None."""
        attrs = layer.attributes.iloc[lo:hi]
        n = hi - lo
        f = entry.fields

        def col(name: str | None) -> list[Any]:
            return read_column(attrs, n, name)

        letters, meanings, texts = (
            col(f.get("letter_code")),
            col(f.get("meaning")),
            col(f.get("text")),
        )
        swes, groups, links = col(f.get("text_swe")), col(f.get("group")), col(f.get("links"))
        valued = [col(attr) for attr in entry.values.values()]
        out: list[tuple[tuple[str, ...], Base | None] | None] = []
        for k in range(n):
            if any(v[k] is not None for v in valued):
                out.append(None)
                continue
            said = texts[k] if texts[k] is not None else meanings[k]
            direct = classes_of(None, said) if said is not None and letters[k] is None else None
            if direct:
                out.append((direct, None))
                continue
            letter = None if letters[k] is None else str(letters[k]).strip()
            letter = letter or entry.letter_code_default
            link_ids = as_list(links[k])

            def stripped(v: Any) -> Any:
                return None if v is None else str(v).strip()

            signature = (
                None,
                letter,
                stripped(meanings[k]),
                stripped(texts[k]),
                stripped(swes[k]),
                None if groups[k] is None else str(groups[k]),
                (),
                tuple(link_ids),
            )
            base = self.grouper.base(
                layer, entry, signature, letter, meanings[k], texts[k], swes[k], groups[k], link_ids
            )
            found = classes_of(base)
            out.append(None if not found else (found, base))
        return out

    # -- after every layer is in ----------------------------------------------------------
    def apply(self) -> None:
        """Pass each kept layer's classes on; convert the shading no reservation took."""
        for layer, entry, geoms, notes, unusable, classes, how in self.layers:
            self._layer(layer, entry, geoms, notes, unusable, classes, how)

    def _layer(
        self,
        layer: Layer,
        entry: LayerMapping,
        geoms: np.ndarray,
        notes: dict[int, list[str]],
        unusable: dict[int, str],
        classes: list[tuple[tuple[str, ...], Base | None] | None],
        how: str,
    ) -> None:
        shading = [i for i, c in enumerate(classes) if c is not None]
        sets = list(dict.fromkeys(classes[i][0] for i in shading))  # type: ignore[index]
        number = {s: k for k, s in enumerate(sets)}
        shade_class = np.array([number[classes[i][0]] for i in shading], dtype=np.int64)  # type: ignore[index]
        areas = np.array([g for _, g in self.objects.area_objects], dtype=object)
        taken, share, pair_area, pair_shade = assign(
            areas, np.array([geoms[i] for i in shading], dtype=object), shade_class
        )
        # the groups the reservations take (one per main-use group and class)
        chosen: dict[int, Group] = {}
        for a in np.flatnonzero(taken >= 0).tolist():
            rep, _, main = self.objects.area_links[a]
            where = {"file": self.file, "layer": rep["layer"]}
            group = self._group(main, sets[int(taken[a])], where)
            if group is not None:  # None: a main use nothing can carry (no such reservation)
                chosen[a] = group
        got: dict[int, list[int]] = {}  # shade position → areas that took its class
        for a, s in zip(pair_area.tolist(), pair_shade.tolist(), strict=True):
            if a in chosen:
                got.setdefault(s, []).append(a)
        rest = [i for s, i in enumerate(shading) if s not in got]
        rest += [i for i, c in enumerate(classes) if c is None]
        if rest:  # converted as before (a sub-area keeping its text, CV026)
            rest.sort()
            fallback = replace(entry, role="subarea") if entry.role == "change_class" else entry
            self._kept.append(fallback)  # interpretations are cached by the entry's id
            self.objects.add_layer(
                _subset(layer, rest),
                fallback,
                geoms[rest],
                {k: notes[i] for k, i in enumerate(rest) if i in notes},
                {k: unusable[i] for k, i in enumerate(rest) if i in unusable},
            )
        for i in rest:  # a class written as codes: say that it is not in the plan as a code
            found = classes[i]
            if found is not None and found[1] is None:
                self._lost(layer, i, found[0])
        olds = []
        for a, group in chosen.items():
            self.grouper.by_key.setdefault(group.key, group)
            olds.append(self.objects.regroup(a, group))
        self._drop_unused(olds)
        for s, i in enumerate(shading):
            if s in got:
                self._passed(layer, entry, i, classes[i], sorted(got[s]), share, notes)  # type: ignore[arg-type]
        self.journal.decision(
            {"file": self.file, "layer": layer.name},
            "change-class layer",
            f"recognised by {how}: {len(got)} of {len(shading)} shading features gave their "
            f"class to the {len(chosen)} area reservations lying at least {SHARE:.0%} inside "
            f"them; {len(rest)} feature(s) converted as plan objects of their own",
        )

    def _drop_unused(self, groups: list[Group]) -> None:
        """Leave out of the plan the ``groups`` no object relates to any more (their objects
        took copies with a class), and out of the texts' report."""
        by_key = self.grouper.by_key
        for group in groups:
            if group.objects > 0 or by_key.get(group.key) is not group:
                continue
            del by_key[group.key]
            for tid in group.texts:
                self.grouper.texts.used.get(tid, set()).discard(group.key)

    def _lost(self, layer: Layer, i: int, codes: tuple[str, ...]) -> None:
        """CV026 for hatching whose class (written as codes) no reservation took."""
        said = " + ".join(codes)
        self.journal.note(
            finding(
                "CV026",
                f"change-class hatching {said!r}: no area reservation lies at least "
                f"{SHARE:.0%} inside it, so nothing carries the class; its text is kept as a "
                f"verbal regulation of a sub-area and {said} is not in the plan as a code",
                file=self.file,
                layer=layer.name,
                fid=layer.fids[i],
                **line_of(layer, i),
            )
        )

    def _group(self, main: Group, codes: tuple[str, ...], where: dict[str, Any]) -> Group | None:
        """``main`` with ``codes`` on its main-use regulation (made once per group and
        classes; ``main`` itself when it has them already; None when nothing carries them)."""
        cache_key = (main.key, codes)
        if cache_key in self.groups:
            return self.groups[cache_key]
        mods = [("change class", {"type": c}) for c in codes]
        regs, _, lost = add_to(main.regs, mods)
        out: Group | None
        if lost:
            out = None
        elif all(a is b for a, b in zip(regs, main.regs, strict=True)):
            out = main
        else:
            checked, guarded = self.grouper.guard.check(regs)
            key = self.grouper.keys.key("group", main.key, "change class", *codes)
            out = Group(
                key=key,
                signature=f"{main.signature} + {'+'.join(codes)}",
                letter=main.letter,
                title_fin=main.title_fin,
                title_swe=main.title_swe,
                regs=checked,
                texts=list(main.texts),
                layer=main.layer,
            )
            self.journal.place([], guarded, where, key)
            for tid in out.texts:
                self.grouper.texts.use(tid, key)
        self.groups[cache_key] = out
        return out

    def _passed(
        self,
        layer: Layer,
        entry: LayerMapping,
        i: int,
        found: tuple[tuple[str, ...], Base | None],
        areas: list[int],
        share: np.ndarray,
        notes: dict[int, list[str]],
    ) -> None:
        """The report of shading feature ``i`` whose class the ``areas`` took."""
        codes, base = found
        keys = [self.objects.area_objects[a][0] for a in areas]
        groups = sorted({self.objects.area_links[a][2].key for a in areas})
        if base is not None:
            for tid in base.used_texts:
                for key in groups:
                    self.grouper.texts.use(tid, key)
        where = {"file": self.file, "layer": layer.name, "fid": layer.fids[i]}
        shown = ", ".join(keys[:5]) + (f" … (+{len(keys) - 5})" if len(keys) > 5 else "")
        least = float(share[areas].min())
        self.journal.decision(
            where,
            f"change class {' + '.join(codes)}",
            f"additional information of the main use of the {len(keys)} area reservation(s) "
            f"lying at least {SHARE:.0%} inside this shading (the least {least:.0%}): {shown}; "
            "the shading itself is no plan object",
        )
        rep: dict[str, Any] = {
            "layer": layer.name,
            "fid": layer.fids[i],
            **line_of(layer, i),
            "fate": "changeClass",
            "reason": f"change class {' + '.join(codes)}, passed on to the area reservations "
            f"lying at least {SHARE:.0%} inside it",
            "changeClass": list(codes),
            "planObjectKeys": keys,
            "planRegulationGroupKeys": groups,
        }
        source_id = read_column(layer.attributes.iloc[i : i + 1], 1, entry.fields.get("id"))[0]
        if source_id is not None and str(source_id) != layer.fids[i]:
            rep["sourceId"] = str(source_id)
        if i in notes:
            self.objects.repairs(layer, i, notes, rep, None)
        self.journal.feature_reports.append(rep)


def _subset(layer: Layer, rows: list[int]) -> Layer:
    """The features ``rows`` of ``layer`` as a layer of their own (same name and ids)."""
    return Layer(
        name=layer.name,
        attributes=layer.attributes.iloc[rows].reset_index(drop=True),
        geometry=layer.geometry[rows],
        fids=[layer.fids[i] for i in rows],
        crs=layer.crs,
        geometry_type=layer.geometry_type,
        lines=None if layer.lines is None else [layer.lines[i] for i in rows],
        notes={k: layer.notes[i] for k, i in enumerate(rows) if i in layer.notes},
        derived=dict(layer.derived),
    )
