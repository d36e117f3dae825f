"""Fuzz target (atheris) for the legend reader (.md/.txt: encodings, headings, signs).

Run briefly (a scratch corpus folder first: libFuzzer adds what it finds to it):
    .venv/bin/python tests/fuzz/fuzz_legend.py -runs=3000 /tmp/corpus tests/fuzz/seeds/legend
Any input must give a legend or raise InputError; anything else is a bug.
"""

from __future__ import annotations

import atheris
from _scratch import fuzz_through_file

with atheris.instrument_imports():
    from ryhti.errors import InputError
    from ryhti.nlp.legend import read_legend


def check(path: str) -> None:
    try:
        legend = read_legend(path)
    except InputError:
        return
    for entry in [*legend.entries, *legend.general]:
        assert isinstance(entry.text, str)


if __name__ == "__main__":
    fuzz_through_file(".md", check)
