"""An inline SVG map of a plan with its findings drawn on top.

The HTML report must open offline and stay usable for a 100,000-object plan, so
the map is plain SVG built here, without a web map library, and kept small:

* coordinates are scaled into a 10,000-unit-wide view box and rounded to whole
  units (a tenth of a pixel on a 1,000-pixel map), written as relative moves;
* geometry is simplified with one vectorised ``shapely.simplify`` call at about
  half a pixel, coarsened step by step while the drawing exceeds a vertex budget;
* objects too small to see become one-pixel squares; past the budget the smallest
  objects are drawn as squares only, and past a cap not at all. The map says so;
* a small plan gets one SVG element per object (with a tooltip); a large one gets
  one ``<path>`` per kind of object, so the browser has a few dozen elements to
  draw instead of 100,000;
* every finding is its own element (``id="f<n>"``, ``n`` its row in the report)
  so the table can highlight it, up to :data:`MAX_FINDINGS`.

All GEOS work happens on arrays; the only Python loops format strings.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from ryhti.reports.geometry import PlanGeometry

__all__ = ["KIND_COLOURS", "MapLimits", "SvgMap", "draw"]

#: Width of the view box in map units.
VIEW_WIDTH = 10_000
#: Smallest extent of a map in plan units (metres): a lone finding is not drawn full-width.
MIN_EXTENT = 100.0
#: Tallest view box allowed (a very tall plan is scaled to fit this instead).
VIEW_MAX_HEIGHT = 14_000


@dataclass(frozen=True, slots=True)
class MapLimits:
    """What one map may draw; past these it simplifies harder, aggregates, then stops."""

    max_vertices: int = 600_000
    max_squares: int = 150_000
    max_findings: int = 5_000
    per_object_elements: int = 3_000
    #: Simplification tolerance to start from, in view units (10 units = 1 px at 1,000 px).
    tolerance: float = 4.0
    max_tolerance: float = 64.0


#: Fill colour of an object by the first letter of its regulation group's letter code,
#: after the customary colours of Finnish plan maps (``KATU`` is traffic, L).
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "A": ("#f4b183", "Asuminen / housing"),
    "K": ("#e8837a", "Keskusta, liike / centre, commerce"),
    "C": ("#e8837a", "Keskusta / centre"),
    "P": ("#f2c2d9", "Palvelut / services"),
    "Y": ("#f2a7c3", "Julkiset / public buildings"),
    "T": ("#c9a0dc", "Työ, teollisuus / industry"),
    "V": ("#9fd18b", "Virkistys / recreation"),
    "M": ("#d9ebae", "Maa- ja metsätalous / agriculture, forestry"),
    "L": ("#cfcfcf", "Liikenne / traffic"),
    "E": ("#b8c2cc", "Erityis / special, technical"),
    "S": ("#a8d8c8", "Suojelu / protection"),
    "R": ("#f7d59c", "Loma-asuminen / holiday housing"),
    "W": ("#a6cfee", "Vesi / water"),
}
OTHER_COLOUR = ("#dedede", "Muu / other")
KIND_COLOURS["X"] = OTHER_COLOUR

#: The legend's words for each kind, per report language.
KIND_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "A": "housing",
        "K": "commerce, offices",
        "C": "centre",
        "P": "services",
        "Y": "public buildings",
        "T": "industry",
        "V": "recreation",
        "M": "agriculture, forestry",
        "L": "traffic, streets",
        "E": "special, technical",
        "S": "protection",
        "R": "holiday housing, tourism",
        "W": "water",
        "X": "other",
    },
    "fi": {
        "A": "asuminen",
        "K": "liike- ja toimistorakentaminen",
        "C": "keskustatoiminnot",
        "P": "palvelut",
        "Y": "julkiset rakennukset",
        "T": "teollisuus ja varastot",
        "V": "virkistys",
        "M": "maa- ja metsätalous",
        "L": "liikenne ja kadut",
        "E": "erityisalueet",
        "S": "suojelu",
        "R": "loma-asuminen ja matkailu",
        "W": "vesi",
        "X": "muu",
    },
    "sv": {
        "A": "boende",
        "K": "affärs- och kontorsbyggande",
        "C": "centrumfunktioner",
        "P": "service",
        "Y": "allmänna byggnader",
        "T": "industri och lager",
        "V": "rekreation",
        "M": "jord- och skogsbruk",
        "L": "trafik och gator",
        "E": "specialområden",
        "S": "skydd",
        "R": "fritidsboende och turism",
        "W": "vatten",
        "X": "övrigt",
    },
}

#: Letter codes that do not start with their class's letter.
KIND_WORDS: dict[str, str] = {"KATU": "L", "KADUT": "L", "TORI": "L", "AUKIO": "L"}

#: The kind of sub-areas and of objects without a letter code: drawn as outlines only, so
#: that a building area never hides the land use it lies on.
SUB = "sub"

_POW10 = 10 ** np.arange(19, dtype=np.int64)

#: Vertex count up to which a shape is drawn as it is (a block of six corners, closed).
SIMPLE_VERTICES = 8

_POLYGON_TYPES = (3,)  # shapely type ids after get_parts: 3 = Polygon
_POINT_TYPES = (0,)


@dataclass(slots=True)
class SvgMap:
    """The SVG text and what was left out of it."""

    svg: str
    notes: list[str] = field(default_factory=list)
    drawn: set[int] = field(default_factory=set)
    kinds: list[tuple[str, str, str]] = field(default_factory=list)
    width: int = VIEW_WIDTH
    height: int = VIEW_WIDTH
    sub_areas: bool = False
    points: bool = False


@dataclass(slots=True)
class _Frame:
    minx: float
    maxy: float
    scale: float
    width: int
    height: int

    def coords(self, xy: np.ndarray) -> np.ndarray:
        out = np.empty((len(xy), 2), dtype=np.int64)
        out[:, 0] = np.rint((xy[:, 0] - self.minx) * self.scale)
        out[:, 1] = np.rint((self.maxy - xy[:, 1]) * self.scale)
        return out


def draw(
    plan: PlanGeometry | None,
    findings: list[tuple[int, Any, str]],
    *,
    limits: MapLimits | None = None,
    map_id: str = "map",
    labels: dict[str, str] | None = None,
    lang: str = "en",
) -> SvgMap | None:
    """Draw a plan (may be None) and ``(row, geometry, severity)`` findings as SVG.

    Returns None when there is nothing with a geometry to draw.
    """
    limits = limits or MapLimits()
    labels = labels or {}
    objects = plan.objects if plan is not None else np.empty(0, dtype=object)
    obj_mask = np.array([g is not None for g in objects], dtype=bool)
    obj_idx = np.flatnonzero(obj_mask)
    obj_geoms = np.asarray(objects[obj_idx], dtype=object) if len(obj_idx) else np.empty(0, object)
    boundary = plan.boundary if plan is not None else None
    f_rows = [r for r, g, _ in findings if g is not None]
    f_geoms = np.array([g for _, g, _ in findings if g is not None], dtype=object)
    f_sev = [s for _, g, s in findings if g is not None]
    notes: list[str] = []
    plan_parts = [boundary] if boundary is not None else []
    if plan_parts or len(obj_geoms):
        # The plan decides the view; a finding far outside it (coordinates in another
        # system, a stray vertex) is listed but not allowed to shrink the plan to a dot.
        frame = _frame(plan_parts, obj_geoms, np.empty(0, dtype=object))
        if frame is not None and len(f_geoms):
            view = shapely.box(*_world_box(frame, margin=0.25))
            inside = shapely.intersects(f_geoms, view)
            if not inside.all():
                notes.append(
                    labels.get(
                        "outside", "{n} findings lie far outside the plan and are not drawn."
                    ).format(n=f"{int((~inside).sum()):,}")
                )
                keep = np.flatnonzero(inside).tolist()
                f_rows = [f_rows[i] for i in keep]
                f_sev = [f_sev[i] for i in keep]
                f_geoms = f_geoms[inside]
    else:
        frame = _frame([], obj_geoms, f_geoms)
    if frame is None:
        return None
    tol_units = limits.tolerance
    parts: list[str] = [
        f'<svg id="{map_id}" class="map" '
        f'viewBox="0 0 {frame.width} {frame.height}" '
        f'data-w="{frame.width}" data-h="{frame.height}" preserveAspectRatio="xMidYMid meet">',
        f'<rect class="bg" width="{frame.width}" height="{frame.height}"/>',
    ]
    kinds_used: list[tuple[str, str, str]] = []
    present: set[str] = set()
    if len(obj_geoms):
        obj_svg, kinds_used, obj_notes, present = _objects_layer(
            plan, obj_idx, obj_geoms, frame, limits, labels, lang
        )
        parts.append(obj_svg)
        notes.extend(obj_notes)
    if boundary is not None:
        d = _paths(np.array([boundary], dtype=object), frame, tol_units)[0]
        if d:
            parts.append(f'<path class="boundary" d="{d}"/>')
    drawn: set[int] = set()
    if len(f_geoms):
        order = _pick_findings(f_sev, limits.max_findings)
        if len(order) < len(f_geoms):
            notes.append(
                labels.get(
                    "findings_capped", "Only {n} of {m} findings with a place are drawn."
                ).format(n=f"{limits.max_findings:,}", m=f"{len(f_geoms):,}")
            )
        sel = np.array(order, dtype=np.int64)
        geoms = f_geoms[sel]
        # A finding too small to see is drawn as a marker at its centre.
        x0, y0, x1, y1 = shapely.bounds(geoms).T
        tiny = np.maximum(x1 - x0, y1 - y0) * frame.scale < 30
        tiny &= shapely.get_type_id(geoms) != 0
        if tiny.any():
            geoms = geoms.copy()
            geoms[tiny] = shapely.point_on_surface(geoms[tiny])
        ds = _paths(geoms, frame, tol_units / 2)
        dims = shapely.get_dimensions(geoms)
        out = ['<g class="findings">']
        for k, i in enumerate(order):
            d = ds[k]
            if not d:
                continue
            row = f_rows[i]
            shape = ("pt", "ln", "ar")[max(0, min(2, int(dims[k])))]
            out.append(
                f'<path id="f{row}" class="f s-{f_sev[i]} {shape}" data-row="{row}" d="{d}"/>'
            )
            drawn.add(row)
        out.append("</g>")
        parts.append("".join(out))
    parts.append("</svg>")
    return SvgMap(
        svg="\n".join(parts),
        notes=notes,
        drawn=drawn,
        kinds=kinds_used,
        width=frame.width,
        height=frame.height,
        sub_areas="sub" in present,
        points="p" in present,
    )


def _world_box(frame: _Frame, margin: float) -> tuple[float, float, float, float]:
    """The frame's extent in plan coordinates, grown by ``margin`` of its size on each side."""
    w, h = frame.width / frame.scale, frame.height / frame.scale
    minx, maxy = frame.minx, frame.maxy
    return (minx - margin * w, maxy - h - margin * h, minx + w + margin * w, maxy + margin * h)


def _frame(boundary: list[Any], objects: np.ndarray, findings: np.ndarray) -> _Frame | None:
    boxes = []
    for arr in (np.array(boundary, dtype=object), objects, findings):
        if len(arr):
            b = shapely.total_bounds(arr)
            if np.isfinite(b).all():
                boxes.append(b)
    if not boxes:
        return None
    b = np.array(boxes)
    minx, miny = b[:, 0].min(), b[:, 1].min()
    maxx, maxy = b[:, 2].max(), b[:, 3].max()
    dx, dy = maxx - minx, maxy - miny
    # At least MIN_EXTENT across, so a map of one point shows its surroundings.
    grow_x, grow_y = max(0.0, MIN_EXTENT - dx) / 2, max(0.0, MIN_EXTENT - dy) / 2
    minx, maxx, miny, maxy = minx - grow_x, maxx + grow_x, miny - grow_y, maxy + grow_y
    pad = max(dx, dy, MIN_EXTENT) * 0.03
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    dx, dy = maxx - minx, maxy - miny
    scale = min(VIEW_WIDTH / dx, VIEW_MAX_HEIGHT / dy)
    return _Frame(
        minx=minx,
        maxy=maxy,
        scale=scale,
        width=int(np.ceil(dx * scale)),
        height=int(np.ceil(dy * scale)),
    )


def _objects_layer(
    plan: Any,
    obj_idx: np.ndarray,
    geoms: np.ndarray,
    frame: _Frame,
    limits: MapLimits,
    labels: dict[str, str],
    lang: str = "en",
) -> tuple[str, list[tuple[str, str, str]], list[str], set[str]]:
    notes: list[str] = []
    n = len(geoms)
    kinds = [plan.kinds[i] for i in obj_idx]
    letters = [_letter(k) for k in kinds]
    dims = shapely.get_dimensions(geoms)
    x0, y0, x1, y1 = shapely.bounds(geoms).T
    extent = np.maximum(x1 - x0, y1 - y0) * frame.scale
    # Too small to see as a shape at this scale: a one-pixel square at the centre.
    square = (extent < 10) & (dims > 0)
    # Only shapes with more vertices than a simple block gain from simplification:
    # simplifying 100,000 hexagons costs a second and removes nothing.
    raw_counts = shapely.get_num_coordinates(geoms)
    complex_idx = np.flatnonzero((raw_counts > SIMPLE_VERTICES) & ~square)
    simplified = geoms.copy()
    counts = raw_counts.copy()
    counts[square] = 0
    tol = limits.tolerance
    while len(complex_idx):
        simplified[complex_idx] = shapely.simplify(geoms[complex_idx], tol / frame.scale)
        counts[complex_idx] = shapely.get_num_coordinates(simplified[complex_idx])
        over = counts.sum() - limits.max_vertices
        # Coarser only while the complex shapes could pay for the excess themselves.
        if over <= 0 or tol >= limits.max_tolerance:
            break
        if counts[complex_idx].sum() - SIMPLE_VERTICES * len(complex_idx) < over:
            break
        tol *= 2
    if tol > limits.tolerance:
        notes.append(
            labels.get("simplified", "Objects are simplified to about {px} pixels.").format(
                px=f"{tol / 10:g}"
            )
        )
    if counts.sum() > limits.max_vertices:
        # Keep the largest shapes within the budget; the rest become squares.
        order = np.argsort(-extent, kind="stable")
        keep_budget = np.cumsum(counts[order]) <= limits.max_vertices
        demoted = order[~keep_budget]
        demoted = demoted[~square[demoted]]
        square[demoted] = True
        notes.append(
            labels.get(
                "aggregated", "{n} small objects are drawn as squares to keep the map light."
            ).format(n=f"{len(demoted):,}")
        )
    square_idx = np.flatnonzero(square)
    if len(square_idx) > limits.max_squares:
        order = square_idx[np.argsort(-extent[square_idx], kind="stable")]
        dropped = order[limits.max_squares :]
        notes.append(
            labels.get("dropped", "{n} of the smallest objects are not drawn.").format(
                n=f"{len(dropped):,}"
            )
        )
        square[dropped] = False
        skip = np.zeros(n, dtype=bool)
        skip[dropped] = True
    else:
        skip = np.zeros(n, dtype=bool)
    shape_idx = np.flatnonzero(~square & ~skip)
    d_shapes = _paths(simplified[shape_idx], frame, 0) if len(shape_idx) else []
    d = [""] * n
    for k, i in enumerate(shape_idx.tolist()):
        d[i] = d_shapes[k]
    sq_idx = np.flatnonzero(square)
    if len(sq_idx):
        centres = shapely.get_coordinates(shapely.centroid(geoms[sq_idx]))
        xy = frame.coords(centres) - 5
        for k, i in enumerate(sq_idx.tolist()):
            d[i] = f"M{xy[k, 0]} {xy[k, 1]}h10v10h-10z"
    cls = [("a" if dims[i] == 2 or square[i] else ("l" if dims[i] == 1 else "p")) for i in range(n)]
    cls = [f"a {SUB}" if c == "a" and letters[i] == SUB else c for i, c in enumerate(cls)]
    used_letters = sorted({letters[i] for i in range(n) if d[i] and cls[i] == "a"})
    words = KIND_LABELS.get(lang, KIND_LABELS["en"])
    legend = [
        (letter, KIND_COLOURS.get(letter, OTHER_COLOUR)[0], f"{letter} {words.get(letter, '')}")
        for letter in used_letters
    ]
    present = {c for i, c in enumerate(cls) if d[i]}
    if any(letters[i] == SUB and d[i] for i in range(n)):
        present.add(SUB)
    out = ['<g class="objects">']
    if n <= limits.per_object_elements:
        keys = [plan.keys[i] for i in obj_idx]
        names = [plan.name(i) for i in obj_idx]
        for i in range(n):
            if not d[i]:
                continue
            title = names[i] or kinds[i] or ""
            key = keys[i] or ""
            out.append(
                f'<path class="o {cls[i]} k{letters[i]}" data-key="{html.escape(key)}" d="{d[i]}">'
                f"<title>{html.escape(title)}</title></path>"
            )
    else:
        groups: dict[tuple[str, str], list[str]] = {}
        for i in range(n):
            if d[i]:
                groups.setdefault((cls[i], letters[i]), []).append(d[i])
        for (c, letter), ds in sorted(groups.items()):
            out.append(f'<path class="o {c} k{letter}" d="{"".join(ds)}"/>')
        notes.append(
            labels.get(
                "merged", "{n} objects are drawn merged by kind (no tooltips per object)."
            ).format(n=f"{n:,}")
        )
    out.append("</g>")
    return "".join(out), legend, notes, present


def _pick_findings(severities: list[str], cap: int) -> list[int]:
    """Which findings to draw, least severe first so errors end up on top.

    Past ``cap`` the most severe are kept; a severity that fits only in part is
    sampled evenly over the report order (which follows the plan's JSON paths),
    so the map shows where problems are rather than the first few thousand.
    """
    rank = {"error": 0, "warning": 1, "info": 2}
    by_sev: dict[int, list[int]] = {}
    for i, sev in enumerate(severities):
        by_sev.setdefault(rank.get(sev, 2), []).append(i)
    kept: list[list[int]] = []
    room = cap
    for level in sorted(by_sev):
        items = by_sev[level]
        if room <= 0:
            break
        if len(items) > room:
            picks = np.linspace(0, len(items) - 1, room).round().astype(np.int64)
            items = [items[k] for k in np.unique(picks).tolist()]
        kept.append(items)
        room -= len(items)
    return [i for items in reversed(kept) for i in items]


def _letter(kind: str) -> str:
    """The colour class of a letter code: its first letter (``AK-1`` → A), streets L,
    sub-areas (lower-case codes: ``sr``, ``pk``) and objects without a code :data:`SUB`."""
    kind = kind.strip()
    if not kind or not kind[0].isalpha() or kind[0].islower():
        return SUB
    word = kind.split("-", 1)[0].split("/", 1)[0].upper()
    if word in KIND_WORDS:
        return KIND_WORDS[word]
    return kind[0].upper() if kind[0].upper() in KIND_COLOURS else "X"


def _number_text(values: np.ndarray) -> tuple[str, list[int]]:
    """Integers joined by spaces, and where each one starts (one extra entry at the end).

    One ``join`` over all vertices instead of a formatted string per vertex: slicing
    this text per ring is what keeps 600,000 vertices well under a second.
    """
    ints = values.astype(np.int64)
    text = " ".join(map(str, ints.tolist()))
    digits = np.maximum(1, np.searchsorted(_POW10, np.abs(ints), side="right"))
    widths = digits + (ints < 0) + 1  # the number, its sign, the space after it
    offsets = np.concatenate([[0], np.cumsum(widths)]).tolist()
    return text + " ", offsets


def _paths(geoms: np.ndarray, frame: _Frame, tol_units: float) -> list[str]:
    """SVG path data for each geometry (empty string when nothing is left to draw)."""
    n = len(geoms)
    if n == 0:
        return []
    if tol_units > 0:
        geoms = shapely.simplify(geoms, tol_units / frame.scale)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    # GeometryCollections hold multi-part members: explode once more.
    multi = shapely.get_type_id(parts) >= 4
    if multi.any():
        sub, sub_owner = shapely.get_parts(parts[multi], return_index=True)
        owner = np.concatenate([owner[~multi], owner[multi][sub_owner]])
        parts = np.concatenate([parts[~multi], sub])
    types = shapely.get_type_id(parts)
    # (vertex coordinates, ring of each vertex, owner of each ring, closed)
    pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray, bool]] = []
    for type_ids, closed in ((_POLYGON_TYPES, True), ((1,), False)):
        mask = np.isin(types, type_ids)
        if mask.any():
            # one ragged-array export per type: far faster than get_rings per polygon
            _, coords, offsets = shapely.to_ragged_array(parts[mask], include_z=False)
            ring_offsets = offsets[0]
            vertex_ring = np.repeat(np.arange(len(ring_offsets) - 1), np.diff(ring_offsets))
            owners = owner[mask]
            if closed:  # rings -> their polygon -> its owner
                owners = np.repeat(owners, np.diff(offsets[1]))
            pieces.append((coords, vertex_ring, owners, closed))
    rings_mask = np.isin(types, (2,))  # bare LinearRings, rare
    if rings_mask.any():
        coords, vertex_ring = shapely.get_coordinates(parts[rings_mask], return_index=True)
        pieces.append((coords, vertex_ring, owner[rings_mask], True))
    out: list[list[str]] = [[] for _ in range(n)]
    for coords, idx, ring_owner, closed in pieces:
        if not len(coords):
            continue
        xy = frame.coords(coords)
        # drop vertices that round onto the previous one
        same = np.zeros(len(xy), dtype=bool)
        same[1:] = (idx[1:] == idx[:-1]) & (xy[1:] == xy[:-1]).all(axis=1)
        xy, idx = xy[~same], idx[~same]
        starts = np.flatnonzero(np.r_[True, idx[1:] != idx[:-1]])
        ends = np.r_[starts[1:], len(idx)]
        delta = np.diff(xy, axis=0, prepend=xy[:1])
        text, offsets = _number_text(delta.ravel())
        abs_x, abs_y = xy[:, 0].tolist(), xy[:, 1].tolist()
        for s, e, ring in zip(starts.tolist(), ends.tolist(), idx[starts].tolist(), strict=True):
            last = e - 1 if closed and e - s > 2 else e
            if last - s < 2:
                continue  # collapsed to a point at this scale
            # relative moves of vertices s+1 .. last-1: tokens 2(s+1) .. 2·last-1
            body = text[offsets[2 * (s + 1)] : offsets[2 * last] - 1]
            out[ring_owner[ring]].append(f"M{abs_x[s]} {abs_y[s]}l{body}{'z' if closed else ''}")
    pts = np.isin(types, _POINT_TYPES)
    if pts.any():
        coords = frame.coords(shapely.get_coordinates(parts[pts]))
        for (x, y), o in zip(coords.tolist(), owner[pts].tolist(), strict=True):
            out[o].append(f"M{x} {y}h0")
    return ["".join(p) for p in out]
