"""What the fuzz targets of file readers share: one scratch file that the reader opens by path.

The readers take paths (GDAL, lxml and the legend reader decide by the file), so each input
is written to one scratch file, in memory (``/dev/shm``) where there is one, removed at exit.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable

import atheris


def fuzz_through_file(suffix: str, check: Callable[[str], None]) -> None:
    """Run atheris with ``sys.argv``, calling ``check(path)`` on each input written to a file."""
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else None
    fd, path = tempfile.mkstemp(suffix=suffix, dir=folder)
    os.close(fd)

    def one_input(data: bytes) -> None:
        with open(path, "wb") as fh:
            fh.write(data)
        check(path)

    try:
        atheris.Setup(sys.argv, one_input)
        atheris.Fuzz()
    finally:
        os.unlink(path)
