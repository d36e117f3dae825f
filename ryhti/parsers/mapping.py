"""The declarative mapping: which layer and attribute holds what (TOML).

A mapping file says, per source layer, what role its features play in the plan and
which attribute holds which piece of it. Example::

    version = 1
    name = "Espoo asemakaava layers"

    [plan]
    id = "espoo-210900"          # identity of the plan: keys are uuid5 over it
    plan_type = "31"             # RY_Kaavalaji code (31 = asemakaava)
    lifecycle = "04"             # kaavaelinkaari code for the plan and everything in it
    approval_date = 2024-05-13   # approvalDate (needed from lifecycle 06 on)
    legal_effect = ["1"]         # yleiskaava: legalEffectOfLocalMasterPlans (oikeusvaik_YK)

    [geometry]
    snap = 0.0                   # metres; 0 = no snapping
    arc_tolerance = 0.01         # metres between an arc and its chords

    [[layers]]
    layer = "kayttotarkoitusalueet"
    role = "area"                # boundary | area | subarea | change_class | mixed | line | point |
                                 # texts | ignore
    id = "tunnus"                # stable source id (default: the feature id)
    letter_code = "kaavamerkinta"
    text = "maaraysteksti"       # free regulation text, typed by the extractor
    [layers.values]              # RY_Kaavamaarayslaji code = attribute with its value
    tehokkuusluku = "e"
    maanpaallinenKerroslukuLuku = "kerrosluku"
    kadunTaiTienNimi = "kadunnimi"
    [layers.values_swe]          # the Swedish of text values (bilingual municipalities)
    kadunTaiTienNimi = "kadunnimi_sv"
    [layers.ignore]              # attributes that carry nothing for the plan, with why
    muokattu = "edit time of the drawing tool"

Every attribute of a mapped layer must appear somewhere (a field above, ``values``,
or ``ignore``); the rest is reported as unmapped (CV001), an error with ``--strict``.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.errors import InputError
from ryhti.io import decode_text, parse_toml, read_bytes

__all__ = ["PLAN_KEYS", "ROLES", "LayerMapping", "Mapping", "load_mapping", "parse_mapping"]

#: What a layer's features become.
ROLES = {
    "boundary": "the plan area (geographicalArea)",
    "area": "area reservations (aluevaraus): plan objects with a main-use group",
    "subarea": "sub-areas (osa-alue): plan objects with their own group",
    "change_class": "yleiskaava change-class shading: its class goes to the main use of the "
    "area reservations lying at least half inside it; shading that no reservation takes is a "
    "sub-area",
    "mixed": "plan objects of any kind: a polygon with a main use is an area reservation, "
    "any other polygon a sub-area; lines and points by their geometry",
    "line": "line objects",
    "point": "point objects",
    "texts": "regulation texts (sign + text) without geometry",
    "ignore": "left out on purpose (the reason is reported)",
}

#: Single-attribute fields of a layer mapping, with where they go.
FIELDS = {
    "id": "stable source id (keys)",
    "letter_code": "letter code → regulation types through the notation table",
    "meaning": "notation meaning text → regulation types through the notation table",
    "text": "regulation text → extractor",
    "text_swe": "Swedish regulation text",
    "name": "plan object name (fin)",
    "name_swe": "plan object name (swe)",
    "description": "plan object description (fin)",
    "number": "plan object number",
    "underground": "underground status",
    "group": "regulation group name (groups features explicitly)",
    "sign": "sign of a regulation text (texts layers)",
    "general": "marks a general regulation (texts layers)",
    "links": "ids of source regulation texts that apply to the feature",
    "key": "plan object key kept from an earlier conversion",
    "kind": "what the source says the feature is: paakayttotarkoitus (an area reservation) "
    "or osaAlue (a sub-area)",
}

#: Keys of the ``[plan]`` table: plan-level facts, over what the source says.
PLAN_KEYS = {
    "id": "identity of the plan (keys are uuid5 over it)",
    "plan_type": "RY_Kaavalaji code or name (31, asemakaava, 21 …)",
    "lifecycle": "kaavaelinkaari code of the plan and everything in it",
    "approval_date": "approvalDate, YYYY-MM-DD",
    "validity_begin": "periodOfValidity.begin (entry into force), YYYY-MM-DD",
    "legal_effect": "legalEffectOfLocalMasterPlans: oikeusvaik_YK code(s) (yleiskaava)",
    "srid": "EPSG code of the output",
    "scale": "scale of the plan (denominator)",
    "description": "planDescription",
}
# Also per layer: ``regulation`` (RY_Kaavamaarayslaji code(s) every feature gets),
# ``letter_code_default`` (letter code for features without one), ``reason`` (why ignored).


@dataclass
class LayerMapping:
    """How one source layer maps into the plan."""

    layer: str
    role: str
    fields: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    #: code → attribute holding the Swedish of that code's text value (street names …)
    values_swe: dict[str, str] = field(default_factory=dict)
    ignore: dict[str, str] = field(default_factory=dict)
    reason: str | None = None
    letter_code_default: str | None = None
    #: RY_Kaavamaarayslaji codes every feature of the layer gets (a CAD layer's meaning).
    regulations: list[str] = field(default_factory=list)

    def matches(self, name: str) -> bool:
        """True if this entry applies to the layer called ``name`` (glob patterns allowed)."""
        pattern = self.layer.casefold()
        return fnmatch.fnmatchcase(name.casefold(), pattern)

    def attribute_roles(self) -> dict[str, str]:
        """attribute → what it maps to (``letter_code``, ``value:tehokkuusluku``, ``ignore``…)."""
        out: dict[str, str] = {}
        for key, attr in self.fields.items():
            for alternative in attr.split("|"):
                out.setdefault(alternative, key)
        for code, attr in self.values.items():
            out.setdefault(attr, f"value:{code}")
        for code, attr in self.values_swe.items():
            out.setdefault(attr, f"value_swe:{code}")
        for attr in self.ignore:
            out.setdefault(attr, "ignore")
        return out


@dataclass
class Mapping:
    """A whole mapping: plan facts, geometry options, one entry per layer."""

    name: str
    layers: list[LayerMapping]
    plan: dict[str, Any] = field(default_factory=dict)
    geometry: dict[str, Any] = field(default_factory=dict)
    origin: str = "file"
    file: str | None = None

    def for_layer(self, name: str) -> LayerMapping | None:
        """The first entry that matches layer ``name``."""
        for entry in self.layers:
            if entry.matches(name):
                return entry
        return None

    def to_json(self) -> dict[str, Any]:
        """For the conversion report."""
        return {
            "name": self.name,
            "origin": self.origin,
            "file": self.file,
            "plan": dict(self.plan),
            "geometry": dict(self.geometry),
            "layers": [
                {
                    "layer": e.layer,
                    "role": e.role,
                    "fields": dict(e.fields),
                    "values": dict(e.values),
                    **({"values_swe": dict(e.values_swe)} if e.values_swe else {}),
                    "ignore": dict(e.ignore),
                    **({"reason": e.reason} if e.reason else {}),
                    **({"regulation": list(e.regulations)} if e.regulations else {}),
                }
                for e in self.layers
            ],
        }


def load_mapping(path: str | Path) -> Mapping:
    """Read a mapping file (TOML)."""
    text = decode_text(read_bytes(path, 4 * 1024 * 1024), path)
    return parse_mapping(text, source=str(path))


def parse_mapping(text: str, *, source: str = "<mapping>", origin: str = "file") -> Mapping:
    """Parse mapping TOML, naming the place of every mistake."""
    data = parse_toml(text, source)
    version = data.get("version", 1)
    if version != 1:
        raise InputError(f"mapping version {version!r} is not supported (1 is)", source=source)
    known_top = {"version", "name", "plan", "geometry", "layers", "description"}
    unknown = sorted(set(data) - known_top)
    if unknown:
        raise InputError(
            f"unknown mapping key {unknown[0]!r}", source=source, hint=f"known: {sorted(known_top)}"
        )
    layers_raw = data.get("layers", [])
    if not isinstance(layers_raw, list):
        raise InputError("`layers` must be an array of tables ([[layers]])", source=source)
    layers = [_layer(raw, i, source) for i, raw in enumerate(layers_raw)]
    plan = data.get("plan", {})
    geometry = data.get("geometry", {})
    for name, table in (("plan", plan), ("geometry", geometry)):
        if not isinstance(table, dict):
            raise InputError(f"`{name}` must be a table", source=source)
    plan = _plan_table(plan, source)
    return Mapping(
        name=str(data.get("name", Path(source).stem)),
        layers=layers,
        plan=dict(plan),
        geometry=dict(geometry),
        origin=origin,
        file=None if origin != "file" else source,
    )


def _plan_table(plan: dict[str, Any], source: str) -> dict[str, Any]:
    """The ``[plan]`` table checked: known keys, values of the right kind (dates as text)."""
    import datetime as _dt

    out: dict[str, Any] = {}
    for key, value in plan.items():
        if key not in PLAN_KEYS:
            raise InputError(
                f"unknown key {key!r} in [plan]",
                source=source,
                hint="known: " + ", ".join(PLAN_KEYS),
            )
        if key in ("approval_date", "validity_begin"):
            if isinstance(value, _dt.datetime):
                value = value.date()
            text = value.isoformat() if isinstance(value, _dt.date) else str(value)
            try:
                _dt.date.fromisoformat(text)
            except ValueError:
                raise InputError(
                    f"[plan] approval_date {value!r} is not a date",
                    source=source,
                    hint="write it as 2024-05-13",
                ) from None
            value = text
        elif key == "legal_effect":
            codes = [value] if isinstance(value, str | int) else value
            if not isinstance(codes, list) or not codes:
                raise InputError(
                    "[plan] legal_effect is an oikeusvaik_YK code or a list of them",
                    source=source,
                )
            value = [str(c) for c in codes]
        elif key == "scale":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise InputError(f"[plan] scale {value!r} is not a whole number", source=source)
        elif not isinstance(value, str | int) or isinstance(value, bool):
            raise InputError(f"[plan] {key} must be text", source=source)
        out[key] = value
    return out


def _layer(raw: Any, index: int, source: str) -> LayerMapping:
    where = f"layers[{index}]"
    if not isinstance(raw, dict):
        raise InputError("each [[layers]] entry must be a table", source=source, where=where)
    layer = raw.get("layer")
    role = raw.get("role")
    if not isinstance(layer, str) or not layer:
        raise InputError("`layer` (the source layer name) is required", source=source, where=where)
    if role not in ROLES:
        raise InputError(
            f"role {role!r} is not one of {', '.join(ROLES)}", source=source, where=where
        )
    fields_: dict[str, str] = {}
    values: dict[str, str] = {}
    values_swe: dict[str, str] = {}
    ignore: dict[str, str] = {}
    for key, value in raw.items():
        if key in ("layer", "role", "reason", "letter_code_default"):
            continue
        if key == "regulation":
            codes = [value] if isinstance(value, str) else value
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise InputError(
                    "`regulation` is a RY_Kaavamaarayslaji code or a list of them",
                    source=source,
                    where=where,
                )
            continue
        if key in ("values", "values_swe"):
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise InputError(
                    f"`{key}` maps regulation codes to attribute names (strings)",
                    source=source,
                    where=where,
                )
            if key == "values":
                values = dict(value)
            else:
                values_swe = dict(value)
        elif key == "ignore":
            if isinstance(value, list):
                ignore = {str(v): "ignored by the mapping" for v in value}
            elif isinstance(value, dict):
                ignore = {str(k): str(v) for k, v in value.items()}
            else:
                raise InputError(
                    "`ignore` is a table attribute = reason", source=source, where=where
                )
        elif key in FIELDS:
            if not isinstance(value, str):
                raise InputError(
                    f"`{key}` must name an attribute (a string)", source=source, where=where
                )
            fields_[key] = value
        else:
            raise InputError(
                f"unknown key {key!r} in a layer mapping",
                source=source,
                where=where,
                hint=f"known: {', '.join(sorted(FIELDS))}, values, values_swe, ignore",
            )
    lone = sorted(set(values_swe) - set(values))
    if lone:
        raise InputError(
            f"`values_swe` names {', '.join(lone)} without its Finnish value in `values`",
            source=source,
            where=where,
            hint="a Swedish value is the translation of a value: map the Finnish one too",
        )
    return LayerMapping(
        layer=layer,
        role=role,
        fields=fields_,
        values=values,
        values_swe=values_swe,
        ignore=ignore,
        reason=raw.get("reason"),
        letter_code_default=raw.get("letter_code_default"),
        regulations=_regulation_codes(raw.get("regulation"), source, where),
    )


def _regulation_codes(value: Any, source: str, where: str) -> list[str]:
    if value is None:
        return []
    from ryhti.codelists import registry

    codes = [value] if isinstance(value, str) else list(value)
    known = registry()["RY_Kaavamaarayslaji"]
    for code in codes:
        if known.get(code) is None:
            raise InputError(
                f"regulation {code!r} is not a RY_Kaavamaarayslaji code",
                source=source,
                where=where,
                hint="see `ryhti codelists show RY_Kaavamaarayslaji`",
            )
    return [known.get(c).value for c in codes]
