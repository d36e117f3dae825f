"""One self-updating status line on a terminal while thousands of plans go in.

Only on a terminal: in CI logs and pipes a line per update would be noise, so there the
command prints its summary and nothing else. Updates are throttled to a few per second.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """Files done of all, objects written, rate and time left, on one line of ``stream``."""

    def __init__(self, total: int, enabled: bool | None = None, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.files = 0
        self.objects = 0
        self.start = time.perf_counter()
        self._last = 0.0
        self._width = 0

    def update(self, files: int = 0, objects: int = 0, force: bool = False) -> None:
        """Count ``files`` more files and ``objects`` more objects; redraw now and then."""
        self.files += files
        self.objects += objects
        if not self.enabled:
            return
        now = time.perf_counter()
        if not force and now - self._last < 0.25:
            return
        self._last = now
        elapsed = max(now - self.start, 1e-9)
        rate = self.objects / elapsed
        left = ""
        if 0 < self.files < self.total:
            left = f" · {_clock(elapsed / self.files * (self.total - self.files))} left"
        line = (
            f"archive add: {self.files:,}/{self.total:,} files · {self.objects:,} objects · "
            f"{rate:,.0f} objects/s{left}"
        )
        pad = max(0, self._width - len(line))
        self._width = len(line)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()

    def done(self) -> None:
        """End the status line so the summary starts on a line of its own."""
        if self.enabled and self._width:
            self.update(force=True)
            self.stream.write("\n")
            self.stream.flush()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.start
