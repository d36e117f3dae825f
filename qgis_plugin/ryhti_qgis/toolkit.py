"""Finding the ryhti toolkit's own Python and running it, outside QGIS's process.

QGIS loads Debian's (or OSGeo4W's) GEOS, GDAL and PROJ into its process; the PyPI
wheels of shapely, pyogrio and rasterio that the toolkit uses bring their own copies,
and both in one process crash (double free). So the provider never imports ``ryhti``:
every algorithm starts the toolkit's interpreter (``python -m ryhti …`` or the plugin's
``bridge.py``) with a clean environment, streams its messages into the Processing log,
turns ``@progress`` lines into the progress bar, stops it when the user cancels, and
reads back the files it wrote.

Which Python: ``RYHTI_PYTHON`` in the environment (scripts, ``qgis_process``, CI),
else the provider setting (Processing ▸ Options ▸ Providers ▸ RYHTI), else the
interpreter of a ``ryhti`` command on ``PATH``. A missing or broken choice fails with
one line that says how to fix it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from qgis.core import QgsProcessingException

#: Name of the environment variable and of the provider setting.
SETTING = "RYHTI_PYTHON"
BRIDGE = Path(__file__).resolve().parent / "bridge.py"
#: Environment variables of QGIS's own libraries that must not leak into the toolkit:
#: its wheels carry their own PROJ database and GDAL data, and a foreign PYTHONPATH
#: would import QGIS's packages into the toolkit's interpreter.
SCRUBBED = (
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "PYTHONEXECUTABLE",
    "PROJ_LIB",
    "PROJ_DATA",
    "GDAL_DATA",
    "GDAL_DRIVER_PATH",
    "GDAL_FILENAME_IS_UTF8",
    "GEOTIFF_CSV",
    "LD_LIBRARY_PATH",
    "LD_PRELOAD",
    "DYLD_LIBRARY_PATH",
    "DYLD_FALLBACK_LIBRARY_PATH",
    "QT_PLUGIN_PATH",
)
HOW_TO_FIX = (
    "set RYHTI_PYTHON to the Python of the environment where ryhti is installed "
    "(e.g. ~/ryhti/.venv/bin/python), or enter it in Processing ▸ Options ▸ Providers ▸ RYHTI"
)
_checked: dict[tuple[str, float], str] = {}


#: The toolkit could not be found or did not do its job; the text is one line. QGIS shows
#: a QgsProcessingException as the algorithm's error, but a Python *subclass* of it as an
#: unexpected exception with a traceback, so this is the class itself.
ToolkitError = QgsProcessingException


@dataclass
class Toolkit:
    """The interpreter to run, where the choice came from, and the toolkit's version."""

    python: str
    origin: str
    version: str


@dataclass
class Completed:
    """What a finished toolkit run left: exit code and its output."""

    code: int
    stdout: str
    stderr: str


def _setting() -> str:
    try:
        from processing.core.ProcessingConfig import ProcessingConfig
    except ImportError:  # pragma: no cover - Processing is part of every QGIS
        return ""
    value = ProcessingConfig.getSetting(SETTING)
    return str(value).strip() if value else ""


def _python_of_command(command: str) -> str | None:
    """The interpreter in the ``#!`` line of a console script such as ``ryhti``."""
    try:
        with open(command, "rb") as fh:
            first = fh.readline(4096).decode("utf-8", "replace").strip()
    except OSError:
        return None
    if first.startswith("#!"):
        candidate = first[2:].strip().split()[0] if first[2:].strip() else ""
        if candidate and os.path.basename(candidate).startswith("python"):
            return candidate
    folder = Path(command).resolve().parent  # Windows: Scripts\ryhti.exe beside python.exe
    for name in ("python.exe", "python3", "python"):
        if (folder / name).exists():
            return str(folder / name)
        if (folder.parent / name).exists():
            return str(folder.parent / name)
    return None


def choose_python() -> tuple[str, str]:
    """(interpreter, where the choice came from), before checking that it works."""
    env = os.environ.get(SETTING, "").strip()
    if env:
        return os.path.expanduser(env), "RYHTI_PYTHON"
    setting = _setting()
    if setting:
        return os.path.expanduser(setting), "the RYHTI provider setting (ryhti Python)"
    command = shutil.which("ryhti")
    if command:
        python = _python_of_command(command)
        if python:
            return python, f"the ryhti command on PATH ({command})"
    raise ToolkitError(f"The ryhti toolkit was not found: {HOW_TO_FIX}.")


def clean_environment() -> dict[str, str]:
    """The environment for the toolkit: QGIS's library paths and Python paths removed."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUTF8"] = "1"
    return env


def _popen_flags() -> dict[str, object]:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(
            subprocess, "CREATE_NEW_PROCESS_GROUP", 0
        )
        return {"creationflags": flags}
    return {"start_new_session": True}


def locate() -> Toolkit:
    """The toolkit to use, checked once per interpreter file: it must import ``ryhti``."""
    python, origin = choose_python()
    path = Path(python)
    if not path.exists():
        raise ToolkitError(f"{origin} points to {python}, which does not exist: {HOW_TO_FIX}.")
    if path.is_dir() or not os.access(python, os.X_OK):
        raise ToolkitError(f"{origin} points to {python}, which is not a program: {HOW_TO_FIX}.")
    key = (str(path), path.stat().st_mtime)
    version = _checked.get(key)
    if version is None:
        probe = "import sys, ryhti; sys.stdout.write(ryhti.__version__)"
        try:
            done = subprocess.run(
                [python, "-c", probe],
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=clean_environment(),
                timeout=120,
                **_popen_flags(),  # type: ignore[arg-type]
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise ToolkitError(
                f"{origin} ({python}) cannot be started ({exc}): {HOW_TO_FIX}."
            ) from exc
        if done.returncode != 0 or not done.stdout.strip():
            why = _last_line(done.stderr) or f"exit code {done.returncode}"
            raise ToolkitError(
                f"{origin} ({python}) cannot import the ryhti toolkit ({why}): install it there "
                f"({python} -m pip install ryhti) or {HOW_TO_FIX}."
            )
        version = _checked[key] = done.stdout.strip()
    return Toolkit(str(path), origin, version)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def error_line(stderr: str, code: int) -> str:
    """The one line that says what went wrong: ryhti's own error line where it gave one."""
    lines = [line.strip() for line in (stderr or "").splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith(("ryhti: error:", "ryhti: internal error:", "Error:")):
            return line
    for line in reversed(lines):
        if not line.startswith("@progress"):
            return line
    return f"ryhti stopped with exit code {code}"


class Runner:
    """Runs toolkit commands for one algorithm run, reporting to its feedback object."""

    def __init__(self, feedback: object, toolkit: Toolkit | None = None) -> None:
        self.feedback = feedback
        self.toolkit = toolkit or locate()
        if feedback is not None:
            feedback.pushInfo(  # type: ignore[attr-defined]
                f"ryhti {self.toolkit.version} at {self.toolkit.python} (from {self.toolkit.origin})"
            )

    def ryhti(self, args: list[str], **kwargs: object) -> Completed:
        """``python -m ryhti ARGS``."""
        return self.run([self.toolkit.python, "-m", "ryhti", *args], **kwargs)  # type: ignore[arg-type]

    def bridge(self, args: list[str], **kwargs: object) -> Completed:
        """``python bridge.py ARGS`` (the plugin's toolkit-side jobs)."""
        return self.run([self.toolkit.python, str(BRIDGE), *args], **kwargs)  # type: ignore[arg-type]

    def run(
        self,
        argv: list[str],
        *,
        ok: tuple[int, ...] = (0,),
        progress: tuple[float, float] = (0.0, 100.0),
        stdout_file: str | None = None,
        workdir: str | None = None,
    ) -> Completed:
        """Run ``argv``; raise :class:`ToolkitError` with one line unless its exit code is in ``ok``.

        Output goes to files, not pipes (no deadlock however much it writes); new stderr
        lines are forwarded to the log while the program runs, and the program (with
        its children) is stopped when the user cancels.
        """
        fb = self.feedback
        start, end = progress
        with tempfile.TemporaryDirectory(prefix="ryhti-run-") as tmp:
            out_path = stdout_file or os.path.join(tmp, "stdout.txt")
            err_path = os.path.join(tmp, "stderr.txt")
            with open(out_path, "wb") as out, open(err_path, "wb") as err:
                try:
                    proc = subprocess.Popen(
                        argv,
                        stdin=subprocess.DEVNULL,
                        stdout=out,
                        stderr=err,
                        cwd=workdir,
                        env=clean_environment(),
                        **_popen_flags(),  # type: ignore[arg-type]
                    )
                except OSError as exc:
                    raise ToolkitError(f"cannot start {argv[0]}: {exc}: {HOW_TO_FIX}.") from exc
                pending = b""
                with open(err_path, "rb") as reader:
                    while True:
                        code = proc.poll()
                        pending = self._forward(reader, pending, start, end)
                        if code is not None:
                            break
                        if fb is not None and fb.isCanceled():  # type: ignore[attr-defined]
                            _stop(proc)
                            raise ToolkitError("ryhti was cancelled")
                        time.sleep(0.05)
                    rest = self._forward(reader, pending, start, end)
                    if rest:  # a last line without a newline
                        self._line(rest.decode("utf-8", "replace"), start, end)
            with open(err_path, encoding="utf-8", errors="replace") as fh:
                stderr = fh.read()
            stdout = ""
            if stdout_file is None:
                with open(out_path, encoding="utf-8", errors="replace") as fh:
                    stdout = fh.read()
        if fb is not None:
            for line in stdout.splitlines():
                if line.strip():
                    fb.pushInfo(line)  # type: ignore[attr-defined]
        if code not in ok:
            raise ToolkitError(error_line(stderr, code))
        if fb is not None:
            fb.setProgress(end)  # type: ignore[attr-defined]
        return Completed(code, stdout, stderr)

    def _forward(self, reader: object, pending: bytes, start: float, end: float) -> bytes:
        """Pass the new whole lines of stderr to the log; return the unfinished rest."""
        chunk = reader.read()  # type: ignore[attr-defined]
        *lines, rest = (pending + (chunk or b"")).split(b"\n")
        for raw in lines:
            self._line(raw.decode("utf-8", "replace").rstrip("\r"), start, end)
        return rest

    def _line(self, text: str, start: float, end: float) -> None:
        fb = self.feedback
        if fb is None or not text.strip():
            return
        if text.startswith("@progress "):
            parts = text.split(" ", 2)
            try:
                share = float(parts[1])
            except (IndexError, ValueError):
                return
            fb.setProgress(start + (end - start) * share / 100.0)  # type: ignore[attr-defined]
            if len(parts) > 2:
                fb.setProgressText(parts[2])  # type: ignore[attr-defined]
        elif not text.startswith(("ryhti: error:", "ryhti: internal error:")):
            # the error line is raised as the algorithm's error, not logged twice
            fb.pushConsoleInfo(text)  # type: ignore[attr-defined]


def _stop(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """Terminate the toolkit and whatever it started (``-j`` workers); kill if it lingers."""
    try:
        if sys.platform == "win32":  # pragma: no cover
            proc.terminate()
        else:
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        try:
            if sys.platform == "win32":  # pragma: no cover
                proc.kill()
            else:
                os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        proc.wait()
