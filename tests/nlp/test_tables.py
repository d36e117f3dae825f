"""The precomputed phrase table is fresh, used, and equivalent to computing the keys at load."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from ryhti.nlp import build_tables

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_phrase_table_is_fresh():
    """Rebuilding the table from the code-list snapshot and Voikko gives the committed file.

    When this fails: ``.venv/bin/python -m ryhti.nlp.build_tables`` and commit the result.
    """
    assert build_tables.build() == build_tables.TABLE_PATH.read_text(encoding="utf-8")


def test_extractor_loads_the_table_and_it_equals_computed_keys(extractor):
    from ryhti.nlp.pipeline import Extractor

    assert extractor.phrase_table is True
    computed = Extractor(knowledge=extractor.kb, phrase_table=False)
    assert computed.phrase_table is False
    as_text = lambda ks: {k: sorted(p.text for p in v) for k, v in ks.items()}  # noqa: E731
    assert as_text(computed._keyset) == as_text(extractor._keyset)


def test_stale_table_is_not_used(extractor):
    """A knowledge base that differs from the table's inputs falls back to computing the keys."""
    kb = extractor.kb
    changed = replace(kb, phrases=[*kb.phrases[:-1], replace(kb.phrases[-1], text="Uusi sana")])
    assert build_tables.fingerprint(changed) != build_tables.fingerprint(kb)
    assert build_tables.load_phrase_table(changed) is None
    assert build_tables.load_phrase_table(kb) is not None


def test_check_mode_reports_fresh(capsys):
    assert build_tables.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_extractor_does_not_import_spacy_cli():
    """spaCy's command-line interface (typer, weasel) is not loaded by the extractor, yet works."""
    code = (
        "import sys\n"
        "from ryhti.nlp.pipeline import Extractor\n"
        "ex = Extractor()\n"
        "assert ex.extract('IV', None, 'asemakaava')\n"
        "print('spacy.cli' in sys.modules, 'typer' in sys.modules, 'weasel' in sys.modules)\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.download))\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["False", "False", "False", "True"]


@pytest.mark.parametrize("text", ["Asuin-, liike- ja toimistorakennusten korttelialue."])
def test_matcher_finds_coordinated_title(types_of, text):
    assert set(types_of(text, "AL", "asemakaava")) >= {
        "asumisenAlue",
        "liikerakennustenAlue",
        "toimistorakennustenAlue",
    }
