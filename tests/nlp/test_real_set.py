"""The real labelled set: well-formed labels, references that still resolve, the split by hash,
and a floor under the figures on its development part.

The labels are checked everywhere; what needs the texts (``../shared/reference``, read through
``tests/nlp/real_data.py``) is skipped when the material or ``pg_restore`` is absent. The
held-out part is only resolved and checked for its split here: its figures are reported as
totals by ``benchmarks/nlp_eval.py``, never tested against, so no rule is tuned to pass it.
"""

from __future__ import annotations

import json

import pytest

from ryhti.nlp.evaluate import score
from tests.nlp.real_data import (
    DATA,
    HELD_OUT_BELOW,
    available,
    load_real,
    split_key,
)

SETS = ("nlp_real_dev.jsonl", "nlp_real_heldout.jsonl", "nlp_real_katja.jsonl")
CODE_FIELDS = {
    "types": "regulations",
    "types_alt": "regulations",
    "additional": "additional",
    "additional_alt": "additional",
    "verbal": "verbal",
    "verbal_alt": "verbal",
}

needs_reference = pytest.mark.skipif(
    available() is not None, reason=available() or "reference material available"
)


def _rows(name):
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def kb():
    from ryhti.nlp.knowledge import build_knowledge

    return build_knowledge()


@pytest.mark.parametrize("name", SETS)
def test_labels_are_codes_of_the_code_lists(kb, name):
    known = {"regulations": kb.regulations, "additional": kb.additional, "verbal": kb.verbal}
    ids = set()
    for row in _rows(name):
        assert row["id"] not in ids, row["id"]
        ids.add(row["id"])
        assert "text" not in row, f"{row['id']}: texts are referenced, not copied"
        src = row["source"]
        assert src["file"] and len(src["sha256"]) == 64, row["id"]
        assert row["plan_type"] in (None, "asemakaava", "yleiskaava", "maakuntakaava")
        gold = row["gold"]
        for field, table in CODE_FIELDS.items():
            for code in gold.get(field, []):
                assert code in known[table], f"{row['id']}: {field} {code!r} is not a code"
                if table == "regulations":
                    assert kb.regulations[code].usable, f"{row['id']}: {code} is header-level"
        for v in gold.get("values", []) + gold.get("values_optional", []):
            code = v.get("type") or v.get("additional")
            assert code in kb.regulations or code in kb.additional, (row["id"], v)
        for key in ("types_match", "additional_match"):
            assert gold.get(key, "all") in ("all", "any"), row["id"]


def test_the_set_is_large_enough():
    dev, held = _rows(SETS[0]), _rows(SETS[1])
    assert len(dev) + len(held) >= 400
    assert len(held) >= 100


@needs_reference
@pytest.mark.parametrize("name", SETS)
def test_references_resolve_to_the_labelled_texts(name):
    rows = load_real(DATA / name)  # strict: a changed text raises
    assert len(rows) == len(_rows(name))
    assert all(r["text"].strip() for r in rows)


@needs_reference
def test_held_out_part_is_chosen_by_hash_of_the_text():
    dev = load_real(DATA / SETS[0])
    held = load_real(DATA / SETS[1])
    assert all(split_key(r["text"]) >= HELD_OUT_BELOW for r in dev)
    assert all(split_key(r["text"]) < HELD_OUT_BELOW for r in held)
    assert not {r["text"] for r in dev} & {r["text"] for r in held}


@needs_reference
def test_figures_on_the_real_development_set(extractor):
    """A floor under the dev figures (issue 13's targets where they are met; the README has
    the measured figures). Lower only with a reason in the commit."""
    rows = load_real(DATA / SETS[0])
    rep = score(rows, lambda t, s, p: [r.to_json() for r in extractor.extract(t, s, p)], 0.8)
    assert rep.types.f1 >= 0.95
    assert rep.accepted.precision >= 0.97
    assert rep.verbal.f1 >= 0.93  # round 5: 0.946
    assert rep.additional.f1 >= 0.93
    # calibration: what is accepted without review is right more often than what is flagged
    high = [ok / n for low, (ok, n) in rep.calibration.items() if low >= 0.85 and n >= 20]
    assert high and min(high) >= 0.95
