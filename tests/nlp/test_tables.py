"""The precomputed phrase table is fresh, used, and equivalent to computing the keys at load."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from ryhti.nlp import build_tables, lemmatizer

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
    assert as_text(computed.index.keyset) == as_text(extractor.index.keyset)


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


# -- the lemma table (ryhti/nlp/lemma_table.tsv) ------------------------------------------------


def _labelled_rows():
    rows = []
    for path in sorted((ROOT / "tests" / "data").glob("nlp_labelled_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            rows.append((r["text"], r["sign"], r["plan_type"]))
    return rows


def test_shipped_lemma_table_is_fresh_and_reproducible():
    """Rebuilding gives the committed file byte for byte (same fingerprint, same rows).

    When this fails: ``.venv/bin/python -m ryhti.nlp.build_tables`` and commit the result.
    """
    from ryhti.nlp.pipeline import Extractor

    shipped = lemmatizer.LEMMA_TABLE_PATH.read_text(encoding="utf-8")
    ex = Extractor(phrase_table=False, lemma_table=False)
    assert build_tables.render_lemma_table(ex) == shipped
    assert f"fingerprint\t{lemmatizer.lemma_fingerprint()}\n" in shipped


def test_lemma_table_is_used_and_changes_no_result(extractor):
    """Every labelled entry gives the same regulations with and without the lemma table."""
    from ryhti.nlp.pipeline import Extractor

    assert extractor.lemma_table is True
    plain = Extractor(knowledge=extractor.kb, lemma_table=False)
    assert plain.lemma_table is False and plain._lemma_table is None
    rows = _labelled_rows()
    assert len(rows) > 500
    for text, sign, plan_type in rows:
        with_table = [r.to_json() for r in extractor.extract(text, sign, plan_type)]
        without = [r.to_json() for r in plain.extract(text, sign, plan_type)]
        assert with_table == without, text


def _write(tmp_path, text):
    path = tmp_path / "lemma_table.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def _small_table_text(**changes):
    table = lemmatizer.LemmaTable(
        {f: lemmatizer.reading(f) for f in ("rakennusala", "on", "säilytettävä", "Kaava")},
        {"säilytettävä": lemmatizer.verb_of_participle("säilytettävä")},
    )
    args = {
        "fingerprint": lemmatizer.lemma_fingerprint(),
        "voikko": lemmatizer.voikko_version(),
    } | changes
    return lemmatizer.render_lemma_table(table, args["fingerprint"], args["voikko"])


def test_lemma_table_round_trips(tmp_path):
    text = _small_table_text()
    table = lemmatizer.read_lemma_table(_write(tmp_path, text))
    assert table is not None
    assert table.forms["on"] == ("olla", True)
    assert table.participles["säilytettävä"] == "säilyttää"
    assert table.get("ON") == ("olla", True)  # upper case answered by the lower-case row
    assert table.get("Onko") is None  # not in the table: Voikko is asked
    again = lemmatizer.render_lemma_table(
        table, lemmatizer.lemma_fingerprint(), lemmatizer.voikko_version()
    )
    assert again == text


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda t: _small_table_text(fingerprint="0" * 64), id="other-rules"),
        pytest.param(lambda t: _small_table_text(voikko="3.9.0"), id="other-voikko"),
        pytest.param(
            lambda t: t.replace("on\tolla\t1", "on\tolla"), id="row-disagrees-with-voikko"
        ),
        pytest.param(
            lambda t: t.replace("säilytettävä\tsäilyttää", "säilytettävä\tsäilyä"),
            id="participle-disagrees-with-voikko",
        ),
        pytest.param(lambda t: t[: t.index("participles")], id="truncated"),
        pytest.param(lambda t: t.replace("forms\t4", "forms\tx"), id="malformed"),
        pytest.param(lambda t: "", id="empty"),
    ],
)
def test_stale_or_broken_lemma_table_is_not_used(tmp_path, change):
    """A table that does not fit the Voikko and rules at hand is ignored: Voikko is asked."""
    text = change(_small_table_text())
    assert text != _small_table_text()
    assert lemmatizer.read_lemma_table(_write(tmp_path, text)) is None


def test_missing_lemma_table_is_not_used(tmp_path):
    assert lemmatizer.read_lemma_table(tmp_path / "absent.tsv") is None


def test_extractor_without_a_fitting_table_asks_voikko(monkeypatch, extractor):
    from ryhti.nlp.pipeline import Extractor

    monkeypatch.setattr(lemmatizer, "_lemma_table", None)
    monkeypatch.setattr(lemmatizer, "_lemma_table_checked", False)
    monkeypatch.setattr(lemmatizer, "LEMMA_RECIPE", lemmatizer.LEMMA_RECIPE + 1)
    ex = Extractor(knowledge=extractor.kb)
    assert ex.lemma_table is False
    assert [r.type for r in ex.extract("Asuinkerrostalojen korttelialue.", "AK")] == [
        r.type for r in extractor.extract("Asuinkerrostalojen korttelialue.", "AK")
    ]
