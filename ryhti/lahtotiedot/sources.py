"""What to gather: one :class:`SourceSpec` per background-data source.

A source comes from the TOML source file (``[sources.NAME]`` tables, each optionally
starting from a preset), from ``--source NAME=PATH_OR_URL[@LAYER][:CODE]`` on the
command line, or from a preset named whole. Every source carries its
RY_LahtotietoaineistonLaji code, so the plan matter can record it as source data,
and a theme (``natura``, ``muinaisjaannos``, …) that tells describe and the context
rules what its features are.

Why TOML: comments, no quoting of URLs in a shell, and the source list lives beside
the plan in version control; a bad key or code is refused with the file, line and key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ryhti.background import THEMES
from ryhti.codelists import bare_code, registry
from ryhti.errors import InputError, UsageError
from ryhti.io import decode_text, parse_toml, read_bytes

__all__ = [
    "FIELD_ROLES",
    "LEVELS",
    "SourceSpec",
    "parse_source_option",
    "read_source_file",
    "spec_from_mapping",
]

#: What an attribute of a source can stand for (``fields = {name = "nimi"}``).
FIELD_ROLES: dict[str, str] = {
    "name": "the feature's name (kohdenimi, nimi)",
    "identifier": "its identifier in the register (mjtunnus, naturatunnus)",
    "sign": "a plan's letter sign of the designation (A, AP, V)",
    "meaning": "the designation written out (Asuntoalue)",
    "meaning_sv": "the designation in Swedish",
    "level": "plan level: maakuntakaava, yleiskaava or asemakaava",
    "plan_name": "the name of the plan a designation belongs to",
    "plan_identifier": "the identifier of that plan",
    "approved": "the plan's approval date",
    "population": "inhabitants of a grid cell or area",
}

LEVELS = ("maakuntakaava", "yleiskaava", "asemakaava")

#: The attributes a plan-archive source gives (``service = "archive"``), by role.
ARCHIVE_FIELDS: dict[str, str] = {
    role: role
    for role in (
        "level",
        "plan_name",
        "plan_identifier",
        "approved",
        "sign",
        "meaning",
        "meaning_sv",
    )
}

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_KEYS = {
    "preset",
    "url",
    "service",
    "layer",
    "code",
    "theme",
    "title",
    "title_sv",
    "filter",
    "attributes",
    "fields",
    "licence",
    "level",
    "crs",
}
SERVICES = ("file", "wfs", "oapif", "archive")


@dataclass(frozen=True)
class SourceSpec:
    """One source to gather, with everything needed to read, record and describe it.

    ``service``: ``file`` (GPKG, SHP, GeoJSON), ``wfs`` (WFS 2.0), ``oapif`` (OGC API
    Features) or ``archive`` (a ``ryhti archive``: the plans in force, see
    :mod:`ryhti.archive.background_source`); another kind of source registers its reader under a new name
    (:func:`ryhti.lahtotiedot.readers.register_reader`). ``url`` is the file path or
    the service's base URL; ``layer`` the layer, typeName or collection; ``code`` the
    RY_LahtotietoaineistonLaji value; ``filter`` an OGR SQL ``WHERE`` clause;
    ``attributes`` the attributes kept (all when empty); ``fields`` which attribute
    plays which role (:data:`FIELD_ROLES`); ``crs`` the source's CRS when the data
    does not say (``EPSG:3067``).
    """

    name: str
    url: str
    service: str
    code: str
    layer: str | None = None
    theme: str | None = None
    title: str = ""
    title_sv: str = ""
    filter: str | None = None
    attributes: tuple[str, ...] = ()
    fields: Mapping[str, str] = field(default_factory=dict)
    licence: str = ""
    level: str | None = None
    crs: str | None = None
    preset: str | None = None

    @property
    def display_title(self) -> str:
        return self.title or self.name

    def identity(self) -> dict[str, Any]:
        """What makes two sources the same request (the cache key is built from it)."""
        return {
            "service": self.service,
            "url": self.url,
            "layer": self.layer,
            "filter": self.filter,
            "attributes": sorted(self.attributes),
            "crs": self.crs,
        }


def guess_service(url: str) -> tuple[str, str]:
    """``WFS:https://…`` → (``wfs``, ``https://…``); a plain path → (``file``, path)."""
    for prefix, service in (("WFS:", "wfs"), ("OAPIF:", "oapif"), ("ARCHIVE:", "archive")):
        if url.upper().startswith(prefix):
            return service, url[len(prefix) :]
    if re.match(r"^https?://", url, re.I):
        lowered = url.lower()
        if "/ogc/features" in lowered or "/collections" in lowered or "/features/" in lowered:
            return "oapif", url
        return "wfs", url
    return "file", url


def _check_code(code: Any, where: str, source: str | None) -> str:
    value = str(code).strip() if isinstance(code, str | int) and not isinstance(code, bool) else ""
    value = bare_code(value)
    code_list = registry()["RY_LahtotietoaineistonLaji"]
    if not value or code_list.get(value) is None:
        options = ", ".join(f"{c.value} {c.label('fi')}" for c in code_list.codes)
        raise InputError(
            f"{code!r} is not a RY_LahtotietoaineistonLaji code",
            source=source,
            where=where,
            hint=f"one of: {options}",
        )
    return value


def spec_from_mapping(
    name: str, data: Mapping[str, Any], *, source: str | None = None, where: str | None = None
) -> SourceSpec:
    """A source from its TOML table (``preset = …`` first, the table's keys over it)."""
    from ryhti.lahtotiedot.presets import preset

    where = where or f"sources.{name}"
    if not _NAME.match(name):
        raise InputError(
            "a source name is lower-case letters, digits and _ (it names the output layer)",
            source=source,
            where=where,
        )
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(_KEYS), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "known keys: " + ", ".join(sorted(_KEYS))
        raise InputError(f"unknown key {unknown[0]!r}", source=source, where=where, hint=hint)
    base: SourceSpec | None = None
    if "preset" in data:
        try:
            base = replace(preset(str(data["preset"])), name=name)
        except KeyError as exc:
            raise InputError(str(exc.args[0]), source=source, where=f"{where}.preset") from None
    values: dict[str, Any] = {}
    for key in ("url", "layer", "title", "title_sv", "filter", "licence", "level", "crs"):
        if key in data:
            if not isinstance(data[key], str):
                raise InputError("must be text in quotes", source=source, where=f"{where}.{key}")
            values[key] = data[key].strip() or None
    if "url" in values and values["url"] is not None:
        service, url = guess_service(values["url"])
        values["url"], values["service"] = url, service
    if "service" in data:
        if data["service"] not in SERVICES:
            raise InputError(
                f"unknown service {data['service']!r}; one of: {', '.join(SERVICES)}",
                source=source,
                where=f"{where}.service",
            )
        values["service"] = data["service"]
    if "code" in data:
        values["code"] = _check_code(data["code"], f"{where}.code", source)
    if "theme" in data:
        if data["theme"] not in THEMES:
            raise InputError(
                f"unknown theme {data['theme']!r}",
                source=source,
                where=f"{where}.theme",
                hint="one of: " + ", ".join(THEMES),
            )
        values["theme"] = data["theme"]
    if "level" in values and values["level"] not in (None, *LEVELS):
        raise InputError(
            f"unknown plan level {values['level']!r}; one of: {', '.join(LEVELS)}",
            source=source,
            where=f"{where}.level",
        )
    if "attributes" in data:
        attrs = data["attributes"]
        if not isinstance(attrs, list) or not all(isinstance(a, str) for a in attrs):
            raise InputError(
                'must be a list of attribute names, e.g. ["nimi", "tunnus"]',
                source=source,
                where=f"{where}.attributes",
            )
        values["attributes"] = tuple(attrs)
    if "fields" in data:
        roles = data["fields"]
        if not isinstance(roles, dict) or not all(isinstance(v, str) for v in roles.values()):
            raise InputError(
                'must be a table of roles, e.g. {name = "nimi"}',
                source=source,
                where=f"{where}.fields",
            )
        bad = sorted(set(roles) - set(FIELD_ROLES))
        if bad:
            raise InputError(
                f"unknown role {bad[0]!r}",
                source=source,
                where=f"{where}.fields",
                hint="roles: " + ", ".join(FIELD_ROLES),
            )
        values["fields"] = {**(base.fields if base else {}), **roles}
    if base is not None:
        return replace(base, **values)
    if values.get("service") == "archive":  # the plan archive: the plans in force (1301)
        from ryhti.lahtotiedot.presets import THEME_CODES

        values.setdefault("theme", "plans")
        values.setdefault("code", THEME_CODES["plans"])
        values["fields"] = {**ARCHIVE_FIELDS, **values.get("fields", {})}
    missing = [k for k in ("url", "code") if values.get(k) is None]
    if missing:
        raise InputError(
            f"{missing[0]} is required (or start from a preset = …)", source=source, where=where
        )
    values.setdefault("service", "file")
    return SourceSpec(name=name, **values)


def read_source_file(path: str | Path) -> list[SourceSpec]:
    """The sources of a ``lahtotiedot.toml`` (relative file paths are relative to it)."""
    from ryhti.lahtotiedot.presets import preset, preset_names

    path = Path(path)
    text = decode_text(read_bytes(path, 4 * 1024 * 1024), path)
    data = parse_toml(text, path)
    unknown = sorted(set(data) - {"sources", "presets"})
    if unknown:
        raise InputError(
            f"unknown table or key {unknown[0]!r}", source=path, hint="use [sources.NAME] tables"
        )
    specs: list[SourceSpec] = []
    names = data.get("presets", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise InputError('must be a list of preset names, e.g. ["natura_sac"]', source=path)
    for i, name in enumerate(names):
        try:
            specs.extend(preset(one) for one in preset_names(name))
        except KeyError as exc:
            raise InputError(str(exc.args[0]), source=path, where=f"presets[{i}]") from None
    tables = data.get("sources", {})
    if not isinstance(tables, dict):
        raise InputError("write sources as [sources.NAME] tables", source=path, where="sources")
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise InputError("must be a table", source=path, where=f"sources.{name}")
        spec = spec_from_mapping(name, table, source=str(path))
        if spec.service == "file" and not Path(spec.url).is_absolute():
            spec = replace(spec, url=str(path.parent / spec.url))
        specs.append(spec)
    _check_unique(specs, str(path))
    return specs


def _check_unique(specs: list[SourceSpec], source: str | None) -> None:
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            raise InputError(f"source {spec.name!r} is given twice", source=source)
        seen.add(spec.name)


_OPTION = re.compile(r"^(?P<name>[^=]+)=(?P<rest>.+)$")


def parse_source_option(text: str) -> SourceSpec:
    """``natura=natura.gpkg@alueet:08`` → a file source named ``natura`` (layer, code);
    ``kaavat=ARCHIVE:kaavat.gpkg`` → the plans in force of a plan archive (code 1301).

    The code may be left out when the name is a theme whose code is known
    (``natura`` → 08). URLs keep their own colons: the code is the last ``:DIGITS``.
    """
    match = _OPTION.match(text.strip())
    if not match:
        raise UsageError(f"--source {text!r}: write NAME=PATH_OR_URL[@LAYER][:CODE]")
    name, rest = match.group("name").strip(), match.group("rest").strip()
    code = None
    code_match = re.search(r":(\d{2,4})$", rest)
    if code_match:
        code, rest = code_match.group(1), rest[: code_match.start()]
    layer = None
    if "@" in rest:
        rest, layer = rest.rsplit("@", 1)
    from ryhti.lahtotiedot.presets import THEME_CODES

    theme = name if name in THEMES else None
    if rest.upper().startswith("ARCHIVE:"):
        theme = "plans"  # the plan archive gives the plans in force
    if code is None:
        code = THEME_CODES.get(theme or "")
    if code is None:
        raise UsageError(
            f"--source {text!r}: give the RY_LahtotietoaineistonLaji code as :CODE "
            "(e.g. :08 luonto, :06 kulttuuriympäristö, :1301 alueidenkäytön suunnitelmat)"
        )
    service, url = guess_service(rest)
    mapping: dict[str, Any] = {"url": rest, "code": code}
    if layer:
        mapping["layer"] = layer
    if theme:
        mapping["theme"] = theme
    try:
        spec = spec_from_mapping(name, mapping, source="--source")
    except InputError as exc:
        raise UsageError(f"--source {text!r}: {exc.message}", hint=exc.hint) from None
    if service == "archive":
        spec = replace(spec, fields={**ARCHIVE_FIELDS, **spec.fields})
    return replace(spec, service=service, url=url)
