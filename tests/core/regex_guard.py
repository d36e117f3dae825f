"""Find every regular expression of the package and time it on adversarial strings.

A pattern with nested, overlapping repetition (``(?:\\d[\\d ]*|\\s)+$``) backtracks
exponentially when a run of the characters it accepts is followed by one it does
not; a pattern that starts with a repetition and is used with ``search`` is
quadratic on a long run. Either turns one odd legend line into a frozen
``ryhti extract`` or ``ryhti convert``. This module collects the patterns two ways,
so that a pattern written inline in a function is caught as well as a module
constant:

* at run time: every ``re.Pattern`` held by a module of ``ryhti`` (directly, in a
  class, or inside a dict, list, tuple or set);
* in the source: every call ``re.compile/match/search/fullmatch/sub/subn/split/
  findall/finditer(LITERAL, …)`` whose pattern is a string literal.

The adversarial strings are built from the pattern's own alphabet (its literals,
the ends and middle of its character ranges, a member of each category), singly
and in pairs, followed by a character the pattern does not contain. Signals
interrupt the regex engine, so a timer stops a runaway match in-process.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import pkgutil
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from re import _parser as sre_parse  # type: ignore[attr-defined]  # Python 3.11+

import ryhti

PACKAGE_DIR = Path(ryhti.__file__).resolve().parent

_RE_FUNCS = {
    "compile",
    "match",
    "search",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
}
_FLAG_NAMES = {
    "I": re.I, "IGNORECASE": re.I, "M": re.M, "MULTILINE": re.M, "S": re.S, "DOTALL": re.S,
    "X": re.X, "VERBOSE": re.X, "A": re.A, "ASCII": re.A, "U": re.U, "UNICODE": re.U,
}  # fmt: skip
_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "10",
    "CATEGORY_SPACE": " \t",
    "CATEGORY_WORD": "a_1",
    "CATEGORY_LINEBREAK": "\n",
}
_TERMINATORS = "\x00!#x\u2603\n"


@dataclass(frozen=True)
class Found:
    """One pattern, where it was found, and how it is used.

    ``anchored``: the source calls it with ``re.match``/``re.fullmatch`` only, so
    it is timed as a match from the start; everything else is timed with
    ``search`` as well (a module constant may be used either way).
    """

    pattern: re.Pattern[str]
    where: str
    anchored: bool = False


def _flags(node: ast.expr | None) -> int:
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and node.attr in _FLAG_NAMES:
        return _FLAG_NAMES[node.attr]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    return 0


def _source_patterns() -> Iterator[Found]:
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            func = node.func
            if not (isinstance(func.value, ast.Name) and func.value.id == "re"):
                continue
            if func.attr not in _RE_FUNCS or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            flag_node = None
            for kw in node.keywords:
                if kw.arg == "flags":
                    flag_node = kw.value
            if flag_node is None:
                index = (
                    1
                    if func.attr == "compile"
                    else {"sub": 3, "subn": 3, "split": 2}.get(func.attr, 2)
                )
                if len(node.args) > index:
                    flag_node = node.args[index]
            try:
                pattern = re.compile(first.value, _flags(flag_node))
            except (re.error, TypeError):
                continue
            rel = path.relative_to(PACKAGE_DIR.parent)
            anchored = func.attr in {"match", "fullmatch"}
            yield Found(pattern, f"{rel}:{node.lineno}", anchored)


def _held(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _held(item, depth + 1)
        for item in value:
            yield from _held(item, depth + 1)
    elif depth < 2 and isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _held(item, depth + 1)


def _runtime_patterns() -> Iterator[Found]:
    for info in pkgutil.walk_packages(ryhti.__path__, prefix="ryhti."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            holders = [value]
            if isinstance(value, type) and value.__module__ == module.__name__:
                holders = list(vars(value).values())
            for holder in holders:
                for pattern in _held(holder):
                    yield Found(pattern, f"{info.name}.{name}")


def package_patterns() -> list[Found]:
    """Every distinct pattern of the package, with one place it was found."""
    seen: dict[tuple[str, int], Found] = {}
    for found in itertools.chain(_runtime_patterns(), _source_patterns()):
        key = (found.pattern.pattern, found.pattern.flags)
        if key in seen and seen[key].anchored and not found.anchored:
            seen[key] = found  # used unanchored somewhere: time it as such
        seen.setdefault(key, found)
    return list(seen.values())


def _walk(parsed: object, chars: set[str], words: set[str]) -> None:
    run: list[str] = []
    for op, arg in parsed:  # type: ignore[attr-defined]
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
            run.append(chr(arg))
            continue
        if len(run) >= 2:
            words.add("".join(run))
        run = []
        if name == "IN":
            for sub_op, sub_arg in arg:
                sub = str(sub_op)
                if sub == "NEGATE":
                    break
                if sub == "LITERAL":
                    chars.add(chr(sub_arg))
                elif sub == "RANGE":
                    lo, hi = sub_arg
                    chars.update({chr(lo), chr(hi), chr((lo + hi) // 2)})
                elif sub == "CATEGORY":
                    chars.update(_CATEGORY_CHARS.get(str(sub_arg), ""))
        elif name == "ANY":
            chars.add("a")
        elif name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
            _walk(arg[2], chars, words)
        elif name == "SUBPATTERN":
            _walk(arg[-1], chars, words)
        elif name == "ATOMIC_GROUP":
            _walk(arg, chars, words)
        elif name in {"ASSERT", "ASSERT_NOT"}:
            _walk(arg[1], chars, words)
        elif name == "BRANCH":
            for branch in arg[1]:
                _walk(branch, chars, words)
        elif name == "GROUPREF_EXISTS":
            _walk(arg[1], chars, words)
            if arg[2] is not None:
                _walk(arg[2], chars, words)
        elif name == "CATEGORY":
            chars.update(_CATEGORY_CHARS.get(str(arg), ""))
    if len(run) >= 2:
        words.add("".join(run))


def alphabet(pattern: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """Tokens the pattern accepts (characters, literal words) and characters it does not contain."""
    chars: set[str] = set()
    words: set[str] = set()
    _walk(sre_parse.parse(pattern.pattern, pattern.flags), chars, words)
    tokens = sorted(chars)[:24] + sorted(words, key=len)[:12]
    if pattern.flags & re.IGNORECASE:
        tokens += sorted({t.upper() for t in tokens if t.upper() != t})[:8]
    terminators = [c for c in _TERMINATORS if c not in chars][:3] or ["\x00"]
    return tokens or ["a"], terminators


class _Timeout(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Timeout


def adversarial(
    tokens: list[str], terminators: list[str], length: int, pairs: int
) -> Iterator[str]:
    """Runs of one token and alternations of two, ``length`` characters, then a terminator."""
    combos = [(t,) for t in tokens] + list(
        itertools.islice(itertools.permutations(tokens, 2), pairs)
    )
    for combo in combos:
        unit = "".join(combo)
        body = (unit * (length // len(unit) + 1))[:length]
        for term in terminators:
            yield body + term


def time_pattern(
    pattern: re.Pattern[str], limit: float = 1.0, anchored: bool = False
) -> list[tuple[str, float]]:
    """Strings on which the pattern takes over ``limit`` seconds (short and 10,000 chars).

    The first slow string is returned (one is enough to fail, and a runaway
    pattern would otherwise cost ``limit`` seconds per string).
    """
    tokens, terminators = alphabet(pattern)
    calls_short = (pattern.match,) if anchored else (pattern.match, pattern.search)
    call_long = pattern.match if anchored else pattern.search
    slow: list[tuple[str, float]] = []
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        cases = itertools.chain(
            ((s, calls_short) for s in adversarial(tokens, terminators, 48, 400)),
            ((s, (call_long,)) for s in adversarial(tokens[:12], terminators[:1], 10_000, 40)),
        )
        for text, calls in cases:
            for call in calls:
                start = time.perf_counter()
                signal.setitimer(signal.ITIMER_REAL, limit)
                try:
                    call(text)
                except _Timeout:
                    pass
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                spent = time.perf_counter() - start
                if spent >= limit:
                    slow.append((text[:60] + f"…({len(text)} chars)", spent))
                    return slow
    finally:
        signal.signal(signal.SIGALRM, previous)
    return slow
