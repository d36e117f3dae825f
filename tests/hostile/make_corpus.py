"""Write the hostile-input corpus and its manifest (deterministic: same bytes every run).

    .venv/bin/python tests/hostile/make_corpus.py            # rewrite tests/hostile/corpus/
    .venv/bin/python tests/hostile/make_corpus.py --check    # exit 1 if the committed copy differs

Every input is made here, by the project, from scratch: plan JSON, GeoJSON, KuntaGML and
national-model GML, GeoPackage, Shapefile, zip, DXF, legend documents (.txt/.md/.docx/.pdf),
JSONL, GeoTIFF, code-list folders, mapping and configuration TOML. ``manifest.json`` lists
one case per (input, command): the command line, the exit code it must end with and a
regular expression its output must match. Inputs too big to commit (a 2 GB sparse file,
zip bombs) are listed with ``"make"`` and built by the runner at test time.

Placeholders in text inputs (and in the members of .docx/.zip inputs) are filled in by
the runner: ``@CANARY_PATH@`` is the absolute path of a secret file outside the input's
folder and ``@CANARY_URL@`` a loopback URL whose server counts requests; a case passes
only if the secret never shows up and the server is never asked.

Files written through GDAL (GeoPackage, Shapefile) are normalised (timestamps fixed,
databases vacuumed), but SQLite's page layout may still differ from run to run and between
GDAL versions: the manifest keeps no hash of them, ``--check`` only checks they are there,
and a plain rewrite leaves the committed copies of them in place.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import random
import sqlite3
import struct
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"
MANIFEST = HERE / "manifest.json"

#: Error line prefix of every RyhtiError (ryhti.cli.main).
ERR = r"ryhti: error: "
FIXED_TIME = (2024, 1, 1, 0, 0, 0)

#: Every case gets an entry; see the module docstring for the fields.
Case = dict[str, Any]


class Corpus:
    """Collects the files (path → bytes) and the cases of the manifest."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.gdal_files: set[str] = set()
        self.cases: list[Case] = []

    def add(self, path: str, data: bytes | str, *, gdal: bool = False) -> str:
        if isinstance(data, str):
            data = data.encode("utf-8")
        if path in self.files:
            raise ValueError(f"duplicate corpus file {path}")
        self.files[path] = data
        if gdal:
            self.gdal_files.add(path)
        return path

    def case(
        self,
        category: str,
        name: str,
        input: str,
        argv: list[str],
        *,
        exit: int = 2,
        match: str,
        why: str,
        names: str | None = None,
        make: str | None = None,
        timeout: int = 20,
        xfail: str | None = None,
    ) -> None:
        """One (input, command) case. ``names``: text the output must contain (default the
        input's file name, required when the exit code is 1 or 2); ``make``: built at test
        time by the runner's maker of that name; ``xfail``: a known bug in a package this
        corpus does not own, with its reproduction (the case must fail until it is fixed)."""
        cid = f"{category}/{name}"
        if any(c["id"] == cid for c in self.cases):
            raise ValueError(f"duplicate case id {cid}")
        folder = any(f.startswith(input + "/") for f in self.files)
        if make is None and input not in self.files and not folder:
            raise ValueError(f"case {cid}: no corpus file {input}")
        self.cases.append(
            {
                "id": cid,
                "category": category,
                "input": input,
                "argv": argv,
                "exit": exit,
                "match": match,
                "names": names if names is not None else Path(input).name,
                "why": why,
                **({"make": make} if make else {}),
                **({"xfail": xfail} if xfail else {}),
                "timeout": timeout,
            }
        )


# ---------------------------------------------------------------------------------------
# commands (``{input}`` is the input path, ``{out}`` a fresh output folder)
# ---------------------------------------------------------------------------------------

VALIDATE = ["validate", "{input}", "--no-config"]
DESCRIBE = ["describe", "{input}", "-o", "{out}/selostus.md", "--no-map", "-q"]
EXPORT = ["export", "{input}", "-o", "{out}/plan.gpkg"]
MAP = ["map", "{input}", "-o", "{out}/kaavakartta.png", "--max-pixels", "256"]
REPORT = ["report", "{input}", "--format", "text"]
GIS_MAPPING = "gis/alueet.toml"


def convert(mapping: str | None = None, *extra: str) -> list[str]:
    argv = ["convert", "{input}", "--no-extract", "--no-validate", "-o", "{out}/plan.json"]
    argv += ["--report", "{out}/report.json"]
    if mapping:
        argv += ["--mapping", "{corpus}/" + mapping]
    return [*argv, *extra]


EXTRACT = ["extract", "{input}"]
CHECK_MAP = ["map", "--check", "{input}"]


def codelists_update() -> list[str]:
    return ["codelists", "update", "--from", "{input}", "--out", "{out}/snapshot"]


# ---------------------------------------------------------------------------------------
# plan JSON
# ---------------------------------------------------------------------------------------


def base_plan() -> dict[str, Any]:
    """A small valid plan (6 objects, no findings) from the benchmark generator."""
    sys.path.insert(0, str(ROOT))
    from tests.support.plan_generator import generate_plan

    plan = generate_plan(6, seed=1)
    used = {r["planRegulationGroupKey"] for r in plan["planRegulationGroupRelations"]}
    plan["planRegulationGroups"] = [
        g for g in plan["planRegulationGroups"] if g["planRegulationGroupKey"] in used
    ]
    return plan


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def set_path(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


#: Wrong types that leave the plan without the structure a GeoPackage needs: export
#: refuses them (exit 2, naming the place); other wrong types are exported as they are
#: (the GeoPackage keeps each item's JSON, so converting it back gives the same plan).
EXPORT_REFUSES = {
    "plan-objects-string",
    "plan-objects-object",
    "plan-objects-of-numbers",
    "groups-string",
    "relations-of-strings",
    "geographical-area-string",
    "geometry-null",
    "geometry-number",
    "geometry-inner-string",
    "coordinates-flat",
    "coordinates-null",
    "coordinates-strings",
    "coordinates-booleans",
    "geometry-type-unknown",
    "geometry-type-number",
    "title-number",
}
#: Wrong types whose plan also goes through describe and (when export accepts it) export:
#: a sample, since each GeoPackage written costs a third of a second.
OTHER_COMMANDS = {
    "plan-key-number",
    "plan-objects-string",
    "plan-objects-null",
    "groups-string",
    "relations-of-strings",
    "lifecycle-list",
    "geographical-area-string",
    "geometry-null",
    "geometry-inner-string",
    "srid-wgs84",
    "coordinates-strings",
    "coordinates-empty",
    "coordinates-booleans",
    "object-number-huge",
    "title-number",
    "title-language-list",
    "value-unknown-type",
    "value-number-string",
}
#: Values that are odd but allowed (the schema sets no minimum for objectNumber).
VALIDATE_ACCEPTS = {"object-number-negative"}
#: Known bugs in ryhti/validators (not owned here): the case fails until they are fixed.
#: (lifeCycleStatus as a list and G013 on empty rings were fixed while this corpus was made.)
VALIDATOR_BUGS: dict[str, str] = {}


def plan_json_cases(c: Corpus) -> None:
    plan = base_plan()
    text = dumps(plan)
    c.add("json/base.json", text)
    data = text.encode("utf-8")

    def refused(name: str, content: bytes | str, match: str, why: str, *, more: bool = False):
        path = c.add(f"json/{name}.json", content)
        c.case("json", name, path, VALIDATE, match=ERR + r".*" + match, why=why)
        if more:
            c.case("json", f"{name}@describe", path, DESCRIBE, match=ERR + ".*" + match, why=why)
            c.case("json", f"{name}@export", path, EXPORT, match=ERR + ".*" + match, why=why)

    # truncated at 24 places, from inside the first key to the last closing brace
    cuts = sorted({int(len(data) * k / 25) for k in range(1, 25)} | {1, len(data) - 2})
    for n, cut in enumerate(cuts):
        chunk = data[:cut]
        while chunk and (chunk[-1] & 0xC0) == 0x80:  # never cut inside a UTF-8 character
            chunk = chunk[:-1]
        refused(
            f"truncated-{n:02d}",
            chunk,
            r"not valid JSON",
            f"the plan cut off after {len(chunk)} of {len(data)} bytes",
            more=n % 8 == 3,
        )

    syntax = {
        "trailing-comma": ('{"planKey": "a",}', "not valid JSON"),
        "single-quotes": ("{'planKey': 'a'}", "not valid JSON"),
        "comment": ('// kaava\n{"planKey": "a"}', "not valid JSON"),
        "block-comment": ('{"planKey": /* x */ "a"}', "not valid JSON"),
        "unquoted-key": ("{planKey: 1}", "not valid JSON"),
        "missing-colon": ('{"planKey" "a"}', "not valid JSON"),
        "extra-bracket": ('{"planKey": "a"}}', "not valid JSON"),
        "two-documents": ('{"planKey": "a"}\n{"planKey": "b"}', "not valid JSON"),
        "control-char": ('{"planKey": "a\u0001b"}', "not valid JSON"),
        "newline-in-string": ('{"planKey": "a\nb"}', "not valid JSON"),
        "bad-escape": ('{"planKey": "\\x41"}', "not valid JSON"),
        "short-unicode-escape": ('{"planKey": "\\u12"}', "not valid JSON"),
        "hex-number": ('{"objectNumber": 0x10}', "not valid JSON"),
        "leading-zero": ('{"objectNumber": 007}', "not valid JSON"),
        "plus-sign": ('{"objectNumber": +1}', "not valid JSON"),
        "bare-decimal-point": ('{"objectNumber": .5}', "not valid JSON"),
        "python-literals": ('{"planKey": None, "x": True}', "not valid JSON"),
        "yaml-instead": ("planKey: a\nplanObjects:\n  - x\n", "not valid JSON"),
        "xml-instead": ('<?xml version="1.0"?><plan/>', "not valid JSON"),
        "html-error-page": ("<html><body>502 Bad Gateway</body></html>", "not valid JSON"),
        "empty": ("", "not valid JSON"),
        "whitespace-only": (" \n\t\r\n ", "not valid JSON"),
        "bom-only": (b"\xef\xbb\xbf", "not valid JSON"),
        "nul-bytes": (b'{"planKey": "a"}\x00\x00\x00', "not valid JSON"),
        "nul-inside": (b'{"plan\x00Key": 1}', "not valid JSON"),
        "unterminated-string": ('{"planKey": "abc', "not valid JSON"),
        "lone-bracket": ("[", "not valid JSON"),
    }
    for name, (content, match) in syntax.items():
        refused(f"syntax-{name}", content, match, f"broken JSON syntax: {name.replace('-', ' ')}")

    nesting = {
        "arrays-20000": "[" * 20_000 + "]" * 20_000,
        "objects-20000": '{"a":' * 20_000 + "1" + "}" * 20_000,
        "mixed-20000": '[{"a":' * 10_000 + "1" + "}]" * 10_000,
        "coordinates-20000": text.replace('"coordinates": [', '"coordinates": ' + "[" * 20_000, 1)
        .replace("]", "]" * 20_000, 1)
        .replace("[" * 20_000 + "\n", "[" * 20_000, 1),
        "unclosed-20000": "[" * 20_000,
    }
    for name, content in nesting.items():
        refused(
            f"nesting-{name}",
            content,
            r"(nested too deeply|not valid JSON)",
            "deep nesting must not exhaust the stack",
        )

    numbers = {
        "coordinate-1e400": ("1e400", "too large to be a finite number"),
        "coordinate-minus-1e400": ("-1e400", "too large to be a finite number"),
        "coordinate-1e999999": ("1e999999", "too large to be a finite number"),
        "coordinate-NaN": ("NaN", "NaN is not valid JSON"),
        "coordinate-Infinity": ("Infinity", "Infinity is not valid JSON"),
        "coordinate-minus-Infinity": ("-Infinity", "Infinity is not valid JSON"),
        "coordinate-5000-digits": ("9" * 5000, "not valid JSON"),
        "coordinate-5000-digit-fraction": ("0." + "1" * 5000 + "e99999", "not valid JSON"),
    }
    first = plan["planObjects"][0]["geometry"]["geometry"]["coordinates"][0][0][0]
    needle = json.dumps(first)
    for name, (literal, match) in numbers.items():
        refused(
            f"numbers-{name}",
            text.replace(needle, literal, 1),
            match,
            "a coordinate that is not a finite number is refused while reading",
            more=name in ("coordinate-NaN", "coordinate-1e400"),
        )
    refused(
        "numbers-object-number-5000-digits",
        text.replace('"objectNumber": 1', '"objectNumber": 1' + "0" * 5000, 1),
        "not valid JSON",
        "an integer too long to convert",
    )

    dups = {
        "top-level": '{"planKey": "a", "planKey": "b"}',
        "in-geometry": text.replace('"srid": "3067"', '"srid": "3067", "srid": "3879"', 1),
        "in-value": text.replace('"number": ', '"number": 1, "number": ', 1),
    }
    for name, content in dups.items():
        refused(f"duplicate-key-{name}", content, "duplicate key", "one value would be lost")

    title = "Asuinkerrostalojen korttelialue"
    fin = "Lähivirkistysalue – puisto, jossa säilytettävä €-merkki"
    enc = {
        "latin-1": text.replace(title, "Mäntylän asuinalue").encode("latin-1", "replace"),
        "cp1252": text.replace(title, fin).encode("cp1252"),
        "utf-16-le-bom": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf-16-be-bom": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf-16-no-bom": text.encode("utf-16-le"),
        "utf-32": text.encode("utf-32"),
        "overlong-slash": data.replace(b'"planKey"', b'"plan\xc0\xafKey"', 1),
        "encoded-surrogate": data.replace(b'"planKey"', b'"plan\xed\xa0\x80Key"', 1),
        "truncated-multibyte": text.replace(title, "Ä")
        .encode("utf-8")
        .replace(b"\xc3\x84", b"\xc3", 1),
        "ff-byte": data.replace(b"{", b"{\xff", 1),
        "mixed-utf8-latin1": text.replace(title, "Mäntylä").encode("utf-8")
        + '{"x": "Mäntylä"}'.encode("latin-1"),
    }
    for name, content in enc.items():
        refused(
            f"encoding-{name}",
            content,
            r"(not valid UTF-8|not valid JSON)",
            "JSON must be UTF-8; Finnish text in another encoding is refused with a hint",
            more=name == "cp1252",
        )

    # readable but wrong: the validator reads it and reports findings (exit 1), every
    # other command refuses or tolerates it without a traceback
    def invalid(
        name: str,
        doc: Any,
        why: str,
        match: str = r"error\s+[A-Z]\d{3}",
        exit: int = 1,
        xfail: str | None = None,
        **kw: Any,
    ):
        path = c.add(f"json/{name}.json", dumps(doc))
        c.case("json", name, path, VALIDATE, exit=exit, match=match, why=why, xfail=xfail)
        for cmd, argv in (("describe", DESCRIBE), ("export", EXPORT), ("map", MAP)):
            if kw.get(cmd):
                code, regex = kw[cmd]
                c.case("json", f"{name}@{cmd}", path, argv, exit=code, match=regex, why=why)

    top = {
        "array": [],
        "string": "kaava",
        "number": 31,
        "null": None,
        "true": True,
    }
    for name, doc in top.items():
        path = c.add(f"json/top-level-{name}.json", json.dumps(doc))
        c.case(
            "json",
            f"top-level-{name}",
            path,
            VALIDATE,
            match=ERR + r".*(JSON object|object)",
            why="a plan must be a JSON object",
        )
        c.case(
            "json",
            f"top-level-{name}@describe",
            path,
            DESCRIBE,
            match=ERR + r".*object",
            why="a plan must be a JSON object",
        )
    path = c.add("json/empty-object.json", "{}")
    c.case(
        "json",
        "empty-object",
        path,
        VALIDATE,
        exit=1,
        match=r"S002",
        why="an empty object is read as a plan that lacks every required property",
    )

    obj0 = ("planObjects", 0)
    wrong_types: dict[str, tuple[tuple[Any, ...], Any]] = {
        "plan-key-number": (("planKey",), 12345),
        "plan-key-object": (("planKey",), {"a": 1}),
        "plan-objects-string": (("planObjects",), "kaikki"),
        "plan-objects-object": (("planObjects",), {"0": {}}),
        "plan-objects-null": (("planObjects",), None),
        "plan-objects-of-numbers": (("planObjects",), [1, 2, 3]),
        "groups-string": (("planRegulationGroups",), "AK"),
        "relations-of-strings": (("planRegulationGroupRelations",), ["a", "b"]),
        "lifecycle-number": (("lifeCycleStatus",), 4),
        "lifecycle-list": (("lifeCycleStatus",), ["04"]),
        "geographical-area-string": (("geographicalArea",), "POLYGON((0 0,1 0,1 1,0 0))"),
        "geometry-null": ((*obj0, "geometry"), None),
        "geometry-number": ((*obj0, "geometry"), 0),
        "geometry-inner-string": ((*obj0, "geometry", "geometry"), "Polygon"),
        "srid-number": ((*obj0, "geometry", "srid"), 3067),
        "srid-unknown": ((*obj0, "geometry", "srid"), "999999"),
        "srid-wgs84": ((*obj0, "geometry", "srid"), "4326"),
        "coordinates-strings": (
            (*obj0, "geometry", "geometry", "coordinates"),
            [[["385000", "6672000"], ["385040", "6672000"], ["385040", "6672040"]]],
        ),
        "coordinates-flat": ((*obj0, "geometry", "geometry", "coordinates"), [1, 2, 3, 4]),
        "coordinates-empty": ((*obj0, "geometry", "geometry", "coordinates"), []),
        "coordinates-empty-ring": ((*obj0, "geometry", "geometry", "coordinates"), [[]]),
        "coordinates-null": ((*obj0, "geometry", "geometry", "coordinates"), None),
        "coordinates-booleans": (
            (*obj0, "geometry", "geometry", "coordinates"),
            [[[True, False], [True, True], [False, True], [True, False]]],
        ),
        "geometry-type-unknown": ((*obj0, "geometry", "geometry", "type"), "Hexagon"),
        "geometry-type-number": ((*obj0, "geometry", "geometry", "type"), 7),
        "object-number-string": ((*obj0, "objectNumber"), "yksi"),
        "object-number-float": ((*obj0, "objectNumber"), 1.5),
        "object-number-huge": ((*obj0, "objectNumber"), 2**80),
        "object-number-negative": ((*obj0, "objectNumber"), -1),
        "related-keys-string": ((*obj0, "relatedPlanObjectKeys"), "abc"),
        "title-number": (("planRegulationGroups", 0, "titleOfPlanRegulation"), 5),
        "title-language-list": (("planRegulationGroups", 0, "titleOfPlanRegulation"), {"fin": []}),
        "regulations-string": (("planRegulationGroups", 0, "planRegulations"), "AK"),
        "regulation-type-number": (("planRegulationGroups", 0, "planRegulations", 0, "type"), 1),
        "value-string": (("planRegulationGroups", 0, "planRegulations", 0, "value"), "e=0,4"),
        "value-unknown-type": (
            ("planRegulationGroups", 0, "planRegulations", 0, "value"),
            {"dataType": "Imaginary", "number": 1},
        ),
        "value-number-string": (
            ("planRegulationGroups", 0, "planRegulations", 0, "value"),
            {"dataType": "PositiveNumeric", "number": "kaksi"},
        ),
        "value-range-reversed": (
            ("planRegulationGroups", 0, "planRegulations", 0, "value"),
            {"dataType": "PositiveNumericRange", "minimumValue": 9, "maximumValue": -9},
        ),
        "group-number-string": (("planRegulationGroups", 0, "groupNumber"), "1"),
    }
    for name, (path, value) in wrong_types.items():
        refuse = name in EXPORT_REFUSES
        invalid(
            f"types-{name}",
            set_path(plan, path, value),
            f"{'.'.join(map(str, path))} has the wrong type",
            exit=0 if name in VALIDATE_ACCEPTS else 1,
            match=r"no findings" if name in VALIDATE_ACCEPTS else r"error\s+[A-Z]\d{3}",
            xfail=VALIDATOR_BUGS.get(name),
            describe=(0, r"wrote .*selostus\.md") if name in OTHER_COMMANDS else None,
            export=(2, ERR + r".*(cannot be exported|no usable geometry)")
            if refuse
            else (0, r"wrote .*plan\.gpkg")
            if name in OTHER_COMMANDS
            else None,
        )

    # geometry that parses but is wrong
    ring = plan["planObjects"][0]["geometry"]["geometry"]["coordinates"][0]
    geo = {
        "unclosed-ring": ring[:-1],
        "two-point-ring": [ring[0], ring[1], ring[0]],
        "bow-tie": [ring[0], ring[4], ring[2], ring[6], ring[0]],
        "all-one-point": [ring[0]] * 5,
        "three-d": [[*p, 12.5] for p in ring],
        "one-d": [[p[0]] for p in ring],
        "huge-1e300": [[p[0] * 1e294, p[1] * 1e294] for p in ring],
        "tiny-denormal": [[p[0] * 1e-320, p[1] * 1e-320] for p in ring],
        "spike": [ring[0], ring[1], [ring[1][0], ring[1][1] - 1e6], ring[1], *ring[2:]],
        "far-away": [[p[0] + 5e7, p[1] + 5e7] for p in ring],
    }
    for name, coords in geo.items():
        doc = set_path(plan, (*obj0, "geometry", "geometry", "coordinates"), [coords])
        invalid(
            f"geometry-{name}",
            doc,
            "a geometry that reads but is not a valid area",
            describe=(0, r"wrote .*selostus\.md"),
            export=(2, ERR + ".*no usable geometry")
            if name == "one-d"
            else (0, r"wrote .*plan\.gpkg")
            if name in ("bow-tie", "huge-1e300", "unclosed-ring", "three-d")
            else None,
            map=(0, r"wrote .*kaavakartta\.png") if name in ("bow-tie", "spike") else None,
        )
    doc = set_path(
        plan,
        (*obj0, "geometry", "geometry"),
        {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]},
    )
    invalid("geometry-collection", doc, "a geometry collection is not a plan geometry")
    doc = set_path(
        plan, (*obj0, "geometry", "geometry"), {"type": "MultiPolygon", "coordinates": []}
    )
    invalid("geometry-empty-multipolygon", doc, "an empty multipolygon")
    doc = set_path(plan, ("geographicalArea", "geometry", "coordinates"), [[[0, 0], [1, 1]]])
    invalid("geometry-plan-area-line", doc, "the plan area is not an area")

    # a lone surrogate escape is valid JSON but cannot be written as UTF-8
    lone = text.replace(title, "Asuin\\ud800alue", 1)
    path = c.add("json/text-lone-surrogate.json", lone)
    c.case(
        "json",
        "text-lone-surrogate",
        path,
        VALIDATE,
        exit=2,
        match=ERR + r".*surrogate escape",
        why="\\ud800 alone is valid JSON syntax but no text: refused while reading",
    )
    c.case(
        "json",
        "text-lone-surrogate@describe",
        path,
        DESCRIBE,
        exit=2,
        match=ERR + r".*surrogate escape",
        why="\\ud800 alone cannot be written to the description",
    )
    c.case(
        "json",
        "text-lone-surrogate@export",
        path,
        EXPORT,
        exit=2,
        match=ERR + r".*surrogate escape",
        why="\\ud800 alone cannot be written to a GeoPackage",
    )
    # huge strings and many keys (readable, must stay fast)
    doc = set_path(
        plan, ("planRegulationGroups", 0, "titleOfPlanRegulation"), {"fin": "Ä" * 50_000}
    )
    path = c.add("json/text-50k-title.json", json.dumps(doc, ensure_ascii=False))
    c.case(
        "json",
        "text-50k-title",
        path,
        VALIDATE,
        exit=0,
        match=r"no findings|warning",
        why="a 50,000-character title is odd but not an error",
    )
    doc = dict(plan)
    doc.update({f"x{i}": i for i in range(5_000)})
    path = c.add("json/unknown-5000-keys.json", json.dumps(doc))
    c.case(
        "json",
        "unknown-5000-keys",
        path,
        VALIDATE,
        exit=1,
        match=r"S0\d\d",
        why="5,000 unknown properties are reported, quickly",
    )


# ---------------------------------------------------------------------------------------
# saved reports (ryhti report)
# ---------------------------------------------------------------------------------------


def report_cases(c: Corpus) -> None:
    items = {
        "truncated": ('{"version": 1, "findings": [', ERR + ".*not valid JSON"),
        "not-object": ("[1, 2, 3]", ERR),
        "findings-string": ('{"findings": "none"}', ERR),
        "finding-wrong-types": ('{"findings": [{"rule": 5, "severity": [], "message": {}}]}', ERR),
        "latin-1": ('{"findings": [], "note": "Mäntylä"}'.encode("latin-1"), ERR + ".*UTF-8"),
    }
    for name, (content, match) in items.items():
        path = c.add(f"report/{name}.json", content)
        c.case("report", name, path, REPORT, match=match, why="a saved report that is not one")


# ---------------------------------------------------------------------------------------
# GeoJSON
# ---------------------------------------------------------------------------------------

X0, Y0 = 25_490_000.0, 6_675_000.0


def square(x: float, y: float, size: float = 10.0) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def feature(coords: Any, props: dict[str, Any] | None = None, kind: str = "Polygon") -> dict:
    return {
        "type": "Feature",
        "properties": props if props is not None else {"tunnus": "A1", "merkinta": "VL"},
        "geometry": {"type": kind, "coordinates": coords},
    }


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection whose features all carry the mapped attributes (null if absent):
    GDAL makes a column only of a property some feature has."""
    for f in features:
        if isinstance(f.get("properties"), dict):
            f["properties"] = {
                **dict.fromkeys(("tunnus", "merkinta", "teksti", "e")),
                **f["properties"],
            }
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3879"}},
        "features": list(features),
    }


MAPPING_TOML = """\
# Mapping shared by the GIS cases: one layer "alueet" of area reservations.
version = 1
[plan]
plan_type = "31"
[[layers]]
layer = "alueet"
role = "area"
id = "tunnus"
letter_code = "merkinta"
text = "teksti"
[layers.values]
tehokkuusluku = "e"
"""


def geojson_cases(c: Corpus) -> None:
    c.add(GIS_MAPPING, MAPPING_TOML)
    good = collection(
        feature([square(X0, Y0)], {"tunnus": "A1", "merkinta": "VL", "teksti": "Puisto."}),
        feature([square(X0 + 10, Y0)], {"tunnus": "A2", "merkinta": "AK", "e": 0.8}),
    )
    text = json.dumps(good, indent=1)
    c.add("geojson/base/alueet.geojson", text)

    def case(name: str, content: Any, match: str, why: str, exit: int = 2) -> None:
        body = content if isinstance(content, bytes | str) else json.dumps(content)
        path = c.add(f"geojson/{name}/alueet.geojson", body)
        c.case("geojson", name, path, convert(GIS_MAPPING), exit=exit, match=match, why=why)

    data = text.encode()
    for n, cut in enumerate((len(data) // 5, len(data) // 2, len(data) - 3)):
        case(f"truncated-{n}", data[:cut], ERR + ".*(cannot be read|not valid)", "cut off")
    case("not-json", "kaava;tunnus\nVL;1\n", ERR, "CSV with a .geojson suffix")
    case("empty", "", ERR, "an empty file")
    case(
        "latin-1-text",
        text.replace("Puisto.", "Lähivirkistysalue.").encode("latin-1"),
        ERR + ".*UTF-8",
        "GeoJSON is UTF-8 by definition",
    )
    case(
        "nan-coordinate",
        text.replace(json.dumps(X0 + 10), "NaN", 1),
        ERR + ".*NaN is not valid JSON",
        "NaN is not JSON (GDAL would accept it and the vertex would vanish)",
    )
    case(
        "infinity-coordinate",
        text.replace(json.dumps(X0 + 10), "Infinity", 1),
        ERR + ".*Infinity is not valid JSON",
        "Infinity is not JSON",
    )
    case(
        "coordinate-1e400",
        text.replace(json.dumps(X0 + 10), "1e400", 1),
        ERR + ".*(finite|cannot be read|not valid)",
        "a coordinate too large for a double",
    )
    case(
        "deep-nesting",
        '{"type": "FeatureCollection", "features": ' + "[" * 20_000 + "]" * 20_000 + "}",
        ERR,
        "deep nesting",
    )
    case("features-string", {"type": "FeatureCollection", "features": "none"}, ERR, "wrong type")
    path = c.add("geojson/empty-collection/alueet.geojson", json.dumps(collection()))
    c.case(
        "geojson",
        "empty-collection",
        path,
        convert(GIS_MAPPING),
        match=ERR + ".*layer 'alueet' lacks .*attributes: none",
        names="'alueet'",
        why="an empty layer has no attributes for the mapping (GeoJSON has no schema)",
    )
    case(
        "only-null-geometries",
        collection({"type": "Feature", "properties": {"merkinta": "VL"}, "geometry": None}),
        ERR + ".*(no plan features|nothing to convert)",
        "features without geometry",
    )
    case(
        "properties-wrong-types",
        collection(
            feature([square(X0, Y0)], {"tunnus": [1, 2], "merkinta": {"a": 1}, "e": "paljon"})
        ),
        r"converted|CV0\d\d",
        "attributes of the wrong type are reported, not lost",
        exit=0,
    )
    case(
        "geometry-type-unknown",
        collection(feature([square(X0, Y0)], kind="Hexagon")),
        ERR + ".*(cannot be read|no plan features|nothing to convert)",
        "unknown geometry type",
    )
    case(
        "coordinates-strings",
        collection(feature([[["a", "b"], ["c", "d"], ["e", "f"], ["a", "b"]]])),
        ERR + ".*(cannot be read|no plan features|nothing to convert)",
        "coordinates that are text",
    )
    case(
        "huge-coordinates",
        collection(feature([[[x * 1e290, y * 1e290] for x, y in square(X0, Y0)]])),
        r"converted",
        "finite but absurd coordinates are converted; the validator's G010 says where they are",
        exit=0,
    )
    case(
        "crs-unknown",
        {**good, "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}},
        ERR + ".*(coordinate system|CRS|crs|cannot be read)",
        "an unknown CRS",
    )
    case(
        "duplicate-ids-bowtie",
        collection(
            feature([[[X0, Y0], [X0 + 10, Y0 + 10], [X0 + 10, Y0], [X0, Y0 + 10], [X0, Y0]]]),
            feature([square(X0, Y0)]),
        ),
        r"converted .* 2 plan objects",
        "repeated ids and a bow tie are repaired and reported",
        exit=0,
    )
    case(
        "vrt-disguised",
        vrt_xml(),
        ERR + r".*virtual dataset .* is refused",
        "an OGR VRT that reads another file must not be opened",
    )


def vrt_xml() -> str:
    """An OGR VRT whose layer is the secret file: opening it reads outside the input."""
    return f"""<OGRVRTDataSource>
  <OGRVRTLayer name="alueet">
    <SrcDataSource>@CANARY_PATH@</SrcDataSource>
    <SrcSQL dialect="SQLITE">SELECT field_1 AS merkinta, NULL AS tunnus, NULL AS teksti, NULL AS e, ST_GeomFromText('POLYGON(({X0} {Y0},{X0 + 10} {Y0},{X0 + 10} {Y0 + 10},{X0} {Y0 + 10},{X0} {Y0}))') AS geometry FROM canary</SrcSQL>
    <LayerSRS>EPSG:3879</LayerSRS>
  </OGRVRTLayer>
</OGRVRTDataSource>
"""


# ---------------------------------------------------------------------------------------
# KuntaGML and national-model GML
# ---------------------------------------------------------------------------------------

KUNTAGML = """<?xml version="1.0" encoding="UTF-8"?>
<akaava:AsemakaavaAineisto gml:id="aineisto.1"
    xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava"
    xmlns:yht="http://www.kuntatietopalvelu.fi/gml/yhteiset"
    xmlns:gml="http://www.opengis.net/gml"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <akaava:kaavat>
    <akaava:Kaava gml:id="kaava.1">
      <akaava:tunnus>K1</akaava:tunnus>
      <akaava:kaavatunnus>499001</akaava:kaavatunnus>
      <akaava:kaavanimi1>Mäntyrinne</akaava:kaavanimi1>
      <akaava:kuntakoodi>049</akaava:kuntakoodi>
      <akaava:kaavanvaihe>kaavaehdotus</akaava:kaavanvaihe>
      <akaava:kaavatyyppi>asemakaava</akaava:kaavatyyppi>
      <akaava:hyvaksymissijainti>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="2">
          <gml:exterior><gml:LinearRing><gml:posList>@BOUNDARY@</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </akaava:hyvaksymissijainti>
      <akaava:kaavamaaraykset>
        <akaava:Kaavamaarays gml:id="m.ap">
          <akaava:tunnus>M1</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Asuinpientalojen korttelialue.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta>AP</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
        <akaava:Kaavamaarays gml:id="m.katu">
          <akaava:tunnus>M2</akaava:tunnus>
          <akaava:maaraysteksti_primaari>Katualue.</akaava:maaraysteksti_primaari>
          <akaava:kaavamerkinta>katu</akaava:kaavamerkinta>
        </akaava:Kaavamaarays>
      </akaava:kaavamaaraykset>
    </akaava:Kaava>
  </akaava:kaavat>
  <akaava:kayttotarkoitusalueet>
    <akaava:Kortteli gml:id="kortteli.1">
      <akaava:tunnus>KO1</akaava:tunnus>
      <akaava:aluesijainti><akaava:AlueSijainti><akaava:alue>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="2"><gml:exterior><gml:LinearRing><gml:posList>@BLOCK@</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
      </akaava:alue></akaava:AlueSijainti></akaava:aluesijainti>
      <akaava:korttelinumero>1</akaava:korttelinumero>
      <akaava:korttelinosat>
        <akaava:Korttelinosa gml:id="ko.1">
          <akaava:tunnus>KO1-1</akaava:tunnus>
          <akaava:sijainti>
            <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="2"><gml:exterior><gml:LinearRing><gml:posList>@BLOCK@</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
          </akaava:sijainti>
          <akaava:kaavamerkinta>AP</akaava:kaavamerkinta>
          <akaava:tehokkuusluku>@EFFICIENCY@</akaava:tehokkuusluku>
          <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.ap"/></akaava:kaavamaarayslinkit>
        </akaava:Korttelinosa>
      </akaava:korttelinosat>
    </akaava:Kortteli>
    <akaava:Katualue gml:id="katu.1">
      <akaava:tunnus>KA1</akaava:tunnus>
      <akaava:aluesijainti><akaava:AlueSijainti><akaava:alue>
        <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3879" srsDimension="2">@STREET@</gml:Polygon>
      </akaava:alue></akaava:AlueSijainti></akaava:aluesijainti>
      <akaava:kaavamerkinta>katu</akaava:kaavamerkinta>
      <akaava:kaavamaarayslinkit><akaava:KaavamaaraysLinkki xlink:href="#m.katu"/></akaava:kaavamaarayslinkit>
    </akaava:Katualue>
  </akaava:kayttotarkoitusalueet>
</akaava:AsemakaavaAineisto>
"""


def poslist(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.0f} {y:.0f}" for x, y in points)


BOUNDARY = [(X0, Y0), (X0 + 200, Y0), (X0 + 200, Y0 + 150), (X0, Y0 + 150), (X0, Y0)]
BLOCK = [(X0, Y0), (X0 + 200, Y0), (X0 + 200, Y0 + 120), (X0, Y0 + 120), (X0, Y0)]
STREET_RING = [(X0, Y0 + 120), (X0 + 200, Y0 + 120), (X0 + 200, Y0 + 150), (X0, Y0 + 150)]
STREET = (
    "<gml:exterior><gml:LinearRing><gml:posList>"
    + poslist([*STREET_RING, STREET_RING[0]])
    + "</gml:posList></gml:LinearRing></gml:exterior>"
)


def kuntagml(
    *,
    boundary: str | None = None,
    block: str | None = None,
    street: str | None = None,
    efficiency: str = "0.4",
) -> str:
    return (
        KUNTAGML.replace("@BOUNDARY@", boundary if boundary is not None else poslist(BOUNDARY))
        .replace("@BLOCK@", block if block is not None else poslist(BLOCK))
        .replace("@STREET@", street if street is not None else STREET)
        .replace("@EFFICIENCY@", efficiency)
    )


def arc_ring(kind: str, points: str) -> str:
    return (
        "<gml:exterior><gml:Ring><gml:curveMember><gml:Curve><gml:segments>"
        f"<gml:{kind}><gml:posList>{points}</gml:posList></gml:{kind}>"
        "</gml:segments></gml:Curve></gml:curveMember></gml:Ring></gml:exterior>"
    )


NATIONAL = """<?xml version="1.0" encoding="UTF-8"?>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"
    xmlns:splan="http://tietomallit.ymparisto.fi/kaavatiedot/xml/1.0"
    xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="fc.1">
  <gml:featureMember>
    <splan:SpatialPlan gml:id="plan.1">
      <splan:identifier>1</splan:identifier>
      <splan:geometry><gml:Polygon gml:id="g.1"><gml:exterior><gml:LinearRing><gml:posList>@RING@</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></splan:geometry>
    </splan:SpatialPlan>
  </gml:featureMember>
  <gml:featureMember>
    <splan:ZoningElement gml:id="ze.1">
      <splan:identifier>2</splan:identifier>
      <splan:geometry><gml:Polygon gml:id="g.2"><gml:exterior><gml:LinearRing><gml:posList>@RING@</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></splan:geometry>
      <splan:landUse><splan:LandUse><splan:landUseKind xlink:href="http://uri.suomi.fi/codelist/rytj/FinnishLandUseKind/AP"/></splan:LandUse></splan:landUse>
    </splan:ZoningElement>
  </gml:featureMember>
</gml:FeatureCollection>
"""

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
ROOT_OPEN = (
    '<akaava:AsemakaavaAineisto xmlns:akaava="http://www.kuntatietopalvelu.fi/gml/asemakaava">'
)
ROOT_CLOSE = "</akaava:AsemakaavaAineisto>\n"


def gml_cases(c: Corpus) -> None:
    base = kuntagml()
    c.add("gml/base.gml", base)
    gml_convert = convert(None, "--source-crs", "EPSG:3879")

    def case(name: str, content: str | bytes, match: str, why: str, exit: int = 2, **kw: Any):
        path = c.add(f"gml/{name}.gml", content)
        c.case("gml", name, path, kw.pop("argv", gml_convert), exit=exit, match=match, why=why)

    data = base.encode()
    for n, cut in enumerate(range(len(data) // 12, len(data) - 10, len(data) // 12)):
        case(f"truncated-{n:02d}", data[:cut], ERR + ".*not well-formed XML", "cut off")
    case("empty", "", ERR + ".*(empty|not well-formed|no plan)", "an empty file")
    case(
        "binary-garbage", bytes(random.Random(8).randrange(256) for _ in range(3000)), ERR, "noise"
    )
    case("not-xml", "kaava: asemakaava\n", ERR + ".*not well-formed XML", "not XML")
    case("html", "<html><body><p>Service unavailable</body></html>", ERR, "an error page")
    case(
        "unknown-root",
        XML_HEAD + "<kaava><alue>VL</alue></kaava>\n",
        ERR + ".*(names none of the source's layers|no plan)",
        "XML, but not a plan",
    )
    case("root-only", XML_HEAD + ROOT_OPEN + ROOT_CLOSE, ERR, "a KuntaGML file with no plan")

    # DTDs and entities
    billion = (
        XML_HEAD
        + '<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + "".join(
            f' <!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">\n'
            for i in range(1, 10)
        )
        + "]>\n"
        + ROOT_OPEN
        + "&lol9;"
        + ROOT_CLOSE
    )
    case("dtd-billion-laughs", billion, ERR + ".*DOCTYPE", "exponential entity expansion")
    quadratic = (
        XML_HEAD
        + '<!DOCTYPE a [<!ENTITY big "'
        + "x" * 50_000
        + '">]>\n'
        + ROOT_OPEN
        + "&big;" * 2000
        + ROOT_CLOSE
    )
    case("dtd-quadratic-blowup", quadratic, ERR + ".*DOCTYPE", "quadratic entity expansion")
    xxe = {
        "xxe-file-canary": '<!ENTITY x SYSTEM "file://@CANARY_PATH@">',
        "xxe-plain-path-canary": '<!ENTITY x SYSTEM "@CANARY_PATH@">',
        "xxe-etc-passwd": '<!ENTITY x SYSTEM "file:///etc/passwd">',
        "xxe-url": '<!ENTITY x SYSTEM "@CANARY_URL@">',
        "xxe-parameter-entity": '<!ENTITY % p SYSTEM "@CANARY_URL@"> %p;',
        "xxe-php-filter": '<!ENTITY x SYSTEM "php://filter/resource=@CANARY_PATH@">',
    }
    for name, decl in xxe.items():
        case(
            name,
            XML_HEAD
            + f"<!DOCTYPE akaava:AsemakaavaAineisto [{decl}]>\n"
            + ROOT_OPEN
            + "&x;"
            + ROOT_CLOSE,
            ERR + ".*DOCTYPE",
            "an external entity must never be resolved",
        )
    case(
        "dtd-external-system",
        XML_HEAD + '<!DOCTYPE a SYSTEM "@CANARY_URL@">\n' + ROOT_OPEN + ROOT_CLOSE,
        ERR + ".*DOCTYPE",
        "an external DTD must never be fetched",
    )
    case(
        "dtd-after-64k-comment",
        XML_HEAD
        + "<!--"
        + " " * 70_000
        + "-->\n"
        + '<!DOCTYPE a [<!ENTITY x SYSTEM "file://@CANARY_PATH@">]>\n'
        + ROOT_OPEN
        + "&x;"
        + ROOT_CLOSE,
        ERR + ".*(DOCTYPE|not well-formed)",
        "a DOCTYPE placed beyond the first 64 KB",
    )
    case(
        "dtd-utf16",
        (
            '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file://@CANARY_PATH@">]>\n'
            + ROOT_OPEN
            + "&x;"
            + ROOT_CLOSE
        ).encode("utf-16"),
        ERR + ".*(DOCTYPE|not well-formed)",
        "a DOCTYPE in UTF-16, invisible to a byte search",
    )
    case(
        "xinclude",
        XML_HEAD
        + base.split("\n", 1)[1].replace(
            "<akaava:kaavat>",
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://@CANARY_PATH@" parse="text"/>'
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="@CANARY_URL@"/><akaava:kaavat>',
        ),
        r"converted",
        "XInclude is never processed: the element is ignored",
        exit=0,
    )
    case(
        "schema-location-url",
        base.replace(
            'gml:id="aineisto.1"',
            'gml:id="aineisto.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.kuntatietopalvelu.fi/gml/asemakaava @CANARY_URL@"',
        ),
        r"converted",
        "schemas are never fetched",
        exit=0,
    )
    case(
        "xlink-to-url",
        base.replace('xlink:href="#m.ap"', 'xlink:href="@CANARY_URL@"'),
        r"converted|CV0\d\d",
        "an xlink to a URL is never followed",
        exit=0,
    )
    case(
        "stylesheet-pi",
        base.replace(
            XML_HEAD, XML_HEAD + '<?xml-stylesheet type="text/xsl" href="@CANARY_URL@"?>\n'
        ),
        r"converted",
        "processing instructions are ignored",
        exit=0,
    )
    case(
        "deep-elements",
        XML_HEAD + ROOT_OPEN + "<a>" * 5000 + "</a>" * 5000 + ROOT_CLOSE,
        ERR,
        "elements nested deeper than lxml's default limit",
    )
    case(
        "many-attributes",
        XML_HEAD
        + ROOT_OPEN.replace(">", " " + " ".join(f'a{i}="{i}"' for i in range(10_000)) + ">")
        + ROOT_CLOSE,
        ERR,
        "10,000 attributes on one element",
    )

    # encodings
    case(
        "cp1252-undeclared",
        base.replace("Mäntyrinne", "Mäntyrinne – €").encode("cp1252"),
        ERR + ".*not well-formed XML",
        "cp1252 bytes in a document declared UTF-8",
    )
    case(
        "latin-1-declared",
        base.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"),
        r"converted",
        "Latin-1 declared in the XML declaration is read correctly",
        exit=0,
    )
    case(
        "encoding-unknown",
        base.replace('encoding="UTF-8"', 'encoding="KOI8-FI"'),
        ERR,
        "an encoding nobody knows",
    )
    case(
        "utf16-declared-utf8",
        base.replace('encoding="UTF-8"', 'encoding="UTF-16"'),
        ERR,
        "UTF-8 bytes declared UTF-16",
    )

    # coordinates
    coords = {
        "odd-count": (poslist(BLOCK) + " 5", "does not divide"),
        "letters": (poslist(BLOCK).replace("25490200", "x25490200", 1), "not a number"),
        "nan": (poslist(BLOCK).replace("25490200", "NaN", 1), "not finite"),
        "inf": (poslist(BLOCK).replace("25490200", "INF", 1), "not finite"),
        "1e400": (poslist(BLOCK).replace("25490200", "1e400", 1), "not finite"),
        "hex-float": (poslist(BLOCK).replace("25490200", "0x1p4", 1), "not a number"),
    }
    for name, (value, match) in coords.items():
        case(f"coords-{name}", kuntagml(block=value), ERR + ".*" + match, "bad posList")
    for name, value in (("empty", ""), ("two-points", poslist(BLOCK[:2]))):
        case(
            f"coords-{name}",
            kuntagml(block=value),
            r"error: CV005 .*left out",
            "a ring with no area: the feature is left out and the report says so (exit 1)",
            exit=1,
        )
    case(
        "coords-underscore-number",
        kuntagml(block=poslist(BLOCK).replace("25490200", "25_490_200", 1)),
        r"converted",
        "Python reads 25_490_200 as the number it spells (xs:double would not): converted",
        exit=0,
    )
    case(
        "coords-1e300",
        kuntagml(block=" ".join(f"{x * 1e290:.6e} {y * 1e290:.6e}" for x, y in BLOCK)),
        r"converted",
        "finite but absurd coordinates are converted; the validator's G010 says they lie "
        "outside Finland",
        exit=0,
    )
    case(
        "srs-dimension-zero",
        kuntagml().replace('srsDimension="2"', 'srsDimension="0"'),
        ERR + ".*divide",
        "srsDimension 0",
    )
    case(
        "srs-dimension-text",
        kuntagml().replace('srsDimension="2"', 'srsDimension="two"'),
        r"(converted|error)",
        "srsDimension that is not a number falls back to 2-D",
        exit=0,
    )
    case(
        "pos-srs-dimension-text",
        kuntagml(block=poslist(BLOCK)).replace(
            "<gml:posList>" + poslist(BLOCK),
            '<gml:posList srsDimension="kaksi">' + poslist(BLOCK),
            1,
        ),
        ERR + ".*srsDimension",
        "srsDimension of a posList that is not a number",
    )
    case(
        "srs-dimension-huge",
        kuntagml().replace('srsDimension="2"', 'srsDimension="99999999999999999999"'),
        ERR + ".*divide",
        "an absurd srsDimension",
    )
    case(
        "srs-unknown",
        kuntagml().replace("urn:ogc:def:crs:EPSG::3879", "urn:ogc:def:crs:EPSG::999999"),
        ERR + ".*(coordinate system|CRS)",
        "an unknown srsName",
    )
    case(
        "circle-radius-1e13",
        kuntagml(street=arc_ring("Circle", f"{X0} {Y0} {X0 + 1e13} {Y0 + 1e13} {X0 + 2e13} {Y0}")),
        ERR + ".*arc of radius .* chords",
        "a circle so large that chords within 1 cm would need billions of vertices",
    )
    case(
        "arc-radius-1e15",
        kuntagml(street=arc_ring("Arc", f"{X0} {Y0} {X0 + 1e15} {Y0 + 1e15} {X0 + 2e15} {Y0}")),
        ERR + ".*arc of radius .* chords",
        "an arc so large that 1 - tolerance / radius rounds to 1 (a division by zero before)",
    )
    case(
        "circle-collinear",
        kuntagml(street=arc_ring("Circle", f"{X0} {Y0} {X0 + 1} {Y0} {X0 + 2} {Y0}")),
        ERR + ".*collinear",
        "a circle through three points on a line",
    )
    case(
        "circle-two-points",
        kuntagml(street=arc_ring("Circle", f"{X0} {Y0} {X0 + 1} {Y0}")),
        ERR + ".*(three points|Circle)",
        "a circle with two points",
    )
    case(
        "arc-string-even",
        kuntagml(
            street=arc_ring("ArcString", f"{X0} {Y0} {X0 + 1} {Y0 + 1} {X0 + 2} {Y0} {X0 + 3} {Y0}")
        ),
        ERR + ".*(ArcString|arc|odd|points)",
        "an ArcString with an even number of points",
    )
    case(
        "efficiency-inf",
        kuntagml(efficiency="inf"),
        r"(converted|error|CV006)",
        "an efficiency of infinity is not a value: reported, not written as a non-number",
        exit=0,
    )
    case(
        "efficiency-1e999",
        kuntagml(efficiency="1e999"),
        r"(converted|error|CV006)",
        "an efficiency that overflows",
        exit=0,
    )
    case(
        "efficiency-nan",
        kuntagml(efficiency="nan"),
        r"(converted|error|CV006)",
        "an efficiency that is not a number",
        exit=0,
    )
    case(
        "href-loop",
        kuntagml().replace('xlink:href="#m.ap"', 'xlink:href="#ko.1"'),
        r"converted|CV0\d\d",
        "a regulation link pointing at the feature itself",
        exit=0,
    )
    national = NATIONAL.replace("@RING@", poslist(BLOCK))
    c.add("gml/national-base.gml", national)
    case(
        "national-odd-count",
        NATIONAL.replace("@RING@", poslist(BLOCK) + " 1"),
        ERR + ".*divide",
        "national-model GML with a broken posList",
    )
    case(
        "national-no-members",
        NATIONAL.split("<gml:featureMember>")[0] + "</gml:FeatureCollection>\n",
        ERR,
        "national-model GML with no features",
    )
    case(
        "national-nested-collections",
        NATIONAL.replace("@RING@", poslist(BLOCK)).replace(
            "<gml:featureMember>",
            "<gml:featureMember><gml:FeatureCollection><gml:featureMember>" * 40,
            1,
        ),
        ERR,
        "feature collections inside feature members",
    )


# ---------------------------------------------------------------------------------------
# GeoPackage, Shapefile, zip (written with GDAL, then normalised)
# ---------------------------------------------------------------------------------------


def _gdal_layer(path: Path, rows: list[dict[str, Any]], geoms: list[Any], **kw: Any) -> None:
    import geopandas as gpd
    import pyogrio

    frame = gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(geoms), crs=kw.pop("crs", "EPSG:3879"))
    pyogrio.write_dataframe(frame, path, layer=kw.pop("layer", "alueet"), **kw)


def _normalise_gpkg(path: Path, sql: list[tuple[str, tuple[Any, ...]]] = ()) -> bytes:
    con = sqlite3.connect(path)
    try:
        for statement, args in sql:
            con.execute(statement, args)
        con.execute("UPDATE gpkg_contents SET last_change = '2024-01-01T00:00:00.000Z'")
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    return path.read_bytes()


def _rows(n: int = 2) -> tuple[list[dict[str, Any]], list[Any]]:
    import shapely

    rows = [
        {"tunnus": f"A{i + 1}", "merkinta": ["VL", "AK"][i % 2], "teksti": "Puisto.", "e": 0.5}
        for i in range(n)
    ]
    geoms = [shapely.box(X0 + 10 * i, Y0, X0 + 10 * i + 10, Y0 + 10) for i in range(n)]
    return rows, geoms


def gpkg_bytes(rows=None, geoms=None, sql=(), **kw: Any) -> bytes:
    if rows is None or geoms is None:
        rows, geoms = _rows()
    if not rows:  # an empty layer still has its columns
        import pandas as pd

        rows = pd.DataFrame(
            {k: pd.Series([], dtype=object) for k in ("tunnus", "merkinta", "teksti")}
        )
        rows["e"] = pd.Series([], dtype=float)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.gpkg"
        # no R-tree: its triggers need SpatiaLite functions to update a geometry by SQL
        _gdal_layer(path, rows, geoms, driver="GPKG", layer_options={"SPATIAL_INDEX": "NO"}, **kw)
        return _normalise_gpkg(path, list(sql))


def shapefile_files(rows=None, geoms=None, **kw: Any) -> dict[str, bytes]:
    if rows is None or geoms is None:
        rows, geoms = _rows()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "alueet.shp"
        _gdal_layer(path, rows, geoms, driver="ESRI Shapefile", **kw)
        out = {}
        for f in sorted(Path(tmp).iterdir()):
            data = bytearray(f.read_bytes())
            if f.suffix == ".dbf":
                data[1:4] = bytes([124, 1, 1])  # last update: 2024-01-01
            out[f.name] = bytes(data)
        return out


def gpkg_cases(c: Corpus) -> None:
    import shapely

    good = gpkg_bytes()
    c.add("gpkg/base.gpkg", good, gdal=True)

    def case(name: str, content: bytes, match: str, why: str, exit: int = 2, gdal=True) -> None:
        path = c.add(f"gpkg/{name}.gpkg", content, gdal=gdal)
        c.case("gpkg", name, path, convert(GIS_MAPPING), exit=exit, match=match, why=why)

    for n, frac in enumerate((0.1, 0.5, 0.9)):
        case(f"truncated-{n}", good[: int(len(good) * frac)], ERR, "cut off")
    case("header-only", b"SQLite format 3\x00", ERR, "a SQLite header and nothing more", gdal=False)
    case(
        "header-then-garbage",
        b"SQLite format 3\x00" + bytes(random.Random(1).randrange(256) for _ in range(8192)),
        ERR,
        "a SQLite header and noise",
        gdal=False,
    )
    case("zeroed-header", b"\x00" * 100 + good[100:], ERR, "the header overwritten", gdal=True)
    page = bytearray(good)
    for i in range(4096, min(len(page), 12288)):
        page[i] = (i * 7) & 0xFF
    case("corrupt-pages", bytes(page), ERR, "database pages overwritten")
    case("text-file", "tunnus;merkinta\n1;VL\n", ERR, "text with a .gpkg suffix", gdal=False)
    case(
        "vrt-disguised",
        vrt_xml(),
        ERR + r".*not a GeoPackage",
        "an OGR VRT named .gpkg would read another file",
        gdal=False,
    )
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "plain.sqlite"
        con = sqlite3.connect(p)
        con.execute("CREATE TABLE alueet (tunnus TEXT, merkinta TEXT)")
        con.execute("INSERT INTO alueet VALUES ('A1', 'VL')")
        con.commit()
        con.close()
        case("plain-sqlite", p.read_bytes(), ERR, "SQLite, but no GeoPackage tables", gdal=False)
    empty = gpkg_bytes(rows=[], geoms=[], geometry_type="Polygon")
    case("empty-layer", empty, ERR + ".*(no plan features|nothing to convert)", "an empty layer")
    rows, geoms = _rows()
    case(
        "null-geometries",
        gpkg_bytes(rows, [None, None], geometry_type="Polygon"),
        ERR + ".*(no plan features|nothing to convert)",
        "features without geometry",
    )
    nan_box = shapely.Polygon([(X0, Y0), (float("nan"), Y0), (X0 + 10, Y0 + 10), (X0, Y0)])
    case(
        "nan-coordinates",
        gpkg_bytes(rows, [nan_box, geoms[1]]),
        r"error: CV005 .*left out",
        "a NaN vertex: the feature is left out and reported as an error",
        exit=1,
    )
    inf_box = shapely.Polygon([(X0, Y0), (float("inf"), Y0), (X0 + 10, Y0 + 10), (X0, Y0)])
    case(
        "inf-coordinates",
        gpkg_bytes(rows, [inf_box, geoms[1]]),
        r"error: CV005 .*left out",
        "an infinite vertex: the feature is left out and reported as an error",
        exit=1,
    )
    case(
        "efficiency-inf",
        gpkg_bytes([{**rows[0], "e": float("inf")}, rows[1]], geoms),
        r"(converted|CV006)",
        "an efficiency of infinity is reported as not understood",
        exit=0,
    )
    case(
        "garbage-geometry-blob",
        gpkg_bytes(
            rows, geoms, sql=[("UPDATE alueet SET geom = ? WHERE fid = 1", (b"GP\x00\x01junk",))]
        ),
        r"error: CV005 .*left out: no geometry",
        "a geometry blob that is not WKB: the feature is left out and reported",
        exit=1,
    )
    case(
        "invalid-utf8-text",
        gpkg_bytes(
            rows,
            geoms,
            sql=[("UPDATE alueet SET teksti = CAST(? AS TEXT) WHERE fid = 1", (b"L\xe4hi",))],
        ),
        ERR + ".*(encoding|UTF-8)",
        "TEXT that is not UTF-8 (SQLite does not check)",
    )
    case(
        "text-in-number-column",
        gpkg_bytes(rows, geoms, sql=[("UPDATE alueet SET e = 'paljon' WHERE fid = 1", ())]),
        r"(converted|CV0\d\d)",
        "SQLite keeps text in a REAL column",
        exit=0,
    )
    case(
        "unknown-srs",
        gpkg_bytes(
            rows,
            geoms,
            sql=[
                (
                    "UPDATE gpkg_spatial_ref_sys SET definition = 'garbage', organization = 'x', "
                    "organization_coordsys_id = 1 WHERE srs_id = 3879",
                    (),
                )
            ],
        ),
        r"CV020.*fit only EPSG:3879",
        "a garbage CRS definition: GDAL reads none, and the GK25 coordinates tell the system",
        exit=0,
    )
    case(
        "points-in-area-layer",
        gpkg_bytes(rows, [shapely.Point(X0, Y0), shapely.Point(X0 + 1, Y0)]),
        ERR + ".*boundary is not an area",
        "points in the only layer: no area to make the plan boundary of",
        exit=2,
    )


def shapefile_cases(c: Corpus) -> None:
    files = shapefile_files()
    for name, data in files.items():
        c.add(f"shp/base/{name}", data, gdal=True)

    def case(name: str, parts: dict[str, bytes], match: str, why: str, exit: int = 2) -> None:
        for fname, data in parts.items():
            c.add(f"shp/{name}/{fname}", data, gdal=True)
        c.case(
            "shp",
            name,
            f"shp/{name}/alueet.shp",
            convert(GIS_MAPPING),
            exit=exit,
            match=match,
            why=why,
            names="alueet",
        )

    shp = files["alueet.shp"]
    case(
        "truncated-shp",
        {**files, "alueet.shp": shp[: len(shp) // 2]},
        ERR + "|converted",
        "cut off",
        exit=2,
    )
    case("shp-only", {"alueet.shp": shp}, ERR, "no .shx or .dbf beside the .shp")
    case(
        "garbage-dbf",
        {**files, "alueet.dbf": b"\x03" + b"\xff" * 200},
        ERR,
        "a .dbf of noise",
    )
    case("garbage-shx", {**files, "alueet.shx": b"\x00" * 20}, ERR, "a .shx of zeros")
    case(
        "bad-shape-type",
        {**files, "alueet.shp": shp[:32] + struct.pack("<i", 99) + shp[36:]},
        r"converted",
        "shape type 99 in the file header: GDAL reads the records' own types",
        exit=0,
    )
    header = bytearray(shp)
    header[36:68] = struct.pack("<4d", *(float("nan"),) * 4)
    case(
        "nan-bbox",
        {**files, "alueet.shp": bytes(header)},
        r"(converted|" + ERR + ")",
        "a NaN bounding box in the header",
        exit=0,
    )
    case(
        "garbage-prj",
        {**files, "alueet.prj": b'PROJCS["nonsense",GEOGCS[' + b"x" * 50},
        r"(" + ERR + r"|converted)",
        "a .prj that is not WKT",
    )
    case(
        "cpg-unknown",
        {**files, "alueet.cpg": b"KLINGON-8"},
        r"(" + ERR + r"|converted)",
        "a .cpg naming no encoding",
        exit=0,
    )
    cp1252 = shapefile_files(
        [{"tunnus": "A1", "merkinta": "VL", "teksti": "Lähivirkistysalue – €", "e": 0.4}],
        _rows(1)[1],
        encoding="cp1252",
    )
    case(
        "cp1252-claimed-utf8",
        {**cp1252, "alueet.cpg": b"UTF-8"},
        ERR + ".*encoding",
        "cp1252 text in a Shapefile whose .cpg says UTF-8",
    )
    record_count = bytearray(files["alueet.dbf"])
    record_count[4:8] = struct.pack("<I", 0x7FFFFFFF)
    case(
        "dbf-record-count-huge",
        {**files, "alueet.dbf": bytes(record_count)},
        r"converted 2 source features",
        "a .dbf header claiming two billion records: GDAL trusts the file size",
        exit=0,
    )


def _zip(members: list[tuple[str, bytes]], *, symlinks: tuple[str, ...] = (), **kw: Any) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=kw.get("compression", zipfile.ZIP_DEFLATED)) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = kw.get("compression", zipfile.ZIP_DEFLATED)
            if name in symlinks:
                info.external_attr = (0o120777 << 16) | 0
                info.create_system = 3
            else:
                info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def zip_cases(c: Corpus) -> None:
    shp = sorted(shapefile_files().items())
    good = _zip([(f"kaava/{n}", d) for n, d in shp])
    c.add("zip/base.zip", good, gdal=True)

    def case(name: str, content: bytes, match: str, why: str, exit: int = 2) -> None:
        path = c.add(f"zip/{name}.zip", content, gdal=True)
        c.case("zip", name, path, convert(GIS_MAPPING), exit=exit, match=match, why=why)

    outside = ERR + ".*outside the folder"
    slips = {
        "slip-dotdot": "../../zip-slip-target.shp",
        "slip-absolute": "/tmp/zip-slip-target.shp",
        "slip-nested-dotdot": "kaava/../../zip-slip-target.shp",
        "slip-backslash": "..\\..\\zip-slip-target.shp",
        "slip-drive-letter": "C:\\zip-slip-target.shp",
        "slip-drive-relative": "C:zip-slip-target.shp",
    }
    for name, member in slips.items():
        case(
            name, _zip([*[(f"kaava/{n}", d) for n, d in shp], (member, b"x")]), outside, "zip slip"
        )
    case(
        "symlink-to-canary",
        _zip(
            [*[(f"kaava/{n}", d) for n, d in shp], ("kaava/secret.dbf", b"@CANARY_PATH@")],
            symlinks=("kaava/secret.dbf",),
        ),
        ERR + ".*symbolic link",
        "a member that is a symbolic link out of the folder",
    )
    case(
        "symlink-as-shapefile",
        _zip([("kaava/alueet.shp", b"/etc/passwd")], symlinks=("kaava/alueet.shp",)),
        ERR + ".*symbolic link",
        "the dataset itself a symbolic link",
    )
    case("empty-zip", _zip([]), ERR + ".*(no GeoPackage|not a readable zip)", "an empty archive")
    case(
        "no-dataset", _zip([("lueminut.txt", b"hei")]), ERR + ".*no GeoPackage", "no dataset inside"
    )
    case(
        "not-a-zip", b"PK\x03\x04 not really a zip", ERR + ".*zip", "a zip header and nothing more"
    )
    case("truncated", good[: len(good) // 2], ERR + ".*zip", "cut off")
    case(
        "zip-in-zip",
        _zip([("sisempi.zip", good)]),
        ERR + ".*no GeoPackage",
        "a zip inside a zip is not opened",
    )
    case(
        "vrt-member",
        _zip([("kaava.gpkg", vrt_xml().encode())]),
        ERR + r".*not a GeoPackage",
        "a VRT named .gpkg inside a zip would read another file",
    )
    enc = bytearray(good)
    # set the "encrypted" flag on every local and central header
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        start = 0
        while (i := enc.find(sig, start)) != -1:
            flag_at = i + (6 if sig == b"PK\x03\x04" else 8)
            enc[flag_at] |= 1
            start = i + 4
    case(
        "encrypted-flag",
        bytes(enc),
        ERR + ".*encrypted",
        "members flagged as encrypted",
    )
    lying = bytearray(good)
    at = lying.find(b"PK\x01\x02")
    while at != -1:  # central directory: uncompressed size 4 GB for every member
        lying[at + 24 : at + 28] = struct.pack("<I", 0xFFFFFFF0)
        at = lying.find(b"PK\x01\x02", at + 4)
    case(
        "lying-sizes",
        bytes(lying),
        ERR + ".*(zip bomb|over the limit)",
        "a central directory claiming 4 GB members",
    )
    case(
        "duplicate-members",
        _zip([*[(f"kaava/{n}", d) for n, d in shp], ("kaava/alueet.shp", b"\x00" * 100)]),
        ERR + ".*not a Shapefile",
        "two members with the same name, the later one not a Shapefile",
    )


# ---------------------------------------------------------------------------------------
# DXF
# ---------------------------------------------------------------------------------------


def _dxf(entities: list[str], *, header: bool = True) -> str:
    lines = ["0", "SECTION", "2", "ENTITIES", *entities, "0", "ENDSEC", "0", "EOF"]
    if header:
        lines = [
            "0",
            "SECTION",
            "2",
            "HEADER",
            "9",
            "$ACADVER",
            "1",
            "AC1009",
            "0",
            "ENDSEC",
            *lines,
        ]
    return "\n".join(lines) + "\n"


def _polyline(layer: str, pts: list[tuple[Any, Any]]) -> list[str]:
    out = ["0", "POLYLINE", "8", layer, "66", "1", "70", "1"]
    for x, y in pts:
        out += ["0", "VERTEX", "8", layer, "10", str(x), "20", str(y)]
    return [*out, "0", "SEQEND", "8", layer]


DXF_MAPPING = """\
version = 1
[plan]
plan_type = "31"
[[layers]]
layer = "KORTTELIT"
role = "area"
"""


def dxf_cases(c: Corpus) -> None:
    c.add("dxf/mapping.toml", DXF_MAPPING)
    sq = [(X0, Y0), (X0 + 50, Y0), (X0 + 50, Y0 + 50), (X0, Y0 + 50)]
    text = [
        "0",
        "TEXT",
        "8",
        "KORTTELIT",
        "10",
        str(X0 + 25),
        "20",
        str(Y0 + 25),
        "40",
        "2",
        "1",
        "AK",
    ]
    base = _dxf(_polyline("KORTTELIT", sq) + text)
    c.add("dxf/base.dxf", base)
    argv = convert("dxf/mapping.toml", "--source-crs", "EPSG:3879")

    def case(name: str, content: str | bytes, match: str, why: str, exit: int = 2) -> None:
        path = c.add(f"dxf/{name}.dxf", content)
        c.case("dxf", name, path, argv, exit=exit, match=match, why=why)

    rnd = random.Random(3)
    case("binary-garbage", bytes(rnd.randrange(256) for _ in range(4000)), ERR, "noise")
    case(
        "text-garbage",
        "\n".join(rnd.choice(["0", "LINE", "8", "x", "10"]) for _ in range(500)),
        ERR,
        "DXF-like noise",
    )
    case("empty", "", ERR, "an empty file")
    data = base.encode()
    for n, cut in enumerate((len(data) // 4, len(data) // 2, len(data) - 8)):
        case(f"truncated-{n}", data[:cut], ERR + "|converted", "cut off", exit=2)
    case("header-only", "0\nSECTION\n2\nHEADER\n0\nENDSEC\n0\nEOF\n", ERR, "no entities")
    case(
        "binary-dxf-sentinel",
        b"AutoCAD Binary DXF\r\n\x1a\x00" + b"\x00" * 64,
        ERR,
        "a binary DXF stub",
    )
    right = [(x + 50, y) for x, y in sq]
    case(
        "nan-coordinates",
        _dxf(
            _polyline("KORTTELIT", sq)
            + _polyline(
                "KORTTELIT", [(x if i != 1 else "nan", y) for i, (x, y) in enumerate(right)]
            )
            + text
        ),
        r"error: CV005 .*not a finite number",
        "a NaN vertex (GDAL reads it): the feature is left out and reported, not reshaped",
        exit=1,
    )
    path = c.add(
        "dxf/coordinates-text.dxf",
        _dxf(_polyline("KORTTELIT", sq) + _polyline("KORTTELIT", [("x", "y"), *right[1:]]) + text),
    )
    c.case(
        "dxf",
        "coordinates-text",
        path,
        argv,
        exit=2,
        match=r"coordinates-text\.dxf: line \d+: entity VERTEX on layer 'KORTTELIT': "
        r"group code 10 \(x coordinate\) is 'x', not a number",
        why="a vertex that is not a number: GDAL would read it as 0, so the reader refuses "
        "the file naming the line, entity and group code",
    )
    case(
        "huge-coordinates",
        _dxf(_polyline("KORTTELIT", [(x * 1e290, y * 1e290) for x, y in sq]) + text),
        r"converted",
        "absurd coordinates are converted; the validator's G010 says where they are",
        exit=0,
    )
    case(
        "latin-1-text",
        _dxf(_polyline("KORTTELIT", sq) + text[:-1] + ["Lähivirkistysalue"]).encode("latin-1"),
        r"(converted|" + ERR + ")",
        "DXF R12 text in Latin-1 without a declared code page",
        exit=0,
    )
    case(
        "odd-group-codes",
        base.replace("\n8\nKORTTELIT\n", "\n8\n", 1),
        ERR + "|converted",
        "a group code without its value",
    )


# ---------------------------------------------------------------------------------------
# legend documents, JSONL
# ---------------------------------------------------------------------------------------

LEGEND = """# Kaavamerkinnät ja -määräykset

AK Asuinkerrostalojen korttelialue.
VL Lähivirkistysalue.
e=0,8 Tehokkuusluku.

## Yleismääräykset

Hulevedet on viivytettävä tontilla.
"""


def _docx(document_xml: str, extra: list[tuple[str, bytes]] = (), **kw: Any) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    members = [
        ("[Content_Types].xml", content_types.encode()),
        ("_rels/.rels", rels.encode()),
        ("word/document.xml", document_xml.encode("utf-8")),
        *extra,
    ]
    return _zip(members, compression=kw.get("compression", zipfile.ZIP_STORED))


def docx_document(paragraphs: list[str], head: str = "") -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + head
        + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + f"<w:body>{body}</w:body></w:document>"
    )


def _pdf(
    text_ops: bytes | None, *, extra_objects: list[bytes] = (), stream: bytes | None = None
) -> bytes:
    """A minimal PDF with one page; ``stream`` overrides the page content stream."""
    if stream is None:
        stream = b"BT /F1 12 Tf 72 720 Td (" + (text_ops or b"") + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def legend_cases(c: Corpus) -> None:
    c.add("legend/base.md", LEGEND)
    c.add("legend/base.docx", _docx(docx_document(LEGEND.splitlines())))
    c.add("legend/base.pdf", _pdf(b"AK Asuinkerrostalojen korttelialue."))
    # convert --regulations needs a source: the good GeoJSON
    reg_source = "geojson/base/alueet.geojson"

    def case(name: str, suffix: str, content: bytes | str, match: str, why: str, exit: int = 2):
        path = c.add(f"legend/{name}{suffix}", content)
        c.case("legend", name, path, EXTRACT, exit=exit, match=match, why=why)
        if name.endswith(("-0", "garbage", "xxe-canary", "empty")) or "bomb" in name:
            argv = [
                "convert",
                "{corpus}/" + reg_source,
                "--mapping",
                "{corpus}/" + GIS_MAPPING,
                "--no-extract",
                "--regulations",
                "{input}",
                "-o",
                "{out}/plan.json",
            ]
            c.case("legend", f"{name}@convert", path, argv, exit=exit, match=match, why=why)

    case("empty", ".md", "", ERR + ".*empty", "an empty legend")
    case("whitespace", ".txt", "\n \n\t\n", ERR + ".*empty", "only whitespace")
    case(
        "binary-garbage",
        ".txt",
        bytes(random.Random(5).randrange(256) for _ in range(2000)),
        ERR + ".*(UTF-8|cp1252|no legend entries)",
        "noise",
    )
    case(
        "cp1252",
        ".txt",
        LEGEND.replace("Lähivirkistysalue.", "Lähivirkistysalue – puisto.").encode("cp1252"),
        r"planRegulationGroups|review",
        "cp1252 Finnish text is recognised and read (with a note)",
        exit=0,
    )
    case(
        "swedish-only",
        ".md",
        "AK Kvartersområde för flervåningshus.\nVL Område för närrekreation.\n",
        r"planRegulationGroups",
        "a legend in Swedish only is read as it is, nothing split off or lost",
        exit=0,
    )
    case(
        "languages-alternate",
        ".md",
        "VP Puisto. Park. Katu. Gata.\n   Leikkipuisto.\n   Lekpark.\n",
        r"planRegulationGroups",
        "alternating Finnish and Swedish is not guessed apart",
        exit=0,
    )
    case(
        "latin-1-no-finnish-letters",
        ".txt",
        b"AK Asuinkerrostalojen korttelialue \xa7 1.\n",
        ERR + ".*not valid UTF-8",
        "an 8-bit byte with no Finnish letter to tell cp1252",
    )
    case(
        "nul-bytes",
        ".md",
        LEGEND.replace("VL", "V\x00L"),
        ERR + "|planRegulationGroups",
        "NUL bytes",
        exit=0,
    )
    case(
        "only-headings", ".md", "# Otsikko\n## Toinen\n", ERR + ".*no legend entries", "no entries"
    )
    case(
        "one-long-line",
        ".md",
        "AK " + "asuinrakennus " * 15_000,
        r"planRegulationGroups",
        "a 210 KB line",
        exit=0,
    )
    case(
        "docx-random-bytes",
        ".docx",
        bytes(random.Random(6).randrange(256) for _ in range(2000)),
        ERR + ".*not a readable .docx",
        "noise",
    )
    case(
        "docx-no-document",
        ".docx",
        _zip([("hei.txt", b"x")]),
        ERR + ".*not a readable .docx",
        "a zip that is not Word",
    )
    case(
        "docx-xxe-canary",
        ".docx",
        _docx(
            docx_document(
                ["AK &x;"], head='<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://@CANARY_PATH@">]>'
            )
        ),
        r"(" + ERR + r"|planRegulationGroups)",
        "an external entity in Word XML must never be resolved",
        exit=2,
    )
    case(
        "docx-billion-laughs",
        ".docx",
        _docx(
            docx_document(
                ["AK &lol6;"],
                head='<!DOCTYPE w:document [<!ENTITY lol "lol">'
                + "".join(
                    f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">'
                    for i in range(1, 7)
                )
                + "]>",
            )
        ),
        ERR,
        "entity expansion in Word XML",
    )
    case(
        "docx-external-relationship",
        ".docx",
        _docx(
            docx_document(LEGEND.splitlines()),
            extra=[
                (
                    "word/_rels/document.xml.rels",
                    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                    b'Target="@CANARY_URL@" TargetMode="External"/></Relationships>',
                )
            ],
        ),
        r"planRegulationGroups",
        "an external relationship is never fetched",
        exit=0,
    )
    case(
        "docx-zip-slip",
        ".docx",
        _docx(docx_document(LEGEND.splitlines()), extra=[("../../zip-slip-target.txt", b"x")]),
        ERR + r".*outside the folder",
        "a Word file with a member escaping the folder is refused as hostile",
    )
    case(
        "pdf-garbage",
        ".pdf",
        b"%PDF-1.4\n" + bytes(random.Random(7).randrange(256) for _ in range(2000)),
        ERR,
        "noise",
    )
    base_pdf = _pdf(b"AK Asuinkerrostalojen korttelialue.")
    case("pdf-truncated-0", ".pdf", base_pdf[: len(base_pdf) // 2], ERR, "cut off")
    case(
        "pdf-no-text",
        ".pdf",
        _pdf(None, stream=b"0 0 m 100 100 l S"),
        ERR + ".*no text layer",
        "a drawing only",
    )
    case(
        "pdf-xref-loop",
        ".pdf",
        base_pdf.replace(b"/Root 1 0 R", b"/Root 1 0 R /Prev 9"),
        r"(" + ERR + r"|planRegulationGroups)",
        "a trailer whose /Prev points into itself",
        exit=0,
    )
    case(
        "pdf-pages-loop",
        ".pdf",
        base_pdf.replace(b"/Kids [3 0 R]", b"/Kids [2 0 R]"),
        ERR,
        "a page tree that contains itself",
    )
    case(
        "pdf-count-huge",
        ".pdf",
        base_pdf.replace(b"/Count 1", b"/Count 999999999"),
        r"(" + ERR + r"|planRegulationGroups)",
        "a page count that lies",
        exit=0,
    )
    case("pdf-html", ".pdf", "<html>404</html>", ERR, "an error page saved as .pdf")
    case("unknown-suffix", ".rtf", "{\\rtf1 AK}", ERR + ".*unsupported", "a format not read")

    lines = {
        "bad-lines": (
            '{"id": "1", "text": "Asuinkerrostalojen korttelialue."}\n'
            "not json\n"
            '{"id": 2, "text": 5}\n'
            "[1, 2]\n"
            '{"id": "3", "text": "Lähivirkistysalue.", "plan_type": "kaupunki"}\n',
            0,
            r"could not be read",
        ),
        "latin-1-line": (
            b'{"id": "1", "text": "L\xe4hivirkistysalue."}\n{"id": "2", "text": "Puisto."}\n',
            0,
            r"could not be read",
        ),
        "deep-line": (
            '{"id": "1", "text": ' + "[" * 20_000 + "]" * 20_000 + "}\n",
            0,
            r"could not be read",
        ),
        "nan-line": ('{"id": "1", "text": NaN}\n', 0, r"could not be read"),
        "huge-number-line": (
            '{"id": "1", "text": "AK", "x": 1' + "0" * 5000 + "}\n",
            0,
            r"could not be read",
        ),
        "empty": ("", 0, r"^"),
        "binary": (
            bytes(random.Random(9).randrange(256) for _ in range(1000)),
            0,
            r"could not be read",
        ),
        "lone-surrogate": (
            '{"id": "1", "text": "AK \\ud800"}\n',
            0,
            r"(could not be read|review|regulations)",
        ),
    }
    nlp_bugs: dict[str, str] = {}  # fixed: see git log
    for name, (content, code, match) in lines.items():
        path = c.add(f"jsonl/{name}.jsonl", content)
        c.case(
            "jsonl",
            name,
            path,
            ["extract", "{input}", "--format", "jsonl", "-o", "{out}/out.jsonl"],
            exit=code,
            match=match,
            names="",
            xfail=nlp_bugs.get(name),
            why="bad lines get an 'error' field and the run goes on (exit 0); nothing is dropped",
        )


# ---------------------------------------------------------------------------------------
# GeoTIFF (map --check)
# ---------------------------------------------------------------------------------------


def _tiff(
    entries: list[tuple[int, int, int, bytes]], *, order: str = "<", ifd_at: int = 8
) -> bytes:
    head = (b"II" if order == "<" else b"MM") + struct.pack(order + "HI", 42, ifd_at)
    body = struct.pack(order + "H", len(entries))
    for tag, typ, count, value in entries:
        body += struct.pack(order + "HHI", tag, typ, count) + value.ljust(4, b"\x00")
    return head + body + struct.pack(order + "I", 0)


def tiff_cases(c: Corpus) -> None:
    def case(name: str, content: bytes | str, match: str, why: str, exit: int = 2, **kw) -> None:
        path = c.add(f"tiff/{name}.tif", content)
        c.case("tiff", name, path, CHECK_MAP, exit=exit, match=match, why=why, **kw)

    case("empty", b"", ERR + ".*not a TIFF", "an empty file")
    case("png-renamed", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, ERR + ".*not a TIFF", "a PNG")
    case("bad-magic", b"II\x2b\x01" + b"\x00" * 12, ERR + ".*not a TIFF", "magic 299")
    case(
        "ifd-beyond-end",
        b"II*\x00" + struct.pack("<I", 10_000_000),
        ERR + ".*(truncated|corrupt)",
        "IFD offset past the end",
    )
    case(
        "ifd-count-huge",
        b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 60_000),
        ERR + ".*implausibly large",
        "a directory claiming 60,000 entries",
    )
    case(
        "ifd-truncated",
        b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 10) + b"\x00" * 30,
        ERR + ".*(truncated|corrupt)",
        "a directory cut off",
    )
    case(
        "bigtiff-offset-max",
        b"II+\x00" + struct.pack("<HHQ", 8, 0, 0xFFFFFFFFFFFFFFFF),
        ERR + ".*(truncated|corrupt|TIFF)",
        "a BigTIFF directory offset of 2**64-1",
    )
    case(
        "value-offset-max",
        _tiff([(256, 4, 2, struct.pack("<I", 0xFFFFFFFF))]),
        ERR + ".*(truncated|corrupt|TIFF)",
        "a tag value stored at offset 2**32-1",
    )
    case(
        "tags-only-no-image",
        _tiff([(256, 3, 1, struct.pack("<H", 100)), (257, 3, 1, struct.pack("<H", 100))]),
        r"(FAIL|" + ERR + ")",
        "tags describing an image that is not there",
        exit=2,
    )
    case(
        "decompression-bomb-header",
        _tiff(
            [
                (256, 4, 1, struct.pack("<I", 4_000_000)),
                (257, 4, 1, struct.pack("<I", 4_000_000)),
                (258, 3, 3, struct.pack("<HH", 8, 8)),
                (259, 3, 1, struct.pack("<H", 5)),
                (277, 3, 1, struct.pack("<H", 3)),
                (273, 4, 1, struct.pack("<I", 8)),
                (279, 4, 1, struct.pack("<I", 10)),
            ]
        ),
        r"(FAIL|" + ERR + ")",
        "a header claiming 16 terapixels",
        exit=2,
    )
    case("text", "not an image\n", ERR + ".*not a TIFF", "text with a .tif suffix")


# ---------------------------------------------------------------------------------------
# code lists, mapping files, configuration
# ---------------------------------------------------------------------------------------


def codelist_cases(c: Corpus) -> None:
    items: dict[str, tuple[bytes | str | None, str]] = {
        "empty-folder": (None, ERR + ".*missing"),
        "truncated": ('{"codes": [{"code": "AK"', ERR + ".*not valid JSON"),
        "not-object": ("[]", ERR + ".*not a code-list file"),
        "codes-of-numbers": ('{"codes": [1, 2, 3]}', ERR + ".*code without"),
        "code-object": ('{"codes": [{"code": {"value": "AK"}}]}', ERR + ".*code without"),
        "latin-1": (
            '{"codes": [{"code": "AK", "label_fi": "Mäntylä"}]}'.encode("latin-1"),
            ERR + ".*UTF-8",
        ),
        "nan": ('{"codes": [{"code": "AK", "order": NaN}]}', ERR + ".*NaN"),
        "deep": ('{"codes": ' + "[" * 20_000 + "]" * 20_000 + "}", ERR + ".*nested too deeply"),
    }
    for name, (content, match) in items.items():
        folder = f"codelists/{name}"
        if content is None:
            c.add(f"{folder}/.keep", "")
        else:
            c.add(f"{folder}/RY_Kaavamaarayslaji.json", content)
        c.case(
            "codelists",
            name,
            folder,
            codelists_update(),
            match=match,
            names="" if name == "empty-folder" else "RY_Kaavamaarayslaji",
            why="a code-list source folder that cannot be read",
        )
    c.add("codelists/a-file.json", "{}")
    c.case(
        "codelists",
        "not-a-folder",
        "codelists/a-file.json",
        codelists_update(),
        match=ERR + ".*existing directory",
        why="--from names a file",
    )

    mappings = {
        "toml-broken": ("version = [", ERR + ".*TOML"),
        "toml-deep": ("a = " + "[" * 5000 + "]" * 5000, ERR),
        "role-unknown": (
            'version = 1\n[[layers]]\nlayer = "alueet"\nrole = "blocks"\n',
            ERR + ".*role",
        ),
        "layers-string": ('version = 1\nlayers = "alueet"\n', ERR),
        "values-wrong-type": (
            'version = 1\n[[layers]]\nlayer = "alueet"\nrole = "area"\nvalues = 5\n',
            ERR,
        ),
        "version-future": (
            'version = 99\n[[layers]]\nlayer = "alueet"\nrole = "area"\n',
            ERR + ".*version",
        ),
        "latin-1": (
            'version = 1\n# Mäntylä\n[[layers]]\nlayer = "alueet"\nrole = "area"\n'.encode(
                "latin-1"
            ),
            ERR,
        ),
        "nul": ("version = 1\x00\n", ERR),
        "values-swe-alone": (
            'version = 1\n[[layers]]\nlayer = "alueet"\nrole = "area"\n'
            '[layers.values_swe]\nkadunTaiTienNimi = "gatunamn"\n',
            ERR + ".*without its Finnish value",
        ),
    }
    for name, (content, match) in mappings.items():
        path = c.add(f"mapping/{name}.toml", content)
        argv = [
            "convert",
            "{corpus}/geojson/base/alueet.geojson",
            "--mapping",
            "{input}",
            "--no-extract",
            "-o",
            "{out}/plan.json",
        ]
        c.case("mapping", name, path, argv, match=match, why="a mapping file that cannot be used")

    matters = {
        "toml-broken": ("[matter\nname = 'x'\n", ERR + ".*not valid TOML"),
        "toml-deep": ("a = " + "[" * 5000 + "]" * 5000, ERR + ".*nested too deeply"),
        "unknown-key": ('[matter]\nname = "x"\nphases = "y"\n', ERR + ".*unknown key"),
        "wrong-type": ("[matter]\nname = 5\n", ERR),
        "latin-1": ('# Mäntylä\n[matter]\nname = "x"\n'.encode("latin-1"), ERR + ".*UTF-8"),
    }
    for name, (content, match) in matters.items():
        path = c.add(f"matter/{name}.toml", content)
        argv = ["matter", "build", "{input}", "{corpus}/json/base.json", "-o", "{out}/matter.json"]
        c.case(
            "matter", name, path, argv, match=match, why="a plan-matter TOML that cannot be used"
        )
    path = c.add("matter/ok.toml", '[matter]\nname = "Mäntyrinne"\nplan_type = "31"\n')
    argv = ["matter", "build", "{corpus}/matter/ok.toml", "{input}", "-o", "{out}/matter.json"]
    c.case(
        "matter",
        "plan-truncated",
        "json/truncated-03.json",
        argv,
        match=ERR + ".*not valid JSON",
        why="a plan matter built from a broken plan",
    )

    configs = {
        "toml-broken": ("[tool.ryhti\n", ERR),
        "toml-deep": ("a = " + "[" * 5000 + "]" * 5000, ERR + ".*(nested|TOML)"),
        "select-unknown": ('select = ["Z999"]\n', ERR),
        "severity-wrong": ('[severity]\nG001 = "fatal"\n', ERR),
        "wrong-types": ("select = 5\nignore = {a = 1}\n", ERR),
        "latin-1": ('# Mäntylä\nselect = ["S"]\n'.encode("latin-1"), ERR),
    }
    config_bugs: dict[str, str] = {}  # fixed: see git log
    for name, (content, match) in configs.items():
        path = c.add(f"config/{name}.toml", content)
        argv = ["validate", "{corpus}/json/base.json", "--config", "{input}"]
        c.case(
            "config",
            name,
            path,
            argv,
            match=match,
            why="a configuration file that cannot be used",
            xfail=config_bugs.get(name),
        )


# ---------------------------------------------------------------------------------------
# inputs built at test time, and special files
# ---------------------------------------------------------------------------------------


def runtime_cases(c: Corpus) -> None:
    big = {
        "validate": (["validate", "{input}"], "plan.json"),
        "describe": (DESCRIBE, "plan.json"),
        "export": (EXPORT, "plan.json"),
        "convert-gpkg": (convert(GIS_MAPPING), "kaava.gpkg"),
        "convert-gml": (convert(None), "kaava.gml"),
        "convert-geojson": (convert(GIS_MAPPING), "alueet.geojson"),
        "convert-dxf": (convert("dxf/mapping.toml"), "kaava.dxf"),
        "extract-md": (EXTRACT, "kaavamerkinnat.md"),
        "extract-docx": (EXTRACT, "kaavamerkinnat.docx"),
        "extract-jsonl": (["extract", "{input}", "--format", "jsonl"], "entries.jsonl"),
        "map-check": (CHECK_MAP, "kaavakartta.tif", r".*(over the limit|not a TIFF)"),
        "report": (REPORT, "report.json"),
    }
    for name, (argv, fname, *regex) in big.items():
        c.case(
            "big",
            f"sparse-2g-{name}",
            f"@big/{fname}",
            argv,
            match=ERR + (regex[0] if regex else r".*over the limit"),
            make="sparse_2g",
            why="a 2 GB file is refused by its size before a byte is read",
        )
    c.case(
        "big",
        "sparse-2g-codelists",
        "@big/RY_Kaavamaarayslaji.json",
        ["codelists", "update", "--from", "{input_dir}", "--out", "{out}/snapshot"],
        match=ERR + r".*over the limit",
        make="sparse_2g",
        why="a 2 GB code-list file is refused by its size",
    )
    c.case(
        "bomb",
        "gml-huge-text-node",
        "@bomb/kaava.gml",
        convert(None),
        match=ERR + ".*not well-formed XML",
        make="huge_text_node",
        why="one text node over 10 MB (lxml's huge-tree limit stays on)",
    )
    bombs = {
        "zip-bomb-ratio": ("zip_bomb", convert(GIS_MAPPING), "bomb.zip", ERR + ".*zip bomb"),
        "docx-bomb": (
            "docx_bomb",
            EXTRACT,
            "bomb.docx",
            ERR + ".*(zip bomb|too large|over the limit|expands)",
        ),
        "pdf-flate-bomb": (
            "pdf_bomb",
            EXTRACT,
            "bomb.pdf",
            ERR + ".*(too large|limit|bomb|no text layer|not a readable)",
        ),
    }
    for name, (maker, argv, fname, match) in bombs.items():
        c.case(
            "bomb", name, f"@bomb/{fname}", argv, match=match, make=maker, why="decompression bomb"
        )
    special = {
        "dev-zero-as-plan": (
            "dev_zero",
            ["validate", "{input}"],
            "plan.json",
            ERR + ".*(not a regular file|special)",
        ),
        "dev-zero-as-legend": (
            "dev_zero",
            EXTRACT,
            "kaavamerkinnat.md",
            ERR + ".*(not a regular file|special)",
        ),
        "dev-zero-as-tiff": (
            "dev_zero",
            CHECK_MAP,
            "kaavakartta.tif",
            ERR + ".*(not a regular file|special|not a TIFF)",
        ),
        "fifo-as-plan": (
            "fifo",
            ["validate", "{input}"],
            "plan.json",
            ERR + ".*(not a regular file|special)",
        ),
        "folder-as-plan": (
            "folder",
            ["describe", "{input}", "-o", "{out}/x.md"],
            "plan.json",
            ERR + ".*folder",
        ),
        "missing-plan": (
            "missing",
            ["validate", "{input}"],
            "nothing.json",
            ERR + ".*(no such file|not found|does not match)",
        ),
    }
    for name, (maker, argv, fname, match) in special.items():
        c.case(
            "special",
            name,
            f"@special/{fname}",
            argv,
            match=match,
            make=maker,
            why="not a regular file",
        )


# ---------------------------------------------------------------------------------------


BUILDERS: list[Callable[[Corpus], None]] = [
    plan_json_cases,
    report_cases,
    geojson_cases,
    gml_cases,
    gpkg_cases,
    shapefile_cases,
    zip_cases,
    dxf_cases,
    legend_cases,
    tiff_cases,
    codelist_cases,
    runtime_cases,
]


def build() -> Corpus:
    c = Corpus()
    for builder in BUILDERS:
        builder(c)
    return c


def manifest_text(c: Corpus) -> str:
    doc = {
        "about": "Hostile-input corpus: one case per (input, command). Made by tests/hostile/make_corpus.py; do not edit by hand.",
        "inputs": len({case["input"] for case in c.cases}),
        "cases": c.cases,
        "files": {
            path: {
                "sha256": None if path in c.gdal_files else hashlib.sha256(data).hexdigest(),
                "gdal": path in c.gdal_files,
            }
            for path, data in sorted(c.files.items())
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def write(c: Corpus, target: Path, manifest: Path) -> None:
    keep = {p for p in c.gdal_files if (target / p).is_file()}  # same content, other bytes
    for old in sorted(target.rglob("*"), reverse=True) if target.exists() else []:
        rel = old.relative_to(target).as_posix()
        if old.is_file() and rel not in c.files:
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    for path, data in c.files.items():
        if path in keep:
            continue
        dest = target / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    manifest.write_text(manifest_text(c), encoding="utf-8")


def check(c: Corpus) -> list[str]:
    """Differences between a fresh build and the committed corpus (GDAL files by presence)."""
    problems = []
    committed = json.loads(MANIFEST.read_text(encoding="utf-8"))
    fresh = json.loads(manifest_text(c))
    if committed["cases"] != fresh["cases"]:
        problems.append("manifest cases differ")
    for path, info in fresh["files"].items():
        old = committed["files"].get(path)
        on_disk = CORPUS / path
        if old is None or not on_disk.is_file():
            problems.append(f"missing {path}")
        elif not info["gdal"] and (
            old["sha256"] != info["sha256"]
            or hashlib.sha256(on_disk.read_bytes()).hexdigest() != info["sha256"]
        ):
            problems.append(f"differs {path}")
    extra = set(committed["files"]) - set(fresh["files"])
    problems += [f"stale {p}" for p in sorted(extra)]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed corpus")
    args = parser.parse_args()
    c = build()
    if args.check:
        problems = check(c)
        for p in problems:
            print(p)
        return 1 if problems else 0
    write(c, CORPUS, MANIFEST)
    by_cat: dict[str, int] = {}
    for case in c.cases:
        by_cat[case["category"]] = by_cat.get(case["category"], 0) + 1
    inputs = len({case["input"] for case in c.cases})
    print(f"{len(c.files)} files, {inputs} inputs, {len(c.cases)} cases: {by_cat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
