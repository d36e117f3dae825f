"""GML geometry (3.1.1 and 3.2) → shapely, with arcs linearised and a note saying so.

Understood: Point (pos, coordinates), LineString / LinearRing (posList, pos,
coordinates), Curve with LineStringSegment, Arc, ArcString, Circle segments, Ring of
curveMembers, Polygon and PolygonPatch (exterior/interior), Surface (patches),
MultiSurface / MultiPolygon, MultiCurve / MultiLineString, MultiPoint,
CompositeSurface / CompositeCurve. Elements are matched by local name, so the GML
3.1.1 namespace of KuntaGML and the 3.2 namespace of the national model both work.

Arcs: every ``Arc``/``ArcString``/``Circle`` is replaced by chords within the arc
tolerance (:data:`~ryhti.parsers.geometry.DEFAULT_ARC_TOLERANCE`, 1 cm by default), and
the feature gets a note (rule CV016 in the report) with how many arcs were linearised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import shapely

from ryhti.errors import InputError
from ryhti.parsers.geometry import DEFAULT_ARC_TOLERANCE, arc_points

__all__ = ["GeometryReader", "local", "srs_code"]

_EPSG = re.compile(r"(?:EPSG(?::|::|/0/|/)|epsg\.xml#)(\d{4,6})", re.IGNORECASE)


def local(tag: Any) -> str:
    """Local name of an lxml tag (``{ns}name`` → ``name``)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def srs_code(srs_name: str | None) -> str | None:
    """EPSG code in an srsName (``EPSG:3879``, ``urn:ogc:def:crs:EPSG::3879``, URL forms)."""
    if not srs_name:
        return None
    match = _EPSG.search(srs_name)
    return match.group(1) if match else None


@dataclass
class GeometryReader:
    """Reads GML geometry elements; collects the srsNames seen and the arcs linearised."""

    tolerance: float = DEFAULT_ARC_TOLERANCE
    source: str | None = None
    srs: set[str] = field(default_factory=set)
    arcs: int = 0

    # -- public ---------------------------------------------------------------------------
    def srs_codes(self) -> set[str]:
        """EPSG codes of every srsName read so far."""
        return {c for c in (srs_code(s) for s in self.srs) if c}

    def crs(self) -> Any:
        """The document's coordinate system when its geometries name exactly one."""
        from ryhti.parsers.crs import parse_crs

        codes = self.srs_codes()
        return parse_crs(next(iter(codes)), source=self.source) if len(codes) == 1 else None

    def read(self, element: Any) -> Any:
        """The shapely geometry of a GML geometry element (None when empty or Null)."""
        name = local(element.tag)
        srs = element.get("srsName")
        if srs:
            self.srs.add(srs)
        method = getattr(self, f"_{name}", None)
        if method is None:
            raise InputError(
                f"unsupported GML geometry <{name}>",
                source=self.source,
                where=f"line {element.sourceline}",
            )
        try:
            return method(element)
        except InputError as exc:  # from arc helpers that do not know the file
            if exc.source is None:
                exc.source = self.source
                exc.where = exc.where or f"line {element.sourceline}"
            raise

    def first_geometry(self, prop: Any) -> Any:
        """The geometry inside a property element (``<sijainti><gml:Polygon>…``)."""
        for child in prop:
            if isinstance(child.tag, str):
                return self.read(child)
        return None

    # -- coordinates ----------------------------------------------------------------------
    def _dim(self, element: Any) -> int:
        node = element
        while node is not None:
            dim = node.get("srsDimension")
            if dim:
                try:
                    return int(dim)
                except ValueError:
                    break
            node = node.getparent()
        return 2

    def _coords(self, element: Any) -> list[tuple[float, ...]]:
        dim = self._dim(element)
        points: list[tuple[float, ...]] = []
        for child in element:
            name = local(child.tag)
            if name == "posList" or name == "pos":
                d = self._int(child.get("srsDimension"), dim, child)
                points.extend(self._numbers(child.text, d, child))
            elif name == "coordinates":
                cs = child.get("cs", ",")
                ts = child.get("ts", " ")
                for tup in (child.text or "").split(ts if ts != " " else None):
                    if tup.strip():
                        points.append(tuple(self._float(v, child) for v in tup.split(cs)))
            elif name in ("pointProperty", "pointRep"):
                for pt in child:
                    if isinstance(pt.tag, str):
                        points.extend(self._coords(pt))
        return [p[:2] for p in points]

    def _int(self, text: str | None, default: int, element: Any) -> int:
        if not text:
            return default
        try:
            return int(text)
        except ValueError:
            raise InputError(
                f"srsDimension {text[:20]!r} is not a whole number",
                source=self.source,
                where=f"line {element.sourceline}",
            ) from None

    def _numbers(self, text: str | None, dim: int, element: Any) -> list[tuple[float, ...]]:
        values = [self._float(v, element) for v in (text or "").split()]
        if dim < 2 or len(values) % dim:
            raise InputError(
                f"coordinate list of {len(values)} numbers does not divide into {dim}-D points",
                source=self.source,
                where=f"line {element.sourceline}",
            )
        return [tuple(values[i : i + dim]) for i in range(0, len(values), dim)]

    def _float(self, text: str, element: Any) -> float:
        try:
            value = float(text)
        except ValueError:
            raise InputError(
                f"coordinate {text[:20]!r} is not a number",
                source=self.source,
                where=f"line {element.sourceline}",
            ) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise InputError(
                "coordinate is not finite", source=self.source, where=f"line {element.sourceline}"
            )
        return value

    # -- curves ---------------------------------------------------------------------------
    def _curve_points(self, element: Any) -> list[tuple[float, ...]]:
        name = local(element.tag)
        if name in ("LineString", "LinearRing", "LineStringSegment"):
            return self._coords(element)
        if name in ("Arc", "ArcString"):
            pts = self._coords(element)
            if len(pts) < 3 or len(pts) % 2 == 0:
                raise InputError(
                    f"<{name}> needs an odd number (≥ 3) of points, has {len(pts)}",
                    source=self.source,
                    where=f"line {element.sourceline}",
                )
            out = [pts[0]]
            for i in range(0, len(pts) - 2, 2):
                seg = arc_points(pts[i], pts[i + 1], pts[i + 2], self.tolerance)
                out.extend(seg[1:])
                self.arcs += 1
            return out
        if name == "Circle":
            pts = self._coords(element)
            if len(pts) != 3:
                raise InputError(
                    "<Circle> needs three points",
                    source=self.source,
                    where=f"line {element.sourceline}",
                )
            self.arcs += 1
            return _circle(pts, self.tolerance)
        if name in ("Curve", "OrientableCurve", "CompositeCurve"):
            out: list[tuple[float, ...]] = []
            for seg in self._segments(element):
                pts = self._curve_points(seg)
                if out and pts and _same(out[-1], pts[0]):
                    pts = pts[1:]
                out.extend(pts)
            return out
        raise InputError(
            f"unsupported GML curve <{name}>",
            source=self.source,
            where=f"line {element.sourceline}",
        )

    def _segments(self, element: Any) -> list[Any]:
        found = []
        for child in element:
            name = local(child.tag)
            if name in ("segments", "curveMember", "baseCurve"):
                found.extend(c for c in child if isinstance(c.tag, str))
        return found

    def _ring(self, element: Any) -> list[tuple[float, ...]]:
        name = local(element.tag)
        if name == "LinearRing":
            pts = self._coords(element)
        elif name == "Ring":
            pts = []
            for member in element:
                if local(member.tag) != "curveMember":
                    continue
                for curve in member:
                    if not isinstance(curve.tag, str):
                        continue
                    part = self._curve_points(curve)
                    if pts and part and _same(pts[-1], part[0]):
                        part = part[1:]
                    pts.extend(part)
        else:
            raise InputError(
                f"unsupported GML ring <{name}>",
                source=self.source,
                where=f"line {element.sourceline}",
            )
        if pts and not _same(pts[0], pts[-1]):
            pts.append(pts[0])
        return pts

    # -- geometry types ---------------------------------------------------------------------
    def _Null(self, element: Any) -> None:
        return None

    def _Point(self, element: Any) -> Any:
        pts = self._coords(element)
        if not pts:
            return None
        return shapely.Point(pts[0])

    def _LineString(self, element: Any) -> Any:
        return shapely.LineString(self._curve_points(element))

    _Curve = _LineString
    _CompositeCurve = _LineString
    _OrientableCurve = _LineString

    def _Polygon(self, element: Any) -> Any:
        shell = None
        holes = []
        for child in element:
            name = local(child.tag)
            if name in ("exterior", "outerBoundaryIs", "interior", "innerBoundaryIs"):
                ring = next((c for c in child if isinstance(c.tag, str)), None)
                if ring is None:
                    continue
                pts = self._ring(ring)
                if name in ("exterior", "outerBoundaryIs"):
                    shell = pts
                else:
                    holes.append(pts)
        if shell is None:
            return None
        return shapely.Polygon(shell, holes)

    _PolygonPatch = _Polygon

    def _Surface(self, element: Any) -> Any:
        polys = []
        for child in element:
            if local(child.tag) in ("patches", "polygonPatches"):
                for patch in child:
                    if isinstance(patch.tag, str):
                        polys.append(self.read(patch))
        polys = [p for p in polys if p is not None]
        if not polys:
            return None
        return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)

    def _members(self, element: Any) -> list[Any]:
        out = []
        for child in element:
            name = local(child.tag)
            if name.endswith("Member") or name.endswith("Members"):
                for g in child:
                    if isinstance(g.tag, str):
                        out.append(self.read(g))
        return [g for g in out if g is not None]

    def _MultiSurface(self, element: Any) -> Any:
        parts: list[Any] = []
        for g in self._members(element):
            parts.extend(shapely.get_parts(g))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)

    _MultiPolygon = _MultiSurface
    _CompositeSurface = _MultiSurface

    def _MultiCurve(self, element: Any) -> Any:
        parts = self._members(element)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else shapely.MultiLineString(parts)

    _MultiLineString = _MultiCurve

    def _MultiPoint(self, element: Any) -> Any:
        parts = self._members(element)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else shapely.MultiPoint(parts)


def _same(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return abs(a[0] - b[0]) < 1e-9 and abs(a[1] - b[1]) < 1e-9


def _circle(pts: list[tuple[float, ...]], tolerance: float) -> list[tuple[float, ...]]:
    """A full circle through three points, as a closed ring."""
    (x0, y0), (x1, y1), (x2, y2) = (p[:2] for p in pts)
    d = 2 * (x0 * (y1 - y2) + x1 * (y2 - y0) + x2 * (y0 - y1))
    if abs(d) < 1e-12:
        raise InputError("<Circle> points are collinear")
    s0, s1, s2 = x0 * x0 + y0 * y0, x1 * x1 + y1 * y1, x2 * x2 + y2 * y2
    cx = (s0 * (y1 - y2) + s1 * (y2 - y0) + s2 * (y0 - y1)) / d
    cy = (s0 * (x2 - x1) + s1 * (x0 - x2) + s2 * (x1 - x0)) / d
    opposite = (2 * cx - x0, 2 * cy - y0)
    return arc_points((x0, y0), opposite, (x0, y0), tolerance)
