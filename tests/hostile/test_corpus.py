"""Every hostile input of the corpus, through the real CLI, in-process.

Each case of ``manifest.json`` runs ``ryhti.cli.main`` with its command line and must:

* end with the exit code the manifest names (2 for input that cannot be read; 1 where the
  validator reads a plan and reports its faults; 0 where an odd input is converted and
  every oddity is in the report) within its time limit (SIGALRM: no hang);
* print no traceback and no "internal error", match the manifest's regular expression,
  name the input file, and, when refused, say so in exactly one ``ryhti: error:`` line
  and write no output at all;
* read nothing outside its input: the secret canary's content never appears in the output
  or in a written file, no Python-level ``open`` touches it, the loopback canary server
  is never asked, and no file is created outside the case's own output folder.

A few cases run again as real subprocesses (``python -m ryhti``), as a user would.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from ryhti.cli import main

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
MANIFEST = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = MANIFEST["cases"]
ROOT = HERE.parents[1]


class Hang(BaseException):
    """Raised by SIGALRM; a BaseException so that ``main``'s ``except Exception`` can't hide it."""


# --- the sandbox: a copy of the corpus, a secret, a loopback server -----------------------


class Canary:
    """A secret file beside the corpus copy and a loopback server; both must stay untouched."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.token = "CANARY-" + secrets.token_hex(12)
        secret_dir = root / "secret"
        secret_dir.mkdir()
        # a CSV so that a disguised OGR VRT would really read it (and be caught)
        self.path = secret_dir / "canary.csv"
        self.path.write_text(f"field_1\n{self.token}\n", encoding="utf-8")
        self.hits: list[str] = []
        token = self.token
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                body = f"<x>{token}</x>".encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/canary.xml"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def fill(self, data: bytes) -> bytes:
        return data.replace(b"@CANARY_PATH@", str(self.path).encode()).replace(
            b"@CANARY_URL@", self.url.encode()
        )

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _copy_filled(src: Path, dest: Path, canary: Canary) -> None:
    data = src.read_bytes()
    members: list[tuple[zipfile.ZipInfo, bytes]] = []
    if src.suffix.lower() in (".docx", ".zip"):
        try:
            with zipfile.ZipFile(src) as zin:
                members = [(info, zin.read(info)) for info in zin.infolist()]
        except (zipfile.BadZipFile, RuntimeError, OSError, ValueError, EOFError):
            members = []  # broken on purpose: copied as it is
        if any(b"@CANARY_" in blob for _, blob in members):
            with zipfile.ZipFile(dest, "w") as zout:
                for info, blob in members:
                    zout.writestr(info, canary.fill(blob))
            return
    dest.write_bytes(canary.fill(data))


class Sandbox:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.canary = Canary(root)
        self.corpus = root / "work" / "corpus"
        for src in sorted(CORPUS.rglob("*")):
            dest = self.corpus / src.relative_to(CORPUS)
            if src.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
            else:
                dest.parent.mkdir(parents=True, exist_ok=True)
                _copy_filled(src, dest, self.canary)
        self.made = root / "work" / "made"
        self.outs = root / "work" / "out"
        self.outs.mkdir(parents=True)

    def tree(self) -> set[str]:
        """Every path under the sandbox except the output folders."""
        found: set[str] = set()
        outs = str(self.outs)
        for folder, dirs, files in os.walk(self.root):
            if folder == outs:
                dirs[:] = []
                continue
            found.update(os.path.join(folder, name) for name in (*dirs, *files))
        found.discard(outs)
        return found


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path_factory.mktemp("hostile"))
    try:
        yield box
    finally:
        box.canary.close()


# --- inputs made at test time ---------------------------------------------------------------


def _sparse(path: Path) -> None:
    with path.open("wb") as fh:
        fh.truncate(2 * 1024**3 + 1)


def _zip_bomb(path: Path) -> None:
    chunk = b"\x00" * (1 << 20)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        zf.open("alueet.geojson", "w", force_zip64=True) as fh,
    ):
        for _ in range(64):  # 64 MB of zeros: a thousand-fold expansion
            fh.write(chunk)


def _docx_bomb(path: Path) -> None:
    """A Word file whose document part unpacks to 64 MB (a valid XML document)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
        b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        b"<w:p><w:r><w:t>AK Asuinkerrostalojen korttelialue.</w:t></w:r></w:p>"
    )
    tail = b"</w:body></w:document>"
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        b'package.relationships+xml"/><Override PartName="/word/document.xml" ContentType='
        b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        b"</Types>"
    )
    rels = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        b"</Relationships>"
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", rels)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            spaces = b" " * (1 << 20)
            for _ in range(64):
                fh.write(spaces)
            fh.write(tail)


def _pdf_bomb(path: Path) -> None:
    """A one-page PDF whose content stream inflates to 96 MB of spaces (pypdf stops at 75 MB)."""
    comp = zlib.compressobj(6)
    spaces = b" " * (1 << 20)
    stream = b"".join(comp.compress(spaces) for _ in range(96)) + comp.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length "
        + str(len(stream)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream",
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
    path.write_bytes(bytes(out))


def _huge_text_node(path: Path) -> None:
    path.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<akaava:AsemakaavaAineisto xmlns:akaava='
        b'"http://www.kuntatietopalvelu.fi/gml/asemakaava"><akaava:x>'
        + b"A" * 11_000_000
        + b"</akaava:x></akaava:AsemakaavaAineisto>\n"
    )


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _missing(path: Path) -> None:
    pass


MAKERS = {
    "sparse_2g": _sparse,
    "zip_bomb": _zip_bomb,
    "docx_bomb": _docx_bomb,
    "pdf_bomb": _pdf_bomb,
    "huge_text_node": _huge_text_node,
    "dev_zero": _dev_zero,
    "fifo": _fifo,
    "folder": _folder,
    "missing": _missing,
}


def input_path(box: Sandbox, case: dict[str, Any]) -> Path:
    if "make" not in case:
        return box.corpus / case["input"]
    path = box.made / case["id"].replace("/", "__") / case["input"].split("/", 1)[1]
    if not path.exists() and not path.is_symlink():
        path.parent.mkdir(parents=True, exist_ok=True)
        MAKERS[case["make"]](path)
    return path


# --- running one case -----------------------------------------------------------------------


class Opens:
    """Python-level file opens while a case runs (``sys.addaudithook`` cannot be removed, so
    one hook is installed for the module and switched on per case)."""

    active = False
    seen: ClassVar[list[tuple[str, str]]] = []

    @classmethod
    def hook(cls, event: str, args: tuple[Any, ...]) -> None:
        if cls.active and event == "open" and args and isinstance(args[0], str | bytes | Path):
            path = os.fsdecode(args[0])
            mode = args[1] if len(args) > 1 and isinstance(args[1], str) else ""
            flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
            writes = any(ch in mode for ch in "wax+") or bool(
                flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
            )
            cls.seen.append((path, "w" if writes else "r"))


sys.addaudithook(Opens.hook)

#: Paths outside the sandbox that libraries may legitimately write to while a case runs.
ALLOWED_WRITES = (".pyc", "/.cache/", "/.config/matplotlib", "/matplotlib-", "/fontconfig")


def argv_of(case: dict[str, Any], box: Sandbox, path: Path, out: Path) -> list[str]:
    return [
        a.replace("{input}", str(path))
        .replace("{input_dir}", str(path.parent))
        .replace("{out}", str(out))
        .replace("{corpus}", str(box.corpus))
        for a in case["argv"]
    ]


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


#: Extra memory a case may allocate: a bomb that gets past its check fails with MemoryError
#: (an "internal error", so the case fails) instead of taking the machine down.
CASE_MEMORY = 1536 * 1024**2


def _data_size() -> int:
    """Bytes of the data segment (heap and anonymous mappings) of this process."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    return 0


class memory_limit:
    def __enter__(self) -> None:
        self.old = resource.getrlimit(resource.RLIMIT_DATA)
        hard = self.old[1]
        limit = _data_size() + CASE_MEMORY
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))

    def __exit__(self, *exc: Any) -> None:
        resource.setrlimit(resource.RLIMIT_DATA, self.old)


def run_case(case: dict[str, Any], box: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    path = input_path(box, case)
    out = box.outs / case["id"].replace("/", "__").replace("@", "_")
    out.mkdir(parents=True)
    argv = argv_of(case, box, path, out)
    before = box.tree()
    hits = len(box.canary.hits)
    capsys.readouterr()
    cwd = os.getcwd()
    os.chdir(out)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(int(case.get("timeout", 20)))
    Opens.seen = []
    Opens.active = True
    try:
        try:
            with memory_limit():
                main(argv)
            code: Any = 0
        except SystemExit as exc:
            code = exc.code if exc.code is not None else 0
        except Hang:
            pytest.fail(f"{case['id']}: no answer within {case.get('timeout', 20)} s: {argv}")
    finally:
        Opens.active = False
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(cwd)
    captured = capsys.readouterr()
    text = captured.out + captured.err
    shown = f"{case['id']} ({' '.join(case['argv'])}) printed:\n{text[-3000:]}"
    assert "Traceback" not in text, shown
    assert "internal error" not in text, shown
    assert code == case["exit"], f"exit {code}, expected {case['exit']}: {shown}"
    assert re.search(case["match"], text, re.M), f"no match for {case['match']!r}: {shown}"
    if case["names"] and case["exit"] in (1, 2):
        assert case["names"] in text, f"the message does not name {case['names']}: {shown}"
    if case["exit"] == 2:
        errors = [line for line in captured.err.splitlines() if line.startswith("ryhti: error:")]
        assert len(errors) == 1, f"expected one error line: {shown}"
        written = sorted(p.name for p in out.rglob("*"))
        assert not written, f"a refused input still wrote {written}: {shown}"
    # nothing read or written outside the input
    token = box.canary.token
    assert token not in text, f"the secret canary leaked into the output: {shown}"
    for f in out.rglob("*"):
        if f.is_file():
            assert token.encode() not in f.read_bytes(), f"the canary leaked into {f.name}"
    assert len(box.canary.hits) == hits, f"{case['id']} asked the network: {box.canary.hits}"
    assert str(box.canary.path) not in {p for p, _ in Opens.seen}, f"{case['id']} opened the canary"
    outside = [
        p
        for p, mode in Opens.seen
        if mode == "w"
        and not os.path.abspath(p).startswith(str(box.root))
        and not any(a in p for a in ALLOWED_WRITES)
    ]
    assert not outside, f"{case['id']} wrote outside its folder: {outside}"
    created = box.tree() - before
    assert not created, f"{case['id']} created files beside its input: {sorted(created)}"
    for target in (Path("/tmp/zip-slip-target.shp"), box.root / "zip-slip-target.shp"):
        assert not target.exists(), f"{case['id']} wrote {target}"


def _params() -> list[Any]:
    """Every case; known bugs in packages this corpus does not own are strict xfails, so
    the case starts to pass (and must lose its mark) the day the bug is fixed."""
    return [
        pytest.param(
            c,
            id=c["id"],
            marks=[pytest.mark.xfail(strict=True, reason=c["xfail"])] if c.get("xfail") else [],
        )
        for c in CASES
    ]


@pytest.mark.parametrize("case", _params())
def test_hostile_input(case: dict[str, Any], sandbox: Sandbox, capfd, recwarn) -> None:
    # capfd, not capsys: what C libraries (GDAL, libxml2) print to the file descriptors counts
    run_case(case, sandbox, capfd)
    # A warning would reach the planner as library paths and source lines on stderr.
    shown = [f"{w.category.__name__}: {w.message} ({w.filename})" for w in recwarn]
    assert not shown, f"{case['id']} warned:\n" + "\n".join(shown)


# --- the corpus itself ----------------------------------------------------------------------


def test_corpus_is_large_and_varied() -> None:
    inputs = {c["input"] for c in CASES}
    assert len(inputs) >= 200
    categories = {c["category"] for c in CASES}
    assert {"json", "gml", "gpkg", "shp", "zip", "dxf", "legend", "big", "bomb"} <= categories
    for case in CASES:
        assert case["exit"] in (0, 1, 2), case["id"]
        re.compile(case["match"])


def test_committed_corpus_is_what_make_corpus_writes() -> None:
    proc = subprocess.run(
        [sys.executable, str(HERE / "make_corpus.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- a few cases as real subprocesses ------------------------------------------------------

SUBPROCESS = [
    "json/truncated-03",
    "gml/xxe-file-canary",
    "zip/slip-dotdot",
    "big/sparse-2g-validate",
    "legend/docx-xxe-canary",
    "gpkg/vrt-disguised",
]


@pytest.mark.parametrize("case_id", SUBPROCESS)
def test_as_a_subprocess(case_id: str, sandbox: Sandbox) -> None:
    case = next(c for c in CASES if c["id"] == case_id)
    path = input_path(sandbox, case)
    out = sandbox.outs / ("sub__" + case_id.replace("/", "__"))
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "RYHTI_DEBUG"}
    proc = subprocess.run(
        [sys.executable, "-m", "ryhti", *argv_of(case, sandbox, path, out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=out,
        env=env,
    )
    text = proc.stdout + proc.stderr
    assert proc.returncode == case["exit"], text
    assert "Traceback" not in text and "internal error" not in text, text
    assert re.search(case["match"], text, re.M), text
    assert sandbox.canary.token not in text
    assert not any(out.iterdir())


def test_sandbox_cleanup_leaves_nothing_behind(sandbox: Sandbox) -> None:
    """The canary server answered nobody during the whole module."""
    assert sandbox.canary.hits == []
    shutil.rmtree(sandbox.made, ignore_errors=True)
