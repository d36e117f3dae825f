"""Fuzz target (atheris) for the legend reader (.md/.txt: encodings, headings, signs).

Run briefly (a scratch corpus folder first: libFuzzer adds what it finds to it):
    .venv/bin/python tests/fuzz/fuzz_legend.py -runs=3000 /tmp/corpus tests/fuzz/seeds/legend
Any input must give a legend or raise InputError; anything else is a bug.
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from ryhti.errors import InputError
    from ryhti.parsers.legend import read_legend

FOLDER = "/dev/shm" if os.path.isdir("/dev/shm") else None
FD, PATH = tempfile.mkstemp(suffix=".md", dir=FOLDER)
os.close(FD)


def test_one_input(data: bytes) -> None:
    with open(PATH, "wb") as fh:
        fh.write(data)
    try:
        legend = read_legend(PATH)
    except InputError:
        return
    for entry in [*legend.entries, *legend.general]:
        assert isinstance(entry.text, str)


def main() -> None:
    try:
        atheris.Setup(sys.argv, test_one_input)
        atheris.Fuzz()
    finally:
        os.unlink(PATH)


if __name__ == "__main__":
    main()
