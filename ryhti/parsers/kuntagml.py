"""KuntaGML asemakaava and yleiskaava (2.1.x and 2.3.0) → :class:`Source`.

Both namespace domains (``paikkatietopalvelu.fi`` of older data, ``kuntatietopalvelu.fi``
of newer) and the ``_2.3.0`` prefixes are accepted: elements are matched by local
name within any namespace containing ``asemakaava`` or ``yleiskaava``.

Asemakaava layers (the ``kuntagml`` preset maps them):

* ``kaava_alue`` — ``Kaava`` with its valid (or approved) area;
* ``korttelit`` — ``Kortteli`` (block number), ``kayttotarkoitusalueet`` — block parts
  (``Korttelinosa``) and the other land-use areas (Virkistysalue, Katualue …);
* ``maarayskohteet`` — regulation areas (Rakennusala, Suojelualuemaarays …),
  ``maaraysviivat`` — ``KaavamaaraysViiva``, ``maarayspisteet`` — ``KaavamaaraysPiste``.

``Kaavamaarays`` elements become text entries (``yhteisetkaavamaaraykset`` → general
regulations); features point at them with ``kaavamaarayslinkit`` (xlink). Plan units
(``kaavayksikot``) and unclassified objects (``luokittelemattomatkohteet``) have no
place in a RYHTI plan and are reported as not representable, each with its content.

Yleiskaava (``ykaava:Yleiskaava``): ``YleiskaavaAlue`` → ``kaava_alue``; merkintä
features by geometry → ``yk_alueet``, ``yk_viivat``, ``yk_pisteet``, with the
regulation text inline (``merkintaaKoskevaMaarays``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.codelists import registry
from ryhti.errors import InputError
from ryhti.parsers.geometry import DEFAULT_ARC_TOLERANCE
from ryhti.parsers.gmlgeom import GeometryReader, local
from ryhti.parsers.source import Source, TextEntry, feature_layer
from ryhti.parsers.sourcecodes import lifecycle_of

__all__ = ["read_kuntagml", "read_xml"]

_XLINK = "{http://www.w3.org/1999/xlink}href"
_LAND_USE = {
    "Korttelinosa",
    "Virkistysalue",
    "MuuLiikennealue",
    "Erityisalue",
    "MaaMetsatalousalue",
    "Suojelualue",
    "Vesialue",
    "Katualue",
}
_REGULATION_AREAS = {
    "Rakennusala",
    "Suojelualuemaarays",
    "Maisema-alue",
    "Muualue",
    "Liikennointi",
    "Johdoillevarattualue",
    "Yhteiskayttoalue",
    "Istutusalue",
}
#: Property elements that hold a feature's geometry.
_GEOMETRY = {"aluesijainti", "sijainti", "voimassaolosijainti", "hyvaksymissijainti"}
#: Child elements that hold nested features or cartography, not attributes.
_CONTAINERS = {
    "korttelinosat",
    "tontit",
    "kaavamaaraykset",
    "yhteisetkaavamaaraykset",
    "tilastotiedot",
    "historiatiedot",
    "liitteet",
    "kaavamerkkikokoelma",
    "kunnanosa",
    "teknisetTiedot",
    "kaavamaarayskirjasto",
    "metatieto",
    "boundedBy",
    "labelTieto",
}


def _is_plan_ns(tag: Any) -> bool:
    return (
        isinstance(tag, str)
        and tag.startswith("{")
        and ("asemakaava" in tag or "yleiskaava" in tag)
    )


def _gml_id(el: Any) -> str | None:
    for key, value in el.attrib.items():
        if local(key) == "id":
            return value
    return None


def read_kuntagml(path: str | Path, root: Any, *, arc_tolerance: float | None = None) -> Source:
    """Read a parsed KuntaGML document."""
    reader = _Reader(Path(path), arc_tolerance or DEFAULT_ARC_TOLERANCE)
    return reader.read(root)


class _Reader:
    def __init__(self, path: Path, tolerance: float) -> None:
        self.path = path
        self.file = path.name
        self.geo = GeometryReader(tolerance=tolerance, source=str(path))
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.geoms: dict[str, list[Any]] = {}
        self.lines: dict[str, list[int | None]] = {}
        self.notes: dict[str, dict[int, list[str]]] = {}
        self.texts: list[TextEntry] = []
        self.unrepresentable: list[dict[str, Any]] = []
        self.plan: dict[str, Any] = {}
        self.yleiskaava = False

    def read(self, root: Any) -> Source:
        self.yleiskaava = "yleiskaava" in root.tag
        for el in root.iter():
            if not _is_plan_ns(el.tag):
                continue
            name = local(el.tag)
            parent = local(el.getparent().tag) if el.getparent() is not None else ""
            if self.yleiskaava:
                self._yleiskaava(el, name)
                continue
            if name == "Kaava":
                self._feature(
                    el, "kaava_alue", geometry_props=("voimassaolosijainti", "hyvaksymissijainti")
                )
                self._plan_facts(el)
            elif name == "Kaavamaarays":
                self._regulation(el)
            elif name == "Kortteli":
                self._feature(el, "korttelit")
            elif name in _LAND_USE:
                self._feature(el, "kayttotarkoitusalueet")
            elif name in _REGULATION_AREAS:
                self._feature(el, "maarayskohteet")
            elif name == "KaavamaaraysViiva":
                self._feature(el, "maaraysviivat")
            elif name == "KaavamaaraysPiste":
                self._feature(el, "maarayspisteet")
            elif (
                parent in ("luokittelemattomatkohteet", "kaavayksikot") and _gml_id(el) is not None
            ):
                self._unrepresentable(el, parent)
        if not self.rows and not self.texts:
            raise InputError(
                "KuntaGML document holds no plan features",
                source=self.path,
                hint="expected akaava:Kaava, land-use areas or regulation objects",
            )
        return self._source()

    # -- asemakaava ---------------------------------------------------------------------------
    def _plan_facts(self, el: Any) -> None:
        for child in el:
            name = local(child.tag)
            if name in (
                "kaavatunnus",
                "kaavanimi1",
                "kaavanimi2",
                "kaavanvaihe",
                "kaavatyyppi",
                "hyvaksymispvm",
                "voimaantulopvm",
            ):
                self.plan[name] = (child.text or "").strip()
        if self.plan.get("kaavatunnus"):
            self.plan["id"] = self.plan["kaavatunnus"]
        self._phase_facts("kaavanvaihe", "hyvaksymispvm")

    def _phase_facts(self, phase_key: str, date_key: str) -> None:
        """The lifecycle and approval date a plan element states (KuntaGML's plan phase)."""
        phase = self.plan.get(phase_key)
        lifecycle = lifecycle_of(phase, registry())
        if lifecycle:
            self.plan["lifecycle"] = lifecycle
            self.plan["lifecycle_text"] = f"{phase_key} {phase!r}"
        date = str(self.plan.get(date_key) or "")[:10]
        if date and date != "1001-01-01":
            self.plan["approval_date"] = date
            self.plan["approval_date_text"] = date_key
        begin = str(self.plan.get("voimaantulopvm") or "")[:10]
        if begin and begin != "1001-01-01":
            self.plan["validity_begin"] = begin
            self.plan["validity_begin_text"] = "voimaantulopvm"

    def _regulation(self, el: Any) -> None:
        gid = _gml_id(el) or f"line{el.sourceline}"
        text = swe = sign = code = None
        for child in el:
            name = local(child.tag)
            if name == "maaraysteksti_primaari":
                text = (child.text or "").strip()
            elif name == "maaraysteksti_sekundaari":
                swe = (child.text or "").strip() or None
            elif name == "kaavamerkinta":
                sign = (child.text or "").strip() or None
            elif name == "ymparistoministerionkoodi":
                code = (child.text or "").strip() or None
        general = any(local(a.tag) == "yhteisetkaavamaaraykset" for a in el.iterancestors())
        if not text:
            self.unrepresentable.append(
                {
                    "file": self.file,
                    "layer": "Kaavamaarays",
                    "fid": gid,
                    "line": el.sourceline,
                    "what": f"Kaavamaarays {gid}",
                    "reason": "regulation without text",
                    "cartographic": False,
                }
            )
            return
        self.texts.append(
            TextEntry(
                id=gid,
                text=text,
                sign=None if general else sign,
                general=general,
                file=self.file,
                line=el.sourceline,
                swe=swe,
                code=code,
            )
        )

    def _unrepresentable(self, el: Any, container: str) -> None:
        reason = (
            "plan units (kaavayksikkö) have no counterpart in RYHTI (Syke left them out on "
            "purpose); binding plot division is a separate matter"
            if container == "kaavayksikot"
            else "unclassified object (luokittelematon kohde): no plan meaning to carry over"
        )
        content = {
            local(c.tag): (c.text or "").strip()
            for c in el
            if isinstance(c.tag, str) and len(c) == 0 and (c.text or "").strip()
        }
        self.unrepresentable.append(
            {
                "file": self.file,
                "layer": container,
                "fid": _gml_id(el),
                "line": el.sourceline,
                "what": f"{local(el.tag)} {_gml_id(el)}",
                "reason": reason,
                "content": content,
                "cartographic": container != "kaavayksikot",
            }
        )

    def _feature(self, el: Any, layer: str, geometry_props: tuple[str, ...] | None = None) -> None:
        row: dict[str, Any] = {
            "gml_id": _gml_id(el) or f"line{el.sourceline}",
            "kohdetyyppi": local(el.tag),
        }
        geometry = None
        arcs = self.geo.arcs
        props = geometry_props or tuple(_GEOMETRY)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = local(child.tag)
            if name in props and geometry is None:
                geometry = self._geometry(child)
                continue
            if name in _GEOMETRY or name in _CONTAINERS:
                continue
            if name == "labelit":
                row["labelit"] = len([c for c in child if isinstance(c.tag, str)])
            elif name == "kaavamaarayslinkit":
                row["kaavamaarayslinkit"] = ",".join(
                    (link.get(_XLINK) or "").lstrip("#")
                    for link in child
                    if isinstance(link.tag, str) and link.get(_XLINK)
                )
            elif len(child) == 0:
                text = (child.text or "").strip()
                if (
                    child.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true"
                    or text == "1001-01-01"
                ):
                    continue
                row[name] = text or None
            else:
                row[name] = " ".join(t.strip() for t in child.itertext() if t.strip()) or None
        if not row.get("kaavamerkinta") and row.get("kayttotarkoitus"):
            letter = str(row["kayttotarkoitus"]).split(" - ", 1)[0].strip()
            if letter and letter != "ei tiedossa":
                row["kaavamerkinta_johdettu"] = letter
        self._add(layer, row, geometry, el.sourceline, self.geo.arcs - arcs)

    def _geometry(self, prop: Any) -> Any:
        name = local(prop.tag)
        if name == "aluesijainti":
            # AlueSijainti elements: take the areas (alue); the edge (reunaviiva) and
            # reference point duplicate them
            parts = []
            for sij in prop.iter():
                if isinstance(sij.tag, str) and local(sij.tag) == "alue":
                    g = self.geo.first_geometry(sij)
                    if g is not None:
                        parts.append(g)
            if not parts:
                return None
            if len(parts) == 1:
                return parts[0]
            import shapely

            return shapely.union_all(parts)
        return self.geo.first_geometry(prop)

    def _add(
        self, layer: str, row: dict[str, Any], geometry: Any, line: int | None, arcs: int
    ) -> None:
        index = len(self.rows.setdefault(layer, []))
        self.rows[layer].append(row)
        self.geoms.setdefault(layer, []).append(geometry)
        self.lines.setdefault(layer, []).append(line)
        if arcs:
            self.notes.setdefault(layer, {})[index] = [
                f"arc linearised: {arcs} arc(s) replaced by chords within {self.geo.tolerance:g} m"
            ]

    # -- yleiskaava ---------------------------------------------------------------------------
    def _yleiskaava(self, el: Any, name: str) -> None:
        if name == "YleiskaavaAlue":
            self._feature(el, "kaava_alue", geometry_props=("sijainti",))
            for child in el:
                cname = local(child.tag)
                if (
                    cname
                    in (
                        "kaavatunnusKunta",
                        "kaavatunnusYleinen",
                        "nimi",
                        "kaavanVaihe",
                        "hyvaksymisPvm",
                        "oikeusvaikutteinenKytkin",
                        "mittakaava",
                    )
                    and (child.text or "").strip()
                ):
                    self.plan[cname] = child.text.strip()
                if cname == "maarays" and (child.text or "").strip():
                    self.texts.append(
                        TextEntry(
                            id=f"{_gml_id(el)}/maarays{len(self.texts) + 1}",
                            text=child.text.strip(),
                            general=True,
                            file=self.file,
                            line=child.sourceline,
                        )
                    )
            self.plan["id"] = self.plan.get("kaavatunnusKunta") or self.plan.get(
                "kaavatunnusYleinen"
            )
            self._phase_facts("kaavanVaihe", "hyvaksymisPvm")
            effect = str(self.plan.get("oikeusvaikutteinenKytkin") or "").casefold()
            if effect in ("true", "1", "false", "0"):
                self.plan["legal_effect"] = ["1"] if effect in ("true", "1") else ["2"]
                self.plan["legal_effect_text"] = f"oikeusvaikutteinenKytkin {effect}"
            scale = str(self.plan.get("mittakaava") or "").replace(" ", "")
            if scale.isdigit() and int(scale) > 0:
                self.plan["scale"] = int(scale)
            return
        if _gml_id(el) is None:
            return
        sij = next((c for c in el if isinstance(c.tag, str) and local(c.tag) == "sijainti"), None)
        if sij is None:
            return
        kind = next((local(g.tag) for g in sij if isinstance(g.tag, str)), "")
        if kind in ("Point", "MultiPoint"):
            layer = "yk_pisteet"
        elif kind in ("LineString", "Curve", "MultiCurve", "MultiLineString", "CompositeCurve"):
            layer = "yk_viivat"
        else:
            layer = "yk_alueet"
        self._feature(el, layer, geometry_props=("sijainti",))

    # -- output -------------------------------------------------------------------------------
    def _source(self) -> Source:
        codes = self.geo.srs_codes()
        if len(codes) > 1:
            raise InputError(
                f"the document mixes coordinate systems ({', '.join(sorted(codes))})",
                source=self.path,
            )
        crs = self.geo.crs()
        layers = []
        for name, items in self.rows.items():
            derived = {}
            if any("kaavamerkinta_johdettu" in row for row in items):
                derived["kaavamerkinta_johdettu"] = "letter code read from kayttotarkoitus"
            layers.append(
                feature_layer(
                    name,
                    items,
                    self.geoms[name],
                    self.lines[name],
                    crs,
                    notes=self.notes.get(name, {}),
                    derived=derived,
                )
            )
        if self.yleiskaava:
            self.plan.setdefault("plan_type", "21")
        return Source(
            path=str(self.path),
            kind="kuntagml-yleiskaava" if self.yleiskaava else "kuntagml-asemakaava",
            layers=layers,
            crs=crs,
            texts=self.texts,
            plan={k: v for k, v in self.plan.items() if v},
            preset="kuntagml-yleiskaava" if self.yleiskaava else "kuntagml",
            unrepresentable=self.unrepresentable,
            check_axes=True,
        )


def read_xml(path: str | Path, root: Any, options: Any) -> Source:
    """The registry's entry point (:mod:`ryhti.parsers.formats`)."""
    return read_kuntagml(path, root, arc_tolerance=options.arc_tolerance)
