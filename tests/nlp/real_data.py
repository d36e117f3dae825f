"""The real labelled set: gold labels kept in the project, texts read from ``../shared`` at run time.

The real set (``tests/data/nlp_real_*.jsonl``) labels legend and regulation texts that
municipalities, regional councils and the national examples wrote, not the project. Most of
those sources carry no licence that lets the project copy their text (see
``../shared/reference/SOURCES*.md`` and ``corpus/README.md``), so a gold line holds only the
labels, the sign, the plan level and a **reference** to the text: the file under
``../shared/reference``, where in it, and the sha256 of the text, so a changed source is noticed
instead of silently scoring other words. This module resolves the references::

    rows = load_real(DATA / "nlp_real_dev.jsonl")      # gold lines with "text" filled in

Locators (``source.kind``):

* ``jsonl`` – ``line`` (1-based) of a JSON-lines file, ``fields`` joined by a line break
  (``["heading", "text"]``: a legend entry's heading line and its text);
* ``gpkg`` – ``table``, ``fid`` and ``column`` of a GeoPackage (read-only SQLite);
* ``pgdump`` – ``table``, row ``id`` and ``columns`` of a PostgreSQL custom-format dump
  (read with ``pg_restore``);
* ``xml`` – an ``xpath`` into a GML/XML file (lxml, no entity resolution, no network);
* ``yaml`` – ``index`` of ``plan_regulation_groups`` and its ``field`` in a YAML library;
* ``csv`` – the ``column`` of the row whose ``key`` column holds ``value`` (``;`` or tab
  separated, as the legacy notation lists are);
* ``json`` – a JSON ``pointer`` (RFC 6901) into a JSON file (a Ryhti example plan).

Test-support code: used by ``tests/nlp/test_real.py`` and the benchmarks; never by ``ryhti``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
REFERENCE = Path(os.environ.get("RYHTI_REFERENCE", ROOT.parent / "shared" / "reference"))
REAL_SETS = ("nlp_real_dev.jsonl", "nlp_real_heldout.jsonl")


class Unresolved(Exception):
    """A reference that cannot be read here (material absent, tool missing, text changed)."""


def text_hash(text: str) -> str:
    """sha256 of the text as resolved (NFC), the check that the source still says the same."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def split_key(text: str) -> int:
    """0–99 from the text's words (white space collapsed): below 30 is held out.

    Hashing the text, not the id, puts a text that occurs in several sources (or with several
    signs) into one split."""
    words = " ".join(unicodedata.normalize("NFC", text).split()).lower()
    return int(hashlib.sha256(words.encode("utf-8")).hexdigest()[:8], 16) % 100


HELD_OUT_BELOW = 30


def resolve(source: dict[str, Any], root: Path = REFERENCE) -> str:
    """The text a ``source`` locator points at (raises :class:`Unresolved`)."""
    path = root / source["file"]
    if not path.exists():
        raise Unresolved(f"{path} not found")
    kind = source["kind"]
    if kind == "jsonl":
        row = _jsonl(path)[source["line"] - 1]
        text = "\n".join(str(row[f]).strip() for f in source["fields"] if row.get(f))
    elif kind == "gpkg":
        text = _gpkg(path, source["table"], source["column"], source["fid"])
    elif kind == "pgdump":
        row = _pgdump(path, source["table"])[str(source["id"])]
        text = "\n".join(row[c].strip() for c in source["columns"] if row.get(c))
    elif kind == "xml":
        text = _xml(path, source["xpath"])
    elif kind == "yaml":
        text = _yaml(path)[source["index"]][source["field"]]
    elif kind == "csv":
        text = _csv(path, source["key"], str(source["value"]))[source["column"]]
    elif kind == "json":
        text = _json_pointer(_json(path), source["pointer"])
    else:
        raise Unresolved(f"unknown source kind {kind!r}")
    return unicodedata.normalize("NFC", text)


def load_real(path: Path, root: Path = REFERENCE, *, strict: bool = True) -> list[dict[str, Any]]:
    """Gold lines of ``path`` with ``text`` resolved; a changed text raises (``strict``) or is
    left out, because scoring a label against other words would be wrong."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = resolve(row["source"], root)
        if text_hash(text) != row["source"]["sha256"]:
            if strict:
                raise Unresolved(f"{row['id']}: the text at {row['source']} has changed")
            continue
        rows.append({**row, "text": text})
    return rows


def available(root: Path = REFERENCE) -> str | None:
    """``None`` when every source of the real set can be read here, else the reason why not."""
    if not root.exists():
        return f"reference material not available: {root} (set RYHTI_REFERENCE)"
    if shutil.which("pg_restore") is None:
        return "pg_restore not installed (the Tampere dump is read with it)"
    return None


@functools.lru_cache(maxsize=8)
def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _gpkg(path: Path, table: str, column: str, fid: int) -> str:
    if not re.fullmatch(r"\w+", table) or not re.fullmatch(r"\w+", column):
        raise Unresolved(f"bad table or column name {table!r}.{column!r}")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        found = con.execute(f"SELECT {column} FROM {table} WHERE fid = ?", (fid,)).fetchone()
    if not found or found[0] is None:
        raise Unresolved(f"{path.name}: no {table}.{column} for fid {fid}")
    return str(found[0])


@functools.lru_cache(maxsize=32)
def _pgdump(path: Path, table: str) -> dict[str, dict[str, str]]:
    if shutil.which("pg_restore") is None:
        raise Unresolved("pg_restore not installed")
    out = subprocess.run(
        ["pg_restore", "--data-only", "--table", table, "--file", "-", str(path)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    rows: dict[str, dict[str, str]] = {}
    lines = out.split("\n")
    for n, line in enumerate(lines):
        m = re.match(r"COPY \S+ \((.*)\) FROM stdin;", line)
        if not m:
            continue
        cols = [c.strip().strip('"') for c in m.group(1).split(",")]
        for data in lines[n + 1 :]:
            if data == "\\.":
                break
            values = dict(zip(cols, data.split("\t"), strict=False))
            rows[values["id"]] = {k: _copy_value(v) for k, v in values.items()}
    return rows


def _copy_value(value: str) -> str:
    """A COPY text field: ``\\N`` is null (empty here), backslash escapes undone."""
    if value == "\\N":
        return ""
    escapes = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), value)


def _xml(path: Path, xpath: str) -> str:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    tree = etree.parse(str(path), parser)
    found = tree.xpath(xpath)
    if not found:
        raise Unresolved(f"{path.name}: nothing at {xpath}")
    node = found[0]
    return str(node if isinstance(node, str) else "".join(node.itertext()))


@functools.lru_cache(maxsize=8)
def _yaml(path: Path) -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["plan_regulation_groups"]


def _csv(path: Path, key: str, value: str) -> dict[str, str]:
    import csv

    raw = path.read_text(encoding="utf-8-sig")
    header = raw.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count("\t") else "\t"
    for row in csv.DictReader(raw.splitlines(), delimiter=delimiter):
        if row.get(key) == value:
            return row
    raise Unresolved(f"{path.name}: no row with {key} = {value}")


@functools.lru_cache(maxsize=64)
def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _json_pointer(document: Any, pointer: str) -> str:
    node = document
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError) as exc:
            raise Unresolved(f"nothing at {pointer}") from exc
    if not isinstance(node, str):
        raise Unresolved(f"{pointer} is not a text")
    return node
