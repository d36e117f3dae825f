"""Safe reading and atomic writing."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ryhti.errors import InputError
from ryhti.io import (
    _may_hold_non_finite,
    _may_overflow,
    atomic_writer,
    dump_json_bytes,
    parse_json,
    read_json,
    write_atomic,
    write_json,
)


def test_missing_and_folder_inputs_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as err:
        read_json(tmp_path / "nope.json")
    assert "nope.json" in str(err.value)
    with pytest.raises(InputError, match="is a folder"):
        read_json(tmp_path)


def test_size_limit_refuses_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    big.write_text("[" + "0," * 1000 + "0]", encoding="utf-8")
    monkeypatch.setenv("RYHTI_MAX_INPUT_BYTES", "100")
    with pytest.raises(InputError, match="over the limit of 100 bytes"):
        read_json(big)
    assert read_json(big, max_bytes=10_000)[0] == 0


def test_json_errors_have_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="line 3, column 5"):
        parse_json('{\n "a": 1,\n    }')
    bad = tmp_path / "latin1.json"
    bad.write_bytes('{"nimi": "Mäntylä"}'.encode("latin-1"))
    with pytest.raises(InputError, match="line 1, column 12: not valid UTF-8") as err:
        read_json(bad)
    assert "Latin-1" in str(err.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": NaN}', "NaN is not valid JSON"),
        ('{"a": -Infinity}', "Infinity is not valid JSON"),
        ('{"a": 1, "a": 2}', "duplicate key 'a'"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"n": ' + "9" * 5000 + "}", "not valid JSON"),
        ('{"x": [1e400, 0]}', "too large to be a finite number"),
    ],
)
def test_hostile_json_is_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_json(text)


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"a": "\xc3\xa4"}')
    assert read_json(path) == {"a": "ä"}


def test_atomic_write_replaces_and_failure_keeps_old(tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan.json"
    write_json(target, {"v": 1})
    assert target.read_text(encoding="utf-8") == '{\n  "v": 1\n}\n'
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write("partial")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == '{\n  "v": 1\n}\n'
    assert [p.name for p in target.parent.iterdir()] == ["plan.json"]
    write_atomic(target, b"bytes")
    assert target.read_bytes() == b"bytes"


def test_atomic_write_gives_normal_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        write_atomic(fresh, "{}")
        assert fresh.stat().st_mode & 0o777 == 0o644
        fresh.chmod(0o640)
        write_atomic(fresh, "{}")
        assert fresh.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)


def test_killed_writer_leaves_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    code = (
        "import os, signal, sys\n"
        "from ryhti.io import atomic_writer\n"
        f"with atomic_writer({str(target)!r}) as fh:\n"
        "    fh.write('new' * 1000)\n"
        "    fh.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "old"
    leftovers = [p for p in tmp_path.iterdir() if p.name != "plan.json"]
    for p in leftovers:  # a killed process cannot clean up; the temp file is hidden and harmless
        assert p.name.startswith(".plan.json.") and p.suffix == ".tmp"
        os.unlink(p)


# -- writing JSON -----------------------------------------------------------------------------

_DOC = {
    "name": {"fin": "Keskustan asemakaava", "swe": "Centrums detaljplan"},
    "coordinates": [[25496123.456, 6672345.5], [1e-05, -0.0], [1e16, 3]],
    "keys": ["ä", "å", "ö", "€"],
    "ok": True,
}


@pytest.mark.parametrize("indent", [None, 2])
def test_json_bytes_give_the_same_values(indent: int | None) -> None:
    out = dump_json_bytes(_DOC, indent=indent)
    assert out.endswith(b"\n")
    assert json.loads(out) == _DOC
    assert "ä".encode() in out  # UTF-8, not \\u escapes
    if indent is None:
        assert b", " not in out and b": " not in out  # compact


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_json_bytes_refuse_non_finite_numbers(bad: float) -> None:
    # orjson would write null; the project refuses instead, compact or not.
    for indent in (None, 2):
        with pytest.raises(ValueError):
            dump_json_bytes({"number": bad, "text": "x"}, indent=indent)


def test_json_bytes_fall_back_where_orjson_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    assert json.loads(dump_json_bytes({"big": 2**70}, indent=None)) == {"big": 2**70}
    assert json.loads(dump_json_bytes({"n": None, "v": 1.5}, indent=None)) == {"n": None, "v": 1.5}
    monkeypatch.setitem(sys.modules, "orjson", None)  # the light install: no orjson
    assert json.loads(dump_json_bytes(_DOC, indent=None)) == _DOC
    with pytest.raises(ValueError):
        dump_json_bytes({"number": math.nan}, indent=None)


def test_write_json_compact_is_atomic_and_readable(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    write_json(target, _DOC, indent=None)
    assert read_json(target) == _DOC


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "-"]),
            st.integers(0, 99),
            st.sampled_from(["", ".5", ".25"]),
            st.sampled_from(["e", "E"]),
            st.sampled_from(["", "+", "-"]),
            st.integers(0, 1200),
            st.sampled_from([",", "]", " ", "\n"]),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["", '"0e123-4e56-a1e400b", ']),  # UUID-like text must not matter
)
@settings(max_examples=300, deadline=None)
def test_overflowing_numbers_are_always_found(parts: list[tuple], prefix: str) -> None:
    # The NumPy pre-scan decides whether floats are checked at all: it may say "maybe"
    # too often, never too rarely.
    numbers = [f"{s}{i}{frac}{e}{sign}{exp}" for s, i, frac, e, sign, exp, _ in parts]
    text = "[" + prefix + ", ".join(numbers) + "]"
    values = json.loads(text)
    if any(isinstance(v, float) and math.isinf(v) for v in values):
        assert _may_overflow(text)
        with pytest.raises(InputError, match="too large"):
            parse_json(text)
    else:
        assert parse_json(text) == values


_JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec="utf-8"))
)
_JSON_DOCS = st.recursive(
    _JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=30,
)


def _non_finite(doc: object) -> bool:
    if isinstance(doc, float):
        return not math.isfinite(doc)
    if isinstance(doc, list):
        return any(_non_finite(v) for v in doc)
    if isinstance(doc, dict):
        return any(_non_finite(v) for v in doc.values())
    return False


@given(_JSON_DOCS)
@settings(max_examples=500, deadline=None)
def test_non_finite_numbers_are_always_found(doc: object) -> None:
    # The marshal screen lets orjson's output through unchecked: it may say "maybe" too
    # often, never too rarely; and what is written is what was given, or a refusal.
    if _non_finite(doc):
        assert _may_hold_non_finite(doc)
        with pytest.raises(ValueError):
            dump_json_bytes({"doc": doc}, indent=None)
    else:
        assert json.loads(dump_json_bytes({"doc": doc}, indent=None)) == {"doc": doc}


def test_non_finite_screen_passes_plain_documents() -> None:
    # the point of the screen: a report with nulls and ordinary numbers needs no read-back
    doc = {"letterIdentifier": None, "values": [0.8, -1, 2400, 1e-5, -0.0], "text": "\x7f\xff"}
    assert not _may_hold_non_finite(doc)
    assert _may_hold_non_finite([1.5, math.nan])
    assert _may_hold_non_finite(math.inf)


# -- the fast way of reading large JSON ------------------------------------------------------

_KEYS = st.sampled_from(["a", "b", 'q"uote', "back\\slash", "colon:", "ä", ""])
_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from(list('ab":\\{}[],ä\n')), max_size=6)
)


@st.composite
def _json_texts(draw: st.DrawFn) -> str:
    """JSON texts as people and tools write them: any spacing around colons, escapes, and
    sometimes the same key twice in one object."""

    def write(value: object, depth: int) -> str:
        if isinstance(value, dict):
            items = list(value.items())
            if items and draw(st.booleans()):
                items.append((items[0][0], draw(_LEAVES)))  # a duplicate key
            space = draw(st.sampled_from(["", " ", "\n  "]))
            body = ",".join(
                f"{json.dumps(k)}{space}:{space}{write(v, depth + 1)}" for k, v in items
            )
            return "{" + body + "}"
        if isinstance(value, list):
            return "[" + ", ".join(write(v, depth + 1) for v in value) + "]"
        return json.dumps(value, ensure_ascii=draw(st.booleans()))

    doc = draw(
        st.recursive(
            _LEAVES,
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
            max_leaves=20,
        )
    )
    return write(doc, 0)


def _strict(text: str) -> object:
    try:
        return ("value", json.dumps(parse_json(text)))  # the strict way (text is small)
    except InputError:
        return ("refused", None)


@given(_json_texts())
@settings(max_examples=1000, deadline=None)
def test_fast_parse_gives_the_strict_value_or_declines(text: str) -> None:
    from ryhti.io import _DECLINED, _parse_fast

    fast = _parse_fast(text)
    strict = _strict(text)
    if fast is _DECLINED:
        return
    # json.dumps tells 1 from 1.0 and True from 1, which == does not
    assert strict == ("value", json.dumps(fast))


def test_fast_parse_declines_what_it_cannot_promise() -> None:
    from ryhti.io import _DECLINED, _parse_fast

    assert _parse_fast('{"a": 1, "a": 2}') is _DECLINED  # orjson would keep the last
    # a string value that starts with a colon must not pass for a key (found by hypothesis)
    assert _parse_fast('{"a":[],"b":":","a":null}') is _DECLINED
    assert _parse_fast('{"a" : 1, "b":{"c" :2}}') == {"a": 1, "b": {"c": 2}}
    assert _parse_fast("[18446744073709551616]") is _DECLINED  # orjson: a float
    assert _parse_fast('{"k\\"": "v:\\"", "x": "\\\\"}') == {'k"': 'v:"', "x": "\\"}
    assert _parse_fast("[NaN]") is _DECLINED
    assert _parse_fast('["\\ud800"]') is _DECLINED


def test_large_texts_take_the_fast_way_with_the_same_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ryhti.io as io

    monkeypatch.setattr(io, "FAST_PARSE_MIN", 0)
    assert parse_json('{"a": [1, 2.5, "x"]}') == {"a": [1, 2.5, "x"]}
    with pytest.raises(InputError, match="duplicate key 'a'"):
        parse_json('{"a": 1, "a": 2}')
    with pytest.raises(InputError, match="line 2, column"):
        parse_json('{"a": 1,\n  "b": }')


def test_large_files_are_read_fast_with_the_same_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ryhti.io as io

    monkeypatch.setattr(io, "FAST_PARSE_MIN", 0)
    good = tmp_path / "good.json"
    good.write_text('{"a": [1, 2.5, "ä"], "b": {"c": null}}', encoding="utf-8")
    assert read_json(good) == {"a": [1, 2.5, "ä"], "b": {"c": None}}
    twice = tmp_path / "twice.json"
    twice.write_text('{"a": 1,\n "a": 2}', encoding="utf-8")
    with pytest.raises(InputError, match="duplicate key 'a'"):
        read_json(twice)
    bom = tmp_path / "bom.json"
    bom.write_bytes(b'\xef\xbb\xbf{"a": 1}')
    assert read_json(bom) == {"a": 1}  # orjson refuses the BOM; the strict way reads it
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"a": "\xe4"}')
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_json(bad)
