"""Structure-aware fuzzing of plan JSON: real documents, broken the way real data breaks.

Byte-level fuzzing (``fuzz_json.py``) rarely gets past the JSON parser; this one starts
from whole, valid documents — the official examples when the reference material is
there, always the project's own sample plan and fixture bases — and changes them at
random places the way hand-edited and badly exported plans differ from the schema:

* **type swaps**: a value replaced by one of another JSON type (``""``, ``0``, ``-1``,
  ``1e308``, ``true``, ``null``, ``[]``, ``{}``, nested arrays, an object as ``dataType``);
* **deletions** of a property or a list item, **duplications** of a list item (a feature
  copied on top of itself) or of a property under a misspelt name;
* **odd values**: huge and tiny numbers, control characters, long strings, wrong dates;
* **geometry faults**: a ring or hole given as ``""``/``[]``, unclosed, reversed or
  collapsed rings, bow-ties, spikes, repeated, swapped, 3D or absurd positions, a part
  duplicated inside a MultiPolygon, a ring of thousands of vertices.

Random legend-like texts (numbers as plans print them, units, signs, Finnish and Swedish
words, odd spaces) and adversarial ones (long runs of what a pattern accepts, then one
character it does not) go through ``ryhti extract --text`` the same way.

Every case runs through the real command line (in-process) and must end with exit 0, 1
or 2, print no traceback and no "internal error", and answer within the case time limit.
Because a fault in GEOS can kill the process outright (it did: a hole given as ``""`` was
a segmentation fault) and a regular expression can hang it in C where no signal reaches,
:func:`run_batch` runs the cases in a child process that writes each case to a scratch
file before it starts; a child that dies or stops making progress leaves the case
behind it, and the batch goes on after it.

    .venv/bin/python -m tests.fuzz.structured --cases 2000 --seed 7     # a long run by hand
    .venv/bin/python -m tests.fuzz.structured --kind texts --cases 500  # ryhti extract

A case that fails is saved (``--save DIR``) as a regression fixture: the document and
the command line, replayed by ``test_structured_fuzz.py`` on every run from then on.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(os.environ.get("RYHTI_REFERENCE", ROOT.parent / "shared" / "reference"))
REGRESSIONS = Path(__file__).resolve().parent / "regressions"

#: Values a type swap puts in place of whatever was there.
ODD_VALUES: tuple[Any, ...] = (
    "",
    " ",
    "x",
    "0",
    "null",
    "\u0000",
    "ä" * 300,
    "2024-02-30",
    "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/",
    0,
    -1,
    1,
    2**63,
    -(2**70),
    1e308,
    -1e-308,
    0.5,
    True,
    False,
    None,
    [],
    {},
    [""],
    [[]],
    [None],
    {"": ""},
    {"fin": None},
    {"dataType": {"a": 1}},
    {"dataType": ["Decimal"]},
    {"dataType": "Decimal", "number": "1"},
    {"srid": {"a": 1}, "geometry": {"type": "Point", "coordinates": [0, 0]}},
    {"srid": ["3067"], "geometry": None},
    {"type": "Polygon", "coordinates": ""},
)


@dataclass
class Seed:
    """A valid document to start from, with the query parameters Syke would get."""

    name: str
    doc: Any
    plan_type: str | None = None
    municipality: str | None = None


@dataclass
class Case:
    """One fuzz case: the mutated document and the command line that checks it."""

    name: str
    doc: Any
    args: list[str] = field(default_factory=list)
    mutations: list[str] = field(default_factory=list)


# -- seeds ------------------------------------------------------------------------------


def _meta(path: Path) -> dict[str, str]:
    meta = path.with_suffix(".meta")
    out: dict[str, str] = {}
    if meta.exists():
        for line in meta.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition(":")
            if sep:
                out[key.strip()] = value.strip().strip("'\"")
    return out


def seeds() -> list[Seed]:
    """The official example plans (when the reference material is present), the sample
    plan and the rule-fixture bases."""
    out: list[Seed] = []
    examples = REFERENCE / "ryhti" / "examples"
    if examples.is_dir():
        for path in sorted(examples.rglob("*.json")):
            if "mock" in path.name:
                continue  # X-Road mock expectations, not a plan document
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            meta = _meta(path)
            municipality = meta.get("administrativeAreaIdentifiers", "").split(",")[0] or None
            out.append(
                Seed(str(path.relative_to(examples)), doc, meta.get("planType"), municipality)
            )
    sample = ROOT / "samples" / "espoo-asemakaava" / "plan.json"
    if sample.exists():
        out.append(Seed("samples/espoo-asemakaava", json.loads(sample.read_text()), "31", "049"))
    sys.path.insert(0, str(ROOT))
    from tests.validators.bases import BASES, DEFAULT_OPTIONS

    for name, make in sorted(BASES.items()):
        opts = DEFAULT_OPTIONS.get(name, {})
        out.append(Seed(f"bases/{name}", make(), opts.get("plan_type"), None))
    return out


# -- walking and changing a JSON tree -----------------------------------------------------

Path_ = tuple[Any, ...]


def nodes(doc: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every (path, value) of a JSON tree, the root first."""
    yield path, doc
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from nodes(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from nodes(v, (*path, i))


def _get(doc: Any, path: Path_) -> Any:
    for p in path:
        doc = doc[p]
    return doc


def _set(doc: Any, path: Path_, value: Any) -> Any:
    if not path:
        return value
    _get(doc, path[:-1])[path[-1]] = value
    return doc


def _is_positions(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) >= 2
        and all(isinstance(p, list) and len(p) >= 2 for p in value)
        and all(isinstance(c, int | float) for p in value for c in p[:2])
    )


def _rings(doc: Any) -> list[Path_]:
    """Paths of every position array (ring or line) of the document."""
    return [p for p, v in nodes(doc) if p and p[-1] != "coordinates" and _is_positions(v)]


def _geometry_fault(rng: random.Random, ring: list[Any]) -> tuple[str, Any]:
    """A broken version of a ring or line: what GIS data really gets wrong."""
    ring = copy.deepcopy(ring)
    n = len(ring)
    kind = rng.choice(
        (
            "empty-string",
            "empty",
            "unclosed",
            "reversed",
            "collapsed",
            "bow-tie",
            "spike",
            "repeat",
            "swap-xy",
            "three-d",
            "huge",
            "string-coordinate",
            "short",
            "many-vertices",
            "near-duplicate",
        )
    )
    if kind == "empty-string":
        return kind, ""
    if kind == "empty":
        return kind, rng.choice(([], [[]], [[], []]))
    if kind == "unclosed" and n > 3:
        return kind, ring[:-1]
    if kind == "reversed":
        return kind, ring[::-1]
    if kind == "collapsed":
        x, y = ring[0][:2]
        return kind, [[x + i, y] for i in range(max(n - 1, 3))] + [[x, y]]
    if kind == "bow-tie" and n >= 5:
        ring[1], ring[2] = ring[2], ring[1]
        return kind, ring
    if kind == "spike" and n >= 4:
        x, y = ring[1][:2]
        return kind, [*ring[:2], [x + 500.0, y + 0.001], ring[1], *ring[2:]]
    if kind == "repeat":
        i = rng.randrange(n)
        return kind, [*ring[: i + 1], ring[i], *ring[i + 1 :]]
    if kind == "swap-xy":
        return kind, [[p[1], p[0], *p[2:]] for p in ring]
    if kind == "three-d":
        return kind, [[*p[:2], 10.0] for p in ring]
    if kind == "huge":
        i = rng.randrange(n)
        ring[i] = [rng.choice((1e300, -1e300, 1e15)), ring[i][1]]
        return kind, ring
    if kind == "string-coordinate":
        i = rng.randrange(n)
        ring[i] = [str(ring[i][0]), ring[i][1]]
        return kind, ring
    if kind == "short":
        return kind, ring[: rng.choice((1, 2, 3))]
    if kind == "many-vertices" and n >= 4:
        (x0, y0), (x1, y1) = ring[0][:2], ring[1][:2]
        k = 5000
        edge = [[x0 + (x1 - x0) * i / k, y0 + (y1 - y0) * i / k] for i in range(k)]
        return kind, [*edge, *ring[1:]]
    if kind == "near-duplicate":
        d = rng.choice((0.001, 0.0001, 1e-9))
        return kind, [[p[0] + d, p[1] - d, *p[2:]] for p in ring]
    return "repeat", [*ring, ring[-1]]


def mutate(rng: random.Random, doc: Any) -> tuple[Any, str]:
    """One random structure-aware change of ``doc`` (in place); returns it and a label."""
    all_nodes = list(nodes(doc))
    op = rng.choices(
        ("swap", "delete", "duplicate", "geometry", "rename", "wrap", "odd-number", "part"),
        weights=(5, 3, 3, 5, 1, 1, 1, 2),
    )[0]
    if op == "geometry":
        rings = _rings(doc)
        if rings:
            path = rng.choice(rings)
            kind, value = _geometry_fault(rng, _get(doc, path))
            return _set(doc, path, value), f"geometry {kind} at {_fmt(path)}"
        op = "swap"
    if op == "part":
        polys = [p for p, v in nodes(doc) if p and p[-1] == "coordinates" and _depth(v) >= 3]
        if polys:
            path = rng.choice(polys)
            coords = _get(doc, path)
            if _depth(coords) == 3:  # Polygon: add a hole outside, or cross the shell
                shell = coords[0]
                dx = rng.choice((1000.0, 0.0))
                hole = [[p[0] + dx + 1.0, p[1] + 1.0] for p in shell[::-1]]
                coords.append(hole)
                return doc, f"hole {'outside' if dx else 'crossing'} at {_fmt(path)}"
            coords.append(copy.deepcopy(rng.choice(coords)))  # MultiPolygon: overlapping part
            return doc, f"duplicate part at {_fmt(path)}"
        op = "duplicate"
    if op == "duplicate":
        lists = [(p, v) for p, v in all_nodes if isinstance(v, list) and v]
        if lists:
            path, value = rng.choice(lists)
            i = rng.randrange(len(value))
            value.insert(i + 1, copy.deepcopy(value[i]))
            return doc, f"duplicate {_fmt((*path, i))}"
        op = "swap"
    if op == "rename":
        dicts = [(p, v) for p, v in all_nodes if isinstance(v, dict) and v]
        if dicts:
            path, value = rng.choice(dicts)
            key = rng.choice(list(value))
            new = key[:-1] + "x" if key else "x"
            value[new] = value.pop(key)
            return doc, f"rename {_fmt((*path, key))} -> {new}"
        op = "swap"
    targets = [p for p, _ in all_nodes if p]
    if not targets:
        return rng.choice(ODD_VALUES), "replace the document"
    path = rng.choice(targets)
    value = _get(doc, path)
    if op == "delete":
        parent = _get(doc, path[:-1])
        del parent[path[-1]]
        return doc, f"delete {_fmt(path)}"
    if op == "wrap":
        if isinstance(value, list) and len(value) == 1:
            return _set(doc, path, value[0]), f"unwrap {_fmt(path)}"
        return _set(doc, path, [value]), f"wrap {_fmt(path)}"
    if op == "odd-number" and isinstance(value, int | float) and not isinstance(value, bool):
        new = rng.choice((0, -value, value * 1e12, value + 1e-9, 2**53 + 1, -0.0))
        return _set(doc, path, new), f"number {_fmt(path)} = {new!r}"
    new = copy.deepcopy(rng.choice(ODD_VALUES))
    return _set(doc, path, new), f"swap {_fmt(path)} = {json.dumps(new)[:40]}"


def _depth(value: Any) -> int:
    d = 0
    while isinstance(value, list) and value:
        value = value[0]
        d += 1
    return d


def _fmt(path: Path_) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def cases(seed: int, count: int, sources: list[Seed] | None = None) -> Iterator[Case]:
    """``count`` reproducible cases: seed documents with one to three changes each."""
    rng = random.Random(seed)
    sources = sources if sources is not None else seeds()
    for n in range(count):
        src = rng.choice(sources)
        doc = copy.deepcopy(src.doc)
        labels = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            try:
                doc, label = mutate(rng, doc)
            except (TypeError, ValueError, KeyError, IndexError, AttributeError):
                continue  # an earlier change left nothing this one can work on
            labels.append(label)
        args = ["validate", "-f", "json"]
        if src.plan_type:
            args += ["--plan-type", src.plan_type]
        if src.municipality and rng.random() < 0.7:
            args += ["--municipality", src.municipality]
        yield Case(f"{seed}-{n} {src.name}", doc, args, labels)


# -- texts for ``ryhti extract`` -------------------------------------------------------------

#: Pieces legend lines are made of: numbers as plans print them, units, signs, words.
TEXT_TOKENS: tuple[str, ...] = (
    "1 200",
    "2 000",
    "0,8",
    "e=0,45",
    "k-m²",
    "kem²",
    "m²",
    "%",
    "ap",
    "/",
    "–",
    "-",
    "(",
    ")",
    "AK",
    "AK-1",
    "VL",
    "sr",
    "IV",
    "½",
    "u½",
    "dB(A)",
    "asunto",
    "yhteensä",
    "Asuinkerrostalojen korttelialue.",
    "Rakennusala, jolle saa sijoittaa",
    "enintään",
    "vähintään",
    "autopaikkaa",
    "hulevedet on viivytettävä tontilla",
    "Kvartersområde för flervåningshus.",
    "\u00a0",
    "\t",
    "\n",
    "x",
    "§",
    "\u200b",
)


def adversarial_texts() -> list[str]:
    """Runs of what a pattern accepts, followed by one character it does not: the
    inputs on which a regular expression with nested repetition backtracks forever
    ("1 " * 16 + "x" took 24 s in the notation check)."""
    out = []
    for unit in ("1 ", "1 200 ", "e=1,", "k-m² ", "( ", "½", "IV ", "ap/", "1.", "1,1 ", " "):
        for n in (20, 200):
            for tail in ("x", "€", "yhteensä", "\u2028"):
                out.append(unit * n + tail)
    out.append("1 200 1 400 2 000 2 500 k-m² yhteensä")
    return out


def text_cases(seed: int, count: int) -> Iterator[Case]:
    """``count`` random legend-like texts for ``ryhti extract --text`` (reproducible)."""
    rng = random.Random(seed)
    for n in range(count):
        size = rng.choice((1, 3, 8, 30, 120))
        text = " ".join(rng.choice(TEXT_TOKENS) for _ in range(size))
        if rng.random() < 0.3:
            text = text.replace(" ", rng.choice(("", "  ", " ", "\u00a0")))
        args = ["extract", "--text", text]
        if rng.random() < 0.5:
            args += ["--sign", rng.choice(("AK", "AK-1", "e=0,8", "", "IV", "sr-1"))]
        yield Case(f"text-{seed}-{n}", None, args, [f"text of {len(text)} characters"])


# -- running cases ------------------------------------------------------------------------


def check(case: Case, folder: Path) -> str | None:
    """Run one case through ``ryhti.cli.main`` in this process; what went wrong, or None."""
    from ryhti.cli import main

    argv = list(case.args)
    if argv[:1] == ["__die__"]:  # the harness's self-test: the process dies as in a crash
        os.kill(os.getpid(), signal.SIGSEGV)
    if argv[:1] == ["__hang__"]:
        time.sleep(3600)
    if case.doc is not None:
        path = folder / "plan.json"
        path.write_text(json.dumps(case.doc, ensure_ascii=False), encoding="utf-8")
        argv.append(str(path))
    out, err = io.StringIO(), io.StringIO()
    code: Any = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code if exc.code is not None else 0
        except BaseException as exc:  # a crash that escaped main()
            return f"exception escaped main: {type(exc).__name__}: {exc}"
    text = out.getvalue() + err.getvalue()
    if code not in (0, 1, 2):
        return f"exit {code}: {err.getvalue()[-500:]}"
    if "Traceback" in text:
        return "traceback: " + text[text.index("Traceback") :][:800]
    if "internal error" in text:
        line = next(ln for ln in text.splitlines() if "internal error" in ln)
        return "internal error: " + line.strip()[:500]
    return None


#: Where a batch's cases come from: ``plans`` (mutated documents through ``validate``),
#: ``texts`` (random legend texts through ``extract``), ``adversarial`` (texts built to
#: make a regular expression backtrack) or ``regressions`` (the saved fixtures).
KINDS = ("plans", "texts", "adversarial", "regressions", "selftest")


def batch(kind: str, seed: int, count: int) -> list[Case]:
    """The cases of one batch (see :data:`KINDS`)."""
    if kind == "plans":
        return list(cases(seed, count))
    if kind == "texts":
        return list(text_cases(seed, count))
    if kind == "adversarial":
        return [
            Case(f"adversarial-{i}", None, ["extract", "--text", t], [f"{t[:30]!r}…"])
            for i, t in enumerate(adversarial_texts())
        ]
    if kind == "selftest":  # the harness's own test: a crash, a hang, then a normal case
        return [
            Case("selftest-0", None, ["__die__"]),
            Case("selftest-1", None, ["__hang__"]),
            Case("selftest-2", None, ["rules", "--format", "json"]),
        ]
    if kind == "regressions":
        out = []
        for path in sorted(REGRESSIONS.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            out.append(Case(path.stem, record.get("doc"), record["args"], [record["why"]]))
        return out
    raise ValueError(f"unknown kind {kind!r}")


def run_batch(
    kind: str, seed: int, count: int, case_timeout: float = 60.0, max_failures: int = 1000
) -> list[dict[str, Any]]:
    """Run a batch in a child process; one dict per failing case.

    The child writes each case to a scratch file before running it, so when it dies (a
    signal, a GEOS abort) or makes no progress for ``case_timeout`` seconds (a hang; it
    is then killed), the case is known; the batch then goes on after it, until
    ``max_failures`` cases have failed.
    """
    failures: list[dict[str, Any]] = []
    start = 0
    with tempfile.TemporaryDirectory() as tmp:
        current = Path(tmp) / "current.json"
        report = Path(tmp) / "report.json"
        while True:
            cmd = [
                sys.executable,
                "-m",
                "tests.fuzz.structured",
                "--kind",
                kind,
                "--seed",
                str(seed),
                "--cases",
                str(count),
                "--start",
                str(start),
                "--current",
                str(current),
                "--report",
                str(report),
            ]
            with open(Path(tmp) / "stderr", "w+", encoding="utf-8") as errors:
                proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
                seen, since, hung = None, time.monotonic(), False
                while proc.poll() is None:
                    time.sleep(0.05)
                    stamp = current.stat().st_mtime_ns if current.exists() else None
                    if stamp != seen:
                        seen, since = stamp, time.monotonic()
                    elif time.monotonic() - since > case_timeout:
                        proc.kill()
                        proc.wait()
                        hung = True
                errors.seek(0)
                stderr = errors.read()
            if report.exists():
                failures.extend(json.loads(report.read_text(encoding="utf-8")))
                report.unlink()
            if proc.returncode == 0:
                break
            if not current.exists():
                raise RuntimeError(f"fuzz worker failed before any case: {stderr[-2000:]}")
            case = json.loads(current.read_text(encoding="utf-8"))
            if case["index"] < start:
                raise RuntimeError(f"fuzz worker failed between cases: {stderr[-2000:]}")
            problem = (
                f"hang: no answer within {case_timeout:g} s"
                if hung
                else f"process died (exit {proc.returncode})"
            )
            failures.append({**case, "problem": problem})
            if len(failures) >= max_failures:
                break
            start = case["index"] + 1
            current.unlink()
    return failures


def _worker(kind: str, seed: int, count: int, start: int, current: Path, report: Path) -> None:
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, case in enumerate(batch(kind, seed, count)):
            if index < start:
                continue
            record = {
                "index": index,
                "name": case.name,
                "args": case.args,
                "mutations": case.mutations,
                "doc": case.doc,
            }
            current.write_text(json.dumps(record), encoding="utf-8")
            problem = check(case, Path(tmp))
            if problem:
                failures.append({**record, "problem": problem})
                report.write_text(json.dumps(failures), encoding="utf-8")
    report.write_text(json.dumps(failures), encoding="utf-8")


def save_regression(failure: dict[str, Any], folder: Path = REGRESSIONS) -> Path:
    """Write a failing case as a regression fixture (document + command line)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"fuzz-{failure['name'].split()[0]}.json"
    path = folder / name
    record = {
        "why": "; ".join(failure["mutations"]) + f" — {failure['problem'][:200]}",
        "args": failure["args"],
        "doc": failure["doc"],
    }
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=KINDS, default="plans")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--current", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--save", type=Path, help="save each failing case here as a fixture")
    args = parser.parse_args()
    if args.current is not None:
        _worker(args.kind, args.seed, args.cases, args.start, args.current, args.report)
        return
    failures = run_batch(args.kind, args.seed, args.cases, args.timeout)
    for f in failures:
        print(f"{f['name']}: {'; '.join(f['mutations'])}\n    {f['problem']}")
        if args.save:
            print(f"    saved {save_regression(f, args.save)}")
    print(f"{len(failures)} failing cases ({args.kind}, seed {args.seed})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
