"""Bootstrap intervals of ``ryhti extract --evaluate``: per-entry counts, the seeded resampling,
the text and JSON output, and ``--bootstrap`` on the command line."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ryhti.cli import main
from ryhti.nlp import bootstrap
from ryhti.nlp.bootstrap import DEFAULT_REPLICATES, DEFAULT_SEED, resample_sums
from ryhti.nlp.evaluate import (
    ENTRY_COLUMNS,
    INTERVAL_OF,
    Counts,
    format_report,
    read_gold,
    score,
)

DATA = Path(__file__).resolve().parents[1] / "data"
MEASURES = tuple(INTERVAL_OF)


def _reg(type_, *, review=False, confidence=0.9, value=None, verbal=(), additional=()):
    out = {
        "type": type_,
        "confidence": confidence,
        "review": review,
        "verbalRegulations": list(verbal),
        "additionalInformations": [{"type": a} for a in additional],
    }
    if value is not None:
        out["value"] = value
    return out


def _score(entries):
    """Score (gold, predicted regulations) pairs with a predictor that looks its answer up."""
    rows, answers = [], {}
    for i, (gold, regs) in enumerate(entries):
        rows.append({"id": str(i), "text": f"entry {i}", "gold": gold})
        answers[f"entry {i}"] = {"regulations": regs, "modifiers": []}
    return score(rows, lambda t, s, p: answers[t], 0.8)


def _value(n):
    return {"number": n, "unitOfMeasure": None}


#: A hand-made set and the per-entry counts (ENTRY_COLUMNS order) each entry must give.
HAND = [
    ({"types": ["A"]}, [_reg("A")]),
    ({"types": ["A"]}, [_reg("B")]),
    ({"types": ["B"]}, [_reg("B", review=True, confidence=0.6)]),
    ({"types": ["C", "D"]}, [_reg("C")]),
    ({"types": ["S"], "verbal": ["v1", "v2"]}, [_reg("S", verbal=["v1", "v3"])]),
    (
        {"types": ["E"], "values": [{"type": "E", "number": 3, "unit": None}]},
        [_reg("E", value=_value(3))],
    ),
    (
        {"types": ["E"], "values": [{"type": "E", "number": 4, "unit": None}]},
        [_reg("E", value=_value(5))],
    ),
    ({"types": ["A"], "additional": ["x"]}, [_reg("A", additional=["x"])]),
]
#         types tp fp fn, accepted tp fp, values gold matched, additional tp fp fn, verbal tp fp fn
HAND_COUNTS = [
    (1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
    (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1),
    (1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0),
    (1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0),
    (1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0),
]


def _figure(measure, total):
    """The figure of one measure from summed counts, written the way the report writes it
    (Counts' P/R/F1), or None when the sums hold no data for it."""
    c = dict(zip(ENTRY_COLUMNS, total, strict=True))
    if measure == "auto_accepted":
        n = c["accepted_tp"] + c["accepted_fp"]
        return c["accepted_tp"] / n if n else None
    if measure == "values":
        return c["values_matched"] / c["values_gold"] if c["values_gold"] else None
    key = "types" if measure == "types_micro" else measure
    counts = Counts(c[f"{key}_tp"], c[f"{key}_fp"], c[f"{key}_fn"])
    return counts.f1 if counts.tp + counts.fp + counts.fn else None


def _loop_sums(rows, replicates, seed):
    """Each replicate's summed counts with plain loops over the same draws."""
    rng = np.random.default_rng(seed)
    sums = []
    for draw in rng.integers(0, len(rows), size=(replicates, len(rows))).tolist():
        total = [0] * len(rows[0])
        for i in draw:
            for k, v in enumerate(rows[i]):
                total[k] += v
        sums.append(total)
    return sums


def _loop_intervals(rows, replicates, seed):
    """The bootstrap with plain loops, and numpy's default ('linear') percentile written out."""
    sums = _loop_sums(rows, replicates, seed)
    out = {}
    for measure in MEASURES:
        figures = []
        for total in sums:
            f = _figure(measure, total)
            if f is not None:
                figures.append(f)
        figures.sort()

        def pct(q, figures=figures):
            pos = q * (len(figures) - 1)
            lo = math.floor(pos)
            hi = min(lo + 1, len(figures) - 1)
            return figures[lo] + (figures[hi] - figures[lo]) * (pos - lo)

        out[measure] = (pct(0.025), pct(0.975)) if figures else None
    return out


def _point(rep, measure):
    return {
        "types_micro": rep.types.f1,
        "auto_accepted": rep.accepted.precision,
        "values": rep.value_exact,
        "additional": rep.additional.f1,
        "verbal": rep.verbal.f1,
    }[measure]


def test_the_report_keeps_each_entrys_counts():
    rep = _score(HAND)
    assert rep.per_entry == HAND_COUNTS
    # and they add up to the totals the report prints
    total = dict(zip(ENTRY_COLUMNS, np.array(rep.per_entry).sum(axis=0).tolist(), strict=True))
    assert (total["types_tp"], total["types_fp"], total["types_fn"]) == (7, 1, 2)
    assert (rep.types.tp, rep.types.fp, rep.types.fn) == (7, 1, 2)
    assert (total["accepted_tp"], total["accepted_fp"]) == (rep.accepted.tp, rep.accepted.fp)
    assert (total["values_gold"], total["values_matched"]) == (2, 1)
    assert (rep.values_gold, rep.values_matched) == (2, 1)
    assert (total["verbal_tp"], total["verbal_fp"], total["verbal_fn"]) == (1, 1, 1)


def test_the_intervals_match_a_plain_loop_computation():
    rep = _score(HAND)
    assert resample_sums(np.array(HAND_COUNTS), 200, DEFAULT_SEED).tolist() == _loop_sums(
        HAND_COUNTS, 200, DEFAULT_SEED
    )
    # every measure, however few its entries (values has 2, verbal and additional 1); an odd
    # replicate count puts the percentiles between order statistics
    for replicates in (DEFAULT_REPLICATES, 37):
        got = rep.intervals(replicates, DEFAULT_SEED, min_entries=1)
        expected = _loop_intervals(HAND_COUNTS, replicates, DEFAULT_SEED)
        assert set(got) == set(MEASURES)
        for measure in MEASURES:
            assert got[measure] == pytest.approx(expected[measure], abs=1e-12), measure
    got = rep.intervals(min_entries=1)
    # the set is small, so the intervals are wide: types F1 0.824 is nowhere near pinned down
    lo, hi = got["types_micro"]
    assert hi - lo > 0.2


@st.composite
def _entry_counts(draw):
    """One entry's counts as the scorer could give them: no more values matched than gold."""
    row = [draw(st.integers(0, 3)) for _ in ENTRY_COLUMNS]
    gold = ENTRY_COLUMNS.index("values_gold")
    matched = ENTRY_COLUMNS.index("values_matched")
    row[matched] = min(row[matched], row[gold])
    return tuple(row)


@settings(max_examples=25, deadline=None)
@given(st.lists(_entry_counts(), min_size=1, max_size=12), st.integers(0, 2**32 - 1))
def test_vectorised_and_loop_bootstraps_agree(rows, seed):
    rep = _score([])
    rep.per_entry = list(rows)
    got = rep.intervals(60, seed, min_entries=1)
    expected = _loop_intervals(rows, 60, seed)
    for measure in MEASURES:
        if expected[measure] is None:
            assert got[measure] is None
            continue
        lo, hi = got[measure]
        assert (lo, hi) == pytest.approx(expected[measure], abs=1e-12)
        assert 0.0 <= lo <= hi <= 1.0


def test_same_input_same_interval_and_the_seed_matters():
    first = _score(HAND * 3)
    second = _score(HAND * 3)
    assert first.intervals() == second.intervals()
    assert format_report(first, "x") == format_report(second, "x")
    assert json.dumps(first.summary()) == json.dumps(second.summary())
    assert first.intervals(seed=DEFAULT_SEED + 1) != first.intervals()


def test_a_set_that_is_all_right_has_intervals_of_one():
    entries = [
        (
            {
                "types": ["E"],
                "values": [{"type": "E", "number": i, "unit": None}],
                "additional": ["x"],
                "verbal": ["v"],
            },
            [_reg("E", value=_value(i), additional=["x"], verbal=["v"])],
        )
        for i in range(1, 21)
    ]
    rep = _score(entries)
    intervals = rep.intervals()
    assert intervals == dict.fromkeys(MEASURES, (1.0, 1.0))
    text = format_report(rep)
    assert text.count("95% CI [1.000, 1.000]") == 5


def test_the_interval_narrows_when_the_set_is_larger():
    one = _score(HAND).intervals(min_entries=1)
    four = _score(HAND * 4).intervals(min_entries=1)
    for measure in ("types_micro", "auto_accepted", "values"):
        width_one = one[measure][1] - one[measure][0]
        width_four = four[measure][1] - four[measure][0]
        # 1/sqrt(4) of the width in theory; allow for the coarse percentiles of a tiny set
        assert 0 < width_four < 0.75 * width_one, measure


def test_the_point_estimate_lies_inside_its_interval(extractor):
    rows = read_gold(DATA / "nlp_labelled_test2.jsonl")
    real = score(rows, lambda t, s, p: extractor.extract_entry(t, s, p).to_json(), 0.8)
    for rep in (real, _score(HAND * 4)):
        intervals = rep.intervals()
        for measure in MEASURES:
            if intervals[measure] is None:  # the hand set's verbal and additional: 4 entries
                assert rep is not real and rep.entries_with_data()[measure] == 4
                continue
            lo, hi = intervals[measure]
            assert lo - 1e-12 <= _point(rep, measure) <= hi + 1e-12, measure
    # a measure in which the own-wording set has errors has no interval that is a single point
    # (auto-accepted precision reached 1.000 on it in round 5: no error left to resample)
    with_errors = {m: iv for m, iv in real.intervals().items() if _point(real, m) < 1.0}
    assert len(with_errors) >= 3
    assert all(hi > lo for lo, hi in with_errors.values())


def test_a_measure_with_data_in_too_few_entries_gets_none():
    rep = _score(HAND * 2)  # verbal and additional in 2 entries, values in 4, of 16
    assert rep.entries_with_data() == {
        "types_micro": 16,
        "auto_accepted": 14,
        "values": 4,
        "additional": 2,
        "verbal": 2,
    }
    intervals = rep.intervals()
    assert intervals["values"] is None and intervals["verbal"] is None
    assert intervals["types_micro"] is not None and intervals["auto_accepted"] is not None
    # a single entry only repeats itself: the interval would be a point, which says nothing
    assert rep.intervals(min_entries=1)["verbal"] == (0.5, 0.5)
    text = format_report(rep)
    assert "   F1 95% CI n/a (data in 2 of 16 entries)" in text
    assert "   exact match 95% CI n/a (data in 4 of 16 entries)" in text
    summary = rep.summary()
    assert summary["verbal"]["ci95"] is None and summary["verbal"]["entries_with_data"] == 2
    assert len(_score(HAND * 3).intervals()) == 5
    assert _score(HAND * 3).intervals()["values"] is not None  # 6 entries


def test_a_measure_without_data_gets_no_interval():
    # types only, every prediction flagged: no values, additional, verbal or auto-accepted data
    rep = _score([({"types": ["A"]}, [_reg("A", review=True, confidence=0.5)])] * 10)
    intervals = rep.intervals()
    assert intervals["types_micro"] == (1.0, 1.0)
    for measure in ("auto_accepted", "values", "additional", "verbal"):
        assert intervals[measure] is None
    lines = format_report(rep).splitlines()
    assert [line for line in lines if "95% CI [" in line] == [lines[1]]
    summary = rep.summary()
    assert summary["types_micro"]["ci95"] == [1.0, 1.0]
    assert summary["values"]["ci95"] is None and summary["verbal"]["ci95"] is None
    assert summary["values"]["entries_with_data"] == 0


def test_intervals_only_add_to_the_existing_lines():
    rep = _score(HAND * 5)  # every measure in at least 5 entries
    without = format_report(rep, "t", bootstrap=0).splitlines()
    with_ci = format_report(rep, "t").splitlines()
    assert "CI" not in "\n".join(without)
    # the same lines, in the same order, each one the old line with the interval after it …
    ci_line = next(i for i, line in enumerate(with_ci) if line.startswith("95% CI "))
    kept = with_ci[:ci_line] + with_ci[ci_line + 1 :]
    assert len(kept) == len(without)
    for old, new in zip(without, kept, strict=True):
        assert new.startswith(old)
    assert sum("95% CI [" in line for line in with_ci) == 5
    # … and one line that says how the interval was drawn
    assert f"{DEFAULT_REPLICATES} resamples of the 40 entries" in with_ci[ci_line]
    assert f"seed {DEFAULT_SEED}" in with_ci[ci_line]


def test_resampling_in_blocks_draws_whole_replicates(monkeypatch):
    monkeypatch.setattr(bootstrap, "_BLOCK", 7)  # 5 entries → one replicate per block
    counts = np.array([[1, 0], [1, 2], [1, 0], [1, 1], [1, 5]])
    sums = resample_sums(counts, 40, seed=3)
    assert sums.shape == (40, 2)
    assert (sums[:, 0] == 5).all()  # every replicate draws as many entries as the set has
    assert np.array_equal(sums, resample_sums(counts, 40, seed=3))
    assert resample_sums(counts, 0).shape == (0, 2)


# --- the command ------------------------------------------------------------------------


def _gold(tmp_path, n=25):
    path = tmp_path / "gold.jsonl"
    lines = (DATA / "nlp_labelled_test2.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(capsys, *args):
    main(list(args))
    return capsys.readouterr().out


def test_evaluate_prints_intervals_and_bootstrap_0_prints_none(tmp_path, capsys):
    gold = _gold(tmp_path)
    out = _run(capsys, "extract", "--evaluate", str(gold))
    assert out == _run(capsys, "extract", "--evaluate", str(gold))  # re-runs print the same
    types_line = next(
        line for line in out.splitlines() if line.startswith("regulation types  micro")
    )
    assert "F1 95% CI [" in types_line
    assert "resamples of the 25 entries with replacement (seed 13)" in out
    off = _run(capsys, "extract", "--evaluate", str(gold), "--bootstrap", "0")
    assert "CI" not in off
    assert off.splitlines()[1:5] == [
        line.split("   F1 95% CI")[0].split("   exact match 95% CI")[0]
        for line in out.splitlines()[1:5]
    ]
    few = _run(capsys, "extract", "--evaluate", str(gold), "--bootstrap", "50")
    assert "over 50 resamples" in few and few != out


def test_evaluate_json_carries_the_intervals(tmp_path, capsys):
    gold = _gold(tmp_path)
    data = json.loads(_run(capsys, "extract", "--evaluate", str(gold), "--format", "json"))
    assert data["bootstrap_replicates"] == DEFAULT_REPLICATES
    assert data["bootstrap_seed"] == DEFAULT_SEED
    # the first 25 lines of the set have no verbal topics or additional information
    for measure in ("verbal", "additional"):
        assert data[measure]["tp"] + data[measure]["fp"] + data[measure]["fn"] == 0
        assert data[measure]["ci95"] is None and data[measure]["entries_with_data"] == 0
    for measure, figure in INTERVAL_OF.items():
        entry = data[measure]
        assert entry["ci95_of"] == figure
        if measure in ("verbal", "additional"):
            continue
        lo, hi = entry["ci95"]
        assert 0.0 <= lo <= entry[figure] + 1e-12 and entry[figure] - 1e-12 <= hi <= 1.0
    # the old keys stay as they were
    assert data["value_exact_match"] == data["values"]["exact_match"]
    assert data["auto_accepted_precision"] == data["auto_accepted"]["precision"]
    off = json.loads(
        _run(capsys, "extract", "--evaluate", str(gold), "--format", "json", "--bootstrap", "0")
    )
    assert off["bootstrap_replicates"] == 0
    assert all(off[measure]["ci95"] is None for measure in INTERVAL_OF)


def test_bootstrap_needs_evaluate_and_its_help_names_the_defaults(capsys):
    with pytest.raises(SystemExit) as ex:
        main(["extract", "--text", "e=0,8", "--bootstrap", "10"])
    assert ex.value.code == 2
    assert "--bootstrap" in capsys.readouterr().err
    main(["extract", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"fixed seed {DEFAULT_SEED})" in help_text
    assert f"[default: {DEFAULT_REPLICATES}]" in help_text
