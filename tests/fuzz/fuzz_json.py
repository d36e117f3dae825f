"""Fuzz target (atheris) for the JSON reader and the plan model.

Run briefly:  .venv/bin/python tests/fuzz/fuzz_json.py -runs=20000
Any input must either load and round-trip exactly, or raise InputError; any
other exception is a bug and atheris reports it with the crashing input.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from ryhti.errors import InputError
    from ryhti.io import decode_text, parse_json
    from ryhti.model import from_json


def test_one_input(data: bytes) -> None:
    try:
        parsed = parse_json(decode_text(data, "fuzz"), "fuzz")
        doc = from_json(parsed, source="fuzz")
    except InputError:
        return
    assert doc.to_json() == parsed
    list(doc.unknown_properties())


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
