"""``ryhti codelists update``: build the dated code-list snapshot and write it atomically.

Two sources give the same result format:

* online, the koodistot.suomi.fi codelist API (:mod:`ryhti.codelists.koodistot`);
* offline, a directory laid out like the project's reference copy of koodistot
  (one ``<scheme>.json`` or ``<registry>_<scheme>.json`` per list, with ``codes[]`` of
  ``code, uri, label_fi/sv/en, parent, description, short_name, status, level, order``),
  which may also hold the inputs of the three project tables.

Everything is built in memory first and written only when complete, each file atomically
and ``index.json`` last, so a failed fetch never leaves a half-updated snapshot. Output is
deterministic (fixed key order, codes in official order, lists sorted by id): running the
update again on the same input changes nothing, not even the date.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.codelists import catalogue
from ryhti.codelists.catalogue import CATALOGUE, KOODISTOT_STATUSES, ListSpec
from ryhti.codelists.codes import CODE_SEPARATOR, LANGUAGES, default_root
from ryhti.codelists.tables import PLAN_LEVELS
from ryhti.errors import InputError, UsageError
from ryhti.io import dump_json, read_json, write_atomic

LIST_FORMAT = "ryhti-codelist/1"
INDEX_FORMAT = "ryhti-codelists-index/1"
NOTATION_FORMAT = "ryhti-notation/1"
LIFECYCLE_FORMAT = "ryhti-lifecycle-relations/1"
VALUE_TYPES_FORMAT = "ryhti-value-types/1"

#: Project tables: name → (file in the snapshot, input file in a ``--from`` directory).
TABLES = {
    "notation": ("tables/notation.json", "plan-notation.json"),
    "lifecycle_relations": ("tables/lifecycle_relations.json", "relations_lifecycle_events.json"),
    "value_types": ("tables/value_types.json", "units_and_value_types.json"),
}

GENERATOR = "ryhti codelists update"

Progress = Callable[[str], None]


@dataclass
class BuiltList:
    """One list ready to write: its file content and its ``index.json`` entry."""

    spec: ListSpec
    doc: dict[str, Any]
    entry: dict[str, Any]


@dataclass
class Snapshot:
    """A complete snapshot in memory. A table whose doc is ``None`` is kept from before."""

    lists: dict[str, BuiltList]
    source: dict[str, Any]
    tables: dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]] = field(
        default_factory=dict
    )
    problems: list[str] = field(default_factory=list)


@dataclass
class UpdateResult:
    """What an update did, for the CLI summary."""

    out: Path
    date: str
    written: list[str]
    removed: list[str]
    snapshot: Snapshot

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


# ------------------------------------------------------------------------------------------
# Codes from either source
# ------------------------------------------------------------------------------------------


def _clean(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    text = text.strip()
    return text or None


def _languages(mapping: dict[str, Any]) -> dict[str, str]:
    """Language map with empty values dropped, fi/sv/en first, others sorted."""
    cleaned = {lang: _clean(text) for lang, text in mapping.items()}
    order = [*LANGUAGES, *sorted(k for k in cleaned if k not in LANGUAGES)]
    return {lang: cleaned[lang] for lang in order if cleaned.get(lang)}  # type: ignore[misc]


def _status(raw: Any) -> str | None:
    """A koodistot status word, or ``None`` when the source does not know it."""
    word = (_clean(raw) or "").split(" ")[0].upper()
    return word if word in KOODISTOT_STATUSES else None


def _code_record(
    *,
    value: str,
    uri: str,
    labels: dict[str, str],
    parent: str | None,
    level: Any,
    status: str | None,
    short_name: str | None,
    descriptions: dict[str, str],
    order: Any,
    koodistot_id: str | None,
) -> dict[str, Any]:
    """The project's code record, with ``unknown`` naming what the source could not say."""
    unknown: list[str] = []
    if not labels:
        unknown.append("labels")
    if status is None:
        unknown.append("status")
        if parent is None:
            unknown.append("parent")
        if level is None:
            unknown.append("level")
        if not descriptions:
            unknown.append("description")
    record: dict[str, Any] = {
        "value": value,
        "uri": uri,
        "labels": labels,
        "parent": parent,
        "level": level if isinstance(level, int) else None,
        "status": status,
    }
    if short_name:
        record["short_name"] = short_name
    if isinstance(order, int):
        record["order"] = order
    if descriptions:
        record["description"] = descriptions
    if koodistot_id:
        record["koodistot_id"] = koodistot_id
    if unknown:
        record["unknown"] = unknown
    return record


def _directory_code(raw: Any, list_uri: str, source: Path, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not isinstance(raw.get("code"), str) or not raw["code"].strip():
        raise InputError("code without a 'code' value", source=source, where=where)
    value = raw["code"].strip()
    return _code_record(
        value=value,
        uri=_clean(raw.get("uri")) or f"{list_uri}{CODE_SEPARATOR}{value}",
        labels=_languages({lang: raw.get(f"label_{lang}") for lang in LANGUAGES}),
        parent=_clean(raw.get("parent")),
        level=raw.get("level"),
        status=_status(raw.get("status")),
        short_name=_clean(raw.get("short_name")),
        descriptions=_languages(
            {
                "fi": raw.get("description"),
                "sv": raw.get("description_sv"),
                "en": raw.get("description_en"),
            }
        ),
        order=raw.get("order"),
        koodistot_id=_clean(raw.get("koodistot_id")),
    )


def _broader_value(broader: Any) -> str | None:
    if isinstance(broader, dict):
        value = _clean(broader.get("codeValue"))
        if value:
            return value
        broader = broader.get("uri") or broader.get("url")
    if isinstance(broader, str) and broader.strip():
        return broader.strip().rstrip("/").rpartition("/")[2] or None
    return None


def _koodistot_code(raw: dict[str, Any], list_uri: str) -> dict[str, Any]:
    value = raw["codeValue"].strip()
    labels = raw.get("prefLabel") if isinstance(raw.get("prefLabel"), dict) else {}
    descriptions = raw.get("description") if isinstance(raw.get("description"), dict) else {}
    return _code_record(
        value=value,
        uri=_clean(raw.get("uri")) or f"{list_uri}{CODE_SEPARATOR}{value}",
        labels=_languages(labels),
        parent=_broader_value(raw.get("broaderCode")),
        level=raw.get("hierarchyLevel"),
        status=_status(raw.get("status")),
        short_name=_clean(raw.get("shortName")),
        descriptions=_languages(descriptions),
        order=raw.get("order"),
        koodistot_id=_clean(raw.get("id")),
    )


def _assemble(
    spec: ListSpec,
    uri: str,
    names: dict[str, str],
    codes: list[dict[str, Any]],
    source: dict[str, Any],
    problems: list[str],
    extra: dict[str, Any] | None = None,
) -> BuiltList:
    """Order the codes, check their URIs and hierarchy, and make the file and index entry."""
    seen: set[str] = set()
    unique: list[dict[str, Any]] = []
    for code in codes:
        if code["value"] in seen:
            problems.append(f"{spec.id}: duplicate code {code['value']!r} dropped")
            continue
        seen.add(code["value"])
        unique.append(code)
    if unique and all("order" in code for code in unique):
        ordering = "official"
        unique.sort(key=lambda c: (c["order"], c["value"]))
    else:
        # The source gives no official order (the offline copy of some lists): sort by value,
        # which for these zero-padded codes is also the hierarchy's depth-first order.
        ordering = "value"
        unique.sort(key=lambda c: c["value"])
    for code in unique:
        expected = f"{uri}{CODE_SEPARATOR}{code['value']}"
        if code["uri"] != expected:
            problems.append(
                f"{spec.id}: code {code['value']!r} has URI {code['uri']!r}, expected {expected!r}"
            )
        if code["parent"] is not None and code["parent"] not in seen:
            problems.append(
                f"{spec.id}: code {code['value']!r} has unknown parent {code['parent']!r}"
            )
    doc = {
        "format": LIST_FORMAT,
        "id": spec.id,
        "uri": uri,
        "registry": spec.registry,
        "names": names,
        "ordering": ordering,
        "count": len(unique),
        "codes": unique,
    }
    label_counts = {lang: sum(1 for c in unique if lang in c["labels"]) for lang in LANGUAGES}
    entry: dict[str, Any] = {
        "uri": uri,
        "registry": spec.registry,
        "names": names,
        "count": len(unique),
        "file": f"{spec.id}.json",
        "aliases": list(spec.aliases),
        "ordering": ordering,
        "labels": label_counts,
        "unknown_codes": [c["value"] for c in unique if c.get("unknown")],
        "source": source,
    }
    if extra:
        entry.update(extra)
    if uri != spec.uri:
        problems.append(f"{spec.id}: list URI {uri!r} differs from the expected {spec.uri!r}")
    return BuiltList(spec, doc, entry)


def _provenance(record: Any) -> dict[str, Any]:
    if not isinstance(record, dict):
        return {}
    return {key: record[key] for key in catalogue.PROVENANCE_KEYS if record.get(key)}


# ------------------------------------------------------------------------------------------
# Offline: a directory
# ------------------------------------------------------------------------------------------


def _directory_list(spec: ListSpec, directory: Path, problems: list[str]) -> BuiltList:
    path = next(
        (directory / name for name in spec.directory_files() if (directory / name).is_file()), None
    )
    if path is None:
        if spec.fallback is not None:
            return _fallback_list(spec, problems)
        raise InputError(
            f"code list {spec.id} is missing: expected {' or '.join(spec.directory_files())}",
            source=directory,
        )
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("codes"), list):
        raise InputError("not a code-list file: no 'codes' list", source=path)
    uri = _clean(data.get("uri")) or spec.uri
    codes = [_directory_code(raw, uri, path, f"codes[{i}]") for i, raw in enumerate(data["codes"])]
    names = _languages(
        {"fi": data.get("name"), "sv": data.get("name_sv"), "en": data.get("name_en")}
    )
    source: dict[str, Any] = {"kind": "directory", "directory": directory.name, "file": path.name}
    upstream = _provenance(data.get("source"))
    if upstream:
        source["upstream"] = upstream
    for key, label in (("source_api_enum", "upstream_enum"), ("source_labels", "upstream_labels")):
        provenance = _provenance(data.get(key))
        if provenance:
            source[label] = provenance
    extra: dict[str, Any] = {}
    completeness = data.get("completeness")
    if isinstance(completeness, dict):
        facts = {
            key: value
            for key, value in completeness.items()
            if key in ("api_enum_count", "arho_snapshot_count", "missing_from_snapshot")
        }
        if facts:
            extra["completeness"] = facts
    declared = data.get("code_count")
    if isinstance(declared, int) and declared != len(codes):
        problems.append(f"{spec.id}: file declares {declared} codes but has {len(codes)}")
    return _assemble(spec, uri, names, codes, source, problems, extra)


def _fallback_list(spec: ListSpec, problems: list[str]) -> BuiltList:
    assert spec.fallback is not None
    codes = [
        _code_record(
            value=value,
            uri=f"{spec.uri}{CODE_SEPARATOR}{value}",
            labels={},
            parent=None,
            level=None,
            status=None,
            short_name=None,
            descriptions={},
            order=None,
            koodistot_id=None,
        )
        for value in spec.fallback["codes"]
    ]
    source = {"kind": "project", "basis": spec.fallback["basis"]}
    return _assemble(spec, spec.uri, {}, codes, source, problems)


def build_from_directory(directory: str | Path, progress: Progress | None = None) -> Snapshot:
    """Build a snapshot from a directory laid out like the reference copy of koodistot."""
    folder = Path(directory)
    if not folder.is_dir():
        raise UsageError("--from must be an existing directory", source=folder)
    problems: list[str] = []
    lists: dict[str, BuiltList] = {}
    for spec in CATALOGUE:
        built = _directory_list(spec, folder, problems)
        lists[spec.id] = built
        if progress:
            progress(f"{spec.id}: {built.entry['count']} codes")
    snapshot = Snapshot(
        lists=lists, source={"kind": "directory", "directory": folder.name}, problems=problems
    )
    for name, (_target, input_name) in TABLES.items():
        path = folder / input_name
        if not path.is_file():
            snapshot.tables[name] = (None, None)
            continue
        builder = _TABLE_BUILDERS[name]
        doc, provenance = builder(read_json(path), lists, problems, path)
        entry = {
            "file": TABLES[name][0],
            "source": {
                "kind": "directory",
                "directory": folder.name,
                "file": input_name,
                **provenance,
            },
        }
        snapshot.tables[name] = (doc, entry)
    return snapshot


# ------------------------------------------------------------------------------------------
# Online: koodistot.suomi.fi
# ------------------------------------------------------------------------------------------


def build_from_url(
    base_url: str | None = None,
    *,
    timeout: float | None = None,
    retries: int = 2,
    page_size: int | None = None,
    transport: Any = None,
    progress: Progress | None = None,
) -> Snapshot:
    """Build a snapshot from the koodistot codelist API (tables are kept from before)."""
    from ryhti.codelists import koodistot

    base = (base_url or koodistot.DEFAULT_BASE_URL).rstrip("/")
    problems: list[str] = []
    lists: dict[str, BuiltList] = {}
    with koodistot.KoodistotClient(
        base,
        timeout=timeout if timeout is not None else koodistot.DEFAULT_TIMEOUT,
        retries=retries,
        page_size=page_size or koodistot.DEFAULT_PAGE_SIZE,
        transport=transport,
    ) as client:
        for spec in CATALOGUE:
            scheme = client.fetch_scheme(spec.registry, spec.scheme)
            raw_codes = client.fetch_codes(spec.registry, spec.scheme)
            uri = _clean(scheme.get("uri")) or spec.uri
            names = _languages(
                scheme.get("prefLabel") if isinstance(scheme.get("prefLabel"), dict) else {}
            )
            codes = [_koodistot_code(raw, uri) for raw in raw_codes]
            source: dict[str, Any] = {
                "kind": "url",
                "url": koodistot.codes_url(base, spec.registry, spec.scheme),
                "upstream": "koodistot.suomi.fi codelist API",
            }
            for key in ("modified", "version", "status"):
                if isinstance(scheme.get(key), str | int):
                    source[f"scheme_{key}"] = scheme[key]
            built = _assemble(spec, uri, names, codes, source, problems)
            lists[spec.id] = built
            if progress:
                progress(f"{spec.id}: {built.entry['count']} codes")
    snapshot = Snapshot(lists=lists, source={"kind": "url", "url": base}, problems=problems)
    for name in TABLES:
        snapshot.tables[name] = (None, None)
    return snapshot


# ------------------------------------------------------------------------------------------
# Table: notation
# ------------------------------------------------------------------------------------------

_TRADITIONAL_KEY = re.compile(r"^traditional_(?P<level>[a-z]+?)(?P<osa>_osa_alueet)?$")


def _codes_of(lists: dict[str, BuiltList], list_id: str) -> dict[str, dict[str, Any]]:
    built = lists.get(list_id)
    return {c["value"]: c for c in built.doc["codes"]} if built else {}


def _additional_info(raw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": raw["type"]}
    value = _clean(raw.get("code_value")) or _clean(raw.get("value"))
    code_list = _clean(raw.get("code_list"))
    if value and CODE_SEPARATOR in value:
        list_uri, _, value = value.rpartition(CODE_SEPARATOR)
        code_list = code_list or list_uri
    if value:
        out["value"] = value
    if code_list:
        out["code_list"] = code_list
    return out


def _geometry(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    return [g for g in raw or () if isinstance(g, str)]


def build_notation(
    data: Any, lists: dict[str, BuiltList], problems: list[str], path: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Letter codes per plan level → RYHTI codes, from the Katja libraries and traditional lists.

    Traditional entries carry only a letter and a meaning. Their codes are found through a
    Katja entry of the same level and letter with the same role (``paakayttotarkoitus`` for
    main-use letters, ``osaAlue`` for lower-case sub-area letters), else through a unique
    RY_Kaavamaarayslaji short name; otherwise they stay unmapped. ``derived_from`` says which.
    """
    if not isinstance(data, dict) or not isinstance(data.get("katja_libraries"), dict):
        raise InputError("not a notation file: no 'katja_libraries'", source=path)
    regulations = _codes_of(lists, "RY_Kaavamaarayslaji")
    infos = _codes_of(lists, "RY_Kaavamaarayksen_Lisatiedonlaji")
    entries: list[dict[str, Any]] = []
    libraries: dict[str, Any] = {}
    katja_index: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for level, library in data["katja_libraries"].items():
        if level not in PLAN_LEVELS:
            problems.append(f"notation: unknown plan level {level!r} in katja_libraries")
            continue
        libraries[level] = {
            key: library[key] for key in ("name", "version") if isinstance(library.get(key), str)
        } | {"source": _provenance(library.get("source"))}
        for group in library.get("groups", ()):
            entry: dict[str, Any] = {
                "letter": _clean(group.get("letter_code")),
                "plan_level": level,
                "origin": "katja",
                "meaning_fi": _clean(group.get("heading_fi")),
                "meaning_sv": _clean(group.get("heading_sv")),
                "category": _clean(group.get("category")),
                "geometry": _geometry(group.get("geometry")),
                "regulations": [
                    {
                        "code": reg["regulation_code"],
                        "additional_information": [
                            _additional_info(info)
                            for info in reg.get("additional_information") or ()
                        ],
                    }
                    for reg in group.get("regulations", ())
                ],
            }
            entries.append(entry)
            if entry["letter"]:
                katja_index.setdefault((level, entry["letter"]), []).append(entry)
    short_names: dict[str, list[str]] = {}
    for value, code in regulations.items():
        if code.get("short_name"):
            short_names.setdefault(code["short_name"], []).append(value)
    unmapped = 0
    for key, items in data.items():
        match = _TRADITIONAL_KEY.match(key)
        if not match or not isinstance(items, list):
            continue
        level = match.group("level")
        if level not in PLAN_LEVELS:
            problems.append(f"notation: unknown plan level in {key!r}")
            continue
        role = "osaAlue" if match.group("osa") else "paakayttotarkoitus"
        for item in items:
            letter = _clean(item.get("letter_code"))
            regs, derived = _derive_traditional(letter, level, role, katja_index, short_names)
            entry = {
                "letter": letter,
                "plan_level": level,
                "origin": "traditional",
                "meaning_fi": _clean(item.get("meaning_fi")),
                "role": role,
                "regulations": regs,
                "derived_from": derived,
            }
            if _clean(item.get("main_class_fi")):
                entry["main_class_fi"] = _clean(item.get("main_class_fi"))
            unmapped += not regs
            entries.append(entry)
    for entry in entries:
        for reg in entry["regulations"]:
            if reg["code"] not in regulations:
                problems.append(
                    f"notation: {entry['letter']!r}: unknown regulation code {reg['code']!r}"
                )
            for info in reg["additional_information"]:
                if info["type"] not in infos:
                    problems.append(
                        f"notation: {entry['letter']!r}: unknown additional information {info['type']!r}"
                    )
                if "value" in info and "code_list" not in info and info["value"] not in regulations:
                    problems.append(
                        f"notation: {entry['letter']!r}: unknown code value {info['value']!r}"
                    )
    counts: dict[str, int] = {}
    for entry in entries:
        key = f"{entry['origin']}:{entry['plan_level']}"
        counts[key] = counts.get(key, 0) + 1
    counts["traditional_unmapped"] = unmapped
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    doc = {
        "format": NOTATION_FORMAT,
        "plan_levels": list(PLAN_LEVELS),
        "sources": {
            "katja": libraries,
            "traditional": _provenance(sources.get("traditional")),
            "short_names": "shortName of RY_Kaavamaarayslaji codes in this snapshot (added at load time)",
        },
        "counts": dict(sorted(counts.items())),
        "entries": entries,
    }
    provenance = {
        "upstream": {
            "katja": _provenance(sources.get("katja")),
            "traditional": _provenance(sources.get("traditional")),
        }
    }
    return doc, provenance


def _derive_traditional(
    letter: str | None,
    level: str,
    role: str,
    katja_index: dict[tuple[str, str], list[dict[str, Any]]],
    short_names: dict[str, list[str]],
) -> tuple[list[dict[str, Any]], str | None]:
    if not letter:
        return [], None
    candidates = [
        entry
        for entry in katja_index.get((level, letter), ())
        if any(
            info["type"] == role
            for reg in entry["regulations"]
            for info in reg["additional_information"]
        )
    ]
    if candidates:
        best = min(
            candidates,
            key=lambda e: (
                sum(len(reg["additional_information"]) for reg in e["regulations"])
                + len(e["regulations"])
            ),
        )
        return [dict(reg) for reg in best["regulations"]], "katja"
    codes = short_names.get(letter, [])
    if len(codes) == 1:
        return [{"code": codes[0], "additional_information": [{"type": role}]}], "short_name"
    return [], None


# ------------------------------------------------------------------------------------------
# Table: lifecycle relations
# ------------------------------------------------------------------------------------------

_RELATION_KEYS = {
    "decisions": "decisions",
    "processing_events": "handling",
    "interaction_events": "interaction",
}
RELATION_LISTS = {
    "lifecycle": "kaavaelinkaari",
    "decisions": "kaavpaatnimi",
    "handling": "kaavakastap",
    "interaction": "RY_KaavanVuorovaikutustapahtumanLaji",
}
ARHO = "arho-ryhti"


def _leading_code(text: Any) -> str | None:
    value = _clean(text)
    return value.split(" ")[0] if value else None


def _decision_handling(lists: dict[str, BuiltList]) -> dict[str, str]:
    """Decision name → handling event type with the same Finnish label (R-E16 correspondence)."""
    handling_by_label: dict[str, list[str]] = {}
    for value, code in _codes_of(lists, RELATION_LISTS["handling"]).items():
        label = (code["labels"].get("fi") or "").casefold()
        if label:
            handling_by_label.setdefault(label, []).append(value)
    out: dict[str, str] = {}
    for value, code in _codes_of(lists, RELATION_LISTS["decisions"]).items():
        matches = handling_by_label.get((code["labels"].get("fi") or "").casefold(), [])
        if len(matches) == 1:
            out[value] = matches[0]
    return out


def build_lifecycle_relations(
    data: Any, lists: dict[str, BuiltList], problems: list[str], path: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Allowed decisions/events per lifecycle status and plan level.

    Arho's relation table applies to every plan level unless a rule of the checklist §E
    says what is allowed at a level; then the rule decides and every difference is kept in
    ``cross_check``. Rules of the "at least one of" kind become ``required_one_of``.
    """
    if not isinstance(data, dict) or not isinstance(data.get("relations"), dict):
        raise InputError("not a lifecycle relations file: no 'relations'", source=path)
    known = {kind: _codes_of(lists, list_id) for kind, list_id in RELATION_LISTS.items()}
    arho: dict[str, dict[str, list[str]]] = {}
    unstated: list[dict[str, str]] = []
    for key, relation in data["relations"].items():
        status = _leading_code(key)
        if status not in known["lifecycle"]:
            problems.append(f"lifecycle relations: unknown lifecycle status {key!r}")
            continue
        arho[status] = {}
        for raw_key, kind in _RELATION_KEYS.items():
            values = []
            for item in relation.get(raw_key) or ():
                value = _leading_code(item)
                if value not in known[kind]:
                    problems.append(f"lifecycle relations: {status}: unknown {kind} code {item!r}")
                    continue
                values.append(value)
            if values:
                arho[status][kind] = values
            else:
                # An empty cell of the relation grid is not a prohibition: Arho lists no
                # decision for 13 although rule R-E12 requires one there. Read it as unknown.
                unstated.append({"status": status, "kind": kind})
    decision_handling = _decision_handling(lists)
    statuses = sorted(set(arho) | {rule.status for rule in catalogue.RELATION_RULES})
    out_statuses: dict[str, Any] = {}
    cross_check: list[dict[str, Any]] = []
    for status in statuses:
        block_for_status: dict[str, Any] = {}
        decisions_at: dict[str, set[str] | None] = {}
        for kind in ("decisions", "handling", "interaction"):
            per_level: dict[str, dict[str, list[str]] | None] = {}
            required_rows: list[dict[str, Any]] = []
            for level in PLAN_LEVELS:
                followed = None
                if kind == "handling" and status in catalogue.DECISION_FOLLOWS_STATUS:
                    followed = _handling_following(
                        decisions_at.get(level),
                        decision_handling,
                        catalogue.DECISION_FOLLOWS_STATUS[status],
                    )
                allowed, required = _allowed_at_level(
                    kind, status, level, arho.get(status, {}).get(kind), followed, cross_check
                )
                per_level[level] = allowed
                required_rows.extend(required)
                if kind == "decisions":
                    decisions_at[level] = set(allowed) if allowed is not None else None
            block = _relation_block(per_level, required_rows, known[kind])
            if block is not None:
                block_for_status[kind] = block
        if block_for_status:
            out_statuses[status] = block_for_status
    cross_check = [dict(item) for item in _merge_levels(cross_check)]
    doc = {
        "format": LIFECYCLE_FORMAT,
        "plan_levels": list(PLAN_LEVELS),
        "lists": RELATION_LISTS,
        "sources": {
            ARHO: _provenance(data.get("source")),
            "rules": dict(catalogue.RULES_SOURCE),
        },
        "statuses": out_statuses,
        "decision_handling": decision_handling,
        "cross_check": cross_check,
        "arho_ryhti_empty": unstated,
    }
    return doc, {"upstream": _provenance(data.get("source")), "rules": dict(catalogue.RULES_SOURCE)}


def _handling_following(
    decisions: set[str] | None, decision_handling: dict[str, str], rule: str
) -> dict[str, list[str]] | None:
    """Handling events that correspond to the allowed decisions (a phase where they follow)."""
    if decisions is None:
        return None
    out: dict[str, list[str]] = {}
    for decision in sorted(decisions):
        handling = decision_handling.get(decision)
        if handling:
            out.setdefault(handling, []).append(rule)
    return out


def _allowed_at_level(
    kind: str,
    status: str,
    level: str,
    arho_codes: list[str] | None,
    followed: dict[str, list[str]] | None,
    cross_check: list[dict[str, Any]],
) -> tuple[dict[str, list[str]] | None, list[dict[str, Any]]]:
    """Allowed codes (code → sources) at one level, ``None`` if unknown, and required rows.

    A "one of" rule (or a decision the handling event must follow) decides what is allowed;
    without one, Arho's table does. Disagreements go to ``cross_check``.
    """
    rules = [
        r
        for r in catalogue.RELATION_RULES
        if r.kind == kind
        and r.status == status
        and (r.plan_levels is None or level in r.plan_levels)
    ]
    one_of_rules = [r for r in rules if r.mode == "one_of"]
    allowed: dict[str, list[str]] | None
    if one_of_rules or followed is not None:
        allowed = {}
        for rule in one_of_rules:
            for code in rule.codes:
                allowed.setdefault(code, []).append(rule.rule)
        for code, ids in (followed or {}).items():
            allowed.setdefault(code, []).extend(ids)
        deciders = sorted(
            {i for ids in allowed.values() for i in ids} | {r.rule for r in one_of_rules}
        )
        if arho_codes is not None:
            for code in allowed:
                if code in arho_codes:
                    allowed[code].append(ARHO)
                else:
                    cross_check.append(
                        _difference(status, kind, code, level, "added", allowed[code])
                    )
            for code in arho_codes:
                if code not in allowed:
                    cross_check.append(_difference(status, kind, code, level, "excluded", deciders))
    elif arho_codes is not None:
        allowed = {code: [ARHO] for code in arho_codes}
    else:
        allowed = None
    required: list[dict[str, Any]] = []
    for rule in rules:
        if rule.mode != "at_least_one":
            continue
        required.append({"codes": list(rule.codes), "level": level, "rule": rule.rule})
        if allowed is not None:
            for code in rule.codes:
                allowed.setdefault(code, []).append(rule.rule)
    if allowed is not None:
        allowed = {code: sorted(set(ids)) for code, ids in allowed.items()}
    return allowed, required


def _difference(
    status: str, kind: str, code: str, level: str, outcome: str, rules: list[str]
) -> dict[str, Any]:
    """A place where Arho's table and the checklist rules disagree, and which rule decided."""
    return {
        "status": status,
        "kind": kind,
        "code": code,
        "plan_level": level,
        "outcome": outcome,
        "arho_ryhti": "listed" if outcome == "excluded" else "not listed",
        "decided_by": [rule for rule in rules if rule != ARHO],
    }


def _levels_or_none(levels: Iterable[str]) -> list[str] | None:
    chosen = [level for level in PLAN_LEVELS if level in set(levels)]
    return None if len(chosen) == len(PLAN_LEVELS) else chosen


def _relation_block(
    per_level: dict[str, dict[str, list[str]] | None],
    required_rows: list[dict[str, Any]],
    known_codes: dict[str, Any],
) -> dict[str, Any] | None:
    known_levels = [level for level, allowed in per_level.items() if allowed is not None]
    if not known_levels and not required_rows:
        return None
    order = list(known_codes)
    rows: list[dict[str, Any]] = []
    all_codes = sorted(
        {code for allowed in per_level.values() if allowed for code in allowed},
        key=lambda c: order.index(c) if c in order else len(order),
    )
    for code in all_codes:
        levels = [
            level for level in PLAN_LEVELS if per_level.get(level) and code in per_level[level]
        ]  # type: ignore[operator]
        sources = sorted({s for level in levels for s in per_level[level][code]})  # type: ignore[index]
        rows.append({"code": code, "plan_levels": _levels_or_none(levels), "sources": sources})
    required: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for row in required_rows:
        required.setdefault((tuple(row["codes"]), row["rule"]), []).append(row["level"])
    return {
        "plan_levels": _levels_or_none(known_levels),
        "allowed": rows,
        "required_one_of": [
            {"codes": list(codes), "plan_levels": _levels_or_none(levels), "sources": [rule]}
            for (codes, rule), levels in required.items()
        ],
    }


def _merge_levels(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for item in items:
        key = (
            item["status"],
            item["kind"],
            item["code"],
            item["outcome"],
            tuple(item["decided_by"]),
        )
        if key not in merged:
            merged[key] = {k: v for k, v in item.items() if k != "plan_level"} | {"plan_levels": []}
        merged[key]["plan_levels"].append(item["plan_level"])
    out = []
    for item in merged.values():
        levels = _levels_or_none(item.pop("plan_levels"))
        out.append(item | {"plan_levels": levels})
    return out


# ------------------------------------------------------------------------------------------
# Table: value types
# ------------------------------------------------------------------------------------------

_UNIT_TOKEN = re.compile(r"^(?:%|°|dB|(?:k-)?m[23]?(?:/(?:k-)?m[23]?)?)$")


def parse_units(text: Any) -> list[str]:
    """Units named in a source field: ``k-m2``, ``k-m3 (text) / m3 (Arho)``, ``degree (°)``.

    Only tokens that look like units are kept; prose (``ratio vegetated surface / area``)
    gives nothing rather than a made-up unit.
    """
    value = _clean(text)
    if not value:
        return []
    candidates = [value, *re.findall(r"\(([^()]*)\)", value)]
    candidates += [part.split()[0] for part in value.split(" / ") if part.split()]
    found: list[str] = []
    for candidate in candidates:
        token = catalogue.UNIT_SYNONYMS.get(candidate.strip(), candidate.strip())
        if _UNIT_TOKEN.match(token) and token not in found:
            found.append(token)
    return found


def _add_unique(target: list[str], values: Iterable[str]) -> None:
    for value in values:
        if value and value not in target:
            target.append(value)


def build_value_types(
    data: Any, lists: dict[str, BuiltList], problems: list[str], path: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Allowed ``dataType``s, units and code lists per regulation / additional-information type.

    Syke's statements (validation-rule PDF, in words) are mapped to API types and listed
    first, Arho's configuration second, the data-model notes (§9.4) last; the allowed types
    are their union because the live validator is known to accept more than Syke lists.
    """
    if not isinstance(data, dict) or not isinstance(data.get("regulation_value_types"), list):
        raise InputError("not a value-types file: no 'regulation_value_types'", source=path)
    tables: dict[str, dict[str, dict[str, Any]]] = {"regulations": {}, "additional_information": {}}

    def entry_for(kind: str, code: str) -> dict[str, Any]:
        return tables[kind].setdefault(
            code, {"data_types": [], "units": [], "code_lists": [], "value": None, "evidence": []}
        )

    for raw in data["regulation_value_types"]:
        code = raw["regulation_code"]
        entry = entry_for("regulations", code)
        syke_value = _clean(raw.get("syke_value"))
        if syke_value or _clean(raw.get("syke_unit")):
            mapped = catalogue.SYKE_VALUE_KINDS.get(syke_value or "")
            if syke_value and mapped is None:
                problems.append(
                    f"value types: {code}: Syke value kind {syke_value!r} has no API type"
                )
            units = parse_units(raw.get("syke_unit"))
            entry["evidence"].append(
                {
                    "source": "syke",
                    "value": syke_value,
                    "data_type": mapped,
                    "unit": _clean(raw.get("syke_unit")),
                }
            )
            _add_unique(entry["data_types"], [mapped] if mapped else [])
            _add_unique(entry["units"], units)
        _add_arho(entry, raw)
    for raw in data.get("additional_information_value_types", ()):
        code = raw["additional_information_code"]
        entry = entry_for("additional_information", code)
        _add_arho(entry, raw)
    for fact in catalogue.DOC_VALUE_FACTS:
        entry = entry_for(fact["kind"], fact["code"])
        entry["evidence"].append(
            {
                "source": catalogue.DOC_VALUE_SOURCE,
                **{k: v for k, v in fact.items() if k not in ("kind", "code")},
            }
        )
        _add_unique(entry["data_types"], fact.get("data_types", ()))
        _add_unique(entry["code_lists"], fact.get("code_lists", ()))
        if fact.get("value"):
            entry["value"] = fact["value"]
    known = {
        "regulations": _codes_of(lists, "RY_Kaavamaarayslaji"),
        "additional_information": _codes_of(lists, "RY_Kaavamaarayksen_Lisatiedonlaji"),
    }
    list_uris = {built.doc["uri"] for built in lists.values()}
    for kind, entries in tables.items():
        for code, entry in entries.items():
            if code not in known[kind]:
                problems.append(f"value types: unknown {kind} code {code!r}")
            for data_type in entry["data_types"]:
                if data_type not in catalogue.DATA_TYPES:
                    problems.append(f"value types: {code}: unknown dataType {data_type!r}")
            for code_list in entry["code_lists"]:
                if code_list not in list_uris:
                    problems.append(
                        f"value types: {code}: code list {code_list!r} is not in the snapshot"
                    )
            if entry["value"] == "none" and entry["data_types"]:
                problems.append(
                    f"value types: {code}: said to take no value but has types {entry['data_types']}"
                )
    sources = [_provenance(s) for s in data.get("sources", ()) if isinstance(s, dict)]
    doc = {
        "format": VALUE_TYPES_FORMAT,
        "sources": {
            "syke": "Syke validation rules for plan data (PDF, 19.2.2024), value kinds in words mapped to API dataTypes",
            "arho": "Gispo Arho QGIS plugin configuration (value types and units)",
            catalogue.DOC_VALUE_SOURCE: "RYHTI data-model notes, quantity regulations and additional information",
            "upstream": sources,
        },
        "regulations": {
            code: _finish(entry) for code, entry in sorted(tables["regulations"].items())
        },
        "additional_information": {
            code: _finish(entry) for code, entry in sorted(tables["additional_information"].items())
        },
    }
    return doc, {"upstream": sources, "docs": catalogue.DOC_VALUE_SOURCE}


def _add_arho(entry: dict[str, Any], raw: dict[str, Any]) -> None:
    data_type = _clean(raw.get("arho_value_type"))
    unit = _clean(raw.get("arho_unit"))
    code_list = _clean(raw.get("code_list"))
    if not (data_type or unit or code_list):
        return
    evidence: dict[str, Any] = {"source": "arho", "data_type": data_type, "unit": unit}
    if code_list:
        evidence["code_list"] = code_list
    entry["evidence"].append(evidence)
    _add_unique(entry["data_types"], [data_type] if data_type else [])
    _add_unique(entry["units"], parse_units(unit))
    _add_unique(entry["code_lists"], [code_list] if code_list else [])


def _finish(entry: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"data_types": entry["data_types"], "units": entry["units"]}
    if entry["code_lists"]:
        out["code_lists"] = entry["code_lists"]
    out["value"] = entry["value"]
    out["evidence"] = entry["evidence"]
    return out


_TABLE_BUILDERS = {
    "notation": build_notation,
    "lifecycle_relations": build_lifecycle_relations,
    "value_types": build_value_types,
}


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None


def _previous_index(out: Path) -> dict[str, Any] | None:
    text = _read_text(out / "index.json")
    if text is None:
        return None
    try:
        index = read_json(out / "index.json")
    except InputError:
        return None
    return index if isinstance(index, dict) else None


def render(snapshot: Snapshot, date: str, out: Path) -> dict[str, str]:
    """Every file of the snapshot as text, keyed by path relative to ``out``.

    Tables the source did not provide are carried over unchanged, from ``out`` if it has
    them, else from the installed snapshot, together with their provenance.
    """
    files: dict[str, str] = {}
    for list_id in sorted(snapshot.lists):
        built = snapshot.lists[list_id]
        files[built.entry["file"]] = dump_json(built.doc)
    previous = _previous_index(out) or {}
    installed = Path(str(default_root()))
    installed_index = _previous_index(installed) or {}
    tables: dict[str, Any] = {}
    for name in sorted(snapshot.tables):
        doc, entry = snapshot.tables[name]
        if doc is not None and entry is not None:
            files[entry["file"]] = dump_json(doc)
            tables[name] = entry
            continue
        for folder, index in ((out, previous), (installed, installed_index)):
            old = index.get("tables", {}).get(name)
            text = _read_text(folder / old["file"]) if old else None
            if old and text is not None:
                files[old["file"]] = text
                tables[name] = old
                break
    index = {
        "format": INDEX_FORMAT,
        "snapshot_date": date,
        "generator": GENERATOR,
        "source": snapshot.source,
        "lists": {list_id: snapshot.lists[list_id].entry for list_id in sorted(snapshot.lists)},
        "tables": tables,
        "problems": sorted(snapshot.problems),
    }
    files["index.json"] = dump_json(index)
    return files


def write_snapshot(
    snapshot: Snapshot, out: str | Path, date: str | None = None, *, today: str | None = None
) -> UpdateResult:
    """Write ``snapshot`` into ``out``: changed files only, ``index.json`` last.

    Without ``date``, an unchanged snapshot keeps its old date (so re-running gives no diff)
    and a changed one gets ``today``.
    """
    folder = Path(out)
    if date is None:
        previous = _previous_index(folder)
        old_date = previous.get("snapshot_date") if previous else None
        if isinstance(old_date, str):
            candidate = render(snapshot, old_date, folder)
            if all(_read_text(folder / name) == text for name, text in candidate.items()):
                date = old_date
        if date is None:
            date = today or _dt.datetime.now(_dt.UTC).date().isoformat()
    files = render(snapshot, date, folder)
    written: list[str] = []
    for name in sorted(files, key=lambda n: (n == "index.json", n)):
        if _read_text(folder / name) != files[name]:
            write_atomic(folder / name, files[name])
            written.append(name)
    removed: list[str] = []
    for name in _stale_files(folder, files):
        target = folder / name
        if target.is_file():
            target.unlink()
            removed.append(name)
    return UpdateResult(out=folder, date=date, written=written, removed=removed, snapshot=snapshot)


def _stale_files(folder: Path, current: dict[str, str]) -> list[str]:
    """Snapshot files in ``folder`` that the new snapshot no longer has.

    Only files carrying one of the project's snapshot ``format`` markers are candidates, so
    the update never deletes anything it did not write.
    """
    stale: list[str] = []
    for path in sorted(folder.glob("*.json")):
        if path.name not in current and _is_snapshot_file(path):
            stale.append(path.name)
    tables_dir = folder / "tables"
    if tables_dir.is_dir():
        for path in sorted(tables_dir.glob("*.json")):
            name = f"tables/{path.name}"
            if name not in current and _is_snapshot_file(path):
                stale.append(name)
    return stale


def _is_snapshot_file(path: Path) -> bool:
    head = _read_text(path)
    if head is None:
        return False
    return any(
        f'"format": "{fmt}"' in head[:200]
        for fmt in (LIST_FORMAT, NOTATION_FORMAT, LIFECYCLE_FORMAT, VALUE_TYPES_FORMAT)
    )


def validate_date(text: str) -> str:
    """``YYYY-MM-DD`` or a :class:`UsageError`."""
    try:
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise UsageError(f"--date must be YYYY-MM-DD, not {text!r}") from exc
