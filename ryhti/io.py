"""Safe reading and atomic writing of files.

Reading refuses files over a size limit before touching their content and turns
every decoding problem into an :class:`~ryhti.errors.InputError` with a line and
column. Writing goes to a temporary file in the target folder and is renamed into
place, so a killed run leaves the previous output intact.
"""

from __future__ import annotations

import functools
import gc
import json
import marshal
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from ryhti.errors import InputError

#: Default size limit for one input file. A 100,000-object plan is about 70 MB of
#: JSON; the limit leaves ample room while refusing multi-gigabyte files at once.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
MAX_BYTES_ENV = "RYHTI_MAX_INPUT_BYTES"


def max_input_bytes() -> int:
    """The size limit in bytes: ``$RYHTI_MAX_INPUT_BYTES`` or :data:`DEFAULT_MAX_BYTES`."""
    raw = os.environ.get(MAX_BYTES_ENV)
    if raw:
        try:
            value = int(raw)
        except ValueError as exc:
            raise InputError(
                f"{MAX_BYTES_ENV} must be a whole number of bytes, not {raw!r}"
            ) from exc
        if value > 0:
            return value
    return DEFAULT_MAX_BYTES


def check_readable(path: str | Path, max_bytes: int | None = None) -> Path:
    """Return ``path`` as a Path after checking it exists, is a file and is not too large."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", source=p)
    if p.is_dir():
        raise InputError("is a folder, not a file", source=p)
    limit = max_input_bytes() if max_bytes is None else max_bytes
    try:
        info = p.stat()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=p) from exc
    if not stat.S_ISREG(info.st_mode):
        # a device (/dev/zero never ends) or a FIFO (blocks until a writer comes) has no
        # size to check against the limit; reading one could hang or fill the memory
        raise InputError(
            "not a regular file (a device, pipe or socket)",
            source=p,
            hint="save the input to a file first",
        )
    size = info.st_size
    if size > limit:
        raise InputError(
            f"file is {size:,} bytes, over the limit of {limit:,} bytes",
            source=p,
            hint=f"raise the limit with --max-size or {MAX_BYTES_ENV} if the file is genuine",
        )
    return p


def read_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """Read a whole file after :func:`check_readable`."""
    p = check_readable(path, max_bytes)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=p) from exc


def decode_text(data: bytes, source: str | Path | None = None) -> str:
    """Decode UTF-8 (with or without BOM), naming the line and column of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            source=source,
            where=f"line {line}, column {col}",
            hint="save the file as UTF-8; Finnish text in Latin-1/cp1252 must be converted",
        ) from exc


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_DELIMITERS = frozenset(b" \t\r\n,]}")


@functools.cache
def _byte_classes() -> tuple[Any, Any, Any]:
    """256-entry lookup tables, True for: digits; digits and ``.``; JSON delimiters."""
    import numpy as np

    tables = []
    for chars in (b"0123456789", b"0123456789.", bytes(_DELIMITERS)):
        table = np.zeros(256, dtype=bool)
        table[list(chars)] = True
        tables.append(table)
    return tables[0], tables[1], tables[2]


def _may_overflow(text: str) -> bool:
    """True if ``text`` may hold a JSON number with an exponent of 3+ digits.

    Only such a number can overflow to infinity. A regex scan for it takes about two
    seconds on a 73 MB plan (and hits hex runs inside UUIDs), so the candidates are
    found with NumPy over the bytes and byte-class lookup tables: an ``e``/``E`` after a
    digit or ``.``, then an optional ``+`` and three digits, then a digit or a delimiter.
    The few left (mostly UUIDs) are kept only if their digit run ends at a JSON
    delimiter, as a number's does and a UUID's never does.
    """
    import numpy as np

    digit, mantissa, delimiter = _byte_classes()
    data = text.encode("utf-8", "surrogatepass") + b"     "  # padding: no bounds checks below
    b = np.frombuffer(data, dtype=np.uint8)
    n = len(b)
    idx = np.flatnonzero((b == ord("e")) | (b == ord("E")))
    idx = idx[idx > 0]
    idx = idx[mantissa[b[idx - 1]]]
    start = idx + 1 + (b[idx + 1] == ord("+"))
    start = start[digit[b[start]] & digit[b[start + 1]] & digit[b[start + 2]]]
    after = b[start + 3]
    start = start[digit[after] | delimiter[after]]
    for pos in start.tolist():
        end = pos + 3
        while end < n and 48 <= data[end] <= 57:
            end += 1
        if end == n or data[end] in _DELIMITERS:
            return True
    return False


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {text[:40]} is too large to be a finite number")
    return value


def parse_json(text: str, source: str | Path | None = None, *, fast: bool = True) -> Any:
    """Parse JSON text strictly: no NaN/Infinity, sane nesting, clear line/column errors.

    Duplicate keys are not silently collapsed: they raise an error naming the key,
    because one of the two values would otherwise be lost without a trace. Large texts
    take a faster way that gives the same value or declines (:func:`_parse_fast`).
    """
    if fast and len(text) >= FAST_PARSE_MIN:
        value = _parse_fast(text)
        if value is not _DECLINED:
            return value

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    raise _DuplicateKey(key)
                seen.add(key)
        return obj

    # Only a number with a 3-digit exponent can overflow to infinity; checking each
    # float in Python costs seconds on a large plan, so do it only when one may exist.
    parse_float = _finite_float if _may_overflow(text) else None
    try:
        with gc_paused():
            value = json.loads(
                text,
                object_pairs_hook=pairs_hook,
                parse_constant=_reject_constant,
                parse_float=parse_float,
            )
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}",
            source=source,
            where=f"line {exc.lineno}, column {exc.colno}",
        ) from exc
    except _DuplicateKey as exc:
        raise InputError(
            f"duplicate key {exc.key!r} in one JSON object; one of its values would be lost",
            source=source,
        ) from exc
    except RecursionError as exc:
        raise InputError("JSON is nested too deeply to be a plan", source=source) from exc
    except ValueError as exc:  # NaN/Infinity, or an integer with too many digits
        raise InputError(f"not valid JSON: {exc}", source=source) from exc
    _check_surrogates(text, value, source)
    return value


#: Texts from this many characters on try :func:`_parse_fast` first (a plan of a few thousand
#: objects); below it the strict parser is quick anyway.
FAST_PARSE_MIN = 1 << 20
_DECLINED = object()
#: bytes.translate table: digits → ``1``, every other byte → ``0`` (to find long digit runs).
_DIGIT_MAP = bytes(0x31 if 0x30 <= b <= 0x39 else 0x30 for b in range(256))
#: Past this many escaped quotes the key count is not worth it (the strict way decides).
_MAX_ESCAPED_QUOTES = 10_000


def _parse_fast(text: str | bytes) -> Any:
    """The value :func:`parse_json` gives, by orjson (3× faster on a 73 MB plan), or
    ``_DECLINED`` where that cannot be promised.

    orjson refuses NaN, Infinity, numbers that overflow, lone surrogates and nesting past
    1,024 (the strict way then says what and where), but it keeps the last of two duplicate
    keys and reads integers past 64 bits as floats. So it declines texts with a run of 19 or
    more digits (no float literal Python writes has one), and the value must hold as many
    object keys as the text: both counted as the colons outside strings.
    """
    loaded = _fast_loads(text)
    if loaded is None:
        return _DECLINED
    value, keys = loaded
    return value if _has_keys(value, keys) else _DECLINED


def _fast_loads(text: str | bytes) -> tuple[Any, int] | None:
    """orjson's value of ``text`` and the number of object keys in the text, or None where
    orjson cannot be trusted or refuses (see :func:`_parse_fast`)."""
    try:
        import orjson
    except ImportError:  # the light install (validation only) has no orjson
        return None
    if isinstance(text, bytes):
        data = text  # orjson checks the UTF-8 (a BOM or a bad byte declines)
    else:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate in the str itself
            return None
    if b"1" * 19 in data.translate(_DIGIT_MAP):
        return None
    keys = _count_keys(data)  # before the value exists: the peak memory stays lower
    if keys is None:
        return None
    try:
        with gc_paused():
            return orjson.loads(data), keys
    except orjson.JSONDecodeError:
        return None


def _has_keys(value: Any, keys: int) -> bool:
    """True when ``value`` holds ``keys`` object keys (none was lost to a duplicate)."""
    import orjson

    return _count_keys(orjson.dumps(value)) == keys


def _count_keys(data: bytes) -> int | None:
    """Object keys in valid JSON: the colons outside strings (None: too many escaped quotes
    to tell cheaply)."""
    import numpy as np

    b = np.frombuffer(data, dtype=np.uint8)
    quotes = _positions(b, 0x22)
    if len(quotes) and quotes[0] == 0:
        after_backslash = np.zeros(len(quotes), dtype=bool)
        after_backslash[1:] = b[quotes[1:] - 1] == 0x5C
    else:
        after_backslash = b[quotes - 1] == 0x5C
    candidates = quotes[after_backslash]
    if len(candidates) > _MAX_ESCAPED_QUOTES:
        return None
    escaped = []
    for q in candidates.tolist():  # escaped when an odd number of backslashes stand before it
        k = q - 1
        while k >= 0 and data[k] == 0x5C:
            k -= 1
        if (q - 1 - k) % 2:
            escaped.append(q)
    if escaped:
        quotes = np.setdiff1d(quotes, np.array(escaped, dtype=quotes.dtype), assume_unique=True)
    colons = _positions(b, 0x3A)
    return int(np.count_nonzero((np.searchsorted(quotes, colons) & 1) == 0))


def _positions(b: Any, byte: int, chunk: int = 1 << 23) -> Any:
    """Offsets of ``byte`` in the array ``b``, found 8 MB at a time (a whole-file boolean
    mask would add the file's size again to the peak memory)."""
    import numpy as np

    parts = [np.flatnonzero(b[i : i + chunk] == byte) + i for i in range(0, len(b), chunk)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


#: A JSON escape of a UTF-16 surrogate; only such escapes can produce lone surrogates.
_SURROGATE_ESCAPE = re.compile(r"\\u([dD][89a-fA-F][0-9a-fA-F]{2})")


def _check_surrogates(text: str, value: Any, source: str | Path | None) -> None:
    """Refuse a lone surrogate escape (``"\\ud800"``): valid JSON syntax, but not text.

    Python would carry it through and fail only when writing UTF-8 (a description, a
    GeoPackage), far from the cause. Pairs (emoji) are joined by the parser and pass.
    """
    if not _SURROGATE_ESCAPE.search(text):
        return
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        offset = _lone_surrogate_offset(text)
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise InputError(
            "a string holds a lone UTF-16 surrogate escape (\\ud800–\\udfff), which is not text",
            source=source,
            where=f"line {line}, column {col}",
        ) from exc


def _lone_surrogate_offset(text: str) -> int:
    pending: int | None = None  # offset of a high surrogate waiting for its low half
    for m in _SURROGATE_ESCAPE.finditer(text):
        high = int(m.group(1), 16) < 0xDC00
        if pending is not None and not high and m.start() == pending + 6:
            pending = None
            continue
        if pending is not None or not high:
            return pending if pending is not None else m.start()
        pending = m.start()
    return pending or 0


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def read_json(path: str | Path, max_bytes: int | None = None) -> Any:
    """Read and strictly parse a JSON file; every failure is an :class:`InputError`."""
    data = read_bytes(path, max_bytes)
    if len(data) >= FAST_PARSE_MIN:  # straight from the bytes (see _parse_fast)
        loaded = _fast_loads(data)
        if loaded is not None:
            del data  # neither the bytes nor a str copy stay alive beside the value
            value, keys = loaded
            if _has_keys(value, keys):
                return value
            del value, loaded
            data = read_bytes(path, max_bytes)  # a duplicate key: the strict way names it
    text = decode_text(data, path)
    del data
    return parse_json(text, path, fast=False)


def parse_toml(text: str, source: str | Path | None = None) -> dict[str, Any]:
    """Parse TOML, turning every failure into an :class:`InputError` with line and column.

    One reader for every TOML the project takes (mappings, plan matters, settings,
    configuration), so a broken or hostile file (``a = [[[[…]]]]`` nested thousands
    deep makes ``tomllib`` recurse until it fails) reads the same everywhere.
    """
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"line {match.group(1)}, column {match.group(2)}" if match else None
        message = str(exc).split(" (at line")[0]
        raise InputError(f"not valid TOML: {message}", source=source, where=where) from None
    except RecursionError:
        raise InputError("not valid TOML: nested too deeply", source=source) from None


def read_toml(path: str | Path, max_bytes: int = 4 * 1024 * 1024) -> dict[str, Any]:
    """Read a (small) TOML file: size limit, UTF-8 with line and column, :func:`parse_toml`."""
    return parse_toml(decode_text(read_bytes(path, max_bytes), path), path)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of the block.

    A 100,000-object plan is millions of small objects; while they are being made
    (parsing, loading, validating, describing) every automatic collection rescans all
    of them, which made parsing a 73 MB plan 2.5x slower. None of this work creates
    reference cycles that need collecting on the way, so collection can wait.

    On the way out the objects that survived are frozen (``gc.freeze``): re-enabling
    the collector would otherwise start with a full collection over all of them
    (0.3 s and more per block on a large plan). Frozen objects are still freed by
    reference counting when dropped; plan data holds no reference cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


@contextmanager
def atomic_writer(
    path: str | Path, mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    If the block raises (or the process is killed) the old file stays untouched and
    the temporary file is removed.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    # mkstemp creates the file 0600; give the result the mode a plain open() would
    # (or keep the mode of the file being replaced).
    os.chmod(tmp, _target_mode(target))
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextmanager
def atomic_path(path: str | Path, suffix: str = ".tmp") -> Iterator[str]:
    """A temporary path beside ``path`` for a writer that creates the file itself (GDAL
    writing a GeoPackage); renamed over ``path`` when the block succeeds, removed when it
    fails, so a killed run never leaves half a file where the output belongs."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=folder)
    os.close(fd)
    os.unlink(tmp)  # the writer creates it: GDAL will not open an empty file as a GeoPackage
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(tmp)


def _target_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    if isinstance(data, bytes):
        with atomic_writer(path, "wb") as fh:
            fh.write(data)
    else:
        with atomic_writer(path, "w") as fh:
            fh.write(data)


def dump_json(obj: Any, *, indent: int | None = 2) -> str:
    """Serialise JSON the way the project writes it: UTF-8 text, no ASCII escaping.

    ``indent=None`` writes compact JSON (no spaces after ``,`` and ``:``), the form
    for large outputs; NaN and infinities are refused, never written.
    """
    separators = (",", ":") if indent is None else None
    with gc_paused():  # encoding makes no cycles; a collection would rescan the whole document
        text = json.dumps(
            obj, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False
        )
    return text + "\n"


def dump_json_bytes(obj: Any, *, indent: int | None = 2) -> bytes:
    """:func:`dump_json` as UTF-8 bytes; compact output of large documents is written fast.

    Python's encoder needs ≈7 s for the 265 MB that a converted 100,000-feature plan and its
    report make (most of it formatting floats); orjson writes the same JSON in 0.7 s.
    orjson writes NaN and infinities as ``null`` where the project must refuse them, so its
    output is used only when it holds no ``null`` at all (then no number can have been
    replaced), when a byte screen of the document shows no NaN or infinity
    (:func:`_may_hold_non_finite`), or when reading it back gives the same document;
    otherwise, or when orjson cannot encode the value (integers beyond 64 bits, keys that are
    not strings) or is not installed, Python's strict encoder writes it.
    Both give the same JSON values; only the spelling of some floats may differ
    (``1e-05`` / ``1e-5``).
    """
    if indent is None:
        fast = _orjson_dumps(obj)
        if fast is not None:
            return fast + b"\n"
    return dump_json(obj, indent=indent).encode("utf-8")


def _orjson_dumps(obj: Any) -> bytes | None:
    """Compact JSON by orjson, or None where it is not installed, cannot encode ``obj``
    or may have written a NaN or an infinity as ``null``."""
    try:
        import orjson
    except ImportError:  # the light install (validation only) has no orjson
        return None
    try:
        out = orjson.dumps(obj)
    except TypeError:  # orjson.JSONEncodeError: big integers, keys that are not strings
        return None
    if b"null" not in out:  # no null: no number was replaced
        return out
    if not _may_hold_non_finite(obj):  # every null is a None
        return out
    # Reading the text back must give the document again (NaN would come back as None).
    with gc_paused():
        same = orjson.loads(out) == obj
    return out if same else None


#: marshal's type bytes of a float (``g``, or ``\xe7`` with its reference flag set); the IEEE
#: double follows little-endian, so a NaN or an infinity ends in ``[\xf0-\xff][\x7f\xff]``.
_FLOAT_TYPES = (ord("g"), ord("g") | 0x80)
#: Past this many candidate bytes the exact way is as quick as looking further.
_MAX_CANDIDATES = 100_000


def _may_hold_non_finite(obj: Any) -> bool:
    """False only when ``obj`` certainly holds no NaN or infinity.

    marshal writes a document of plain JSON types in a fraction of a second with every float
    as its eight raw bytes, so a search for the last byte of a non-finite double (``memchr``,
    fast) and a look at the bytes before each hit finds every NaN and infinity. marshal
    refuses types it does not know and a hit may be a coincidence inside other bytes: both
    answer True, and the caller takes the slow, exact way. For a 80 MB conversion report this
    is ≈0.3 s where reading it back took ≈1.5 s.
    """
    try:
        data = marshal.dumps(obj, 4)
    except ValueError:  # a type marshal cannot write
        return True
    candidates = 0
    for last in (0x7F, 0xFF):
        at = data.find(last, 8)
        while at != -1:
            if data[at - 1] >= 0xF0 and data[at - 8] in _FLOAT_TYPES:
                return True
            candidates += 1
            if candidates > _MAX_CANDIDATES:
                return True
            at = data.find(last, at + 1)
    return False


def write_json(path: str | Path, obj: Any, *, indent: int | None = 2) -> None:
    """Write ``obj`` as JSON to ``path`` atomically (see :func:`dump_json_bytes`)."""
    write_atomic(path, dump_json_bytes(obj, indent=indent))
