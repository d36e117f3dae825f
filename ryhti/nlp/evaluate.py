"""Measure extraction against gold lines: types, values, additional information, topics, calibration.

A gold line is ``{"id", "text", "sign", "plan_type", "gold": {…}}``; the gold follows the
labelling spec (the project's guideline in ``tests/data/README.md``, which follows
``corpus/LABELLING.md`` of the reference material) in two tiers:

* ``types`` / ``additional`` / ``verbal`` – the codes a careful planner would *certainly* use;
  they are scored for recall. ``types_match`` / ``additional_match`` ``"any"`` means the legend
  covers several codes and any one of them is right ("Kadun tai puiston nimi"): the group counts
  once, found when one of its codes is predicted.
* ``types_alt`` / ``additional_alt`` / ``verbal_alt`` – defensible alternatives: predicting them is
  not a false positive, not predicting them is not a miss.
* ``values`` (``{"type", "number" | "min"/"max", "unit"}``) must be found; ``values_optional``
  may be (a predicted value that matches one is not wrong).

Figures:

* **types** – micro P/R/F1 over the per-entry code sets, macro F1 over the codes seen;
* **auto-accepted precision** – of the predicted (entry, type) pairs the extractor did not flag
  for review, the share that is right (in the gold or its alternatives): what a planner who
  trusts unflagged output gets;
* **calibration** – predicted (entry, type) pairs by confidence bucket, with the precision of
  each bucket: a confidence means something when the precision of its bucket is close to it;
* **values** – exact match = gold values found / gold values (same type, number or range, unit);
* **additional / verbal** – micro P/R/F1 over the per-entry code sets (the additional set is the
  regulations' additional information and the entry-level modifiers: the gold labels what the
  entry says, whichever regulation carries it);
* **95 % intervals** – for types micro F1, auto-accepted precision, values exact match,
  additional F1 and verbal F1: the 2.5th–97.5th percentiles of the figure over bootstrap
  resamples of the *entries* (default 1,000, fixed seed, so a re-run prints the same interval;
  :mod:`ryhti.nlp.bootstrap`). On a small set a figure under its target may be noise: when the
  interval reaches the target, the set does not show the figure is below it. A measure with no
  data (no gold values, nothing auto-accepted) gets no interval, one with data in fewer than
  five entries ``n/a`` (resampling so few can only repeat them). The interval covers sampling
  of entries only, not labelling errors; it understates the uncertainty on a set the rules were
  tuned on, and a figure of 1.000 gets [1.000, 1.000] (the resamples hold no error the set does
  not). The per-entry counts behind it are kept in :attr:`Report.per_entry`.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ryhti.errors import InputError
from ryhti.nlp.bootstrap import (
    DEFAULT_REPLICATES,
    DEFAULT_SEED,
    MIN_ENTRIES,
    percentile_interval,
    ratio,
    resample_sums,
)

#: Lower edges of the calibration buckets (the last bucket includes 1.0).
BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)

#: Columns of :attr:`Report.per_entry`: an entry's counts for each measure that has an interval.
ENTRY_COLUMNS = (
    "types_tp",
    "types_fp",
    "types_fn",
    "accepted_tp",
    "accepted_fp",
    "values_gold",
    "values_matched",
    "additional_tp",
    "additional_fp",
    "additional_fn",
    "verbal_tp",
    "verbal_fp",
    "verbal_fn",
)
#: The measures with an interval (keys of :meth:`Report.intervals` and of :meth:`Report.summary`)
#: → the figure the interval is for.
INTERVAL_OF = {
    "types_micro": "f1",
    "auto_accepted": "precision",
    "values": "exact_match",
    "additional": "f1",
    "verbal": "f1",
}


def _weights(**columns: int) -> np.ndarray:
    return np.array([columns.get(name, 0) for name in ENTRY_COLUMNS], dtype=np.float64)


#: Each interval's figure as (numerator, denominator) weights over :data:`ENTRY_COLUMNS`, so a
#: replicate's figure is ``(sums @ num) / (sums @ den)``. F1 is written in counts,
#: 2·tp / (2·tp + fp + fn), which equals :attr:`Counts.f1` wherever there is data; an entry has
#: data for a measure when its denominator is not 0.
_RATIO_WEIGHTS = {
    "types_micro": (_weights(types_tp=2), _weights(types_tp=2, types_fp=1, types_fn=1)),
    "auto_accepted": (_weights(accepted_tp=1), _weights(accepted_tp=1, accepted_fp=1)),
    "values": (_weights(values_matched=1), _weights(values_gold=1)),
    "additional": (
        _weights(additional_tp=2),
        _weights(additional_tp=2, additional_fp=1, additional_fn=1),
    ),
    "verbal": (_weights(verbal_tp=2), _weights(verbal_tp=2, verbal_fp=1, verbal_fn=1)),
}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Report:
    entries: int = 0
    types: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    additional: Counts = field(default_factory=Counts)
    verbal: Counts = field(default_factory=Counts)
    values_gold: int = 0
    values_matched: int = 0
    values_predicted: int = 0
    values_correct_predicted: int = 0
    accepted: Counts = field(default_factory=Counts)  # tp/fp of predictions not flagged
    #: bucket lower edge → [right, predicted]
    calibration: dict[float, list[int]] = field(default_factory=dict)
    review: int = 0
    predictions: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: one row per scored entry, the counts named by :data:`ENTRY_COLUMNS` (for the bootstrap)
    per_entry: list[tuple[int, ...]] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        return self.types

    @property
    def macro_f1(self) -> float:
        vals = [c.f1 for c in self.per_type.values()]
        return sum(vals) / len(vals) if vals else 0.0

    @property
    def value_exact(self) -> float:
        return self.values_matched / self.values_gold if self.values_gold else 1.0

    @property
    def value_precision(self) -> float:
        return (
            self.values_correct_predicted / self.values_predicted if self.values_predicted else 1.0
        )

    @property
    def above(self) -> Counts:
        """Kept for callers of the old name: the auto-accepted predictions."""
        return self.accepted

    def entry_counts(self) -> np.ndarray:
        """:attr:`per_entry` as an (entries × :data:`ENTRY_COLUMNS`) integer array."""
        return np.array(self.per_entry, dtype=np.int64).reshape(-1, len(ENTRY_COLUMNS))

    def entries_with_data(self) -> dict[str, int]:
        """Per measure of :data:`INTERVAL_OF`, how many entries say anything about it (gold or
        predicted codes, gold values, auto-accepted predictions): the evidence an interval
        stands on."""
        counts = self.entry_counts()
        return {
            key: int(np.count_nonzero(counts @ den)) for key, (_, den) in _RATIO_WEIGHTS.items()
        }

    def intervals(
        self,
        replicates: int = DEFAULT_REPLICATES,
        seed: int = DEFAULT_SEED,
        min_entries: int = MIN_ENTRIES,
    ) -> dict[str, tuple[float, float] | None]:
        """95 % percentile intervals of the figures in :data:`INTERVAL_OF`, entries resampled.

        ``{}`` when ``replicates`` is 0 (no bootstrap) or nothing was scored. A measure with
        data in fewer than ``min_entries`` entries maps to ``None``: without data there is no
        figure to put an interval around, and resampling one or two entries gives an interval
        that looks narrow only because there is nothing to vary.
        """
        if replicates <= 0 or not self.per_entry:
            return {}
        counts = self.entry_counts()
        with_data = self.entries_with_data()
        sums = resample_sums(counts, replicates, seed)
        out: dict[str, tuple[float, float] | None] = {}
        for key, (num, den) in _RATIO_WEIGHTS.items():
            if with_data[key] < max(min_entries, 1):
                out[key] = None
            else:
                out[key] = percentile_interval(ratio(sums @ num, sums @ den))
        return out

    def calibration_rows(self) -> list[dict[str, Any]]:
        """One row per non-empty bucket: range, predictions, precision."""
        rows = []
        for i, low in enumerate(BUCKETS):
            right, total = self.calibration.get(low, [0, 0])
            if not total:
                continue
            high = BUCKETS[i + 1] if i + 1 < len(BUCKETS) else 1.0
            rows.append(
                {
                    "bucket": f"[{low:.2f}, {high:.2f}{']' if high == 1.0 else ')'}",
                    "predictions": total,
                    "right": right,
                    "precision": right / total,
                }
            )
        return rows

    def summary(
        self, bootstrap: int = DEFAULT_REPLICATES, seed: int = DEFAULT_SEED
    ) -> dict[str, Any]:
        """The figures as JSON. Each measure of :data:`INTERVAL_OF` carries ``"ci95": [lo, hi]``
        (``null`` with ``bootstrap=0`` or data in fewer than :data:`MIN_ENTRIES` entries),
        ``"ci95_of"`` (the figure it is for) and ``"entries_with_data"``;
        ``bootstrap_replicates`` and ``bootstrap_seed`` say how it was drawn."""
        out = {
            "entries": self.entries,
            "types_micro": self.types.as_dict(),
            "types_macro_f1": self.macro_f1,
            "value_exact_match": self.value_exact,
            "value_gold": self.values_gold,
            "value_matched": self.values_matched,
            "value_precision": self.value_precision,
            "values": {
                "exact_match": self.value_exact,
                "matched": self.values_matched,
                "gold": self.values_gold,
                "precision": self.value_precision,
            },
            "auto_accepted_precision": self.accepted.precision,
            "auto_accepted": {
                "precision": self.accepted.precision,
                "right": self.accepted.tp,
                "wrong": self.accepted.fp,
            },
            "precision_above_threshold": self.accepted.precision,
            "predictions": self.predictions,
            "marked_for_review": self.review,
            "additional": self.additional.as_dict(),
            "verbal": self.verbal.as_dict(),
            "calibration": self.calibration_rows(),
            "bootstrap_replicates": max(bootstrap, 0),
            "bootstrap_seed": seed,
        }
        intervals = self.intervals(bootstrap, seed)
        with_data = self.entries_with_data()
        for key, figure in INTERVAL_OF.items():
            ci = intervals.get(key)
            out[key]["ci95"] = list(ci) if ci is not None else None
            out[key]["ci95_of"] = figure
            out[key]["entries_with_data"] = with_data[key]
        return out


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold lines; a line that is not a gold object raises :class:`InputError` naming it."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file: {exc.strerror}", source=p) from exc
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc.msg}", source=p, where=f"line {n}") from exc
        if not isinstance(row, dict) or not isinstance(row.get("gold"), dict):
            raise InputError("a gold line needs a 'gold' object", source=p, where=f"line {n}")
        if not isinstance(row.get("text"), str):
            hint = (
                "this line points at its text in the reference material: "
                "write the set with its texts first (benchmarks/nlp_real.py materialise)"
                if "source" in row
                else None
            )
            raise InputError("a gold line needs 'text'", source=p, where=f"line {n}", hint=hint)
        out.append(row)
    return out


def _num_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-6)
    except (TypeError, ValueError):
        return False


def _pred_values(regs: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for r in regs:
        v = r.get("value")
        if isinstance(v, dict) and ("number" in v or "minimumValue" in v):
            out.append((r["type"], v))
        for a in r.get("additionalInformations") or []:
            av = a.get("value")
            if isinstance(av, dict) and ("number" in av or "minimumValue" in av):
                out.append((a["type"], av))
    return out


def _value_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if gold.get("unit") != pred.get("unitOfMeasure"):
        return False
    if "number" in gold:
        return _num_equal(gold["number"], pred.get("number"))
    return _num_equal(gold.get("min"), pred.get("minimumValue")) and _num_equal(
        gold.get("max"), pred.get("maximumValue")
    )


def _codes(gold: dict[str, Any], predicted: set[str], key: str) -> tuple[Counts, dict[str, Counts]]:
    """Counts for one entry's ``key`` codes (two tiers, ``all`` or ``any``), and per code."""
    certain = set(gold.get(key) or [])
    alternatives = set(gold.get(f"{key}_alt") or [])
    counts = Counts()
    per: dict[str, Counts] = defaultdict(Counts)
    if gold.get(f"{key}_match") == "any" and certain:
        found = certain & predicted
        if found:
            counts.tp += 1
            for code in found:
                per[code].tp += 1
        else:
            counts.fn += 1
            per["any(" + "|".join(sorted(certain)) + ")"].fn += 1
    else:
        for code in certain & predicted:
            counts.tp += 1
            per[code].tp += 1
        for code in certain - predicted:
            counts.fn += 1
            per[code].fn += 1
    for code in predicted - certain - alternatives:
        counts.fp += 1
        per[code].fp += 1
    return counts, per


def _bucket(confidence: float) -> float:
    low = BUCKETS[0]
    for edge in BUCKETS:
        if confidence >= edge:
            low = edge
    return low


def score(rows: Iterable[dict[str, Any]], predict: Any, threshold: float) -> Report:
    """Score ``predict(text, sign, plan_type)`` on gold ``rows``: it returns the entry JSON
    ``{"regulations": [...], "modifiers": [...]}`` (or just the list of regulations).

    ``threshold`` is kept for callers; what counts as auto-accepted is each result's own
    ``review`` flag (the extractor sets it from the threshold and from its review reasons).
    """
    del threshold
    rep = Report()
    for row in rows:
        rep.entries += 1
        gold = row["gold"]
        found = predict(row.get("text") or "", row.get("sign"), row.get("plan_type"))
        regs, mods = _split(found)
        confidence: dict[str, float] = {}
        flagged: dict[str, bool] = {}
        for r in regs:
            t = r["type"]
            confidence[t] = max(confidence.get(t, 0.0), float(r.get("confidence", 0.0)))
            # a type is auto-accepted when any of its results carries no review flag
            flagged[t] = flagged.get(t, True) and bool(r.get("review"))
            rep.predictions += 1
            if r.get("review"):
                rep.review += 1
        predicted = set(confidence)
        counts, per = _codes(gold, predicted, "types")
        rep.types.add(counts)
        for code, c in per.items():
            rep.per_type[code].add(c)
        right = set(gold.get("types") or []) | set(gold.get("types_alt") or [])
        for t, conf in confidence.items():
            ok = t in right
            if not flagged[t]:
                if ok:
                    rep.accepted.tp += 1
                else:
                    rep.accepted.fp += 1
            cell = rep.calibration.setdefault(_bucket(conf), [0, 0])
            cell[0] += ok
            cell[1] += 1
        # the entry's additional information: its regulations' and its entry-level modifiers'
        padd = {a["type"] for r in regs for a in (r.get("additionalInformations") or [])}
        padd |= {m["type"] for m in mods}
        add_counts = _codes(gold, padd, "additional")[0]
        rep.additional.add(add_counts)
        pverb = {v for r in regs for v in (r.get("verbalRegulations") or [])}
        verb_counts = _codes(gold, pverb, "verbal")[0]
        rep.verbal.add(verb_counts)
        preds = _pred_values(regs)
        used = [False] * len(preds)
        gvals = gold.get("values") or []
        rep.values_gold += len(gvals)
        for gv in gvals:
            for i, (t, pv) in enumerate(preds):
                if not used[i] and t == gv["type"] and _value_match(gv, pv):
                    used[i] = True
                    rep.values_matched += 1
                    break
        matched_gold = sum(used)
        optional = 0
        for ov in gold.get("values_optional") or []:
            for i, (t, pv) in enumerate(preds):
                if not used[i] and t == ov["type"] and _value_match(ov, pv):
                    used[i] = True
                    optional += 1
                    break
        rep.values_predicted += len(preds) - optional
        rep.values_correct_predicted += matched_gold
        accepted = [t for t in confidence if not flagged[t]]
        accepted_right = sum(t in right for t in accepted)
        rep.per_entry.append(
            (
                counts.tp,
                counts.fp,
                counts.fn,
                accepted_right,
                len(accepted) - accepted_right,
                len(gvals),
                matched_gold,
                add_counts.tp,
                add_counts.fp,
                add_counts.fn,
                verb_counts.tp,
                verb_counts.fp,
                verb_counts.fn,
            )
        )
        if counts.fp or counts.fn or matched_gold != len(gvals):
            certain = set(gold.get("types") or [])
            rep.errors.append(
                {
                    "id": row.get("id"),
                    "missing": sorted(certain - predicted),
                    "extra": sorted(predicted - right),
                    "values": f"{matched_gold}/{len(gvals)}",
                }
            )
    return rep


def _split(found: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(regulations, modifiers) of what a predictor returned: ``{"regulations", "modifiers"}``
    (the extractor's entry JSON), or a plain list of regulations."""
    if isinstance(found, dict):
        return list(found.get("regulations") or []), list(found.get("modifiers") or [])
    return list(found), []


def format_report(
    rep: Report,
    title: str = "",
    per_type: bool = True,
    bootstrap: int = DEFAULT_REPLICATES,
    seed: int = DEFAULT_SEED,
) -> str:
    """A plain-text table of the figures; with ``bootstrap`` replicates (0: none) each headline
    figure gets its 95 % interval at the end of its line (``n/a`` when too few entries hold
    data for it, nothing when none does) and one line says how it was drawn."""
    m = rep.types
    intervals = rep.intervals(bootstrap, seed)
    with_data = rep.entries_with_data() if intervals else {}

    def ci(key: str, figure: str) -> str:
        interval = intervals.get(key)
        if interval is not None:
            return f"   {figure}95% CI [{interval[0]:.3f}, {interval[1]:.3f}]"
        if with_data.get(key):
            return f"   {figure}95% CI n/a (data in {with_data[key]} of {rep.entries} entries)"
        return ""

    lines = []
    if title:
        lines.append(title)
    lines.append(
        f"entries: {rep.entries}   predictions: {rep.predictions}   marked for review: {rep.review}"
    )
    lines.append(
        f"regulation types  micro P {m.precision:.3f}  R {m.recall:.3f}  F1 {m.f1:.3f}   (tp {m.tp}, fp {m.fp}, fn {m.fn})"
        + ci("types_micro", "F1 ")
    )
    lines.append(f"regulation types  macro F1 {rep.macro_f1:.3f}  over {len(rep.per_type)} types")
    lines.append(
        f"values            exact match {rep.value_exact:.3f} ({rep.values_matched}/{rep.values_gold})   precision {rep.value_precision:.3f}"
        + ci("values", "exact match ")
    )
    a = rep.accepted
    lines.append(
        f"auto-accepted (review = false) precision {a.precision:.3f} ({a.tp}/{a.tp + a.fp}; {a.fp} wrong without a review flag)"
        + ci("auto_accepted", "")
    )
    ad, v = rep.additional, rep.verbal
    lines.append(
        f"additional info   P {ad.precision:.3f}  R {ad.recall:.3f}  F1 {ad.f1:.3f}"
        + ci("additional", "F1 ")
    )
    lines.append(
        f"verbal types      P {v.precision:.3f}  R {v.recall:.3f}  F1 {v.f1:.3f}"
        + ci("verbal", "F1 ")
    )
    lines.append(format_calibration(rep))
    if intervals:
        lines.append(
            f"95% CI            2.5–97.5th percentiles of the figure over {bootstrap} resamples of the "
            f"{rep.entries} entries with replacement (seed {seed}); a target inside it is within sampling noise"
        )
    if per_type:
        lines.append("")
        lines.append(f"{'type':60} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
        for t, c in sorted(rep.per_type.items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0])):
            lines.append(
                f"{t[:60]:60} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp + c.fn:4d}"
            )
    return "\n".join(lines)


def format_calibration(rep: Report) -> str:
    """Confidence bucket → how many predictions and how many of them right."""
    rows = rep.calibration_rows()
    parts = [f"{r['bucket']} {r['right']}/{r['predictions']} = {r['precision']:.2f}" for r in rows]
    return "calibration       " + ("   ".join(parts) if parts else "(no predictions)")
