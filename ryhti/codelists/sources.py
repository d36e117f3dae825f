"""Where code lists and table inputs are read from: koodistot.suomi.fi or a directory.

Two sources give the same result, one :class:`BuiltList` per list of the catalogue:

* online, the koodistot.suomi.fi codelist API (:mod:`ryhti.codelists.koodistot`);
* offline, a directory laid out like the project's reference copy of koodistot
  (one ``<scheme>.json`` or ``<registry>_<scheme>.json`` per list, with ``codes[]`` of
  ``code, uri, label_fi/sv/en, parent, description, short_name, status, level, order``),
  which may also hold the inputs of the three project tables (:data:`TABLE_INPUTS`).

Each code becomes the project's code record (see ``docs/codelists.md``), with ``unknown``
naming what the source could not say; nothing is made up. Inconsistencies in the source
(duplicate codes, unknown parents, URIs that do not fit) are collected in ``problems``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ryhti.codelists import catalogue
from ryhti.codelists.catalogue import CATALOGUE, KOODISTOT_STATUSES, ListSpec
from ryhti.codelists.codes import CODE_SEPARATOR, LANGUAGES, bare_code
from ryhti.codelists.formats import LIST_FORMAT
from ryhti.errors import InputError
from ryhti.io import read_json

#: Project tables: name → input file in a ``--from`` directory.
TABLE_INPUTS = {
    "notation": "plan-notation.json",
    "lifecycle_relations": "relations_lifecycle_events.json",
    "value_types": "units_and_value_types.json",
}

Progress = Callable[[str], None]


@dataclass
class BuiltList:
    """One list ready to write: its file content and its ``index.json`` entry."""

    spec: ListSpec
    doc: dict[str, Any]
    entry: dict[str, Any]


# ------------------------------------------------------------------------------------------
# Codes from either source
# ------------------------------------------------------------------------------------------


def clean(text: Any) -> str | None:
    """A stripped non-empty string, else ``None``."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    return text or None


def languages(mapping: dict[str, Any]) -> dict[str, str]:
    """Language map with empty values dropped, fi/sv/en first, others sorted."""
    cleaned = {lang: clean(text) for lang, text in mapping.items()}
    order = [*LANGUAGES, *sorted(k for k in cleaned if k not in LANGUAGES)]
    return {lang: cleaned[lang] for lang in order if cleaned.get(lang)}  # type: ignore[misc]


def _status(raw: Any) -> str | None:
    """A koodistot status word, or ``None`` when the source does not know it."""
    word = (clean(raw) or "").split(" ")[0].upper()
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
    """The project's code record, with ``unknown`` naming what the source could not say.

    ``header`` is set (only) on structuring header-level codes, which koodistot marks in the
    description alone (:data:`~ryhti.codelists.catalogue.HEADER_DESCRIPTION`).
    """
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
    if any(catalogue.HEADER_DESCRIPTION.search(text) for text in descriptions.values()):
        record["header"] = True
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
        uri=clean(raw.get("uri")) or f"{list_uri}{CODE_SEPARATOR}{value}",
        labels=languages({lang: raw.get(f"label_{lang}") for lang in LANGUAGES}),
        parent=clean(raw.get("parent")),
        level=raw.get("level"),
        status=_status(raw.get("status")),
        short_name=clean(raw.get("short_name")),
        descriptions=languages(
            {
                "fi": raw.get("description"),
                "sv": raw.get("description_sv"),
                "en": raw.get("description_en"),
            }
        ),
        order=raw.get("order"),
        koodistot_id=clean(raw.get("koodistot_id")),
    )


def _broader_value(broader: Any) -> str | None:
    if isinstance(broader, dict):
        value = clean(broader.get("codeValue"))
        if value:
            return value
        broader = broader.get("uri") or broader.get("url")
    if isinstance(broader, str) and broader.strip():
        return bare_code(broader) or None
    return None


def _koodistot_code(raw: dict[str, Any], list_uri: str) -> dict[str, Any]:
    value = raw["codeValue"].strip()
    labels = raw.get("prefLabel") if isinstance(raw.get("prefLabel"), dict) else {}
    descriptions = raw.get("description") if isinstance(raw.get("description"), dict) else {}
    return _code_record(
        value=value,
        uri=clean(raw.get("uri")) or f"{list_uri}{CODE_SEPARATOR}{value}",
        labels=languages(labels),
        parent=_broader_value(raw.get("broaderCode")),
        level=raw.get("hierarchyLevel"),
        status=_status(raw.get("status")),
        short_name=clean(raw.get("shortName")),
        descriptions=languages(descriptions),
        order=raw.get("order"),
        koodistot_id=clean(raw.get("id")),
    )


def assemble(
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


def provenance_of(record: Any) -> dict[str, Any]:
    """The provenance fields (repository, commit, path, licence …) of a source record."""
    if not isinstance(record, dict):
        return {}
    return {key: record[key] for key in catalogue.PROVENANCE_KEYS if record.get(key)}


def codes_of(lists: dict[str, BuiltList], list_id: str) -> dict[str, dict[str, Any]]:
    """The code records of one built list by value (empty if the list is not built)."""
    built = lists.get(list_id)
    return {c["value"]: c for c in built.doc["codes"]} if built else {}


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
    uri = clean(data.get("uri")) or spec.uri
    codes = [_directory_code(raw, uri, path, f"codes[{i}]") for i, raw in enumerate(data["codes"])]
    names = languages(
        {"fi": data.get("name"), "sv": data.get("name_sv"), "en": data.get("name_en")}
    )
    source: dict[str, Any] = {"kind": "directory", "directory": directory.name, "file": path.name}
    upstream = provenance_of(data.get("source"))
    if upstream:
        source["upstream"] = upstream
    for key, label in (("source_api_enum", "upstream_enum"), ("source_labels", "upstream_labels")):
        provenance = provenance_of(data.get(key))
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
    return assemble(spec, uri, names, codes, source, problems, extra)


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
    return assemble(spec, spec.uri, {}, codes, source, problems)


def read_directory_lists(
    folder: Path, problems: list[str], progress: Progress | None = None
) -> dict[str, BuiltList]:
    """Every list of the catalogue from a ``--from`` directory."""
    lists: dict[str, BuiltList] = {}
    for spec in CATALOGUE:
        built = _directory_list(spec, folder, problems)
        lists[spec.id] = built
        if progress:
            progress(f"{spec.id}: {built.entry['count']} codes")
    return lists


def table_input(folder: Path, name: str) -> Path | None:
    """The input file of project table ``name`` in a ``--from`` directory, if it has one."""
    path = folder / TABLE_INPUTS[name]
    return path if path.is_file() else None


# ------------------------------------------------------------------------------------------
# Online: koodistot.suomi.fi
# ------------------------------------------------------------------------------------------


def fetch_lists(
    base: str,
    *,
    timeout: float | None,
    retries: int,
    page_size: int | None,
    transport: Any,
    problems: list[str],
    progress: Progress | None = None,
) -> dict[str, BuiltList]:
    """Every list of the catalogue from the koodistot codelist API at ``base``."""
    from ryhti.codelists import koodistot

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
            uri = clean(scheme.get("uri")) or spec.uri
            names = languages(
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
            built = assemble(spec, uri, names, codes, source, problems)
            lists[spec.id] = built
            if progress:
                progress(f"{spec.id}: {built.entry['count']} codes")
    return lists
